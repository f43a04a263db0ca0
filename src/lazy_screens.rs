//! The screens that are not part of the first download. The build (scripts/build-wasm.mjs)
//! splits each group's code into a file of its own, fetched when one of its screens is first
//! opened or, earlier, when the page is idle after starting; the shell, the Grader, the
//! invitation screen and the list of saved assessments come with the first download. Off the
//! web (tests, prerendering) the group functions are plain function calls.

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use wasm_split_helpers::{wasm_split, SplitLoaderError};
use yew::prelude::*;

use crate::area_updates;
use crate::browser::{first_screen, page, places};
use crate::components::csv_panel::CsvPanel;
use crate::components::send_back::SendBackForm;
use crate::components::share_panels::InvitationForm;
use crate::components::trend_panel::TrendPanel;
use crate::domain::share::Invitation;
use crate::pages::{
    AccountFormPage, AccountPage, AccountsPage, AssessmentPage, ClientPlanPage, MatrixPage,
    PlanPage, PlanViewPage, PlansPage, ProspectPage, ProspectsPage, RatingGridPage, SettingsPage,
    SharedAccountPage, SharedResultPage, TemplatePage,
};
use crate::route::Route;

/// A group of screens that is downloaded together.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Group {
    /// Accounts (with the spreadsheet import), an account and its form.
    Portfolio,
    /// The accounts list's spreadsheet import (its panel, the reading of files, the `csv`
    /// crate): the list opens sooner without it, and the panel follows.
    Spreadsheet,
    /// The portfolio matrix and the rating grid: apart from the accounts, so that the first
    /// visit to the accounts list waits for less.
    Matrix,
    /// Account plans and templates.
    Plans,
    /// The history's score-over-time chart and a past assessment's page. The list of saved
    /// assessments is in the first download, so that the screen a visitor opens after the
    /// Grader shows at once; a first visit's history is empty and draws no chart.
    History,
    /// The prospects and the settings with backup.
    More,
    /// The screens that open a shared result, account or client plan.
    Share,
    /// No screen: the reader of stored documents and the join of another tab's changes
    /// (`crate::storage::reading`). Fetched before the app starts when something is stored,
    /// else last, as a first visit needs it only if another tab saves.
    Reading,
    /// No screen: the writer of stored documents and backup files
    /// (`crate::storage::writing`). Fetched with the reader before the app starts when
    /// something is stored, else at the first change or export that needs it, if the
    /// fetches for later have not brought it already.
    Writing,
}

impl Group {
    /// Every group, in the order they are fetched when the page is idle: the screens the
    /// header links to (History's list is in the first download), then the accounts' import
    /// panel, which follows their list, and History's chart and past assessments, which a
    /// first visit's empty History does not show (a save fetches them at once). A first
    /// visit's page asks for the first as its first download ends, and its small chunks come
    /// on their own (`FIRST_GROUP` in scripts/build-wasm.mjs).
    pub const ALL: [Group; 9] = [
        Group::Portfolio,
        Group::Matrix,
        Group::Plans,
        Group::More,
        Group::Spreadsheet,
        Group::History,
        Group::Share,
        Group::Writing,
        Group::Reading,
    ];

