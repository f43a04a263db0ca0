use crate::support::dates::format_local;

/// The current local time as an RFC 3339 timestamp with the browser's UTC offset.
pub fn now_iso() -> String {
    let d = js_sys::Date::new_0();
    // getTimezoneOffset is minutes *behind* UTC (UTC+1 gives -60).
    let offset = -(d.get_timezone_offset() as i32);
    format_local(
        d.get_full_year() as i32,
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
        offset,
    )
}

/// The current time where there is a browser clock; none in native renders (the render tests
/// and the build's prerendered first screen), which have no JavaScript `Date`.
pub fn now_iso_in_browser() -> Option<String> {
    cfg!(target_arch = "wasm32").then(now_iso)
}

/// A token unique to this moment and browser, for identifiers that must stay stable once made
/// (such as a calendar event's UID).
pub fn unique_token() -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("{}-{random}", js_sys::Date::now() as u64)
}
