//! Where the trend chart puts things: points, the labels under them, and the markers that tell
//! its lines apart. Pure geometry in chart units (the SVG's viewBox), tested natively.

/// The chart's size and margins, in chart units.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 280.0;
pub const LEFT: f64 = 36.0;
pub const RIGHT: f64 = 16.0;
pub const TOP: f64 = 12.0;
/// Room for two lines of label under the plot at the phone's larger text.
pub const BOTTOM: f64 = 62.0;

/// Font sizes of the labels under the points, as style/history.css sets them: the chart
/// shrinks to fit a phone, so its text is drawn larger there to stay readable.
pub const FONT_WIDE: f64 = 12.0;
pub const FONT_PHONE: f64 = 22.0;
/// An average character's width as a share of the font size, for estimating a label's width.
const CHARACTER_WIDTH: f64 = 0.6;
/// The longest label line drawn, in characters; the whole label is in the point's title.
pub const LABEL_CHARACTERS: usize = 14;
const GAP: f64 = 8.0;

/// The x of the `index`-th of `count` assessments, evenly spread: one slot each, in order.
pub fn x_at(index: usize, count: usize) -> f64 {
    let span = WIDTH - LEFT - RIGHT;
    if count <= 1 {
        LEFT + span / 2.0
    } else {
        LEFT + span * index as f64 / (count - 1) as f64
    }
}

/// The y of a score out of 10.
pub fn y_at(score: f64) -> f64 {
    TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - score / 10.0)
}

/// The bottom of the plot, where the labels under the points start.
pub fn plot_bottom() -> f64 {
    HEIGHT - BOTTOM
}

/// `text` cut to `most` characters, with an ellipsis when something was left out.
pub fn clipped(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let kept: String = text.chars().take(most.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// How a label under a point is aligned to it: the first and last inward, so that they are
/// not cut off at the chart's edges.
pub fn anchor(index: usize, count: usize) -> &'static str {
    match index {
        _ if count == 1 => "middle",
        0 => "start",
        i if i + 1 == count => "end",
        _ => "middle",
    }
}

/// Which points of a chart get their label drawn under them, on a wide screen and on a
/// phone: as many as fit side by side without touching, always the first and the last.
/// `characters` is each label's longest line, in characters.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelledPoints {
    pub wide: Vec<usize>,
    /// Always a part of `wide`, so a phone only hides labels.
    pub phone: Vec<usize>,
}

pub fn labelled_points(characters: &[usize]) -> LabelledPoints {
    let wide = fitting(characters, FONT_WIDE, None);
    let phone = fitting(characters, FONT_PHONE, Some(&wide));
    LabelledPoints { wide, phone }
}

fn fitting(characters: &[usize], font: f64, among: Option<&[usize]>) -> Vec<usize> {
    let count = characters.len();
    let extent = |i: usize| {
        let width = characters[i].min(LABEL_CHARACTERS) as f64 * font * CHARACTER_WIDTH;
        let x = x_at(i, count);
        match anchor(i, count) {
            "start" => (x, x + width),
            "end" => (x - width, x),
            _ => (x - width / 2.0, x + width / 2.0),
        }
    };
    let Some(last) = count.checked_sub(1) else {
        return Vec::new();
    };
    let mut kept = vec![0];
    let last_start = extent(last).0;
    let mut end = extent(0).1;
    for i in 1..last {
        if among.is_some_and(|among| !among.contains(&i)) {
            continue;
        }
        let (from, to) = extent(i);
        if from >= end + GAP && to + GAP <= last_start {
            kept.push(i);
            end = to;
        }
    }
    if last > 0 && last_start >= extent(0).1 + GAP {
        kept.push(last);
    }
    kept
}

/// A line's marker shape; lines differ in shape and dash as well as colour, so that they
/// can be told apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

const MARKERS: [Marker; 4] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
];
/// SVG dash patterns, the first solid.
const DASHES: [&str; 4] = ["none", "9 5", "2 4", "12 4 2 4"];
/// Distinct colours in style/history.css (`trend__series--N`).
pub const COLOURS: usize = 6;

/// How the line of the `n`-th group is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineStyle {
    /// Which of the stylesheet's colours, from 0.
    pub colour: usize,
    pub marker: Marker,
    pub dash: &'static str,
}

