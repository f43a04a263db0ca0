//! Places name labels beside chart points so that they do not overlap one another.
//! Pure geometry, in chart units, tested natively.

use crate::support::sorting::sort_by;

/// A point to label: its centre, radius and label text.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker<'a> {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub text: &'a str,
}

/// Where a label goes: its anchor point and SVG `text-anchor`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
}

#[derive(Clone, Copy, Debug)]
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.left < o.right && o.left < self.right && self.top < o.bottom && o.top < self.bottom
    }

    fn inside(&self, b: &Rect) -> bool {
        self.left >= b.left && self.right <= b.right && self.top >= b.top && self.bottom <= b.bottom
    }
}

/// Roughly how wide text is at the chart's label size (12 units, proportional font), erring
/// wide: capitals and wide letters count more, so estimates do not let labels collide.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            'M' | 'W' | 'm' | 'w' => 10.5,
            c if c.is_uppercase() || c.is_ascii_digit() => 8.2,
            'i' | 'l' | 'j' | 'f' | 't' | 'r' | '.' | ',' | ' ' | '\'' => 4.0,
            _ => 7.0,
        })
        .sum::<f64>()
        + 2.0
}

const LINE: f64 = 13.0;

/// A box as (left, top, right, bottom).
pub type Area = (f64, f64, f64, f64);

fn rect(a: Area) -> Rect {
    Rect {
        left: a.0,
        top: a.1,
        right: a.2,
        bottom: a.3,
    }
}

/// For each marker (in the same order), a label position, or `None` where every candidate
/// position would overlap another label, another marker or an obstacle (such as a quadrant
/// title), or leave the plot. Larger markers are placed first, so the biggest accounts keep
/// their names when space runs out.
pub fn place_labels(markers: &[Marker], bounds: Area, obstacles: &[Area]) -> Vec<Option<Placed>> {
    let bounds = rect(bounds);
    let mut order: Vec<usize> = (0..markers.len()).collect();
    sort_by(&mut order, |&a, &b| markers[b].r.total_cmp(&markers[a].r));
    let circle = |m: &Marker| rect((m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r));
    let mut circles = Grid::new(bounds);
    for (j, m) in markers.iter().enumerate() {
        circles.insert(circle(m), j);
    }
    let mut taken = Grid::new(bounds);
    let mut taken_boxes: Vec<Rect> = Vec::new();
    for o in obstacles {
        taken.insert(rect(*o), taken_boxes.len());
        taken_boxes.push(rect(*o));
    }
    let mut result = vec![None; markers.len()];
    for i in order {
        let m = &markers[i];
        let w = text_width(m.text);
        let gap = m.r + 3.0;
        // Right, left, above, below: (label anchor point, its box).
        let candidates = [
            (
                m.x + gap,
                m.y + 4.0,
                "start",
                Rect {
                    left: m.x + gap,
                    top: m.y - LINE / 2.0,
                    right: m.x + gap + w,
                    bottom: m.y + LINE / 2.0,
                },
            ),
            (
                m.x - gap,
                m.y + 4.0,
                "end",
                Rect {
                    left: m.x - gap - w,
                    top: m.y - LINE / 2.0,
                    right: m.x - gap,
                    bottom: m.y + LINE / 2.0,
                },
            ),
            (
                m.x,
                m.y - gap - 3.0,
                "middle",
                Rect {
                    left: m.x - w / 2.0,
                    top: m.y - gap - LINE,
                    right: m.x + w / 2.0,
                    bottom: m.y - gap,
                },
            ),
            (
                m.x,
                m.y + gap + 10.0,
                "middle",
                Rect {
                    left: m.x - w / 2.0,
                    top: m.y + gap,
                    right: m.x + w / 2.0,
                    bottom: m.y + gap + LINE,
                },
            ),
        ];
        let spot = candidates.into_iter().find(|(_, _, _, r)| {
            r.inside(&bounds)
                && !taken.any_near(r, |t| taken_boxes[t].overlaps(r))
                && !circles.any_near(r, |j| j != i && circle(&markers[j]).overlaps(r))
        });
        if let Some((x, y, anchor, rect)) = spot {
            taken.insert(rect, taken_boxes.len());
            taken_boxes.push(rect);
            result[i] = Some(Placed { x, y, anchor });
        }
    }
    result
}

/// Boxes filed by the cells of a coarse grid over the plot, so that finding what is near a
/// label looks at a few cells instead of every point: with 10 000 accounts, checking every
/// label against every dot took seconds.
struct Grid {
    left: f64,
    top: f64,
    columns: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

const CELL: f64 = 40.0;

impl Grid {
    fn new(bounds: Rect) -> Grid {
        let columns = ((bounds.right - bounds.left) / CELL).ceil().max(1.0) as usize;
        let rows = ((bounds.bottom - bounds.top) / CELL).ceil().max(1.0) as usize;
        Grid {
            left: bounds.left,
            top: bounds.top,
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        }
    }

    /// The cells a box touches; a box beyond the plot is filed in the nearest edge cells.
    fn cells_of(&self, r: &Rect) -> impl Iterator<Item = usize> + '_ {
        let column =
            |x: f64| (((x - self.left) / CELL).floor().max(0.0) as usize).min(self.columns - 1);
        let row = |y: f64| (((y - self.top) / CELL).floor().max(0.0) as usize).min(self.rows - 1);
        let (c0, c1, r0, r1) = (column(r.left), column(r.right), row(r.top), row(r.bottom));
        (r0..=r1).flat_map(move |row| (c0..=c1).map(move |c| row * self.columns + c))
    }

