//! Reading an import file a slice at a time ([`crate::support::sliced`]), to the result that
//! [`super::backup::parse`] gives in one go.
//!
//! The file is walked once down to its lists of records only, noting where each record starts
//! and copying everything else, which is small, into a skeleton: the file with its lists
//! emptied. `parse` reads the skeleton as it reads any file (the envelope, the settings, what
//! to leave out of them), and the records are then read in batches. A record that does not
//! read makes the whole what `parse` makes of a damaged document: every record mended one by
//! one ([`crate::storage::salvage::Mended`]). A file that is not JSON throughout, or not of the current
//! version (a migration works on the whole document), is left to `parse` in one go: both are
//! rare, and a damaged file is read only as far as its damage.

use std::rc::Rc;

use super::accounts::Account;
use super::backup::{parse, ImportError, Incoming, MAX_IMPORT_BYTES};
use super::history::SavedAssessment;
use super::plans::{Plan, Template};
use super::snapshots::Snapshot;
use crate::storage::salvage::{List, Mended, LISTS};
use crate::storage::schema::{finish, CURRENT_VERSION};
use crate::support::json::{self, to_text, Json, JsonError, Reader};
use crate::support::sliced::{Progress, Sliced, Unit};

/// Where a document sits in the file: the file itself (a browser's stored data) or its
/// `data` (a backup).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    File,
    Data,
}

/// An object the walk goes into: a document, or one of its sections.
#[derive(Clone, Copy)]
enum Level {
    Document(Place),
    Section(Place, &'static str),
}

enum Frame {
    Object {
        level: Level,
        first: bool,
    },
    List {
        place: Place,
        list: List,
        first: bool,
    },
}

/// Where the records of one document are in the file.
#[derive(Default)]
struct Found {
    /// Per list, in the order of [`LISTS`]: where each record starts.
    records: [Vec<usize>; 5],
    /// Per list: how deeply its records are nested, for the reader's depth limit.
    depth: [u32; 5],
    /// The document's version number as written.
    version: Option<String>,
}

fn index(list: List) -> usize {
    LISTS
        .iter()
        .position(|&l| l == list)
        .expect("every list is in LISTS")
}

/// The first pass: the skeleton, and where the records are.
struct Walk {
    pos: usize,
    depth: u32,
    frames: Vec<Frame>,
    started: bool,
    skeleton: String,
    found: [Found; 2],
}

impl Walk {
    fn found(&mut self, place: Place) -> &mut Found {
        &mut self.found[place as usize]
    }

    /// Walks on by `units` values or records; `Some` once at the end of the text.
    fn advance(&mut self, text: &str, units: usize) -> Option<json::Result<()>> {
        let mut r = Reader::at(text, self.pos, self.depth);
        let mut result = None;
        for _ in 0..units {
            match self.step(&mut r) {
                Ok(false) => {}
                Ok(true) => {
                    result = Some(Ok(()));
                    break;
                }
                Err(e) => {
                    result = Some(Err(e));
                    break;
                }
            }
        }
        self.pos = r.position();
        self.depth = r.depth();
        result
    }

