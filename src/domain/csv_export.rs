//! Accounts, and the matrix's groups and guidelines, written as CSV for a spreadsheet. The
//! account columns are the ones the import guesses, so an exported file imports unchanged.

use super::accounts::format_plain;
use super::bcg::categorize;
use super::csv_import::FORMULA_STARTS;
use super::grader::Answer;
use super::portfolio::{guidelines, members_by_quadrant, row, Level, Summary};
use super::practices::PRACTICES;
use super::prospects::{sorted, Prospect, ProspectOrder};
use super::quadrant::Quadrant;
use super::rating::{Axis, CRITERIA};
use crate::storage::schema::Document;

/// Headers of the columns that the import reads back.
pub const NAME: &str = "Name";
pub const INDUSTRY: &str = "Industry";
pub const MANAGER: &str = "Account manager";
pub const REVENUE: &str = "Annual revenue";
pub const TIER: &str = "Tier";
pub const NOTES: &str = "Notes";

fn writer() -> csv::Writer<Vec<u8>> {
    // CRLF line ends, as RFC 4180 and spreadsheets expect.
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

/// The written bytes as text, with a byte order mark so that Excel reads them as UTF-8.
fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    let text = String::from_utf8(bytes).expect("every cell written was text");
    format!("\u{feff}{text}")
}

/// Writes one row. A cell that a spreadsheet would run as a formula (an account named
/// `=HYPERLINK(...)`, a note starting "- call back") gets a `'` in front, which spreadsheets
/// show as text and the import takes away again.
fn write(w: &mut csv::Writer<Vec<u8>>, cells: &[String]) {
    w.write_record(cells.iter().map(|c| {
        if c.starts_with(FORMULA_STARTS) {
            format!("'{c}")
        } else {
            c.clone()
        }
    }))
    .expect("writing to memory cannot fail");
}

/// Every account, one row each: the imported columns, then what the app works out (axis
/// scores, quadrant, BCG category, plan status, last review), which an import passes over.
pub fn accounts_csv(doc: &Document) -> String {
    let settings = &doc.settings;
    let mut w = writer();
    let mut header: Vec<String> = [NAME, INDUSTRY, MANAGER, REVENUE, TIER, NOTES]
        .map(String::from)
        .to_vec();
    header.extend(CRITERIA.iter().map(|c| c.title.to_string()));
    header.extend(
        [
            "Relationship score",
            "Potential score",
            "Quadrant",
            "BCG category",
            "Plan status",
            "Last review",
        ]
        .map(String::from),
    );
    write(&mut w, &header);
    for a in doc.portfolio.accounts.iter() {
        let r = row(a, settings);
        let mut cells = vec![
            a.name.clone(),
            a.industry.clone(),
            a.manager.clone(),
            a.revenue.map(format_plain).unwrap_or_default(),
            a.tier.letter().to_string(),
            a.notes.clone(),
        ];
        cells.extend(
            CRITERIA
                .iter()
                .map(|c| a.ratings.get(c.id).map_or(String::new(), |v| v.to_string())),
        );
        let score = |axis| r.position.map_or(String::new(), |p| p.on(axis).to_string());
        cells.push(score(Axis::Relationship));
        cells.push(score(Axis::Potential));
        cells.push(r.quadrant.map_or(String::new(), |q| q.title().to_string()));
        cells.push(
            categorize(a.market, settings.bcg).map_or(String::new(), |c| c.title().to_string()),
        );
        cells.push(plan_status(doc, a.id));
        // The day alone, which a spreadsheet reads as a date.
        cells.push(
            a.reviewed_at
                .as_deref()
                .map(|t| crate::support::dates::date_part(t).to_string())
                .unwrap_or_default(),
        );
        write(&mut w, &cells);
    }
    finish(w)
}

fn plan_status(doc: &Document, account: u64) -> String {
    let Some(plan) = doc.plans.plan_for(account) else {
        return "No plan".into();
    };
    match doc.plans.template(plan.template) {
        Some(t) => {
            let (filled, total) = plan.completeness(&t);
            format!("{filled} of {total} sections filled in")
        }
        None => "Plan".into(),
    }
}

