//! The root of the app: loading stored data, the shared state, and the screen for each route.

use std::rc::Rc;

use yew::prelude::*;

use crate::area_updates;
use crate::browser::clock::now_iso;
use crate::browser::first_screen::{self, EarlyWork};
use crate::browser::hand_off;
use crate::browser::kept_view;
use crate::browser::page;
use crate::browser::places;
use crate::components::shell::shell;
use crate::hooks::{use_hash_route, AppContext};
use crate::lazy_screens::{self, Group, LazyScreen};
use crate::pages::{not_found_page, GraderPage, HistoryPage, InvitationBanner};
use crate::route::Route;
use crate::state::{Action, AppState, GraderAction, SavingStopped, Unreadable};
use crate::storage::schema::LoadError;
use crate::storage::{self, Loaded, OtherTabChange, OtherTabSaved, SaveError};

/// Saving stops; what was saved last is the storage module's to say, since the change that
/// found the other tab's value was not saved.
fn stop_saving(why: crate::storage::schema::LoadError) -> Action {
    Action::StopSaving {
        why,
        saved_through: storage::saved_revision(),
    }
}

fn other_tab(change: OtherTabChange) -> Action {
    match change {
        OtherTabChange::Saved(other) => {
            let OtherTabSaved { base, theirs, join } = *other;
            Action::OtherTabSaved {
                base: Box::new(base),
                theirs: Box::new(theirs),
                join,
            }
        }
        OtherTabChange::Unreadable(why) => stop_saving(why),
        OtherTabChange::NotReadYet => Action::OtherTabNotRead,
    }
}

/// Shows what another tab stored. The focus stays on the screen if the change takes away
/// the element that had it (another tab deleted the account shown).
fn take_other_tabs_change(state: &UseReducerHandle<AppState>, change: OtherTabChange) {
    page::keep_focus_on_screen_later();
    state.dispatch(other_tab(change));
}

/// The state the app starts with, from whatever the browser had stored.
fn initial_state(loaded: Loaded) -> AppState {
    match loaded {
        Loaded::FirstRun => AppState::default(),
        Loaded::Document(doc) => AppState::with_document(*doc),
        Loaded::Unreadable { error, raw, backup } => AppState {
            unreadable: Some(Unreadable::new(&error, raw.into(), backup)),
            ..AppState::default()
        },
        Loaded::Unavailable(why) => AppState {
            save_problem: Some(why),
            ..AppState::default()
        },
        Loaded::NotRead => AppState {
            saving_stopped: Some(SavingStopped {
                why: LoadError::ReaderNotDownloaded,
                at_revision: 0,
            }),
            ..AppState::default()
        },
    }
}

/// The state with the accounts list and History's chart as the visitor left them before a
/// reload (browser/kept_view.rs).
fn with_kept_views(state: AppState) -> AppState {
    match kept_view::taken_back() {
        Some((list_query, trend_view)) => AppState {
            list_query,
            trend_view,
            ..state
        },
        None => state,
    }
}

/// The state with what the visitor did on the build's first screen taken over: answers where
/// the draft has none, and the save that was asked for there.
fn with_early_work(state: AppState, early: Option<&EarlyWork>) -> AppState {
    let Some(early) = early else {
        return state;
    };
    let mut state = Rc::new(state).reduce(Action::Grader(GraderAction::TakeOverFirstScreen {
        answers: early.answers.clone(),
        label: early.label.clone(),
        team: early.team.clone(),
        date: early.date.clone(),
    }));
    if early.save {
        state = state.reduce(Action::Grader(GraderAction::SaveAssessment {
            at: now_iso(),
        }));
    }
    Rc::unwrap_or_clone(state)
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What the visitor did on the build's first screen before the app started, if it was
    /// shown (read by `main` before Yew empties the page to draw the app).
    #[prop_or_default]
    pub early: Option<Rc<EarlyWork>>,
}

