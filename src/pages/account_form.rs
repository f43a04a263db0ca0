//! Adding or editing an account's details. Nothing is saved until every field is valid.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::events::{on_input_value, on_value};
use crate::browser::page::{ask_before_unloading, focus_element, navigate};
use crate::components::missing::missing;
use crate::domain::accounts::{AccountForm, AccountId, Field, Tier, MAX_NAME};
use crate::domain::portfolio::managers;
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;
use crate::state::{AccountDraft, Action, PortfolioAction};

#[derive(Properties, PartialEq)]
pub struct AccountFormPageProps {
    /// The account to edit, or `None` to add one.
    pub id: Option<AccountId>,
}

fn field_id(field: Field) -> &'static str {
    match field {
        Field::Name => "account-name",
        Field::Revenue => "account-revenue",
    }
}

#[component]
pub fn AccountFormPage(props: &AccountFormPageProps) -> Html {
    let state = use_app_state();
    let existing = props.id.and_then(|id| state.account(id)).cloned();
    let saved = existing
        .as_ref()
        .map(AccountForm::from_account)
        .unwrap_or_default();
    // Kept typing is looked for once, when the form opens.
    let restored = use_local(|| state.account_draft(props.id, &saved).is_some());
    let form = use_local(|| {
        state
            .account_draft(props.id, &saved)
            .cloned()
            .unwrap_or_else(|| saved.clone())
    });
    let problems = use_local(Vec::<(Field, String)>::new);
    // Saved or cancelled: the typing is done with, and nothing is kept.
    let settled = use_mut_ref(|| false);
    // The details as saved now, which another tab can change while the form is open.
    let saved_now = use_mut_ref(AccountForm::default);
    *saved_now.borrow_mut() = saved.clone();
    // Typing not yet saved is kept when the form is left, for when it is opened again, and a
    // reload or closing the tab asks first: the other screens save as they go, so people
    // expect this one to lose nothing either.
    {
        let (state, form, settled, saved_now) = (
            state.clone(),
            form.clone(),
            settled.clone(),
            saved_now.clone(),
        );
        use_effect_with(props.id, move |&target| {
            let had_draft = state.account_drafts.iter().any(|d| d.target == target);
            let unsaved = Rc::new(move || {
                let form = form.latest();
                let base = saved_now.borrow().clone();
                (!*settled.borrow() && *form != base).then(|| (base, (*form).clone()))
            });
            let asking = ask_before_unloading({
                let unsaved = unsaved.clone();
                move || unsaved().is_some()
            });
            move || {
                drop(asking);
                match unsaved() {
                    Some((base, form)) => {
                        state.dispatch(Action::KeepAccountDraft(Box::new(AccountDraft {
                            target,
                            base,
                            form,
                        })))
                    }
                    // Nothing to keep: forget what was kept before, if anything.
                    None if had_draft => state.dispatch(Action::DropAccountDraft(target)),
                    None => {}
                }
            }
        });
    }

    if props.id.is_some() && existing.is_none() {
        return html! {
            { missing("Account not found", "There is no account at this address. It may have been deleted.", Route::Accounts, "Back to accounts") }
        };
    }

    // Once problems are shown, each edit checks again, so a fixed field loses its message.
    let edit = |f: fn(&mut AccountForm, String)| {
        let (form, problems, state, editing) =
            (form.clone(), problems.clone(), state.clone(), props.id);
        move |value: String| {
            let mut next = (*form).clone();
            f(&mut next, value);
            if !problems.is_empty() {
                let found = next.validate(&state.doc.portfolio.accounts, editing).err();
                problems.set(found.unwrap_or_default());
            }
            form.set(next);
        }
    };
    let on_submit =
        {
            let state = state.clone();
            let form = form.clone();
            let problems = problems.clone();
            let settled = settled.clone();
            let editing = props.id;
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                match form.validate(&state.doc.portfolio.accounts, editing) {
                    Err(found) => {
                        if let Some((field, _)) = found.first() {
                            focus_element(field_id(*field));
                        }
                        problems.set(found);
                    }
                    Ok(account) => {
                        *settled.borrow_mut() = true;
                        let at = now_iso();
                        let id =
                            match editing {
                                Some(id) => {
                                    state.dispatch(Action::Portfolio(
                                        PortfolioAction::UpdateAccount { id, account, at },
                                    ));
                                    id
                                }
                                None => {
                                    let id = state.doc.next_id;
                                    state.dispatch(Action::Portfolio(
                                        PortfolioAction::AddAccount { account, at },
                                    ));
                                    id
                                }
                            };
                        navigate(Route::Account(id));
                    }
                }
            })
        };
    let on_discard = {
        let (state, form, problems, restored) = (
            state.clone(),
            form.clone(),
            problems.clone(),
            restored.clone(),
        );
        let target = props.id;
        Callback::from(move |_| {
            form.set(saved.clone());
            problems.set(Vec::new());
            restored.set(false);
            state.dispatch(Action::DropAccountDraft(target));
            focus_element(field_id(Field::Name));
        })
    };
    let on_cancel = {
        let settled = settled.clone();
        Callback::from(move |e: MouseEvent| {
            // A click that opens the link elsewhere (a new tab) leaves this form open.
            if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
                *settled.borrow_mut() = true;
            }
        })
    };
    let problem = |field: Field| {
        problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| p.clone())
    };
    let error_id = |field: Field| format!("{}-error", field_id(field));
    let name_problem = problem(Field::Name);
    let revenue_problem = problem(Field::Revenue);
    let cancel = props.id.map_or(Route::Accounts, Route::Account);
    let title = match &existing {
        Some(a) => format!("Edit {}", a.name),
        None => "Add an account".to_string(),
    };

    html! {
        <div class="account-form">
            <p class="breadcrumb"><a href={cancel.href()}>{ "← Back" }</a></p>
            <h1 tabindex="-1">{ title }</h1>
            if *restored {
                <p class="notice draft-notice">
                    { "Your unsaved changes from last time are back in the form. " }
                    <button type="button" class="button button--small" onclick={on_discard}>{ "Discard them" }</button>
                </p>
            }
            <form class="card form" onsubmit={on_submit} novalidate=true>
                if !problems.is_empty() {
                    <p class="form__summary" role="alert">
                        { format!("Please fix {} before saving; nothing has been saved yet.",
                            if problems.len() == 1 { "the field marked below" } else { "the fields marked below" }) }
                    </p>
                }
                <div class="field">
                    <label for="account-name">{ "Name" }<span class="required">{ format!(" (required, up to {MAX_NAME} characters)") }</span></label>
                    // Longer than the limit, so that a pasted name over it is refused with a
                    // message rather than cut short without one.
                    <input id="account-name" type="text" maxlength="200" value={form.name.clone()} autocomplete="off"
                        aria-invalid={name_problem.is_some().then_some("true")}
                        aria-describedby={name_problem.is_some().then(|| error_id(Field::Name))}
                        oninput={on_input_value(edit(|f, v| f.name = v))} />
                    if let Some(p) = name_problem {
                        <p class="field__error" id={error_id(Field::Name)}>{ p }</p>
                    }
                </div>
                <div class="form__grid">
                    <div class="field">
                        <label for="account-industry">{ "Industry" }</label>
                        <input id="account-industry" type="text" value={form.industry.clone()}
                            oninput={on_input_value(edit(|f, v| f.industry = v))} />
                    </div>
                    <div class="field">
                        <label for="account-manager">{ "Account manager" }</label>
                        <input id="account-manager" type="text" list="known-managers" value={form.manager.clone()}
                            oninput={on_input_value(edit(|f, v| f.manager = v))} />
                        <datalist id="known-managers">
                            { for managers(&state.doc.portfolio.accounts).into_iter().map(|m| html! { <option value={m} /> }) }
                        </datalist>
                    </div>
                    <div class="field">
                        <label for="account-revenue">{ format!("Annual revenue ({})", state.doc.settings.currency) }</label>
                        <input id="account-revenue" type="text" inputmode="decimal" value={form.revenue.clone()}
                            placeholder="e.g. 250000"
                            aria-invalid={revenue_problem.is_some().then_some("true")}
                            aria-describedby={revenue_problem.is_some().then(|| error_id(Field::Revenue))}
                            oninput={on_input_value(edit(|f, v| f.revenue = v))} />
                        if let Some(p) = revenue_problem {
                            <p class="field__error" id={error_id(Field::Revenue)}>{ p }</p>
                        }
                    </div>
                    <div class="field">
                        <label for="account-tier">{ "Tier" }</label>
                        <select id="account-tier" onchange={on_value(edit(|f, v| f.tier = Tier::from_letter(&v).unwrap_or_default()))}>
                            { for Tier::ALL.iter().map(|t| html! {
                                <option value={t.letter()} selected={form.tier == *t}>{ t.letter() }</option>
                            }) }
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="account-notes">{ "Notes" }</label>
                    <textarea id="account-notes" rows="4" value={form.notes.clone()}
                        oninput={on_input_value(edit(|f, v| f.notes = v))} />
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">
                        { if existing.is_some() { "Save changes" } else { "Add account" } }
                    </button>
                    <a class="button button--quiet" href={cancel.href()} onclick={on_cancel}>{ "Cancel" }</a>
                </div>
            </form>
        </div>
    }
}