/// The matrix's four groups, one row per account in each, then the guidelines with their
/// level: a sheet to paste into a slide.
pub fn matrix_csv(doc: &Document, summary: &Summary) -> String {
    let mut w = writer();
    write(
        &mut w,
        &[
            "Group",
            "Account",
            "Tier",
            "Account manager",
            "Annual revenue",
        ]
        .map(String::from),
    );
    let groups = members_by_quadrant(&doc.portfolio.accounts, &doc.settings);
    for (q, members) in Quadrant::ALL.iter().zip(groups) {
        for a in members {
            write(
                &mut w,
                &[
                    q.title().to_string(),
                    a.name.clone(),
                    a.tier.letter().to_string(),
                    a.manager.clone(),
                    a.revenue.map(format_plain).unwrap_or_default(),
                ],
            );
        }
    }
    write(&mut w, &vec![String::new(); 5]);
    write(
        &mut w,
        &["Guideline", "Level", "", "", ""].map(String::from),
    );
    for g in guidelines(summary) {
        let level = match g.level {
            Level::Info => "Note",
            Level::Warning => "Warning",
        };
        write(
            &mut w,
            &[
                g.text,
                level.to_string(),
                String::new(),
                String::new(),
                String::new(),
            ],
        );
    }
    finish(w)
}

