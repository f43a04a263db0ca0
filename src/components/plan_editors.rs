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

use crate::browser::events::{on_input_value, on_value};
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
            }
            .view()
        }
        (Content::Stakeholders(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::Stakeholders(rows)));
            stakeholders::StakeholdersEditor {
                id,
                rows: rows.clone(),
                on_change,
            }
            .view()
        }
        (Content::Kpis(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::Kpis(rows)));
            kpis::KpisEditor {
                id,
                rows: rows.clone(),
                on_change,
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
            }
            .view()
        }
        (Content::Roadmap(rows), _) => {
            let on_change = Callback::from(move |rows| on_change.emit(Content::Roadmap(rows)));
            roadmap::RoadmapEditor {
                id,
                rows: rows.clone(),
                on_change,
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
    set: fn(&mut T, String),
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

/// A labelled text field for one column of row `i`; its id is `{prefix}-{i + 1}-{name}`.
fn row_text_field<T: Clone + 'static>(
    prefix: &str,
    (rows, i, on_change): (&[T], usize, &Callback<Vec<T>>),
    (name, label, value): (&str, &str, &str),
    set: fn(&mut T, String),
) -> Html {
    let id = format!("{prefix}-{}-{name}", i + 1);
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_string() }</label>
            <input {id} type="text" value={value.to_string()} oninput={on_row_input(rows, i, on_change, set)} />
        </div>
    }
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
            <textarea {id} rows="2" value={value.to_string()} oninput={on_row_input(rows, i, on_change, set)} />
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
