//! The accounts table's rows, written as one piece of markup for `RawTableBody`: the browser
//! parses a page of rows several times faster than Yew builds their elements one call at a
//! time. The rows hold links only, so nothing in them needs a listener.

use super::markup::escape;
use super::quadrant_badge::badge_parts;
use crate::domain::dates::readable_date;
use crate::domain::guidance::ratings_are_stale;
use crate::domain::plans::Template;
use crate::domain::portfolio::Row;
use crate::domain::schema::Document;
use crate::domain::settings::format_money;
use crate::route::Route;

/// One `<tr>` a row, in the order given.
pub fn rows_markup(
    rows: &[Row],
    doc: &Document,
    templates: &[Template],
    today: Option<&str>,
) -> String {
    let mut out = String::with_capacity(rows.len() * 900);
    for row in rows {
        push_row(&mut out, row, doc, templates, today);
    }
    out
}

fn push_row(
    out: &mut String,
    row: &Row,
    doc: &Document,
    templates: &[Template],
    today: Option<&str>,
) {
    let a = row.account;
    let name = escape(&a.name);
    let dash = "—".to_string();
    let score = |v: Option<u8>| v.map_or_else(|| dash.clone(), |v| v.to_string());
    let (badge_class, badge_text) = badge_parts(row.quadrant);
    let cells = [
        (
            "Name",
            "",
            format!(r#"<a href="{}">{name}</a>"#, Route::Account(a.id).href()),
        ),
        (
            "Tier",
            "",
            format!(
                r#"<span class="tier tier--{}">{}</span>"#,
                a.tier.letter().to_lowercase(),
                a.tier.letter()
            ),
        ),
        (
            "Manager",
            "",
            if a.manager.is_empty() {
                dash.clone()
            } else {
                escape(&a.manager).into_owned()
            },
        ),
        (
            "Revenue",
            "num",
            a.revenue.map_or_else(
                || dash.clone(),
                |v| escape(&format_money(v, &doc.settings.currency)).into_owned(),
            ),
        ),
        (
            "Relationship",
            "num",
            score(row.position.map(|p| p.relationship)),
        ),
        ("Potential", "num", score(row.position.map(|p| p.potential))),
        (
            "Quadrant",
            "",
            format!(r#"<span class="{badge_class}">{badge_text}</span>"#),
        ),
        (
            "Last reviewed",
            "",
            reviewed_cell(a, doc.settings.rating_stale_days, today),
        ),
        ("Plan", "", plan_cell(doc, templates, a, &name, today)),
    ];
    out.push_str("<tr>");
    for (label, class, content) in cells {
        out.push_str(r#"<td data-label=""#);
        out.push_str(label);
        if !class.is_empty() {
            out.push_str(r#"" class=""#);
            out.push_str(class);
        }
        out.push_str(r#"">"#);
        out.push_str(&content);
        out.push_str("</td>");
    }
    out.push_str("</tr>");
}

/// When the ratings were last reviewed, flagged when that is too long ago.
fn reviewed_cell(
    account: &crate::domain::accounts::Account,
    stale_days: u32,
    today: Option<&str>,
) -> String {
    let date = account.reviewed_at.as_deref().map_or_else(
        || "Never".into(),
        |t| escape(&readable_date(t)).into_owned(),
    );
    if today.is_some_and(|t| ratings_are_stale(account, t, stale_days)) {
        format!(
            r#"{date} <span class="status-badge status-badge--stale" title="Not reviewed for more than {stale_days} days">Ratings old</span>"#
        )
    } else {
        date
    }
}

/// The plan column: completeness and staleness, linked to the plan. `name` is escaped.
fn plan_cell(
    doc: &Document,
    templates: &[Template],
    account: &crate::domain::accounts::Account,
    name: &str,
    today: Option<&str>,
) -> String {
    let href = Route::Plan(account.id).href();
    let Some((plan, template)) = doc
        .plans
        .plan_for(account.id)
        .and_then(|p| Some((p, templates.iter().find(|t| t.id == p.template)?)))
    else {
        return format!(
            r#"<a class="muted-link" href="{href}" aria-label="Create a plan for {name}">Create</a>"#
        );
    };
    let (filled, total) = plan.completeness(template);
    let stale = today.is_some_and(|t| plan.is_stale(t, doc.settings.plan_stale_days));
    let (note, badge) = if stale {
        (
            ", stale",
            r#" <span class="status-badge status-badge--stale">Stale</span>"#,
        )
    } else {
        ("", "")
    };
    format!(
        r#"<a href="{href}" aria-label="Plan for {name}: {filled} of {total} sections{note}">{filled}/{total}</a>{badge}"#
    )
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::domain::demo::demo_accounts;
    use crate::domain::plans::Plan;
    use crate::domain::portfolio::row;

    #[test]
    fn a_row_has_every_column_with_user_text_escaped() {
        let mut accounts = demo_accounts(1, "2026-11-01T00:00:00.000Z");
        let a = &mut accounts[0];
        a.name = "<b>Smith & Sons</b>".into();
        a.manager = "Ann \"Boss\"".into();
        a.revenue = None;
        a.reviewed_at = Some("2026-10-05T10:00:00.000Z".into());
        let id = a.id;
        let doc = Document::default();
        let templates = doc.plans.all_templates();
        let markup = rows_markup(&[row(&accounts[0], &doc.settings)], &doc, &templates, None);
        let name = "&lt;b&gt;Smith &amp; Sons&lt;/b&gt;";
        assert!(markup.starts_with(&format!(r##"<tr><td data-label="Name"><a href="#/accounts/{id}">{name}</a></td><td data-label="Tier"><span class="tier tier--"##)), "{markup}");
        assert!(markup.contains(r#"<td data-label="Manager">Ann &quot;Boss&quot;</td><td data-label="Revenue" class="num">—</td>"#), "{markup}");
        assert!(
            markup.contains(r#"<td data-label="Last reviewed">5 Oct 2026</td>"#),
            "{markup}"
        );
        assert!(markup.contains(&format!(r##"<td data-label="Plan"><a class="muted-link" href="#/accounts/{id}/plan" aria-label="Create a plan for {name}">Create</a></td></tr>"##)), "{markup}");
        assert!(markup.ends_with("</tr>"));
        assert_eq!(markup.matches("<td ").count(), 9);
        assert!(!markup.contains("<b>"));
    }

    #[test]
    fn the_plan_column_shows_completeness_and_staleness() {
        let accounts = demo_accounts(1, "2026-11-01T00:00:00.000Z");
        let a = &accounts[0];
        let mut doc = Document::default();
        let templates = doc.plans.all_templates();
        doc.plans.plans.push(Rc::new(Plan::new(
            99,
            a.id,
            templates[0].id,
            "2025-01-01T00:00:00.000Z",
        )));
        let rows = [row(a, &doc.settings)];
        let total = templates[0].sections.len();
        let fresh = rows_markup(&rows, &doc, &templates, Some("2025-01-02T00:00:00.000Z"));
        assert!(
            fresh.contains(&format!(
                r#"aria-label="Plan for {}: 0 of {total} sections">0/{total}</a></td>"#,
                a.name
            )),
            "{fresh}"
        );
        let stale = rows_markup(&rows, &doc, &templates, Some("2026-11-01T00:00:00.000Z"));
        assert!(stale.contains(&format!(r#"sections, stale">0/{total}</a> <span class="status-badge status-badge--stale">Stale</span></td>"#)), "{stale}");
    }

    #[test]
    fn old_ratings_are_flagged_in_their_column() {
        let mut accounts = demo_accounts(1, "2026-11-01T00:00:00.000Z");
        let a = &mut accounts[0];
        a.reviewed_at = Some("2026-08-03T10:00:00.000Z".into());
        let doc = Document::default();
        let templates = doc.plans.all_templates();
        let rows = [row(&accounts[0], &doc.settings)];
        let at = |today| rows_markup(&rows, &doc, &templates, Some(today));
        assert!(
            !at("2026-11-01T10:00:00.000Z").contains("Ratings old"),
            "90 days"
        );
        assert!(at("2026-11-02T10:00:00.000Z").contains(
            r#"<td data-label="Last reviewed">3 Aug 2026 <span class="status-badge status-badge--stale" title="Not reviewed for more than 90 days">Ratings old</span></td>"#
        ));
    }
}
