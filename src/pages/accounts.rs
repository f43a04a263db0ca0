//! The accounts list: search, filters, sorting, and the way in for a first-time user.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use yew::prelude::*;

use crate::browser::clock::{now_iso, now_iso_in_browser};
use crate::browser::events::{on_input_value, on_value};
use crate::browser::slices::{self, Stop};
use crate::components::account_rows::rows_markup;
use crate::components::pager::Pager;
use crate::components::raw_table_body::RawTableBody;
use crate::components::storage_banner::NOT_READ_HERE;
use crate::domain::accounts::{Account, Tier};
use crate::domain::demo::DEMO_SIZE;
use crate::domain::list_ordering::ListOrdering;
use crate::domain::portfolio::{
    is_chosen, list_order, managers, row, ListQuery, Page, QuadrantFilter, Row, SortKey,
};
use crate::domain::quadrant::Quadrant;
use crate::domain::settings::Settings;
use crate::hooks::{use_app_state, use_local, use_select_value};
use crate::lazy_screens::LazySpreadsheetPanel;
use crate::route::Route;
use crate::state::{Action, PortfolioAction};
use crate::support::by_identity::ByIdentity;
use crate::support::sliced::{grouped, Progress, Unit};

/// The manager select's value: empty for everyone, a marker no name can be for "no manager".
fn manager_value(manager: &Option<String>) -> String {
    match manager {
        None => String::new(),
        Some(m) if m.is_empty() => "\u{0}none".into(),
        Some(m) => m.clone(),
    }
}

/// Shows the demo-portfolio offer on an empty list.
#[component]
fn EmptyAccounts() -> Html {
    let state = use_app_state();
    let unread = state.stored_data_unread();
    let on_demo = Callback::from(move |_| {
        state.dispatch(Action::Portfolio(PortfolioAction::LoadDemoPortfolio {
            at: now_iso(),
        }));
        // The button disappears with the empty state; the list's search field takes focus.
        crate::browser::page::focus_later("account-search".into());
    });
    html! {
        <>
            <h1 tabindex="-1">{ "Accounts" }</h1>
            <p>{ "List the clients you manage, rate each one on relationship strength and \
                  potential for mutual gain, and see where your effort should go." }</p>
            if unread {
                <p>{ NOT_READ_HERE }</p>
            } else {
                <div class="empty-state__actions">
                    <a class="button button--primary" href={Route::NewAccount.href()}>{ "Add your first account" }</a>
                    <button type="button" class="button" onclick={on_demo}>
                        { format!("Explore a demo portfolio ({DEMO_SIZE} invented accounts)") }
                    </button>
                </div>
            }
        </>
    }
}

/// The screen's content followed by the spreadsheet panel. The panel is the same component
/// at the same place for the empty list and the full one, so that a file being read,
/// checked or imported into the empty list carries on when the first account arrives (from
/// another tab, say) rather than being stopped as if the user had left.
fn with_csv_panel(class: &'static str, content: Html) -> Html {
    html! {
        <div class={class}>
            { content }
            <LazySpreadsheetPanel />
        </div>
    }
}

/// What the list's order depends on. The accounts are compared by identity: a change to any
/// of them replaces the list (`Rc::make_mut`), and comparing 50 000 accounts field by field
/// would cost what the memo saves.
#[derive(Clone)]
struct ListKey {
    accounts: Rc<Vec<Account>>,
    settings: Settings,
    query: ListQuery,
}

impl PartialEq for ListKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.accounts, &other.accounts)
            && self.settings == other.settings
            && self.query == other.query
    }
}

/// Whether two keys differ in their query alone: an order worked out for one then lists
/// the same accounts as the other would, in another order or filtered otherwise.
fn same_data(a: &ListKey, b: &ListKey) -> bool {
    Rc::ptr_eq(&a.accounts, &b.accounts) && a.settings == b.settings
}

/// From this many accounts on, the list's order is worked out a slice at a time: filtering
/// and sorting them at once would hold up the page for more than a frame or two.
const SORT_IN_SLICES_FROM: usize = 5_000;

/// How long a long list waits after a change of its query alone before it is ordered again:
/// about the gap between two keys of someone typing.
const ORDER_AFTER_PAUSE_MS: i32 = 200;

/// The list's order last worked out, with what it was worked out for.
type KnownOrder = Option<(ListKey, Rc<Vec<usize>>)>;

/// The order the list last showed, kept while the screen is closed: back from an account, a
/// list of thousands is drawn at once in the order it had, so Back finds the row the visitor
/// left from (browser/places.rs) instead of a list being sorted again.
struct KeptOrder {
    /// Weak: an old portfolio is not kept alive for this. While it is held, its allocation
    /// cannot be reused, so the same pointer means the same accounts.
    accounts: Weak<Vec<Account>>,
    settings: Settings,
    query: ListQuery,
    order: Rc<Vec<usize>>,
}

