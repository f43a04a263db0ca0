//! A 2x2 portfolio chart in SVG: named quadrants, threshold lines, one focusable point per
//! account (area by revenue, colour by tier) and optional arrows showing moves.
//!
//! The chart's frame (quadrants, lines, ticks, titles) is coloured with SVG presentation
//! attributes, so an exported file looks like the page; the stylesheet overrides them for
//! dark mode. The points, drawn by the thousand, are styled by class instead, and an exported
//! file carries those rules in a `<style>` of its own (`standalone_svg`).

use std::rc::Rc;

use yew::prelude::*;

use wasm_bindgen::JsCast;

use super::label_placement::{place_labels, Marker, Placed};
use super::markup::{Markup, SafeMarkup};
use crate::browser::events::account_link_within;
use crate::domain::accounts::{AccountId, Tier};
use crate::hooks::use_local;
use crate::route::Route;
use crate::support::decimal::fixed;
use crate::support::sorting::sort_by;

/// One account on the chart; coordinates are 0-100 on each axis.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    pub id: AccountId,
    pub name: String,
    pub x: f64,
    pub y: f64,
    /// Radius in chart units.
    pub r: f64,
    pub tier: Tier,
    /// The point's accessible name, e.g. "Acme: relationship 72, potential 40, Transition".
    pub label: String,
    /// Lines shown in the details box while the point is hovered or focused.
    pub details: Vec<String>,
    /// Where the account was in the compared snapshot, if it moved.
    pub from: Option<(f64, f64)>,
    /// Placed from some of its ratings only: drawn as a dashed ring, a first impression.
    pub partial: bool,
    /// How many of the chart's points are at exactly this spot, itself included.
    pub shared: usize,
}

/// A quadrant's name, its short name for small screens, and its colour key, in the order
/// top-left, top-right, bottom-left, bottom-right.
pub type Quadrants = [(&'static str, &'static str, &'static str); 4];

#[derive(Properties, PartialEq)]
pub struct MatrixChartProps {
    /// The `id` of the `<svg>`, used to export it.
    pub svg_id: AttrValue,
    /// Describes the chart as a whole for assistive technology.
    pub description: AttrValue,
    pub points: Rc<Vec<ChartPoint>>,
    pub x_title: AttrValue,
    pub y_title: AttrValue,
    /// Tick marks on each axis: position 0-100 and the text shown.
    pub x_ticks: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
    /// Where the threshold lines are, 0-100.
    pub x_split: f64,
    pub y_split: f64,
    /// How far either side of each threshold line scores count as borderline, in chart
    /// units; the chart shades that band. `None` where no such rule applies.
    #[prop_or_default]
    pub band: Option<f64>,
    pub quadrants: Quadrants,
}

const W: f64 = 800.0;
const H: f64 = 560.0;
const LEFT: f64 = 56.0;
const TOP: f64 = 16.0;
const RIGHT: f64 = 784.0;
const BOTTOM: f64 = 500.0;

/// Room between the plot's edges and the ends of its scales: across, the largest dot's
/// radius, so a dot at 0 or 100 stays whole inside the plot; up and down, also the height
/// of the quadrant names in the corners, so that dots at the ends do not cover them.
const PAD_X: f64 = 24.0;
const PAD_Y: f64 = 40.0;

fn sx(v: f64) -> f64 {
    LEFT + PAD_X + v.clamp(0.0, 100.0) / 100.0 * (RIGHT - LEFT - 2.0 * PAD_X)
}

fn sy(v: f64) -> f64 {
    BOTTOM - PAD_Y - v.clamp(0.0, 100.0) / 100.0 * (BOTTOM - TOP - 2.0 * PAD_Y)
}

/// Fill of a quadrant's background by colour key.
fn quadrant_fill(key: &str) -> &'static str {
    match key {
        "key" | "star" => "#e0e7ff",
        "invest" | "question-mark" => "#dcfce7",
        "transition" | "cash-cow" => "#fef3c7",
        _ => "#fee2e2",
    }
}

pub fn tier_fill(tier: Tier) -> &'static str {
    match tier {
        Tier::A => "#3730a3",
        Tier::B => "#0f766e",
        Tier::C => "#b45309",
    }
}

fn n(v: f64) -> String {
    fixed(v, 1)
}

