//! Accounts from a spreadsheet or CRM export: reading the CSV file, guessing which column
//! holds what, checking every row, and the preview of what an import adds and updates.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::accounts::{name_key, parse_amount, Account, AccountId, DecimalMark, Tier, MAX_NAME};
use super::rating::{CriterionId, Ratings, CRITERIA};
use crate::support::sliced::{run_to_end, Progress, Sliced, Unit};
use crate::support::sorting::sort_by_key;

/// Files above this size are refused before they are read: ten thousand accounts with long
/// notes fit well within it, and reading much more would stall the page.
pub const MAX_CSV_BYTES: usize = 10 * 1024 * 1024;

/// Why a file cannot be imported at all. Nothing changes when one is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    TooLarge(usize),
    Empty,
    /// Binary content, such as a spreadsheet saved as .xlsx or a PDF.
    NotText,
    /// Text, but not in UTF-8.
    NotUtf8,
    /// The CSV reader stopped at this row: an unclosed quote, say.
    Unreadable {
        row: usize,
    },
    /// A header row but no row of data.
    NoRows,
}

impl CsvError {
    /// What to tell the user: what is wrong and what to do about it.
    pub fn explanation(&self) -> String {
        match self {
            CsvError::TooLarge(bytes) => format!(
                "This file is {} MB; files up to {} MB can be imported. Split it into smaller files, \
                 or export fewer columns.",
                crate::support::decimal::fixed(*bytes as f64 / 1_048_576.0, 1),
                MAX_CSV_BYTES / 1_048_576
            ),
            CsvError::Empty => "This file is empty.".into(),
            CsvError::NotText => "This file is not a CSV file. Save the sheet as CSV (\"Comma-separated \
                 values\", UTF-8) from your spreadsheet or CRM, and choose that file."
                .into(),
            CsvError::NotUtf8 => "This file is not in UTF-8, so names with accents would come out wrong. \
                 Save it again as \"CSV UTF-8\" and choose that file."
                .into(),
            CsvError::Unreadable { row } => format!(
                "This file could not be read as CSV from row {row} on: a quote may be left open. \
                 Save it again as CSV from your spreadsheet."
            ),
            CsvError::NoRows => "This file has column headings but no rows of accounts.".into(),
        }
    }
}

/// A CSV file read into cells: the header row and the rows under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The separator found: `,`, `;` or a tab.
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// Each row with its number as a spreadsheet shows it (the header is row 1).
    pub rows: Vec<(usize, Vec<String>)>,
}

const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// Rows looked at to tell which separator a file uses.
const SNIFFED_ROWS: usize = 50;

fn reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
}

/// The separator that splits the first rows into the most columns, the same number on each
/// row; a quoted comma or semicolon does not count, since the CSV reader itself splits.
fn sniff(bytes: &[u8]) -> u8 {
    let score = |d: u8| {
        let widths: Vec<usize> = reader(bytes, d)
            .records()
            .take(SNIFFED_ROWS)
            .map_while(Result::ok)
            .filter(|r| !is_blank(r.iter()))
            .map(|r| r.len())
            .collect();
        let first = widths.first().copied().unwrap_or(0);
        let same = widths.iter().filter(|&&w| w == first).count();
        (first > 1, same, first)
    };
    DELIMITERS
        .into_iter()
        .max_by_key(|&d| score(d))
        .unwrap_or(b',')
}

fn is_blank<'a>(mut cells: impl Iterator<Item = &'a str>) -> bool {
    cells.all(|c| c.trim().is_empty())
}

/// Reads a CSV file: comma, semicolon or tab separated, UTF-8 with or without a byte order
/// mark, quoted cells holding separators, quotes and line breaks. Blank rows are passed over.
/// The line on which a quoted cell opens that is never closed, if one is.
fn quote_left_open(bytes: &[u8], delimiter: u8) -> Option<usize> {
    let (mut in_quotes, mut at_cell_start, mut line, mut opened_on) = (false, true, 1, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            match b {
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => in_quotes = false,
                b'\n' => line += 1,
                _ => {}
            }
        } else if b == b'"' && at_cell_start {
            (in_quotes, opened_on, at_cell_start) = (true, line, false);
        } else if b == b'\n' {
            (line, at_cell_start) = (line + 1, true);
        } else if b == delimiter {
            at_cell_start = true;
        } else if b != b'\r' {
            at_cell_start = false;
        }
        i += 1;
    }
    in_quotes.then_some(opened_on)
}

/// A cell as written before the export guarded it: the export puts `'` before a cell that a
/// spreadsheet would otherwise run as a formula (see `csv_export`), and an import takes it
/// away again so the round trip is exact.
pub fn without_formula_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// What a spreadsheet takes as the start of a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

pub fn read_table(bytes: &[u8]) -> Result<Table, CsvError> {
    run_to_end(TableReading::new(bytes))
}

/// Reads a CSV file as [`read_table`] does, a slice of rows at a time.
pub struct TableReading {
    stage: TableStage,
    /// The file's length, to say how far the reading has got.
    len: usize,
}

enum TableStage {
    /// The checks of the whole file, done on the first slice.
    Checks(Vec<u8>),
    Rows(Box<Rows>),
    Done,
}

/// The rows read so far, and where the reader is.
struct Rows {
    bytes: Rc<[u8]>,
    reader: csv::Reader<std::io::Cursor<Rc<[u8]>>>,
    record: csv::StringRecord,
    delimiter: u8,
    headers: Option<Vec<String>>,
    rows: Vec<(usize, Vec<String>)>,
    extra_lines: usize,
    row: usize,
    line: usize,
    counted_to: usize,
}

impl TableReading {
    pub fn new(bytes: &[u8]) -> Self {
        TableReading {
            stage: TableStage::Checks(bytes.to_vec()),
            len: bytes.len(),
        }
    }

    fn checks(bytes: Vec<u8>) -> Result<Rows, CsvError> {
        if bytes.len() > MAX_CSV_BYTES {
            return Err(CsvError::TooLarge(bytes.len()));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(CsvError::Empty);
        }
        // Text files hold no NUL bytes; spreadsheets, archives and PDFs do early on.
        if bytes.iter().take(8192).any(|&b| b == 0) {
            return Err(CsvError::NotText);
        }
        if std::str::from_utf8(bytes).is_err() {
            return Err(CsvError::NotUtf8);
        }
        let delimiter = sniff(bytes);
        // The reader takes a quote left open as a cell running to the end of the file, which
        // would fold every later row into one note: such a file is refused instead.
        if let Some(row) = quote_left_open(bytes, delimiter) {
            return Err(CsvError::Unreadable { row });
        }
        let bytes: Rc<[u8]> = bytes.into();
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(std::io::Cursor::new(bytes.clone()));
        Ok(Rows {
            bytes,
            reader,
            record: csv::StringRecord::new(),
            delimiter,
            headers: None,
            rows: Vec::new(),
            extra_lines: 0,
            row: 0,
            line: 1,
            counted_to: 0,
        })
    }
}

