//! The portfolio on a 2x2 matrix, with a second (growth-share) lens, snapshots of how
//! accounts move, and guidelines on where to spend effort.

mod chart_specs;

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::download::{download_text, element_xml};
use crate::browser::events::on_value;
use crate::components::matrix_chart::{svg_file, MatrixChart};
use crate::components::quadrant_badge::quadrant_badge;
use crate::components::storage_banner::NOT_READ_HERE;
use crate::domain::accounts::{Account, Tier};
use crate::domain::bcg::{categorize, BcgCategory};
use crate::domain::portfolio::{
    guidelines, industries, is_chosen, managers, members_by_quadrant, summarize, Level, ListQuery,
    QuadrantFilter, SortKey,
};
use crate::domain::quadrant::{Quadrant, BORDERLINE_BAND, BORDERLINE_RULE};
use crate::domain::settings::format_money;
use crate::domain::snapshots::SnapshotId;
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;
use crate::state::{Action, SnapshotAction};
use crate::support::dates::readable_date_time;
use crate::support::sliced::grouped;
use chart_specs::{growth_share_chart, quadrant_chart};

const SVG_ID: &str = "portfolio-matrix";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lens {
    Quadrants,
    GrowthShare,
}

/// Names listed under each group and under "not on the matrix"; longer lists link to the
/// accounts list instead, where thousands of names can be paged, searched and sorted.
const MEMBERS_SHOWN: usize = 20;

