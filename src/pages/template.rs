//! Shaping a template: its name, and its sections' titles, guidance, kinds and order.

use yew::prelude::*;

use crate::browser::events::{on_input_value, on_value};
use crate::browser::page::{focus_later, navigate};
use crate::components::missing::missing;
use crate::domain::plans::{
    can_change_kind, Plan, SectionDef, SectionKind, TemplateId, BUILT_IN_TEMPLATE,
};
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;
use crate::state::{Action, PlanAction};

#[derive(Properties, PartialEq)]
pub struct TemplatePageProps {
    pub id: TemplateId,
}

#[component]
pub fn TemplatePage(props: &TemplatePageProps) -> Html {
    let state = use_app_state();
    let announcement = use_local(String::new);
    let Some(template) = state.doc.plans.template(props.id) else {
        return html! {
            { missing("Template not found", "It may have been deleted.", Route::Plans, "Back to plans") }
        };
    };
    let id = template.id;
    let plans: Vec<&Plan> = state
        .doc
        .plans
        .plans
        .iter()
        .filter(|p| p.template == id)
        .map(|p| &**p)
        .collect();

    if id == BUILT_IN_TEMPLATE {
        let on_copy = {
            let state = state.clone();
            Callback::from(move |_| {
                let new_id = state.doc.next_id;
                state.dispatch(Action::Plan(PlanAction::CreateTemplate {
                    from: Some(BUILT_IN_TEMPLATE),
                    name: "My key account plan".into(),
                }));
                navigate(Route::Template(new_id));
            })
        };
        return html! {
            <div class="template">
                <p class="breadcrumb"><a href={Route::Plans.href()}>{ "← Plans and templates" }</a></p>
                <header class="page-header page-header--with-actions">
                    <div>
                        <h1 tabindex="-1">{ template.display_name() }</h1>
                        <p class="muted">{ "This template is built in and read-only. Copy it to change it." }</p>
                    </div>
                    <div class="page-header__actions">
                        <button type="button" class="button button--primary" onclick={on_copy}>{ "Make an editable copy" }</button>
                    </div>
                </header>
                <ol class="template-sections">
                    { for template.sections.iter().map(|s| html! {
                        <li key={s.key.clone()} class="card">
                            <h2>{ &s.title }</h2>
                            <p class="muted">{ section_kind_text(s) }</p>
                            <p>{ &s.guidance }</p>
                        </li>
                    }) }
                </ol>
            </div>
        };
    }

    let on_rename = {
        let state = state.clone();
        on_input_value(move |name| {
            state.dispatch(Action::Plan(PlanAction::RenameTemplate(id, name)))
        })
    };
    let on_moved = {
        let announcement = announcement.clone();
        Callback::from(move |text: String| announcement.set(text))
    };
    let count = template.sections.len();
    html! {
        <div class="template">
            <p class="breadcrumb"><a href={Route::Plans.href()}>{ "← Plans and templates" }</a></p>
            <h1 tabindex="-1">{ format!("Template: {}", template.display_name()) }</h1>
            <p class="muted">{ format!("Used by {} {}. Changes apply to them at once; content of removed sections \
                is kept in each plan under \"Other sections\".", plans.len(), if plans.len() == 1 { "plan" } else { "plans" }) }</p>
            <div class="card field field--narrow-wide">
                <label for="template-name">{ "Template name" }</label>
                <input id="template-name" type="text" value={template.name.clone()} oninput={on_rename} />
            </div>
            <h2>{ "Sections" }</h2>
            if count == 0 {
                <p class="card">{ "No sections yet. Add the first one below." }</p>
            }
            <ol class="template-sections">
                { for template.sections.iter().enumerate().map(|(i, s)| html! {
                    <SectionRow key={s.key.clone()} template={id} section={s.clone()} position={i} {count} on_moved={on_moved.clone()}
                        plans={plans.iter().map(|p| (*p).clone()).collect::<Vec<_>>()} />
                }) }
            </ol>
            <AddSection template={id} />
            <p class="visually-hidden" role="status" aria-live="polite">{ (*announcement).clone() }</p>
        </div>
    }
}