impl Rows {
    /// Reads the next record; `false` at the end of the file.
    fn next(&mut self) -> Result<bool, CsvError> {
        let read = self
            .reader
            .read_record(&mut self.record)
            .map_err(|_| CsvError::Unreadable { row: self.row + 1 })?;
        if !read {
            return Ok(false);
        }
        let bytes = &self.bytes;
        // A spreadsheet numbers rows as the file's lines, less the extra lines of cells that
        // hold line breaks: a blank line is a row of its own there, a multi-line cell is not.
        // The reader's own line count misses CRLF line ends, so lines are counted here from
        // the byte where each record starts.
        let mut start = self
            .record
            .position()
            .map_or(self.counted_to, |p| p.byte() as usize);
        // A record never starts with a line end: the position may point at the end of the
        // line before (after a CRLF, its LF) or at blank lines, which belong before it.
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.clamp(self.counted_to, bytes.len());
        self.line += bytes[self.counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.counted_to = start;
        self.row = self.line - self.extra_lines;
        self.extra_lines += self
            .record
            .iter()
            .map(|c| c.matches('\n').count())
            .sum::<usize>();
        if is_blank(self.record.iter()) {
            return Ok(true);
        }
        let cells: Vec<String> = self
            .record
            .iter()
            .map(|c| without_formula_guard(c.trim()).to_string())
            .collect();
        if self.headers.is_none() {
            self.headers = Some(cells);
        } else {
            self.rows.push((self.row, cells));
        }
        Ok(true)
    }

    fn finish(self) -> Result<Table, CsvError> {
        let headers = self.headers.ok_or(CsvError::Empty)?;
        if self.rows.is_empty() {
            return Err(CsvError::NoRows);
        }
        Ok(Table {
            delimiter: self.delimiter,
            headers,
            rows: self.rows,
        })
    }
}

impl Sliced for TableReading {
    type Output = Result<Table, CsvError>;

    fn advance(&mut self, units: usize) -> Option<Self::Output> {
        match std::mem::replace(&mut self.stage, TableStage::Done) {
            TableStage::Checks(bytes) => match Self::checks(bytes) {
                Ok(rows) => {
                    self.stage = TableStage::Rows(Box::new(rows));
                    None
                }
                Err(e) => Some(Err(e)),
            },
            TableStage::Rows(mut rows) => {
                for _ in 0..units {
                    match rows.next() {
                        Ok(true) => {}
                        Ok(false) => return Some(rows.finish()),
                        Err(e) => return Some(Err(e)),
                    }
                }
                self.stage = TableStage::Rows(rows);
                None
            }
            TableStage::Done => panic!("a finished reading was advanced"),
        }
    }

    fn progress(&self) -> Progress {
        let done = match &self.stage {
            TableStage::Checks(_) => 0,
            TableStage::Rows(rows) => rows.counted_to,
            TableStage::Done => self.len,
        };
        Progress::new("Reading", done, self.len, Unit::Bytes)
    }
}

/// What a column is imported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Ignore,
    Name,
    Industry,
    Manager,
    Revenue,
    Tier,
    Notes,
    Rating(CriterionId),
}

/// A column that lost its target to another: `by` took `target` from column `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Displaced {
    pub by: usize,
    pub from: usize,
    pub target: Target,
}

/// Maps `column` to `target`, keeping one column per target. A column that held `target`
/// lets it go and is listed in `displaced`, so the screen can say so; when `column` later
/// lets go of a target it had taken, the column it took it from gets it back. So trying a
/// choice and undoing it never switches another column off unnoticed.
pub fn remap(
    mapping: &mut [Target],
    column: usize,
    target: Target,
    displaced: &mut Vec<Displaced>,
) {
    let before = mapping[column];
    if before == target {
        return;
    }
    mapping[column] = target;
    if let Some(i) = displaced
        .iter()
        .position(|d| d.by == column && d.target == before)
    {
        let d = displaced.remove(i);
        if mapping[d.from] == Target::Ignore && !mapping.contains(&d.target) {
            mapping[d.from] = d.target;
        }
    }
    if target == Target::Ignore {
        return;
    }
    for (from, t) in mapping.iter_mut().enumerate() {
        if from != column && *t == target {
            *t = Target::Ignore;
            displaced.retain(|d| d.from != from);
            displaced.push(Displaced {
                by: column,
                from,
                target,
            });
        }
    }
}

impl Target {
    /// Every choice offered for a column, in the order the select lists them.
    pub fn all() -> Vec<Target> {
        let mut all = vec![
            Target::Ignore,
            Target::Name,
            Target::Industry,
            Target::Manager,
            Target::Revenue,
            Target::Tier,
            Target::Notes,
        ];
        all.extend(CRITERIA.iter().map(|c| Target::Rating(c.id)));
        all
    }

    pub fn title(self) -> String {
        match self {
            Target::Ignore => "Do not import".into(),
            Target::Name => "Name".into(),
            Target::Industry => "Industry".into(),
            Target::Manager => "Account manager".into(),
            Target::Revenue => "Annual revenue".into(),
            Target::Tier => "Tier".into(),
            Target::Notes => "Notes".into(),
            Target::Rating(id) => format!("Rating: {}", id.criterion().title),
        }
    }

    /// A stable word for the target, for a select's value and the remembered mapping.
    pub fn slug(self) -> String {
        match self {
            Target::Ignore => "ignore".into(),
            Target::Name => "name".into(),
            Target::Industry => "industry".into(),
            Target::Manager => "manager".into(),
            Target::Revenue => "revenue".into(),
            Target::Tier => "tier".into(),
            Target::Notes => "notes".into(),
            Target::Rating(id) => id.key().into(),
        }
    }

    pub fn from_slug(slug: &str) -> Option<Target> {
        Target::all().into_iter().find(|t| t.slug() == slug)
    }
}

/// A header reduced to letters and digits, lower case: "Account Name", "account_name" and
/// "Organization - Name" become "accountname" and "organizationname".
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Headers that common exports use (HubSpot, Salesforce, Pipedrive, Zoho, a plain sheet), as
/// [`header_key`] writes them.
const KNOWN_HEADERS: [(Target, &[&str]); 6] = [
    (
        Target::Name,
        &[
            "name",
            "companyname",
            "accountname",
            "organization",
            "organisation",
            "organizationname",
            "organisationname",
            "company",
            "account",
            "client",
            "clientname",
            "customer",
            "customername",
        ],
    ),
    (
        Target::Industry,
        &[
            "industry",
            "sector",
            "vertical",
            "organizationindustry",
            "companyindustry",
        ],
    ),
    (
        Target::Manager,
        &[
            "owner",
            "accountowner",
            "companyowner",
            "organizationowner",
            "accountmanager",
            "manager",
            "keyaccountmanager",
            "salesrep",
            "ownername",
        ],
    ),
    (
        Target::Revenue,
        &[
            "annualrevenue",
            "revenue",
            "organizationannualrevenue",
            "yearlyrevenue",
            "turnover",
        ],
    ),
    (
        Target::Tier,
        &["tier", "accounttier", "customertier", "abctier"],
    ),
    (
        Target::Notes,
        &[
            "notes",
            "note",
            "description",
            "comments",
            "organizationnotes",
        ],
    ),
];

/// The best guess for one header, or `Ignore`.
fn guess_one(header: &str) -> Target {
    let key = header_key(header);
    if let Some((target, _)) = KNOWN_HEADERS.iter().find(|(_, keys)| keys.contains(&&*key)) {
        return *target;
    }
    CRITERIA
        .iter()
        .find(|c| header_key(c.title) == key || header_key(c.id.key()) == key)
        .map_or(Target::Ignore, |c| Target::Rating(c.id))
}

/// What the user chose for each header last time, keyed by [`header_key`]. Kept in this
/// browser beside the data, not in it: it is a habit of the files one imports, not data.
/// Targets are kept by [`Target::slug`], so a slug a later build drops is merely forgotten.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedMapping(pub BTreeMap<String, String>);