#[component]
pub fn MatrixPage() -> Html {
    let state = use_app_state();
    let lens = use_local(|| Lens::Quadrants);
    let compare = use_local(|| None::<SnapshotId>);
    let export_problem = use_local(|| None::<String>);
    // Kept while the page is open; the accounts list has filters of its own.
    let filter = use_local(ListQuery::default);
    // The clock is read in the browser only; server renders have no "today".
    let today = use_memo((), |_| crate::browser::clock::now_iso_in_browser());
    let doc = &state.doc;
    let accounts = &doc.portfolio.accounts;

    if accounts.is_empty() {
        return html! {
            <div class="empty-state">
                <h1 tabindex="-1">{ "Portfolio matrix" }</h1>
                if state.stored_data_unread() {
                    <p>{ NOT_READ_HERE }</p>
                } else {
                    <p>{ "Add and rate accounts, and they appear here on a matrix of relationship \
                          strength against potential for mutual gain." }</p>
                }
                <p><a class="button button--primary" href={Route::Accounts.href()}>{ "Go to accounts" }</a></p>
            </div>
        };
    }

    let compare_valid =
        compare.is_some_and(|id| doc.portfolio.snapshots.iter().any(|s| s.id == id));
    // The quadrant filter belongs to the relationship × potential lens only.
    let lens_filter = match *lens {
        Lens::Quadrants => (*filter).clone(),
        Lens::GrowthShare => ListQuery {
            quadrant: QuadrantFilter::All,
            ..(*filter).clone()
        },
    };
    let filtered = lens_filter != ListQuery::default();
    let spec = match *lens {
        Lens::Quadrants => quadrant_chart(doc, *compare, &lens_filter),
        Lens::GrowthShare => growth_share_chart(doc, &lens_filter),
    };
    let placed_all = match *lens {
        Lens::Quadrants => accounts
            .iter()
            .filter(|a| a.position(&doc.settings.weights).is_some())
            .count(),
        Lens::GrowthShare => accounts
            .iter()
            .filter(|a| categorize(a.market, doc.settings.bcg).is_some())
            .count(),
    };
    let any_partial = spec.points.iter().any(|p| p.partial);
    let summary = summarize(accounts, &doc.settings).with_plans(
        accounts,
        &doc.settings,
        |id| doc.plans.plan_for(id),
        (*today).as_deref(),
    );
    let set_lens = |value: Lens| {
        let lens = lens.clone();
        Callback::from(move |_: Event| lens.set(value))
    };
    let on_compare = {
        let compare = compare.clone();
        on_value(move |v| compare.set(v.parse().ok()))
    };
    let on_snapshot = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Snapshot(SnapshotAction::RecordSnapshot {
                at: now_iso(),
            }))
        })
    };
    let file_name = match *lens {
        Lens::Quadrants => "portfolio-matrix.svg",
        Lens::GrowthShare => "portfolio-growth-share.svg",
    };
    let on_export = {
        let export_problem = export_problem.clone();
        Callback::from(move |_| {
            let result = element_xml(SVG_ID)
                .ok_or_else(|| "The chart could not be found on the page.".to_string())
                .and_then(|svg| download_text(file_name, "image/svg+xml", &svg_file(&svg)));
            export_problem.set(result.err());
        })
    };
    let on_export_csv = {
        let (export_problem, doc, summary) = (export_problem.clone(), doc.clone(), summary.clone());
        Callback::from(move |_| {
            let csv = crate::domain::csv_export::matrix_csv(&doc, &summary);
            export_problem.set(download_text("portfolio-groups.csv", "text/csv", &csv).err());
        })
    };
    let unrated: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.position(&doc.settings.weights).is_none())
        .collect();
    let missing_market = accounts.len() - placed_all;
    let borderline: Vec<&Account> = accounts
        .iter()
        .filter(|a| {
            a.position(&doc.settings.weights)
                .is_some_and(|p| !doc.settings.thresholds.borderline_axes(p).is_empty())
        })
        .collect();
    let members = members_by_quadrant(accounts, &doc.settings);
    let show_in_list = |quadrant: QuadrantFilter| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::SetListQuery(ListQuery {
                quadrant,
                sort: SortKey::Revenue,
                descending: true,
                ..ListQuery::default()
            }));
            crate::browser::page::navigate(Route::Accounts);
        })
    };
    let moved = spec.points.iter().filter(|p| p.from.is_some()).count();
    let shown = spec.points.len();
    let manager_names = managers(accounts);
    let industry_names = industries(accounts);
    let any_without =
        |field: fn(&Account) -> &str| accounts.iter().any(|a| field(a).trim().is_empty());
    let (no_manager, no_industry) = (
        any_without(|a| a.manager.as_str()),
        any_without(|a| a.industry.as_str()),
    );
    // Options are numbered, not named by their text: a name can be anything, "none" too.
    let choose = |names: Vec<String>, set: fn(&mut ListQuery, Option<String>)| {
        let filter = filter.clone();
        on_value(move |v| {
            let mut q = (*filter).clone();
            let picked = match v.as_str() {
                "" => None,
                "none" => Some(String::new()),
                i => i.parse::<usize>().ok().and_then(|i| names.get(i).cloned()),
            };
            set(&mut q, picked);
            filter.set(q);
        })
    };
    let on_manager = choose(manager_names.clone(), |q, v| q.manager = v);
    let on_industry = choose(industry_names.clone(), |q, v| q.industry = v);
    let on_tier = {
        let filter = filter.clone();
        on_value(move |v| {
            filter.set(ListQuery {
                tier: Tier::ALL.into_iter().find(|t| t.letter() == v),
                ..(*filter).clone()
            })
        })
    };
    let on_quadrant = {
        let filter = filter.clone();
        on_value(move |v| {
            filter.set(ListQuery {
                quadrant: Quadrant::ALL
                    .into_iter()
                    .find(|q| q.slug() == v)
                    .map_or(QuadrantFilter::All, QuadrantFilter::Only),
                ..(*filter).clone()
            })
        })
    };
    let on_clear = {
        let filter = filter.clone();
        Callback::from(move |_| filter.set(ListQuery::default()))
    };
    let option_for = |names: &[String],
                      current: &Option<String>,
                      none: bool,
                      none_text: &'static str| {
        html! {
            <>
                <option value="" selected={current.is_none()}>{ "All" }</option>
                { for names.iter().enumerate().map(|(i, name)| html! {
                    <option value={i.to_string()} selected={current.as_deref().is_some_and(|c| !c.is_empty() && is_chosen(name, c))}>{ name }</option>
                }) }
                if none {
                    <option value="none" selected={current.as_deref() == Some("")}>{ none_text }</option>
                }
            </>
        }
    };
    let chosen_quadrant = match filter.quadrant {
        QuadrantFilter::Only(q) => Some(q),
        _ => None,
    };

    html! {
        <div class="matrix-page">
            <header class="page-header">
                <h1 tabindex="-1">{ "Portfolio matrix" }</h1>
                <p class="lead">{ "Where each client sits, and so where your effort should go. \
                                   Point at a dot, tap it or move to it with the arrow keys to see \
                                   its details; click, tap again or press Enter to open the account." }</p>
            </header>
            <div class="matrix-layout">
                <section class="card matrix-card" aria-labelledby="chart-title">
                    <h2 id="chart-title" class="visually-hidden">{ "Chart" }</h2>
                    <div class="matrix-controls">
                        <fieldset class="segmented">
                            <legend>{ "Lens" }</legend>
                            <label>
                                <input type="radio" name="lens" checked={*lens == Lens::Quadrants} onchange={set_lens(Lens::Quadrants)} />
                                <span>{ "Relationship × potential" }</span>
                            </label>
                            <label>
                                <input type="radio" name="lens" checked={*lens == Lens::GrowthShare} onchange={set_lens(Lens::GrowthShare)} />
                                <span>{ "Growth × share (BCG)" }</span>
                            </label>
                        </fieldset>
                        if *lens == Lens::Quadrants {
                            <div class="field">
                                <label for="compare-snapshot">{ "Show moves since" }</label>
                                <select id="compare-snapshot" onchange={on_compare} disabled={doc.portfolio.snapshots.is_empty()}>
                                    <option value="" selected={compare.is_none()}>
                                        { if doc.portfolio.snapshots.is_empty() { "No snapshots yet" } else { "Do not show moves" } }
                                    </option>
                                    { for doc.portfolio.snapshots.iter().rev().map(|s| html! {
                                        <option value={s.id.to_string()} selected={*compare == Some(s.id)}>
                                            { format!("Snapshot of {}", readable_date_time(&s.taken_at)) }
                                        </option>
                                    }) }
                                </select>
                            </div>
                        }
                        <div class="matrix-controls__buttons">
                            if *lens == Lens::Quadrants {
                                <button type="button" class="button button--small" onclick={on_snapshot}>{ "Record snapshot" }</button>
                            }
                            <button type="button" class="button button--small" onclick={on_export}>{ "Export SVG" }</button>
                            <button type="button" class="button button--small" onclick={on_export_csv}>{ "Groups and guidelines (CSV)" }</button>
                        </div>
                    </div>
                    <fieldset class="matrix-filters">
                        <legend>{ "Show only" }</legend>
                        <div class="field">
                            <label for="matrix-manager">{ "Manager" }</label>
                            <select id="matrix-manager" onchange={on_manager}>
                                { option_for(&manager_names, &filter.manager, no_manager, "No manager") }
                            </select>
                        </div>
                        <div class="field">
                            <label for="matrix-tier">{ "Tier" }</label>
                            <select id="matrix-tier" onchange={on_tier}>
                                <option value="" selected={filter.tier.is_none()}>{ "All" }</option>
                                { for Tier::ALL.iter().map(|t| html! {
                                    <option value={t.letter()} selected={filter.tier == Some(*t)}>{ format!("Tier {}", t.letter()) }</option>
                                }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="matrix-industry">{ "Industry" }</label>
                            <select id="matrix-industry" onchange={on_industry}>
                                { option_for(&industry_names, &filter.industry, no_industry, "No industry") }
                            </select>
                        </div>
                        if *lens == Lens::Quadrants {
                            <div class="field">
                                <label for="matrix-quadrant">{ "Quadrant" }</label>
                                <select id="matrix-quadrant" onchange={on_quadrant}>
                                    <option value="" selected={chosen_quadrant.is_none()}>{ "All" }</option>
                                    { for Quadrant::ALL.iter().map(|q| html! {
                                        <option value={q.slug()} selected={chosen_quadrant == Some(*q)}>{ q.title() }</option>
                                    }) }
                                </select>
                            </div>
                        }
                        if filtered {
                            <button type="button" class="button button--small" onclick={on_clear}>{ "Clear filters" }</button>
                        }
                    </fieldset>
                    <p class="matrix-filters__count" role="status">
                        if filtered {
                            { format!("Showing {} of {} accounts on the chart", grouped(shown), grouped(placed_all)) }
                        }
                    </p>
                    if let Some(p) = &*export_problem {
                        <p class="field__error" role="alert">{ p }</p>
                    }
                    <MatrixChart svg_id={SVG_ID} description={spec.description} points={Rc::new(spec.points)}
                        x_title={spec.x_title} y_title={spec.y_title} x_ticks={spec.x_ticks} y_ticks={spec.y_ticks}
                        x_split={spec.x_split} y_split={spec.y_split} band={spec.band} quadrants={spec.quadrants} />
                    <ul class="legend" aria-label="Legend">
                        { for Tier::ALL.iter().map(|t| html! {
                            <li><span class={format!("legend__dot legend__dot--{}", t.letter().to_lowercase())}></span>{ format!("Tier {}", t.letter()) }</li>
                        }) }
                        <li>{ "Larger dot: more revenue" }</li>
                        if *lens == Lens::Quadrants {
                            <li><span class="legend__band"></span>{ format!("Grey band: within {BORDERLINE_BAND} points of a threshold (borderline)") }</li>
                        }
                        if any_partial {
                            <li><span class="legend__dot legend__dot--partial"></span>{ "Dashed ring: not every criterion rated yet" }</li>
                        }
                        if *lens == Lens::Quadrants && compare_valid {
                            <li>{ "Purple arrow: move since the snapshot, from the small ring to the dot" }</li>
                        }
                    </ul>
                    if *lens == Lens::Quadrants && compare_valid {
                        <p class="muted">{ format!("{moved} {} moved since the snapshot. Arrows compare today's scores with the \
                            recorded ones: a change of weights or ratings both move accounts.",
                            if moved == 1 { "account has" } else { "accounts have" }) }</p>
                    }
                    if *lens == Lens::Quadrants && !borderline.is_empty() {
                        <p class="matrix__borderline">
                            <strong>{ "Borderline, close to a line: " }</strong>
                            { for borderline.iter().take(MEMBERS_SHOWN).enumerate().map(|(i, a)| html! {
                                <>{ if i > 0 { ", " } else { "" } }<a href={Route::Account(a.id).href()}>{ &a.name }</a></>
                            }) }
                            if borderline.len() > MEMBERS_SHOWN {
                                { format!(" and {} more", grouped(borderline.len() - MEMBERS_SHOWN)) }
                            }
                            { ". " }<span class="muted">{ BORDERLINE_RULE }</span>
                        </p>
                    }
                    if *lens == Lens::GrowthShare && missing_market > 0 {
                        <p class="muted">{ format!("{missing_market} {} no market figures and {} not shown; add them on the account's page.",
                            if missing_market == 1 { "account has" } else { "accounts have" },
                            if missing_market == 1 { "is" } else { "are" }) }</p>
                    }
                    if *lens == Lens::Quadrants && !unrated.is_empty() {
                        <p class="muted">
                            { "Not on the matrix until rated on both axes: " }
                            { for unrated.iter().take(MEMBERS_SHOWN).enumerate().map(|(i, a)| html! {
                                <>{ if i > 0 { ", " } else { "" } }<a href={Route::Account(a.id).href()}>{ &a.name }</a></>
                            }) }
                            if unrated.len() > MEMBERS_SHOWN {
                                { format!(" and {} more. ", grouped(unrated.len() - MEMBERS_SHOWN)) }
                                <button type="button" class="link-button" onclick={show_in_list(QuadrantFilter::Unrated)}>
                                    { format!("See all {} unrated accounts", grouped(unrated.len())) }
                                </button>
                            }
                        </p>
                    }
                </section>
                <section class="card" aria-labelledby="guidelines-title">
                    <h2 id="guidelines-title">{ "Guidelines for this portfolio" }</h2>
                    <ul class="guidelines">
                        { for guidelines(&summary).into_iter().map(|g| html! {
                            <li class={if g.level == Level::Warning { "guideline guideline--warning" } else { "guideline" }}>
                                if g.level == Level::Warning { <span class="visually-hidden">{ "Warning: " }</span> }
                                { g.text }
                            </li>
                        }) }
                    </ul>
                </section>
            </div>
            if *lens == Lens::Quadrants {
                <section aria-labelledby="quadrants-title">
                    <h2 id="quadrants-title">{ "The four groups" }</h2>
                    <div class="quadrant-cards">
                        { for Quadrant::ALL.iter().zip(members).map(|(&q, members)| {
                            let revenue = summary.revenue_per_quadrant.get(&q).copied().unwrap_or(0.0);
                            html! {
                                <article class={classes!("card", "quadrant-card", format!("quadrant-card--{}", q.slug()))}>
                                    <h3>{ quadrant_badge(Some(q)) }</h3>
                                    <p class="quadrant-card__count">
                                        { format!("{} {} · {}", members.len(), if members.len() == 1 { "account" } else { "accounts" },
                                            format_money(revenue, &doc.settings.currency)) }
                                    </p>
                                    <p>{ q.action() }</p>
                                    if !members.is_empty() {
                                        <ul class="quadrant-card__members">
                                            { for members.iter().take(MEMBERS_SHOWN).map(|a| html! {
                                                <li key={a.id}><a href={Route::Account(a.id).href()}>{ &a.name }</a></li>
                                            }) }
                                        </ul>
                                    }
                                    if members.len() > MEMBERS_SHOWN {
                                        <p class="quadrant-card__more">
                                            { format!("The {MEMBERS_SHOWN} largest by revenue. ") }
                                            <button type="button" class="link-button" onclick={show_in_list(QuadrantFilter::Only(q))}>
                                                { format!("See all {} in the accounts list", grouped(members.len())) }
                                            </button>
                                        </p>
                                    }
                                </article>
                            }
                        }) }
                    </div>
                </section>
            } else {
                <section aria-labelledby="bcg-title">
                    <h2 id="bcg-title">{ "Growth-share guidance" }</h2>
                    <div class="quadrant-cards">
                        { for BcgCategory::ALL.iter().map(|&c| {
                            let count = accounts.iter().filter(|a| categorize(a.market, doc.settings.bcg) == Some(c)).count();
                            html! {
                                <article class={classes!("card", "quadrant-card", format!("quadrant-card--{}", c.slug()))}>
                                    <h3>{ c.title() }</h3>
                                    <p class="quadrant-card__count">{ format!("{count} {}", if count == 1 { "account" } else { "accounts" }) }</p>
                                    <p>{ c.guidance() }</p>
                                </article>
                            }
                        }) }
                    </div>
                </section>
            }
            <Snapshots />
        </div>
    }
}

/// The recorded snapshots, with a way to delete each.
#[component]
fn Snapshots() -> Html {
    let state = use_app_state();
    let snapshots = &state.doc.portfolio.snapshots;
    html! {
        <section class="card" aria-labelledby="snapshots-title">
            <h2 id="snapshots-title">{ "Snapshots" }</h2>
            if snapshots.is_empty() {
                <p class="muted">{ "A snapshot records where every rated account sits today. Record one \
                                   now, review your ratings next quarter, and the matrix can show how \
                                   each account moved." }</p>
            } else {
                <ul class="snapshot-list">
                    { for snapshots.iter().rev().map(|s| {
                        let id = s.id;
                        let state = state.clone();
                        let date = readable_date_time(&s.taken_at);
                        let on_delete = Callback::from(move |_| state.dispatch(Action::Snapshot(SnapshotAction::DeleteSnapshot(id))));
                        html! {
                            <li key={id}>
                                <span>{ format!("{date}: {} rated accounts", s.positions.len()) }</span>
                                <button type="button" class="button button--small button--danger" onclick={on_delete}
                                    aria-label={format!("Delete snapshot of {date}")}>{ "Delete" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