#[component]
pub fn MatrixChart(props: &MatrixChartProps) -> Html {
    let active = use_local(|| None::<AccountId>);
    // What last pressed on the chart ("mouse", "touch", "pen"), and the point a first tap
    // showed: a finger cannot hover, so its first tap shows the details and a second opens.
    let pointer = use_mut_ref(String::new);
    let tapped = use_mut_ref(|| None::<AccountId>);
    let details_ref = use_node_ref();
    let points = &props.points;
    let (xs, ys) = (sx(props.x_split), sy(props.y_split));
    let arrow_id = format!("{}-arrow", props.svg_id);

    let regions = [
        (LEFT, TOP, xs, ys),
        (xs, TOP, RIGHT, ys),
        (LEFT, ys, xs, BOTTOM),
        (xs, ys, RIGHT, BOTTOM),
    ];
    // Placing labels is the costly part of drawing the chart; hovering and focusing, which
    // re-render it for the details box, must not redo it.
    let labels = use_memo(
        (props.points.clone(), props.quadrants),
        |(points, quadrants)| labels_for(points, quadrants),
    );

    // A region too thin for its name (a threshold at 0 or 100, which leaves only the padding
    // beyond the scale) shows none: names would pile up.
    let roomy = |&(x0, y0, x1, y1): &(f64, f64, f64, f64)| x1 - x0 >= 60.0 && y1 - y0 > PAD_Y;
    let backgrounds = regions.iter().zip(props.quadrants).map(|(&(x0, y0, x1, y1), (_, _, key))| {
        html! {
            <rect class={format!("matrix__quadrant matrix__quadrant--{key}")} x={n(x0)} y={n(y0)}
                width={n((x1 - x0).max(0.0))} height={n((y1 - y0).max(0.0))} fill={quadrant_fill(key)} />
        }
    });
    // Names are drawn after the points, with a halo, so a point near a corner cannot hide them.
    // Each has a long and a short form; the stylesheet shows the short one on small screens.
    let names = regions.iter().zip(props.quadrants).filter(|(r, _)| roomy(r)).map(|(&(x0, y0, x1, y1), (name, short, _))| {
        let label_x = if x0 == LEFT { x0 + 8.0 } else { x1 - 8.0 };
        let anchor = if x0 == LEFT { "start" } else { "end" };
        let label_y = if y0 == TOP { y0 + 18.0 } else { y1 - 8.0 };
        html! {
            <g class="matrix__quadrant-name" font-weight="700" fill="#1e293b" stroke="#ffffff"
                stroke-width="3" paint-order="stroke" stroke-linejoin="round" pointer-events="none">
                <text class="matrix__quadrant-name--long" x={n(label_x)} y={n(label_y)} text-anchor={anchor} font-size="13">{ name }</text>
                <text class="matrix__quadrant-name--short" x={n(label_x)} y={n(label_y)} text-anchor={anchor} font-size="13" display="none">{ short }</text>
            </g>
        }
    });

    let arrows = points.iter().filter_map(|p| {
        let (fx, fy) = p.from?;
        let (x0, y0, x1, y1) = (sx(fx), sy(fy), sx(p.x), sy(p.y));
        // Stop the arrow at the edge of the destination dot so its head stays visible.
        let len = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
        let cut = if len > 0.0 {
            ((len - p.r - 2.0) / len).max(0.0)
        } else {
            0.0
        };
        let (xe, ye) = (x0 + (x1 - x0) * cut, y0 + (y1 - y0) * cut);
        Some(html! {
            <g class="matrix__move" stroke="#7c3aed" fill="#7c3aed">
                <circle cx={n(x0)} cy={n(y0)} r="3.5" fill="none" stroke-width="1.5" />
                <line x1={n(x0)} y1={n(y0)} x2={n(xe)} y2={n(ye)} stroke-width="2"
                    marker-end={format!("url(#{arrow_id})")} />
            </g>
        })
    });

    // One set of listeners for the whole chart: which point is meant comes from its link.
    let track = |entering: bool| {
        let (active, pointer) = (active.clone(), pointer.clone());
        Callback::from(move |e: Event| {
            // A tapped point keeps its details until another is tapped: the events a touch
            // makes up for the mouse would otherwise hide them at once.
            if !entering && pointer.borrow().as_str() == "touch" {
                return;
            }
            let id = account_link_within(&e, "a.matrix__point");
            if entering || id.is_some() {
                active.set(id.filter(|_| entering));
            }
        })
    };
    let (enter, leave) = (track(true), track(false));
    let on_focus = {
        let enter = enter.clone();
        Callback::from(move |e: FocusEvent| {
            // Whichever point has focus (by Tab, arrow, click or script) becomes the chart's
            // one tab stop, so Tab leaves the chart and Shift+Tab comes back to it.
            if let Some(point) = point_element(&e) {
                make_tab_stop(&point);
            }
            enter.emit(e.into());
        })
    };
    let on_pointer = {
        let pointer = pointer.clone();
        Callback::from(move |e: PointerEvent| *pointer.borrow_mut() = e.pointer_type())
    };
    let on_click = {
        let (active, pointer, tapped) = (active.clone(), pointer.clone(), tapped.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(id) = account_link_within(&e, "a.matrix__point") else {
                return;
            };
            // A click made by Enter (detail 0) opens at once, even after an earlier tap.
            if pointer.borrow().as_str() == "touch"
                && e.detail() != 0
                && *tapped.borrow() != Some(id)
            {
                e.prevent_default();
                *tapped.borrow_mut() = Some(id);
                active.set(Some(id));
            }
        })
    };
    let on_key = {
        let points = points.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(id) = account_link_within(&e, "a.matrix__point") else {
                return;
            };
            let spots: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
            let Some(from) = points.iter().position(|p| p.id == id) else {
                return;
            };
            let to = match e.key().as_str() {
                "ArrowLeft" => nearest_in_direction(&spots, from, Direction::Left),
                "ArrowRight" => nearest_in_direction(&spots, from, Direction::Right),
                "ArrowUp" => nearest_in_direction(&spots, from, Direction::Up),
                "ArrowDown" => nearest_in_direction(&spots, from, Direction::Down),
                "Home" => ends(&spots).map(|(first, _)| first),
                "End" => ends(&spots).map(|(_, last)| last),
                _ => return,
            };
            // The page does not scroll, even where there is no point further that way.
            e.prevent_default();
            if let Some(to) = to {
                focus_point(&e, points[to].id);
            }
        })
    };

    // Beside the point it describes, on the side with more room, so it is in view wherever
    // the point is; it lets the pointer through, so it never takes a point's hover or tap.
    // Screen readers get the same facts from each point's name.
    let shown = active.and_then(|id| points.iter().find(|p| p.id == id));
    let details = match shown.map(|p| {
        let (x, y) = (sx(p.x), sy(p.y));
        let side = match (x > W * 0.55, y > H * 0.5) {
            (false, false) => "matrix__details--right-down",
            (false, true) => "matrix__details--right-up",
            (true, false) => "matrix__details--left-down",
            (true, true) => "matrix__details--left-up",
        };
        html! {
            <div class={classes!("matrix__details", side)} aria-hidden="true" ref={details_ref.clone()}
                data-x={fixed(x / W * 100.0, 2)} data-y={fixed(y / H * 100.0, 2)}>
                <strong>{ &p.name }</strong>
                { for p.details.iter().map(|line| html! { <span>{ line }</span> }) }
                <span class="muted">{ "Enter, click or tap again to open" }</span>
            </div>
        }
    }) {
        Some(d) => d,
        // Always an element in the same place, so that showing the box changes no sibling.
        None => html! { <div class="matrix__details matrix__details--none" aria-hidden="true"></div> },
    };
    {
        // The security policy refuses style attributes, so the box is placed through the
        // style object once it is in the page.
        let details_ref = details_ref.clone();
        use_effect(move || place_details(&details_ref));
    }
    let tab_stop = ends(&points.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>()).map(|e| e.0);

    html! {
        <div class="matrix">
            <svg id={props.svg_id.clone()} class="matrix__chart" xmlns="http://www.w3.org/2000/svg"
                viewBox={format!("0 0 {} {}", fixed(W, 0), fixed(H, 0))} width={fixed(W, 0)} height={fixed(H, 0)}
                role="group" aria-label={props.description.clone()}
                onfocusin={on_focus}
                onkeydown={on_key}
                onpointerdown={on_pointer}
                onclick={on_click}
                onfocusout={leave.reform(|e: FocusEvent| e.into())}
                onmouseover={enter.reform(|e: MouseEvent| e.into())}
                onmouseout={leave.reform(|e: MouseEvent| e.into())}
                font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">
                <title>{ props.description.clone() }</title>
                // A white sheet behind the chart, so an exported file reads on any background.
                <rect class="matrix__sheet" x="0" y="0" width={fixed(W, 0)} height={fixed(H, 0)} fill="#ffffff" />
                <defs>
                    <marker id={arrow_id.clone()} viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" fill="#7c3aed" class="matrix__arrowhead" />
                    </marker>
                </defs>
                { for backgrounds }
                if let Some(band) = props.band {
                    // Under the lines and points: it marks where a placement is close, and
                    // must not hide anything.
                    <g class="matrix__band" fill="#64748b" fill-opacity="0.14" pointer-events="none">
                        <rect x={n(sx(props.x_split - band))} y={n(TOP)}
                            width={n(sx(props.x_split + band) - sx(props.x_split - band))} height={n(BOTTOM - TOP)} />
                        <rect x={n(LEFT)} y={n(sy(props.y_split + band))}
                            width={n(RIGHT - LEFT)} height={n(sy(props.y_split - band) - sy(props.y_split + band))} />
                    </g>
                }
                <line class="matrix__threshold" x1={n(xs)} y1={n(TOP)} x2={n(xs)} y2={n(BOTTOM)}
                    stroke="#64748b" stroke-width="1.5" stroke-dasharray="6 4" />
                <line class="matrix__threshold" x1={n(LEFT)} y1={n(ys)} x2={n(RIGHT)} y2={n(ys)}
                    stroke="#64748b" stroke-width="1.5" stroke-dasharray="6 4" />
                <rect x={n(LEFT)} y={n(TOP)} width={n(RIGHT - LEFT)} height={n(BOTTOM - TOP)}
                    fill="none" stroke="#94a3b8" />
                { for props.x_ticks.iter().map(|(v, text)| html! {
                    // Centred on its tick: the scale ends inside the plot, so even the larger
                    // text on phones has room at the right.
                    <text class="matrix__tick" x={n(sx(*v))} y={n(BOTTOM + 16.0)} text-anchor="middle"
                        font-size="11" fill="#475569">{ text }</text>
                }) }
                { for props.y_ticks.iter().map(|(v, text)| html! {
                    <text class="matrix__tick" x={n(LEFT - 6.0)} y={n(sy(*v) + 4.0)} text-anchor="end"
                        font-size="11" fill="#475569">{ text }</text>
                }) }
                <text class="matrix__axis-title" x={n((LEFT + RIGHT) / 2.0)} y={n(H - 22.0)}
                    text-anchor="middle" font-size="14" font-weight="700" fill="#1e293b">
                    { format!("{} →", props.x_title) }
                </text>
                <text class="matrix__axis-title" x={n(-(TOP + BOTTOM) / 2.0)} y="18"
                    transform="rotate(-90)" text-anchor="middle" font-size="14" font-weight="700"
                    fill="#1e293b">{ format!("{} →", props.y_title) }</text>
                { for arrows }
                <Dots points={points.clone()} labels={labels} tab_stop={tab_stop} />
                { for names }
            </svg>
            { details }
        </div>
    }
}