/// Every prospect's result, newest answer first: who, when, the score and band, then one
/// column per practice ("Yes", "Not yet", or empty when unanswered).
pub fn prospects_csv(prospects: &[Prospect]) -> String {
    let mut w = writer();
    let mut header: Vec<String> = [
        "Name",
        "Company",
        "Answered on",
        "Received on",
        "Score",
        "Band",
    ]
    .map(String::from)
    .to_vec();
    header.extend(PRACTICES.iter().map(|p| p.title.to_string()));
    write(&mut w, &header);
    for p in sorted(prospects, ProspectOrder::Newest) {
        let g = p.grade();
        let name = if p.name.is_empty() { &p.label } else { &p.name };
        let mut cells = vec![
            name.clone(),
            p.company.clone(),
            p.answered_on.clone(),
            crate::support::dates::date_part(&p.received_at).to_string(),
            g.score.to_string(),
            g.band.title().to_string(),
        ];
        cells.extend(PRACTICES.iter().map(|pr| {
            match p.answers.get(pr.id) {
                Some(Answer::Yes) => "Yes",
                Some(Answer::NotYet) => "Not yet",
                None => "",
            }
            .to_string()
        }));
        write(&mut w, &cells);
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::domain::accounts::{Account, Tier};
    use crate::domain::csv_import::{
        guess_mapping, read_table, suggest_mark, CsvImport, RememberedMapping,
    };
    use crate::domain::portfolio::summarize;
    use crate::domain::rating::{CriterionId, Ratings};

    fn doc() -> Document {
        let mut doc = Document::default();
        let mut a = Account::blank();
        a.id = 1;
        a.name = "Acme, \"the\" Ltd".into();
        a.industry = "Retail".into();
        a.manager = "Dana".into();
        a.revenue = Some(1_250_000.5);
        a.tier = Tier::A;
        a.notes = "Two lines;\nand a tab\there".into();
        a.ratings = Ratings::from_pairs(&CRITERIA.iter().map(|c| (c.id, 4)).collect::<Vec<_>>());
        let mut b = Account::blank();
        b.id = 2;
        // Text a spreadsheet would run as a formula unless guarded.
        b.name = "=HYPERLINK(\"http://x\",\"Click\")".into();
        b.industry = "+Retail".into();
        b.notes = "- call back\n@Dana".into();
        b.ratings = Ratings::from_pairs(&[(CriterionId::NeedsFit, 2)]);
        doc.portfolio.accounts = Rc::new(vec![a, b]);
        doc
    }

    fn import(text: &str) -> CsvImport {
        let table = Rc::new(read_table(text.as_bytes()).unwrap());
        let mapping = guess_mapping(&table.headers, &RememberedMapping::default());
        let mark = suggest_mark(&table, &mapping);
        CsvImport {
            table,
            mapping,
            mark,
            tiers: Default::default(),
        }
    }

    #[test]
    fn exported_accounts_import_back_unchanged() {
        let doc = doc();
        let text = accounts_csv(&doc);
        assert!(text.starts_with("\u{feff}Name,Industry,Account manager"));
        // No cell starts with what a spreadsheet runs as a formula.
        assert!(text.contains("\"'=HYPERLINK("), "{text}");
        assert!(text.contains(",'+Retail,"), "{text}");
        assert!(text.contains("\"'- call back"), "{text}");
        let i = import(&text);
        // Into an empty portfolio: every account again, with every field.
        let p = i.preview(&[]);
        assert_eq!(p.problems, []);
        assert_eq!(p.added.len(), 2);
        for (incoming, original) in p.added.iter().zip(doc.portfolio.accounts.iter()) {
            let mut copy = Account::blank();
            copy.id = original.id;
            incoming.apply_to(&mut copy);
            let mut expected = Account::blank();
            expected.id = original.id;
            expected.name.clone_from(&original.name);
            expected.industry.clone_from(&original.industry);
            expected.manager.clone_from(&original.manager);
            expected.revenue = original.revenue;
            expected.tier = original.tier;
            expected.notes.clone_from(&original.notes);
            expected.ratings = original.ratings.clone();
            assert_eq!(copy, expected);
        }
        // Into the same portfolio: nothing to change.
        let p = i.preview(&doc.portfolio.accounts);
        assert!(p.is_empty());
        assert_eq!(p.skipped.len(), 2);
    }

    #[test]
    fn the_matrix_sheet_lists_groups_and_guidelines() {
        let doc = doc();
        let summary = summarize(&doc.portfolio.accounts, &doc.settings);
        let text = matrix_csv(&doc, &summary);
        let table = read_table(text.as_bytes()).unwrap();
        assert_eq!(table.headers[0], "Group");
        assert!(table.rows.iter().any(
            |(_, r)| r[1] == "Acme, \"the\" Ltd" && r[0] == Quadrant::ManageKeyAccount.title()
        ));
        assert!(table.rows.iter().any(|(_, r)| r[0] == "Guideline"));
    }

    #[test]
    fn the_prospects_sheet_has_a_row_each_with_every_practice_and_no_formulas() {
        use crate::domain::grader::Answers;
        use crate::domain::practices::PracticeId;
        let prospect = |id, name: &str, company: &str, answered_on: &str| Prospect {
            id,
            received_at: "2026-12-06T09:00:00+01:00".into(),
            answered_on: answered_on.into(),
            name: name.into(),
            company: company.into(),
            label: String::new(),
            answers: Answers::all_answered_with_yes(&[PracticeId::AssignedManager]),
            link: String::new(),
        };
        let text = prospects_csv(&[
            prospect(1, "Dana Lee", "Northwind, Inc.", "2026-11-30"),
            prospect(2, "=cmd()", "@Contoso", "2026-12-05"),
        ]);
        assert!(
            text.contains("'=cmd()") && text.contains("'@Contoso"),
            "{text}"
        );
        let table = read_table(text.as_bytes()).unwrap();
        assert_eq!(
            table.headers[..6],
            [
                "Name",
                "Company",
                "Answered on",
                "Received on",
                "Score",
                "Band"
            ]
        );
        assert_eq!(table.headers.len(), 16);
        assert_eq!(table.rows.len(), 2);
        // The reader takes the guard away again.
        assert_eq!(table.rows[0].1[..2], ["=cmd()", "@Contoso"]);
        let second = &table.rows[1].1;
        assert_eq!(
            second[..6],
            [
                "Dana Lee",
                "Northwind, Inc.",
                "2026-11-30",
                "2026-12-06",
                "1",
                "Accounts at risk"
            ]
        );
        assert_eq!(second[6], "Yes");
        assert_eq!(second[7], "Not yet");
    }
}
