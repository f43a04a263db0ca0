//! Editors for each kind of plan section. Each gets the section's content and reports every
//! change at once, so the plan autosaves as the user types.

mod actions;
mod budget;
mod checklist;
mod kpis;
mod list;
mod review_log;
mod risks;
mod roadmap;
mod schedule;
mod stakeholders;

use yew::prelude::*;

use crate::browser::events::{is_from_select, on_input_value, on_value, target_id};
use crate::browser::page::focus_later;
use crate::browser::text_fit::GROWS;
use crate::domain::plans::{Content, SectionKind};

/// A section's new content, as the editor reports it.
pub struct SectionChange {
    /// The section's key in the template.
    pub section: AttrValue,
    pub title: AttrValue,
    pub content: Content,
    /// The change removes a row (a person, an item), so it is worth offering to undo.
    pub removes_row: bool,
}

/// A row to move to another position within its section, as the editor reports it.
pub struct RowMove {
    /// The section's key in the template.
    pub section: AttrValue,
    pub from: usize,
    pub to: usize,
    /// What the row is called, for the announcement of where it went.
    pub what: String,
    /// How many rows the section has.
    pub count: usize,
}

/// Reports moving row `from` to `to`, with what the row is called.
type OnMove = Callback<(usize, usize, String)>;

#[derive(Properties, PartialEq)]
pub struct SectionEditorProps {
    /// Unique per section on the page; prefixes element ids.
    pub id: AttrValue,
    /// The section's key in the template, reported with each change.
    pub section: AttrValue,
    /// The section's title, used to label its controls.
    pub title: AttrValue,
    pub kind: SectionKind,
    pub content: Content,
    pub currency: AttrValue,
    /// The same callback for every section and every render, so that typing in one section
    /// re-renders that section's editor only: the others' props stay equal.
    pub on_change: Callback<SectionChange>,
    /// The same for moving a row; kept as constant as `on_change`.
    pub on_move: Callback<RowMove>,
}

/// The editor for a section's kind.
#[component]
pub fn SectionEditor(props: &SectionEditorProps) -> Html {
    let id = props.id.clone();
    let title = props.title.clone();
    let on_change = {
        let (on_change, section, title) = (
            props.on_change.clone(),
            props.section.clone(),
            props.title.clone(),
        );
        let rows = props.content.row_count();
        Callback::from(move |content: Content| {
            on_change.emit(SectionChange {
                section: section.clone(),
                title: title.clone(),
                removes_row: content.row_count() < rows,
                content,
            })
        })
    };
    let on_move: OnMove = {
        let (on_move, section) = (props.on_move.clone(), props.section.clone());
        let count = props.content.row_count();
        Callback::from(move |(from, to, what): (usize, usize, String)| {
            on_move.emit(RowMove {
                section: section.clone(),
                from,
                to,
                what,
                count,
            })
        })
    };
    match (&props.content, props.kind) {
        (Content::Text(text), _) => {
            let oninput = on_input_value(move |v| on_change.emit(Content::Text(v)));
            html! {
                <textarea id={format!("{id}-text")} class="plan-text" rows="5" aria-label={title} value={text.clone()} {oninput} />
            }
        }
        (Content::List(items), kind) => {
            let max = match kind {
                SectionKind::List { max } => max,
                _ => None,
            };
            let on_change = Callback::from(move |items| on_change.emit(Content::List(items)));
            list::ListEditor {
                id,
                title,
                items: items.clone(),
                max,
                on_change,
                on_move,
            }
            .view()
        }
        (Content::Checklist(items), _) => {
            let on_change = Callback::from(move |items| on_change.emit(Content::Checklist(items)));
            checklist::ChecklistEditor {
                id,
                title,
                items: items.clone(),
                on_change,
                on_move,
            }
            .view()
        }
        (Content::Stakeholders(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::Stakeholders(rows)));
            stakeholders::StakeholdersEditor {
                id,
                rows: rows.clone(),
                on_change,
                on_move,
            }
            .view()
        }
        (Content::Kpis(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::Kpis(rows)));
            kpis::KpisEditor {
                id,
                rows: rows.clone(),
                on_change,
                on_move,
            }
            .view()
        }
        (Content::Budget(budget), _) => {
            let on_change = Callback::from(move |b| on_change.emit(Content::Budget(b)));
            html! { <budget::BudgetEditor {id} budget={budget.clone()} currency={props.currency.clone()} {on_change} /> }
        }
        (Content::Schedule(schedule), _) => {
            let on_change = Callback::from(move |s| on_change.emit(Content::Schedule(s)));
            schedule::ScheduleEditor {
                id,
                schedule: schedule.clone(),
                on_change,
            }
            .view()
        }
        (Content::Actions(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::Actions(rows)));
            actions::ActionsEditor {
                id,
                rows: rows.clone(),
                on_change,
                on_move,
            }
            .view()
        }
        (Content::ReviewLog(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::ReviewLog(rows)));
            review_log::ReviewLogEditor {
                id,
                rows: rows.clone(),
                on_change,
            }
            .view()
        }
        (Content::Risks(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::Risks(rows)));
            risks::RisksEditor {
                id,
                rows: rows.clone(),
                on_change,
                on_move,
            }
            .view()
        }
        (Content::Roadmap(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::Roadmap(rows)));
            roadmap::RoadmapEditor {
                id,
                rows: rows.clone(),
                on_change,
                on_move,
            }
            .view()
        }
    }
}