/// Tier choices are kept among the column choices under this prefix: a header key holds
/// letters and digits only, so the two never meet, and a build that knows no tier choices
/// passes them over.
const TIER_PREFIX: &str = "tier:";

impl RememberedMapping {
    /// The tier choices remembered.
    pub fn tier_words(&self) -> TierWords {
        TierWords(
            self.0
                .iter()
                .filter_map(|(k, v)| {
                    Some((
                        k.strip_prefix(TIER_PREFIX)?.to_string(),
                        TierChoice::from_slug(v)?,
                    ))
                })
                .collect(),
        )
    }

    /// The mapping with `tiers` added, replacing the choices for the same values.
    pub fn with_tiers(&self, tiers: &TierWords) -> RememberedMapping {
        let mut next = self.0.clone();
        for (value, choice) in &tiers.0 {
            next.insert(format!("{TIER_PREFIX}{value}"), choice.slug().to_string());
        }
        RememberedMapping(next)
    }

    /// The mapping with `table`'s choices added, replacing those for the same headers.
    pub fn updated(&self, headers: &[String], mapping: &[Target]) -> RememberedMapping {
        let mut next = self.0.clone();
        for (h, t) in headers.iter().zip(mapping) {
            next.insert(header_key(h), t.slug());
        }
        RememberedMapping(next)
    }
}

/// One target per column: the remembered choice for a header if there is one, else the guess
/// from its name. A target other than `Ignore` goes to its first column only.
pub fn guess_mapping(headers: &[String], remembered: &RememberedMapping) -> Vec<Target> {
    let mut taken = HashSet::new();
    headers
        .iter()
        .map(|h| {
            let target = remembered
                .0
                .get(&header_key(h))
                .and_then(|slug| Target::from_slug(slug))
                .unwrap_or_else(|| guess_one(h));
            if target == Target::Ignore || taken.insert(target) {
                target
            } else {
                Target::Ignore
            }
        })
        .collect()
}

/// The mark the file's revenue seems to use: a comma when some figure reads only that way
/// (`1.200.000,50`), a point otherwise. The user can change it.
pub fn suggest_mark(table: &Table, mapping: &[Target]) -> DecimalMark {
    let Some(col) = mapping.iter().position(|t| *t == Target::Revenue) else {
        return DecimalMark::Point;
    };
    let only_comma = table.rows.iter().take(500).any(|(_, cells)| {
        cells.get(col).is_some_and(|v| {
            parse_amount(v, DecimalMark::Point).is_err()
                && parse_amount(v, DecimalMark::Comma).is_ok()
        })
    });
    if only_comma {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}

/// A value that could not be imported, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// As a spreadsheet numbers it; the header is row 1.
    pub row: usize,
    pub column: String,
    pub value: String,
    pub why: String,
}

impl Problem {
    pub fn sentence(&self) -> String {
        if self.value.is_empty() {
            format!("Row {}, {}: {}", self.row, self.column, self.why)
        } else {
            format!(
                "Row {}, {} \"{}\": {}",
                self.row, self.column, self.value, self.why
            )
        }
    }
}

/// Problems of one kind in one column, as one line of the preview: a file of 20 000 rows
/// with the same trouble on each says so once.
#[derive(Clone, Debug, PartialEq)]
pub struct ProblemGroup {
    pub column: String,
    pub why: String,
    /// Every row with the problem, in the file's order.
    pub rows: Vec<usize>,
    /// The distinct values, as first written, each with its number of rows, most frequent
    /// first; empty values are not listed.
    pub values: Vec<(String, usize)>,
}

/// Rows and values a grouped problem names before counting the rest.
const EXAMPLES: usize = 3;

impl ProblemGroup {
    pub fn sentence(&self) -> String {
        use crate::support::sliced::grouped;
        if let [row] = self.rows[..] {
            let value = self.values.first().map_or("", |(v, _)| v.as_str());
            return Problem {
                row,
                column: self.column.clone(),
                value: value.to_string(),
                why: self.why.clone(),
            }
            .sentence();
        }
        let mut rows: Vec<String> = self
            .rows
            .iter()
            .take(EXAMPLES)
            .map(|r| r.to_string())
            .collect();
        let more_rows = self.rows.len().saturating_sub(EXAMPLES);
        if more_rows > 0 {
            rows.push(format!("{} more", grouped(more_rows)));
        }
        let mut text = format!(
            "{}, {} rows ({})",
            self.column,
            grouped(self.rows.len()),
            and_list(&rows)
        );
        if !self.values.is_empty() {
            let mut values: Vec<String> = self
                .values
                .iter()
                .take(EXAMPLES)
                .map(|(v, n)| format!("\u{201c}{v}\u{201d} ({})", grouped(*n)))
                .collect();
            let more = self.values.len().saturating_sub(EXAMPLES);
            if more > 0 {
                values.push(format!(
                    "{} more {}",
                    grouped(more),
                    if more == 1 { "value" } else { "values" }
                ));
            }
            text.push_str(&format!(" with {}", and_list(&values)));
        }
        format!("{text}: {}", self.why)
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The problems grouped by column and kind, in the order each first occurs.
pub fn group_problems(problems: &[Problem]) -> Vec<ProblemGroup> {
    let mut at: HashMap<(&str, &str), usize> = HashMap::new();
    let mut groups: Vec<ProblemGroup> = Vec::new();
    let mut value_at: Vec<HashMap<String, usize>> = Vec::new();
    for p in problems {
        let i = *at.entry((&p.column, &p.why)).or_insert_with(|| {
            groups.push(ProblemGroup {
                column: p.column.clone(),
                why: p.why.clone(),
                rows: Vec::new(),
                values: Vec::new(),
            });
            value_at.push(HashMap::new());
            groups.len() - 1
        });
        let group = &mut groups[i];
        group.rows.push(p.row);
        if !p.value.is_empty() {
            let key = tier_key(&p.value);
            match value_at[i].get(&key) {
                Some(&v) => group.values[v].1 += 1,
                None => {
                    value_at[i].insert(key, group.values.len());
                    group.values.push((p.value.clone(), 1));
                }
            }
        }
    }
    for g in &mut groups {
        // Stable: of values as frequent, the first met comes first.
        sort_by_key(&mut g.values, |v| std::cmp::Reverse(v.1));
    }
    groups
}

/// The fields one row brings; `None` where its cell is empty or not mapped, which leaves an
/// existing account's value as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Incoming {
    pub name: String,
    pub industry: Option<String>,
    pub manager: Option<String>,
    pub revenue: Option<f64>,
    pub tier: Option<Tier>,
    pub notes: Option<String>,
    pub ratings: Vec<(CriterionId, u8)>,
}

impl Incoming {
    /// `account` with this row's values written over it. An account already here keeps its
    /// name as written here: the row matched it by the name rule, and a spelling of the
    /// file's ("ACME LTD") is no reason to rename it.
    pub fn apply_to(&self, account: &mut Account) {
        if account.name.is_empty() {
            account.name.clone_from(&self.name);
        }
        if let Some(v) = &self.industry {
            account.industry.clone_from(v);
        }
        if let Some(v) = &self.manager {
            account.manager.clone_from(v);
        }
        if let Some(v) = self.revenue {
            account.revenue = Some(v);
        }
        if let Some(v) = self.tier {
            account.tier = v;
        }
        if let Some(v) = &self.notes {
            account.notes.clone_from(v);
        }
        for (id, r) in &self.ratings {
            account.ratings.set(*id, Some(*r));
        }
    }

