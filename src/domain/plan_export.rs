//! A plan written out for people and calendars: Markdown and iCalendar (RFC 5545).

use super::accounts::Account;
use super::plans::{
    reviews_latest_first, roadmap_columns, Content, MeetingKind, Plan, SectionKind, ShownSection,
    Template, CONSENSUS_SECTION,
};
use super::settings::format_money;
use crate::support::dates::{date_part, ical_day_and_next, ical_utc, readable_date};
use crate::support::decimal::shortest;
use crate::support::json::{export_file, to_text};

/// User text made literal in Markdown: characters that would start emphasis, strikethrough,
/// links, code, tables, HTML or a character reference are escaped, so a reader sees what the
/// user typed.
fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // `&amp;` or `&#60;` would show as another character; a lone `&` is left readable.
        let reference = c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '#');
        if reference
            || matches!(
                c,
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|' | '~'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// User text on one line of its own (a title, a name, a date): literal, with any line breaks
/// folded, so that text from a shared link cannot start a heading or list of its own.
fn md_line(s: &str) -> String {
    md_inline(s.trim()).replace(['\r', '\n'], " ")
}

/// A heading's text: as [`md_line`], and with `#` escaped, which at the end of a heading
/// would otherwise be taken for its closing sequence and dropped.
fn md_heading(s: &str) -> String {
    md_line(s).replace('#', "\\#")
}

/// A block of user text: each line literal (a leading `#`, `-`, `+`, `=`, `1.` or `1)` would
/// otherwise make a heading or a list), with the user's line breaks kept as hard breaks.
fn md_block(s: &str) -> String {
    // A lone CR ends a line in Markdown too, though `str::lines` keeps it.
    s.trim()
        .replace("\r\n", "\n")
        .split(['\r', '\n'])
        .map(|line| {
            let line = md_inline(line.trim_end());
            let trimmed = line.trim_start();
            let numbered = trimmed
                .split_once(['.', ')'])
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            // `=` and `-` lines would also turn the line above into a heading.
            if trimmed.starts_with(['#', '-', '+', '=']) || numbered {
                format!("\\{trimmed}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// A table cell: literal text, with line breaks folded so the table keeps one row per line.
fn cell(s: &str) -> String {
    md_inline(s).replace(['\r', '\n'], " ")
}

/// A date as plans show it, or nothing when there is none.
fn date_or_empty(d: &str) -> String {
    if d.trim().is_empty() {
        String::new()
    } else {
        readable_date(d)
    }
}

/// A figure as plans show it, or a dash when it is not set.
pub fn figure_or_dash(v: Option<f64>) -> String {
    v.map_or("—".into(), shortest)
}

fn table(out: &mut String, head: &[&str], rows: Vec<Vec<String>>) {
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

/// A section under its heading; `lead` is a line the plan holds for it besides its content
/// (the client's agreement).
fn section_markdown(out: &mut String, s: &ShownSection, currency: &str, lead: Option<String>) {
    out.push_str(&format!("## {}\n\n", md_heading(&s.title)));
    let led = lead.is_some();
    if let Some(lead) = lead {
        out.push_str(&format!("{}\n\n", md_block(&lead)));
    }
    if !s.content.is_filled() {
        if !led {
            out.push_str("_Not filled in yet._\n\n");
        }
        return;
    }
    match &s.content {
        Content::Text(t) => out.push_str(&format!("{}\n", md_block(t))),
        // A capped list is a ranking (the client's top five issues): numbered.
        Content::List(items) if matches!(s.kind, SectionKind::List { max: Some(_) }) => {
            for (n, i) in items.iter().filter(|i| !i.trim().is_empty()).enumerate() {
                out.push_str(&format!("{}. {}\n", n + 1, md_block(i)));
            }
        }
        Content::List(items) => {
            for i in items.iter().filter(|i| !i.trim().is_empty()) {
                out.push_str(&format!("- {}\n", md_block(i)));
            }
        }
        Content::Checklist(items) => {
            for i in items.iter().filter(|i| !i.text.trim().is_empty()) {
                out.push_str(&format!(
                    "- [{}] {}\n",
                    if i.done { "x" } else { " " },
                    md_block(&i.text)
                ));
            }
        }
        Content::Stakeholders(rows) => table(
            out,
            &[
                "Name",
                "Title",
                "Level",
                "Role",
                "Strength",
                "Owner",
                "Next step",
            ],
            rows.iter()
                .filter(|r| !r.name.trim().is_empty())
                .map(|r| {
                    vec![
                        r.name.clone(),
                        r.title.clone(),
                        r.level.clone(),
                        r.role.map_or(String::new(), |x| x.title().into()),
                        r.strength.map_or(String::new(), |x| format!("{x}/5")),
                        r.owner.clone(),
                        r.next_step.clone(),
                    ]
                })
                .collect(),
        ),
        Content::Kpis(rows) => table(
            out,
            &["Metric", "Baseline", "Target", "Actual", "Due"],
            rows.iter()
                .filter(|k| !k.metric.trim().is_empty())
                .map(|k| {
                    vec![
                        k.metric.clone(),
                        k.baseline.clone(),
                        k.target.clone(),
                        k.actual.clone(),
                        k.due.clone(),
                    ]
                })
                .collect(),
        ),
        Content::Budget(b) => {
            out.push_str(&format!("- Hours: {}\n", figure_or_dash(b.hours)));
            out.push_str(&format!(
                "- Money: {}\n",
                // The currency code is whatever the settings hold, which a backup can set.
                b.money
                    .map_or("—".into(), |m| md_line(&format_money(m, currency)))
            ));
            out.push_str(&format!(
                "- Share of the total marketing budget: {}\n",
                b.share_pct
                    .map_or("—".into(), |p| format!("{}%", figure_or_dash(Some(p))))
            ));
        }
        Content::Schedule(sch) => {
            if !sch.cadence.trim().is_empty() {
                out.push_str(&format!("Check-in rhythm: {}\n\n", md_block(&sch.cadence)));
            }
            for m in sch.by_date() {
                let note = if m.note.trim().is_empty() {
                    String::new()
                } else {
                    format!(": {}", md_block(&m.note))
                };
                out.push_str(&format!(
                    "- {} — {}{note}\n",
                    md_line(&readable_date(&m.date)),
                    m.kind.title()
                ));
            }
        }
        Content::Actions(rows) => table(
            out,
            &["Done", "What", "Owner", "Due"],
            rows.iter()
                .filter(|a| !a.is_blank())
                .map(|a| {
                    vec![
                        if a.done { "yes" } else { "no" }.into(),
                        a.what.clone(),
                        a.owner.clone(),
                        date_or_empty(&a.due),
                    ]
                })
                .collect(),
        ),
        Content::ReviewLog(entries) => {
            for e in reviews_latest_first(entries) {
                // Bold rather than a heading: the export's outline is its own (see the tests).
                let when = if e.date.trim().is_empty() {
                    "Review (no date)".to_string()
                } else {
                    format!("Review of {}", md_line(&readable_date(&e.date)))
                };
                out.push_str(&format!("**{when}**\n\n"));
                for (label, text) in [
                    ("Wins", &e.wins),
                    ("Challenges", &e.challenges),
                    ("Decisions", &e.decisions),
                    ("Next steps", &e.next_steps),
                ] {
                    if !text.trim().is_empty() {
                        out.push_str(&format!("- {label}: {}\n", md_block(text)));
                    }
                }
                out.push('\n');
            }
        }
        Content::Risks(rows) => table(
            out,
            &[
                "Competitor or risk",
                "Kind",
                "Severity",
                "What is at stake",
                "Our response",
            ],
            rows.iter()
                .filter(|t| !t.is_blank())
                .map(|t| {
                    vec![
                        t.name.clone(),
                        t.kind.title().into(),
                        t.severity.map_or(String::new(), |x| x.title().into()),
                        t.threat.clone(),
                        t.response.clone(),
                    ]
                })
                .collect(),
        ),
        Content::Roadmap(items) => {
            for (stage, items) in roadmap_columns(items) {
                let title = stage.map_or("Not sorted into a column yet", |s| s.title());
                out.push_str(&format!("**{title}**\n\n"));
                if items.is_empty() {
                    out.push_str("- —\n");
                }
                for i in items {
                    let note = if i.note.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", md_block(&i.note))
                    };
                    out.push_str(&format!("- {}{note}\n", md_block(&i.what)));
                }
                out.push('\n');
            }
        }
    }
    out.push('\n');
}

/// The whole plan as Markdown, for sharing by e-mail or pasting into documents, headed by
/// the firm's name when one is set.
pub fn markdown(
    plan: &Plan,
    template: &Template,
    account: &Account,
    currency: &str,
    firm: &str,
) -> String {
    let shown = plan.shown(template);
    let (filled, total) = plan.completeness(template);
    // Every field below can come from a shared link, dates included: a date that does not
    // parse is shown as it was written.
    let mut out = if firm.trim().is_empty() {
        String::new()
    } else {
        format!("**{}**\n\n", md_line(firm))
    };
    out.push_str(&format!(
        "# Account Development Plan: {}\n\n",
        md_heading(&account.name)
    ));
    out.push_str(&format!(
        "- Template: {}\n",
        md_line(&template.display_name())
    ));
    out.push_str(&format!(
        "- Last updated: {}\n",
        md_line(&readable_date(&plan.updated_at))
    ));
    out.push_str(&format!(
        "- Last reviewed: {}\n",
        plan.reviewed_at
            .as_deref()
            .map_or("never".into(), |d| md_line(&readable_date(d)))
    ));
    // The client's agreement is given once: in its section, or here when there is none.
    if !template.holds_consensus() {
        out.push_str(&format!(
            "- Client consensus: {}\n",
            md_line(&plan.consensus.summary())
        ));
    }
    out.push_str(&format!("- Completeness: {filled} of {total} sections\n\n"));
    for s in shown.iter().filter(|s| !s.orphaned) {
        let lead = (s.key == CONSENSUS_SECTION).then(|| plan.consensus.summary());
        section_markdown(&mut out, s, currency, lead);
    }
    let other: Vec<_> = shown.iter().filter(|s| s.orphaned).collect();
    if !other.is_empty() {
        out.push_str("# Other sections\n\nKept from sections the template no longer has.\n\n");
        for s in other {
            section_markdown(&mut out, s, currency, None);
        }
    }
    out
}

/// What a plan's JSON file says it is, so that importing one as a backup can say what it is.
pub const KIND: &str = "account-plan";

/// One plan as a JSON file, with its account and template so it can be read on its own, and
/// the firm's name when one is set.
pub fn json(plan: &Plan, template: &Template, account: &Account, now: &str, firm: &str) -> String {
    let firm = to_text(firm.trim());
    let mut members = vec![
        ("app", to_text("account-grader")),
        ("kind", to_text(KIND)),
        (
            "version",
            crate::storage::schema::CURRENT_VERSION.to_string(),
        ),
        ("exported_at", to_text(now)),
    ];
    if firm != "\"\"" {
        members.push(("firm", firm));
    }
    members.extend([
        ("account", to_text(account)),
        ("template", to_text(template)),
        ("plan", to_text(plan)),
    ]);
    let members: Vec<(&str, &str)> = members.iter().map(|(k, v)| (*k, v.as_str())).collect();
    export_file(&members)
}

/// A file name made from an account's name: letters, digits and dashes only.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "account".into()
    } else {
        stem
    }
}

/// Escapes text for an iCalendar TEXT value (RFC 5545 section 3.3.11): backslash, semicolon,
/// comma and line breaks. Other control characters are not allowed in a value at all and are
/// dropped; a tab is kept.
fn ical_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A part of an event's UID (a plan's section key, a meeting's own id) as it goes in the
/// file. The parts come from stored data and shared links, so anything outside the letters,
/// digits and `-._~` the app itself uses is percent-encoded: a crafted id can neither break
/// the line nor need TEXT escaping, and two different ids still give two different UIDs.
fn uid_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Folds a content line to at most 75 octets per line, never inside a UTF-8 character;
/// continuation lines start with a space (RFC 5545 section 3.1).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// The plan's business reviews and check-ins as an iCalendar file of all-day events.
/// Meetings with a date that is not valid are left out. `now` stamps the file (DTSTAMP); the
/// firm's name, when set, names the calendar.
pub fn ics(plan: &Plan, template: &Template, account: &Account, now: &str, firm: &str) -> String {
    let stamp = ical_utc(now).unwrap_or_else(|| "19700101T000000Z".into());
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Account Grader//Account Development Plan//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    if !firm.trim().is_empty() {
        lines.push(format!(
            "X-WR-CALNAME:{}",
            ical_text(&format!("{}: {}", firm.trim(), account.name.trim()))
        ));
    }
    for s in plan.shown(template) {
        let Content::Schedule(schedule) = &s.content else {
            continue;
        };
        for (i, m) in schedule.meetings.iter().enumerate() {
            let Some((day, next)) = ical_day_and_next(date_part(&m.date)) else {
                continue;
            };
            let what = match m.kind {
                MeetingKind::BusinessReview => "Business review",
                MeetingKind::CheckIn => "Check-in",
            };
            lines.push("BEGIN:VEVENT".into());
            let uid = if m.uid.is_empty() {
                format!(
                    "plan-{}-{}-{i}-{day}@account-grader",
                    plan.id,
                    uid_part(&s.key)
                )
            } else {
                format!("plan-{}-{}@account-grader", plan.id, uid_part(&m.uid))
            };
            lines.push(format!("UID:{uid}"));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DTSTART;VALUE=DATE:{day}"));
            lines.push(format!("DTEND;VALUE=DATE:{next}"));
            lines.push(format!(
                "SUMMARY:{}",
                ical_text(&format!("{what}: {}", account.name.trim()))
            ));
            if !m.note.trim().is_empty() {
                lines.push(format!("DESCRIPTION:{}", ical_text(m.note.trim())));
            }
            lines.push("END:VEVENT".into());
        }
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::accounts::Tier;
    use crate::domain::plans::*;

    const AT: &str = "2026-11-01T09:00:00Z";

    fn account(name: &str) -> Account {
        Account {
            id: 7,
            name: name.into(),
            industry: String::new(),
            manager: String::new(),
            revenue: None,
            tier: Tier::A,
            notes: String::new(),
            ratings: Default::default(),
            market: Default::default(),
            created_at: AT.into(),
            updated_at: AT.into(),
            reviewed_at: None,
            demo: false,
            copied_from: None,
        }
    }

    fn plan_with_content() -> Plan {
        let mut p = Plan::new(3, 7, 0, AT);
        p.write(
            "top-issues",
            "Top",
            Content::List(vec!["Churn in Q3".into(), "".into(), "New CFO".into()]),
            AT,
        );
        p.write(
            "relationships",
            "Rel",
            Content::Stakeholders(vec![Stakeholder {
                name: "Ann | Lee".into(),
                title: "CFO".into(),
                role: Some(DecisionRole::DecisionMaker),
                strength: Some(4),
                ..Default::default()
            }]),
            AT,
        );
        p.write("review-plan", "Reviews", Content::Schedule(Schedule {
            cadence: "Monthly".into(),
            meetings: vec![
                Meeting { uid: "a1".into(), date: "2026-12-31".into(), kind: MeetingKind::BusinessReview, note: "Q4 review; bring NPS, results, and the roadmap — ünïcödé to pad the line past seventy-five octets".into() },
                Meeting { uid: "b2".into(), date: "2026-02-31".into(), kind: MeetingKind::CheckIn, note: String::new() },
                Meeting { uid: String::new(), date: "2027-01-15".into(), kind: MeetingKind::CheckIn, note: String::new() },
            ],
        }), AT);
        p
    }

    #[test]
    fn markdown_has_every_section_in_order_with_its_content() {
        let t = built_in_template();
        let md = markdown(&plan_with_content(), &t, &account("Acme"), "USD", "");
        assert!(md.starts_with("# Account Development Plan: Acme\n"));
        assert!(md.contains("- Completeness: 3 of 17 sections"));
        assert!(md.contains("## The client's top five issues\n\n1. Churn in Q3\n2. New CFO\n"));
        // The client's agreement once, in its own section.
        assert_eq!(md.matches("Not yet reviewed with the client").count(), 1);
        assert!(md.ends_with("## Client consensus\n\nNot yet reviewed with the client\n\n"));
        assert!(md.contains("| Ann \\| Lee | CFO |  | Decision maker | 4/5 |  |  |"));
        assert!(md.contains("- 31 Dec 2026 — Quarterly business review: Q4 review"));
        assert!(md.contains("_Not filled in yet._"));
        let vision = md.find("## Client's business vision").unwrap();
        let issues = md.find("## The client's top five issues").unwrap();
        assert!(vision < issues);
        assert!(!md.contains("# Other sections"));
    }

    #[test]
    fn user_text_stays_literal_in_markdown() {
        assert_eq!(md_block("# not a heading"), "\\# not a heading");
        assert_eq!(md_block("a\n==="), "a\\\n\\===");
        assert_eq!(md_block("a\r# b\r\nc"), "a\\\n\\# b\\\nc");
        assert_eq!(md_block("2) not a list"), "\\2) not a list");
        assert_eq!(md_inline("Smith & Co &amp;"), "Smith & Co \\&amp;");
        assert_eq!(
            md_block("1. not a list\nsecond *line*"),
            "\\1. not a list\\\nsecond \\*line\\*"
        );
        assert_eq!(md_inline("<b>x</b>"), "\\<b\\>x\\</b\\>");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn markdown_lists_kept_sections_at_the_end() {
        let mut t = built_in_template();
        t.sections.retain(|s| s.key != "top-issues");
        let md = markdown(&plan_with_content(), &t, &account("Acme"), "USD", "");
        let other = md.find("# Other sections").unwrap();
        assert!(md[other..].contains("- Churn in Q3"), "no longer ranked");
    }

    #[test]
    fn ics_follows_the_rfc_5545_line_rules() {
        let t = built_in_template();
        let text = ics(
            &plan_with_content(),
            &t,
            &account("Acme, Inc; \"Global\""),
            "2026-11-23T10:00:00+01:00",
            "",
        );
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        // Every line ends in CRLF, no bare LF, at most 75 octets each.
        assert!(!text.replace("\r\n", "").contains('\n'));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "line too long: {line:?}");
        }
        // Unfolding restores the long description, escaped.
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(
            "DESCRIPTION:Q4 review\\; bring NPS\\, results\\, and the roadmap — ünïcödé"
        ));
        assert!(unfolded.contains("SUMMARY:Business review: Acme\\, Inc\\; \"Global\""));
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101"));
        assert!(unfolded.contains("DTSTAMP:20261123T090000Z"));
        // A meeting's UID is its own, not its position: re-exports update the same event.
        assert!(unfolded.contains("UID:plan-3-a1@account-grader"));
        // The invalid 31 February is left out; the other two remain.
        assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 2);
        assert!(unfolded.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    }

    /// Holds `text` to RFC 5545's line rules and returns its content lines, unfolded: every
    /// line at most 75 octets and ended by CRLF, continuation lines starting with a space, no
    /// control character but a tab, and no property the app does not write.
    fn ical_content_lines(text: &str) -> Vec<String> {
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "line too long: {line:?}");
            assert!(
                !line.chars().any(|c| c.is_control() && c != '\t'),
                "control character in {line:?}"
            );
        }
        let unfolded = text.replace("\r\n ", "");
        let lines: Vec<String> = unfolded
            .trim_end()
            .split("\r\n")
            .map(String::from)
            .collect();
        const WRITTEN: [&str; 12] = [
            "BEGIN",
            "END",
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
        ];
        for line in &lines {
            let name = line.split([':', ';']).next().unwrap();
            assert!(WRITTEN.contains(&name), "unexpected property in {line:?}");
        }
        lines
    }

    #[test]
    fn crafted_ids_and_text_cannot_add_calendar_properties() {
        let mut p = Plan::new(3, 7, 0, AT);
        let meeting = |uid: &str, note: &str| Meeting {
            uid: uid.into(),
            date: "2026-12-01".into(),
            kind: MeetingKind::CheckIn,
            note: note.into(),
        };
        p.write(
            "review-plan",
            "Reviews",
            Content::Schedule(Schedule {
                cadence: String::new(),
                meetings: vec![
                    meeting("x\r\nATTENDEE:mailto:evil@example.com", "fine"),
                    meeting(
                        "y\nORGANIZER:mailto:evil@example.com",
                        "a\rLOCATION:x\u{0}\u{7f}",
                    ),
                ],
            }),
            AT,
        );
        // A section kept from an older template, under a key no template has: its meetings,
        // without ids of their own, take their UID from the key.
        p.write(
            "gone\r\nATTENDEE:mailto:evil@example.com",
            "Gone",
            Content::Schedule(Schedule {
                cadence: String::new(),
                meetings: vec![meeting("", "")],
            }),
            AT,
        );
        let text = ics(&p, &built_in_template(), &account("Acme\r\nURL:x"), AT, "");
        let lines = ical_content_lines(&text);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 3);
        assert!(lines.contains(
            &"UID:plan-3-x%0D%0AATTENDEE%3Amailto%3Aevil%40example.com@account-grader".to_string()
        ));
        assert!(lines.contains(&"SUMMARY:Check-in: Acme\\nURL:x".to_string()));
        assert!(lines.contains(&"DESCRIPTION:a\\nLOCATION:x".to_string()));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("UID:plan-3-gone%0D%0AATTENDEE%3A")));
    }

    #[test]
    fn ids_the_app_makes_stay_as_they_are_in_uids() {
        assert_eq!(
            uid_part("1732000000000-123456789"),
            "1732000000000-123456789"
        );
        assert_eq!(uid_part("budget~2"), "budget~2");
        // Percent signs are encoded too, so distinct ids never meet.
        assert_ne!(uid_part("a%0A"), uid_part("a\n"));
    }

    #[test]
    fn text_values_escape_what_rfc_5545_asks() {
        assert_eq!(
            ical_text("a\\b;c,d\r\ne\nf\rg\th\u{1b}"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng\th"
        );
    }

    #[test]
    fn markdown_keeps_every_user_field_literal() {
        let mut t = built_in_template();
        t.id = 40;
        t.name = "<script>alert(1)</script>\n# Owned".into();
        t.sections[0].title = "**Vision** [click](javascript:alert(1)) #".into();
        let mut p = plan_with_content();
        p.write(
            "review-plan",
            "Reviews",
            Content::Schedule(Schedule {
                cadence: "Monthly\n# Heading".into(),
                meetings: vec![Meeting {
                    uid: "a1".into(),
                    date: "2026-12-31".into(),
                    kind: MeetingKind::CheckIn,
                    note: "bring &lt;notes&gt;\n- not a list item".into(),
                }],
            }),
            AT,
        );
        // Written after the content, which stamps it.
        p.updated_at = "soon\n<img src=x onerror=alert(1)>".into();
        let md = markdown(&p, &t, &account("Acme ~~Corp~~\n## Injected"), "USD", "");
        assert!(
            md.starts_with("# Account Development Plan: Acme \\~\\~Corp\\~\\~ \\#\\# Injected\n")
        );
        assert!(md.contains("- Template: \\<script\\>alert(1)\\</script\\> # Owned\n"));
        assert!(md.contains("- Last updated: soon \\<img src=x onerror=alert(1)\\>\n"));
        assert!(md.contains("## \\*\\*Vision\\*\\* \\[click\\](javascript:alert(1)) \\#\n"));
        assert!(md.contains("Check-in rhythm: Monthly\\\n\\# Heading\n"));
        assert!(md.contains(": bring \\&lt;notes\\&gt;\\\n\\- not a list item\n"));
        // The only headings are the export's own.
        for line in md.lines().filter(|l| l.starts_with('#')) {
            assert!(
                line.starts_with("# Account Development Plan: ") || line.starts_with("## "),
                "{line:?}"
            );
        }
    }

    #[test]
    fn the_new_kinds_export_with_every_user_field_literal() {
        let mut p = Plan::new(3, 7, 0, AT);
        for (key, content) in crate::domain::plans::tests::sample_of_new_kinds() {
            p.write(key, key, content, AT);
        }
        let md = markdown(&p, &built_in_template(), &account("Acme"), "USD", "");
        assert!(md.contains("- Completeness: 5 of 17 sections"));
        assert!(md.contains("## Goals we share with the client\n\n- Halve \\*returns\\*\n"));
        assert!(md.contains("| Done | What | Owner | Due |"));
        assert!(md.contains("| yes | Send \\| the offer | \\<b\\>Priya\\</b\\> | 31 Jan 2027 |"));
        assert!(md.contains("**Review of 15 Dec 2026**\n\n- Wins: Renewal\\\n\\# signed\n"));
        assert!(md.contains("- Challenges: \\- late trucks\n"));
        assert!(md.contains("- Decisions: \\[weekly\\](javascript:x) calls\n"));
        assert!(md.contains("- Next steps: \\1. visit the plant\n"));
        assert!(md.contains(
            "| Rival\\_Ltd | Competitor | High | Cheaper \\| support | Show \\`uptime\\` |"
        ));
        assert!(md.contains("**In place**\n\n- Fleet \\~\\~tracking\\~\\~ — since 2024\n"));
        assert!(md.contains("**Not used but we could offer**\n\n- —\n"));
        assert!(md.contains("**Not sorted into a column yet**\n\n- \\+ Training\n"));
        for line in md.lines().filter(|l| l.starts_with('#')) {
            assert!(
                line.starts_with("# Account Development Plan: ") || line.starts_with("## "),
                "{line:?}"
            );
        }
    }

    #[test]
    fn json_export_carries_the_plan_with_its_account_and_template() {
        let t = built_in_template();
        let text = json(&plan_with_content(), &t, &account("Acme"), AT, "");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["kind"], "account-plan");
        assert_eq!(v["account"]["name"], "Acme");
        assert_eq!(v["plan"]["id"], 3);
        let plan: Plan = crate::support::json::read(&v["plan"].to_string()).unwrap();
        assert_eq!(plan, plan_with_content());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_stem("Acme, Inc. / EMEA"), "acme-inc-emea");
        assert_eq!(file_stem("***"), "account");
    }

    #[test]
    fn folding_never_splits_a_character() {
        let long = "DESCRIPTION:".to_string() + &"é".repeat(100);
        let folded = fold(&long);
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }

    #[test]
    fn the_firms_name_heads_each_export_when_set() {
        let t = built_in_template();
        let p = plan_with_content();
        let md = markdown(&p, &t, &account("Acme"), "USD", "North *Star* Advisory");
        assert!(
            md.starts_with("**North \\*Star\\* Advisory**\n\n# Account Development Plan: Acme"),
            "{md}"
        );
        assert!(markdown(&p, &t, &account("Acme"), "USD", " ").starts_with("# Account"));
        let file = json(&p, &t, &account("Acme"), AT, "North Star");
        assert!(file.contains("\"firm\": \"North Star\""), "{file}");
        assert!(!json(&p, &t, &account("Acme"), AT, "").contains("\"firm\""));
        let cal = ics(&p, &t, &account("Acme"), AT, "North; Star");
        assert!(
            cal.contains("X-WR-CALNAME:North\\; Star: Acme\r\n"),
            "{cal}"
        );
        assert!(!ics(&p, &t, &account("Acme"), AT, "").contains("X-WR-CALNAME"));
    }
}