/// Where each point's name goes, clear of other points, other names and the quadrant names.
fn labels_for(points: &[ChartPoint], quadrants: &Quadrants) -> Vec<Option<Placed>> {
    let markers: Vec<Marker> = points
        .iter()
        .map(|p| Marker {
            x: sx(p.x),
            y: sy(p.y),
            r: p.r,
            text: &p.name,
        })
        .collect();
    // Quadrant names sit in the plot's corners; labels must not cover them.
    let title_boxes: Vec<(f64, f64, f64, f64)> = quadrants
        .iter()
        .zip([
            (LEFT, TOP, true, true),
            (RIGHT, TOP, false, true),
            (LEFT, BOTTOM, true, false),
            (RIGHT, BOTTOM, false, false),
        ])
        .map(|((name, _, _), (x, y, left, top))| {
            let w = name.chars().count() as f64 * 7.4 + 12.0;
            let (x0, x1) = if left { (x, x + w) } else { (x - w, x) };
            let (y0, y1) = if top { (y, y + 24.0) } else { (y - 24.0, y) };
            (x0, y0, x1, y1)
        })
        .collect();
    place_labels(&markers, (LEFT, TOP, RIGHT, BOTTOM), &title_boxes)
}

#[derive(Properties, PartialEq)]
struct DotsProps {
    points: Rc<Vec<ChartPoint>>,
    labels: Rc<Vec<Option<Placed>>>,
    tab_stop: Option<usize>,
}

