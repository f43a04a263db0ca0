//! The rating grid: many accounts rated from the keyboard, one key press per rating.
//!
//! Accounts are rows and the criteria columns, in a roving-tabindex grid: only the cell under
//! the cursor is in the tab order, and the keys move the cursor. The rows are fixed when the
//! filters are set, so an account that becomes fully rated under "ratings missing" stays where
//! it is instead of pulling the next row under the cursor.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::events::{cell_within, on_value};
use crate::browser::page::{focus_element, navigate, on_keys_to_no_element};
use crate::components::pager::Pager;
use crate::components::quadrant_badge::quadrant_badge;
use crate::components::storage_banner::NOT_READ_HERE;
use crate::domain::accounts::{AccountId, Tier};
use crate::domain::portfolio::industries;
use crate::domain::portfolio::{is_chosen, managers};
use crate::domain::quadrant::{classify, Quadrant};
use crate::domain::rating::{axis_score, criteria_of, position, Axis, Ratings, CRITERIA};
use crate::domain::rating_grid::{
    grid_rows, in_list_order, needs_rating, page_holding, Cursor, GridFilter, Move, GRID_PAGE,
};
use crate::hooks::use_app_state;
use crate::route::Route;
use crate::state::{Action, PortfolioAction};

/// The short column headings; the full criterion titles are in each cell's label.
const SHORT: [&str; 10] = [
    "Access",
    "Org share",
    "Portfolio share",
    "Thought share",
    "Promises",
    "Contact",
    "Long term",
    "Needs fit",
    "Profit",
    "Strategic",
];

/// The select value that stands for "none given" (no manager, no industry): no name is it.
const NONE: &str = "\u{0}none";

fn cell_id(c: Cursor) -> String {
    format!("cell-{}-{}", c.row, c.col)
}

fn choice(value: &str) -> Option<String> {
    match value {
        "" => None,
        NONE => Some(String::new()),
        v => Some(v.to_string()),
    }
}

fn choice_value(choice: &Option<String>) -> &str {
    match choice.as_deref() {
        None => "",
        Some("") => NONE,
        Some(v) => v,
    }
}

/// One account of the grid, with its scores as they stand.
#[derive(Properties, PartialEq)]
struct GridRowProps {
    /// The row's place among all the grid's rows, counted from 0.
    row: usize,
    id: AccountId,
    name: AttrValue,
    ratings: Ratings,
    relationship: Option<u8>,
    potential: Option<u8>,
    quadrant: Option<Quadrant>,
    /// The cursor's column when the cursor is on this row.
    active: Option<usize>,
}

/// One account's row. A component so that a rating redraws its own row only: the others'
/// properties are unchanged, and Yew skips them.
#[component]
fn GridRow(props: &GridRowProps) -> Html {
    let name = &props.name;
    let score = |s: Option<u8>| s.map_or("—".to_string(), |s| s.to_string());
    html! {
        <tr role="row" aria-rowindex={(props.row + 3).to_string()}
            class={classes!("rating-grid__row", props.active.is_some().then_some("rating-grid__row--active"))}>
            <th role="rowheader" scope="row" class="rating-grid__name">
                <a href={Route::Account(props.id).href()} tabindex="-1">{ name.clone() }</a>
            </th>
            { for CRITERIA.iter().enumerate().map(|(col, c)| {
                let rating = props.ratings.get(c.id);
                let here = props.active == Some(col);
                let label = format!("{name}, {}: {}", c.title,
                    rating.map_or("not rated".to_string(), |r| format!("{r} of 5")));
                html! {
                    // Few attributes: a page has a thousand of these cells, and each
                    // attribute is a call out of WebAssembly when the page is drawn.
                    <td role="gridcell" id={cell_id(Cursor { row: props.row, col })}
                        tabindex={if here { "0" } else { "-1" }} aria-label={label}
                        class={if here { "rating-grid__cell rating-grid__cell--here" }
                            else if rating.is_none() { "rating-grid__cell rating-grid__cell--empty" }
                            else { "rating-grid__cell" }}>
                        { rating.map_or("·".to_string(), |r| r.to_string()) }
                    </td>
                }
            }) }
            <td role="gridcell" class="num">{ score(props.relationship) }</td>
            <td role="gridcell" class="num">{ score(props.potential) }</td>
            <td role="gridcell">{ quadrant_badge(props.quadrant) }</td>
        </tr>
    }
}