/// A click that emits a changed copy of a list of rows.
fn on_click_edit<T: Clone + 'static>(
    rows: &[T],
    on_change: &Callback<Vec<T>>,
    edit: impl Fn(&mut Vec<T>) + 'static,
) -> Callback<MouseEvent> {
    let (rows, on_change) = (rows.to_vec(), on_change.clone());
    Callback::from(move |_| {
        let mut next = rows.clone();
        edit(&mut next);
        on_change.emit(next);
    })
}

/// Typing in a field of row `i`.
fn on_row_input<T: Clone + 'static>(
    rows: &[T],
    i: usize,
    on_change: &Callback<Vec<T>>,
    set: impl Fn(&mut T, String) + 'static,
) -> Callback<InputEvent> {
    let (rows, on_change) = (rows.to_vec(), on_change.clone());
    on_input_value(move |value| {
        let mut next = rows.clone();
        set(&mut next[i], value);
        on_change.emit(next);
    })
}

/// Choosing a value (select, date) in row `i`.
fn on_row_change<T: Clone + 'static>(
    rows: &[T],
    i: usize,
    on_change: &Callback<Vec<T>>,
    set: fn(&mut T, String),
) -> Callback<Event> {
    let (rows, on_change) = (rows.to_vec(), on_change.clone());
    on_value(move |value| {
        let mut next = rows.clone();
        set(&mut next[i], value);
        on_change.emit(next);
    })
}

/// A labelled one-line text field for one column of row `i`; its id is
/// `{prefix}-{i + 1}-{name}`. A text area that wraps and grows, so that a long answer is
/// seen whole; it keeps to one line of text, as the read view and exports show it.
fn row_text_field<T: Clone + 'static>(
    prefix: &str,
    (rows, i, on_change): (&[T], usize, &Callback<Vec<T>>),
    (name, label, value): (&str, &str, &str),
    set: fn(&mut T, String),
) -> Html {
    let id = format!("{prefix}-{}-{name}", i + 1);
    let oninput = on_row_input(rows, i, on_change, move |row, v| set(row, one_line(&v)));
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_string() }</label>
            { line_area(id, value, oninput) }
        </div>
    }
}

/// A pasted line break becomes a space in a one-line field.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// A one-line text area that wraps and grows with its text; Enter does not break its line.
fn line_area(id: String, value: &str, oninput: Callback<InputEvent>) -> Html {
    html! {
        <textarea {id} class={GROWS} rows="1" value={value.to_string()} {oninput} onkeydown={keep_one_line()} />
    }
}

/// Keeps Enter from breaking the line of a one-line text area.
fn keep_one_line() -> Callback<KeyboardEvent> {
    Callback::from(|e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default()
        }
    })
}

