//! Backing up all data to one JSON file and reading such a file back, merged into the data
//! already here or replacing it.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use super::accounts::{name_key, Account, AccountId};
use super::history::AssessmentId;
use super::plan_export;
use super::plans::{Plan, Template, TemplateId};
use super::prospects::Prospect;
use super::snapshots::Snapshot;
use crate::storage::damaged_text::readable_part;
use crate::storage::salvage::{decode_lenient, Dropped, Salvaged};
use crate::storage::schema::{encode, Document, LoadError, CURRENT_VERSION};
use crate::support::dates::{instant, readable_date_time};
use crate::support::decimal::fixed;
use crate::support::json::{export_file, to_text, Json, JsonError, Reader};

const APP: &str = "account-grader";
const KIND: &str = "backup";
/// Larger files are refused before parsing: a real backup of even thousands of accounts with
/// full plans is far smaller, and parsing a huge file would freeze the tab.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// What an export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everything stored, from a tab that saves: a backup.
    Everything,
    /// Only what a tab that has stopped saving holds (the stored data was not read, or
    /// another tab stored what this one must not write over). `read_stored`: whether the tab
    /// had read the stored data, so that its records are copies of those, or started without
    /// them, so that a record of the same name is another one.
    ThisTab { read_stored: bool },
}

/// The marks of a tab's own export in the file (see `Scope`).
const THIS_TAB: &str = "this-tab";
const THIS_TAB_UNREAD: &str = "this-tab-unread";

/// The whole document as a backup file, its `scope` said in the file, so that a renamed copy
/// of a tab's own export is still not taken for a full backup.
pub fn export(doc: &Document, now: &str, scope: Scope) -> String {
    let mut fields = vec![
        ("app", to_text(APP)),
        ("kind", to_text(KIND)),
        ("version", CURRENT_VERSION.to_string()),
        ("exported_at", to_text(now)),
    ];
    match scope {
        Scope::Everything => {}
        Scope::ThisTab { read_stored: true } => fields.push(("scope", to_text(THIS_TAB))),
        Scope::ThisTab { read_stored: false } => fields.push(("scope", to_text(THIS_TAB_UNREAD))),
    }
    fields.push(("data", encode(doc)));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    export_file(&fields)
}

/// The name of an export made at `now`. A tab's own export is named so, that it never takes
/// the place of a real backup in the visitor's downloads.
pub fn export_file_name(now: &str, scope: Scope) -> String {
    let what = match scope {
        Scope::Everything => "backup",
        Scope::ThisTab { .. } => "this-tab",
    };
    format!(
        "account-grader-{what}-{}.json",
        crate::support::dates::date_part(now)
    )
}

/// The name of a download, made at `now`, of the stored data as the browser holds it, for a
/// tab that could not read it; importing the file reads it as a backup.
pub fn stored_data_file_name(now: &str) -> String {
    format!(
        "account-grader-saved-data-{}.json",
        crate::support::dates::date_part(now)
    )
}

/// Days without a backup after which the app suggests one.
pub const REMIND_AFTER_DAYS: i64 = 30;

/// True when there is data worth keeping that has not been backed up for a month: never
/// exported while the oldest item is over a month old, or last exported over a month ago.
pub fn backup_due(doc: &Document, today: &str) -> bool {
    let older_than_limit = |t: &str| {
        crate::support::dates::days_between(t, today).is_some_and(|d| d > REMIND_AFTER_DAYS)
    };
    match &doc.settings.last_backup_at {
        Some(last) => older_than_limit(last),
        None => doc
            .portfolio
            .accounts
            .iter()
            .map(|a| a.created_at.as_str())
            .chain(doc.grader.history.iter().map(|a| a.saved_at.as_str()))
            .chain(doc.prospects.iter().map(|p| p.received_at.as_str()))
            .any(older_than_limit),
    }
}

/// Why a file could not be imported. Nothing has changed when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge(usize),
    NotJson,
    /// JSON text that stops part-way, as a download or copy that was interrupted leaves it.
    CutShort,
    NotABackup,
    /// One plan's "Export JSON" file, which holds no portfolio to import.
    SinglePlan,
    Unreadable(LoadError),
}

impl ImportError {
    pub fn explanation(&self) -> String {
        match self {
            ImportError::TooLarge(bytes) => format!(
                "This file is {} MB, far larger than any Account Grader backup (at most {} MB). \
                 Nothing was imported.",
                fixed(*bytes as f64 / 1_048_576.0, 1),
                MAX_IMPORT_BYTES / 1_048_576
            ),
            ImportError::NotJson => "This file is not a JSON file, so it is neither an Account \
                                     Grader backup nor its saved data, or it was damaged. \
                                     Nothing was imported."
                .into(),
            ImportError::CutShort => "This file stops part-way through its data, as a download \
                                      or copy that was interrupted leaves it, so it cannot be \
                                      read. If you still have the original, import that. \
                                      Nothing was imported."
                .into(),
            ImportError::NotABackup => {
                "This JSON file was not made by Account Grader: neither by \"Export all data\" \
                 nor by \"Download the unreadable data\". Nothing was imported."
                    .into()
            }
            ImportError::SinglePlan => {
                "This file holds a single account plan, made by \"Export JSON\" on the plan's read \
                 view for reading in other tools. Only a file from \"Export all data\" can be imported \
                 here; to pass a plan to someone who uses Account Grader, share the account \
                 with its plan. Nothing was imported."
                    .into()
            }
            ImportError::Unreadable(LoadError::NewerVersion(v)) => format!(
                "This file comes from a newer version of Account Grader (data version {v}; this \
                 version reads up to {CURRENT_VERSION}), and what its data means cannot be known \
                 here. Open it in the newer version. Nothing was imported."
            ),
            ImportError::Unreadable(LoadError::WrongShape(detail)) => format!(
                "This file's data is not in the shape Account Grader expects ({detail}); the \
                 file may have been edited or damaged. Nothing was imported."
            ),
            ImportError::Unreadable(LoadError::NotJson) => {
                "This file's data is damaged and cannot be read. Nothing was imported.".into()
            }
            // A backup is read by the settings' own code, which has the reader; said all the same.
            ImportError::Unreadable(why @ LoadError::ReaderNotDownloaded) => {
                format!("{} Nothing was imported.", why.explanation())
            }
        }
    }
}

/// What kind of file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file from "Export all data".
    Backup,
    /// A file from "Export this tab's data", in a tab that had stopped saving: only what that
    /// tab held, not everything that was stored (see `Scope`).
    ThisTab { read_stored: bool },
    /// A stored document as it stands, such as the file "Download the unreadable data" gives.
    StoredData,
}

/// A file read for importing: as much of its document as could be read, and what could not.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub doc: Document,
    pub dropped: Vec<Dropped>,
    pub source: Source,
}

/// Reads a backup file, or a stored document's text, migrating older versions and leaving out
/// (and listing) the parts that cannot be read.
pub fn parse(text: &str) -> Result<Incoming, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let (mut app, mut kind, mut scope, mut data, mut version) = (None, None, None, None, false);
    let mut reader = Reader::new(text);
    let envelope = reader
        .object(&mut |r, key| {
            match key {
                "app" => app = Some(Json::read(r)?),
                "kind" => kind = Some(Json::read(r)?),
                "scope" => scope = Some(Json::read(r)?),
                "data" => data = Some(r.raw()?),
                "version" => {
                    version = true;
                    r.skip()?;
                }
                _ => r.skip()?,
            }
            Ok(())
        })
        .and_then(|()| reader.end());
    if let Err(e) = envelope {
        if e.is_damage_in(text) {
            let refused = if cut_short(text) {
                ImportError::CutShort
            } else {
                ImportError::NotJson
            };
            return parse_readable_part(text).ok_or(refused);
        }
    }
    let is = |field: &Option<Json>, name: &str| matches!(field, Some(Json::String(s)) if s == name);
    let (data, source) = match data {
        Some(data) if is(&app, APP) && is(&kind, KIND) && is(&scope, THIS_TAB) => {
            (data, Source::ThisTab { read_stored: true })
        }
        Some(data) if is(&app, APP) && is(&kind, KIND) && is(&scope, THIS_TAB_UNREAD) => {
            (data, Source::ThisTab { read_stored: false })
        }
        Some(data) if is(&app, APP) && is(&kind, KIND) => (data, Source::Backup),
        _ if is(&app, APP) && is(&kind, plan_export::KIND) => return Err(ImportError::SinglePlan),
        _ if app.is_none() && kind.is_none() && version => (text, Source::StoredData),
        _ => return Err(ImportError::NotABackup),
    };
    let Salvaged { doc, dropped } = decode_lenient(data).map_err(ImportError::Unreadable)?;
    Ok(Incoming {
        doc,
        dropped,
        source,
    })
}

/// What a damaged file still holds before the damage, listed with the rest as left out;
/// `None` when that is nothing at all.
fn parse_readable_part(text: &str) -> Option<Incoming> {
    let damage_at = match Reader::new(text).skip() {
        Err(JsonError::Syntax(at)) => at,
        _ => return None,
    };
    let mut incoming = parse(&readable_part(text, damage_at)?).ok()?;
    let doc = &incoming.doc;
    let holds_records = !doc.portfolio.accounts.is_empty()
        || !doc.grader.history.is_empty()
        || !doc.plans.plans.is_empty()
        || !doc.plans.templates.is_empty()
        || !doc.prospects.is_empty();
    if !holds_records {
        return None;
    }
    let at = text[..damage_at.min(text.len())].chars().count();
    incoming.dropped.push(Dropped {
        record: "Everything after the damage".into(),
        field: None,
        why: if cut_short(text) {
            format!("the file stops part-way, after {at} characters")
        } else {
            format!("the file is damaged at character {at}, so nothing after it can be read")
        },
    });
    Some(incoming)
}

/// Whether damaged JSON `text` is good as far as it goes and only ends too early.
fn cut_short(text: &str) -> bool {
    let mut reader = Reader::new(text);
    match reader.skip() {
        Err(JsonError::Syntax(at)) => at >= text.trim_end().len(),
        _ => false,
    }
}

/// How to bring a backup in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Keep what is here; add what is new; where both have the same item, take the backup's.
    Merge,
    /// Throw away what is here and use the backup.
    Replace,
}

/// Counts of what an import would do, to show before it happens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub accounts_added: usize,
    /// Matched to one here that the file's version changes; those it leaves as they are
    /// are counted as unchanged instead.
    pub accounts_replaced: usize,
    pub accounts_unchanged: usize,
    pub accounts_removed: usize,
    pub plans_added: usize,
    pub plans_replaced: usize,
    pub plans_unchanged: usize,
    pub plans_removed: usize,
    pub assessments_added: usize,
    pub assessments_replaced: usize,
    pub assessments_unchanged: usize,
    pub assessments_removed: usize,
    pub prospects_added: usize,
    pub prospects_replaced: usize,
    pub prospects_unchanged: usize,
    pub prospects_removed: usize,
}

/// What the preview must say of one incoming item, and what the import does about it: an
/// account or template whose name is taken, by the name rule of the account form
/// ([`name_key`]), or an account or plan older than the one here it goes over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collision {
    /// "Account" or "Template", or "The plan of" for a plan, named by its account.
    pub kind: &'static str,
    /// Its name in the file.
    pub incoming: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Its name is that of one here, which it updates when merging. Only listed where the
    /// two are written differently; the same name, letter for letter, needs no explaining.
    Updates { existing: String },
    /// An earlier item in the file has the same name; this one is added under a new name,
    /// so that nothing in the file is lost and no two names are the same.
    AddedAs { first: String, name: String },
    /// The one here was changed after the file's copy: merging keeps it, replacing puts the
    /// older copy in its place; said in the preview either way, so that it is no surprise.
    OlderInFile { here_at: String, file_at: String },
    /// Its name is that of one here, but the file comes from a tab that could not read the
    /// data here, so it is another item: merging adds it under a new name and leaves the one
    /// here as it is.
    AddedBeside { existing: String, name: String },
}

