//! A small SVG line chart of scores over time, with the three bands shaded behind it.

use yew::prelude::*;

use crate::domain::dates::readable_date;
use crate::domain::decimal::fixed;

/// One saved assessment as the chart shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub saved_at: String,
    pub label: String,
    pub score: usize,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 32.0;

fn x_at(index: usize, count: usize) -> f64 {
    let span = WIDTH - LEFT - RIGHT;
    if count <= 1 {
        LEFT + span / 2.0
    } else {
        LEFT + span * index as f64 / (count - 1) as f64
    }
}

fn y_at(score: f64) -> f64 {
    TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - score / 10.0)
}

/// Which points get a date under them: date labels on every point would collide on a phone,
/// so at most five, evenly spread and always including the first and the last.
fn dated_indices(count: usize) -> Vec<usize> {
    const MOST: usize = 5;
    if count <= MOST {
        return (0..count).collect();
    }
    (0..MOST)
        .map(|j| (j * (count - 1) + (MOST - 1) / 2) / (MOST - 1))
        .collect()
}

/// Dates under the first and last points are aligned inward so they are not cut off.
fn end_anchor(index: usize, count: usize) -> &'static str {
    match index {
        _ if count == 1 => "middle",
        0 => "start",
        i if i + 1 == count => "end",
        _ => "middle",
    }
}

fn describe(points: &[TrendPoint]) -> String {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 => format!(
            "Score trend over {} assessments: {}/10 on {} to {}/10 on {}.",
            points.len(),
            first.score,
            readable_date(&first.saved_at),
            last.score,
            readable_date(&last.saved_at)
        ),
        (Some(only), _) => format!(
            "One assessment so far: {}/10 on {}.",
            only.score,
            readable_date(&only.saved_at)
        ),
        _ => "No assessments yet.".into(),
    }
}

/// The chart of `points`, oldest first.
pub fn trend_chart(points: &[TrendPoint]) -> Html {
    let count = points.len();
    // Bands as score ranges drawn from their lower to upper edge, half a point out so each
    // whole score sits inside its band.
    let bands = [
        ("at-risk", 0.0, 6.5),
        ("areas-to-work-on", 6.5, 8.5),
        ("doing-well", 8.5, 10.0),
    ];
    let line: String = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{},{}",
                fixed(x_at(i, count), 1),
                fixed(y_at(p.score as f64), 1)
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let dated = dated_indices(count);
    html! {
        <figure class="trend">
            <svg class="trend__chart" viewBox={format!("0 0 {} {}", fixed(WIDTH, 0), fixed(HEIGHT, 0))} role="img"
                aria-label={describe(points)} preserveAspectRatio="xMidYMid meet">
                { for bands.iter().map(|(slug, low, high)| html! {
                    <rect class={format!("trend__band trend__band--{slug}")}
                        x={fixed(LEFT, 0)} width={fixed(WIDTH - LEFT - RIGHT, 0)}
                        y={fixed(y_at(*high), 1)} height={fixed(y_at(*low) - y_at(*high), 1)} />
                }) }
                { for [0, 5, 7, 9, 10].iter().map(|s| html! {
                    <text class="trend__axis" x={fixed(LEFT - 8.0, 0)} y={fixed(y_at(*s as f64) + 4.0, 1)}
                        text-anchor="end">{ s }</text>
                }) }
                if count > 1 {
                    <polyline class="trend__line" points={line} />
                }
                { for points.iter().enumerate().map(|(i, p)| {
                    let x = x_at(i, count);
                    let label = if p.label.is_empty() { String::new() } else { format!(" · {}", p.label) };
                    let show_date = dated.contains(&i);
                    html! {
                        <g class="trend__point">
                            <circle cx={fixed(x, 1)} cy={fixed(y_at(p.score as f64), 1)} r="5">
                                <title>{ format!("{}{label}: {}/10", readable_date(&p.saved_at), p.score) }</title>
                            </circle>
                            if show_date {
                                <text class="trend__axis" x={fixed(x, 1)} y={fixed(HEIGHT - 10.0, 0)}
                                    text-anchor={end_anchor(i, count)}>{ readable_date(&p.saved_at) }</text>
                            }
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="muted">
                { "Shaded bands: 0–6 accounts at risk, 7–8 some areas to work on, 9–10 doing consistently well." }
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_label_the_ends_and_at_most_five_points() {
        assert_eq!(dated_indices(0), Vec::<usize>::new());
        assert_eq!(dated_indices(3), vec![0, 1, 2]);
        assert_eq!(dated_indices(8), vec![0, 2, 4, 5, 7]);
        assert_eq!(dated_indices(100), vec![0, 25, 50, 74, 99]);
    }
}
