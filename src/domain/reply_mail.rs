//! The e-mail a prospect's own mail app opens with their result link in it: a `mailto:`
//! address the app builds and the prospect sends, or not, themselves.

use super::share::Invitation;

/// True when `text` can stand as the address of a `mailto:` link: one `@` with something
/// on both sides, a dot in the domain, and no spaces or characters mail addresses never
/// hold unquoted. Beyond ASCII, any character that can be seen may be part of an
/// internationalised address (RFC 6531), accents written as combining marks included; not a
/// space, a control, or an invisible mark that changes how the text runs or joins (a link
/// from someone else could hide one in the address).
pub fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let letter = |c: char| {
        c.is_ascii_alphanumeric()
            || (!c.is_ascii() && !c.is_whitespace() && !c.is_control() && !is_invisible(c))
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && local
            .chars()
            .all(|c| letter(c) || "!#$%&'*+-/=?^_`{|}~.".contains(c))
        && domain.chars().all(|c| letter(c) || c == '-' || c == '.')
}

/// The invisible formatting characters: soft hyphen, zero-width spaces and joiners, marks
/// of writing direction, word joiner and byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// Percent-encodes every byte but the unreserved ones of RFC 3986 (and `@` where `keep_at`).
fn encode(text: &str, keep_at: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_at && b == b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `mailto:` link (RFC 6068) to `to` (left out when it is not an address) with the
/// subject and body filled in; line breaks in the body become CRLF as the RFC asks.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    let to = to.trim();
    let to = if is_address(to) {
        encode(to, true)
    } else {
        String::new()
    };
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{to}?subject={}&body={}",
        encode(subject, false),
        encode(&body, false)
    )
}

/// Who answered, as the reply introduces them: "Dana Lee, Northwind" or either alone.
fn signature(name: &str, company: &str) -> String {
    match (name.trim(), company.trim()) {
        ("", "") => String::new(),
        (n, "") => n.into(),
        ("", c) => c.into(),
        (n, c) => format!("{n}, {c}"),
    }
}

/// The subject and body of the reply to `invitation`, around the result `link`.
pub fn reply_message(
    invitation: &Invitation,
    name: &str,
    company: &str,
    score: usize,
    link: &str,
) -> (String, String) {
    let who = signature(name, company);
    let subject = if who.is_empty() {
        "My Account Grader result".to_string()
    } else {
        format!("Account Grader result from {who}")
    };
    let greeting = match invitation.sender.trim() {
        "" => "Hello,".to_string(),
        sender => format!("Hello {sender},"),
    };
    let mut body = format!(
        "{greeting}\n\nHere is how our account management scored on the Account Grader: \
         {score} of 10 practices done consistently. The link opens my answers:\n\n{link}\n"
    );
    if !who.is_empty() {
        body.push_str(&format!("\n{who}\n"));
    }
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_from_other_text() {
        for good in [
            "dana@acme.example",
            "d.lee+grader@mail.acme.co.uk",
            "josé@société.fr",
            // The é of José written as e and a combining accent.
            "jose\u{301}@acme.example",
        ] {
            assert!(is_address(good), "{good}");
        }
        for bad in [
            "",
            "dana",
            "dana@",
            "@acme.com",
            "dana@acme",
            "da na@acme.com",
            "a@b@c.com",
            "x@acme.com?cc=evil@x.com",
            "dana@.com",
            "dana\u{a0}lee@acme.com",
            "dana@acme\u{2003}.com",
            "dana\u{200b}@acme.com",
            "dana@acme\u{202e}moc.evil",
        ] {
            assert!(!is_address(bad), "{bad}");
        }
    }

    #[test]
    fn the_mail_link_encodes_everything_a_mail_app_could_misread() {
        let link = mailto(
            "dana@acme.example",
            "Result & more",
            "Line one\nhttps://x.example/app/#/r/Ab-_9?x=1&y=2\nÅse",
        );
        assert_eq!(
            link,
            "mailto:dana@acme.example?subject=Result%20%26%20more&body=Line%20one%0D%0Ahttps%3A%2F%2Fx.example%2Fapp%2F%23%2Fr%2FAb-_9%3Fx%3D1%26y%3D2%0D%0A%C3%85se"
        );
        // Not an address: the prospect fills in the recipient in their mail app.
        assert!(mailto("call me", "s", "b").starts_with("mailto:?subject="));
    }

    #[test]
    fn the_reply_names_the_sender_the_prospect_and_the_link() {
        let inv = Invitation {
            sender: "Ann".into(),
            ..Invitation::default()
        };
        let (subject, body) = reply_message(&inv, "Dana Lee", "Northwind", 3, "https://x/#/r/AB");
        assert_eq!(subject, "Account Grader result from Dana Lee, Northwind");
        assert!(body.starts_with("Hello Ann,"));
        assert!(body.contains("3 of 10 practices"));
        assert!(body.contains("\n\nhttps://x/#/r/AB\n"));
        assert!(body.ends_with("Dana Lee, Northwind\n"));
        let (subject, body) = reply_message(&Invitation::default(), " ", "", 0, "L");
        assert_eq!(subject, "My Account Grader result");
        assert!(body.starts_with("Hello,"));
    }
}
