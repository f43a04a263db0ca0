//! Long work that can be done a slice at a time: reading and matching a large import file.
//!
//! A job does a few units of work on each call and says how far it has got, so that the page
//! can paint, show progress and take a Cancel between slices. How big a slice is, and when to
//! hand back to the browser, is the caller's business; a job gives the same result however it
//! is sliced, and [`run_to_end`] does it all at once (natively, and in tests).

/// What a job is counting as it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Bytes of the file, before its records can be counted.
    Bytes,
    /// Records of a kind, in the plural: "accounts", "rows".
    Records(&'static str),
}

/// How far a job has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, as the start of a sentence: "Reading", "Matching".
    pub doing: &'static str,
    pub done: usize,
    pub total: usize,
    pub unit: Unit,
}

impl Progress {
    pub fn new(doing: &'static str, done: usize, total: usize, unit: Unit) -> Self {
        Progress {
            doing,
            done: done.min(total),
            total,
            unit,
        }
    }

    /// A line for the progress bar: "Reading 12 000 of 50 000 accounts…".
    pub fn label(&self) -> String {
        match self.unit {
            Unit::Records(noun) => format!(
                "{} {} of {} {noun}…",
                self.doing,
                grouped(self.done),
                grouped(self.total)
            ),
            Unit::Bytes => format!("{} the file: {} %…", self.doing, self.percent()),
        }
    }

    /// Done so far, in whole percent, rounded down so that 100 means finished.
    pub fn percent(&self) -> usize {
        if self.total == 0 {
            return 0;
        }
        (self.done as u128 * 100 / self.total as u128) as usize
    }

    /// A coarser line for screen readers, which would otherwise be told every slice: the
    /// step and its quarter ("Reading accounts: a quarter done.").
    pub fn announcement(&self) -> String {
        let what = match self.unit {
            Unit::Records(noun) => format!("{} {noun}", self.doing),
            Unit::Bytes => format!("{} the file", self.doing),
        };
        let part = match self.percent() {
            0..=24 => "started",
            25..=49 => "a quarter done",
            50..=74 => "half done",
            _ => "three quarters done",
        };
        format!("{what}: {part}.")
    }
}

/// A whole number with its thousands apart, as "12 000", with no-break spaces so that a
/// figure never breaks across lines.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(d);
    }
    out
}

/// Work done a slice at a time.
pub trait Sliced {
    type Output;

    /// Does about `units` units of work (records, or a few kilobytes of text); the result
    /// once the work is finished. After that the job must not be advanced again.
    fn advance(&mut self, units: usize) -> Option<Self::Output>;

    /// How far the job has got.
    fn progress(&self) -> Progress;
}

/// Does all of a job at once.
pub fn run_to_end<J: Sliced>(mut job: J) -> J::Output {
    loop {
        if let Some(out) = job.advance(usize::MAX) {
            return out;
        }
    }
}

/// Does a job in slices of `units`, as the page does between paints; for tests, which check
/// that slicing changes nothing.
pub fn run_in_slices<J: Sliced>(mut job: J, units: usize) -> (J::Output, Vec<Progress>) {
    let mut seen = Vec::new();
    loop {
        if let Some(out) = job.advance(units) {
            return (out, seen);
        }
        seen.push(job.progress());
    }
}

/// A sequence of two jobs, the second made from the first's result. Its progress is that of
/// the step under way.
pub struct Then<A: Sliced, B: Sliced, F> {
    state: ThenState<A, B>,
    next: Option<F>,
}

enum ThenState<A, B> {
    First(A),
    Second(B),
}

impl<A: Sliced, B: Sliced, F: FnOnce(A::Output) -> Result<B, B::Output>> Then<A, B, F> {
    /// `next` makes the second job from the first one's result, or gives the final result
    /// straight away (an error, say).
    pub fn new(first: A, next: F) -> Self {
        Then {
            state: ThenState::First(first),
            next: Some(next),
        }
    }
}

impl<A: Sliced, B: Sliced, F: FnOnce(A::Output) -> Result<B, B::Output>> Sliced for Then<A, B, F> {
    type Output = B::Output;

    fn advance(&mut self, units: usize) -> Option<B::Output> {
        match &mut self.state {
            ThenState::First(a) => {
                let out = a.advance(units)?;
                let next = self.next.take().expect("the first job finishes once");
                match next(out) {
                    Ok(b) => {
                        self.state = ThenState::Second(b);
                        None
                    }
                    Err(done) => Some(done),
                }
            }
            ThenState::Second(b) => b.advance(units),
        }
    }

    fn progress(&self) -> Progress {
        match &self.state {
            ThenState::First(a) => a.progress(),
            ThenState::Second(b) => b.progress(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_say_what_is_done_and_how_far() {
        let p = Progress::new("Reading", 12_000, 50_000, Unit::Records("accounts"));
        assert_eq!(p.label(), "Reading 12\u{a0}000 of 50\u{a0}000 accounts…");
        assert_eq!(p.announcement(), "Reading accounts: started.");
        let p = Progress::new("Reading", 450, 1000, Unit::Bytes);
        assert_eq!(p.label(), "Reading the file: 45 %…");
        assert_eq!(p.announcement(), "Reading the file: a quarter done.");
        assert_eq!(Progress::new("Matching", 7, 0, Unit::Bytes).percent(), 0);
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1\u{a0}000");
        assert_eq!(grouped(1_234_567), "1\u{a0}234\u{a0}567");
    }

    /// Sums numbers a few at a time.
    struct Sum {
        items: Vec<u32>,
        at: usize,
        total: u64,
    }

    impl Sliced for Sum {
        type Output = u64;
        fn advance(&mut self, units: usize) -> Option<u64> {
            let end = self.at.saturating_add(units).min(self.items.len());
            self.total += self.items[self.at..end]
                .iter()
                .map(|&n| u64::from(n))
                .sum::<u64>();
            self.at = end;
            (self.at == self.items.len()).then_some(self.total)
        }
        fn progress(&self) -> Progress {
            Progress::new(
                "Adding",
                self.at,
                self.items.len(),
                Unit::Records("numbers"),
            )
        }
    }

    #[test]
    fn a_sequence_runs_its_jobs_in_turn_and_reports_each() {
        let sum = |items: Vec<u32>| Sum {
            items,
            at: 0,
            total: 0,
        };
        let job = Then::new(sum((1..=10).collect()), |first: u64| {
            Ok(sum(vec![first as u32; 4]))
        });
        let (out, seen) = run_in_slices(job, 3);
        assert_eq!(out, 55 * 4);
        let done: Vec<_> = seen.iter().map(|p| (p.done, p.total)).collect();
        assert_eq!(done, [(3, 10), (6, 10), (9, 10), (0, 4), (3, 4)]);
        let refused = Then::new(sum(vec![1]), |_| Err::<Sum, _>(7));
        assert_eq!(run_to_end(refused), 7);
    }
}