impl Collision {
    /// Whether the file's copy is older than the one here, as opposed to a name taken.
    pub fn goes_over_newer(&self) -> bool {
        matches!(self.outcome, Outcome::OlderInFile { .. })
    }

    /// One line for the preview.
    pub fn sentence(&self, mode: Mode) -> String {
        let kind = self.kind;
        match (&self.outcome, mode) {
            (Outcome::Updates { existing }, Mode::Merge) => format!(
                "{kind} \"{}\" has the same name as \"{existing}\" here: the file's details \
                 replace the ones here.",
                self.incoming
            ),
            (Outcome::Updates { existing }, Mode::Replace) => format!(
                "{kind} \"{}\" has the same name as \"{existing}\" here; like everything \
                 here, \"{existing}\" gives way to the file's contents.",
                self.incoming
            ),
            (Outcome::AddedAs { first, name }, _) => format!(
                "{kind} \"{}\" has the same name as \"{first}\" earlier in the file; it is \
                 added as \"{name}\".",
                self.incoming
            ),
            (Outcome::AddedBeside { existing, name }, _) => format!(
                "{kind} \"{}\" has the same name as \"{existing}\" here, but the file comes from a \
                 tab that could not see yours: it is added as \"{name}\", and \"{existing}\" \
                 stays as it is.",
                self.incoming
            ),
            (Outcome::OlderInFile { here_at, file_at }, mode) => format!(
                "{kind} \"{}\" was changed here on {}, after the file's copy of {}: {}",
                self.incoming,
                readable_date_time(here_at),
                readable_date_time(file_at),
                match mode {
                    Mode::Merge => "yours is kept.",
                    Mode::Replace => "replacing puts the file's older copy in its place.",
                }
            ),
        }
    }
}

/// Where an incoming item goes: over the item here with this id, or in as a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Existing(u64),
    New,
}

/// What the plan was made against, to tell whether the data here has changed since (in
/// another tab, say) and the plan must be made again.
#[derive(Clone, Debug, PartialEq)]
struct Basis {
    /// Kept, not copied: an edit to the accounts here makes a new list, and the old one no
    /// longer is the same allocation as this.
    accounts: Rc<Vec<Account>>,
    templates: Vec<(TemplateId, String)>,
    assessments: usize,
    plans: usize,
    prospects: usize,
    /// Fingerprints of what the plan matched the assessments, plans and prospects here by:
    /// one edited in place (the list as long as before) changes its fingerprint, so that the
    /// plan never writes over an item that is no longer the one it was matched to.
    fingerprints: [u64; 3],
    next_id: AssessmentId,
}

/// The fingerprint of a list of keys: equal lists give equal fingerprints; a list that
/// differs gives another one, but by a vanishingly small chance.
fn fingerprint<K: Hash>(keys: impl Iterator<Item = K>) -> u64 {
    let mut hasher = DefaultHasher::new();
    let mut len = 0usize;
    for key in keys {
        key.hash(&mut hasher);
        len += 1;
    }
    len.hash(&mut hasher);
    hasher.finish()
}

impl Basis {
    fn of(doc: &Document) -> Self {
        Basis {
            accounts: doc.portfolio.accounts.clone(),
            templates: doc
                .plans
                .templates
                .iter()
                .map(|t| (t.id, t.name.clone()))
                .collect(),
            assessments: doc.grader.history.len(),
            plans: doc.plans.plans.len(),
            prospects: doc.prospects.len(),
            fingerprints: fingerprints(doc),
            next_id: doc.next_id,
        }
    }

    fn fits(&self, doc: &Document) -> bool {
        Rc::ptr_eq(&self.accounts, &doc.portfolio.accounts)
            && self.next_id == doc.next_id
            && self.templates.len() == doc.plans.templates.len()
            && self
                .templates
                .iter()
                .zip(&doc.plans.templates)
                .all(|((id, name), t)| *id == t.id && *name == t.name)
            && self.assessments == doc.grader.history.len()
            && self.plans == doc.plans.plans.len()
            && self.prospects == doc.prospects.len()
            && self.fingerprints == fingerprints(doc)
    }
}

/// The [`Basis::fingerprints`] of `doc`: assessments are matched by the moment they were
/// saved, plans by their account, prospects by [`prospect_key`] and taken over by their
/// place in the list.
fn fingerprints(doc: &Document) -> [u64; 3] {
    let assessments = fingerprint(
        doc.grader
            .history
            .iter()
            .map(|a| (a.id, a.saved_at.as_str())),
    );
    let plans = fingerprint(doc.plans.plans.iter().map(|p| (p.id, p.account)));
    let prospects = fingerprint(doc.prospects.iter().map(|p| {
        // The key's long form is made only for the few without a link.
        let key = if p.link.is_empty() {
            prospect_key(p)
        } else {
            String::new()
        };
        (p.id, p.link.as_str(), key)
    }));
    [assessments, plans, prospects]
}

/// Where each incoming item goes, worked out once when a file is read: the preview shows it,
/// and the import follows it. Items are matched through indexes, so a file of thousands of
/// accounts against thousands here takes time in proportion to their number, not its square.
#[derive(Clone, Debug, PartialEq)]
struct MergePlan {
    basis: Basis,
    /// By position in the incoming lists.
    accounts: Vec<Target>,
    /// New names for accounts that share a name with one earlier in the file.
    account_names: Vec<(usize, String)>,
    templates: Vec<Target>,
    template_names: Vec<(usize, String)>,
    assessments: Vec<Target>,
    /// `None` for a plan whose account is not in the file.
    plans: Vec<Option<Target>>,
    /// From [`prospect_slots`].
    prospects: Vec<Option<usize>>,
    collisions: Vec<Collision>,
    /// Of the items matched to one here, those the file's version would leave as they are.
    unchanged: Unchanged,
    only_here: OnlyHere,
}

/// The accounts, plans and templates here that nothing in the file matches: merging keeps
/// them, replacing deletes them, so the preview names them. Plans are named by their account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OnlyHere {
    pub accounts: Vec<String>,
    pub plans: Vec<String>,
    pub templates: Vec<String>,
}

/// The names of the `items` here that no target of the file points to; `named` gives an
/// item's id and its name, if it has one to be listed by.
fn unmatched<'a, T: 'a>(
    items: &'a [T],
    targets: impl Iterator<Item = &'a Target>,
    named: impl Fn(&T) -> (u64, Option<String>),
) -> Vec<String> {
    let matched: HashSet<u64> = targets
        .filter_map(|t| match t {
            Target::Existing(id) => Some(*id),
            Target::New => None,
        })
        .collect();
    items
        .iter()
        .filter_map(|item| {
            let (id, name) = named(item);
            name.filter(|_| !matched.contains(&id))
        })
        .collect()
}

impl OnlyHere {
    fn of(
        current: &Document,
        accounts: &[Target],
        plans: &[Option<Target>],
        templates: &[Target],
    ) -> Self {
        let names: HashMap<AccountId, &str> = current
            .portfolio
            .accounts
            .iter()
            .map(|a| (a.id, a.name.as_str()))
            .collect();
        OnlyHere {
            accounts: unmatched(&current.portfolio.accounts, accounts.iter(), |a| {
                (a.id, Some(a.name.clone()))
            }),
            plans: unmatched(&current.plans.plans, plans.iter().flatten(), |p| {
                (p.id, names.get(&p.account).map(|n| n.to_string()))
            }),
            templates: unmatched(&current.plans.templates, templates.iter(), |t| {
                (t.id, Some(t.name.clone()))
            }),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty() && self.plans.is_empty() && self.templates.is_empty()
    }

    pub fn len(&self) -> usize {
        self.accounts.len() + self.plans.len() + self.templates.len()
    }
}

/// Counts of matched items that the file holds exactly as they are here, and of those that
/// merging leaves as they are because the one here is the newer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Unchanged {
    accounts: usize,
    plans: usize,
    assessments: usize,
    prospects: usize,
    newer_accounts: usize,
    newer_plans: usize,
}

impl Unchanged {
    /// Compares each matched item as merging would put it (under the id here, its name
    /// trimmed, its plan's references followed) with the item it would go over. A backup
    /// exported here and merged back is then all unchanged, not all updated.
    fn of(current: &Document, incoming: &Document, plan: &MergePlan) -> Self {
        // Of two items with one id here, merging puts over the later: so the later is kept.
        let accounts_here: HashMap<AccountId, &Account> = current
            .portfolio
            .accounts
            .iter()
            .map(|a| (a.id, a))
            .collect();
        let (mut accounts, mut newer_accounts) = (0, 0);
        for (a, t) in incoming.portfolio.accounts.iter().zip(&plan.accounts) {
            let Target::Existing(id) = t else { continue };
            let Some(here) = accounts_here.get(id) else {
                continue;
            };
            if here.name == a.name.trim()
                && **here
                    == (Account {
                        id: *id,
                        name: here.name.clone(),
                        ..Account::clone(a)
                    })
            {
                accounts += 1;
            } else if newer_here_than(&here.updated_at, &a.updated_at) {
                newer_accounts += 1;
            }
        }
        let assessments_here: HashMap<AssessmentId, _> =
            current.grader.history.iter().map(|a| (a.id, a)).collect();
        let assessments = incoming
            .grader
            .history
            .iter()
            .zip(&plan.assessments)
            .filter(|(a, t)| match t {
                Target::Existing(id) => assessments_here.get(id).is_some_and(|here| {
                    let mut a = (*a).clone();
                    a.id = *id;
                    a == **here
                }),
                Target::New => false,
            })
            .count();
        let prospects = incoming
            .prospects
            .iter()
            .zip(&plan.prospects)
            .filter(|(p, slot)| {
                slot.and_then(|i| current.prospects.get(i))
                    .is_some_and(|here| {
                        *here
                            == Prospect {
                                id: here.id,
                                ..(*p).clone()
                            }
                    })
            })
            .count();
        let account_ids: HashMap<AccountId, AccountId> = incoming
            .portfolio
            .accounts
            .iter()
            .zip(&plan.accounts)
            .filter_map(|(a, t)| match t {
                Target::Existing(id) => Some((a.id, *id)),
                Target::New => None,
            })
            .collect();
        let template_ids: HashMap<TemplateId, Target> = incoming
            .plans
            .templates
            .iter()
            .zip(&plan.templates)
            .map(|(t, target)| (t.id, *target))
            .collect();
        let plans_here: HashMap<u64, &Rc<Plan>> =
            current.plans.plans.iter().map(|p| (p.id, p)).collect();
        let (mut plans, mut newer_plans) = (0, 0);
        for (p, t) in incoming.plans.plans.iter().zip(&plan.plans) {
            let (Some(Target::Existing(id)), Some(&account)) = (t, account_ids.get(&p.account))
            else {
                continue;
            };
            let Some(here) = plans_here.get(id) else {
                continue;
            };
            // A plan on a template the file adds is new to this data, whatever it holds.
            let template = match template_ids.get(&p.template) {
                Some(Target::Existing(template)) => Some(*template),
                Some(Target::New) => None,
                None => Some(p.template),
            };
            let same = template.is_some_and(|template| {
                ***here
                    == Plan {
                        id: *id,
                        account,
                        template,
                        ..Plan::clone(p)
                    }
            });
            if same {
                plans += 1;
            } else if newer_here_than(&here.updated_at, &p.updated_at) {
                newer_plans += 1;
            }
        }
        Unchanged {
            accounts,
            plans,
            assessments,
            prospects,
            newer_accounts,
            newer_plans,
        }
    }
}

