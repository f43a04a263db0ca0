//! A small SVG line chart of scores over time, one line per group, with the three bands
//! shaded behind it and each assessment's label under its point where there is room.

use yew::prelude::*;

use super::trend_layout::{
    anchor, clipped, labelled_points, line_style, marker_path, plot_bottom, x_at, y_at, Marker,
    HEIGHT, LABEL_CHARACTERS, LEFT, RIGHT, WIDTH,
};
use crate::support::decimal::fixed;

/// One place along the time axis: an assessment, named by its label and date.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendSlot {
    /// May be empty.
    pub label: String,
    /// As people read it, `30 Jun 2026`.
    pub date: String,
}

impl TrendSlot {
    /// "Q2 review (30 Jun 2026)", or the date alone.
    pub fn name(&self) -> String {
        if self.label.is_empty() {
            self.date.clone()
        } else {
            format!("{} ({})", self.label, self.date)
        }
    }
}

/// One line: a group's scores at its slots, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendLine {
    pub name: String,
    /// Which [`line_style`] it is drawn with; stays with the group when others are hidden.
    pub style: usize,
    /// (slot, score)
    pub points: Vec<(usize, usize)>,
}

/// What a screen reader hears for the whole chart.
fn describe(slots: &[TrendSlot], lines: &[TrendLine]) -> String {
    let span = |points: &[(usize, usize)]| match points {
        [] => "no assessments".to_string(),
        [(slot, score)] => format!("one assessment, {}, {score}/10", slots[*slot].name()),
        [(first, from), .., (last, to)] => format!(
            "{} assessments, from {}, {from}/10, to {}, {to}/10",
            points.len(),
            slots[*first].name(),
            slots[*last].name()
        ),
    };
    match lines {
        [] => "No assessments shown.".into(),
        [only] => format!("Score trend: {}.", span(&only.points)),
        _ => {
            let each: Vec<String> = lines
                .iter()
                .map(|l| format!("{}: {}.", l.name, span(&l.points)))
                .collect();
            format!("Score trends of {} groups. {}", lines.len(), each.join(" "))
        }
    }
}

/// A line's marker, drawn at (x, y).
pub fn marker(shape: Marker, x: f64, y: f64, r: f64, title: Option<String>) -> Html {
    let title = title.map(|t| html! { <title>{ t }</title> });
    match marker_path(shape, x, y, r) {
        None => {
            html! { <circle cx={fixed(x, 1)} cy={fixed(y, 1)} r={fixed(r, 1)}>{ for title }</circle> }
        }
        Some(d) => html! { <path d={d}>{ for title }</path> },
    }
}

/// A short sample of a line's look (dash, marker, colour), for the legend.
pub fn line_sample(style: usize) -> Html {
    let look = line_style(style);
    html! {
        <svg class={format!("trend__sample trend__series--{}", look.colour)} viewBox="0 0 36 14"
            width="36" height="14" aria-hidden="true" focusable="false">
            <line x1="1" y1="7" x2="35" y2="7" stroke-dasharray={look.dash} />
            { marker(look.marker, 18.0, 7.0, 4.0, None) }
        </svg>
    }
}

