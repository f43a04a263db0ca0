//! Timestamps are kept as RFC 3339 text with the user's local offset
//! (`2026-11-23T09:15:00+01:00`), so the date and time shown are the ones the user saw on
//! their clock; [`instant`] turns them into one comparable number for ordering.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The calendar date of a timestamp, `2026-11-23T08:43:45+01:00` → `2026-11-23`.
pub fn date_part(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

fn number<T: std::str::FromStr>(s: &str, range: std::ops::RangeInclusive<i64>) -> Option<T> {
    let v: i64 = s.parse().ok()?;
    range.contains(&v).then(|| s.parse().ok())?
}

/// Year, month and day of a timestamp's date.
fn ymd(timestamp: &str) -> Option<(i64, usize, i64)> {
    let date = date_part(timestamp);
    // Text from links and files may hold any character; only ASCII can be cut by position
    // without landing inside a character.
    if !date.is_ascii() || date.len() != 10 {
        return None;
    }
    if date.get(4..5)? != "-" || date.get(7..8)? != "-" {
        return None;
    }
    Some((
        number(date.get(..4)?, 1..=9999)?,
        number(date.get(5..7)?, 1..=12)?,
        number(date.get(8..10)?, 1..=31)?,
    ))
}

/// A readable date, `2026-11-23T08:43:45+01:00` → `23 Nov 2026`. Text that is not a timestamp
/// is returned unchanged rather than hidden.
pub fn readable_date(timestamp: &str) -> String {
    match ymd(timestamp) {
        Some((y, m, d)) => format!("{d} {} {y}", MONTHS[m - 1]),
        None => timestamp.to_string(),
    }
}

/// The date with the clock time, `23 Nov 2026, 08:43`, to tell apart saves of the same day.
pub fn readable_date_time(timestamp: &str) -> String {
    let time = timestamp.get(11..16).filter(|t| {
        t.is_ascii()
            && t.get(2..3) == Some(":")
            && t.get(..2).is_some_and(|h| h.parse::<u8>().is_ok())
            && t.get(3..).is_some_and(|m| m.parse::<u8>().is_ok())
    });
    match (ymd(timestamp), time) {
        (Some(_), Some(t)) => format!("{}, {t}", readable_date(timestamp)),
        _ => readable_date(timestamp),
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since the Unix epoch of an RFC 3339 timestamp (`Z` or `±hh:mm` offset; a date alone
/// counts as midnight UTC). `None` for anything else.
pub fn instant(timestamp: &str) -> Option<i64> {
    if !timestamp.is_ascii() {
        return None;
    }
    let (y, m, d) = ymd(timestamp)?;
    let days = days_from_civil(y, m as i64, d);
    if timestamp.len() == 10 {
        return Some(days * 86_400);
    }
    let rest = timestamp.get(10..)?;
    let (sep, time) = (rest.get(..1)?, rest.get(1..)?);
    if sep != "T" && sep != " " {
        return None;
    }
    let hh: i64 = number(time.get(..2)?, 0..=23)?;
    let mm: i64 = number(time.get(3..5)?, 0..=59)?;
    let ss: i64 = number(time.get(6..8)?, 0..=60)?;
    // Skip fractional seconds to reach the offset.
    let zone = time
        .get(8..)?
        .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match zone {
        "Z" | "z" => 0,
        z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) => {
            let oh: i64 = number(z.get(1..3)?, 0..=23)?;
            let om: i64 = number(z.get(4..6)?, 0..=59)?;
            let sign = if z.starts_with('-') { -1 } else { 1 };
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss - offset)
}

/// The civil date of a day count since 1970-01-01 (inverse of `days_from_civil`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A `YYYY-MM-DD` date in iCalendar's basic form, and the day after it: `2026-12-31` →
/// (`20261231`, `20270101`). `None` if it is not a valid date.
pub fn ical_day_and_next(date: &str) -> Option<(String, String)> {
    let (y, m, d) = ymd(date)?;
    let days = days_from_civil(y, m as i64, d);
    // Reject dates like 2026-02-31 that the arithmetic would roll into March.
    if civil_from_days(days) != (y, m as u32, d as u32) {
        return None;
    }
    let (ny, nm, nd) = civil_from_days(days + 1);
    Some((
        format!("{y:04}{m:02}{d:02}"),
        format!("{ny:04}{nm:02}{nd:02}"),
    ))
}

/// True for a `YYYY-MM-DD` date that is on the calendar (not `2026-02-31`).
pub fn is_real_date(date: &str) -> bool {
    date.len() == 10 && ical_day_and_next(date).is_some()
}

/// A timestamp as iCalendar UTC date-time: `2026-11-23T10:15:00+01:00` → `20261123T091500Z`.
pub fn ical_utc(timestamp: &str) -> Option<String> {
    let t = instant(timestamp)?;
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    Some(format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    ))
}

/// Days since 2000-01-01 of a timestamp's calendar date (as written, in its own zone).
pub fn day_number(timestamp: &str) -> Option<i64> {
    let (y, m, d) = ymd(timestamp)?;
    Some(days_from_civil(y, m as i64, d) - days_from_civil(2000, 1, 1))
}

/// The `YYYY-MM-DD` date of a day number from [`day_number`].
pub fn date_of_day_number(n: i64) -> String {
    let (y, m, d) = civil_from_days(n + days_from_civil(2000, 1, 1));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Whole days from `earlier` to `later`, or `None` if either is not a timestamp.
pub fn days_between(earlier: &str, later: &str) -> Option<i64> {
    Some((instant(later)? - instant(earlier)?).div_euclid(86_400))
}

/// Formats a local time as stored: the parts from the browser's clock and its offset from
/// UTC in minutes east (so UTC+1 is 60).
#[allow(clippy::too_many_arguments)]
pub fn format_local(
    y: i32,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
    offset_minutes: i32,
) -> String {
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:{:02}",
        off / 60,
        off % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_timestamps() {
        assert_eq!(date_part("2026-11-23T08:43:45.000Z"), "2026-11-23");
        assert_eq!(readable_date("2026-11-03T08:43:45.000Z"), "3 Nov 2026");
        assert_eq!(readable_date("2026-01-31"), "31 Jan 2026");
        assert_eq!(
            readable_date_time("2026-11-22T23:07:00-10:00"),
            "22 Nov 2026, 23:07"
        );
        assert_eq!(readable_date_time("2026-01-31"), "31 Jan 2026");
    }

    #[test]
    fn leaves_other_text_alone() {
        assert_eq!(readable_date("yesterday"), "yesterday");
        assert_eq!(readable_date("2026-13-01"), "2026-13-01");
        assert_eq!(readable_date_time("x"), "x");
        assert_eq!(date_part("short"), "short");
    }

    #[test]
    fn instants_account_for_the_offset() {
        assert_eq!(instant("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(instant("1970-01-02"), Some(86_400));
        assert_eq!(instant("2000-03-01T00:00:00.000Z"), Some(951_868_800));
        // The same moment written in two zones.
        assert_eq!(
            instant("2026-11-22T23:07:00-10:00"),
            instant("2026-11-23T09:07:00.000Z")
        );
        assert_eq!(instant("2026-11-23T09:07:00+25:00"), None);
        assert_eq!(instant("not a date"), None);
    }

    #[test]
    fn days_between_counts_whole_days() {
        assert_eq!(
            days_between("2026-01-01T10:00:00Z", "2026-04-01T09:00:00Z"),
            Some(89)
        );
        assert_eq!(days_between("x", "2026-04-01"), None);
    }

    #[test]
    fn ical_dates_roll_over_months_and_years() {
        assert_eq!(
            ical_day_and_next("2026-12-31"),
            Some(("20261231".into(), "20270101".into()))
        );
        assert_eq!(
            ical_day_and_next("2028-02-28"),
            Some(("20280228".into(), "20280229".into()))
        );
        assert_eq!(ical_day_and_next("2026-02-31"), None);
        assert_eq!(ical_day_and_next("soon"), None);
        assert!(is_real_date("2028-02-29"));
        assert!(!is_real_date("2027-02-29"));
        assert!(!is_real_date("2026-06-30T10:00:00Z"));
        assert!(!is_real_date(""));
        assert_eq!(
            ical_utc("2026-11-23T10:15:00+01:00").as_deref(),
            Some("20261123T091500Z")
        );
    }

    #[test]
    fn local_times_are_written_with_their_offset() {
        assert_eq!(
            format_local(2026, 11, 22, 23, 7, 5, -600),
            "2026-11-22T23:07:05-10:00"
        );
        assert_eq!(
            format_local(2026, 1, 2, 3, 4, 5, 330),
            "2026-01-02T03:04:05+05:30"
        );
        let ts = format_local(2026, 11, 23, 10, 7, 0, 60);
        assert_eq!(instant(&ts), instant("2026-11-23T09:07:00Z"));
    }

    #[test]
    fn multibyte_characters_where_digits_belong_are_not_dates() {
        // Each puts a multibyte character across a position the parser looks at.
        for text in ["abc€efghi", "2026€11-23", "2026-1é-23T09:00:00Z"] {
            assert_eq!(readable_date(text), text);
            assert_eq!(readable_date_time(text), text);
            assert_eq!(instant(text), None);
        }
        // A sound date keeps its day when what follows it is not a time.
        assert_eq!(readable_date_time("2026-11-23T0€:00"), "23 Nov 2026");
        assert_eq!(instant("2026-11-23T09:00:00+€ab"), None);
    }

    /// A well-formed timestamp with one of its characters (from the third on) swapped for a
    /// multibyte one, so a character straddles where a digit or separator is expected.
    fn timestamp_with_a_wide_char() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let stamp =
            "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2}))?";
        (stamp, "[€é😀ß]", 2usize..=24).prop_map(|(stamp, wide, at)| {
            let at = at.min(stamp.len() - 1);
            format!("{}{wide}{}", &stamp[..at], &stamp[at + 1..])
        })
    }

    fn every_helper(text: &str) {
        let _ = date_part(text);
        let _ = readable_date(text);
        let _ = readable_date_time(text);
        let _ = instant(text);
        let _ = ical_day_and_next(text);
        let _ = is_real_date(text);
        let _ = ical_utc(text);
        let _ = day_number(text);
        let _ = days_between(text, "2026-01-01");
        let _ = days_between("2026-01-01", text);
    }

    proptest::proptest! {
        #[test]
        fn no_helper_panics_on_any_text(text in "\\PC{0,20}") {
            every_helper(&text);
        }

        #[test]
        fn no_helper_panics_on_dates_with_wide_characters(text in timestamp_with_a_wide_char()) {
            every_helper(&text);
        }
    }
}