#[component]
pub fn RatingGridPage() -> Html {
    let state = use_app_state();
    let filter = use_state(GridFilter::default);
    // The cursor is read by key handlers that can run before the next render (keys typed
    // faster than frames), so it lives in a cell that is always current.
    let cursor: Rc<RefCell<Cursor>> = use_mut_ref(Cursor::default);
    let redraw = use_force_update();
    let accounts = state.doc.portfolio.accounts.clone();
    let settings = state.doc.settings.clone();
    let query = &state.list_query;
    let rows: Rc<Vec<AccountId>> = {
        let deps = (
            (*filter).clone(),
            query.sort,
            query.descending,
            accounts.len(),
        );
        let (accounts, settings) = (accounts.clone(), settings.clone());
        use_memo(deps, move |(f, sort, descending, _)| {
            let order = crate::domain::portfolio::ListQuery {
                sort: *sort,
                descending: *descending,
                ..Default::default()
            };
            grid_rows(
                &in_list_order(&accounts, &settings, &order),
                &settings.weights,
                f,
            )
        })
    };

    if accounts.is_empty() {
        return html! {
            <div class="rating-grid-page">
                <h1 tabindex="-1">{ "Rate accounts" }</h1>
                if state.stored_data_unread() {
                    <p>{ NOT_READ_HERE }</p>
                } else {
                    <p>{ "There are no accounts to rate yet." }</p>
                }
                <a class="button button--primary" href={Route::Accounts.href()}>{ "Go to accounts" }</a>
            </div>
        };
    }

    let here = cursor.borrow().clamped(rows.len());
    let page = page_holding(rows.len(), here.row);
    let account_of = |id: AccountId| accounts.iter().find(|a| a.id == id);
    // Looked up once per render: a linear search per row would be quadratic in 1000 accounts.
    let by_id: std::collections::HashMap<AccountId, &crate::domain::accounts::Account> =
        accounts.iter().map(|a| (a.id, a)).collect();

    // Set when the cursor moved to a cell of another page, which exists only once that page
    // is drawn; the effect below then focuses it, before any further key press is handled.
    let focus_pending = use_mut_ref(|| false);
    {
        let (cursor, focus_pending) = (cursor.clone(), focus_pending.clone());
        use_effect(move || {
            if std::mem::take(&mut *focus_pending.borrow_mut()) {
                focus_element(&cell_id(*cursor.borrow()));
            }
        });
    }
    let go_to = {
        let (cursor, redraw, focus_pending) =
            (cursor.clone(), redraw.clone(), focus_pending.clone());
        move |next: Cursor, focus: bool| {
            let page_changes = next.row / GRID_PAGE != cursor.borrow().row / GRID_PAGE;
            *cursor.borrow_mut() = next;
            redraw.force_update();
            // At once when the cell is already drawn: a focus that arrived later could land
            // after the next key press had moved on, and pull the cursor back with it.
            if focus && page_changes {
                *focus_pending.borrow_mut() = true;
            } else if focus {
                focus_element(&cell_id(next));
            }
        }
    };
    // Rates the cell under the cursor; a rating (not a clearing) moves on to the next cell.
    let rate = {
        let (state, rows, cursor, go_to) =
            (state.clone(), rows.clone(), cursor.clone(), go_to.clone());
        move |rating: Option<u8>, focus: bool| {
            let here = cursor.borrow().clamped(rows.len());
            let Some(&id) = rows.get(here.row) else {
                return;
            };
            state.dispatch(Action::Portfolio(PortfolioAction::Rate {
                id,
                criterion: CRITERIA[here.col].id,
                rating,
                at: now_iso(),
            }));
            let next = if rating.is_some() {
                here.moved(Move::Advance, rows.len())
            } else {
                here
            };
            go_to(next, focus);
        }
    };
    let onkeydown = {
        let (rows, cursor, go_to, rate) =
            (rows.clone(), cursor.clone(), go_to.clone(), rate.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() || rows.is_empty() {
                return;
            }
            let here = cursor.borrow().clamped(rows.len());
            let step = |m: Move| Some(here.moved(m, rows.len()));
            let next = match e.key().as_str() {
                k @ ("1" | "2" | "3" | "4" | "5") => {
                    e.prevent_default();
                    rate(k.parse().ok(), true);
                    return;
                }
                "0" | "Delete" | "Backspace" => {
                    e.prevent_default();
                    rate(None, true);
                    return;
                }
                "Enter" => {
                    e.prevent_default();
                    navigate(Route::Account(rows[here.row]));
                    return;
                }
                "ArrowLeft" => step(Move::Left),
                "ArrowRight" => step(Move::Right),
                "ArrowUp" => step(Move::Up),
                "ArrowDown" => step(Move::Down),
                "Home" => step(Move::RowStart),
                "End" => step(Move::RowEnd),
                "PageUp" => step(Move::Rows(-10)),
                "PageDown" => step(Move::Rows(10)),
                _ => None,
            };
            if let Some(next) = next {
                e.prevent_default();
                go_to(next, true);
            }
        })
    };
    // While the next page of rows is drawn, the focused cell is gone and a key goes to no
    // element until the cursor's cell is focused: a fast typist's next rating would be lost,
    // and every rating after it would land one cell early. Such a key is the grid's.
    let latest_keydown = use_mut_ref(|| onkeydown.clone());
    *latest_keydown.borrow_mut() = onkeydown.clone();
    {
        let (latest_keydown, focus_pending) = (latest_keydown.clone(), focus_pending.clone());
        use_effect_with((), move |_| {
            let listener = on_keys_to_no_element(move |key| {
                if *focus_pending.borrow() {
                    latest_keydown.borrow().emit(key.clone());
                }
            });
            move || drop(listener)
        });
    }
    // A click or tap on a cell, or focus arriving there, puts the cursor on it.
    let onfocusin = {
        let (cursor, go_to) = (cursor.clone(), go_to.clone());
        Callback::from(move |e: FocusEvent| {
            if let Some((row, col)) = cell_within(&e, "cell-") {
                let at = Cursor { row, col };
                if *cursor.borrow() != at {
                    go_to(at, false);
                }
            }
        })
    };
    let on_page = {
        let go_to = go_to.clone();
        Callback::from(move |index: usize| {
            go_to(
                Cursor {
                    row: index * GRID_PAGE,
                    col: 0,
                },
                false,
            )
        })
    };
    let set_filter = |f: fn(&mut GridFilter, String)| {
        let (filter, go_to) = (filter.clone(), go_to.clone());
        on_value(move |v| {
            let mut next = (*filter).clone();
            f(&mut next, v);
            filter.set(next);
            go_to(Cursor::default(), false);
        })
    };
    let on_unrated = {
        let (filter, go_to) = (filter.clone(), go_to.clone());
        Callback::from(move |_: Event| {
            filter.set(GridFilter {
                unrated_only: !filter.unrated_only,
                ..(*filter).clone()
            });
            go_to(Cursor::default(), false);
        })
    };
    let on_clear = {
        let (filter, go_to) = (filter.clone(), go_to.clone());
        Callback::from(move |_| {
            filter.set(GridFilter::default());
            go_to(Cursor::default(), false);
        })
    };

    let weights = &settings.weights;
    let missing = rows
        .iter()
        .filter_map(|id| by_id.get(id))
        .filter(|a| needs_rating(a, weights))
        .count();
    let count = format!(
        "{} {}, {missing} with ratings missing{}",
        rows.len(),
        if rows.len() == 1 {
            "account"
        } else {
            "accounts"
        },
        if filter.is_narrowed() {
            format!(" (filtered from {})", accounts.len())
        } else {
            String::new()
        },
    );
    let current = rows.get(here.row).and_then(|id| account_of(*id));
    let f = &*filter;

    html! {
        <div class="rating-grid-page">
            <p class="breadcrumb"><a href={Route::Accounts.href()}>{ "← All accounts" }</a></p>
            <header class="page-header">
                <h1 id="rating-grid-title" tabindex="-1">{ "Rate accounts" }</h1>
                <p class="lead" id="rating-grid-keys">
                    { "Type 1 to 5 to rate the highlighted cell; the cursor then moves to the next \
                       criterion, and on to the next account. 0 or Delete clears a rating, the \
                       arrow keys move, Enter opens the account." }
                    { if state.stored_data_unread() {
                        " Your saved data could not be read in this tab: ratings given here are kept in this tab only."
                    } else {
                        " Every rating is saved at once."
                    } }
                </p>
            </header>
            <form class="toolbar card" role="search" aria-label="Choose the accounts to rate"
                onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field field--check">
                    <label>
                        <input type="checkbox" id="grid-unrated" checked={f.unrated_only} onchange={on_unrated} />
                        { " Only accounts with ratings missing" }
                    </label>
                </div>
                <div class="field">
                    <label for="grid-manager">{ "Account manager" }</label>
                    <select id="grid-manager" onchange={set_filter(|f, v| f.manager = choice(&v))}>
                        <option value="" selected={f.manager.is_none()}>{ "All" }</option>
                        { for managers(&accounts).into_iter().map(|m| html! {
                            <option value={m.clone()} selected={f.manager.as_deref().is_some_and(|c| !c.is_empty() && is_chosen(&m, c))}>{ m.clone() }</option>
                        }) }
                        <option value={NONE} selected={choice_value(&f.manager) == NONE}>{ "No manager" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="grid-tier">{ "Tier" }</label>
                    <select id="grid-tier" onchange={set_filter(|f, v| f.tier = Tier::from_letter(&v))}>
                        <option value="" selected={f.tier.is_none()}>{ "All" }</option>
                        { for Tier::ALL.iter().map(|t| html! {
                            <option value={t.letter()} selected={f.tier == Some(*t)}>{ t.letter() }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="grid-industry">{ "Industry" }</label>
                    <select id="grid-industry" onchange={set_filter(|f, v| f.industry = choice(&v))}>
                        <option value="" selected={f.industry.is_none()}>{ "All" }</option>
                        { for industries(&accounts).into_iter().map(|i| html! {
                            <option value={i.clone()} selected={f.industry.as_deref().is_some_and(|c| !c.is_empty() && is_chosen(&i, c))}>{ i.clone() }</option>
                        }) }
                        <option value={NONE} selected={choice_value(&f.industry) == NONE}>{ "No industry" }</option>
                    </select>
                </div>
            </form>
            <p class="result-count" id="grid-count" role="status" tabindex="-1">
                { count }
                if f.is_narrowed() {
                    { " · " }
                    <button type="button" class="link-button" onclick={on_clear}>{ "Clear filters" }</button>
                }
            </p>
            if rows.is_empty() {
                <p class="card">{ "No account matches these filters." }</p>
            } else {
                <div class="rating-grid__scroll card card--flush">
                    <table role="grid" class="rating-grid" aria-labelledby="rating-grid-title"
                        aria-describedby="rating-grid-keys" aria-rowcount={(rows.len() + 2).to_string()}
                        {onkeydown} {onfocusin}>
                        <thead>
                            <tr role="row" aria-rowindex="1" class="rating-grid__axes">
                                <td role="gridcell" class="rating-grid__name"></td>
                                { for Axis::BOTH.iter().map(|&axis| html! {
                                    <th role="columnheader" scope="colgroup"
                                        colspan={criteria_of(axis).count().to_string()}
                                        class={format!("rating-grid__axis rating-grid__axis--{}", axis.short())}>
                                        { axis.title() }
                                    </th>
                                }) }
                                <th role="columnheader" scope="colgroup" colspan="3">{ "Placement" }</th>
                            </tr>
                            <tr role="row" aria-rowindex="2">
                                <th role="columnheader" scope="col" class="rating-grid__name">{ "Account" }</th>
                                { for CRITERIA.iter().zip(SHORT).map(|(c, short)| html! {
                                    <th role="columnheader" scope="col" title={c.title}
                                        class={classes!("rating-grid__criterion", format!("rating-grid__criterion--{}", c.axis.short()))}>
                                        { short }
                                    </th>
                                }) }
                                <th role="columnheader" scope="col" class="num" title={Axis::Relationship.title()}>{ "Rel." }</th>
                                <th role="columnheader" scope="col" class="num" title={Axis::Potential.title()}>{ "Pot." }</th>
                                <th role="columnheader" scope="col">{ "Quadrant" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for rows[page.rows.clone()].iter().enumerate().filter_map(|(i, id)| {
                                let a = by_id.get(id)?;
                                let row = page.rows.start + i;
                                let place = position(&a.ratings, weights);
                                Some(html! {
                                    <GridRow key={a.id} row={row} id={a.id} name={AttrValue::from(a.name.clone())}
                                        ratings={a.ratings.clone()}
                                        relationship={axis_score(&a.ratings, weights, Axis::Relationship)}
                                        potential={axis_score(&a.ratings, weights, Axis::Potential)}
                                        quadrant={place.map(|p| classify(p, settings.thresholds))}
                                        active={(row == here.row).then_some(here.col)} />
                                })
                            }) }
                        </tbody>
                    </table>
                </div>
                if let Some(a) = current {
                    <RatingBar name={AttrValue::from(a.name.clone())} col={here.col}
                        rating={a.ratings.get(CRITERIA[here.col].id)}
                        on_rate={Callback::from(move |r: Option<u8>| rate(r, false))} />
                }
                <Pager page={page} on_go={on_page} focus_after="grid-count" />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RatingBarProps {
    name: AttrValue,
    col: usize,
    rating: Option<u8>,
    on_rate: Callback<Option<u8>>,
}

/// Buttons that rate the cell under the cursor, for a mouse or a touch screen without keys.
#[component]
fn RatingBar(props: &RatingBarProps) -> Html {
    let c = &CRITERIA[props.col];
    let button = |value: Option<u8>, text: String| {
        let on_rate = props.on_rate.clone();
        html! {
            <button type="button" class="button button--small rating-bar__button"
                aria-pressed={(value.is_some() && props.rating == value).then_some("true")}
                onclick={Callback::from(move |_| on_rate.emit(value))}>{ text }</button>
        }
    };
    html! {
        <div class="rating-bar card" role="group" aria-labelledby="rating-bar-title">
            <p id="rating-bar-title" class="rating-bar__title">
                <strong>{ props.name.clone() }</strong>{ format!(" · {}", c.title) }
            </p>
            <div class="rating-bar__buttons">
                { for (1..=5).map(|v| button(Some(v), v.to_string())) }
                { button(None, "Clear".to_string()) }
            </div>
        </div>
    }
}
