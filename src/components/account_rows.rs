//! The accounts table's rows, written as one piece of markup for `RawTableBody`: the browser
//! parses a page of rows several times faster than Yew builds their elements one call at a
//! time. The rows hold links only, so nothing in them needs a listener.

use super::markup::{Markup, SafeMarkup};
use super::quadrant_badge::badge_parts;
use crate::domain::accounts::Account;
use crate::domain::guidance::ratings_are_stale;
use crate::domain::plans::Template;
use crate::domain::portfolio::Row;
use crate::domain::settings::format_money;
use crate::route::Route;
use crate::storage::schema::Document;
use crate::support::dates::readable_date;

/// One `<tr>` a row, in the order given.
pub fn rows_markup(
    rows: &[Row],
    doc: &Document,
    templates: &[Template],
    today: Option<&str>,
) -> SafeMarkup {
    let mut out = Markup::with_capacity(rows.len() * 900);
    for row in rows {
        push_row(&mut out, row, doc, templates, today);
    }
    out.finish()
}

const DASH: &str = "—";

fn push_row(
    out: &mut Markup,
    row: &Row,
    doc: &Document,
    templates: &[Template],
    today: Option<&str>,
) {
    let a = row.account;
    let score = |m: &mut Markup, v: Option<u8>| {
        match v {
            Some(v) => m.display(v),
            None => m.text(DASH),
        };
    };
    out.element("tr").inside(|m| {
        cell(m, "Name", None, |m| {
            m.element("a")
                .attr("href", &Route::Account(a.id).href())
                .inside(|m| {
                    m.text(&a.name);
                });
        });
        cell(m, "Tier", None, |m| {
            m.element("span")
                .attr(
                    "class",
                    &format!("tier tier--{}", a.tier.letter().to_lowercase()),
                )
                .inside(|m| {
                    m.text(a.tier.letter());
                });
        });
        cell(m, "Manager", None, |m| {
            m.text(if a.manager.is_empty() {
                DASH
            } else {
                &a.manager
            });
        });
        cell(m, "Revenue", Some("num"), |m| {
            match a.revenue {
                Some(v) => m.text(&format_money(v, &doc.settings.currency)),
                None => m.text(DASH),
            };
        });
        cell(m, "Relationship", Some("num"), |m| {
            score(m, row.position.map(|p| p.relationship));
        });
        cell(m, "Potential", Some("num"), |m| {
            score(m, row.position.map(|p| p.potential));
        });
        cell(m, "Quadrant", None, |m| {
            let (class, text) = badge_parts(row.quadrant);
            m.element("span").attr("class", &class).inside(|m| {
                m.text(text);
            });
        });
        cell(m, "Last reviewed", None, |m| {
            reviewed_cell(m, a, doc.settings.rating_stale_days, today);
        });
        cell(m, "Plan", None, |m| plan_cell(m, doc, templates, a, today));
    });
}

/// A cell labelled for the narrow layout, where each cell shows its column's name.
fn cell(
    out: &mut Markup,
    label: &'static str,
    class: Option<&'static str>,
    content: impl FnOnce(&mut Markup),
) {
    let td = out.element("td").attr("data-label", label);
    match class {
        Some(class) => td.attr("class", class),
        None => td,
    }
    .inside(content);
}

/// When the ratings were last reviewed, flagged when that is too long ago.
fn reviewed_cell(out: &mut Markup, account: &Account, stale_days: u32, today: Option<&str>) {
    match account.reviewed_at.as_deref() {
        Some(t) => out.text(&readable_date(t)),
        None => out.text("Never"),
    };
    if today.is_some_and(|t| ratings_are_stale(account, t, stale_days)) {
        out.text(" ");
        out.element("span")
            .attr("class", "status-badge status-badge--stale")
            .attr(
                "title",
                &format!("Not reviewed for more than {stale_days} days"),
            )
            .inside(|m| {
                m.text("Ratings old");
            });
    }
}

/// The plan column: completeness and staleness, linked to the plan.
fn plan_cell(
    out: &mut Markup,
    doc: &Document,
    templates: &[Template],
    account: &Account,
    today: Option<&str>,
) {
    let href = Route::Plan(account.id).href();
    let Some((plan, template)) = doc
        .plans
        .plan_for(account.id)
        .and_then(|p| Some((p, templates.iter().find(|t| t.id == p.template)?)))
    else {
        out.element("a")
            .attr("class", "muted-link")
            .attr("href", &href)
            .attr("aria-label", &format!("Create a plan for {}", account.name))
            .inside(|m| {
                m.text("Create");
            });
        return;
    };
    let (filled, total) = plan.completeness(template);
    let stale = today.is_some_and(|t| plan.is_stale(t, doc.settings.plan_stale_days));
    let note = if stale { ", stale" } else { "" };
    out.element("a")
        .attr("href", &href)
        .attr(
            "aria-label",
            &format!(
                "Plan for {}: {filled} of {total} sections{note}",
                account.name
            ),
        )
        .inside(|m| {
            m.text(&format!("{filled}/{total}"));
        });
    if stale {
        out.text(" ");
        out.element("span")
            .attr("class", "status-badge status-badge--stale")
            .inside(|m| {
                m.text("Stale");
            });
    }
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
        let markup = markup.as_str();
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
        let fresh = fresh.as_str();
        assert!(
            fresh.contains(&format!(
                r#"aria-label="Plan for {}: 0 of {total} sections">0/{total}</a></td>"#,
                a.name
            )),
            "{fresh}"
        );
        let stale = rows_markup(&rows, &doc, &templates, Some("2026-11-01T00:00:00.000Z"));
        let stale = stale.as_str();
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
        let at = |today| {
            rows_markup(&rows, &doc, &templates, Some(today))
                .as_str()
                .to_string()
        };
        assert!(
            !at("2026-11-01T10:00:00.000Z").contains("Ratings old"),
            "90 days"
        );
        assert!(at("2026-11-02T10:00:00.000Z").contains(
            r#"<td data-label="Last reviewed">3 Aug 2026 <span class="status-badge status-badge--stale" title="Not reviewed for more than 90 days">Ratings old</span></td>"#
        ));
    }
}