    fn changes(&self, account: &Account) -> bool {
        let mut after = account.clone();
        self.apply_to(&mut after);
        after != *account
    }
}

/// Why a row is left out although nothing in it is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// It matches an account and would change nothing.
    Unchanged(String),
    /// An earlier row of the file has the same name.
    Repeated { name: String, first_row: usize },
}

/// What importing the file with a mapping does to the accounts, row by row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvPreview {
    pub added: Vec<Incoming>,
    pub updated: Vec<(AccountId, Incoming)>,
    pub skipped: Vec<(usize, SkipReason)>,
    /// Values left out; a row with no usable name is left out whole.
    pub problems: Vec<Problem>,
    /// The problems as the preview lists them, from [`group_problems`].
    pub problem_groups: Vec<ProblemGroup>,
    /// Each distinct value of the tier column, most frequent first.
    pub tier_values: Vec<TierValue>,
}

impl CsvPreview {
    /// Nothing would change.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty()
    }

    /// Whether the tier column holds a value that is not plainly A, B or C, so that the
    /// preview offers to map its values.
    pub fn has_tier_words(&self) -> bool {
        self.tier_values
            .iter()
            .any(|v| clear_tier(&v.value).is_none())
    }
}

/// Why an unmapped tier value is reported, and what becomes of it.
pub fn unmapped_tier() -> String {
    format!(
        "Not A, B or C, so no tier is taken from it: an account here keeps its tier, a new \
         one gets tier {}. Choose a tier for each such value under \u{201c}Tier values\u{201d}.",
        Tier::default().letter()
    )
}

fn read_rating(text: &str) -> Result<u8, String> {
    let whole = text.strip_suffix(".0").unwrap_or(text);
    match whole.parse::<u8>() {
        Ok(r @ 1..=5) => Ok(r),
        _ => Err("A rating is a whole number from 1 to 5.".into()),
    }
}

/// The tier a value plainly names: "A", "a", "Tier B", "tier c". Any other word ("Strategic",
/// "Gold") is the user's to map: a business word is never read as a tier by guesswork.
pub fn clear_tier(text: &str) -> Option<Tier> {
    let lower = text.trim().to_lowercase();
    let letter = lower.strip_prefix("tier").unwrap_or(&lower).trim();
    Tier::from_letter(&letter.to_uppercase())
}

/// A tier value as [`TierWords`] keys it: trimmed, in lower case, inner spaces as one, so
/// "Key", "key " and "KEY" are one word.
pub fn tier_key(value: &str) -> String {
    value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What a tier value of the file becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierChoice {
    Is(Tier),
    /// The value is not imported: an account here keeps its tier, a new one gets the
    /// default tier.
    LeaveAsIs,
}

impl TierChoice {
    /// A stable word for the choice, for a select's value and the remembered mapping.
    pub fn slug(self) -> &'static str {
        match self {
            TierChoice::Is(Tier::A) => "a",
            TierChoice::Is(Tier::B) => "b",
            TierChoice::Is(Tier::C) => "c",
            TierChoice::LeaveAsIs => "leave",
        }
    }

    pub fn from_slug(slug: &str) -> Option<TierChoice> {
        match slug {
            "leave" => Some(TierChoice::LeaveAsIs),
            _ => Tier::ALL
                .into_iter()
                .map(TierChoice::Is)
                .find(|c| c.slug() == slug),
        }
    }
}

/// The user's choice for each tier value of the file, by [`tier_key`]. A value with no
/// choice is read by [`clear_tier`] when it plainly names a tier, and is otherwise unmapped:
/// reported, and not imported.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TierWords(pub BTreeMap<String, TierChoice>);

impl TierWords {
    /// What `value` becomes: the tier it plainly names, else the choice made for it; `None`
    /// when it is unmapped. A plain letter is never remapped: a choice remembered for it would
    /// apply unseen to a later file of plain letters, where no table is shown.
    pub fn choice(&self, value: &str) -> Option<TierChoice> {
        clear_tier(value)
            .map(TierChoice::Is)
            .or_else(|| self.0.get(&tier_key(value)).copied())
    }

    /// These choices with `value` set to `choice`.
    pub fn with(&self, value: &str, choice: TierChoice) -> TierWords {
        let mut next = self.0.clone();
        next.insert(tier_key(value), choice);
        TierWords(next)
    }
}

/// One value found in the tier column, as first written in the file, and on how many rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierValue {
    pub value: String,
    pub rows: usize,
}

/// Everything the user chose for an import: the file read, a target per column and the
/// decimal mark. The preview is worked out from it against the accounts of the moment, so it
/// is never out of date.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvImport {
    pub table: Rc<Table>,
    pub mapping: Vec<Target>,
    pub mark: DecimalMark,
    /// What each tier value becomes.
    pub tiers: TierWords,
}

impl CsvImport {
    /// A file read, with the columns and tier values mapped as remembered or guessed.
    pub fn guessed(table: Table, remembered: &RememberedMapping) -> CsvImport {
        let mapping = guess_mapping(&table.headers, remembered);
        let mark = suggest_mark(&table, &mapping);
        CsvImport {
            table: Rc::new(table),
            mapping,
            mark,
            tiers: remembered.tier_words(),
        }
    }

    /// Whether some column is imported as the name, without which no row can be matched.
    pub fn has_name(&self) -> bool {
        self.mapping.contains(&Target::Name)
    }

    /// Reads every row with the mapping and matches it against `accounts` by name.
    pub fn preview(&self, accounts: &[Account]) -> CsvPreview {
        run_to_end(Previewing::new(
            Rc::new(self.clone()),
            Rc::new(accounts.to_vec()),
        ))
    }

    /// Reads one row into `out`. `existing` holds the accounts' positions by [`name_key`],
    /// `seen` the row of each name met so far in the file.
    fn preview_row(
        &self,
        (row, cells): &(usize, Vec<String>),
        accounts: &[Account],
        existing: &HashMap<String, usize>,
        seen: &mut HashMap<String, usize>,
        tier_values: &mut HashMap<String, usize>,
        out: &mut CsvPreview,
    ) {
        let headers = &self.table.headers;
        let column = |i: usize| {
            headers
                .get(i)
                .filter(|h| !h.is_empty())
                .cloned()
                .unwrap_or_else(|| format!("column {}", i + 1))
        };
        let mut incoming = Incoming::default();
        let mut name_problem = None;
        for (i, target) in self.mapping.iter().enumerate() {
            let value = cells.get(i).map_or("", String::as_str);
            let mut problem = |why: String| {
                out.problems.push(Problem {
                    row: *row,
                    column: column(i),
                    value: value.to_string(),
                    why,
                })
            };
            let text = (!value.is_empty()).then(|| value.to_string());
            match target {
                Target::Ignore => {}
                Target::Name => {
                    incoming.name = value.split_whitespace().collect::<Vec<_>>().join(" ");
                    if incoming.name.is_empty() {
                        name_problem = Some("No name, so the row is left out.".to_string());
                    } else if incoming.name.chars().count() > MAX_NAME {
                        name_problem = Some(format!(
                            "Names are at most {MAX_NAME} characters, so the row is left out."
                        ));
                    }
                    if let Some(why) = &name_problem {
                        problem(why.clone());
                    }
                }
                Target::Industry => incoming.industry = text,
                Target::Manager => incoming.manager = text,
                Target::Notes => incoming.notes = text,
                Target::Revenue => match parse_amount(value, self.mark) {
                    Ok(v) => incoming.revenue = v,
                    Err(why) => problem(format!("{why} The value is left out.")),
                },
                Target::Tier if value.is_empty() => {}
                Target::Tier => {
                    let at = *tier_values.entry(tier_key(value)).or_insert_with(|| {
                        out.tier_values.push(TierValue {
                            value: value.to_string(),
                            rows: 0,
                        });
                        out.tier_values.len() - 1
                    });
                    out.tier_values[at].rows += 1;
                    match self.tiers.choice(value) {
                        Some(TierChoice::Is(t)) => incoming.tier = Some(t),
                        Some(TierChoice::LeaveAsIs) => {}
                        None => problem(unmapped_tier()),
                    }
                }
                Target::Rating(_) if value.is_empty() => {}
                Target::Rating(id) => match read_rating(value) {
                    Ok(r) => incoming.ratings.push((*id, r)),
                    Err(why) => problem(format!("{why} The value is left out.")),
                },
            }
        }
        if name_problem.is_some() {
            return;
        }
        let key = name_key(&incoming.name);
        if let Some(&first_row) = seen.get(&key) {
            out.skipped.push((
                *row,
                SkipReason::Repeated {
                    name: incoming.name,
                    first_row,
                },
            ));
            return;
        }
        seen.insert(key.clone(), *row);
        match existing.get(&key).map(|&i| &accounts[i]) {
            Some(a) if incoming.changes(a) => out.updated.push((a.id, incoming)),
            Some(a) => out
                .skipped
                .push((*row, SkipReason::Unchanged(a.name.clone()))),
            None => out.added.push(incoming),
        }
    }
}

