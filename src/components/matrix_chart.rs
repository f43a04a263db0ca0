//! A 2x2 portfolio chart in SVG: named quadrants, threshold lines, one focusable point per
//! account (area by revenue, colour by tier) and optional arrows showing moves.
//!
//! The chart's frame (quadrants, lines, ticks, titles) is coloured with SVG presentation
//! attributes, so an exported file looks like the page; the stylesheet overrides them for
//! dark mode. The points, drawn by the thousand, are styled by class instead, and an exported
//! file carries those rules in a `<style>` of its own (`standalone_svg`).

use std::rc::Rc;

use yew::prelude::*;

use super::label_placement::{place_labels, Marker, Placed};
use super::markup::{escape, push_number};
use crate::browser::events::account_link_within;
use crate::domain::accounts::{AccountId, Tier};
use crate::domain::decimal::fixed;
use crate::hooks::use_local;
use crate::route::Route;

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

const W: f64 = 640.0;
const H: f64 = 560.0;
const LEFT: f64 = 56.0;
const TOP: f64 = 16.0;
const RIGHT: f64 = 624.0;
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
        let active = active.clone();
        Callback::from(move |e: Event| {
            let id = account_link_within(&e, "a.matrix__point");
            if entering || id.is_some() {
                active.set(id.filter(|_| entering));
            }
        })
    };
    let (enter, leave) = (track(true), track(false));

    // Below the chart rather than over it, so it never hides the point it describes. Screen
    // readers get the same facts from each point's name.
    let details = match active.and_then(|id| points.iter().find(|p| p.id == id)) {
        Some(p) => html! {
            <div class="matrix__details" aria-hidden="true">
                <strong>{ &p.name }</strong>
                { for p.details.iter().map(|line| html! { <span>{ line }</span> }) }
                <span class="muted">{ "Press Enter or click to open" }</span>
            </div>
        },
        None => html! {
            <div class="matrix__details matrix__details--empty" aria-hidden="true">
                <span class="muted">{ "Hover over or focus a point to see its details here." }</span>
            </div>
        },
    };

    html! {
        <div class="matrix">
            <svg id={props.svg_id.clone()} class="matrix__chart" xmlns="http://www.w3.org/2000/svg"
                viewBox={format!("0 0 {} {}", fixed(W, 0), fixed(H, 0))} width={fixed(W, 0)} height={fixed(H, 0)}
                role="group" aria-label={props.description.clone()}
                onfocusin={enter.reform(|e: FocusEvent| e.into())}
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
                <Dots points={points.clone()} labels={labels} />
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
}

/// The points, each a link with its name beside it where there is room. A component of its
/// own so that hovering, which re-renders the chart's details box, leaves thousands of points
/// alone: their props have not changed.
#[component]
fn Dots(props: &DotsProps) -> Html {
    // Handed to the browser as one piece of markup: building a point's elements and
    // attributes one call at a time was most of the time a large chart took to draw.
    Html::from_html_unchecked(dots_markup(&props.points, &props.labels).into())
}

/// The markup of every point, in one `<g>` so the chart can remove it in one step. The look
/// comes from the stylesheet (and from `export_style` in an exported file). Points are placed
/// by their coordinates, not by a transform each: a thousand transforms made the browser's
/// paint step several times slower. Names come from user data and are escaped.
fn dots_markup(points: &[ChartPoint], labels: &[Option<Placed>]) -> String {
    // On a crowded chart the enlarged targets would only cover one another, and they are a
    // quarter of the elements drawn.
    let hit_targets = points.len() <= MAX_POINTS_WITH_TARGETS;
    let mut out = String::with_capacity(points.len() * 160 + 32);
    out.push_str(r#"<g class="matrix__points">"#);
    for (p, label) in points.iter().zip(labels) {
        let (x, y) = (sx(p.x), sy(p.y));
        out.push_str(r#"<a class="matrix__point" href=""#);
        out.push_str(&Route::Account(p.id).href());
        out.push_str(r#"" aria-label=""#);
        out.push_str(&escape(&p.label));
        out.push_str(r#"">"#);
        if hit_targets {
            // An invisible larger target, so small dots are easy to hit with a finger.
            circle(&mut out, "matrix__hit", x, y, p.r.max(14.0));
        }
        circle(&mut out, dot_class(p.tier, p.partial), x, y, p.r);
        if let Some(l) = label {
            out.push_str(r#"<text class="matrix__label" x=""#);
            push_number(&mut out, l.x);
            out.push_str(r#"" y=""#);
            push_number(&mut out, l.y);
            out.push_str(r#"" text-anchor=""#);
            out.push_str(l.anchor);
            out.push_str(r#"">"#);
            out.push_str(&escape(&p.name));
            out.push_str("</text>");
        }
        out.push_str("</a>");
    }
    out.push_str("</g>");
    out
}

fn circle(out: &mut String, class: &str, x: f64, y: f64, r: f64) {
    out.push_str(r#"<circle class=""#);
    out.push_str(class);
    out.push_str(r#"" cx=""#);
    push_number(out, x);
    out.push_str(r#"" cy=""#);
    push_number(out, y);
    out.push_str(r#"" r=""#);
    push_number(out, r);
    out.push_str(r#""/>"#);
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
/// rules for `.matrix__hit`, `.matrix__dot` and `.matrix__label` in `style/portfolio.css`.
pub fn export_style() -> String {
    format!(
        ".matrix__hit{{fill:transparent}}\
         .matrix__dot{{fill-opacity:0.82;stroke:#ffffff;stroke-width:1.5}}\
         .matrix__dot--a{{fill:{}}}.matrix__dot--b{{fill:{}}}.matrix__dot--c{{fill:{}}}\
         .matrix__dot--partial{{fill-opacity:0.3;stroke-width:2.5;stroke-dasharray:4 3}}\
         .matrix__dot--partial.matrix__dot--a{{stroke:{}}}.matrix__dot--partial.matrix__dot--b{{stroke:{}}}\
         .matrix__dot--partial.matrix__dot--c{{stroke:{}}}\
         .matrix__label{{fill:#0f172a;font-size:12px}}",
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
        let markup = dots_markup(&points, &labels);
        assert!(markup.starts_with(r##"<g class="matrix__points"><a class="matrix__point" href="#/accounts/7" aria-label="Smith &amp; &lt;Sons&gt;: relationship 50, potential 25"><circle class="matrix__hit" cx="340.0" cy="359.0" r="14.0"/><circle class="matrix__dot matrix__dot--b" cx="340.0" cy="359.0" r="6.0"/><text class="matrix__label" x="349.0" y="363.0" text-anchor="start">Smith &amp; &lt;Sons&gt;</text></a>"##), "{markup}");
        assert!(markup.ends_with(r#"<circle class="matrix__dot matrix__dot--b" cx="340.0" cy="359.0" r="6.0"/></a></g>"#), "{markup}");
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
        let markup = dots_markup(&[partial, point(8, "Rated")], &[None, None]);
        assert_eq!(markup.matches("matrix__dot--partial").count(), 1);
        assert!(markup.contains(
            r#"<circle class="matrix__dot matrix__dot--b matrix__dot--partial" cx="340.0""#
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
        let markup = dots_markup(&points, &labels);
        assert_eq!(markup.matches("<a ").count(), points.len());
        assert!(!markup.contains("matrix__hit"));
        assert!(dots_markup(&points[1..], &labels[1..]).contains("matrix__hit"));
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