    /// One value or record; `true` once the text has been walked to its end.
    fn step(&mut self, r: &mut Reader) -> json::Result<bool> {
        let Some(frame) = self.frames.last_mut() else {
            if self.started {
                r.end()?;
                return Ok(true);
            }
            self.started = true;
            if r.next_byte()? != b'{' {
                return Err(JsonError::shape("not an object"));
            }
            r.open()?;
            self.skeleton.push('{');
            self.frames.push(Frame::Object {
                level: Level::Document(Place::File),
                first: true,
            });
            return Ok(false);
        };
        match frame {
            Frame::List { place, list, first } => {
                let (place, list) = (*place, *list);
                if r.next_item(std::mem::replace(first, false))? {
                    r.next_byte()?;
                    let start = r.position();
                    r.skip()?;
                    self.found(place).records[index(list)].push(start);
                } else {
                    self.skeleton.push(']');
                    self.frames.pop();
                }
            }
            Frame::Object { level, first } => {
                let (level, was_first) = (*level, std::mem::replace(first, false));
                let Some(key) = r.next_key(was_first)? else {
                    self.skeleton.push('}');
                    self.frames.pop();
                    return Ok(false);
                };
                if !was_first {
                    self.skeleton.push(',');
                }
                self.skeleton.push_str(&to_text(&*key));
                self.skeleton.push(':');
                let next = r.next_byte()?;
                let inner = match (level, &*key, next) {
                    (Level::Document(Place::File), "data", b'{') => {
                        // Only the last `data` counts, as in `parse`.
                        self.found[Place::Data as usize] = Found::default();
                        Some(Frame::Object {
                            level: Level::Document(Place::Data),
                            first: true,
                        })
                    }
                    (Level::Document(place), "portfolio" | "plans" | "grader", b'{') => {
                        let section = match &*key {
                            "portfolio" => "portfolio",
                            "plans" => "plans",
                            _ => "grader",
                        };
                        // A section read again starts afresh, as in the document's reader.
                        for list in LISTS.iter().filter(|l| l.place().0 == section) {
                            self.found(place).records[index(*list)].clear();
                        }
                        Some(Frame::Object {
                            level: Level::Section(place, section),
                            first: true,
                        })
                    }
                    (Level::Section(place, section), key, b'[') => {
                        List::at(section, key).map(|list| Frame::List {
                            place,
                            list,
                            first: true,
                        })
                    }
                    _ => None,
                };
                match inner {
                    Some(frame) => {
                        r.open()?;
                        self.skeleton.push(next as char);
                        if let Frame::List { place, list, .. } = frame {
                            let depth = r.depth();
                            let found = self.found(place);
                            found.records[index(list)].clear();
                            found.depth[index(list)] = depth;
                        }
                        self.frames.push(frame);
                    }
                    None => {
                        let raw = r.raw()?;
                        if let (Level::Document(place), "version") = (level, &*key) {
                            self.found(place).version = Some(raw.to_string());
                        }
                        self.skeleton.push_str(raw);
                    }
                }
            }
        }
        Ok(false)
    }
}

/// The records read so far, each list as the document holds it.
#[derive(Default)]
struct Typed {
    accounts: Vec<Account>,
    plans: Vec<Rc<Plan>>,
    templates: Vec<Template>,
    history: Vec<SavedAssessment>,
    snapshots: Vec<Snapshot>,
}

impl Typed {
    /// Reads the record that starts at byte `at` of `text`.
    fn read(&mut self, list: List, text: &str, at: usize) -> json::Result<()> {
        match list {
            List::Accounts => self.accounts.push(json::read_at(text, at)?),
            List::Plans => self.plans.push(json::read_at(text, at)?),
            List::Templates => self.templates.push(json::read_at(text, at)?),
            List::History => self.history.push(json::read_at(text, at)?),
            List::Snapshots => self.snapshots.push(json::read_at(text, at)?),
        }
        Ok(())
    }
}

enum Reading {
    /// Every record so far has read as it is.
    AsWritten(Typed),
    /// Some record did not: every one is read again and mended, as `parse` does then.
    Mending(Mended),
}

/// The second pass: the records read into the skeleton's document.
struct Records {
    skeleton: Incoming,
    found: Found,
    /// The list being read, by its place in [`LISTS`], and the next record in it.
    list: usize,
    at: usize,
    reading: Reading,
}

impl Records {
    fn advance(&mut self, text: &str, units: usize) -> Option<Incoming> {
        let mut left = units;
        while self.list < LISTS.len() {
            let list = LISTS[self.list];
            let starts = &self.found.records[self.list];
            let depth = self.found.depth[self.list];
            while self.at < starts.len() {
                if left == 0 {
                    return None;
                }
                left -= 1;
                let start = starts[self.at];
                self.at += 1;
                match &mut self.reading {
                    Reading::AsWritten(typed) => {
                        if typed.read(list, text, start).is_err() {
                            self.reading =
                                Reading::Mending(Mended::new(self.skeleton.dropped.clone()));
                            (self.list, self.at) = (0, 0);
                            return None;
                        }
                    }
                    Reading::Mending(mended) => {
                        let mut r = Reader::at(text, start, depth);
                        let item = Json::read(&mut r).expect("the walk checked its syntax");
                        mended.add(list, item);
                    }
                }
            }
            if let Reading::Mending(mended) = &mut self.reading {
                mended.list_done(list);
            }
            (self.list, self.at) = (self.list + 1, 0);
        }
        let reading = std::mem::replace(&mut self.reading, Reading::AsWritten(Typed::default()));
        let mut incoming = self.skeleton.clone();
        match reading {
            Reading::AsWritten(typed) => {
                let doc = &mut incoming.doc;
                doc.portfolio.accounts = Rc::new(typed.accounts);
                doc.portfolio.snapshots = Rc::new(typed.snapshots);
                doc.plans.templates = typed.templates;
                doc.plans.plans = typed.plans;
                doc.grader.history = typed.history;
                finish(doc);
            }
            Reading::Mending(mended) => {
                let salvaged = mended.finish(incoming.doc);
                incoming.doc = salvaged.doc;
                incoming.dropped = salvaged.dropped;
            }
        }
        Some(incoming)
    }