/// Checks a spreadsheet's rows against the accounts a slice at a time: the same preview as
/// [`CsvImport::preview`].
pub struct Previewing {
    import: Rc<CsvImport>,
    accounts: Rc<Vec<Account>>,
    /// Positions of the accounts by name, the first `keyed` of them so far.
    existing: HashMap<String, usize>,
    keyed: usize,
    seen: HashMap<String, usize>,
    /// Where each tier value (by [`tier_key`]) is in the preview's list.
    tier_values: HashMap<String, usize>,
    out: CsvPreview,
    /// Rows checked so far.
    rows: usize,
}

impl Previewing {
    pub fn new(import: Rc<CsvImport>, accounts: Rc<Vec<Account>>) -> Self {
        Previewing {
            import,
            accounts,
            existing: HashMap::new(),
            keyed: 0,
            seen: HashMap::new(),
            tier_values: HashMap::new(),
            out: CsvPreview::default(),
            rows: 0,
        }
    }
}

impl Sliced for Previewing {
    type Output = CsvPreview;

    fn advance(&mut self, units: usize) -> Option<CsvPreview> {
        let mut left = units;
        // First the names of the accounts here, then the rows.
        while self.keyed < self.accounts.len() && left > 0 {
            // Of two accounts of the same name, the later is matched.
            let i = self.keyed;
            self.existing.insert(name_key(&self.accounts[i].name), i);
            self.keyed += 1;
            left -= 1;
        }
        let table = self.import.table.clone();
        while self.rows < table.rows.len() && left > 0 {
            self.import.preview_row(
                &table.rows[self.rows],
                &self.accounts,
                &self.existing,
                &mut self.seen,
                &mut self.tier_values,
                &mut self.out,
            );
            self.rows += 1;
            left -= 1;
        }
        if self.keyed < self.accounts.len() || self.rows < table.rows.len() {
            return None;
        }
        let mut out = std::mem::take(&mut self.out);
        out.problem_groups = group_problems(&out.problems);
        // Stable: of values as frequent, the first met comes first.
        sort_by_key(&mut out.tier_values, |v| std::cmp::Reverse(v.rows));
        Some(out)
    }

    fn progress(&self) -> Progress {
        if self.keyed < self.accounts.len() {
            return Progress::new(
                "Matching",
                self.keyed,
                self.accounts.len(),
                Unit::Records("accounts"),
            );
        }
        Progress::new(
            "Checking",
            self.rows,
            self.import.table.rows.len(),
            Unit::Records("rows"),
        )
    }
}

/// A new account's ratings from an imported row.
pub fn ratings_of(incoming: &Incoming) -> Ratings {
    Ratings::from_pairs(&incoming.ratings)
}

/// Brings a preview's rows into the accounts of a document a slice at a time, at `at`: new
/// accounts take the document's next ids in the order of the preview, and an account whose
/// ratings change counts as reviewed. Done in one go ([`run_to_end`]) by the import itself
/// when the data changed since the slices began.
pub struct Applying {
    basis: crate::storage::schema::Document,
    preview: Rc<CsvPreview>,
    at: String,
    accounts: Vec<Account>,
    /// Where each account id is in `accounts`.
    index: HashMap<AccountId, usize>,
    copied: usize,
    updated: usize,
    added: usize,
}

impl Applying {
    pub fn new(
        basis: &crate::storage::schema::Document,
        preview: Rc<CsvPreview>,
        at: String,
    ) -> Self {
        let here = basis.portfolio.accounts.len();
        Applying {
            accounts: Vec::with_capacity(here + preview.added.len()),
            index: HashMap::with_capacity(here),
            basis: basis.clone(),
            preview,
            at,
            copied: 0,
            updated: 0,
            added: 0,
        }
    }
}

impl Sliced for Applying {
    type Output = crate::storage::schema::Document;

    fn advance(&mut self, units: usize) -> Option<crate::storage::schema::Document> {
        let here = self.basis.portfolio.accounts.clone();
        let preview = self.preview.clone();
        let at = &self.at;
        let mut left = units;
        // The accounts here are copied (the data as it was stays for Undo), then updated,
        // then the new ones follow.
        while self.copied < here.len() && left > 0 {
            // Of two accounts with one id, the later is updated.
            self.index.insert(here[self.copied].id, self.accounts.len());
            self.accounts.push(here[self.copied].clone());
            self.copied += 1;
            left -= 1;
        }
        while self.updated < preview.updated.len() && left > 0 {
            let (id, incoming) = &preview.updated[self.updated];
            if let Some(a) = self.index.get(id).map(|&i| &mut self.accounts[i]) {
                let ratings = a.ratings.clone();
                incoming.apply_to(a);
                a.updated_at.clone_from(at);
                if a.ratings != ratings {
                    a.reviewed_at = Some(at.clone());
                }
            }
            self.updated += 1;
            left -= 1;
        }
        while self.added < preview.added.len() && left > 0 {
            let incoming = &preview.added[self.added];
            let mut a = Account::blank();
            a.id = self.basis.next_id + self.added as u64;
            incoming.apply_to(&mut a);
            a.created_at.clone_from(at);
            a.updated_at.clone_from(at);
            if !incoming.ratings.is_empty() {
                a.reviewed_at = Some(at.clone());
            }
            self.accounts.push(a);
            self.added += 1;
            left -= 1;
        }
        if left == 0 && self.progress().done < self.progress().total {
            return None;
        }
        let mut doc = self.basis.clone();
        doc.portfolio.accounts = Rc::new(std::mem::take(&mut self.accounts));
        doc.next_id += preview.added.len() as u64;
        Some(doc)
    }

