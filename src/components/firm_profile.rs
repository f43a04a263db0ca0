//! The firm's name, contact address and logo, which head what clients are sent: client
//! links, the printed plan and its exports.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser::events::on_value;
use crate::domain::client_share::MAX_LINK_LOGO_CHARS;
use crate::domain::reply_mail::is_address;
use crate::domain::settings::{is_image_data_url, logo_problem, FirmProfile, LOGO_TYPES};
use crate::hooks::{use_app_state, use_local};
use crate::state::{Action, SettingsAction};

/// A contact address that cannot be an e-mail address, said plainly; `None` when it can.
fn contact_problem(contact: &str) -> Option<&'static str> {
    // The same test as the invitation's and the reply's, so an address accepted here is
    // one the prospect's mail app is given.
    let c = contact.trim();
    let plausible = c.is_empty() || is_address(c);
    (!plausible).then_some("That does not look like an e-mail address (name@example.com). It is kept as typed; correct it when you can.")
}

#[component]
pub fn FirmProfilePanel() -> Html {
    let state = use_app_state();
    let firm = state.doc.settings.firm.clone();
    let problem = use_local(|| None::<String>);
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let set = |edit: fn(&mut FirmProfile, String)| {
        let (state, firm) = (state.clone(), firm.clone());
        on_value(move |v| {
            let mut next = firm.clone();
            edit(&mut next, v);
            if next != firm {
                state.dispatch(Action::Settings(SettingsAction::SetFirm(next)));
            }
        })
    };
    let on_logo = {
        let (state, firm, problem, reader) =
            (state.clone(), firm.clone(), problem.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e
                .target()
                .expect("a change event has a target")
                .unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo_file::File::from(file);
            if let Some(why) = logo_problem(&file.raw_mime_type(), file.size() as usize) {
                problem.set(Some(why));
                return;
            }
            let (state, firm, problem) = (state.clone(), firm.clone(), problem.clone());
            *reader.borrow_mut() = Some(gloo_file::callbacks::read_as_data_url(
                &file,
                move |read| match read {
                    Ok(url) if is_image_data_url(&url) => {
                        problem.set(None);
                        state.dispatch(Action::Settings(SettingsAction::SetFirm(FirmProfile {
                            logo: Some(url),
                            ..firm
                        })));
                    }
                    _ => problem.set(Some(
                        "That file could not be read as a picture. Choose another one.".into(),
                    )),
                },
            ));
        })
    };
    let on_remove = {
        let (state, firm, problem) = (state.clone(), firm.clone(), problem.clone());
        Callback::from(move |_| {
            problem.set(None);
            state.dispatch(Action::Settings(SettingsAction::SetFirm(FirmProfile {
                logo: None,
                ..firm.clone()
            })));
        })
    };
    let contact_error = contact_problem(&firm.contact);
    html! {
        <section class="card firm-profile" aria-labelledby="firm-profile-title">
            <h2 id="firm-profile-title">{ "Firm profile" }</h2>
            <p class="muted">{ "Your firm's name and logo head the plans you send to clients, the printed plan and its exports. They stay in this browser until you send something." }</p>
            <div class="form__grid">
                <div class="field">
                    <label for="firm-name">{ "Firm name" }</label>
                    <input id="firm-name" type="text" maxlength="80" autocomplete="organization"
                        value={firm.name.clone()} onchange={set(|f, v| f.name = v.trim().to_string())} />
                </div>
                <div class="field">
                    <label for="firm-contact">{ "Contact e-mail (optional)" }</label>
                    <input id="firm-contact" type="text" inputmode="email" autocapitalize="off" spellcheck="false" maxlength="120" autocomplete="email"
                        value={firm.contact.clone()} onchange={set(|f, v| f.contact = v.trim().to_string())}
                        aria-invalid={contact_error.is_some().then_some("true")}
                        aria-describedby={contact_error.is_some().then_some("firm-contact-error")} />
                    if let Some(why) = contact_error {
                        <p class="field__error" id="firm-contact-error">{ why }</p>
                    }
                </div>
            </div>
            <div class="field firm-profile__logo">
                <h3 class="firm-profile__subtitle">{ "Logo (optional)" }</h3>
                if let Some(logo) = &firm.logo {
                    <div class="firm-profile__preview">
                        <img src={logo.clone()} alt="Your logo, as it will appear" />
                    </div>
                    if logo.len() > MAX_LINK_LOGO_CHARS {
                        <p class="muted" id="firm-logo-note">{ format!("It heads the printed plan and exports. At {} KB it is too large to travel inside a link, so client links carry the firm's name only; a logo under {} KB goes with them.",
                            logo.len().div_ceil(1024), MAX_LINK_LOGO_CHARS / 1024 * 3 / 4) }</p>
                    }
                }
                <div class="editor-actions">
                    <label class="button" for="firm-logo">{ if firm.logo.is_some() { "Choose another picture…" } else { "Choose a picture…" } }</label>
                    <input id="firm-logo" type="file" class="visually-hidden" accept={LOGO_TYPES.join(",")} onchange={on_logo}
                        aria-describedby="firm-logo-help" />
                    if firm.logo.is_some() {
                        <button type="button" class="button" onclick={on_remove}>{ "Remove logo" }</button>
                    }
                </div>
                <p class="muted" id="firm-logo-help">{ "PNG, JPEG, GIF, WebP or SVG, at most 100 KB." }</p>
                if let Some(why) = &*problem {
                    <p class="field__error" role="alert">{ why }</p>
                }
            </div>
        </section>
    }
}