/// What tells one prospect's result from another: the link it came from, or, for one moved
/// here from the history (which has no link), all it holds.
fn prospect_key(p: &Prospect) -> String {
    if p.link.is_empty() {
        to_text(&(&p.answered_on, &p.name, &p.company, &p.label, &p.answers))
    } else {
        format!("link {}", p.link)
    }
}

/// Where each incoming prospect goes when merging: over the one at this index (among those
/// `here`, then those added before it), or, with `None`, in as a new one. Importing the same
/// file twice adds nothing the second time.
fn prospect_slots(here: &[Prospect], incoming: &[Prospect]) -> Vec<Option<usize>> {
    let mut at: HashMap<String, usize> = here
        .iter()
        .enumerate()
        .map(|(i, p)| (prospect_key(p), i))
        .collect();
    let mut len = here.len();
    incoming
        .iter()
        .map(|p| match at.entry(prospect_key(p)) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(len);
                len += 1;
                None
            }
        })
        .collect()
}

/// Matches incoming named items to those here by [`name_key`]. The first incoming item of a
/// name takes the item here of that name, if any; a later one of the same name is added under
/// a numbered name that neither side uses.
///
/// `keys` are the [`name_key`]s of the names here and of the incoming ones, in order: worked
/// out beforehand, a slice at a time for a large file ([`Matching`]).
///
/// `beside`: the file comes from a tab that could not read the data here (`Source::ThisTab`),
/// so an item of a name here is not a copy of it: it is added under a numbered name too.
fn match_names<'a>(
    kind: &'static str,
    here: impl Iterator<Item = (u64, &'a str)>,
    incoming: impl Iterator<Item = &'a str>,
    keys: &'a Keys,
    beside: bool,
    collisions: &mut Vec<Collision>,
) -> (Vec<Target>, Vec<(usize, String)>) {
    let here: HashMap<&str, (u64, &str)> = here
        .zip(&keys.here)
        .map(|((id, n), key)| (key.as_str(), (id, n)))
        .collect();
    let mut taken: HashSet<String> = keys.here.iter().cloned().collect();
    taken.extend(keys.incoming.iter().cloned());
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let (mut targets, mut renamed) = (Vec::new(), Vec::new());
    for ((i, name), key) in incoming.enumerate().zip(&keys.incoming) {
        let key = key.as_str();
        // Added under a numbered name that neither side uses, with what the preview says.
        let mut add_renamed = |outcome: Box<dyn FnOnce(String) -> Outcome>| {
            let base = name.trim();
            let new_name = (2..)
                .map(|n| format!("{base} {n}"))
                .find(|n| !taken.contains(&name_key(n)))
                .expect("the sequence of names is endless");
            taken.insert(name_key(&new_name));
            collisions.push(Collision {
                kind,
                incoming: name.to_string(),
                outcome: outcome(new_name.clone()),
            });
            renamed.push((i, new_name));
            targets.push(Target::New);
        };
        if let Some(first) = seen.get(key) {
            let first = first.to_string();
            add_renamed(Box::new(|name| Outcome::AddedAs { first, name }));
            continue;
        }
        seen.insert(key, name);
        match here.get(key) {
            Some(&(_, existing)) if beside => {
                let existing = existing.to_string();
                add_renamed(Box::new(|name| Outcome::AddedBeside { existing, name }));
            }
            Some(&(id, existing)) => {
                if existing != name {
                    collisions.push(Collision {
                        kind,
                        incoming: name.to_string(),
                        outcome: Outcome::Updates {
                            existing: existing.to_string(),
                        },
                    });
                }
                targets.push(Target::Existing(id));
            }
            None => targets.push(Target::New),
        }
    }
    (targets, renamed)
}

impl MergePlan {
    /// Items are matched by what the user sees, not by id (two browsers hand out the same
    /// ids): accounts and templates by name, assessments by the moment saved.
    fn new(current: &Document, incoming: &Incoming) -> Self {
        let mut keys = Keys::default();
        keys.add(current, &incoming.doc, usize::MAX);
        Self::with_keys(current, incoming, &keys)
    }

    /// `keys` of every account here and in the file.
    fn with_keys(current: &Document, incoming: &Incoming, keys: &Keys) -> Self {
        let beside = incoming.source == (Source::ThisTab { read_stored: false });
        let incoming = &incoming.doc;
        let mut collisions = Vec::new();
        let (accounts, account_names) = match_names(
            "Account",
            current
                .portfolio
                .accounts
                .iter()
                .map(|a| (a.id, a.name.as_str())),
            incoming.portfolio.accounts.iter().map(|a| a.name.as_str()),
            keys,
            beside,
            &mut collisions,
        );
        let template_keys = Keys {
            here: current
                .plans
                .templates
                .iter()
                .map(|t| name_key(&t.name))
                .collect(),
            incoming: incoming
                .plans
                .templates
                .iter()
                .map(|t| name_key(&t.name))
                .collect(),
        };
        let (templates, template_names) = match_names(
            "Template",
            current
                .plans
                .templates
                .iter()
                .map(|t| (t.id, t.name.as_str())),
            incoming.plans.templates.iter().map(|t| t.name.as_str()),
            &template_keys,
            beside,
            &mut collisions,
        );
        let mut saved: HashMap<&str, AssessmentId> = current
            .grader
            .history
            .iter()
            .map(|a| (a.saved_at.as_str(), a.id))
            .collect();
        let assessments = incoming
            .grader
            .history
            .iter()
            // A second assessment of the same moment in the file is added, not written over
            // the first.
            .map(|a| {
                saved
                    .remove(a.saved_at.as_str())
                    .map_or(Target::New, Target::Existing)
            })
            .collect();
        let account_target: HashMap<AccountId, Target> = incoming
            .portfolio
            .accounts
            .iter()
            .zip(&accounts)
            .map(|(a, t)| (a.id, *t))
            .collect();
        let plan_here: HashMap<AccountId, u64> = current
            .plans
            .plans
            .iter()
            .map(|p| (p.account, p.id))
            .collect();
        let plans: Vec<Option<Target>> = incoming
            .plans
            .plans
            .iter()
            .map(|p| match account_target.get(&p.account)? {
                Target::Existing(account) => Some(
                    plan_here
                        .get(account)
                        .map_or(Target::New, |&id| Target::Existing(id)),
                ),
                Target::New => Some(Target::New),
            })
            .collect();
        newer_here(current, incoming, &accounts, &plans, &mut collisions);
        let only_here = OnlyHere::of(current, &accounts, &plans, &templates);
        let mut merge_plan = MergePlan {
            basis: Basis::of(current),
            prospects: prospect_slots(&current.prospects, &incoming.prospects),
            accounts,
            account_names,
            templates,
            template_names,
            assessments,
            plans,
            collisions,
            unchanged: Unchanged::default(),
            only_here,
        };
        merge_plan.unchanged = Unchanged::of(current, incoming, &merge_plan);
        merge_plan
    }
}

/// Whether the item here was changed after the file's copy of it (`file_at`), so that merging
/// keeps it. Times carry the offset of the device that wrote them, so they are compared as
/// instants ([`later`]); a copy with no time (written before times were kept) is not older.
fn newer_here_than(here_at: &str, file_at: &str) -> bool {
    // A time that does not read (salvaged from damaged data, say) is newer than nothing: as
    // text it could sort after every real time and keep its item from every later file.
    match (instant(here_at), instant(file_at)) {
        (Some(here), Some(file)) => here > file,
        _ => false,
    }
}

/// Lists each account and plan that goes over one here that was changed after the file's copy
/// of it. Times carry the offset of the device that wrote them, so they are compared as
/// instants ([`later`]); one with no time (written before times were kept) says nothing.
fn newer_here(
    current: &Document,
    incoming: &Document,
    accounts: &[Target],
    plans: &[Option<Target>],
    collisions: &mut Vec<Collision>,
) {
    let older_in_file = |kind, name: &str, here_at: &str, file_at: &str| {
        newer_here_than(here_at, file_at).then(|| Collision {
            kind,
            incoming: name.to_string(),
            outcome: Outcome::OlderInFile {
                here_at: here_at.to_string(),
                file_at: file_at.to_string(),
            },
        })
    };
    let accounts_here: HashMap<AccountId, &Account> = current
        .portfolio
        .accounts
        .iter()
        .map(|a| (a.id, a))
        .collect();
    for (file, target) in incoming.portfolio.accounts.iter().zip(accounts) {
        let Target::Existing(id) = target else {
            continue;
        };
        let Some(here) = accounts_here.get(id) else {
            continue;
        };
        // Edited here and put back as it was: the file takes nothing away.
        let same_but_for_time = **here
            == Account {
                id: here.id,
                updated_at: here.updated_at.clone(),
                ..Account::clone(file)
            };
        if !same_but_for_time {
            collisions.extend(older_in_file(
                "Account",
                &file.name,
                &here.updated_at,
                &file.updated_at,
            ));
        }
    }
    let plans_here: HashMap<u64, &Plan> =
        current.plans.plans.iter().map(|p| (p.id, &**p)).collect();
    let account_names: HashMap<AccountId, &str> = incoming
        .portfolio
        .accounts
        .iter()
        .map(|a| (a.id, a.name.as_str()))
        .collect();
    for (file, target) in incoming.plans.plans.iter().zip(plans) {
        let Some(Target::Existing(id)) = target else {
            continue;
        };
        let (Some(here), Some(name)) = (plans_here.get(id), account_names.get(&file.account))
        else {
            continue;
        };
        // Saved again here as the file has it: the file takes nothing away.
        let same_but_for_time = **here
            == Plan {
                id: here.id,
                account: here.account,
                template: here.template,
                updated_at: here.updated_at.clone(),
                ..Plan::clone(file)
            };
        if same_but_for_time {
            continue;
        }
        collisions.extend(older_in_file(
            "The plan of",
            name,
            &here.updated_at,
            &file.updated_at,
        ));
    }
}

/// The [`name_key`]s of the accounts here and in the file, the bulk of matching.
#[derive(Default)]
struct Keys {
    here: Vec<String>,
    incoming: Vec<String>,
}

impl Keys {
    /// Works out up to `units` more keys; true once all are there.
    fn add(&mut self, current: &Document, incoming: &Document, units: usize) -> bool {
        let mut left = units;
        for (keys, accounts) in [
            (&mut self.here, &current.portfolio.accounts),
            (&mut self.incoming, &incoming.portfolio.accounts),
        ] {
            let from = keys.len();
            let to = from.saturating_add(left).min(accounts.len());
            keys.extend(accounts[from..to].iter().map(|a| name_key(&a.name)));
            left -= to - from;
        }
        self.here.len() == current.portfolio.accounts.len()
            && self.incoming.len() == incoming.portfolio.accounts.len()
    }
}

/// Matches a file read against the data here a slice at a time: the same [`Prepared`] as
/// [`Prepared::new`].
pub struct Matching {
    current: Document,
    incoming: Option<Incoming>,
    keys: Keys,
}

impl Matching {
    pub fn new(current: &Document, incoming: Incoming) -> Self {
        Matching {
            current: current.clone(),
            incoming: Some(incoming),
            keys: Keys::default(),
        }
    }
}

