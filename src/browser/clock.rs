/// The current time as an RFC 3339 UTC timestamp, the form `domain` stores.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}