/// The chart of `lines` over `slots` (oldest first).
pub fn trend_chart(slots: &[TrendSlot], lines: &[TrendLine]) -> Html {
    let count = slots.len();
    // Bands as score ranges drawn from their lower to upper edge, half a point out so each
    // whole score sits inside its band.
    let bands = [
        ("at-risk", 0.0, 6.5),
        ("areas-to-work-on", 6.5, 8.5),
        ("doing-well", 8.5, 10.0),
    ];
    // The two lines under a point: its label, cut short, and its date.
    let line_of = |slot: &TrendSlot| (clipped(&slot.label, LABEL_CHARACTERS), slot.date.clone());
    let characters: Vec<usize> = slots
        .iter()
        .map(|s| {
            let (label, date) = line_of(s);
            label.chars().count().max(date.chars().count())
        })
        .collect();
    let shown = labelled_points(&characters);
    let names_of_lines = lines.len() > 1;
    html! {
        <svg class="trend__chart" viewBox={format!("0 0 {} {}", fixed(WIDTH, 0), fixed(HEIGHT, 0))} role="img"
            aria-label={describe(slots, lines)} preserveAspectRatio="xMidYMid meet">
            { for bands.iter().map(|(slug, low, high)| html! {
                <rect class={format!("trend__band trend__band--{slug}")}
                    x={fixed(LEFT, 0)} width={fixed(WIDTH - LEFT - RIGHT, 0)}
                    y={fixed(y_at(*high), 1)} height={fixed(y_at(*low) - y_at(*high), 1)} />
            }) }
            { for [0, 5, 7, 9, 10].iter().map(|s| html! {
                <text class="trend__axis" x={fixed(LEFT - 8.0, 0)} y={fixed(y_at(*s as f64) + 4.0, 1)}
                    text-anchor="end">{ s }</text>
            }) }
            { for shown.wide.iter().map(|&i| {
                let (label, date) = line_of(&slots[i]);
                let x = fixed(x_at(i, count), 1);
                let class = classes!("trend__tick", (!shown.phone.contains(&i)).then_some("trend__tick--wide-only"));
                html! {
                    <text class={class} x={x.clone()} y={fixed(plot_bottom() + 4.0, 1)} text-anchor={anchor(i, count)}>
                        if !label.is_empty() {
                            <tspan class="trend__tick-label" x={x.clone()} dy="1em">{ label }</tspan>
                        }
                        <tspan x={x} dy={if slots[i].label.is_empty() { "1em" } else { "1.25em" }}>{ date }</tspan>
                    </text>
                }
            }) }
            { for lines.iter().map(|line| {
                let look = line_style(line.style);
                let path: Vec<String> = line.points.iter()
                    .map(|&(slot, score)| format!("{},{}", fixed(x_at(slot, count), 1), fixed(y_at(score as f64), 1)))
                    .collect();
                html! {
                    <g class={format!("trend__series trend__series--{}", look.colour)}>
                        if line.points.len() > 1 {
                            <polyline class="trend__line" points={path.join(" ")} stroke-dasharray={look.dash} />
                        }
                        { for line.points.iter().map(|&(slot, score)| {
                            let group = if names_of_lines { format!(" · {}", line.name) } else { String::new() };
                            let title = format!("{}{group}: {score}/10", slots[slot].name());
                            marker(look.marker, x_at(slot, count), y_at(score as f64), 5.0, Some(title))
                        }) }
                    </g>
                }
            }) }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(label: &str, date: &str) -> TrendSlot {
        TrendSlot {
            label: label.into(),
            date: date.into(),
        }
    }

    #[test]
    fn the_description_names_each_line_by_labels_and_dates() {
        let slots = [
            slot("Q1", "31 Mar 2026"),
            slot("", "30 Jun 2026"),
            slot("Q3", "30 Sep 2026"),
        ];
        let one = TrendLine {
            name: "All assessments".into(),
            style: 0,
            points: vec![(0, 4), (1, 6), (2, 8)],
        };
        assert_eq!(
            describe(&slots, std::slice::from_ref(&one)),
            "Score trend: 3 assessments, from Q1 (31 Mar 2026), 4/10, to Q3 (30 Sep 2026), 8/10."
        );
        let sales = TrendLine {
            name: "Sales".into(),
            style: 0,
            points: vec![(0, 4), (2, 8)],
        };
        let support = TrendLine {
            name: "Support".into(),
            style: 1,
            points: vec![(1, 6)],
        };
        assert_eq!(
            describe(&slots, &[sales, support]),
            "Score trends of 2 groups. Sales: 2 assessments, from Q1 (31 Mar 2026), 4/10, to \
             Q3 (30 Sep 2026), 8/10. Support: one assessment, 30 Jun 2026, 6/10."
        );
    }
}