impl crate::support::sliced::Sliced for Matching {
    type Output = Prepared;

    fn advance(&mut self, units: usize) -> Option<Prepared> {
        let incoming = self.incoming.as_ref().expect("advanced until done only");
        if !self.keys.add(&self.current, &incoming.doc, units) {
            return None;
        }
        let incoming = self.incoming.take().expect("checked just above");
        let plan = MergePlan::with_keys(&self.current, &incoming, &self.keys);
        Some(Prepared { incoming, plan })
    }

    fn progress(&self) -> crate::support::sliced::Progress {
        let total = self.current.portfolio.accounts.len()
            + self
                .incoming
                .as_ref()
                .map_or(0, |i| i.doc.portfolio.accounts.len());
        crate::support::sliced::Progress::new(
            "Matching",
            self.keys.here.len() + self.keys.incoming.len(),
            total,
            crate::support::sliced::Unit::Records("accounts"),
        )
    }
}

/// A file read and matched against the data here, ready to preview and to import.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub incoming: Incoming,
    plan: MergePlan,
}

impl Prepared {
    pub fn new(current: &Document, incoming: Incoming) -> Self {
        let plan = MergePlan::new(current, &incoming);
        Prepared { incoming, plan }
    }

    /// Every name collision, in the order of the file.
    pub fn collisions(&self) -> &[Collision] {
        &self.plan.collisions
    }

    /// What the preview says for `mode`, in the order of the file. Merging keeps an item newer
    /// here, so its name matching one here does not mean the file's details replace it: the
    /// line that it is kept says all.
    pub fn collisions_for(&self, mode: Mode) -> Vec<&Collision> {
        let all = &self.plan.collisions;
        let kept = |c: &Collision| {
            all.iter()
                .any(|o| o.goes_over_newer() && o.kind == c.kind && o.incoming == c.incoming)
        };
        all.iter()
            .filter(|c| match (&c.outcome, mode) {
                (Outcome::Updates { .. }, Mode::Merge) => !kept(c),
                // Replacing adds nothing beside what is here: it all gives way.
                (Outcome::AddedBeside { .. }, Mode::Replace) => false,
                _ => true,
            })
            .collect()
    }

    /// What is here that the file does not hold: kept by merging, deleted by replacing.
    pub fn only_here(&self) -> &OnlyHere {
        &self.plan.only_here
    }

    /// What importing would do.
    pub fn preview(&self, mode: Mode) -> Preview {
        let (current, incoming) = (&self.plan.basis, &self.incoming.doc);
        let same = self.plan.unchanged;
        if mode == Mode::Replace {
            // Those the same on both sides are said, so that replacing a list with one much
            // like it does not read as a rewrite of everything.
            return Preview {
                accounts_unchanged: same.accounts,
                plans_unchanged: same.plans,
                assessments_unchanged: same.assessments,
                prospects_unchanged: same.prospects,
                accounts_added: incoming.portfolio.accounts.len(),
                accounts_removed: current.accounts.len(),
                plans_added: incoming.plans.plans.len(),
                plans_removed: current.plans,
                assessments_added: incoming.grader.history.len(),
                assessments_removed: current.assessments,
                prospects_added: incoming.prospects.len(),
                prospects_removed: current.prospects,
                ..Preview::default()
            };
        }
        let count = |targets: &mut dyn Iterator<Item = &Target>| {
            targets.fold((0, 0), |(new, existing), t| match t {
                Target::New => (new + 1, existing),
                Target::Existing(_) => (new, existing + 1),
            })
        };
        let (accounts_added, accounts_replaced) = count(&mut self.plan.accounts.iter());
        let (plans_added, plans_replaced) = count(&mut self.plan.plans.iter().flatten());
        let (assessments_added, assessments_replaced) = count(&mut self.plan.assessments.iter());
        let prospects_added = self.plan.prospects.iter().filter(|s| s.is_none()).count();
        // Merging keeps the newer of two: those newer here are left as they are.
        let (accounts_kept, plans_kept) = (
            same.accounts + same.newer_accounts,
            same.plans + same.newer_plans,
        );
        Preview {
            prospects_added,
            prospects_replaced: self.plan.prospects.len() - prospects_added - same.prospects,
            prospects_unchanged: same.prospects,
            accounts_added,
            accounts_replaced: accounts_replaced - accounts_kept,
            accounts_unchanged: accounts_kept,
            plans_added,
            plans_replaced: plans_replaced - plans_kept,
            plans_unchanged: plans_kept,
            assessments_added,
            assessments_replaced: assessments_replaced - same.assessments,
            assessments_unchanged: same.assessments,
            ..Preview::default()
        }
    }

    /// Whether this was matched against `current` as it is now.
    pub fn is_current(&self, current: &Document) -> bool {
        self.plan.basis.fits(current)
    }

    /// The same file matched again, against data that has changed since (in another tab).
    pub fn matched_again(&self, current: &Document) -> Prepared {
        Prepared::new(current, self.incoming.clone())
    }

    /// The data after importing into `current`. When `current` is no longer what the preview
    /// was worked out against, the matching is done again, so that nothing is matched to an
    /// account that has since gone.
    pub fn apply(&self, current: &Document, mode: Mode) -> Document {
        crate::support::sliced::run_to_end(Merging::new(current, Rc::new(self.clone()), mode))
    }
}

/// New ids for the incoming items, handed out in this order, so that the same file and
/// data give the same ids.
struct Ids {
    accounts: Vec<AccountId>,
    templates: Vec<TemplateId>,
    assessments: Vec<AssessmentId>,
    plans: Vec<Option<u64>>,
    snapshots: Vec<u64>,
    /// From ids in the file to ids here.
    account: HashMap<AccountId, AccountId>,
    template: HashMap<TemplateId, TemplateId>,
    /// The next id free after these.
    next_id: u64,
}

impl Ids {
    fn new(current: &Document, incoming: &Document, plan: &MergePlan) -> Self {
        let mut next_id = current.next_id;
        let mut target_id = |t: Target| match t {
            Target::Existing(id) => id,
            Target::New => {
                next_id += 1;
                next_id - 1
            }
        };
        let accounts: Vec<AccountId> = plan.accounts.iter().map(|&t| target_id(t)).collect();
        let templates: Vec<TemplateId> = plan.templates.iter().map(|&t| target_id(t)).collect();
        let assessments = plan.assessments.iter().map(|&t| target_id(t)).collect();
        let plans = plan.plans.iter().map(|t| t.map(&mut target_id)).collect();
        let snapshots = incoming
            .portfolio
            .snapshots
            .iter()
            .map(|_| target_id(Target::New))
            .collect();
        let account = incoming
            .portfolio
            .accounts
            .iter()
            .map(|a| a.id)
            .zip(accounts.iter().copied())
            .collect();
        let template = incoming
            .plans
            .templates
            .iter()
            .map(|t| t.id)
            .zip(templates.iter().copied())
            .collect();
        Ids {
            accounts,
            templates,
            assessments,
            plans,
            snapshots,
            account,
            template,
            next_id,
        }
    }
}

/// Adds the file's matrix snapshots to `snapshots`, with the ids `ids` and their accounts'
/// ids here. One already here (taken at the same moment, with the same positions) is not
/// added again: merging the same backup twice would otherwise double every snapshot.
fn add_snapshots(
    snapshots: &mut Vec<Snapshot>,
    incoming: &[Snapshot],
    ids: &[u64],
    account: &HashMap<AccountId, AccountId>,
) {
    for (s, &id) in incoming.iter().zip(ids) {
        let positions = s
            .positions
            .iter()
            .filter_map(|(a, pos)| Some((*account.get(a)?, *pos)))
            .collect();
        let here = snapshots
            .iter()
            .any(|h| h.taken_at == s.taken_at && h.positions == positions);
        if !here {
            snapshots.push(Snapshot {
                id,
                taken_at: s.taken_at.clone(),
                positions,
            });
        }
    }
}

/// An incoming account's or template's name after import: the numbered name the matching
/// gave it, or its own trimmed, as the forms keep names.
fn imported_name(name: &str, renamed: Option<&String>) -> String {
    renamed.cloned().unwrap_or_else(|| name.trim().to_string())
}

/// What [`Merging`] is doing.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    /// Copying the accounts here, which the import leaves in place of the data as it was.
    Copying,
    /// Putting each incoming account over the one it matched, or after the rest.
    Putting,
    Plans,
}

/// Imports a matched file into the data here a slice at a time: the same document as
/// [`Prepared::apply`], which is this done in one go. The large lists (accounts, plans) are
/// built a slice at a time; the rest, which is small, at the end.
pub struct Merging {
    current: Document,
    import: Rc<Prepared>,
    mode: Mode,
    ids: Ids,
    step: Step,
    /// Incoming accounts that take a numbered name, by position in the file.
    renamed: HashMap<usize, String>,
    accounts: Vec<Account>,
    /// Where each account id is in `accounts`.
    account_at: HashMap<AccountId, usize>,
    plans: Vec<Rc<Plan>>,
    plan_at: HashMap<u64, usize>,
    /// Items done in the step under way.
    done: usize,
}

impl Merging {
    /// To import `import` into `current`, matched again first if `current` is not what it was
    /// matched against.
    pub fn new(current: &Document, import: Rc<Prepared>, mode: Mode) -> Self {
        let import = if import.is_current(current) {
            import
        } else {
            Rc::new(import.matched_again(current))
        };
        let ids = Ids::new(current, &import.incoming.doc, &import.plan);
        let merge = mode == Mode::Merge;
        let capacity = import.incoming.doc.portfolio.accounts.len()
            + if merge {
                current.portfolio.accounts.len()
            } else {
                0
            };
        Merging {
            renamed: import.plan.account_names.iter().cloned().collect(),
            current: current.clone(),
            mode,
            ids,
            step: if merge { Step::Copying } else { Step::Putting },
            accounts: Vec::with_capacity(capacity),
            account_at: HashMap::with_capacity(if merge { capacity } else { 0 }),
            plans: Vec::new(),
            plan_at: HashMap::new(),
            done: 0,
            import,
        }
    }

    /// The document once the lists are built.
    fn finish(&mut self) -> Document {
        let import = self.import.clone();
        let (incoming, plan) = (&import.incoming.doc, &import.plan);
        let accounts = Rc::new(std::mem::take(&mut self.accounts));
        let templates = incoming.plans.templates.iter().enumerate().map(|(i, t)| {
            let renamed = plan.template_names.iter().find(|(at, _)| *at == i);
            Template {
                name: imported_name(&t.name, renamed.map(|(_, n)| n)),
                ..t.clone()
            }
        });
        if self.mode == Mode::Replace {
            let mut doc = incoming.clone();
            doc.portfolio.accounts = accounts;
            doc.plans.templates = templates.collect();
            return doc;
        }
        let ids = &self.ids;
        let mut doc = self.current.clone();
        doc.next_id = ids.next_id;
        doc.portfolio.accounts = accounts;
        doc.plans.plans = std::mem::take(&mut self.plans);
        put_all(
            &mut doc.plans.templates,
            |t| t.id,
            templates
                .zip(&ids.templates)
                .map(|(t, &id)| Template { id, ..t }),
        );
        put_all(
            &mut doc.grader.history,
            |a| a.id,
            incoming
                .grader
                .history
                .iter()
                .zip(&ids.assessments)
                .map(|(a, &id)| {
                    let mut a = a.clone();
                    a.id = id;
                    a
                }),
        );
        add_snapshots(
            Rc::make_mut(&mut doc.portfolio.snapshots),
            &incoming.portfolio.snapshots,
            &ids.snapshots,
            &ids.account,
        );
        for (p, slot) in incoming.prospects.iter().zip(&plan.prospects) {
            match slot {
                Some(i) => {
                    let id = doc.prospects[*i].id;
                    doc.prospects[*i] = Prospect { id, ..p.clone() };
                }
                None => {
                    let id = doc.next_id;
                    doc.next_id += 1;
                    doc.prospects.push(Prospect { id, ..p.clone() });
                }
            }
        }
        // A file from before version 4 was reclassified on reading: its accounts that changed
        // group join the notice here, under the ids they take.
        if let Some(notice) = &incoming.classification_notice {
            let moved = notice.moved.iter().filter_map(|m| {
                Some(crate::domain::reclassification::Moved {
                    account: *ids.account.get(&m.account)?,
                    ..m.clone()
                })
            });
            let here = doc
                .classification_notice
                .get_or_insert_with(Default::default);
            here.moved
                .retain(|m| !ids.account.values().any(|&id| id == m.account));
            here.moved.extend(moved);
        }
        doc
    }
}