/// A labelled date field for row `i`; its id is `{prefix}-{i + 1}-{name}`.
fn row_date_field<T: Clone + 'static>(
    prefix: &str,
    (rows, i, on_change): (&[T], usize, &Callback<Vec<T>>),
    (name, label, value): (&str, &str, &str),
    set: fn(&mut T, String),
) -> Html {
    let id = format!("{prefix}-{}-{name}", i + 1);
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_string() }</label>
            <input {id} type="date" value={value.to_string()} onchange={on_row_change(rows, i, on_change, set)} />
        </div>
    }
}

/// A labelled, full-width text area for row `i`, for answers longer than a line.
fn row_text_area<T: Clone + 'static>(
    prefix: &str,
    (rows, i, on_change): (&[T], usize, &Callback<Vec<T>>),
    (name, label, value): (&str, &str, &str),
    set: fn(&mut T, String),
) -> Html {
    let id = format!("{prefix}-{}-{name}", i + 1);
    html! {
        <div class="field field--wide">
            <label for={id.clone()}>{ label.to_string() }</label>
            <textarea {id} class={GROWS} rows="2" value={value.to_string()} oninput={on_row_input(rows, i, on_change, set)} />
        </div>
    }
}

/// A labelled select for row `i`: `choices` are (value, text) pairs, the first of them
/// usually "not chosen" with an empty value.
fn row_select<T: Clone + 'static>(
    prefix: &str,
    (rows, i, on_change): (&[T], usize, &Callback<Vec<T>>),
    (name, label, current): (&str, &str, &str),
    choices: &[(&str, &str)],
    set: fn(&mut T, String),
) -> Html {
    let id = format!("{prefix}-{}-{name}", i + 1);
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_string() }</label>
            <select {id} onchange={on_row_change(rows, i, on_change, set)}>
                { for choices.iter().map(|(value, text)| html! {
                    <option value={value.to_string()} selected={*value == current}>{ text.to_string() }</option>
                }) }
            </select>
        </div>
    }
}

/// A labelled checkbox for row `i` that flips `flag`.
fn row_checkbox<T: Clone + 'static>(
    prefix: &str,
    (rows, i, on_change): (&[T], usize, &Callback<Vec<T>>),
    (name, label, checked): (&str, &str, bool),
    flip: fn(&mut T),
) -> Html {
    let id = format!("{prefix}-{}-{name}", i + 1);
    html! {
        <div class="field field--check">
            <label class="checkbox" for={id.clone()}>
                <input {id} type="checkbox" {checked} onclick={on_click_edit(rows, on_change, move |v| flip(&mut v[i]))} />
                { label.to_string() }
            </label>
        </div>
    }
}

/// A row's "Remove" button, named after what it removes.
fn remove_button(label: String, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="button button--small button--danger" aria-label={label} {onclick}>
            { "Remove" }
        </button>
    }
}

/// An "Add" button that adds a row and moves focus into it.
fn add_button<T: Clone + Default + 'static>(
    text: &str,
    rows: &[T],
    on_change: &Callback<Vec<T>>,
    focus_id: String,
    disabled: bool,
) -> Html {
    let add = on_click_edit(rows, on_change, |v| v.push(T::default()));
    let onclick = Callback::from(move |e| {
        add.emit(e);
        crate::browser::page::focus_later(focus_id.clone());
    });
    html! { <button type="button" class="button button--small" {onclick} {disabled}>{ text.to_string() }</button> }
}

/// Where row `i` of `count` can move: one place up or down, if there is one.
fn move_target(i: usize, count: usize, up: bool) -> Option<usize> {
    if up {
        i.checked_sub(1)
    } else {
        Some(i + 1).filter(|&j| j < count)
    }
}

/// The id of the same field in another row: ids are `{prefix}-{row}` or
/// `{prefix}-{row}-{field}`, rows counted from 1.
fn same_field_in_row(id: &str, prefix: &str, from: usize, to: usize) -> Option<String> {
    let rest = id.strip_prefix(prefix)?.strip_prefix('-')?;
    let (row, field) = rest
        .split_once('-')
        .map_or((rest, None), |(r, f)| (r, Some(f)));
    (row == (from + 1).to_string()).then(|| match field {
        Some(f) => format!("{prefix}-{}-{f}", to + 1),
        None => format!("{prefix}-{}", to + 1),
    })
}