    fn insert(&mut self, r: Rect, item: usize) {
        let cells: Vec<usize> = self.cells_of(&r).collect();
        for c in cells {
            self.cells[c].push(item);
        }
    }

    /// Whether `hit` holds for any item filed in a cell that `r` touches.
    fn any_near(&self, r: &Rect, hit: impl Fn(usize) -> bool) -> bool {
        self.cells_of(r)
            .any(|c| self.cells[c].iter().any(|&item| hit(item)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: (f64, f64, f64, f64) = (0.0, 0.0, 500.0, 500.0);

    fn m(x: f64, y: f64, r: f64, text: &str) -> Marker<'_> {
        Marker { x, y, r, text }
    }

    #[test]
    fn a_lone_point_is_labelled_on_its_right() {
        let placed = place_labels(&[m(100.0, 100.0, 8.0, "Acme")], BOUNDS, &[]);
        assert_eq!(placed[0].unwrap().anchor, "start");
        assert!(placed[0].unwrap().x > 100.0);
    }

    #[test]
    fn labels_near_the_right_edge_go_left() {
        let placed = place_labels(&[m(490.0, 100.0, 5.0, "Northwind")], BOUNDS, &[]);
        assert_eq!(placed[0].unwrap().anchor, "end");
    }

    #[test]
    fn a_dense_chart_labels_what_fits_without_any_overlap() {
        // Two hundred scattered points, spread over the chart as the matrix draws them.
        let names: Vec<String> = (0..200).map(|i| format!("Account {i}")).collect();
        let markers: Vec<_> = (0..200usize)
            .map(|i| {
                let x = 20.0 + ((i * 7919) % 460) as f64;
                let y = 20.0 + ((i * 104_729) % 460) as f64;
                m(x, y, 4.0 + (i % 5) as f64, &names[i])
            })
            .collect();
        let obstacle = (0.0, 0.0, 120.0, 24.0);
        let placed = place_labels(&markers, BOUNDS, &[obstacle]);
        let boxes: Vec<Rect> = markers
            .iter()
            .zip(&placed)
            .filter_map(|(mk, p)| {
                let p = p.as_ref()?;
                let w = text_width(mk.text);
                let (left, right) = match p.anchor {
                    "start" => (p.x, p.x + w),
                    "end" => (p.x - w, p.x),
                    _ => (p.x - w / 2.0, p.x + w / 2.0),
                };
                let top = if p.anchor == "middle" && p.y > mk.y {
                    mk.y + mk.r + 3.0
                } else if p.anchor == "middle" {
                    mk.y - mk.r - 3.0 - LINE
                } else {
                    mk.y - LINE / 2.0
                };
                Some(Rect {
                    left,
                    top,
                    right,
                    bottom: top + LINE,
                })
            })
            .collect();
        assert!(boxes.len() >= 10, "some labels fit: {}", boxes.len());
        for (i, a) in boxes.iter().enumerate() {
            assert!(!a.overlaps(&rect(obstacle)));
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "labels overlap");
            }
        }
    }

    #[test]
    fn crowded_points_get_different_spots_and_never_overlap() {
        let markers: Vec<_> = (0..6)
            .map(|i| m(200.0, 200.0 + i as f64 * 20.0, 6.0, "Stacked"))
            .collect();
        let placed = place_labels(&markers, BOUNDS, &[]);
        let spots: Vec<_> = placed
            .iter()
            .flatten()
            .map(|p| (p.anchor, p.y as i64))
            .collect();
        // Each point in the column gets its own label beside it, and none overlap.
        assert_eq!(spots.len(), 6);
        let mut unique = spots.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 6);
    }

    #[test]
    fn bigger_points_are_labelled_first() {
        let markers = [m(200.0, 200.0, 3.0, "Small"), m(200.0, 200.0, 20.0, "Big")];
        let placed = place_labels(&markers, (150.0, 150.0, 280.0, 250.0), &[]);
        assert!(placed[1].is_some());
    }

    #[test]
    fn labels_keep_clear_of_obstacles_and_other_points() {
        // An obstacle to the right pushes the label to the left.
        let placed = place_labels(
            &[m(100.0, 100.0, 5.0, "Acme")],
            BOUNDS,
            &[(105.0, 90.0, 200.0, 110.0)],
        );
        assert_eq!(placed[0].unwrap().anchor, "end");
        // A neighbouring point on the right does the same.
        let placed = place_labels(
            &[m(100.0, 100.0, 5.0, "Acme"), m(120.0, 100.0, 5.0, "")],
            BOUNDS,
            &[],
        );
        assert_eq!(placed[0].unwrap().anchor, "end");
    }

    #[test]
    fn points_on_one_spot_share_the_four_sides_and_the_rest_go_unlabelled() {
        let crowd: Vec<_> = (0..5).map(|_| m(200.0, 200.0, 6.0, "Same place")).collect();
        let placed = place_labels(&crowd, BOUNDS, &[]);
        assert_eq!(placed.iter().flatten().count(), 4);
    }
}