impl crate::support::sliced::Sliced for Merging {
    type Output = Document;

    fn advance(&mut self, units: usize) -> Option<Document> {
        let import = self.import.clone();
        let incoming = &import.incoming.doc;
        let mut left = units;
        while left > 0 {
            match self.step {
                Step::Copying => {
                    let here = &self.current.portfolio.accounts;
                    let to = self.done.saturating_add(left).min(here.len());
                    for a in &here[self.done..to] {
                        // Of two accounts with one id, the import puts over the later.
                        self.account_at.insert(a.id, self.accounts.len());
                        self.accounts.push(a.clone());
                    }
                    left -= to - self.done;
                    self.done = to;
                    if self.done == here.len() {
                        (self.step, self.done) = (Step::Putting, 0);
                    }
                }
                Step::Putting => {
                    let there = &incoming.portfolio.accounts;
                    let to = self.done.saturating_add(left).min(there.len());
                    for (i, a) in there.iter().enumerate().take(to).skip(self.done) {
                        let mut a = a.clone();
                        a.name = imported_name(&a.name, self.renamed.get(&i));
                        if self.mode == Mode::Replace {
                            // Replacing keeps the file's ids, and all its accounts.
                            self.accounts.push(a);
                            continue;
                        }
                        a.id = self.ids.accounts[i];
                        match self.account_at.get(&a.id) {
                            // Merging keeps the newer of the two.
                            Some(&at) => {
                                // Against the account as it is here, not an earlier copy
                                // from the file put in its place, as the preview counts it.
                                let here = self.current.portfolio.accounts.get(at);
                                if !here.is_some_and(|here| {
                                    newer_here_than(&here.updated_at, &a.updated_at)
                                }) {
                                    self.accounts[at] = a;
                                }
                            }
                            None => {
                                self.account_at.insert(a.id, self.accounts.len());
                                self.accounts.push(a);
                            }
                        }
                    }
                    left -= to - self.done;
                    self.done = to;
                    if self.done < there.len() {
                        continue;
                    }
                    if self.mode == Mode::Replace {
                        // The file's plans are taken as they are.
                        return Some(self.finish());
                    }
                    (self.step, self.done) = (Step::Plans, 0);
                    self.plans = self.current.plans.plans.clone();
                    self.plan_at = self
                        .plans
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (p.id, i))
                        .collect();
                }
                Step::Plans => {
                    let there = &incoming.plans.plans;
                    let to = self.done.saturating_add(left).min(there.len());
                    for (p, id) in there[self.done..to]
                        .iter()
                        .zip(&self.ids.plans[self.done..])
                    {
                        let (Some(id), Some(&account)) = (id, self.ids.account.get(&p.account))
                        else {
                            continue;
                        };
                        let mut p = Plan::clone(p);
                        p.id = *id;
                        p.account = account;
                        // The built-in template (0) keeps its id; others follow their template.
                        p.template = self
                            .ids
                            .template
                            .get(&p.template)
                            .copied()
                            .unwrap_or(p.template);
                        match self.plan_at.get(id) {
                            Some(&at) => {
                                let here = self.current.plans.plans.get(at);
                                if !here.is_some_and(|here| {
                                    newer_here_than(&here.updated_at, &p.updated_at)
                                }) {
                                    self.plans[at] = Rc::new(p);
                                }
                            }
                            None => {
                                self.plan_at.insert(*id, self.plans.len());
                                self.plans.push(Rc::new(p));
                            }
                        }
                    }
                    left -= to - self.done;
                    self.done = to;
                    if self.done == there.len() {
                        return Some(self.finish());
                    }
                }
            }
        }
        None
    }

    fn progress(&self) -> crate::support::sliced::Progress {
        let incoming = &self.import.incoming.doc;
        let here = match self.mode {
            Mode::Merge => self.current.portfolio.accounts.len(),
            Mode::Replace => 0,
        };
        let (done, total, what) = match self.step {
            Step::Copying => (
                self.done,
                here + incoming.portfolio.accounts.len(),
                "accounts",
            ),
            Step::Putting => (
                here + self.done,
                here + incoming.portfolio.accounts.len(),
                "accounts",
            ),
            Step::Plans => (self.done, incoming.plans.plans.len(), "plans"),
        };
        crate::support::sliced::Progress::new(
            "Importing",
            done,
            total,
            crate::support::sliced::Unit::Records(what),
        )
    }
}