    fn progress(&self) -> Progress {
        let p = &self.preview;
        Progress::new(
            "Importing",
            self.copied + self.updated + self.added,
            self.basis.portfolio.accounts.len() + p.updated.len() + p.added.len(),
            Unit::Records("accounts"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        read_table(text.as_bytes()).unwrap()
    }

    fn import(text: &str) -> CsvImport {
        let table = Rc::new(table(text));
        let mapping = guess_mapping(&table.headers, &RememberedMapping::default());
        let mark = suggest_mark(&table, &mapping);
        CsvImport {
            table,
            mapping,
            mark,
            tiers: TierWords::default(),
        }
    }

    fn account(id: AccountId, name: &str) -> Account {
        Account {
            id,
            name: name.into(),
            ..Account::blank()
        }
    }

    #[test]
    fn a_file_read_and_checked_in_slices_gives_what_one_go_gives() {
        use crate::support::sliced::run_in_slices;
        let mut text = String::from("Name;Tier;Notes\r\n");
        for i in 0..40 {
            let name = if i % 7 == 3 {
                "acme".to_string()
            } else {
                format!("Firm {i}")
            };
            text.push_str(&format!(
                "{name};{};\"line one\nline {i}\"\r\n\r\n",
                ["A", "b", "Z"][i % 3]
            ));
        }
        let whole = read_table(text.as_bytes());
        assert_eq!(whole.as_ref().map(|t| t.rows.len()), Ok(40));
        let accounts = Rc::new(vec![
            account(1, "Firm 2"),
            account(2, "ACME"),
            account(3, "Firm 2"),
        ]);
        for units in [1, 3, 64] {
            let (table, seen) = run_in_slices(TableReading::new(text.as_bytes()), units);
            assert_eq!(table, whole, "in slices of {units}");
            assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
            let import = import(&text);
            let one_go = import.preview(&accounts);
            assert!(!one_go.problems.is_empty() && !one_go.skipped.is_empty());
            let job = Previewing::new(Rc::new(import), accounts.clone());
            let (sliced, seen) = run_in_slices(job, units);
            assert_eq!(sliced, one_go, "in slices of {units}");
            if units < 40 {
                assert_eq!(
                    seen.last().map(|p| (p.doing, p.total)),
                    Some(("Checking", 40))
                );
            }
        }
        for bad in ["", "a,\"b\nc,d\n", "Name\n"] {
            assert_eq!(
                run_in_slices(TableReading::new(bad.as_bytes()), 1).0,
                read_table(bad.as_bytes())
            );
        }
    }

    #[test]
    fn reads_commas_semicolons_and_tabs() {
        for text in [
            "Name,Industry\nAcme,Retail\nBeta,Energy\n",
            "Name;Industry\r\nAcme;Retail\r\nBeta;Energy\r\n",
            "Name\tIndustry\nAcme\tRetail\nBeta\tEnergy",
        ] {
            let t = table(text);
            assert_eq!(t.headers, ["Name", "Industry"], "{text:?}");
            assert_eq!(t.rows.len(), 2);
            assert_eq!(t.rows[1], (3, vec!["Beta".into(), "Energy".into()]));
        }
    }

    #[test]
    fn a_byte_order_mark_and_blank_rows_are_passed_over() {
        let t = table("\u{feff}Name,Tier\n\nAcme,A\n,\n");
        assert_eq!(t.headers[0], "Name");
        assert_eq!(t.rows, vec![(3, vec!["Acme".into(), "A".into()])]);
    }

    #[test]
    fn quoted_cells_keep_separators_quotes_and_line_breaks() {
        let t = table(
            "Name;Notes\n\"Acme; Sons\";\"Said \"\"yes\"\", then\nasked for more\"\nBeta;x\n",
        );
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.rows[0].1[0], "Acme; Sons");
        assert_eq!(t.rows[0].1[1], "Said \"yes\", then\nasked for more");
        // The row after a cell with a line break is the next record, numbered as a sheet does.
        assert_eq!(t.rows[1].0, 3);
    }

    #[test]
    fn a_quoted_comma_does_not_make_the_file_comma_separated() {
        let t = table("Name;Revenue\n\"Acme, Inc\";\"1.200,50\"\n\"Beta, Ltd\";7\n");
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers.len(), 2);
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert_eq!(read_table(b""), Err(CsvError::Empty));
        assert_eq!(read_table(b" \n\r\n"), Err(CsvError::Empty));
        assert_eq!(read_table(b"Name,Tier\n"), Err(CsvError::NoRows));
        assert_eq!(
            read_table(b"PK\x03\x04\x00\x00binary"),
            Err(CsvError::NotText)
        );
        assert_eq!(read_table(b"Name\nCaf\xe9\n"), Err(CsvError::NotUtf8));
        let big = vec![b'a'; MAX_CSV_BYTES + 1];
        assert!(matches!(read_table(&big), Err(CsvError::TooLarge(_))));
        for e in [
            CsvError::Empty,
            CsvError::NotText,
            CsvError::TooLarge(52_428_800),
        ] {
            assert!(!e.explanation().is_empty());
        }
        assert!(CsvError::TooLarge(52_428_800)
            .explanation()
            .contains("50.0 MB"));
    }

    #[test]
    fn guesses_the_columns_of_common_exports() {
        let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let none = RememberedMapping::default();
        // HubSpot
        assert_eq!(
            guess_mapping(
                &headers(&[
                    "Record ID",
                    "Company name",
                    "Company owner",
                    "Industry",
                    "Annual Revenue"
                ]),
                &none
            ),
            [
                Target::Ignore,
                Target::Name,
                Target::Manager,
                Target::Industry,
                Target::Revenue
            ]
        );
        // Salesforce and Zoho
        assert_eq!(
            guess_mapping(
                &headers(&[
                    "Account Name",
                    "Account Owner",
                    "AnnualRevenue",
                    "Description"
                ]),
                &none
            ),
            [
                Target::Name,
                Target::Manager,
                Target::Revenue,
                Target::Notes
            ]
        );
        // Pipedrive
        assert_eq!(
            guess_mapping(
                &headers(&[
                    "Organization - Name",
                    "Organization - Owner",
                    "Organization - Industry"
                ]),
                &none
            ),
            [Target::Name, Target::Manager, Target::Industry]
        );
        // A plain sheet, with ratings named after the criteria and a second name column.
        assert_eq!(
            guess_mapping(
                &headers(&[
                    "Organization",
                    "tier",
                    "Notes",
                    "Access to decision makers",
                    "Company"
                ]),
                &none
            ),
            [
                Target::Name,
                Target::Tier,
                Target::Notes,
                Target::Rating(CriterionId::DecisionMakerAccess),
                Target::Ignore
            ]
        );
    }

    #[test]
    fn a_remembered_choice_wins_over_the_guess() {
        let headers = vec!["Company".to_string(), "Legal name".to_string()];
        let remembered =
            RememberedMapping::default().updated(&headers, &[Target::Ignore, Target::Name]);
        assert_eq!(
            guess_mapping(&headers, &remembered),
            [Target::Ignore, Target::Name]
        );
        // Remembered by header, whatever its case and punctuation in the next file.
        let next = vec!["LEGAL_NAME".to_string(), "Company".to_string()];
        assert_eq!(
            guess_mapping(&next, &remembered),
            [Target::Name, Target::Ignore]
        );
        let json = serde_json::to_string(&remembered).unwrap();
        assert_eq!(
            crate::support::json::read::<RememberedMapping>(&json),
            Ok(remembered)
        );
    }