    /// The group that holds the screen for `route`, or `None` for a screen of the first download.
    pub fn of(route: Route) -> Option<Group> {
        match route {
            Route::Accounts | Route::NewAccount | Route::Account(_) | Route::EditAccount(_) => {
                Some(Group::Portfolio)
            }
            Route::RatingGrid | Route::Matrix => Some(Group::Matrix),
            Route::Plans | Route::Plan(_) | Route::PlanView(_) | Route::Template(_) => {
                Some(Group::Plans)
            }
            Route::Assessment(_) => Some(Group::History),
            Route::Prospects | Route::Prospect(_) | Route::Settings => Some(Group::More),
            Route::SharedResult | Route::SharedAccount | Route::ClientPlan => Some(Group::Share),
            Route::Grader | Route::Invitation | Route::History | Route::NotFound => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Fetches the group's code unless it is here already, for a screen or a change that needs
    /// it now: the fetches for later wait while it is on its way (see `load_all_when_idle`).
    /// A failure is not remembered: the next call tries again.
    pub async fn load(self) -> Result<(), SplitLoaderError> {
        let _needed = NeededNow::start(self);
        self.fetch().await
    }

    /// Fetches the group's code unless it is here already, with no claim to be needed now.
    async fn fetch(self) -> Result<(), SplitLoaderError> {
        // Each split function keeps its own record of the file having arrived: the screen
        // function's is the one `LazyScreen` relies on to show a screen without waiting, so
        // it is the one that loads the file.
        let loaded = match self {
            Group::Portfolio => load_portfolio().await,
            Group::Spreadsheet => load_spreadsheet().await,
            Group::Matrix => load_matrix().await,
            Group::Plans => load_plans().await,
            // The chart's function keeps a record of its own, which `LazyTrendPanel` relies on.
            Group::History => match load_history().await {
                Ok(()) => load_trend_panel().await,
                failed => failed,
            },
            Group::More => load_more().await,
            // `share_part` has its own loader: the group counts as here once both have
            // run, so that `LazySharePart` draws its part at once.
            Group::Share => match load_share().await {
                Ok(()) => load_share_part().await,
                failed => failed,
            },
            Group::Reading => reading_arrived().await,
            Group::Writing => writing_arrived().await,
        };
        loaded?;
        let loaded = match self {
            Group::Portfolio => portfolio_arrived().await,
            // Its panel changes only what the accounts' group brings the update of.
            Group::Spreadsheet => Ok(()),
            Group::Matrix => matrix_arrived().await,
            Group::Plans => plans_arrived().await,
            Group::History => history_arrived().await,
            Group::More => more_arrived().await,
            Group::Share => share_arrived().await,
            // Their functions above have done all there is to do.
            Group::Reading | Group::Writing => Ok(()),
        };
        if loaded.is_ok() {
            LOADED.with(|l| l[self.index()].set(true));
            // Those waiting for it need not wait for `bring`'s next try.
            call_those_ready();
        }
        loaded
    }

    /// Off the web every group is part of the program, so server-side renders show the screen.
    fn is_loaded(self) -> bool {
        !cfg!(target_family = "wasm") || LOADED.with(|l| l[self.index()].get())
    }
}

thread_local! {
    /// Which groups have arrived, so that their screens render at once from then on.
    static LOADED: [Cell<bool>; Group::ALL.len()] = Default::default();
    /// Set when the user moved to a screen whose code was still on its way: its heading
    /// takes focus when it arrives, as an eager screen's does on navigation.
    static FOCUS_ON_ARRIVAL: Cell<bool> = const { Cell::new(false) };
}

// Run first when a group's code arrives: the updates of what its screens change come with it
// (see `crate::area_updates`), ready before any of its screens is shown.

#[wasm_split(portfolio, fallible)]
fn portfolio_arrived() -> Result<(), SplitLoaderError> {
    area_updates::portfolio_group_arrived();
    Ok(())
}

#[wasm_split(matrix, fallible)]
fn matrix_arrived() -> Result<(), SplitLoaderError> {
    area_updates::matrix_group_arrived();
    Ok(())
}

#[wasm_split(plans, fallible)]
fn plans_arrived() -> Result<(), SplitLoaderError> {
    area_updates::plans_group_arrived();
    Ok(())
}

#[wasm_split(history, fallible)]
fn history_arrived() -> Result<(), SplitLoaderError> {
    area_updates::history_group_arrived();
    Ok(())
}

#[wasm_split(more, fallible)]
fn more_arrived() -> Result<(), SplitLoaderError> {
    area_updates::more_group_arrived();
    Ok(())
}

#[wasm_split(share, fallible)]
fn share_arrived() -> Result<(), SplitLoaderError> {
    area_updates::share_group_arrived();
    Ok(())
}

#[wasm_split(reading, fallible)]
fn reading_arrived() -> Result<(), SplitLoaderError> {
    crate::storage::reading::reading_group_arrived();
    Ok(())
}

#[wasm_split(writing, fallible)]
fn writing_arrived() -> Result<(), SplitLoaderError> {
    crate::storage::writing::writing_group_arrived();
    Ok(())
}

// Each group function takes the route and builds the screen for it; the keys are those the
// screens had before they were split off (see `app::page_for`).

#[wasm_split(portfolio, fallible, preload(load_portfolio))]
fn portfolio_screen(route: Route) -> Result<Html, SplitLoaderError> {
    Ok(match route {
        Route::NewAccount => html! { <AccountFormPage id={None::<u64>} /> },
        Route::Account(id) => html! { <AccountPage id={id} /> },
        // Keyed so that switching between two accounts' forms starts from the right values.
        Route::EditAccount(id) => html! { <AccountFormPage key={id} id={Some(id)} /> },
        _ => html! { <AccountsPage /> },
    })
}

#[wasm_split(spreadsheet, fallible, preload(load_spreadsheet))]
fn spreadsheet_panel() -> Result<Html, SplitLoaderError> {
    Ok(html! { <CsvPanel /> })
}

#[wasm_split(matrix, fallible, preload(load_matrix))]
fn matrix_screen(route: Route) -> Result<Html, SplitLoaderError> {
    Ok(match route {
        Route::RatingGrid => html! { <RatingGridPage /> },
        _ => html! { <MatrixPage /> },
    })
}

#[wasm_split(plans, fallible, preload(load_plans))]
fn plans_screen(route: Route) -> Result<Html, SplitLoaderError> {
    Ok(match route {
        Route::Plan(id) => html! { <PlanPage account={id} /> },
        Route::PlanView(id) => html! { <PlanViewPage account={id} /> },
        Route::Template(id) => html! { <TemplatePage key={id} id={id} /> },
        _ => html! { <PlansPage /> },
    })
}

#[wasm_split(history, fallible, preload(load_history))]
fn history_screen(route: Route) -> Result<Html, SplitLoaderError> {
    Ok(match route {
        Route::Assessment(id) => html! { <AssessmentPage id={id} /> },
        // No other route's screen is in it (`Group::of`).
        _ => Html::default(),
    })
}

#[wasm_split(history, fallible, preload(load_trend_panel))]
fn trend_panel() -> Result<Html, SplitLoaderError> {
    Ok(html! { <TrendPanel /> })
}

#[wasm_split(more, fallible, preload(load_more))]
fn more_screen(route: Route) -> Result<Html, SplitLoaderError> {
    Ok(match route {
        Route::Prospects => html! { <ProspectsPage /> },
        Route::Prospect(id) => html! { <ProspectPage id={id} /> },
        _ => html! { <SettingsPage /> },
    })
}

/// One of the Grader's parts for sharing, which come with the shared links' group.
#[derive(Clone, PartialEq)]
pub enum SharePart {
    /// The form that makes an invitation, inside the "Invite someone" panel.
    Invite,
    /// The result link to send back to whoever sent the invitation.
    SendBack(Rc<Invitation>),
}

impl SharePart {
    /// What it says while it is on its way.
    fn waiting_line(&self) -> &'static str {
        match self {
            SharePart::Invite => "The invitation form is on its way…",
            SharePart::SendBack(_) => "The way to send your result is on its way…",
        }
    }

    /// Where Try again puts the focus as the button goes: the part's heading.
    fn heading_id(&self) -> &'static str {
        match self {
            SharePart::Invite => "invite-summary",
            SharePart::SendBack(_) => "send-back-title",
        }
    }
}