/// The points, each a link with its name beside it where there is room. A component of its
/// own so that hovering, which re-renders the chart's details box, leaves thousands of points
/// alone: their props have not changed.
#[component]
fn Dots(props: &DotsProps) -> Html {
    // Handed to the browser as one piece of markup: building a point's elements and
    // attributes one call at a time was most of the time a large chart took to draw.
    dots_markup(&props.points, &props.labels, props.tab_stop).into_html()
}

/// The markup of every point, in one `<g>` so the chart can remove it in one step. The look
/// comes from the stylesheet (and from `export_style` in an exported file). Points are placed
/// by their coordinates, not by a transform each: a thousand transforms made the browser's
/// paint step several times slower. Names come from user data and are escaped.
/// The point at `tab_stop` is the chart's one stop for Tab; arrow keys move from it.
fn dots_markup(
    points: &[ChartPoint],
    labels: &[Option<Placed>],
    tab_stop: Option<usize>,
) -> SafeMarkup {
    // On a crowded chart the enlarged targets would only cover one another, and they are a
    // quarter of the elements drawn.
    let hit_targets = points.len() <= MAX_POINTS_WITH_TARGETS;
    let mut out = Markup::with_capacity(points.len() * 160 + 32);
    out.element("g")
        .attr("class", "matrix__points")
        .inside(|m| {
            for (i, (p, label)) in points.iter().zip(labels).enumerate() {
                let (x, y) = (sx(p.x), sy(p.y));
                m.element("a")
                    .attr("class", "matrix__point")
                    .attr("tabindex", if Some(i) == tab_stop { "0" } else { "-1" })
                    .attr("href", &Route::Account(p.id).href())
                    .attr("aria-label", &p.label)
                    .inside(|m| {
                        if hit_targets {
                            // An invisible larger target, so small dots are easy to hit with a finger.
                            circle(m, "matrix__hit", x, y, p.r.max(14.0));
                        }
                        circle(m, dot_class(p.tier, p.partial), x, y, p.r);
                        if let Some(l) = label {
                            m.element("text")
                                .attr("class", "matrix__label")
                                .number("x", l.x)
                                .number("y", l.y)
                                .attr("text-anchor", l.anchor)
                                .inside(|m| {
                                    m.text(&p.name);
                                });
                        }
                    });
            }
            stack_counts(m, points);
        });
    out.finish()
}