/// Alt+Up and Alt+Down anywhere in row `i` (of `count`) move it, and the keyboard stays in
/// the same field of the row in its new place. Rows' ids start with `{prefix}-{i + 1}`.
fn on_alt_arrows(
    prefix: &str,
    i: usize,
    count: usize,
    what: &str,
    on_move: &OnMove,
) -> Callback<KeyboardEvent> {
    let (prefix, what, on_move) = (prefix.to_string(), what.to_string(), on_move.clone());
    Callback::from(move |e: KeyboardEvent| {
        let up = match e.key().as_str() {
            "ArrowUp" => true,
            "ArrowDown" => false,
            _ => return,
        };
        if !e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() || is_from_select(&e) {
            return;
        }
        // At either end the keys do nothing, rather than move the caret or scroll the page.
        e.prevent_default();
        let Some(to) = move_target(i, count, up) else {
            return;
        };
        on_move.emit((i, to, what.clone()));
        if let Some(id) = target_id(&e).and_then(|id| same_field_in_row(&id, &prefix, i, to)) {
            focus_later(id);
        }
    })
}

/// "Move up" and "Move down" for row `i` of `count`, named after the row (`what`), with ids
/// `{prefix}-{i + 1}-up` and `-down`. `compact` shows arrows only, for one-line rows.
fn move_buttons(
    prefix: &str,
    i: usize,
    count: usize,
    what: &str,
    on_move: &OnMove,
    compact: bool,
) -> Html {
    if count < 2 {
        return html! {};
    }
    let button = |up: bool| {
        let to = move_target(i, count, up);
        let direction = if up { "up" } else { "down" };
        let id = format!("{prefix}-{}-{direction}", i + 1);
        let (prefix, what, on_move) = (prefix.to_string(), what.to_string(), on_move.clone());
        let label = format!("Move {what} {direction}");
        let onclick = Callback::from(move |_| {
            let Some(to) = to else { return };
            on_move.emit((i, to, what.clone()));
            // The keyboard stays on the same button as the row moves, so pressing again moves
            // it further; at either end that button is disabled, so on the other one.
            let at_end = move_target(to, count, up).is_none();
            let button = if up != at_end { "up" } else { "down" };
            focus_later(format!("{prefix}-{}-{button}", to + 1));
        });
        let text = match (compact, up) {
            (true, true) => "↑",
            (true, false) => "↓",
            (false, true) => "Move up",
            (false, false) => "Move down",
        };
        html! {
            <button type="button" {id}
                class={classes!("button", "button--small", compact.then_some("button--icon"))}
                aria-label={label.clone()} title={compact.then_some(label)} disabled={to.is_none()} {onclick}>
                { text }
            </button>
        }
    };
    html! { <>{ button(true) }{ button(false) }</> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_follows_a_moved_row_to_the_same_field() {
        let moved = |id: &str, from, to| same_field_in_row(id, "section-relationships", from, to);
        assert_eq!(
            moved("section-relationships-2-title", 1, 0).as_deref(),
            Some("section-relationships-1-title")
        );
        assert_eq!(
            moved("section-relationships-9-next", 8, 9).as_deref(),
            Some("section-relationships-10-next")
        );
        assert_eq!(
            moved("section-relationships-2-title", 0, 1),
            None,
            "another row's field"
        );
        assert_eq!(
            moved("section-relationships-to-build-item-1", 0, 1),
            None,
            "another section"
        );
        let item = |id: &str| same_field_in_row(id, "section-top-issues-item", 2, 1);
        assert_eq!(
            item("section-top-issues-item-3").as_deref(),
            Some("section-top-issues-item-2")
        );
        assert_eq!(move_target(0, 3, true), None);
        assert_eq!(move_target(2, 3, false), None);
        assert_eq!(move_target(1, 3, false), Some(2));
    }
}