/// Puts each item over the one with its id, or at the end when there is none.
fn put_all<T>(list: &mut Vec<T>, id: impl Fn(&T) -> u64, items: impl Iterator<Item = T>) {
    let mut at: HashMap<u64, usize> = list.iter().enumerate().map(|(i, x)| (id(x), i)).collect();
    for item in items {
        match at.get(&id(&item)) {
            Some(&i) => list[i] = item,
            None => {
                at.insert(id(&item), list.len());
                list.push(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_from_a_tab_that_is_not_saving_is_not_named_a_backup() {
        let now = "2026-12-07T09:30:00Z";
        assert_eq!(
            export_file_name(now, Scope::Everything),
            "account-grader-backup-2026-12-07.json"
        );
        assert_eq!(
            export_file_name(now, Scope::ThisTab { read_stored: false }),
            "account-grader-this-tab-2026-12-07.json"
        );
        assert_eq!(
            stored_data_file_name(now),
            "account-grader-saved-data-2026-12-07.json"
        );
    }

    #[test]
    fn a_tab_s_own_export_says_so_inside_and_reads_back_as_such() {
        let doc = doc_with(&["Acme"], 1);
        for read_stored in [true, false] {
            let this_tab = export(&doc, AT, Scope::ThisTab { read_stored });
            let mark = if read_stored {
                "this-tab"
            } else {
                "this-tab-unread"
            };
            assert!(
                this_tab.contains(&format!(r#""scope": "{mark}""#)),
                "{this_tab}"
            );
            let read = parse(&this_tab).unwrap();
            assert_eq!(
                (read.source, read.doc),
                (Source::ThisTab { read_stored }, doc.clone())
            );
        }
        let backup = export(&doc, AT, Scope::Everything);
        assert!(!backup.contains("scope"));
        assert_eq!(parse(&backup).unwrap().source, Source::Backup);
    }

    #[test]
    fn a_tab_that_could_not_read_the_data_adds_beside_it_and_changes_nothing_here() {
        let mut here = doc_with(&["Acme", "Birch"], 1);
        {
            let accounts = Rc::make_mut(&mut here.portfolio.accounts);
            accounts[0].revenue = Some(123.0);
            accounts[0].notes = "Met the COO".into();
        }
        // That tab started empty and its visitor entered "Acme" again, later.
        let mut there = doc_with(&["ACME", "Cedar"], 1);
        Rc::make_mut(&mut there.portfolio.accounts)[0].updated_at = "2026-12-01T09:00:00Z".into();
        let incoming = |read_stored| Incoming {
            doc: there.clone(),
            dropped: vec![],
            source: Source::ThisTab { read_stored },
        };
        let prepared = Prepared::new(&here, incoming(false));
        let merged = prepared.apply(&here, Mode::Merge);
        let names: Vec<&str> = merged
            .portfolio
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["Acme", "Birch", "ACME 2", "Cedar"]);
        assert_eq!(
            merged.portfolio.accounts[0], here.portfolio.accounts[0],
            "left as it is"
        );
        let preview = prepared.preview(Mode::Merge);
        assert_eq!((preview.accounts_added, preview.accounts_replaced), (2, 0));
        let said: Vec<String> = prepared
            .collisions_for(Mode::Merge)
            .iter()
            .map(|c| c.sentence(Mode::Merge))
            .collect();
        assert_eq!(
            said,
            ["Account \"ACME\" has the same name as \"Acme\" here, but the file comes from a tab \
              that could not see yours: it is added as \"ACME 2\", and \"Acme\" stays as it is."]
        );
        // Replacing puts the file's contents in place of everything: no renaming is said.
        assert!(prepared.collisions_for(Mode::Replace).is_empty());
        // A tab that had read the data holds copies of it: the same name updates, as a backup.
        let copies = Prepared::new(&here, incoming(true));
        let merged = copies.apply(&here, Mode::Merge);
        assert_eq!(merged.portfolio.accounts.len(), 3);
        assert_eq!(merged.portfolio.accounts[0].name, "ACME");
    }

    use crate::domain::demo::demo_accounts;
    use crate::domain::plans::{Content, Plan};

    #[test]
    fn import_errors_speak_of_the_file_not_of_this_browser() {
        let errors = [
            ImportError::TooLarge(30 << 20),
            ImportError::NotJson,
            ImportError::CutShort,
            ImportError::NotABackup,
            ImportError::Unreadable(LoadError::NotJson),
            ImportError::Unreadable(LoadError::WrongShape("grader: expected an object".into())),
            ImportError::Unreadable(LoadError::NewerVersion(9)),
        ];
        for e in errors {
            let text = e.explanation();
            assert!(!text.contains("browser"), "{text}");
            assert!(text.ends_with("Nothing was imported."), "{text}");
        }
        let shape = ImportError::Unreadable(LoadError::WrongShape("grader: x".into()));
        assert!(shape.explanation().contains("(grader: x)"));
    }

    const AT: &str = "2026-11-01T09:00:00Z";

    /// Reads nothing from a file: `there` as if it had just been read, then imported.
    fn import(here: &Document, there: &Document, mode: Mode) -> (Document, Preview) {
        let prepared = Prepared::new(
            here,
            Incoming {
                doc: there.clone(),
                dropped: vec![],
                source: Source::Backup,
            },
        );
        (prepared.apply(here, mode), prepared.preview(mode))
    }

    fn doc_with(names: &[&str], first_id: u64) -> Document {
        let mut doc = Document::default();
        let mut accounts = demo_accounts(first_id, AT);
        accounts.truncate(names.len());
        for (a, n) in accounts.iter_mut().zip(names) {
            a.name = n.to_string();
        }
        doc.next_id = first_id + names.len() as u64;
        doc.portfolio.accounts = Rc::new(accounts);
        doc
    }

    #[test]
    fn merged_prospects_are_matched_by_their_link_or_what_they_hold() {
        let mut here = doc_with(&["Acme"], 1);
        here.prospects = vec![prospect(5, "r1.a", "Old name"), prospect(6, "", "Moved")];
        here.next_id = 7;
        let mut there = doc_with(&[], 1);
        there.prospects = vec![
            prospect(2, "r1.a", "New name"),
            prospect(3, "r1.b", "Other"),
            prospect(4, "", "Moved"),
        ];
        let (merged, preview) = import(&here, &there, Mode::Merge);
        assert_eq!(
            (
                preview.prospects_added,
                preview.prospects_replaced,
                preview.prospects_unchanged
            ),
            (1, 1, 1),
            "\"Moved\" is the same on both sides"
        );
        let (_, preview) = import(&here, &there, Mode::Replace);
        assert_eq!((preview.prospects_added, preview.prospects_removed), (3, 2));
        let seen: Vec<(u64, &str)> = merged
            .prospects
            .iter()
            .map(|p| (p.id, p.company.as_str()))
            .collect();
        assert_eq!(seen, vec![(5, "New name"), (6, "Moved"), (7, "Other")]);
        // The same file again changes nothing.
        let (again, _) = import(&merged, &there, Mode::Merge);
        assert_eq!(again.prospects, merged.prospects);
    }

    #[test]
    fn a_backup_round_trips() {
        let doc = doc_with(&["Acme", "Birch"], 1);
        assert_eq!(
            parse(&export(&doc, AT, Scope::Everything)).map(|i| i.doc),
            Ok(doc)
        );
    }

    #[test]
    fn wrong_files_are_refused_with_a_reason() {
        assert_eq!(parse("not json"), Err(ImportError::NotJson));
        assert_eq!(
            parse(r#"{"name":"other app"}"#),
            Err(ImportError::NotABackup)
        );
        // A plan's own JSON file is named for what it is.
        assert_eq!(
            parse(r#"{"app":"account-grader","kind":"account-plan"}"#),
            Err(ImportError::SinglePlan)
        );
        let newer =
            r#"{"app":"account-grader","kind":"backup","version":99,"data":{"version":99}}"#;
        assert_eq!(
            parse(newer),
            Err(ImportError::Unreadable(LoadError::NewerVersion(99)))
        );
        let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert!(matches!(parse(&huge), Err(ImportError::TooLarge(_))));
        for e in [
            ImportError::NotJson,
            ImportError::NotABackup,
            ImportError::SinglePlan,
            ImportError::TooLarge(1 << 30),
        ] {
            assert!(e.explanation().contains("Nothing was imported"));
        }
    }

    #[test]
    fn older_backups_are_migrated() {
        let v1 = include_str!("../../tests/fixtures/v1.json");
        let file = format!(r#"{{"app":"account-grader","kind":"backup","version":1,"data":{v1}}}"#);
        assert_eq!(parse(&file).unwrap().doc.grader.history.len(), 2);
    }

    #[test]
    fn merging_an_older_copy_over_a_newer_one_is_said_in_the_preview() {
        let lines = |here: &Document, there: &Document| -> Vec<String> {
            let prepared = Prepared::new(
                here,
                Incoming {
                    doc: there.clone(),
                    dropped: vec![],
                    source: Source::Backup,
                },
            );
            prepared
                .collisions_for(Mode::Merge)
                .iter()
                .map(|c| c.sentence(Mode::Merge))
                .collect()
        };
        let at = |doc: &mut Document, i: usize, time: &str| {
            Rc::make_mut(&mut doc.portfolio.accounts)[i].updated_at = time.into();
        };
        let mut here = doc_with(&["Acme", "Birch", "Cedar"], 1);
        // The file writes Acme in capitals: merging keeps the one here, so no line says the
        // file's details replace it.
        let mut there = doc_with(&["ACME", "Birch", "Cedar"], 1);
        for i in 0..3 {
            Rc::make_mut(&mut there.portfolio.accounts)[i].notes = "an old note".into();
        }
        // Acme: edited here at 09:30 UTC, the file's copy from a device an hour ahead of UTC
        // at 09:00 UTC, which reads later as text.
        at(&mut here, 0, "2026-11-05T09:30:00+00:00");
        at(&mut there, 0, "2026-11-05T10:00:00+01:00");
        // Birch: the file's copy is the newer one, written on a device behind UTC.
        at(&mut here, 1, "2026-11-05T10:00:00+01:00");
        at(&mut there, 1, "2026-11-05T09:30:00+00:00");
        // Cedar: edited here later, but back to what the file holds but for its time.
        at(&mut here, 2, "2026-11-06T10:00:00Z");
        Rc::make_mut(&mut here.portfolio.accounts)[2].notes = "an old note".into();
        let said = lines(&here, &there);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].starts_with("Account \"ACME\" was changed here on ")
                && said[0].ends_with(": yours is kept."),
            "{}",
            said[0]
        );
        // Merging keeps the newer of the two; replacing takes the file's.
        let (merged, preview) = import(&here, &there, Mode::Merge);
        let notes: Vec<&str> = merged
            .portfolio
            .accounts
            .iter()
            .map(|a| a.notes.as_str())
            .collect();
        assert_eq!(
            notes,
            [
                here.portfolio.accounts[0].notes.as_str(),
                "an old note",
                "an old note"
            ]
        );
        assert_eq!(
            (preview.accounts_replaced, preview.accounts_unchanged),
            (1, 2),
            "Birch is updated; Acme, newer here, and Cedar, the same but for its time, are not"
        );
        assert_eq!(merged.portfolio.accounts[0].name, "Acme");
        let (replaced, _) = import(&here, &there, Mode::Replace);
        assert_eq!(replaced.portfolio.accounts[0].notes, "an old note");
        // Replacing says both: the name, and the older copy going over the newer.
        let prepared = Prepared::new(
            &here,
            Incoming {
                doc: there.clone(),
                dropped: vec![],
                source: Source::Backup,
            },
        );
        assert_eq!(prepared.collisions_for(Mode::Replace).len(), 2);
        // Both times are shown as a person reads them.
        for time in ["2026-11-05T09:30:00+00:00", "2026-11-05T10:00:00+01:00"] {
            assert!(said[0].contains(&readable_date_time(time)), "{}", said[0]);
        }

        // A plan written here after the file's copy of it.
        let mut here = doc_with(&["Acme"], 1);
        let there_plan = Plan::new(10, 1, 0, AT);
        let mut here_plan = there_plan.clone();
        here_plan.write(
            "vision",
            "Vision",
            Content::Text("Written today".into()),
            "2026-11-20T08:00:00Z",
        );
        here.plans.plans.push(Rc::new(here_plan));
        let mut there = doc_with(&["Acme"], 1);
        there.plans.plans.push(Rc::new(there_plan));
        let said = lines(&here, &there);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].starts_with("The plan of \"Acme\" was changed here on "),
            "{}",
            said[0]
        );
        let (merged, preview) = import(&here, &there, Mode::Merge);
        assert_eq!(
            merged.plans.plans, here.plans.plans,
            "the newer plan is kept"
        );
        assert_eq!((preview.plans_replaced, preview.plans_unchanged), (0, 1));
        // The other way round, the file's plan is the newer: nothing to say.
        assert_eq!(lines(&there, &here), Vec::<String>::new());
    }

    #[test]
    fn merging_matches_accounts_by_name_and_gives_new_ones_fresh_ids() {
        let here = doc_with(&["Acme", "Birch"], 1);
        // The other browser used the same ids for different accounts.
        let mut there = doc_with(&["acme ", "Cedar"], 1);
        Rc::make_mut(&mut there.portfolio.accounts)[0].notes = "from the backup".into();
        let mut plan = Plan::new(50, 2, 0, AT);
        plan.write("vision", "Vision", Content::Text("Grow".into()), AT);
        there.plans.plans.push(Rc::new(plan));

        let (merged, p) = import(&here, &there, Mode::Merge);
        assert_eq!(
            (p.accounts_added, p.accounts_replaced, p.plans_added),
            (1, 1, 1)
        );
        let names: Vec<_> = merged
            .portfolio
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        // Trimmed, as the account form keeps names.
        assert_eq!(names, vec!["acme", "Birch", "Cedar"]);
        assert_eq!(merged.portfolio.accounts[0].notes, "from the backup");
        let cedar = merged
            .portfolio
            .accounts
            .iter()
            .find(|a| a.name == "Cedar")
            .unwrap();
        assert!(
            cedar.id >= 3,
            "a fresh id, not the backup's 2 which is Birch here"
        );
        assert_eq!(
            merged.plans.plans[0].account, cedar.id,
            "the plan follows its account"
        );
        let mut ids: Vec<_> = merged.portfolio.accounts.iter().map(|a| a.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 3);
        assert!(merged.next_id > *ids.last().unwrap());
    }

    #[test]
    fn merging_a_backup_of_the_same_data_counts_it_unchanged_not_updated() {
        let mut here = doc_with(&["Acme", "Birch", "Cedar"], 1);
        let mut plan = Plan::new(50, 2, 0, AT);
        plan.write("vision", "Vision", Content::Text("Grow".into()), AT);
        here.plans.plans.push(Rc::new(plan));
        here.grader
            .history
            .push(crate::domain::history::SavedAssessment {
                id: 60,
                saved_at: AT.into(),
                label: "Q4".into(),
                answers: Default::default(),
                team: String::new(),
                assessed_on: None,
            });
        here.prospects = vec![prospect(70, "r1.a", "Dune")];
        let taken = crate::domain::snapshots::take(
            80,
            AT,
            &here.portfolio.accounts,
            &here.settings.weights,
        );
        Rc::make_mut(&mut here.portfolio.snapshots).push(taken);
        here.next_id = 81;
        let file = parse(&export(&here, AT, Scope::Everything)).unwrap().doc;
        let (merged, p) = import(&here, &file, Mode::Merge);
        assert_eq!(
            merged.portfolio.snapshots.len(),
            1,
            "a snapshot already here is not doubled"
        );
        assert_eq!(
            p,
            Preview {
                accounts_unchanged: 3,
                plans_unchanged: 1,
                assessments_unchanged: 1,
                prospects_unchanged: 1,
                ..Preview::default()
            }
        );
        assert_eq!(merged.portfolio.accounts, here.portfolio.accounts);

        // The same file from another browser, where the ids differ and one account has
        // other notes: that one is updated, the rest unchanged.
        let mut there = doc_with(&["Acme", " Birch", "Cedar"], 11);
        Rc::make_mut(&mut there.portfolio.accounts)[2].notes = "Changed there".into();
        let here = doc_with(&["Acme", "Birch", "Cedar"], 1);
        let (_, p) = import(&here, &there, Mode::Merge);
        assert_eq!(
            (p.accounts_added, p.accounts_replaced, p.accounts_unchanged),
            (0, 1, 2)
        );
    }

    #[test]
    fn a_backup_is_due_a_month_after_the_last_or_after_a_month_of_data() {
        let mut doc = doc_with(&["Acme"], 1);
        assert!(!backup_due(&doc, "2026-11-20T09:00:00Z"));
        assert!(backup_due(&doc, "2026-12-15T09:00:00Z"));
        doc.settings.last_backup_at = Some("2026-12-10T09:00:00Z".into());
        assert!(!backup_due(&doc, "2026-12-15T09:00:00Z"));
        assert!(backup_due(&doc, "2027-01-20T09:00:00Z"));
        assert!(!backup_due(&Document::default(), "2030-01-01T00:00:00Z"));
        let prospects_only = Document {
            prospects: vec![prospect(1, "r1.a", "Northwind")],
            ..Document::default()
        };
        assert!(backup_due(&prospects_only, "2026-12-15T09:00:00Z"));
    }

    fn prospect(id: u64, link: &str, company: &str) -> Prospect {
        Prospect {
            id,
            received_at: AT.into(),
            answered_on: "2026-11-20".into(),
            name: String::new(),
            company: company.into(),
            label: String::new(),
            answers: Default::default(),
            link: link.into(),
        }
    }

    #[test]
    fn a_damaged_file_holding_only_prospects_gives_them_back() {
        let doc = Document {
            prospects: vec![
                prospect(1, "r1.a", "Northwind"),
                prospect(2, "r1.b", "Zephyr"),
            ],
            next_id: 3,
            ..Document::default()
        };
        let text = export(&doc, AT, Scope::Everything);
        let cut = text.find("Zephyr").unwrap();
        let read = parse(&text[..cut]).expect("what comes before the damage is read");
        assert_eq!(read.doc.prospects.len(), 1);
        assert_eq!(read.doc.prospects[0].company, "Northwind");
    }

    #[test]
    fn replacing_reports_what_goes_and_what_comes() {
        let here = doc_with(&["Acme", "Birch"], 1);
        let there = doc_with(&["Cedar"], 1);
        let (doc, p) = import(&here, &there, Mode::Replace);
        assert_eq!(doc, there);
        assert_eq!((p.accounts_added, p.accounts_removed), (1, 2));
    }

    #[test]
    fn the_newer_of_two_is_told_by_the_instant_and_a_time_that_does_not_read_is_never_newer() {
        assert!(newer_here_than(
            "2026-11-05T09:30:00Z",
            "2026-11-05T10:00:00+01:00"
        ));
        assert!(!newer_here_than(
            "2026-11-05T10:00:00+01:00",
            "2026-11-05T09:30:00Z"
        ));
        assert!(!newer_here_than(AT, AT));
        for (here, file) in [("x", AT), ("", AT), (AT, ""), (AT, "x")] {
            assert!(!newer_here_than(here, file), "{here:?} against {file:?}");
        }
    }

    #[test]
    fn replacing_names_what_only_this_browser_holds() {
        let mut here = doc_with(&["Acme", "Birch", "Cedar"], 1);
        here.plans.templates.push(Template {
            id: 20,
            name: "Key accounts".into(),
            sections: vec![],
        });
        here.plans.plans.push(Rc::new(Plan::new(10, 2, 0, AT)));
        here.plans.plans.push(Rc::new(Plan::new(11, 1, 0, AT)));
        // The file: Acme as it is here, with its plan; no Birch, whose plan goes with it;
        // Cedar, changed.
        let mut there = doc_with(&["Acme", "Cedar"], 1);
        Rc::make_mut(&mut there.portfolio.accounts)[1] = Account {
            id: 2,
            notes: "changed".into(),
            ..here.portfolio.accounts[2].clone()
        };
        there.plans.plans.push(Rc::new(Plan::new(11, 1, 0, AT)));
        let prepared = Prepared::new(
            &here,
            Incoming {
                doc: there,
                dropped: vec![],
                source: Source::Backup,
            },
        );
        let only = prepared.only_here();
        assert_eq!(only.accounts, ["Birch"]);
        assert_eq!(only.plans, ["Birch"]);
        assert_eq!(only.templates, ["Key accounts"]);
        let p = prepared.preview(Mode::Replace);
        assert_eq!(
            (p.accounts_added, p.accounts_removed, p.accounts_unchanged),
            (2, 3, 1)
        );
        assert_eq!(
            (p.plans_added, p.plans_removed, p.plans_unchanged),
            (1, 2, 1)
        );
    }

    fn names(doc: &Document) -> Vec<&str> {
        doc.portfolio
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect()
    }

    #[test]
    fn names_taken_twice_are_all_kept_and_each_listed() {
        let here = doc_with(&["Acme"], 1);
        let mut there = doc_with(&["ACME ", "acme", "Beta", "beta"], 1);
        // The plan of the second "beta" follows it to its new name.
        there.plans.plans.push(Rc::new(Plan::new(
            50,
            there.portfolio.accounts[3].id,
            0,
            AT,
        )));
        let prepared = Prepared::new(
            &here,
            Incoming {
                doc: there.clone(),
                dropped: vec![],
                source: Source::Backup,
            },
        );
        let lines: Vec<_> = prepared
            .collisions()
            .iter()
            .map(|c| c.sentence(Mode::Merge))
            .collect();
        assert_eq!(
            lines,
            [
                "Account \"ACME \" has the same name as \"Acme\" here: the file's details replace \
                 the ones here.",
                "Account \"acme\" has the same name as \"ACME \" earlier in the file; it is added as \"acme 2\".",
                "Account \"beta\" has the same name as \"Beta\" earlier in the file; it is added as \"beta 2\".",
            ]
        );
        let p = prepared.preview(Mode::Merge);
        assert_eq!((p.accounts_added, p.accounts_replaced), (3, 1));
        let merged = prepared.apply(&here, Mode::Merge);
        assert_eq!(names(&merged), ["ACME", "acme 2", "Beta", "beta 2"]);
        let beta2 = &merged.portfolio.accounts[3];
        assert_eq!(merged.plans.plans[0].account, beta2.id);
        // No two names are the same by the account form's rule.
        let keys: HashSet<_> = merged
            .portfolio
            .accounts
            .iter()
            .map(|a| name_key(&a.name))
            .collect();
        assert_eq!(keys.len(), 4);

        // Replacing keeps every account of the file as well, under the same names.
        let replaced = prepared.apply(&here, Mode::Replace);
        assert_eq!(names(&replaced), ["ACME", "acme 2", "Beta", "beta 2"]);
        assert_eq!(
            replaced.plans.plans[0].account,
            replaced.portfolio.accounts[3].id
        );
    }

    #[test]
    fn a_numbered_name_is_one_that_neither_side_uses() {
        let here = doc_with(&["Acme 2"], 1);
        let there = doc_with(&["Acme", "acme", "ACME 3"], 1);
        let (merged, _) = import(&here, &there, Mode::Merge);
        assert_eq!(names(&merged), ["Acme 2", "Acme", "acme 4", "ACME 3"]);
    }

    #[test]
    fn data_changed_since_the_preview_is_matched_again() {
        let here = doc_with(&["Acme", "Birch"], 1);
        let there = doc_with(&["Acme"], 1);
        let prepared = Prepared::new(
            &here,
            Incoming {
                doc: there,
                dropped: vec![],
                source: Source::Backup,
            },
        );
        // Acme is deleted here (in another tab, say) before the import.
        let mut now = here.clone();
        Rc::make_mut(&mut now.portfolio.accounts).remove(0);
        assert!(!prepared.is_current(&now));
        let merged = prepared.apply(&now, Mode::Merge);
        assert_eq!(names(&merged), ["Birch", "Acme"]);
        assert!(prepared.matched_again(&now).is_current(&now));
    }

    #[test]
    fn a_prospect_edited_in_place_since_the_preview_is_matched_again() {
        let mut here = doc_with(&["Acme"], 1);
        here.prospects = vec![
            prospect(5, "r1.a", "Northwind"),
            prospect(6, "r1.b", "Zephyr"),
        ];
        here.next_id = 7;
        let mut there = doc_with(&[], 1);
        there.prospects = vec![prospect(2, "r1.a", "Northwind Ltd")];
        let prepared = Prepared::new(
            &here,
            Incoming {
                doc: there,
                dropped: vec![],
                source: Source::Backup,
            },
        );
        // In another tab, Northwind's result is deleted and another one added in its place:
        // the list is as long as before, and nothing else changed.
        let mut now = here.clone();
        now.prospects[0] = prospect(5, "r1.c", "Vortex");
        assert!(!prepared.is_current(&now));
        let merged = prepared.apply(&now, Mode::Merge);
        let companies: Vec<&str> = merged
            .prospects
            .iter()
            .map(|p| p.company.as_str())
            .collect();
        assert_eq!(
            companies,
            ["Vortex", "Zephyr", "Northwind Ltd"],
            "Vortex is kept, not written over with the file's Northwind"
        );
        // Editing one in place, without changing what it is matched by, keeps the plan.
        let mut renamed = here.clone();
        renamed.prospects[1].label = "Met at the fair".into();
        assert!(prepared.is_current(&renamed));
    }

    #[test]
    fn matching_in_slices_matches_as_in_one_go() {
        use crate::support::sliced::run_in_slices;
        let here = doc_with(&["Acme", "Birch", "Cedar", "acme 2"], 1);
        let there = doc_with(&["ACME ", "acme", "Dune", "birch", "Elm"], 1);
        let incoming = Incoming {
            doc: there,
            dropped: vec![],
            source: Source::Backup,
        };
        let whole = Prepared::new(&here, incoming.clone());
        for units in [1, 2, 5, 100] {
            let (sliced, seen) = run_in_slices(Matching::new(&here, incoming.clone()), units);
            assert_eq!(sliced, whole, "in slices of {units}");
            // Nine accounts in all: progress after each slice but the last.
            assert_eq!(seen.len(), 9_usize.div_ceil(units) - 1);
            assert!(seen.iter().all(|p| p.total == 9 && p.done < 9));
        }
    }

    #[test]
    fn a_stored_document_imports_as_a_backup_does_with_what_was_left_out() {
        let doc = doc_with(&["Acme", "Birch"], 1);
        let text = encode(&doc);
        let read = parse(&text).unwrap();
        assert_eq!(read.source, Source::StoredData);
        assert_eq!(read.doc, doc);
        let damaged = text.replacen(
            "\"name\":\"Birch\",",
            "\"name\":\"Birch\",\"revenue\":\"lots\",",
            1,
        );
        assert_ne!(damaged, text);
        let read = parse(&damaged).unwrap();
        assert_eq!(names(&read.doc), ["Acme", "Birch"]);
        assert_eq!(read.dropped.len(), 1);
        assert_eq!(read.dropped[0].record, "Account \"Birch\"");
        // Inside a backup file, the same.
        let file =
            format!(r#"{{"app":"account-grader","kind":"backup","version":3,"data":{damaged}}}"#);
        assert_eq!(parse(&file).unwrap().dropped, read.dropped);
    }

    #[test]
    fn a_cut_off_or_damaged_file_gives_back_what_comes_before_the_damage() {
        let text = export(
            &doc_with(&["Acme", "Birch", "Cedar"], 1),
            AT,
            Scope::Everything,
        );
        let cut = text.find("\"Cedar\"").unwrap() + 3;
        let read = parse(&text[..cut]).unwrap();
        assert_eq!(names(&read.doc), ["Acme", "Birch"]);
        let rest = read.dropped.last().unwrap();
        assert_eq!(rest.record, "Everything after the damage");
        assert!(rest.why.contains("stops part-way"), "{}", rest.why);

        let mut damaged = text.clone();
        damaged.replace_range(cut..cut + 1, "\u{0}oops");
        let read = parse(&damaged).unwrap();
        assert_eq!(names(&read.doc), ["Acme", "Birch"]);
        assert!(read
            .dropped
            .last()
            .unwrap()
            .why
            .contains("damaged at character"));
    }

    #[test]
    fn merging_a_file_from_before_version_4_keeps_its_reclassification_notice() {
        use crate::domain::quadrant::Quadrant;
        use crate::domain::reclassification::{ClassificationNotice, Moved};
        let here = doc_with(&["Here"], 1);
        let mut there = doc_with(&["There"], 1);
        there.classification_notice = Some(ClassificationNotice {
            moved: vec![Moved {
                account: there.portfolio.accounts[0].id,
                from: Some(Quadrant::ManageKeyAccount),
                to: Some(Quadrant::TransitionOfferings),
            }],
        });
        let (merged, _) = import(&here, &there, Mode::Merge);
        let notice = merged
            .classification_notice
            .expect("the notice comes along");
        let there_id = merged
            .portfolio
            .accounts
            .iter()
            .find(|a| a.name == "There")
            .unwrap()
            .id;
        assert_eq!(notice.moved.len(), 1);
        assert_eq!(notice.moved[0].account, there_id);
    }

    #[test]
    fn damaged_cut_short_and_newer_files_are_refused_with_a_reason() {
        let stored = encode(&doc_with(&["Acme"], 1));
        assert_eq!(parse(&stored[..60]), Err(ImportError::CutShort));
        assert_eq!(
            parse("{\"version\":1,\"grader\": this is not json"),
            Err(ImportError::NotJson)
        );
        assert_eq!(
            parse("{\"version\":7,\"portfolio\":{\"accounts\":\"new\"}}"),
            Err(ImportError::Unreadable(LoadError::NewerVersion(7)))
        );
        assert!(ImportError::CutShort.explanation().contains("part-way"));
        assert!(ImportError::Unreadable(LoadError::NewerVersion(7))
            .explanation()
            .contains("newer version"));
    }
    /// The import in one go as it was written before [`Merging`]: what the sliced import must
    /// give, item for item.
    fn apply_as_before(
        current: &Document,
        incoming: &Document,
        plan: &MergePlan,
        mode: Mode,
    ) -> Document {
        if mode == Mode::Replace {
            let mut doc = incoming.clone();
            rename(&mut doc, plan);
            return doc;
        }
        let mut doc = current.clone();
        let mut fresh = || {
            let id = doc.next_id;
            doc.next_id += 1;
            id
        };
        let mut target_id = |t: Target| match t {
            Target::Existing(id) => id,
            Target::New => fresh(),
        };
        // Ids are handed out in this order, so the same file and data give the same ids.
        let account_ids: Vec<AccountId> = plan.accounts.iter().map(|&t| target_id(t)).collect();
        let template_ids: Vec<TemplateId> = plan.templates.iter().map(|&t| target_id(t)).collect();
        let assessment_ids: Vec<AssessmentId> =
            plan.assessments.iter().map(|&t| target_id(t)).collect();
        let plan_ids: Vec<Option<u64>> = plan.plans.iter().map(|t| t.map(&mut target_id)).collect();
        let snapshot_ids: Vec<u64> = incoming
            .portfolio
            .snapshots
            .iter()
            .map(|_| target_id(Target::New))
            .collect();
        let account_id: HashMap<AccountId, AccountId> = incoming
            .portfolio
            .accounts
            .iter()
            .map(|a| a.id)
            .zip(account_ids.iter().copied())
            .collect();
        let template_id: HashMap<TemplateId, TemplateId> = incoming
            .plans
            .templates
            .iter()
            .map(|t| t.id)
            .zip(template_ids.iter().copied())
            .collect();

        let mut renamed = incoming.clone();
        rename(&mut renamed, plan);
        let incoming = &renamed;
        // Merging keeps the newer of two.
        let accounts_at: HashMap<AccountId, String> = current
            .portfolio
            .accounts
            .iter()
            .map(|a| (a.id, a.updated_at.clone()))
            .collect();
        let plans_at: HashMap<u64, String> = current
            .plans
            .plans
            .iter()
            .map(|p| (p.id, p.updated_at.clone()))
            .collect();
        let older = |at: &HashMap<u64, String>, id: u64, file_at: &str| {
            at.get(&id)
                .is_some_and(|here_at| newer_here_than(here_at, file_at))
        };

        let accounts = Rc::make_mut(&mut doc.portfolio.accounts);
        put_all(
            accounts,
            |a| a.id,
            incoming
                .portfolio
                .accounts
                .iter()
                .zip(&account_ids)
                .filter(|(a, &id)| !older(&accounts_at, id, &a.updated_at))
                .map(|(a, &id)| {
                    let mut a = a.clone();
                    a.id = id;
                    a
                }),
        );
        put_all(
            &mut doc.plans.templates,
            |t| t.id,
            incoming
                .plans
                .templates
                .iter()
                .zip(&template_ids)
                .map(|(t, &id)| {
                    let mut t = t.clone();
                    t.id = id;
                    t
                }),
        );
        put_all(
            &mut doc.grader.history,
            |a| a.id,
            incoming
                .grader
                .history
                .iter()
                .zip(&assessment_ids)
                .map(|(a, &id)| {
                    let mut a = a.clone();
                    a.id = id;
                    a
                }),
        );
        put_all(
            &mut doc.plans.plans,
            |p| p.id,
            incoming
                .plans
                .plans
                .iter()
                .zip(&plan_ids)
                .filter_map(|(p, id)| {
                    let mut p = Plan::clone(p);
                    p.id = (*id)?;
                    p.account = *account_id.get(&p.account)?;
                    // The built-in template (0) keeps its id; others follow their template.
                    p.template = template_id.get(&p.template).copied().unwrap_or(p.template);
                    (!older(&plans_at, p.id, &p.updated_at)).then(|| Rc::new(p))
                }),
        );
        add_snapshots(
            Rc::make_mut(&mut doc.portfolio.snapshots),
            &incoming.portfolio.snapshots,
            &snapshot_ids,
            &account_id,
        );
        for (p, slot) in incoming.prospects.iter().zip(&plan.prospects) {
            match slot {
                Some(i) => {
                    let id = doc.prospects[*i].id;
                    doc.prospects[*i] = Prospect { id, ..p.clone() };
                }
                None => {
                    let id = doc.next_id;
                    doc.next_id += 1;
                    doc.prospects.push(Prospect { id, ..p.clone() });
                }
            }
        }
        // A file from before version 4 was reclassified on reading: its accounts that changed
        // group join the notice here, under the ids they take.
        if let Some(notice) = &incoming.classification_notice {
            let moved = notice.moved.iter().filter_map(|m| {
                Some(crate::domain::reclassification::Moved {
                    account: *account_id.get(&m.account)?,
                    ..m.clone()
                })
            });
            let here = doc
                .classification_notice
                .get_or_insert_with(Default::default);
            here.moved
                .retain(|m| !account_id.values().any(|&id| id == m.account));
            here.moved.extend(moved);
        }
        doc
    }

    /// Gives incoming accounts and templates their names after import: trimmed, as the forms
    /// keep them, and numbered where the file holds the same name twice.
    fn rename(doc: &mut Document, plan: &MergePlan) {
        let untidy = |name: &str| name.trim().len() != name.len();
        if !plan.account_names.is_empty() || doc.portfolio.accounts.iter().any(|a| untidy(&a.name))
        {
            let accounts = Rc::make_mut(&mut doc.portfolio.accounts);
            for a in accounts.iter_mut().filter(|a| untidy(&a.name)) {
                a.name = a.name.trim().to_string();
            }
            for (i, name) in &plan.account_names {
                accounts[*i].name = name.clone();
            }
        }
        for t in doc.plans.templates.iter_mut().filter(|t| untidy(&t.name)) {
            t.name = t.name.trim().to_string();
        }
        for (i, name) in &plan.template_names {
            doc.plans.templates[*i].name = name.clone();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        /// However it is sliced, the import gives what the import in one go gave before it
        /// could be sliced: names that collide, untidy names, plans, templates, assessments,
        /// prospects and snapshots, merged or replaced.
        #[test]
        fn importing_in_slices_gives_what_the_one_go_import_gave(
            here_names in proptest::collection::vec(0..POOL.len(), 0..8),
            there_names in proptest::collection::vec(0..POOL.len(), 0..8),
            there_first in proptest::prelude::prop_oneof![proptest::prelude::Just(1u64), proptest::prelude::Just(40u64)],
            here_plans in 0u32..256,
            there_plans in 0u32..256,
            extras in 0u32..64,
            units in 1usize..7,
        ) {
            let here = sample(&here_names, 1, here_plans, extras, false);
            let there = sample(&there_names, there_first, there_plans, extras >> 1, true);
            let incoming = Incoming { doc: there.clone(), dropped: vec![], source: Source::Backup };
            let prepared = Rc::new(Prepared::new(&here, incoming));
            for mode in [Mode::Merge, Mode::Replace] {
                let before = apply_as_before(&here, &there, &prepared.plan, mode);
                let job = Merging::new(&here, prepared.clone(), mode);
                let (sliced, seen) = crate::support::sliced::run_in_slices(job, units);
                proptest::prop_assert_eq!(&sliced, &before);
                proptest::prop_assert_eq!(encode(&sliced), encode(&before));
                proptest::prop_assert!(seen.iter().all(|p| p.done <= p.total));
                proptest::prop_assert_eq!(prepared.apply(&here, mode), before);
            }
        }
    }

    const POOL: [&str; 8] = [
        "Acme", "acme", " Acme ", "Birch", "BIRCH 2", "Birch 2", "Cedar", "Dune ",
    ];

    /// A document with accounts of these names from `first_id` on, plans for the accounts
    /// whose bit is set in `plans`, and, by the bits of `extras`, a template, assessments,
    /// prospects and a snapshot.
    fn sample(names: &[usize], first_id: u64, plans: u32, extras: u32, snapshot: bool) -> Document {
        use crate::domain::history::SavedAssessment;
        let names: Vec<&str> = names.iter().map(|&i| POOL[i]).collect();
        let mut doc = doc_with(&names, first_id);
        // Times that differ between the two sides, some with an offset, so that merging's
        // "the newer of two is kept" is put to the test.
        const TIMES: [&str; 3] = ["2026-10-01T00:00:00Z", AT, "2026-12-01T00:00:00+01:00"];
        let time = |i: usize| TIMES[(i + first_id as usize) % 3];
        for (i, a) in Rc::make_mut(&mut doc.portfolio.accounts)
            .iter_mut()
            .enumerate()
        {
            a.updated_at = time(i).into();
        }
        let mut next = first_id + 20;
        let mut id = || {
            next += 1;
            next - 1
        };
        if extras & 1 != 0 {
            doc.plans.templates.push(Template {
                id: id(),
                name: if extras & 2 != 0 {
                    " Key accounts".into()
                } else {
                    "Key accounts".into()
                },
                sections: vec![],
            });
        }
        let template = doc.plans.templates.first().map_or(0, |t| t.id);
        let accounts: Vec<AccountId> = doc.portfolio.accounts.iter().map(|a| a.id).collect();
        for (i, account) in accounts.iter().enumerate() {
            if plans & (1 << i) != 0 {
                let mut plan = Plan::new(id(), *account, if i % 2 == 0 { template } else { 0 }, AT);
                plan.updated_at = time(i + 1).into();
                doc.plans.plans.push(Rc::new(plan));
            }
        }
        for (i, at) in ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"]
            .iter()
            .enumerate()
        {
            if extras & (4 << i) != 0 {
                doc.grader.history.push(SavedAssessment {
                    id: id(),
                    saved_at: at.to_string(),
                    label: format!("Q{i}"),
                    answers: Default::default(),
                    team: String::new(),
                    assessed_on: None,
                });
            }
        }
        if extras & 16 != 0 {
            doc.prospects.push(prospect(id(), "r1.a", "Birch"));
        }
        if extras & 32 != 0 {
            doc.prospects.push(prospect(id(), "", "Moved"));
        }
        if snapshot {
            let taken = crate::domain::snapshots::take(
                id(),
                AT,
                &doc.portfolio.accounts,
                &Default::default(),
            );
            Rc::make_mut(&mut doc.portfolio.snapshots).push(taken);
        }
        doc.next_id = next;
        doc
    }
}
