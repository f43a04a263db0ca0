//! How the visitor last left the screens' views: the accounts list's search, filters, order
//! and page, and History's chart. The app state keeps them while the app is open; this copy
//! in the tab's session storage keeps them over a reload, or the browser bringing the tab
//! back, so that the list comes back as it was left and Back finds the row it led from.
//! They are not the user's data: the stored document knows nothing of them, and losing them
//! (a refused or garbled copy) only means starting from the usual view.
//!
//! Written as plain values through the browser's JSON, like browser/places.rs: a reader of
//! its own in the first download would weigh far more.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};

use super::session_copy;
use crate::domain::accounts::Tier;
use crate::domain::history::{GroupBy, TrendView};
use crate::domain::portfolio::{ListQuery, QuadrantFilter, SortKey};

/// The key of the copy in the tab's session storage, which no other tab reads.
const SESSION_KEY: &str = "account-grader.view";

/// Copies the views as they are now; called whenever one changes. The usual views leave no
/// copy at all.
pub fn keep(list: &ListQuery, trend: &TrendView) {
    if *list == ListQuery::default() && *trend == TrendView::default() {
        session_copy::remove(SESSION_KEY);
        return;
    }
    let kept: Array = [list_to_js(list), trend_to_js(trend)].iter().collect();
    session_copy::write(SESSION_KEY, &kept);
}

/// The views `keep` copied before a reload; the usual one for any part not read.
pub fn taken_back() -> Option<(ListQuery, TrendView)> {
    let kept = session_copy::read(SESSION_KEY)?;
    Some((
        array(kept.get(0))
            .and_then(list_from_js)
            .unwrap_or_default(),
        array(kept.get(1))
            .and_then(trend_from_js)
            .unwrap_or_default(),
    ))
}

/// `value` if it is an array.
fn array(value: JsValue) -> Option<Array> {
    value.dyn_into().ok()
}

/// The list's query as plain values: the search, the quadrant's and the tier's words, the
/// manager and the industry (null for any), the order's word, descending, the page.
fn list_to_js(q: &ListQuery) -> JsValue {
    let maybe = |s: &Option<String>| s.as_deref().map_or(JsValue::NULL, JsValue::from);
    let values = [
        JsValue::from(&q.search),
        q.quadrant.slug().into(),
        q.tier.map_or("", Tier::letter).into(),
        maybe(&q.manager),
        maybe(&q.industry),
        q.sort.slug().into(),
        q.descending.into(),
        (q.page as f64).into(),
    ];
    values.iter().collect::<Array>().into()
}

fn list_from_js(kept: Array) -> Option<ListQuery> {
    let text = |i: u32| kept.get(i).as_string();
    Some(ListQuery {
        search: text(0)?,
        quadrant: QuadrantFilter::from_slug(&text(1)?),
        tier: Tier::from_letter(&text(2)?),
        manager: text(3),
        industry: text(4),
        sort: SortKey::from_slug(&text(5)?)?,
        descending: kept.get(6).as_bool()?,
        page: kept
            .get(7)
            .as_f64()
            .filter(|p| p.is_finite() && *p >= 0.0)? as usize,
    })
}

/// History's chart as plain values: the grouping's word (null until chosen), the lines
/// unticked, whether its table is open.
fn trend_to_js(view: &TrendView) -> JsValue {
    let hidden: Array = view.hidden.iter().map(JsValue::from).collect();
    let values = [
        view.by.map_or(JsValue::NULL, |by| by.slug().into()),
        hidden.into(),
        view.table_open.into(),
    ];
    values.iter().collect::<Array>().into()
}

fn trend_from_js(kept: Array) -> Option<TrendView> {
    let by = match kept.get(0).as_string() {
        Some(slug) => Some(GroupBy::from_slug(&slug)?),
        None => None,
    };
    let hidden = array(kept.get(1))?
        .iter()
        .map(|key| key.as_string())
        .collect::<Option<Vec<String>>>()?;
    Some(TrendView {
        by,
        hidden,
        table_open: kept.get(2).as_bool()?,
    })
}