    #[test]
    fn rows_are_added_updated_skipped_or_reported() {
        let accounts = [account(1, "Acme Ltd"), {
            let mut b = account(2, "Beta");
            b.industry = "Energy".into();
            b
        }];
        let p = import(
            "Name,Industry,Annual Revenue,Tier,Access to decision makers\n\
             acme  ltd,Retail,\"$1,200,000\",a,4\n\
             Beta,Energy,,,\n\
             Gamma,,1.2M,Tier B,9\n\
             ,Retail,5,,\n\
             GAMMA,,,,\n\
             Delta,,lots,D,\n",
        )
        .preview(&accounts);
        assert_eq!(p.updated.len(), 1);
        let (id, acme) = &p.updated[0];
        assert_eq!(*id, 1);
        assert_eq!(acme.revenue, Some(1_200_000.0));
        assert_eq!(acme.tier, Some(Tier::A));
        assert_eq!(acme.ratings, [(CriterionId::DecisionMakerAccess, 4)]);
        let added: Vec<&str> = p.added.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(added, ["Gamma", "Delta"]);
        assert_eq!(p.added[0].tier, Some(Tier::B));
        assert_eq!(p.added[0].revenue, Some(1_200_000.0));
        assert_eq!(
            p.skipped,
            [
                (3, SkipReason::Unchanged("Beta".into())),
                (
                    6,
                    SkipReason::Repeated {
                        name: "GAMMA".into(),
                        first_row: 4
                    }
                )
            ]
        );
        let problems: Vec<(usize, &str, &str)> = p
            .problems
            .iter()
            .map(|p| (p.row, p.column.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                (4, "Access to decision makers", "9"),
                (5, "Name", ""),
                (7, "Annual Revenue", "lots"),
                (7, "Tier", "D"),
            ]
        );
        assert!(p.problems[1].sentence().contains("Row 5, Name"));
    }

    #[test]
    fn only_plain_letters_are_read_as_tiers_without_a_choice() {
        for (text, tier) in [
            ("A", Some(Tier::A)),
            ("a", Some(Tier::A)),
            (" Tier B ", Some(Tier::B)),
            ("tier c", Some(Tier::C)),
            ("TIER  A", Some(Tier::A)),
            ("Strategic", None),
            ("Gold", None),
            ("A+", None),
            ("AA", None),
            ("Tier 1", None),
        ] {
            assert_eq!(clear_tier(text), tier, "{text:?}");
        }
        for choice in [
            TierChoice::Is(Tier::A),
            TierChoice::Is(Tier::B),
            TierChoice::Is(Tier::C),
            TierChoice::LeaveAsIs,
        ] {
            assert_eq!(TierChoice::from_slug(choice.slug()), Some(choice));
        }
    }

    #[test]
    fn tier_words_are_counted_reported_as_one_line_and_imported_once_mapped() {
        let mut text = String::from("Name,Tier\nHere,Key\n");
        for i in 0..30 {
            let tier = ["Strategic", "key", "Strategic", "A"][i % 4];
            text.push_str(&format!("Firm {i},{tier}\n"));
        }
        let mut here = account(1, "Here");
        here.tier = Tier::B;
        let accounts = [here];
        let unmapped = import(&text);
        let p = unmapped.preview(&accounts);
        assert!(p.has_tier_words());
        let values: Vec<(&str, usize)> = p
            .tier_values
            .iter()
            .map(|v| (v.value.as_str(), v.rows))
            .collect();
        // As first written, most frequent first; "Key" and "key" are one value.
        assert_eq!(values, [("Strategic", 15), ("Key", 9), ("A", 7)]);
        // 24 rows, one line: the rows and values it names, and what becomes of them.
        assert_eq!(p.problems.len(), 24);
        assert_eq!(p.problem_groups.len(), 1);
        let line = p.problem_groups[0].sentence();
        assert!(
            line.starts_with(
                "Tier, 24 rows (2, 3, 4 and 21 more) with \u{201c}Strategic\u{201d} (15) and \
                 \u{201c}Key\u{201d} (9): Not A, B or C"
            ),
            "{line}"
        );
        assert!(line.contains("an account here keeps its tier, a new one gets tier C"));
        // Unmapped, the value is not imported: the account here keeps its tier, and the
        // file's plain "A" is read as A.
        assert!(p.updated.is_empty());
        assert_eq!(p.added[3].tier, Some(Tier::A));
        assert_eq!(p.added[0].tier, None);

        let mapped = CsvImport {
            tiers: unmapped
                .tiers
                .with("strategic", TierChoice::Is(Tier::A))
                .with("KEY ", TierChoice::LeaveAsIs),
            ..unmapped.clone()
        };
        let p = mapped.preview(&accounts);
        assert_eq!(p.problems, []);
        assert!(p.updated.is_empty(), "Key left as is changes nothing here");
        let tiers: Vec<Option<Tier>> = p.added.iter().take(4).map(|a| a.tier).collect();
        assert_eq!(tiers, [Some(Tier::A), None, Some(Tier::A), Some(Tier::A)]);
        let p = CsvImport {
            tiers: mapped.tiers.with("key", TierChoice::Is(Tier::C)),
            ..mapped.clone()
        }
        .preview(&accounts);
        assert_eq!(p.updated.len(), 1);
        assert_eq!(p.updated[0].1.tier, Some(Tier::C));
    }

    #[test]
    fn tier_choices_are_remembered_beside_the_columns_without_touching_them() {
        let headers = vec!["Company".to_string(), "Tier".to_string()];
        let tiers = TierWords::default()
            .with("Strategic", TierChoice::Is(Tier::A))
            .with("Maintain", TierChoice::LeaveAsIs);
        let remembered = RememberedMapping::default()
            .updated(&headers, &[Target::Name, Target::Tier])
            .with_tiers(&tiers);
        let json = serde_json::to_string(&remembered).unwrap();
        let back = crate::support::json::read::<RememberedMapping>(&json).unwrap();
        assert_eq!(back.tier_words(), tiers);
        assert_eq!(guess_mapping(&headers, &back), [Target::Name, Target::Tier]);
        let table = read_table(b"Company,Tier\nAcme,strategic\n").unwrap();
        let next = CsvImport::guessed(table, &back);
        assert_eq!(next.preview(&[]).added[0].tier, Some(Tier::A));
    }

    #[test]
    fn a_plain_letter_is_its_tier_whatever_was_remembered_for_it() {
        // A choice for "A" can only have been made while the table was shown, beside words;
        // a later file of plain letters shows no table, so the choice must not apply there.
        let tiers = TierWords::default().with("A", TierChoice::Is(Tier::B));
        assert_eq!(tiers.choice("A"), Some(TierChoice::Is(Tier::A)));
        assert_eq!(tiers.choice("tier a"), Some(TierChoice::Is(Tier::A)));
        let remembered = RememberedMapping::default()
            .updated(
                &["Company".into(), "Tier".into()],
                &[Target::Name, Target::Tier],
            )
            .with_tiers(&tiers);
        let next = CsvImport::guessed(read_table(b"Company,Tier\nAcme,A\n").unwrap(), &remembered);
        assert_eq!(next.preview(&[]).added[0].tier, Some(Tier::A));
    }