    fn progress(&self) -> Progress {
        let list = LISTS[self.list.min(LISTS.len() - 1)];
        let total = self.found.records[self.list.min(LISTS.len() - 1)].len();
        Progress::new("Reading", self.at, total, Unit::Records(list.noun()))
    }
}

enum Stage {
    Walking(Box<Walk>),
    Records(Box<Records>),
    /// Left to `parse` in one go.
    InOneGo,
    Done,
}

/// Reads a backup file, or a stored document's text, a slice at a time: the same result as
/// [`parse`].
pub struct BackupReading {
    text: Rc<str>,
    stage: Stage,
}

impl BackupReading {
    pub fn new(text: Rc<str>) -> Self {
        let stage = if text.len() > MAX_IMPORT_BYTES {
            Stage::InOneGo
        } else {
            Stage::Walking(Box::new(Walk {
                pos: 0,
                depth: 0,
                frames: Vec::new(),
                started: false,
                skeleton: String::new(),
                found: Default::default(),
            }))
        };
        BackupReading { text, stage }
    }

    /// The records' pass, once the walk has found them; `Err` with the result when there is
    /// nothing more to read, and `None` when the file is for `parse` in one go.
    fn after_walk(walk: Walk) -> Option<Result<Records, Result<Incoming, ImportError>>> {
        let readable = |v: &String| {
            v.parse::<u64>()
                .is_ok_and(|v| (RECORDS_AS_NOW_SINCE..=CURRENT_VERSION).contains(&v))
        };
        if walk
            .found
            .iter()
            .any(|f| f.version.as_ref().is_some_and(|v| !readable(v)))
        {
            return None;
        }
        let skeleton = match parse(&walk.skeleton) {
            Ok(skeleton) => skeleton,
            Err(why) => return Some(Err(Err(why))),
        };
        let place = match skeleton.source {
            super::backup::Source::Backup | super::backup::Source::ThisTab { .. } => Place::Data,
            super::backup::Source::StoredData => Place::File,
        };
        let [file, data] = walk.found;
        let found = if place == Place::Data { data } else { file };
        let reading = if skeleton.dropped.is_empty() {
            Reading::AsWritten(Typed::default())
        } else {
            Reading::Mending(Mended::new(skeleton.dropped.clone()))
        };
        Some(Ok(Records {
            skeleton,
            found,
            list: 0,
            at: 0,
            reading,
        }))
    }
}

/// The oldest version whose accounts and plans read as this version's do: the step to
/// version 5 changed only the rest of the document (prospects, the firm), which `parse`
/// migrates with the skeleton. Every backup made before version 5 is of version 4, so this
/// keeps those sliced too.
const RECORDS_AS_NOW_SINCE: u64 = 4;

impl Sliced for BackupReading {
    type Output = Result<Incoming, ImportError>;

    fn advance(&mut self, units: usize) -> Option<Self::Output> {
        match &mut self.stage {
            Stage::Walking(walk) => {
                let walked = walk.advance(&self.text, units)?;
                let Stage::Walking(walk) = std::mem::replace(&mut self.stage, Stage::Done) else {
                    unreachable!("matched just above");
                };
                self.stage = match walked.ok().and_then(|()| Self::after_walk(*walk)) {
                    Some(Ok(records)) => Stage::Records(Box::new(records)),
                    Some(Err(done)) => return Some(done),
                    None => Stage::InOneGo,
                };
                None
            }
            Stage::Records(records) => {
                let incoming = records.advance(&self.text, units)?;
                self.stage = Stage::Done;
                Some(Ok(incoming))
            }
            Stage::InOneGo => {
                self.stage = Stage::Done;
                Some(parse(&self.text))
            }
            Stage::Done => panic!("a finished reading was advanced"),
        }
    }