/// A badge with the number of accounts on each spot that holds more than one, drawn over the
/// largest dot there. Only the top dot of a pile can be seen; the badge says how many lie
/// under it (each point's name says it too, and arrow keys reach every one).
fn stack_counts(out: &mut Markup, points: &[ChartPoint]) {
    let mut piles: Vec<(f64, f64, f64, usize)> = points
        .iter()
        .filter(|p| p.shared > 1)
        .map(|p| (sx(p.x), sy(p.y), p.r, p.shared))
        .collect();
    if piles.is_empty() {
        return;
    }
    // Largest dot first within each spot, so the first of each run is where the badge goes.
    sort_by(&mut piles, |a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(b.2.total_cmp(&a.2))
    });
    piles.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
    out.element("g")
        .attr("class", "matrix__piles")
        .attr("aria-hidden", "true")
        .inside(|m| {
            for (x, y, r, count) in piles {
                let (bx, by) = (x + r * 0.75, y - r * 0.75);
                circle(m, "matrix__pile", bx, by, 8.5);
                m.element("text")
                    .attr("class", "matrix__pile-count")
                    .number("x", bx)
                    .number("y", by + 3.5)
                    .attr("text-anchor", "middle")
                    .inside(|m| {
                        m.display(count);
                    });
            }
        });
}

/// A way an arrow key moves, in chart terms: up is towards higher values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// The point an arrow key moves to from `points[from]`: the nearest one that way, favouring
/// those straight ahead over those off to the side. Points on the very same spot come first,
/// in their order (Right and Down to the next, Left and Up to the previous), so that every
/// point of a pile can be reached. Coordinates are chart units, up being higher values.
pub fn nearest_in_direction(points: &[(f64, f64)], from: usize, dir: Direction) -> Option<usize> {
    let (x0, y0) = *points.get(from)?;
    let forward = matches!(dir, Direction::Right | Direction::Down);
    let mut best: Option<(f64, usize)> = None;
    for (i, &(x, y)) in points.iter().enumerate() {
        let (dx, dy) = (x - x0, y - y0);
        let (along, across) = match dir {
            Direction::Right => (dx, dy),
            Direction::Left => (-dx, dy),
            Direction::Up => (dy, dx),
            Direction::Down => (-dy, dx),
        };
        let score = if dx == 0.0 && dy == 0.0 {
            if i == from || (i > from) != forward {
                continue;
            }
            // Below any real distance, the nearest in order first.
            -1.0 / (1.0 + i.abs_diff(from) as f64)
        } else if along > 0.0 {
            along + 2.0 * across.abs()
        } else {
            continue;
        };
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The first and last points for Home and End: leftmost and rightmost, higher first where
/// they are level, as a reader scans the chart.
pub fn ends(points: &[(f64, f64)]) -> Option<(usize, usize)> {
    let order = |a: &usize, b: &usize| {
        let (pa, pb) = (points[*a], points[*b]);
        pa.0.total_cmp(&pb.0)
            .then(pb.1.total_cmp(&pa.1))
            .then(a.cmp(b))
    };
    let first = (0..points.len()).min_by(order)?;
    let last = (0..points.len()).max_by(order)?;
    Some((first, last))
}

/// The chart point a focus event happened on.
fn point_element(e: &FocusEvent) -> Option<web_sys::Element> {
    e.target()?
        .dyn_ref::<web_sys::Element>()?
        .closest("a.matrix__point")
        .ok()?
}

/// Makes `point` the chart's only tab stop.
fn make_tab_stop(point: &web_sys::Element) {
    if let Some(chart) = point.closest("svg").ok().flatten() {
        if let Ok(Some(old)) = chart.query_selector("a.matrix__point[tabindex=\"0\"]") {
            let _ = old.set_attribute("tabindex", "-1");
        }
    }
    let _ = point.set_attribute("tabindex", "0");
}

/// Moves focus to the point of account `id`, in the chart the event happened in.
fn focus_point(e: &KeyboardEvent, id: AccountId) {
    let chart = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("svg").ok().flatten());
    let selector = format!("a.matrix__point[href=\"{}\"]", Route::Account(id).href());
    if let Some(point) = chart.and_then(|c| c.query_selector(&selector).ok().flatten()) {
        make_tab_stop(&point);
        // SVG elements have `focus` too, though web-sys declares it on HTML elements only.
        if let Ok(focus) = js_sys::Reflect::get(&point, &"focus".into()) {
            if let Some(focus) = focus.dyn_ref::<js_sys::Function>() {
                let _ = focus.call0(&point);
            }
        }
    }
}

/// Puts the details box at the point it describes, from the percentages in its data.
fn place_details(details: &NodeRef) {
    let Some(element) = details.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(style) = js_sys::Reflect::get(&element, &"style".into()) else {
        return;
    };
    for (property, data) in [("left", "data-x"), ("top", "data-y")] {
        if let Some(v) = element.get_attribute(data) {
            let _ = js_sys::Reflect::set(&style, &property.into(), &format!("{v}%").into());
        }
    }
}

fn circle(out: &mut Markup, class: &'static str, x: f64, y: f64, r: f64) {
    out.element("circle")
        .attr("class", class)
        .number("cx", x)
        .number("cy", y)
        .number("r", r)
        .empty();
}

/// Up to this many points, each gets an invisible target larger than its dot.
const MAX_POINTS_WITH_TARGETS: usize = 400;

fn dot_class(tier: Tier, partial: bool) -> &'static str {
    match (tier, partial) {
        (Tier::A, false) => "matrix__dot matrix__dot--a",
        (Tier::B, false) => "matrix__dot matrix__dot--b",
        (Tier::C, false) => "matrix__dot matrix__dot--c",
        (Tier::A, true) => "matrix__dot matrix__dot--a matrix__dot--partial",
        (Tier::B, true) => "matrix__dot matrix__dot--b matrix__dot--partial",
        (Tier::C, true) => "matrix__dot matrix__dot--c matrix__dot--partial",
    }
}