#[wasm_split(share, fallible, preload(load_share_part))]
fn share_part(part: SharePart) -> Result<Html, SplitLoaderError> {
    Ok(match part {
        SharePart::Invite => html! { <InvitationForm /> },
        SharePart::SendBack(invitation) => html! { <SendBackForm {invitation} /> },
    })
}

#[wasm_split(share, fallible, preload(load_share))]
fn share_screen(route: Route, link: AttrValue) -> Result<Html, SplitLoaderError> {
    // Keyed by the link: a second link pasted into the same tab must not show the first's content.
    Ok(match route {
        Route::SharedAccount => {
            html! { <SharedAccountPage key={link.to_string()} link={link.clone()} /> }
        }
        Route::ClientPlan => {
            html! { <ClientPlanPage key={link.to_string()} link={link.clone()} /> }
        }
        _ => html! { <SharedResultPage key={link.to_string()} link={link.clone()} /> },
    })
}

/// The screen for `route` from its group's code, once that has arrived.
async fn screen(group: Group, route: Route, link: AttrValue) -> Result<Html, SplitLoaderError> {
    match group {
        Group::Portfolio => portfolio_screen(route).await,
        Group::Spreadsheet => spreadsheet_panel().await,
        Group::Matrix => matrix_screen(route).await,
        Group::Plans => plans_screen(route).await,
        Group::History => history_screen(route).await,
        Group::More => more_screen(route).await,
        Group::Share => share_screen(route, link).await,
        // No route's screen is in them (`Group::of`).
        Group::Reading | Group::Writing => Ok(Html::default()),
    }
}