    fn progress(&self) -> Progress {
        match &self.stage {
            Stage::Walking(walk) => {
                Progress::new("Reading", walk.pos, self.text.len(), Unit::Bytes)
            }
            Stage::Records(records) => records.progress(),
            Stage::InOneGo | Stage::Done => {
                Progress::new("Reading", self.text.len(), self.text.len(), Unit::Bytes)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::backup::export;
    use crate::domain::demo::demo_accounts;
    use crate::domain::plans::Content;
    use crate::storage::schema::{encode, Document};
    use crate::support::sliced::{run_in_slices, run_to_end};
    use proptest::prelude::*;

    const AT: &str = "2026-11-01T09:00:00Z";

    fn sliced(text: &str, units: usize) -> Result<Incoming, ImportError> {
        run_in_slices(BackupReading::new(text.into()), units).0
    }

    /// A document of `n` accounts (names repeat past the demo's), a plan for every third,
    /// a template, an assessment and a snapshot.
    fn document(n: usize) -> Document {
        let mut doc = Document::default();
        let demo = demo_accounts(1, AT);
        let accounts: Vec<Account> = (0..n)
            .map(|i| {
                let mut a = demo[i % demo.len()].clone();
                a.id = i as u64 + 1;
                a.name = format!("{} {i}", a.name);
                a
            })
            .collect();
        for a in accounts.iter().step_by(3) {
            let mut plan = Plan::new(10_000 + a.id, a.id, 0, AT);
            plan.write(
                "vision",
                "Vision",
                Content::Text(format!("Grow {}", a.id)),
                AT,
            );
            doc.plans.plans.push(Rc::new(plan));
        }
        doc.portfolio.accounts = Rc::new(accounts);
        doc.grader.draft_label = "Q4 \"review\"".into();
        doc.next_id = 20_000;
        doc
    }

    /// A backup as "Export all data" writes it, a tab's own export, the same backup without
    /// its line breaks (which the damage below needs), and the document as a browser stores it.
    fn files(doc: &Document) -> Vec<String> {
        vec![
            export(doc, AT, crate::domain::backup::Scope::Everything),
            export(
                doc,
                AT,
                crate::domain::backup::Scope::ThisTab { read_stored: false },
            ),
            compact(doc),
            encode(doc),
        ]
    }

    fn compact(doc: &Document) -> String {
        format!(
            r#"{{"app":"account-grader","kind":"backup","version":4,"data":{}}}"#,
            encode(doc)
        )
    }

    #[test]
    fn a_file_read_in_slices_reads_as_in_one_go() {
        let doc = document(40);
        for text in files(&doc) {
            let whole = parse(&text);
            assert_eq!(whole.as_ref().map(|i| &i.doc), Ok(&doc));
            for units in [1, 2, 7, 1000] {
                assert_eq!(sliced(&text, units), whole, "in slices of {units}");
            }
            assert_eq!(run_to_end(BackupReading::new(text.as_str().into())), whole);
        }
    }

    #[test]
    fn progress_goes_through_the_bytes_and_then_each_list_of_records() {
        let text = export(&document(30), AT, crate::domain::backup::Scope::Everything);
        let (_, seen) = run_in_slices(BackupReading::new(text.as_str().into()), 4);
        let bytes: Vec<_> = seen.iter().filter(|p| p.unit == Unit::Bytes).collect();
        assert!(bytes.len() > 5, "{bytes:?}");
        assert!(bytes.windows(2).all(|w| w[0].done < w[1].done));
        let accounts: Vec<_> = seen
            .iter()
            .filter(|p| p.unit == Unit::Records("accounts"))
            .map(|p| (p.done, p.total))
            .collect();
        assert_eq!(accounts.first(), Some(&(0, 30)));
        assert!(accounts.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(accounts.len(), 8);
        assert!(seen
            .iter()
            .any(|p| p.unit == Unit::Records("account plans") && p.total == 10));
    }

    #[test]
    fn a_backup_from_version_4_is_read_record_by_record_too() {
        let v5 = export(&document(30), AT, crate::domain::backup::Scope::Everything);
        let v4 = v5
            .replace("\"version\": 5", "\"version\": 4")
            .replace("\"version\":5", "\"version\":4");
        assert_ne!(v4, v5, "the file names its version");
        let (read, seen) = run_in_slices(BackupReading::new(v4.as_str().into()), 4);
        assert_eq!(read, parse(&v4));
        assert!(read.is_ok());
        assert!(seen.iter().any(|p| p.unit == Unit::Records("accounts")));
    }

    #[test]
    fn damaged_records_are_mended_as_in_one_go() {
        let doc = document(12);
        for text in [compact(&doc), encode(&doc)] {
            let name = &doc.portfolio.accounts[4].name;
            let bad_revenue = text.replacen(
                &format!("\"name\":\"{name}\","),
                &format!("\"name\":\"{name}\",\"revenue\":\"lots\","),
                1,
            );
            // Account 7 loses its name, so it and its plan are left out.
            let name7 = &doc.portfolio.accounts[6].name;
            let no_name = text.replacen(&format!("\"name\":\"{name7}\""), "\"name\":7", 1);
            let bad_setting = text.replacen(
                "\"settings\":{",
                "\"settings\":{\"plan_stale_days\":\"x\",",
                1,
            );
            for damaged in [bad_revenue, no_name, bad_setting] {
                assert_ne!(damaged, text);
                let whole = parse(&damaged);
                assert!(!whole.as_ref().unwrap().dropped.is_empty());
                for units in [1, 5, 1000] {
                    assert_eq!(sliced(&damaged, units), whole);
                }
            }
        }
    }

    #[test]
    fn files_that_are_not_current_backups_give_what_parse_gives() {
        let v1 = include_str!("../../tests/fixtures/v1.json");
        let old = format!(r#"{{"app":"account-grader","kind":"backup","version":1,"data":{v1}}}"#);
        let text = export(&document(5), AT, crate::domain::backup::Scope::Everything);
        let cut = &text[..text.len() - 40];
        let cases = [
            v1.to_string(),
            old,
            cut.to_string(),
            "not json".into(),
            "[1, 2]".into(),
            r#"{"name":"other app"}"#.into(),
            r#"{"app":"account-grader","kind":"account-plan"}"#.into(),
            r#"{"app":"account-grader","kind":"backup","version":99,"data":{"version":99}}"#.into(),
            r#"{"app":"account-grader","kind":"backup","version":4,"data":{"version":4,"portfolio":5}}"#.into(),
            r#"{"version":4,"portfolio":{"accounts":[{"id":1,"name":"A","created_at":"x","updated_at":"x"}]},"portfolio":{"snapshots":[]}}"#.into(),
            r#"{"version":4,"plans":{"plans":[{"id":4,"account":2,"template":0,"created_at":"x","updated_at":"x"}]}}"#.into(),
            " ".repeat(MAX_IMPORT_BYTES + 1),
        ];
        for text in cases {
            let whole = parse(&text);
            for units in [1, 3, 1000] {
                assert_eq!(
                    sliced(&text, units),
                    whole,
                    "{}",
                    &text[..text.len().min(80)]
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn slicing_never_changes_what_is_read(
            n in 0usize..25,
            units in 1usize..40,
            damage in 0usize..4,
            at in 0usize..25,
            stored in any::<bool>(),
        ) {
            let doc = document(n);
            let mut text = if stored { encode(&doc) } else { compact(&doc) };
            if let Some(a) = doc.portfolio.accounts.get(at) {
                let field = format!("\"name\":\"{}\"", a.name);
                let replacement = match damage {
                    0 => field.clone(),
                    1 => format!("{field},\"tier\":\"Z\""),
                    2 => "\"name\":false".to_string(),
                    _ => format!("{field},\"ratings\":{{\"needs-fit\":\"high\"}}"),
                };
                text = text.replacen(&field, &replacement, 1);
            }
            prop_assert_eq!(sliced(&text, units), parse(&text));
        }
    }
}