/// How points look in an exported file, which has no stylesheet: the light scheme of the
/// rules for `.matrix__hit`, `.matrix__dot`, `.matrix__label` and `.matrix__pile` in
/// `style/portfolio.css`.
pub fn export_style() -> String {
    format!(
        ".matrix__hit{{fill:transparent}}\
         .matrix__dot{{fill-opacity:0.82;stroke:#ffffff;stroke-width:1.5}}\
         .matrix__dot--a{{fill:{}}}.matrix__dot--b{{fill:{}}}.matrix__dot--c{{fill:{}}}\
         .matrix__dot--partial{{fill-opacity:0.3;stroke-width:2.5;stroke-dasharray:4 3}}\
         .matrix__dot--partial.matrix__dot--a{{stroke:{}}}.matrix__dot--partial.matrix__dot--b{{stroke:{}}}\
         .matrix__dot--partial.matrix__dot--c{{stroke:{}}}\
         .matrix__label{{fill:#0f172a;font-size:12px}}\
         .matrix__pile{{fill:#0f172a;stroke:#ffffff;stroke-width:1.5}}\
         .matrix__pile-count{{fill:#ffffff;font-size:11px;font-weight:700}}",
        tier_fill(Tier::A),
        tier_fill(Tier::B),
        tier_fill(Tier::C),
        tier_fill(Tier::A),
        tier_fill(Tier::B),
        tier_fill(Tier::C)
    )
}

/// The chart's `<svg>`, serialized as XML, as a file of its own: an XML declaration, and its
/// point styles inside it.
pub fn svg_file(svg: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
        standalone_svg(svg)
    )
}