/// The value of `future` if it has one without waiting. Used only on a group that has
/// arrived, whose screen function then returns at its first step.
fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    struct Nobody;
    impl Wake for Nobody {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Nobody));
    match pin!(future).poll(&mut Context::from_waker(&waker)) {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

/// Asks for the heading of the screen on its way to take focus when it arrives; any later
/// navigation decides afresh.
pub fn focus_heading_on_arrival(wanted: bool) {
    FOCUS_ON_ARRIVAL.with(|f| f.set(wanted));
}

/// Fetches `group` now unless it is here, with no claim to be needed now: for a screen the
/// visitor is likely to open next. A failure is left for that screen to report.
pub fn fetch_ahead(group: Group) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = group.fetch().await;
    });
}

/// Fetches `groups`, then calls `then`. For changes that wait for their area's update
/// (`crate::area_updates`), and another tab's value that waits for the reader of stored data
/// (`crate::storage::reading`): they are kept, not dropped, however long the connection is
/// away.
///
/// One fetch is under way at a time: a call while one is adds its groups to it. Each `then`
/// is called as soon as its own groups have arrived, whatever becomes of the others'. While
/// a group cannot be fetched, the others are tried, then it is tried again after a wait that
/// doubles each time up to a minute, or at once when the browser says it is back online.
pub fn bring(groups: Vec<Group>, then: impl FnOnce() + 'static) {
    if groups.iter().all(|g| g.is_loaded()) {
        return then();
    }
    let start = BRINGING.with_borrow_mut(|bringing| {
        let start = bringing.is_none();
        bringing
            .get_or_insert_with(|| Bringing {
                waiting: Vec::new(),
                failures: 0,
                retry: None,
            })
            .waiting
            .push((groups, Box::new(then)));
        start
    });
    if start {
        keep_bringing();
    }
}

/// What a caller of `bring` does once its groups have arrived.
type Then = Box<dyn FnOnce()>;

/// The fetch `bring` has under way.
struct Bringing {
    /// What each caller waits for, and what it then does.
    waiting: Vec<(Vec<Group>, Then)>,
    /// Rounds in a row in which a fetch failed, for the wait before the next try.
    failures: u32,
    /// The number of the try being waited for, if one is: a timer or an `online` event that
    /// finds another number (or none) is late, and does nothing.
    retry: Option<u32>,
}

thread_local! {
    static BRINGING: std::cell::RefCell<Option<Bringing>> = const { std::cell::RefCell::new(None) };
    static ONLINE_LISTENER: Cell<bool> = const { Cell::new(false) };
}

