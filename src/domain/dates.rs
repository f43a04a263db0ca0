//! Timestamps are kept as RFC 3339 text in UTC (what `Date.toISOString()` gives), which sorts
//! correctly as plain text; these helpers read the parts the app shows.

/// The calendar date of a timestamp, `2026-11-23T08:43:45.000Z` → `2026-11-23`.
pub fn date_part(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// A readable date, `2026-11-23T08:43:45.000Z` → `23 Nov 2026`. Text that is not a timestamp is
/// returned unchanged rather than hidden.
pub fn readable_date(timestamp: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date = date_part(timestamp);
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return timestamp.to_string();
    };
    match (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>()) {
        (Ok(y), Ok(m @ 1..=12), Ok(d @ 1..=31)) => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => timestamp.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iso_timestamps() {
        assert_eq!(date_part("2026-11-23T08:43:45.000Z"), "2026-11-23");
        assert_eq!(readable_date("2026-11-03T08:43:45.000Z"), "3 Nov 2026");
        assert_eq!(readable_date("2026-01-31"), "31 Jan 2026");
    }

    #[test]
    fn leaves_other_text_alone() {
        assert_eq!(readable_date("yesterday"), "yesterday");
        assert_eq!(readable_date("2026-13-01"), "2026-13-01");
        assert_eq!(date_part("short"), "short");
    }
}