impl KeptOrder {
    fn of((key, order): (ListKey, Rc<Vec<usize>>)) -> KeptOrder {
        KeptOrder {
            accounts: Rc::downgrade(&key.accounts),
            settings: key.settings,
            query: key.query,
            order,
        }
    }

    /// The order, if it was worked out for exactly `key`: an order for other accounts, or
    /// another search, would show rows that are not the list's, until the right one is ready.
    fn for_key(self, key: &ListKey) -> KnownOrder {
        let same = self
            .accounts
            .upgrade()
            .is_some_and(|a| Rc::ptr_eq(&a, &key.accounts))
            && self.settings == key.settings
            && self.query == key.query;
        same.then(|| (key.clone(), self.order))
    }
}

thread_local! {
    static KEPT_ORDER: RefCell<Option<KeptOrder>> = const { RefCell::new(None) };
}

#[component]
pub fn AccountsPage() -> Html {
    let state = use_app_state();
    // Read once when the screen opens, with the first render: staleness needs no second one.
    let today = use_memo((), |_| now_iso_in_browser());
    let query = state.list_query.clone();
    // The selects show the query even when it changes without them: Clear filters, or the
    // matrix's "See all" buttons.
    let quadrant_select = use_select_value(query.quadrant.slug().to_string());
    let tier_select = use_select_value(query.tier.map_or("", |t| t.letter()).to_string());
    let manager_value = manager_value(&query.manager);
    let manager_select = use_select_value(manager_value.clone());
    let sort_select = use_select_value(query.sort.slug().to_string());
    let accounts = &state.doc.portfolio.accounts;
    // Worked out over every account, so kept while the accounts stay the same.
    let (manager_names, demo_count) = (*use_memo(ByIdentity(accounts.clone()), |a| {
        (
            Rc::new(managers(&a.0)),
            a.0.iter().filter(|a| a.demo).count(),
        )
    }))
    .clone();
    let sorting = use_local(|| None::<Progress>);
    let settings = &state.doc.settings;
    let key = ListKey {
        accounts: accounts.clone(),
        settings: settings.clone(),
        query: ListQuery {
            page: 0,
            ..query.clone()
        },
    };
    let known: Rc<RefCell<KnownOrder>> =
        use_mut_ref(|| KEPT_ORDER.take().and_then(|kept| kept.for_key(&key)));
    {
        let known = known.clone();
        use_effect_with((), move |_| {
            move || KEPT_ORDER.set(known.borrow_mut().take().map(KeptOrder::of))
        });
    }
    // Filtering and sorting tens of thousands of accounts takes tens of milliseconds: done
    // again only when the accounts, the settings or the query change, not each time a notice
    // comes or goes; and for a long list a slice at a time (the effect below), the screen
    // saying so meanwhile rather than showing an order that no longer holds.
    let ready = known
        .borrow()
        .as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, order)| order.clone());
    let order = ready.or_else(|| {
        (accounts.len() < SORT_IN_SLICES_FROM).then(|| {
            let order = Rc::new(list_order(accounts, settings, &key.query));
            *known.borrow_mut() = Some((key.clone(), order.clone()));
            order
        })
    });
    // While a long list is ordered again for a new query (a letter typed in the search,
    // say), the order worked out last stays on screen, dimmed and marked busy: a table that
    // vanished and came back on every key would flicker. Only for the same accounts and
    // settings: after an import, an undo or another tab's change, the rows shown before may
    // no longer exist, and the screen says it is sorting instead.
    let stale = order
        .is_none()
        .then(|| {
            known
                .borrow()
                .as_ref()
                .filter(|(k, _)| same_data(k, &key))
                .map(|(k, order)| (k.accounts.clone(), order.clone()))
        })
        .flatten();
    {
        let (known, sorting) = (known.clone(), sorting.clone());
        use_effect_with(key, move |key| {
            let stop = Stop::default();
            let known_already = known.borrow().as_ref().is_some_and(|(k, _)| k == key);
            if !known_already {
                let key = key.clone();
                let total = key.accounts.len();
                sorting.set(Some(Progress::new(
                    "Sorting",
                    0,
                    total,
                    Unit::Records("accounts"),
                )));
                let stop = stop.clone();
                // With an earlier order on screen, the work waits for a pause in the typing:
                // each key would otherwise start it again, and the count would be said again.
                let pause = known
                    .borrow()
                    .as_ref()
                    .is_some_and(|(k, _)| same_data(k, &key));
                wasm_bindgen_futures::spawn_local(async move {
                    if pause {
                        slices::after(ORDER_AFTER_PAUSE_MS).await;
                    }
                    let job = ListOrdering::new(
                        key.accounts.clone(),
                        key.settings.clone(),
                        key.query.clone(),
                    );
                    let show = |p| sorting.set(Some(p));
                    if let Some(order) = slices::run(job, &stop, show).await {
                        *known.borrow_mut() = Some((key, Rc::new(order)));
                        sorting.set(None);
                    }
                });
            }
            move || stop.stop()
        });
    }
    if accounts.is_empty() {
        return with_csv_panel("empty-state", html! { <EmptyAccounts /> });
    }
    let shown = order
        .clone()
        .map(|o| (accounts.clone(), o))
        .or_else(|| stale.clone());
    let listed = shown.as_ref().map_or(0, |(_, o)| o.len());
    let update = |f: fn(&mut ListQuery, String)| {
        let state = state.clone();
        let query = query.clone();
        move |value: String| {
            let mut q = query.clone();
            f(&mut q, value);
            state.dispatch(Action::SetListQuery(q));
        }
    };
    let on_search = on_input_value(update(|q, v| q.search = v));
    let on_quadrant = on_value(update(|q, v| q.quadrant = QuadrantFilter::from_slug(&v)));
    let on_tier = on_value(update(|q, v| q.tier = Tier::from_letter(&v)));
    let on_manager = on_value(update(|q, v| {
        q.manager = match v.as_str() {
            "" => None,
            "\u{0}none" => Some(String::new()),
            m => Some(m.to_string()),
        }
    }));
    let on_sort = on_value(update(|q, v| {
        q.sort = SortKey::from_slug(&v).unwrap_or_default()
    }));
    let on_direction = {
        let state = state.clone();
        let query = query.clone();
        Callback::from(move |_| {
            let mut q = query.clone();
            q.descending = !q.descending;
            state.dispatch(Action::SetListQuery(q));
        })
    };
    let on_remove_demo = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Portfolio(PortfolioAction::RemoveDemoAccounts))
        })
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::SetListQuery(ListQuery::default()));
            crate::browser::page::focus_later("account-search".into());
        })
    };
    let header = |key: SortKey, class: &'static str| {
        let sorted = query.sort == key;
        let aria_sort = sorted.then_some(if query.descending {
            "descending"
        } else {
            "ascending"
        });
        let state = state.clone();
        let query = query.clone();
        let onclick = Callback::from(move |_| {
            let mut q = query.clone();
            q.descending = if q.sort == key { !q.descending } else { false };
            q.sort = key;
            state.dispatch(Action::SetListQuery(q));
        });
        let arrow = match aria_sort {
            Some("ascending") => " ▲",
            Some(_) => " ▼",
            None => "",
        };
        html! {
            <th scope="col" class={class} aria-sort={aria_sort}>
                <button type="button" class="sort-button" {onclick}>
                    { key.title() }<span aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    let filtered = query
        != ListQuery {
            sort: query.sort,
            descending: query.descending,
            page: query.page,
            ..ListQuery::default()
        };
    let page = Page::of(listed, query.page);
    // Only the rows of the page shown are placed on the matrix again.
    let rows: Vec<Row> = shown.as_ref().map_or_else(Vec::new, |(accounts, o)| {
        o[page.rows.clone()]
            .iter()
            .map(|&i| row(&accounts[i], settings))
            .collect()
    });
    let on_page = {
        let state = state.clone();
        let query = query.clone();
        Callback::from(move |index: usize| {
            let mut q = query.clone();
            q.page = index;
            state.dispatch(Action::SetListQuery(q));
        })
    };
    let templates = state.doc.plans.all_templates();
    // Said once while sorting: the bar below shows how far it has got. While an earlier
    // order stays on screen, the line says so only to the eye: a screen reader is told the
    // new count once it is known, not "updating" on every key.
    let count = match (&order, &stale) {
        (None, None) => html! { { format!("Sorting {} accounts…", grouped(accounts.len())) } },
        (None, Some(_)) => html! { <span aria-hidden="true">{ "Updating the list…" }</span> },
        (Some(_), _) => html! { { page.summary(listed, accounts.len()) } },
    };
    let busy = stale.is_some().then_some("true");

    let list = html! {
        <>
            <header class="page-header page-header--with-actions">
                <div>
                    <h1 tabindex="-1">{ "Accounts" }</h1>
                    <p class="lead">{ "Your client accounts with their ratings and where they sit on the matrix." }</p>
                </div>
                <div class="page-header__actions">
                    <a class="button button--primary" href={Route::NewAccount.href()}>{ "Add account" }</a>
                    <a class="button" href={Route::Matrix.href()}>{ "View matrix" }</a>
                    <a class="button" href={Route::RatingGrid.href()}>{ "Rate in a grid" }</a>
                    // The spreadsheet panel sits below a list that may be long: this reaches
                    // it in one step, by keyboard too.
                    <button type="button" class="button"
                        onclick={Callback::from(|_| crate::browser::page::focus_later("csv-file".into()))}>
                        { "Import a spreadsheet…" }
                    </button>
                </div>
            </header>
            if demo_count > 0 {
                <p class="notice">
                    { format!("{demo_count} of these accounts are invented demo accounts. ") }
                    <button type="button" class="link-button" onclick={on_remove_demo}>{ "Remove the demo accounts" }</button>
                </p>
            }
            <form class="toolbar card" role="search" aria-label="Find accounts" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field field--grow">
                    <label for="account-search">{ "Search by name" }</label>
                    <input id="account-search" type="search" value={query.search.clone()} oninput={on_search} autocomplete="off" />
                </div>
                <div class="field">
                    <label for="filter-quadrant">{ "Quadrant" }</label>
                    <select id="filter-quadrant" ref={quadrant_select} onchange={on_quadrant}>
                        <option value="" selected={query.quadrant == QuadrantFilter::All}>{ "All" }</option>
                        { for Quadrant::ALL.iter().map(|q| html! {
                            <option value={q.slug()} selected={query.quadrant == QuadrantFilter::Only(*q)}>{ q.title() }</option>
                        }) }
                        <option value="unrated" selected={query.quadrant == QuadrantFilter::Unrated}>{ "Not rated" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="filter-tier">{ "Tier" }</label>
                    <select id="filter-tier" ref={tier_select} onchange={on_tier}>
                        <option value="" selected={query.tier.is_none()}>{ "All" }</option>
                        { for Tier::ALL.iter().map(|t| html! {
                            <option value={t.letter()} selected={query.tier == Some(*t)}>{ t.letter() }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="filter-manager">{ "Account manager" }</label>
                    <select id="filter-manager" ref={manager_select} onchange={on_manager}>
                        <option value="" selected={manager_value.is_empty()}>{ "All" }</option>
                        { for manager_names.iter().map(|m| html! {
                            <option value={m.clone()} selected={query.manager.as_deref().is_some_and(|c| !c.is_empty() && is_chosen(m, c))}>{ m.clone() }</option>
                        }) }
                        <option value={"\u{0}none"} selected={manager_value == "\u{0}none"}>{ "No manager" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="sort-by">{ "Sort by" }</label>
                    <div class="field__row">
                        <select id="sort-by" ref={sort_select} onchange={on_sort}>
                            { for SortKey::ALL.iter().map(|k| html! {
                                <option value={k.slug()} selected={query.sort == *k}>{ k.title() }</option>
                            }) }
                        </select>
                        <button type="button" class="button button--small" onclick={on_direction}
                            aria-label={if query.descending { "Sorted descending; switch to ascending" } else { "Sorted ascending; switch to descending" }}>
                            { if query.descending { "↓" } else { "↑" } }
                        </button>
                    </div>
                </div>
            </form>
            <p class="result-count" id="account-count" role="status" tabindex="-1">
                { count }
                if filtered {
                    { " · " }
                    <button type="button" class="link-button" onclick={on_reset}>{ "Clear filters" }</button>
                }
            </p>
            if let (None, Some(p)) = (&shown, &*sorting) {
                <div class="work-progress">
                    <progress aria-labelledby="account-count" max={p.total.max(1).to_string()} value={p.done.to_string()}></progress>
                </div>
            } else if shown.is_none() {
            } else if rows.is_empty() {
                <p class="card list-result" aria-busy={busy}>{ "No account matches these filters." }</p>
            } else {
                <div class="table-scroll card card--flush list-result" aria-busy={busy}>
                    // The sort key picks which figure a phone's one-line rows show.
                    <table class="accounts-table" data-sort={query.sort.slug()}>
                        <thead>
                            <tr>
                                { header(SortKey::Name, "") }
                                <th scope="col">{ "Tier" }</th>
                                <th scope="col">{ "Manager" }</th>
                                { header(SortKey::Revenue, "num") }
                                { header(SortKey::Relationship, "num") }
                                { header(SortKey::Potential, "num") }
                                { header(SortKey::Quadrant, "") }
                                { header(SortKey::LastReviewed, "") }
                                <th scope="col">{ "Plan" }</th>
                            </tr>
                        </thead>
                        <RawTableBody rows={rows_markup(&rows, &state.doc, &templates, today.as_deref())} />
                    </table>
                </div>
                <Pager page={page} on_go={on_page} focus_after="account-count" />
            }
        </>
    };
    with_csv_panel("accounts", list)
}