/// Calls the callers' `then` whose groups have all arrived; fetches, in turn, each group still
/// waited for that has not failed in this round; when none is waited for any more, ends the
/// fetch, else waits to try again.
fn keep_bringing() {
    wasm_bindgen_futures::spawn_local(async {
        let mut failed: Vec<Group> = Vec::new();
        loop {
            call_those_ready();
            let next = BRINGING.with_borrow(|b| {
                b.as_ref().and_then(|b| {
                    b.waiting
                        .iter()
                        .flat_map(|(groups, _)| groups.iter().copied())
                        .find(|g| !g.is_loaded() && !failed.contains(g))
                })
            });
            if let Some(group) = next {
                if group.load().await.is_err() {
                    failed.push(group);
                }
                continue;
            }
            let retry = BRINGING.with_borrow_mut(|bringing| {
                let b = bringing.as_mut()?;
                if b.waiting.is_empty() {
                    *bringing = None;
                    return None;
                }
                b.failures += 1;
                b.retry = Some(b.failures);
                Some((b.failures, retry_after_ms(b.failures)))
            });
            if let Some((number, after)) = retry {
                gloo_timers::callback::Timeout::new(after, move || try_again(Some(number)))
                    .forget();
                listen_for_online();
            }
            return;
        }
    });
}

/// Calls the `then` of each caller of `bring` whose groups have all arrived, however they came
/// (`bring`'s own fetch, a screen's, the fetches for later).
fn call_those_ready() {
    let ready: Vec<Then> = BRINGING.with_borrow_mut(|b| {
        let Some(b) = b.as_mut() else {
            return Vec::new();
        };
        let (ready, waiting) = std::mem::take(&mut b.waiting)
            .into_iter()
            .partition(|(groups, _)| groups.iter().all(|g| g.is_loaded()));
        b.waiting = waiting;
        ready.into_iter().map(|(_, then)| then).collect()
    });
    ready.into_iter().for_each(|then| then());
}

/// Starts the try numbered `number` (any waited for, for `None`) unless it has started.
fn try_again(number: Option<u32>) {
    let due = BRINGING.with_borrow_mut(|b| {
        b.as_mut().is_some_and(|b| {
            let due = b.retry.is_some() && (number.is_none() || b.retry == number);
            if due {
                b.retry = None;
            }
            due
        })
    });
    if due {
        keep_bringing();
    }
}

/// Once for the page's life: a fetch waiting to try again tries at once when the connection
/// comes back.
fn listen_for_online() {
    if ONLINE_LISTENER.replace(true) {
        return;
    }
    if let Some(window) = web_sys::window() {
        gloo_events::EventListener::new(&window, "online", |_| try_again(None)).forget();
    }
}

/// The wait before the next try after `failures` failed fetches in a row: 3 s, doubling, at
/// most a minute.
fn retry_after_ms(failures: u32) -> u32 {
    const FIRST_MS: u32 = 3_000;
    const LONGEST_MS: u32 = 60_000;
    FIRST_MS
        .saturating_mul(1 << failures.saturating_sub(1).min(10))
        .min(LONGEST_MS)
}

/// Fetches every group that has not arrived yet, one after another, once the page is idle:
/// the first visit to any screen then finds its code here. While a group is needed now (for
/// a screen the visitor opened, or a change), the others wait, so as not to share a slow
/// connection with it, though not past a deadline: a fetch that hangs must not keep the rest
/// from ever being fetched. A group needed now is left to its own fetch. Failures are left
/// for the screen itself to report when it is opened. When every group has been tried, the
/// page is told (see `crate::browser::page::announce_every_screen_fetched`).
pub fn load_all_when_idle() {
    crate::browser::idle::when_idle(|| {
        wasm_bindgen_futures::spawn_local(async {
            let deadline = js_sys::Date::now() + WAIT_FOR_NEEDED_AT_MOST_MS;
            for group in Group::ALL {
                while NeededNow::any() && js_sys::Date::now() < deadline {
                    crate::browser::slices::after(NEEDED_NOW_CHECK_MS).await;
                }
                if !NeededNow::of(group) {
                    let _ = group.fetch().await;
                }
            }
            page::announce_every_screen_fetched();
        })
    });
}