/// The app as the browser runs it: reads storage once and follows the URL fragment.
#[component]
pub fn App(props: &AppProps) -> Html {
    let early = props.early.clone();
    let initial = use_memo((), |_| {
        with_kept_views(with_early_work(
            initial_state(storage::load()),
            early.as_deref(),
        ))
    });
    // Where the visitor was on the first screen is put back as soon as the app's screen is
    // drawn (browser/hand_off.rs); whatever is left stops here.
    let put_back_own_place = props.early.is_none();
    use_effect_with((), move |_| {
        hand_off::finish();
        // Only the screen drawn first replaces the page's waiting line.
        first_screen::take_waiting_line();
        places::start(put_back_own_place);
    });
    let route = use_hash_route();
    // A share link's screen is made afresh for each link: a second link pasted into the same
    // tab keeps the route but must not show the first link's content.
    let link = AttrValue::from(if route.is_share() {
        Route::payload(&page::current_hash()).to_string()
    } else {
        String::new()
    });
    use_effect_with((), |_| lazy_screens::load_all_when_idle());
    let first_render = use_mut_ref(|| true);
    use_effect_with((route, link.clone()), move |_| {
        // On the first render the focus is left where the browser put it, unless a reload
        // has a place to put back; on a route change, focus moves to the new heading so
        // keyboard and screen reader users land on it.
        // An action that deleted something and moved to another screen offers Undo, which
        // has taken focus already; it keeps it.
        // A screen whose code is still on its way focuses its heading when it arrives.
        // Back or Forward to a screen already drawn puts back where the visitor was on it,
        // whatever had the focus on the screen left (the undo notice goes with that screen),
        // and so does a reload on the first render. A screen whose code is on its way puts
        // the place back when it arrives.
        let navigated = !std::mem::replace(&mut *first_render.borrow_mut(), false);
        let returned = page::has_main_heading() && places::put_back();
        let focus = navigated && !returned && !page::focus_is_on("undo-button");
        if focus {
            page::focus_main_heading();
        }
        lazy_screens::focus_heading_on_arrival(focus && !page::has_main_heading());
    });
    html! { <Root initial={initial} route={route} link={link} /> }
}

#[derive(Properties)]
pub struct RootProps {
    /// The state to start from; later changes to this prop are ignored.
    pub initial: Rc<AppState>,
    pub route: Route,
    /// What the share link holds on the screens that show one, else empty.
    pub link: AttrValue,
}

impl PartialEq for RootProps {
    /// `initial` by identity: it is read once, and comparing it field by field would bring
    /// every stored type's comparison into the first download.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.initial, &other.initial)
            && self.route == other.route
            && self.link == other.link
    }
}

