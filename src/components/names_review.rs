//! Every piece of free text a link will carry, with people's names marked, each one to
//! reword or leave out before the link is made.

use yew::prelude::*;

use crate::browser::events::on_input_value;
use crate::domain::client_share::{Edit, Edits, TextField};
use crate::domain::name_finder::{marked, NameFinder};
use crate::hooks::use_local;

#[derive(Properties, PartialEq)]
pub struct NamesReviewProps {
    /// The text as it would go out before the sender's edits.
    pub fields: Vec<TextField>,
    pub finder: NameFinder,
    pub edits: Edits,
    /// A field's new edit, or `None` to send it as written.
    pub on_edit: Callback<(String, Option<Edit>)>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[component]
pub fn NamesReview(props: &NamesReviewProps) -> Html {
    // The field whose text is open for rewording.
    let editing = use_local(|| None::<String>);
    let shown: Vec<(&TextField, Option<&Edit>, String)> = props
        .fields
        .iter()
        .map(|f| {
            let edit = props.edits.get(&f.id);
            let text = match edit {
                Some(Edit::Reworded(t)) => t.clone(),
                _ => f.text.clone(),
            };
            (f, edit, text)
        })
        .collect();
    let counts: Vec<usize> = shown
        .iter()
        .map(|(_, edit, text)| match edit {
            Some(Edit::LeftOut) => 0,
            _ => props.finder.find(text).len(),
        })
        .collect();
    let names: usize = counts.iter().sum();
    let fields_with_names = counts.iter().filter(|&&n| n > 0).count();
    let (found, advice) = if shown.is_empty() {
        (String::new(), "No free text goes out with this link.")
    } else if names > 0 {
        (
            format!(
                "{} found in {}. ",
                plural(names, "name", "names"),
                plural(fields_with_names, "piece of text", "pieces of text")
            ),
            "They are marked below: reword the text or leave it out. The link carries the text exactly as shown here.",
        )
    } else if props.finder.is_empty() {
        (String::new(), "The plan names no stakeholders to look for. Read the text below: the link carries it exactly as shown.")
    } else {
        (
            String::new(),
            "No stakeholder names found in the text below. The link carries it exactly as shown.",
        )
    };
    // Said aloud only once a rewording is done: while it is typed, names come and go with
    // each letter, and each would interrupt.
    let announced = use_mut_ref(String::new);
    let typing = editing.as_ref().is_some_and(|id| {
        props.fields.iter().any(|f| &f.id == id)
            && !matches!(props.edits.get(id), Some(Edit::LeftOut))
    });
    if !typing {
        *announced.borrow_mut() = format!("{found}{advice}");
    }
    let announcement = announced.borrow().clone();
    html! {
        <section class="names-review" aria-labelledby="names-review-title">
            <h3 id="names-review-title">{ "Text that goes out" }</h3>
            <p class={classes!("names-review__summary", (names > 0).then_some("names-review__summary--found"))}>
                if !found.is_empty() {
                    <strong>{ found.clone() }</strong>
                }
                { advice }
            </p>
            <p class="visually-hidden" role="status">{ announcement }</p>
            if !shown.is_empty() {
                <p class="muted">{ "Changes here go into this link only: your plan stays as it is." }</p>
            }
            <ul class="names-review__list">
                { for shown.iter().zip(&counts).map(|((field, edit, text), &count)| {
                    let id = field.id.clone();
                    let dom_id = format!("review-{}", id.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
                    let left_out = matches!(edit, Some(Edit::LeftOut));
                    let is_editing = editing.as_deref() == Some(id.as_str()) && !left_out;
                    let on_leave_out = {
                        let (id, on_edit) = (id.clone(), props.on_edit.clone());
                        Callback::from(move |_: Event| on_edit.emit((id.clone(), (!left_out).then_some(Edit::LeftOut))))
                    };
                    let on_toggle_edit = {
                        let (id, editing) = (id.clone(), editing.clone());
                        Callback::from(move |_| editing.set((!is_editing).then(|| id.clone())))
                    };
                    let on_reword = {
                        let (id, original, on_edit) = (id.clone(), field.text.clone(), props.on_edit.clone());
                        on_input_value(move |v| on_edit.emit((id.clone(), (v != original).then_some(Edit::Reworded(v)))))
                    };
                    let place = if field.place.is_empty() { field.section.clone() } else { format!("{} · {}", field.section, field.place) };
                    html! {
                        <li key={id.clone()} class={classes!("names-review__field", left_out.then_some("names-review__field--out"), (count > 0).then_some("names-review__field--names"))}>
                            <p class="names-review__place" id={format!("{dom_id}-place")}>{ place.clone() }</p>
                            if left_out {
                                <p class="muted">{ "Left out of this link." }</p>
                            } else if is_editing {
                                <label class="visually-hidden" for={format!("{dom_id}-text")}>{ format!("Text of {place}") }</label>
                                <textarea id={format!("{dom_id}-text")} rows="3" value={text.clone()} oninput={on_reword} />
                            } else {
                                <p class="names-review__text">
                                    { for marked(text, &props.finder.find(text)).into_iter().map(|(name, run)| if name {
                                        html! { <mark>{ run }</mark> }
                                    } else {
                                        html! { { run } }
                                    }) }
                                </p>
                            }
                            <div class="names-review__actions">
                                if count > 0 {
                                    <span class="names-review__count">{ plural(count, "name", "names") }</span>
                                }
                                if matches!(edit, Some(Edit::Reworded(_))) && !left_out {
                                    <span class="muted">{ "Reworded for this link" }</span>
                                }
                                if !left_out {
                                    <button type="button" class="button button--small" onclick={on_toggle_edit}
                                        aria-describedby={format!("{dom_id}-place")}>{ if is_editing { "Done" } else { "Reword" } }</button>
                                }
                                <label class="checkbox">
                                    <input type="checkbox" checked={left_out} onchange={on_leave_out}
                                        aria-describedby={format!("{dom_id}-place")} />
                                    { "Leave this out" }
                                </label>
                            </div>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