/// How long the fetches for later wait in all for groups needed now, at most. A deadline
/// rather than a count of checks: a hidden tab's timers fire far less often than asked.
const WAIT_FOR_NEEDED_AT_MOST_MS: f64 = 30_000.0;
/// How often they look again whether those have arrived.
const NEEDED_NOW_CHECK_MS: i32 = 100;

thread_local! {
    /// How many fetches of each group (by `Group::index`) are under way for a screen or a
    /// change.
    static NEEDED_NOW: [Cell<u32>; Group::ALL.len()] = Default::default();
}

/// A fetch for a screen or a change, counted while it lasts, whether it succeeds or fails.
struct NeededNow(Group);

impl NeededNow {
    fn start(group: Group) -> NeededNow {
        NEEDED_NOW.with(|n| n[group.index()].set(n[group.index()].get() + 1));
        NeededNow(group)
    }

    fn of(group: Group) -> bool {
        NEEDED_NOW.with(|n| n[group.index()].get() > 0)
    }

    fn any() -> bool {
        Group::ALL.into_iter().any(NeededNow::of)
    }
}

impl Drop for NeededNow {
    fn drop(&mut self) {
        let index = self.0.index();
        NEEDED_NOW.with(|n| n[index].set(n[index].get().saturating_sub(1)));
    }
}

#[derive(Properties, PartialEq)]
pub struct LazyScreenProps {
    pub group: Group,
    pub route: Route,
    /// What the share link holds on the screens that show one, else empty.
    pub link: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum Arrival {
    Waiting,
    Arrived,
    Failed,
}

/// Whether `group`'s code is here, fetched when it is not: set to `Waiting` again to try
/// again after a failure. With `focus_heading`, the main heading takes focus on arrival when
/// the user moved to the screen while it was on its way.
#[hook]
fn use_arrival(group: Group, focus_heading: bool) -> UseStateHandle<Arrival> {
    let arrival = use_state(|| {
        if group.is_loaded() {
            Arrival::Arrived
        } else {
            Arrival::Waiting
        }
    });
    {
        let arrival = arrival.clone();
        use_effect_with((group, *arrival), move |&(group, now)| {
            if now == Arrival::Waiting {
                wasm_bindgen_futures::spawn_local(async move {
                    let loaded = group.load().await.is_ok();
                    arrival.set(if loaded {
                        Arrival::Arrived
                    } else {
                        Arrival::Failed
                    });
                    let focus = focus_heading && FOCUS_ON_ARRIVAL.with(|f| f.replace(false));
                    // Back, Forward or a reload to where the visitor was on this screen; a
                    // failed screen keeps the place for when Try again brings it.
                    if focus_heading && loaded && places::waiting_to_be_put_back() {
                        places::put_back_later();
                    } else if focus {
                        page::focus_main_heading_later();
                    }
                });
            }
        });
    }
    arrival
}

/// The screen for `route` from `group`: at once when the group's code is here, else a short
/// wait, or a message with a way to try again when it cannot be fetched.
#[component]
pub fn LazyScreen(props: &LazyScreenProps) -> Html {
    let group = props.group;
    let arrival = use_arrival(group, true);
    let at_once = *use_state(first_screen::take_waiting_line);
    match *arrival {
        Arrival::Arrived => {
            match ready_now(screen(group, props.route, props.link.clone())) {
                Some(Ok(screen)) => screen,
                // Not reached: an arrived group's screen is ready at its first step.
                _ => waiting(at_once),
            }
        }
        Arrival::Waiting => waiting(at_once),
        Arrival::Failed => {
            let retry = {
                let arrival = arrival.clone();
                Callback::from(move |_| {
                    focus_heading_on_arrival(true);
                    arrival.set(Arrival::Waiting)
                })
            };
            html! {
                <div class="empty-state" role="alert">
                    <h1 tabindex="-1">{ "This screen could not be loaded" }</h1>
                    <p>{ "Its part of Account Grader did not arrive, perhaps because the connection dropped. Your data is safe, and every screen already opened still works." }</p>
                    <p><button type="button" class="button button--primary" onclick={retry}>{ "Try again" }</button></p>
                </div>
            }
        }
    }
}

/// The accounts list's spreadsheet import, from its own download: its heading at once, its
/// controls when they arrive, or a message with a way to try again.
#[component]
pub fn LazySpreadsheetPanel() -> Html {
    let arrival = use_arrival(Group::Spreadsheet, false);
    // A file dropped before the panel's controls arrive would otherwise be opened by the
    // browser in the app's place.
    let dropped_early = use_state(|| false);
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let dropped_early = dropped_early.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dropped_early.set(true);
        })
    };
    if *arrival == Arrival::Arrived {
        if let Some(Ok(panel)) = ready_now(spreadsheet_panel()) {
            return panel;
        }
    }
    let body = if *arrival == Arrival::Failed {
        panel_not_arrived(
            "The spreadsheet import did not arrive, perhaps because the connection dropped. Your accounts are safe.",
            &arrival,
            None,
        )
    } else if *dropped_early {
        html! { <p class="muted" role="status">{ "The spreadsheet import is on its way: drop the file again in a moment." }</p> }
    } else {
        html! { <p class="muted" role="status">{ "The spreadsheet import is on its way…" }</p> }
    };
    html! {
        <section class="card csv-panel" aria-labelledby="csv-title" ondragover={on_drag_over} ondrop={on_drop}>
            <h2 id="csv-title">{ "Spreadsheets and CRM exports" }</h2>
            { body }
        </section>
    }
}