/// Holds the app state, shares it with every component, and saves each change.
#[component]
pub fn Root(props: &RootProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || (*initial).clone());
    {
        let state = state.clone();
        use_effect_with(state.revision, move |&revision| {
            // Revision 0 is what was loaded: writing it back would gain nothing, and for an
            // unreadable value it would replace the user's data with an empty document.
            if revision > 0 && !state.saving_paused() {
                match storage::save(&state.doc, revision) {
                    Ok(()) if state.save_problem.is_some() => state.dispatch(Action::SaveSucceeded),
                    Ok(()) => {}
                    Err(SaveError::Refused(why)) => state.dispatch(Action::SaveFailed(why)),
                    Err(SaveError::OtherTab(change)) => take_other_tabs_change(&state, change),
                    Err(SaveError::Stopped(why)) => state.dispatch(stop_saving(why)),
                    // A first visit's first changes, made before the writer's download:
                    // saved once it arrives, one fetch for all of them.
                    Err(SaveError::WriterOnItsWay) if !state.save_awaits_writer => {
                        state.dispatch(Action::SaveAwaitsWriter);
                        let state = state.clone();
                        lazy_screens::bring(vec![Group::Writing], move || {
                            state.dispatch(Action::WriterArrived)
                        });
                    }
                    Err(SaveError::WriterOnItsWay) => {}
                }
            }
        });
    }
    {
        // What another tab stored before this tab's reader of stored data arrived is read
        // once it has.
        let state = state.clone();
        use_effect_with(state.other_tab_unread, move |&unread| {
            if unread {
                lazy_screens::bring(
                    vec![Group::Reading],
                    move || match storage::look_at_other_tab() {
                        Some(change) => take_other_tabs_change(&state, change),
                        None => state.dispatch(Action::OtherTabGone),
                    },
                );
            }
        });
    }
    {
        // A change asked for before the code of its area arrived is made once it has.
        let state = state.clone();
        use_effect_with(state.waits, move |_| {
            let groups = area_updates::groups_bringing(&state.waiting);
            if !groups.is_empty() {
                lazy_screens::bring(groups, move || state.dispatch(Action::ApplyWaiting));
            }
        });
    }
    // Once something has been saved there is data worth keeping, so the browser is asked not
    // to clear it; asking on a first visit would prompt Firefox users before they have
    // anything to lose.
    use_effect_with(state.revision > 0, |&saved| {
        if saved {
            crate::browser::persistence::ask_to_keep_data();
        }
    });
    // Colours follow the theme setting from the first render on (effects run before the
    // browser paints), and again whenever it changes here or in another tab.
    use_effect_with(state.doc.settings.theme, |&theme| page::set_theme(theme));
    use_effect_with(
        (state.list_query.clone(), state.trend_view.clone()),
        |(list, trend)| kept_view::keep(list, trend),
    );
    {
        // After the first screen is drawn, while the user reads it.
        let state = state.clone();
        use_effect_with((), move |_| {
            let timeout = gloo_timers::callback::Timeout::new(0, move || {
                storage::prepare_to_save(&state.doc)
            });
            move || drop(timeout)
        });
    }
    {
        // A screen showing an account that took a new id when joined with another tab's
        // changes follows it there.
        let route = props.route;
        use_effect_with(state.moved_accounts.clone(), move |moved| {
            let follow = |old: u64| moved.iter().find(|(from, _)| *from == old).map(|m| m.1);
            let next = match route {
                Route::Account(id) => follow(id).map(Route::Account),
                Route::EditAccount(id) => follow(id).map(Route::EditAccount),
                Route::Plan(id) => follow(id).map(Route::Plan),
                Route::PlanView(id) => follow(id).map(Route::PlanView),
                _ => None,
            };
            if let Some(next) = next {
                page::navigate(next);
            }
        });
    }
    // The tab title (and a printout's header) names the account or assessment on its screens.
    let title = page_title(props.route, &state.doc);
    use_effect_with(title, |title| page::set_title(title));
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener =
                storage::listen_to_other_tabs(move |change| take_other_tabs_change(&state, change));
            move || drop(listener)
        });
    }
    {
        // Closing or reloading the tab while changes exist only here asks first.
        let unsaved = use_mut_ref(|| false);
        *unsaved.borrow_mut() = state.has_unsaved_changes();
        use_effect_with((), move |_| {
            let asking = page::ask_before_unloading(move || *unsaved.borrow());
            move || drop(asking)
        });
    }
    html! {
        <ContextProvider<AppContext> context={AppContext::new(state)}>
            { shell(props.route, page_for(props.route, &props.link)) }
        </ContextProvider<AppContext>>
    }
}

fn page_title(route: Route, doc: &crate::storage::schema::Document) -> String {
    let account = |id| {
        doc.portfolio
            .accounts
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
    };
    let named = match route {
        Route::Account(id) => account(id),
        Route::EditAccount(id) => account(id).map(|n| format!("Edit {n}")),
        Route::Plan(id) | Route::PlanView(id) => account(id).map(|n| format!("{n}: account plan")),
        // Tabs and the history menu tell past assessments apart.
        Route::Assessment(id) => doc
            .grader
            .history
            .iter()
            .find(|a| a.id == id)
            .map(|a| format!("Assessment: {}", a.name())),
        _ => None,
    };
    match named {
        Some(name) => format!("{name} · Account Grader"),
        None => route.title(),
    }
}

/// The screen for `route`; the screens of share links are keyed by the `link` they show.
/// Screens outside the first download come through `LazyScreen`, one per group, so that
/// moving between screens of a group keeps what they share.
fn page_for(route: Route, link: &AttrValue) -> Html {
    if let Some(group) = Group::of(route) {
        let key = format!("{group:?}");
        return html! { <LazyScreen key={key} group={group} route={route} link={link.clone()} /> };
    }
    match route {
        Route::Invitation => {
            html! { <><InvitationBanner key={link.to_string()} link={link.clone()} /><GraderPage key="grader" invitation={link.clone()} /></> }
        }
        Route::NotFound => not_found_page(),
        Route::History => html! { <HistoryPage /> },
        // `Group::of` names a group for every other route.
        _ => html! { <GraderPage /> },
    }
}