/// The chart's markup with its point styles inside it.
fn standalone_svg(markup: &str) -> String {
    let style = format!("<style>{}</style>", export_style());
    match markup.find('>') {
        Some(end) if markup.starts_with("<svg") => {
            format!("{}{style}{}", &markup[..=end], &markup[end + 1..])
        }
        _ => markup.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dots(points: &[ChartPoint], labels: &[Option<Placed>], tab_stop: Option<usize>) -> String {
        dots_markup(points, labels, tab_stop).as_str().to_string()
    }

    #[test]
    fn an_exported_chart_carries_its_point_styles() {
        let svg = standalone_svg("<svg viewBox=\"0 0 1 1\"><a class=\"matrix__point\"></a></svg>");
        assert!(svg.starts_with("<svg viewBox=\"0 0 1 1\"><style>.matrix__hit{fill:transparent}"));
        assert!(svg.contains(".matrix__dot--a{fill:#3730a3}"));
        assert!(svg.ends_with("</style><a class=\"matrix__point\"></a></svg>"));
    }

    fn point(id: AccountId, name: &str) -> ChartPoint {
        ChartPoint {
            id,
            name: name.into(),
            x: 50.0,
            y: 25.0,
            r: 6.0,
            tier: Tier::B,
            label: format!("{name}: relationship 50, potential 25"),
            details: vec![],
            from: None,
            partial: false,
            shared: 1,
        }
    }

    #[test]
    fn points_are_links_with_escaped_names_and_finger_sized_targets_when_few() {
        let points = [point(7, "Smith & <Sons>"), point(8, "Plain")];
        let labels = [
            Some(Placed {
                x: sx(50.0) + 9.0,
                y: sy(25.0) + 4.0,
                anchor: "start",
            }),
            None,
        ];
        let markup = dots(&points, &labels, Some(1));
        assert!(markup.starts_with(r##"<g class="matrix__points"><a class="matrix__point" tabindex="-1" href="#/accounts/7" aria-label="Smith &amp; &lt;Sons&gt;: relationship 50, potential 25"><circle class="matrix__hit" cx="420.0" cy="359.0" r="14.0"/><circle class="matrix__dot matrix__dot--b" cx="420.0" cy="359.0" r="6.0"/><text class="matrix__label" x="429.0" y="363.0" text-anchor="start">Smith &amp; &lt;Sons&gt;</text></a>"##), "{markup}");
        assert!(markup.ends_with(r##"<a class="matrix__point" tabindex="0" href="#/accounts/8" aria-label="Plain: relationship 50, potential 25"><circle class="matrix__hit" cx="420.0" cy="359.0" r="14.0"/><circle class="matrix__dot matrix__dot--b" cx="420.0" cy="359.0" r="6.0"/></a></g>"##), "{markup}");
        assert_eq!(markup.matches("<a ").count(), 2);
        assert!(!markup.contains("<Sons>"));
    }

    /// Names an XML reader is strict about: a no-break space (which HTML writes as `&nbsp;`,
    /// unknown to XML), markup, quotes, and what ends a CDATA section.
    const AWKWARD_NAMES: [&str; 3] = [
        "Acme\u{a0}Corp",
        "Smith & <Sons> \"Ltd\" 'UK'",
        "]]> &nbsp;",
    ];

    #[tokio::test]
    async fn an_exported_chart_is_well_formed_xml_whatever_the_names() {
        let points: Vec<ChartPoint> = AWKWARD_NAMES
            .iter()
            .zip(1..)
            .map(|(name, i)| ChartPoint {
                x: 30.0 * i as f64,
                y: 20.0 * i as f64,
                from: Some((10.0, 10.0)),
                ..point(i, name)
            })
            .collect();
        let props = MatrixChartProps {
            svg_id: "chart".into(),
            description: "Accounts & <their> \u{a0}places".into(),
            points: Rc::new(points),
            x_title: "Relationship".into(),
            y_title: "Potential".into(),
            x_ticks: vec![(0.0, "0".into()), (100.0, "100\u{a0}%".into())],
            y_ticks: vec![(50.0, "50".into())],
            x_split: 50.0,
            y_split: 50.0,
            band: Some(5.0),
            quadrants: [
                ("Invest", "Inv", "invest"),
                ("Key <accounts>", "Key", "key"),
                ("Rethink", "Re", "rethink"),
                ("Transition", "Tr", "transition"),
            ],
        };
        let html = yew::LocalServerRenderer::<MatrixChart>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        let svg = &html[html.find("<svg").unwrap()..html.rfind("</svg>").unwrap() + 6];
        let file = svg_file(svg);
        let doc = roxmltree::Document::parse(&file).unwrap_or_else(|e| panic!("{e}:\n{file}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let labels: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("matrix__label"))
            .filter_map(|n| n.text())
            .collect();
        let names: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("aria-label"))
            .collect();
        for name in AWKWARD_NAMES {
            assert!(labels.contains(&name), "{name:?} not among {labels:?}");
            assert!(names.iter().any(|n| n.starts_with(name)));
        }
        let style = doc.descendants().find(|n| n.has_tag_name("style")).unwrap();
        assert_eq!(style.text(), Some(export_style().as_str()));
    }

    #[test]
    fn a_point_placed_from_some_ratings_is_drawn_as_a_dashed_ring() {
        let partial = ChartPoint {
            partial: true,
            ..point(7, "Half rated")
        };
        let markup = dots(&[partial, point(8, "Rated")], &[None, None], None);
        assert_eq!(markup.matches("matrix__dot--partial").count(), 1);
        assert!(markup.contains(
            r#"<circle class="matrix__dot matrix__dot--b matrix__dot--partial" cx="420.0""#
        ));
        assert!(export_style().contains(
            ".matrix__dot--partial{fill-opacity:0.3;stroke-width:2.5;stroke-dasharray:4 3}"
        ));
    }

    #[test]
    fn a_crowded_chart_has_no_enlarged_targets() {
        let points: Vec<ChartPoint> = (1..=MAX_POINTS_WITH_TARGETS as AccountId + 1)
            .map(|i| point(i, "A"))
            .collect();
        let labels = vec![None; points.len()];
        let markup = dots(&points, &labels, None);
        assert_eq!(markup.matches("<a ").count(), points.len());
        assert!(!markup.contains("matrix__hit"));
        assert!(dots(&points[1..], &labels[1..], None).contains("matrix__hit"));
    }

    #[test]
    fn a_pile_of_points_gets_one_badge_with_its_count() {
        let pile = |id, r| ChartPoint {
            r,
            shared: 3,
            ..point(id, "Piled")
        };
        let alone = ChartPoint {
            x: 80.0,
            ..point(4, "Alone")
        };
        let markup = dots(
            &[pile(1, 6.0), pile(2, 12.0), pile(3, 8.0), alone],
            &[None; 4],
            None,
        );
        assert_eq!(markup.matches("matrix__pile-count").count(), 1);
        // On the largest dot of the pile, at its upper right.
        assert!(markup.contains(r#"<circle class="matrix__pile" cx="429.0" cy="350.0" r="8.5"/><text class="matrix__pile-count" x="429.0" y="353.5" text-anchor="middle">3</text>"#), "{markup}");
        assert!(!dots(&[point(1, "A")], &[None], None).contains("matrix__pile"));
    }

    #[test]
    fn arrow_keys_go_to_the_nearest_point_that_way() {
        use Direction::*;
        //   2 . 3
        //   0 . 1      4 (far right, a little up)
        let spots = [
            (10.0, 10.0),
            (30.0, 10.0),
            (10.0, 30.0),
            (30.0, 30.0),
            (90.0, 12.0),
        ];
        assert_eq!(nearest_in_direction(&spots, 0, Right), Some(1));
        assert_eq!(nearest_in_direction(&spots, 0, Up), Some(2));
        assert_eq!(nearest_in_direction(&spots, 0, Left), None);
        assert_eq!(nearest_in_direction(&spots, 0, Down), None);
        assert_eq!(nearest_in_direction(&spots, 3, Down), Some(1));
        assert_eq!(nearest_in_direction(&spots, 1, Right), Some(4));
        // Straight ahead beats closer but off to the side.
        let spots = [(50.0, 50.0), (60.0, 62.0), (75.0, 50.0)];
        assert_eq!(nearest_in_direction(&spots, 0, Right), Some(2));
        assert_eq!(nearest_in_direction(&spots, 0, Up), Some(1));
        assert_eq!(nearest_in_direction(&[], 0, Up), None);
    }

    #[test]
    fn every_point_of_a_pile_can_be_reached_by_arrows() {
        use Direction::*;
        let spots = [(50.0, 50.0), (20.0, 50.0), (50.0, 50.0), (50.0, 50.0)];
        assert_eq!(nearest_in_direction(&spots, 0, Right), Some(2));
        assert_eq!(nearest_in_direction(&spots, 2, Right), Some(3));
        assert_eq!(nearest_in_direction(&spots, 3, Right), None);
        assert_eq!(nearest_in_direction(&spots, 3, Left), Some(2));
        assert_eq!(nearest_in_direction(&spots, 0, Left), Some(1));
        assert_eq!(nearest_in_direction(&spots, 0, Down), Some(2));
    }

    #[test]
    fn home_and_end_are_the_leftmost_and_rightmost_points() {
        let spots = [(50.0, 50.0), (10.0, 20.0), (10.0, 80.0), (95.0, 5.0)];
        assert_eq!(ends(&spots), Some((2, 3)));
        assert_eq!(ends(&[]), None);
    }

    #[test]
    fn the_page_stylesheet_draws_points_as_an_export_does() {
        let css = include_str!("../../style/portfolio.css");
        for tier in Tier::ALL {
            let rule = format!(
                ".matrix__dot--{} {{ fill: {}; }}",
                tier.letter().to_lowercase(),
                tier_fill(tier)
            );
            assert!(css.contains(&rule), "missing {rule}");
        }
        for rule in [
            ".matrix__hit { fill: transparent; }",
            ".matrix__dot { fill-opacity: 0.82; stroke: #ffffff; stroke-width: 1.5; }",
            ".matrix__label { fill: #0f172a; font-size: 12px; }",
        ] {
            assert!(css.contains(rule), "missing {rule}");
        }
        let exported = export_style();
        for rule in [
            ".matrix__dot{fill-opacity:0.82;stroke:#ffffff;stroke-width:1.5}",
            ".matrix__label{fill:#0f172a;font-size:12px}",
        ] {
            assert!(exported.contains(rule), "the export lacks {rule}");
        }
    }
}