/// Whether `group`'s code is here, fetched when it is not; the component re-renders when it
/// arrives. For a control of a first-download screen whose change only that group updates
/// (see `crate::area_updates`): shown once it would take effect at once.
#[hook]
pub fn use_group_here(group: Group) -> bool {
    *use_arrival(group, false) == Arrival::Arrived
}

/// The history's chart, from its own download: the list under it is in the first download
/// and shows at once; the chart follows, or a message with a way to try again.
#[component]
pub fn LazyTrendPanel() -> Html {
    let arrival = use_arrival(Group::History, false);
    // As a screen's line, it shows only after a moment: a quick arrival does not flash it.
    let waiting = html! { <p class="screen-loading trend-loading" role="status">{ "The chart is on its way…" }</p> };
    // Brought meanwhile by another screen or the fetches for later.
    let here = *arrival == Arrival::Arrived || Group::History.is_loaded();
    match *arrival {
        _ if here => match ready_now(trend_panel()) {
            Some(Ok(panel)) => panel,
            // Not reached: an arrived group's function returns at its first step.
            _ => waiting,
        },
        Arrival::Waiting | Arrival::Arrived => waiting,
        Arrival::Failed => panel_not_arrived(
            "The chart did not arrive, perhaps because the connection dropped. The saved assessments below are all there.",
            &arrival,
            Some("trend-title"),
        ),
    }
}

#[derive(Properties, PartialEq)]
pub struct LazySharePartProps {
    pub part: SharePart,
}

/// One of the Grader's parts for sharing (`share_part`), from the shared links' download:
/// the Grader shows at once without them, and they are asked for only when wanted (the
/// invitation panel opened, a first practice answered), if the fetches for later have not
/// brought them already.
#[component]
pub fn LazySharePart(props: &LazySharePartProps) -> Html {
    let arrival = use_arrival(Group::Share, false);
    let part = &props.part;
    let waiting = html! {
        <p class="screen-loading screen-loading--part" role="status">{ part.waiting_line() }</p>
    };
    if *arrival == Arrival::Arrived || Group::Share.is_loaded() {
        // At its first step: an arrived group's function does not wait.
        ready_now(share_part(part.clone()))
            .and_then(Result::ok)
            .unwrap_or(waiting)
    } else if *arrival == Arrival::Failed {
        panel_not_arrived(
            "This part did not arrive, perhaps because the connection dropped. Your answers are all here.",
            &arrival,
            Some(part.heading_id()),
        )
    } else {
        waiting
    }
}

