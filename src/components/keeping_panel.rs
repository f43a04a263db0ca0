//! The Settings section on how safe the data is in this browser: whether the browser has
//! agreed to keep it, how much room the site takes, and what deletes it anyway.

use yew::prelude::*;

use crate::browser::persistence::{persist, persisted, usage, Usage};
use crate::hooks::{use_app_state, use_local};

/// What the browser reported; `None` inside while it has not answered yet.
#[derive(Clone, Copy, PartialEq)]
struct Report {
    persisted: Option<bool>,
    usage: Option<Usage>,
}

async fn report() -> Report {
    Report {
        persisted: persisted().await,
        usage: usage().await,
    }
}

#[component]
pub fn KeepingPanel() -> Html {
    let state = use_app_state();
    // What the document takes as stored; browsers' estimates may leave local storage out.
    // Looked up once the app's own effects (the save among them) have run.
    let stored = use_local(|| None::<usize>);
    {
        let stored = stored.clone();
        use_effect_with(state.revision, move |_| {
            let timeout = gloo_timers::callback::Timeout::new(0, move || {
                stored.set(crate::storage::stored_size())
            });
            move || drop(timeout)
        });
    }
    let stored = stored.unwrap_or(0);
    let report_state = use_local(|| None::<Report>);
    {
        let report_state = report_state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(
                async move { report_state.set(Some(report().await)) },
            );
        });
    }
    let on_ask = {
        let report_state = report_state.clone();
        Callback::from(move |_| {
            let report_state = report_state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                persist().await;
                report_state.set(Some(report().await));
            });
        })
    };
    let (kept, usage) = match *report_state {
        None => (html! { { "Asking the browser…" } }, None),
        Some(r) => (persistence_text(r.persisted), Some(usage_text(r.usage))),
    };
    let refused = matches!(
        *report_state,
        Some(Report {
            persisted: Some(false),
            ..
        })
    );
    html! {
        <section class="card" aria-labelledby="keeping-title">
            <h2 id="keeping-title">{ "Keeping your data" }</h2>
            <p id="persistence-state" role="status">{ kept }</p>
            if refused {
                <p class="muted">{ "Most browsers decide this for themselves, agreeing more readily for sites you use \
                    often or have installed (on iPhone and iPad, added to the Home Screen); Firefox asks you." }</p>
                <p><button type="button" class="button" onclick={on_ask}>{ "Ask the browser to keep it" }</button></p>
            }
            <p id="stored-size">{ format!("Your data takes {} in the browser's local storage, which holds about 5 MB for \
                each site.", bytes(stored as f64)) }</p>
            if let Some(usage) = usage {
                <p id="storage-usage" class="muted">{ usage }</p>
            }
            <ul class="keeping__facts">
                <li>{ "Clearing this site's data, or all browsing data, in the browser's settings deletes everything \
                    Account Grader holds here, whether or not the browser agreed to keep it. There is no other copy \
                    unless you exported a backup file." }</li>
                <li>{ "Safari (on iPhone, iPad and Mac) deletes the data of a site you have not used in seven days of \
                    browsing, unless you added it to the Home Screen (or the Mac's Dock) and open it from there." }</li>
                <li>{ "Private and incognito windows delete everything when they close." }</li>
                <li>{ "A backup file (above) survives all of these: export one from time to time." }</li>
            </ul>
        </section>
    }
}

fn persistence_text(persisted: Option<bool>) -> Html {
    match persisted {
        Some(true) => {
            html! { <><strong>{ "Kept. " }</strong>{ "This browser has agreed not to clear Account Grader's data \
            on its own, even when the device runs short of space." }</> }
        }
        Some(false) => {
            html! { <><strong>{ "Not guaranteed. " }</strong>{ "This browser has not agreed to keep Account \
            Grader's data, so it may clear it on its own when the device runs short of space." }</> }
        }
        None => {
            html! { <><strong>{ "Unknown. " }</strong>{ "This browser does not say whether it will keep Account \
            Grader's data, so count on it as little as on one that may clear it." }</> }
        }
    }
}

fn usage_text(usage: Option<Usage>) -> String {
    match usage {
        Some(Usage { used, quota }) => format!(
            "All told, this site uses {} of the {} this browser allows it (the browser's estimate: it counts \
             the copy of the app kept for offline use, and may leave out local storage).",
            bytes(used),
            bytes(quota)
        ),
        None => "This browser does not say how much space the site uses.".into(),
    }
}

/// A byte count in the units people read on their devices: 1 KB = 1024 bytes, one decimal
/// under 10.
pub(crate) fn bytes(n: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = n.max(0.0);
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} bytes")
    } else if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::bytes;

    #[test]
    fn byte_counts_read_as_people_expect() {
        assert_eq!(bytes(0.0), "0 bytes");
        assert_eq!(bytes(1023.0), "1023 bytes");
        assert_eq!(bytes(1024.0), "1.0 KB");
        assert_eq!(bytes(45_000.0), "44 KB");
        assert_eq!(bytes(5.0 * 1024.0 * 1024.0), "5.0 MB");
        assert_eq!(bytes(296.0 * 1024.0 * 1024.0 * 1024.0), "296 GB");
    }
}