fn section_kind_text(s: &SectionDef) -> String {
    match s.kind {
        SectionKind::List { max: Some(m) } => format!("{} (at most {m} items)", s.kind.title()),
        k => k.title().to_string(),
    }
}

#[derive(Properties, PartialEq)]
struct SectionRowProps {
    template: TemplateId,
    section: SectionDef,
    position: usize,
    count: usize,
    plans: Vec<Plan>,
    /// Announces a section's new position after a move.
    on_moved: Callback<String>,
}

/// One section's fields and its move and remove buttons.
#[component]
fn SectionRow(props: &SectionRowProps) -> Html {
    let state = use_app_state();
    let s = &props.section;
    let (template, key) = (props.template, s.key.clone());
    let base = format!("section-{}", s.key);
    let edit = |title_or_guidance: bool| {
        let (state, key, s) = (state.clone(), key.clone(), s.clone());
        on_input_value(move |v| {
            let (title, guidance) = if title_or_guidance {
                (v, s.guidance.clone())
            } else {
                (s.title.clone(), v)
            };
            state.dispatch(Action::Plan(PlanAction::EditSection {
                template,
                key: key.clone(),
                title,
                guidance,
            }))
        })
    };
    let mover = |up: bool| {
        let (state, key, base) = (state.clone(), key.clone(), base.clone());
        let (position, count, title) = (props.position, props.count, s.title.clone());
        let on_moved = props.on_moved.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Plan(PlanAction::MoveSection {
                template,
                key: key.clone(),
                up,
            }));
            let new_position = if up { position } else { position + 2 };
            // Keep the keyboard on the same button as the section moves, so repeated presses
            // keep moving it; at either end that button is disabled, so the other one.
            let at_end = if up {
                new_position == 1
            } else {
                new_position == count
            };
            let button = match (up, at_end) {
                (true, false) | (false, true) => "up",
                _ => "down",
            };
            focus_later(format!("{base}-{button}"));
            on_moved.emit(format!(
                "{title} moved to position {new_position} of {count}."
            ));
        })
    };
    let on_remove = {
        let (state, key) = (state.clone(), key.clone());
        Callback::from(move |_| {
            state.dispatch(Action::Plan(PlanAction::RemoveSection {
                template,
                key: key.clone(),
            }))
        })
    };
    let plans: Vec<&Plan> = props.plans.iter().collect();
    let on_kind = {
        let (state, key, current) = (state.clone(), key.clone(), s.kind);
        on_value(move |v| {
            let kind = match SectionKind::from_slug(&v) {
                Some(SectionKind::List { .. }) => SectionKind::List {
                    max: match current {
                        SectionKind::List { max } => max,
                        _ => None,
                    },
                },
                Some(k) => k,
                None => return,
            };
            state.dispatch(Action::Plan(PlanAction::ChangeSectionKind {
                template,
                key: key.clone(),
                kind,
            }))
        })
    };
    let on_max = {
        let (state, key) = (state.clone(), key.clone());
        on_value(move |v| {
            let max = v.trim().parse::<u8>().ok().filter(|&m| m > 0);
            state.dispatch(Action::Plan(PlanAction::ChangeSectionKind {
                template,
                key: key.clone(),
                kind: SectionKind::List { max },
            }))
        })
    };
    let blocked: Vec<&str> = SectionKind::CHOICES
        .iter()
        .filter(|k| !can_change_kind(&s.key, s.kind, **k, &plans))
        .map(|k| k.title())
        .collect();
    let n = props.position + 1;
    html! {
        <li class="card template-section">
            <fieldset>
                <legend>{ format!("Section {n} of {}: {}", props.count, s.title) }</legend>
                <div class="field">
                    <label for={format!("{base}-title")}>{ "Title" }</label>
                    <input id={format!("{base}-title")} type="text" value={s.title.clone()} oninput={edit(true)} />
                </div>
                <div class="field">
                    <label for={format!("{base}-guidance")}>{ "Guidance" }</label>
                    <textarea id={format!("{base}-guidance")} rows="3" value={s.guidance.clone()} oninput={edit(false)} />
                </div>
                <div class="form__grid">
                    <div class="field">
                        <label for={format!("{base}-kind")}>{ "Kind" }</label>
                        <select id={format!("{base}-kind")} onchange={on_kind}
                            aria-describedby={(!blocked.is_empty()).then(|| format!("{base}-kind-note"))}>
                            { for SectionKind::CHOICES.iter().map(|k| html! {
                                <option value={k.slug()} selected={k.slug() == s.kind.slug()}
                                    disabled={!can_change_kind(&s.key, s.kind, *k, &plans)}>{ k.title() }</option>
                            }) }
                        </select>
                        if !blocked.is_empty() {
                            <p class="muted" id={format!("{base}-kind-note")}>
                                { "Some kinds are unavailable because plans already hold content here that they could not show." }
                            </p>
                        }
                    </div>
                    if let SectionKind::List { max } = s.kind {
                        <div class="field">
                            <label for={format!("{base}-max")}>{ "Most items (empty: no limit)" }</label>
                            <input id={format!("{base}-max")} type="number" min="1" max="50"
                                value={max.map(|m| m.to_string()).unwrap_or_default()} onchange={on_max} />
                        </div>
                    }
                </div>
                <div class="editor-actions">
                    <button type="button" id={format!("{base}-up")} class="button button--small" onclick={mover(true)}
                        disabled={props.position == 0} aria-label={format!("Move {} up", s.title)}>{ "Move up" }</button>
                    <button type="button" id={format!("{base}-down")} class="button button--small" onclick={mover(false)}
                        disabled={props.position + 1 == props.count} aria-label={format!("Move {} down", s.title)}>{ "Move down" }</button>
                    <button type="button" class="button button--small button--danger" onclick={on_remove}
                        aria-label={format!("Remove {}", s.title)}>{ "Remove" }</button>
                </div>
            </fieldset>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AddSectionProps {
    template: TemplateId,
}

#[component]
fn AddSection(props: &AddSectionProps) -> Html {
    let state = use_app_state();
    let title = use_local(String::new);
    let kind = use_local(|| SectionKind::Text);
    let on_title = {
        let title = title.clone();
        on_input_value(move |v| title.set(v))
    };
    let on_kind = {
        let kind = kind.clone();
        on_value(move |v| kind.set(SectionKind::from_slug(&v).unwrap_or(SectionKind::Text)))
    };
    let on_add = {
        let (state, title, kind, template) =
            (state.clone(), title.clone(), kind.clone(), props.template);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let key = format!("section-s{}-title", state.doc.next_id);
            state.dispatch(Action::Plan(PlanAction::AddSection {
                template,
                title: (*title).clone(),
                kind: *kind,
            }));
            title.set(String::new());
            focus_later(key);
        })
    };
    html! {
        <form class="card form add-section" onsubmit={on_add} aria-labelledby="add-section-title">
            <h2 id="add-section-title">{ "Add a section" }</h2>
            <div class="form__grid">
                <div class="field">
                    <label for="new-section-title">{ "Title" }</label>
                    <input id="new-section-title" type="text" value={(*title).clone()} oninput={on_title} />
                </div>
                <div class="field">
                    <label for="new-section-kind">{ "Kind" }</label>
                    <select id="new-section-kind" onchange={on_kind}>
                        { for SectionKind::CHOICES.iter().map(|k| html! {
                            <option value={k.slug()} selected={k.slug() == kind.slug()}>{ k.title() }</option>
                        }) }
                    </select>
                </div>
            </div>
            <div class="form__actions">
                <button type="submit" class="button button--primary">{ "Add section" }</button>
            </div>
        </form>
    }
}