/// What a panel of a first-download screen says when its own download failed: `text`, and
/// Try again, which fetches it afresh. The button goes as it is pressed: the focus goes to
/// `focus_on` (the panel's heading), where there is one.
fn panel_not_arrived(
    text: &'static str,
    arrival: &UseStateHandle<Arrival>,
    focus_on: Option<&'static str>,
) -> Html {
    let retry = {
        let arrival = arrival.clone();
        Callback::from(move |_| {
            if let Some(id) = focus_on {
                page::focus_element_in_place(id);
            }
            arrival.set(Arrival::Waiting)
        })
    };
    html! {
        <div role="alert">
            <p>{ text }</p>
            <p><button type="button" class="button" onclick={retry}>{ "Try again" }</button></p>
        </div>
    }
}

/// Shown while a screen's code is on its way; it appears only after a moment (see
/// style/shell.css), so a quick arrival does not flash it, or `at_once` in place of the
/// page's same line (first_screen::take_waiting_line).
fn waiting(at_once: bool) -> Html {
    html! {
        <p class={classes!("screen-loading", at_once.then_some("screen-loading--at-once"))} role="status">
            { SCREEN_LOADING }
        </p>
    }
}

/// What a screen says while its code is on its way; the page says it too, before the app
/// has started, on any screen but the Grader's first (src/bin/prerender.rs).
pub const SCREEN_LOADING: &str = "Loading this screen…";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screens_of_the_first_download_belong_to_no_group() {
        assert_eq!(Group::of(Route::Grader), None);
        assert_eq!(Group::of(Route::Invitation), None);
        assert_eq!(Group::of(Route::NotFound), None);
        // The screen a visitor opens after the Grader: its list, without the chart.
        assert_eq!(Group::of(Route::History), None);
    }

    #[test]
    fn every_other_screen_belongs_to_a_group() {
        assert_eq!(Group::of(Route::Accounts), Some(Group::Portfolio));
        assert_eq!(Group::of(Route::Account(1)), Some(Group::Portfolio));
        assert_eq!(Group::of(Route::Matrix), Some(Group::Matrix));
        assert_eq!(Group::of(Route::RatingGrid), Some(Group::Matrix));
        assert_eq!(Group::of(Route::Template(3)), Some(Group::Plans));
        assert_eq!(Group::of(Route::Assessment(2)), Some(Group::History));
        assert_eq!(Group::of(Route::Settings), Some(Group::More));
        assert_eq!(Group::of(Route::Prospect(1)), Some(Group::More));
        assert_eq!(Group::of(Route::SharedAccount), Some(Group::Share));
    }

    #[test]
    fn the_first_group_fetched_when_idle_is_the_one_the_build_and_the_page_ask_for_ahead() {
        let build = include_str!("../scripts/build-wasm.mjs");
        let first = format!("{:?}", Group::ALL[0]).to_lowercase();
        assert!(
            build.contains(&format!("export const FIRST_GROUP = '{first}';")),
            "scripts/build-wasm.mjs's FIRST_GROUP is not {first}"
        );
    }

    #[test]
    fn a_fetch_that_keeps_failing_is_tried_again_less_and_less_often() {
        let waits: Vec<u32> = (1..=8).map(retry_after_ms).collect();
        assert_eq!(
            waits,
            [3_000, 6_000, 12_000, 24_000, 48_000, 60_000, 60_000, 60_000]
        );
        assert_eq!(retry_after_ms(u32::MAX), 60_000);
    }

    #[test]
    fn off_the_web_a_screen_is_ready_at_once() {
        let screen = ready_now(screen(Group::Plans, Route::Plans, AttrValue::default()));
        assert!(matches!(screen, Some(Ok(_))));
    }
}