    #[test]
    fn problems_of_one_kind_in_one_column_are_one_line() {
        let problem = |row: usize, column: &str, value: &str, why: &str| Problem {
            row,
            column: column.into(),
            value: value.into(),
            why: why.into(),
        };
        let groups = group_problems(&[
            problem(2, "Revenue", "lots", "Not a number."),
            problem(3, "Name", "", "No name."),
            problem(4, "Revenue", "n/a", "Not a number."),
            problem(5, "Revenue", "lots", "Not a number."),
            problem(6, "Name", "", "No name."),
        ]);
        let lines: Vec<String> = groups.iter().map(ProblemGroup::sentence).collect();
        assert_eq!(
            lines,
            [
                "Revenue, 3 rows (2, 4 and 5) with \u{201c}lots\u{201d} (2) and \u{201c}n/a\u{201d} (1): Not a number.",
                "Name, 2 rows (3 and 6): No name.",
            ]
        );
        let one = group_problems(&[problem(7, "Tier", "D", "Not A, B or C.")]);
        assert_eq!(one[0].sentence(), "Row 7, Tier \"D\": Not A, B or C.");
    }

    #[test]
    fn a_decimal_comma_file_is_recognised() {
        let i = import("Firma;Annual Revenue\nAcme;€1.200.000,50\nBeta;250.000\n");
        assert_eq!(i.mark, DecimalMark::Comma);
        assert!(!i.has_name(), "\"Firma\" is not a known heading");
        let i = CsvImport {
            mapping: vec![Target::Name, Target::Revenue],
            ..i
        };
        let p = i.preview(&[]);
        assert_eq!(p.added[0].revenue, Some(1_200_000.5));
        assert_eq!(p.added[1].revenue, Some(250_000.0));
        // With a point chosen instead, the ambiguous figures are reported, not misread.
        let p = CsvImport {
            mark: DecimalMark::Point,
            ..i
        }
        .preview(&[]);
        assert_eq!(p.problems.len(), 2);
    }

    #[test]
    fn the_fixtures_of_three_crms_read_fully() {
        for (file, rows) in [
            ("hubspot.csv", 6),
            ("salesforce.csv", 6),
            ("pipedrive.csv", 6),
        ] {
            let path = format!("{}/tests/fixtures/csv/{file}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(path).unwrap();
            let table = Rc::new(read_table(&bytes).unwrap());
            let mapping = guess_mapping(&table.headers, &RememberedMapping::default());
            let mark = suggest_mark(&table, &mapping);
            let p = CsvImport {
                table,
                mapping,
                mark,
                tiers: TierWords::default(),
            }
            .preview(&[]);
            assert_eq!(p.added.len(), rows, "{file}");
            assert_eq!(p.problems, [], "{file}");
            assert!(
                p.added
                    .iter()
                    .all(|a| a.revenue.is_some() && a.manager.is_some()),
                "{file}"
            );
        }
    }

    #[test]
    fn a_quote_left_open_refuses_the_file_instead_of_folding_rows_into_one_cell() {
        let text = "Name,Notes\nAcme,\"oops\nBeta,x\nGamma,y\n";
        assert_eq!(
            read_table(text.as_bytes()).err(),
            Some(CsvError::Unreadable { row: 2 })
        );
        // Quotes closed, doubled inside, or inside a cell that was not quoted are fine.
        let fine = "Name,Notes\nAcme,\"a \"\"b\"\"\nc\"\nBeta 5\" screen,x\n";
        assert_eq!(read_table(fine.as_bytes()).unwrap().rows.len(), 2);
    }

    #[test]
    fn taking_a_columns_target_is_listed_and_given_back_when_undone() {
        let mut mapping = vec![Target::Name, Target::Notes, Target::Ignore];
        let mut displaced = Vec::new();
        remap(&mut mapping, 2, Target::Notes, &mut displaced);
        assert_eq!(mapping, [Target::Name, Target::Ignore, Target::Notes]);
        assert_eq!(
            displaced,
            [Displaced {
                by: 2,
                from: 1,
                target: Target::Notes
            }]
        );
        remap(&mut mapping, 2, Target::Ignore, &mut displaced);
        assert_eq!(mapping, [Target::Name, Target::Notes, Target::Ignore]);
        assert!(displaced.is_empty());
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them_after_blank_crlf_lines() {
        let text = "Name\r\nA\r\n\r\nB\r\n\r\n\r\nC\r\n";
        let rows: Vec<usize> = read_table(text.as_bytes())
            .unwrap()
            .rows
            .iter()
            .map(|(row, _)| *row)
            .collect();
        assert_eq!(rows, [2, 4, 7]);
    }

    /// The import in one go as the reducer did it before [`Applying`]: what the sliced
    /// import must give, account for account.
    fn applied_as_before(
        doc: &crate::storage::schema::Document,
        preview: &CsvPreview,
        at: &str,
    ) -> crate::storage::schema::Document {
        let mut doc = doc.clone();
        let mut accounts = Vec::new();
        for incoming in &preview.added {
            let mut a = Account::blank();
            a.id = doc.next_id;
            doc.next_id += 1;
            incoming.apply_to(&mut a);
            a.created_at = at.into();
            a.updated_at = at.into();
            if !incoming.ratings.is_empty() {
                a.reviewed_at = Some(at.into());
            }
            accounts.push(a);
        }
        let list = Rc::make_mut(&mut doc.portfolio.accounts);
        let index: HashMap<AccountId, usize> =
            list.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        for (id, incoming) in &preview.updated {
            if let Some(a) = index.get(id).map(|&i| &mut list[i]) {
                let ratings = a.ratings.clone();
                incoming.apply_to(a);
                a.updated_at = at.into();
                if a.ratings != ratings {
                    a.reviewed_at = Some(at.into());
                }
            }
        }
        list.extend(accounts);
        doc
    }

    #[test]
    fn importing_in_slices_gives_what_the_one_go_import_gave() {
        use crate::support::sliced::{run_in_slices, run_to_end};
        const AT: &str = "2026-11-02T09:00:00Z";
        let mut text = String::from("Name,Tier,Needs fit,Notes\r\n");
        for i in 0..30 {
            // Some rows rate, some match an account here, one name comes twice.
            let rating = if i % 3 == 0 { "4" } else { "" };
            let name = match i % 5 {
                0 => format!("Here {}", i % 4),
                1 => "Twice".to_string(),
                _ => format!("New {i}"),
            };
            text.push_str(&format!("{name},B,{rating},Row {i}\r\n"));
        }
        let import = import(&text);
        let mut doc = crate::storage::schema::Document::default();
        let mut here: Vec<Account> = (0..6)
            .map(|i| account(10 + i, &format!("here {i}")))
            .collect();
        here[1].ratings.set(CriterionId::NeedsFit, Some(4));
        doc.portfolio.accounts = Rc::new(here);
        doc.next_id = 40;
        let preview = Rc::new(import.preview(&doc.portfolio.accounts));
        assert!(!preview.added.is_empty() && !preview.updated.is_empty());
        let before = applied_as_before(&doc, &preview, AT);
        let whole = run_to_end(Applying::new(&doc, preview.clone(), AT.into()));
        assert_eq!(whole, before);
        let total = 6 + preview.updated.len() + preview.added.len();
        for units in [1, 2, 5, 7, 100] {
            let job = Applying::new(&doc, preview.clone(), AT.into());
            let (sliced, seen) = run_in_slices(job, units);
            assert_eq!(sliced, before, "in slices of {units}");
            assert_eq!(seen.len(), total.div_ceil(units) - 1);
            assert!(seen.iter().all(|p| p.total == total && p.done < total));
        }
        // The data as it was is untouched, for Undo.
        assert!(doc
            .portfolio
            .accounts
            .iter()
            .all(|a| a.updated_at.is_empty()));
    }
}