/// The style of the `n`-th group: every one of the first four differs in colour, marker and
/// dash; after that colours still differ up to six, and the legend names each line.
pub fn line_style(n: usize) -> LineStyle {
    LineStyle {
        colour: n % COLOURS,
        marker: MARKERS[n % MARKERS.len()],
        // Shifted after the first round, so that the fifth line is not the first again.
        dash: DASHES[(n + n / DASHES.len()) % DASHES.len()],
    }
}

/// The outline of a marker centred on (x, y) with radius `r`, as SVG path data; `None` for a
/// circle, which is drawn as one.
pub fn marker_path(marker: Marker, x: f64, y: f64, r: f64) -> Option<String> {
    let f = |v: f64| crate::support::decimal::fixed(v, 1);
    match marker {
        Marker::Circle => None,
        Marker::Square => {
            let s = r * 0.9;
            Some(format!(
                "M{} {}H{}V{}H{}Z",
                f(x - s),
                f(y - s),
                f(x + s),
                f(y + s),
                f(x - s)
            ))
        }
        Marker::Triangle => {
            let h = r * 1.2;
            Some(format!(
                "M{} {}L{} {}L{} {}Z",
                f(x),
                f(y - h),
                f(x + h),
                f(y + h * 0.8),
                f(x - h),
                f(y + h * 0.8)
            ))
        }
        Marker::Diamond => {
            let d = r * 1.3;
            Some(format!(
                "M{} {}L{} {}L{} {}L{} {}Z",
                f(x),
                f(y - d),
                f(x + d),
                f(y),
                f(x),
                f(y + d),
                f(x - d),
                f(y)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_spread_over_the_plot_and_scores_climb_it() {
        assert_eq!(x_at(0, 1), LEFT + (WIDTH - LEFT - RIGHT) / 2.0);
        assert_eq!(x_at(0, 3), LEFT);
        assert_eq!(x_at(2, 3), WIDTH - RIGHT);
        assert_eq!(y_at(10.0), TOP);
        assert_eq!(y_at(0.0), plot_bottom());
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(clipped("Q2 review", 14), "Q2 review");
        assert_eq!(clipped("Sales team, second quarter", 14), "Sales team, s…");
        assert_eq!(clipped("Ünïcödé ünïcödé", 8), "Ünïcödé…");
    }

    #[test]
    fn a_few_labels_all_fit_on_a_wide_chart() {
        let fit = labelled_points(&[11, 11, 11]);
        assert_eq!(fit.wide, vec![0, 1, 2]);
        assert_eq!(fit.phone, vec![0, 1, 2]);
    }

    #[test]
    fn many_labels_are_thinned_more_on_a_phone_keeping_both_ends() {
        let fit = labelled_points(&[14; 12]);
        assert_eq!(fit.wide.first(), Some(&0));
        assert_eq!(fit.wide.last(), Some(&11));
        assert!(fit.wide.len() > fit.phone.len(), "{fit:?}");
        assert!(fit.phone.iter().all(|i| fit.wide.contains(i)));
        assert_eq!(fit.phone.first(), Some(&0));
        assert_eq!(fit.phone.last(), Some(&11));
        // Neighbours drawn on a phone never overlap.
        for pair in fit.phone.windows(2) {
            let gap = x_at(pair[1], 12) - x_at(pair[0], 12);
            assert!(gap >= 14.0 * FONT_PHONE * 0.6, "{pair:?}");
        }
    }

    #[test]
    fn one_or_no_point_needs_no_thinning() {
        assert_eq!(labelled_points(&[]).wide, Vec::<usize>::new());
        assert_eq!(labelled_points(&[30]).phone, vec![0]);
        assert_eq!(anchor(0, 1), "middle");
        assert_eq!(anchor(0, 2), "start");
        assert_eq!(anchor(1, 2), "end");
    }

    #[test]
    fn the_first_four_lines_differ_in_colour_marker_and_dash() {
        let styles: Vec<_> = (0..4).map(line_style).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert!(a.colour != b.colour && a.marker != b.marker && a.dash != b.dash);
            }
        }
        assert_ne!(line_style(4), line_style(0));
        assert_ne!(line_style(5).colour, line_style(4).colour);
    }

    #[test]
    fn markers_are_closed_shapes_around_their_centre() {
        assert_eq!(marker_path(Marker::Circle, 10.0, 10.0, 5.0), None);
        assert_eq!(
            marker_path(Marker::Square, 10.0, 10.0, 5.0).as_deref(),
            Some("M5.5 5.5H14.5V14.5H5.5Z")
        );
        assert!(marker_path(Marker::Diamond, 10.0, 10.0, 5.0)
            .unwrap()
            .ends_with('Z'));
    }
}
