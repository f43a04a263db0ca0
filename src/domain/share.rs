//! Share links: data carried in the URL fragment itself, never sent to a server.
//!
//! A payload is `kind byte · body · 2-byte checksum`, in unpadded base64url. The kind byte
//! names what the link holds and its format version; the checksum catches truncated links and
//! changed characters. Result links are packed by hand to stay short; account links are JSON,
//! raw-deflated by the browser (`browser::deflate`) between [`account_json`] and
//! [`encode_account`], and inflated between [`decode_account`] and [`account_from_json`].
//! Every decoder refuses bad input with a reason and never panics.

use serde::{Deserialize, Deserializer, Serialize};

use super::accounts::{amount, Account, CopySource, Tier};
use super::grader::{Answer, Answers};
use super::history::SavedAssessment;
use super::plans::{Consensus, Content, Plan, Template};
use super::practices::PRACTICES;
use super::quadrant::Thresholds;
use super::rating::{Ratings, Weights};
use super::reclassification::read_upgraded;
use crate::support::dates::{date_of_day_number, date_part, day_number, instant, is_real_date};
use crate::support::json;

const RESULT_V1: u8 = 0x11;
/// A prospect's reply to an invitation: the answers and date as V1, then who answered,
/// without a label.
const RESULT_V2: u8 = 0x12;
const INVITATION_V1: u8 = 0x21;
/// As V1, with the sender's firm and an address for replies between the sender and the
/// message.
const INVITATION_V2: u8 = 0x22;
const ACCOUNT_V1: u8 = 0x31;
/// An account link encrypted with a passphrase: salt, IV, then the AES-GCM ciphertext of the
/// deflated JSON. Its key took [`V1_PBKDF2_ITERATIONS`] rounds; links are no longer made so.
const ACCOUNT_LOCKED_V1: u8 = 0x32;
/// As V1, after a 4-byte little-endian PBKDF2 round count, so the count can rise again
/// without making older links unreadable.
const ACCOUNT_LOCKED_V2: u8 = 0x33;
/// A plan for the client (see `client_share`): the deflated JSON of a `ClientPlan`.
const CLIENT_V1: u8 = 0x41;
/// A client link encrypted with a passphrase, laid out as [`ACCOUNT_LOCKED_V2`].
const CLIENT_LOCKED_V1: u8 = 0x42;
pub const SALT_LEN: usize = 16;
pub const IV_LEN: usize = 12;
/// PBKDF2 rounds for new links: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Each guess at a
/// passphrase costs an attacker that many hashes.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// The rounds every V1 link used.
pub const V1_PBKDF2_ITERATIONS: u32 = 250_000;
/// The most rounds a link may ask for. The count comes from the link, so a changed one could
/// otherwise keep the recipient's browser hashing for hours; this leaves room to raise
/// [`PBKDF2_ITERATIONS`] a few times.
pub const MAX_PBKDF2_ITERATIONS: u32 = 5_000_000;
/// Deflated account payloads may not inflate past this, so a crafted link cannot exhaust
/// memory. The browser side enforces it while inflating.
pub const MAX_INFLATED: usize = 1024 * 1024;
/// Longer fragments are refused before decoding.
pub const MAX_PAYLOAD_CHARS: usize = 200_000;
pub const MAX_LABEL_BYTES: usize = 40;
pub const MAX_SENDER_BYTES: usize = 60;
pub const MAX_MESSAGE_BYTES: usize = 280;
pub const MAX_FIRM_BYTES: usize = 60;
pub const MAX_CONTACT_BYTES: usize = 80;
/// The prospect's name and company in a reply; short enough that a reply link stays well
/// under 200 characters after the `#`.
pub const MAX_NAME_BYTES: usize = 50;
pub const MAX_COMPANY_BYTES: usize = 60;

/// Why a link could not be opened. Local data is never touched by a bad link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    Empty,
    TooLong,
    NotALink,
    Damaged,
    WrongKind,
    UnknownVersion,
    TooLarge,
    /// The browser cannot unpack account links.
    Unsupported,
    /// The account link is encrypted: ask for the passphrase.
    NeedsPassphrase,
    WrongPassphrase,
    /// The link asks for more key-derivation rounds than [`MAX_PBKDF2_ITERATIONS`].
    TooCostly,
}

impl ShareError {
    pub fn explanation(&self) -> &'static str {
        match self {
            ShareError::Empty => "This link has no data in it. Ask the sender for the whole link.",
            ShareError::TooLong => "This link is far longer than any link Account Grader makes.",
            ShareError::NotALink => "This link contains characters Account Grader never puts in its links; it may have been changed or mangled by an e-mail program.",
            ShareError::Damaged => "This link is incomplete or has been changed, so its content cannot be trusted. Ask the sender to copy it again, in full.",
            ShareError::WrongKind => "This link holds a different kind of content than its address says.",
            ShareError::UnknownVersion => "This link was made by a newer version of Account Grader.",
            ShareError::TooLarge => "This link's content would unpack to far more data than any real share holds, so it was not opened.",
            ShareError::Unsupported => "This browser cannot unpack account links. Open the link in a current version of Chrome, Edge, Firefox or Safari.",
            ShareError::NeedsPassphrase => "This link is protected with a passphrase.",
            ShareError::WrongPassphrase => {
                "That passphrase does not open this link (or the link was changed). Check it with the sender."
            }
            ShareError::TooCostly => "This link asks your browser to do far more work to unlock it than any link Account Grader makes, enough to tie it up for minutes or hours, so it was not tried. The link may have been changed: ask the sender for a new one.",
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn b64_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let values: Vec<u32> = text
        .bytes()
        .map(|c| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32))
        .collect::<Option<_>>()
        .ok_or(ShareError::NotALink)?;
    if values.len() % 4 == 1 {
        return Err(ShareError::Damaged);
    }
    let mut out = Vec::with_capacity(values.len() * 3 / 4);
    for chunk in values.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &v)| n | v << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

/// FNV-1a, folded to 16 bits: enough to catch a changed character or a cut-off link.
fn checksum(bytes: &[u8]) -> [u8; 2] {
    let h = bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    (((h >> 16) ^ h) as u16).to_le_bytes()
}

fn seal(kind: u8, body: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(body.len() + 3);
    bytes.push(kind);
    bytes.extend_from_slice(body);
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum);
    b64_encode(&bytes)
}

/// Checks a payload's encoding, checksum and kind, which may be any of `kinds` (all of one
/// family); returns which it is, with its body.
fn open_any(payload: &str, kinds: &[u8]) -> Result<(u8, Vec<u8>), ShareError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return Err(ShareError::Empty);
    }
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(ShareError::TooLong);
    }
    let mut bytes = b64_decode(payload)?;
    if bytes.len() < 3 {
        return Err(ShareError::Damaged);
    }
    let sum = bytes.split_off(bytes.len() - 2);
    if sum != checksum(&bytes) {
        return Err(ShareError::Damaged);
    }
    match bytes[0] {
        k if kinds.contains(&k) => Ok((k, bytes.split_off(1))),
        k if kinds.iter().any(|kind| k >> 4 == kind >> 4) => Err(ShareError::UnknownVersion),
        _ => Err(ShareError::WrongKind),
    }
}

/// Cuts text to at most `max` bytes at a character boundary.
fn clip(s: &str, max: usize) -> &str {
    let s = s.trim();
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A saved assessment as a link carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedResult {
    pub answers: Answers,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub label: String,
    /// Who answered and for which company: set in a prospect's reply, empty otherwise.
    pub name: String,
    pub company: String,
    /// True for a prospect's reply to an invitation, as opposed to someone's own saved
    /// assessment passed on.
    pub reply: bool,
}

/// The answers as two bit masks (done, answered) in checklist order, then the day.
fn pack_answers(answers: &Answers, date: &str, body: &mut Vec<u8>) {
    let (mut yes, mut answered) = (0u16, 0u16);
    for (i, p) in PRACTICES.iter().enumerate() {
        match answers.get(p.id) {
            Some(Answer::Yes) => {
                yes |= 1 << i;
                answered |= 1 << i;
            }
            Some(Answer::NotYet) => answered |= 1 << i,
            None => {}
        }
    }
    let day = day_number(date).unwrap_or(0).clamp(0, i64::from(u16::MAX)) as u16;
    body.extend_from_slice(&yes.to_le_bytes());
    body.extend_from_slice(&answered.to_le_bytes());
    body.extend_from_slice(&day.to_le_bytes());
}

/// The answers and date from the first 6 bytes of a result body.
fn unpack_answers(body: &[u8]) -> Result<(Answers, String), ShareError> {
    if body.len() < 6 {
        return Err(ShareError::Damaged);
    }
    let word = |i: usize| u16::from_le_bytes([body[i], body[i + 1]]);
    let (yes, answered, day) = (word(0), word(2), word(4));
    if yes & !answered != 0 || answered >> PRACTICES.len() != 0 {
        return Err(ShareError::Damaged);
    }
    let mut answers = Answers::default();
    for (i, p) in PRACTICES.iter().enumerate() {
        if answered & (1 << i) != 0 {
            let answer = if yes & (1 << i) != 0 {
                Answer::Yes
            } else {
                Answer::NotYet
            };
            answers.set(p.id, answer);
        }
    }
    Ok((answers, date_of_day_number(i64::from(day))))
}

fn text(bytes: &[u8]) -> Result<String, ShareError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| ShareError::Damaged)
}

/// Appends `s`, cut to `max` bytes, after its length in one byte.
fn push_counted(body: &mut Vec<u8>, s: &str, max: usize) {
    let s = clip(s, max);
    body.push(s.len() as u8);
    body.extend_from_slice(s.as_bytes());
}

/// Takes one text written by [`push_counted`] off the front of `rest`.
fn take_counted(rest: &mut &[u8], max: usize) -> Result<String, ShareError> {
    let (&n, tail) = rest.split_first().ok_or(ShareError::Damaged)?;
    let n = usize::from(n);
    if n > max || tail.len() < n {
        return Err(ShareError::Damaged);
    }
    let (s, tail) = tail.split_at(n);
    *rest = tail;
    text(s)
}

/// The payload of a result link (at most 67 characters: 10 answers in 4 bytes, the date in
/// 2, the label cut to 40 bytes).
pub fn encode_result(a: &SavedAssessment) -> String {
    let mut body = Vec::new();
    pack_answers(&a.answers, a.day(), &mut body);
    body.extend_from_slice(clip(&a.label, MAX_LABEL_BYTES).as_bytes());
    seal(RESULT_V1, &body)
}

/// The payload of a prospect's reply to an invitation: the answers, the date, and the name
/// and company they typed, nothing else (at most 163 characters).
pub fn encode_reply(r: &SharedResult) -> String {
    let mut body = Vec::new();
    pack_answers(&r.answers, &r.date, &mut body);
    push_counted(&mut body, &r.name, MAX_NAME_BYTES);
    body.extend_from_slice(clip(&r.company, MAX_COMPANY_BYTES).as_bytes());
    seal(RESULT_V2, &body)
}

/// Opens a result link of either kind: someone's saved assessment (V1) or a prospect's reply
/// (V2).
pub fn decode_result(payload: &str) -> Result<SharedResult, ShareError> {
    let (kind, body) = open_any(payload, &[RESULT_V1, RESULT_V2])?;
    let (answers, date) = unpack_answers(&body)?;
    let mut rest = &body[6..];
    let mut result = SharedResult {
        answers,
        date,
        ..SharedResult::default()
    };
    if kind == RESULT_V1 {
        if rest.len() > MAX_LABEL_BYTES {
            return Err(ShareError::Damaged);
        }
        result.label = text(rest)?;
    } else {
        result.name = take_counted(&mut rest, MAX_NAME_BYTES)?;
        if rest.len() > MAX_COMPANY_BYTES {
            return Err(ShareError::Damaged);
        }
        result.company = text(rest)?;
        result.reply = true;
    }
    Ok(result)
}

/// An invitation to take the grader, with who sent it and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Invitation {
    pub sender: String,
    /// The sender's firm, named in the reply step ("Send your result to …").
    pub firm: String,
    /// An e-mail address the prospect's mail app may send the reply to; may be empty.
    pub contact: String,
    pub message: String,
}

impl Invitation {
    /// Whom the prospect sends their result to, as the reply step names them.
    pub fn recipient(&self) -> String {
        match (self.sender.trim(), self.firm.trim()) {
            ("", "") => "the sender".into(),
            (sender, "") => sender.into(),
            ("", firm) => firm.into(),
            (sender, firm) => format!("{sender} at {firm}"),
        }
    }
}

pub fn encode_invitation(inv: &Invitation) -> String {
    let mut body = Vec::new();
    push_counted(&mut body, &inv.sender, MAX_SENDER_BYTES);
    push_counted(&mut body, &inv.firm, MAX_FIRM_BYTES);
    push_counted(&mut body, &inv.contact, MAX_CONTACT_BYTES);
    body.extend_from_slice(clip(&inv.message, MAX_MESSAGE_BYTES).as_bytes());
    seal(INVITATION_V2, &body)
}

/// Opens an invitation of either version; one made before firms and contact addresses
/// has neither.
pub fn decode_invitation(payload: &str) -> Result<Invitation, ShareError> {
    let (kind, body) = open_any(payload, &[INVITATION_V1, INVITATION_V2])?;
    let mut rest = &body[..];
    let mut inv = Invitation {
        sender: take_counted(&mut rest, MAX_SENDER_BYTES)?,
        ..Invitation::default()
    };
    if kind == INVITATION_V2 {
        inv.firm = take_counted(&mut rest, MAX_FIRM_BYTES)?;
        inv.contact = take_counted(&mut rest, MAX_CONTACT_BYTES)?;
    }
    if rest.len() > MAX_MESSAGE_BYTES {
        return Err(ShareError::Damaged);
    }
    inv.message = text(rest)?;
    Ok(inv)
}

/// One account as an account link carries it: enough to show its place on the matrix and its
/// plan, without the sender's other data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedAccount {
    pub name: String,
    #[serde(default)]
    pub industry: String,
    /// Who manages the account on the sender's side. Links made before it was carried have
    /// none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub manager: String,
    pub tier: Tier,
    #[serde(default, deserialize_with = "amount")]
    pub revenue: Option<f64>,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub notes: String,
    /// Links made before schema version 4 carry the criterion it replaced.
    #[serde(deserialize_with = "upgraded_ratings")]
    pub ratings: Ratings,
    #[serde(deserialize_with = "upgraded_weights")]
    pub weights: Weights,
    pub thresholds: Thresholds,
    #[serde(default)]
    pub plan: Option<(Template, Plan)>,
    /// Which of the sender's accounts this is, and when it last changed, so a colleague who
    /// kept a copy can bring it up to date. Links made before it was carried have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<CopySource>,
    /// What the sender left out, so a kept copy updated from the link keeps its own.
    #[serde(default, skip_serializing_if = "LeftOut::is_empty")]
    pub left_out: LeftOut,
}

fn upgraded_ratings<'de, D: Deserializer<'de>>(d: D) -> Result<Ratings, D::Error> {
    read_upgraded(d, true)
}

fn upgraded_weights<'de, D: Deserializer<'de>>(d: D) -> Result<Weights, D::Error> {
    read_upgraded(d, false)
}

/// What a colleague's link leaves out that a kept copy has its own of: the stakeholders'
/// names (the link calls them "Person 1", "Person 2"…) and the pieces of text the sender
/// dropped in the names review. Links made before it was carried have none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeftOut {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub names: bool,
    /// The [`super::client_share::TextField`] ids of the text left out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<String>,
}

impl LeftOut {
    pub fn is_empty(&self) -> bool {
        !self.names && self.texts.is_empty()
    }
}

/// What to leave out of an account link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Privacy {
    pub without_revenue: bool,
    pub without_notes: bool,
    pub without_stakeholder_names: bool,
}

/// Builds the shared form of an account, leaving out what `privacy` asks.
#[allow(clippy::too_many_arguments)]
pub fn shared_account(
    account: &Account,
    currency: &str,
    weights: &Weights,
    thresholds: Thresholds,
    plan: Option<(Template, Plan)>,
    privacy: Privacy,
) -> SharedAccount {
    let source = CopySource {
        key: source_key(account),
        updated_at: plan
            .as_ref()
            .map(|(_, p)| p.updated_at.as_str())
            .filter(|p| later(p, &account.updated_at))
            .unwrap_or(&account.updated_at)
            .to_string(),
        copied_at: String::new(),
    };
    let names_left_out = privacy.without_stakeholder_names
        && plan
            .as_ref()
            .is_some_and(|(_, p)| !super::client_share::stakeholder_names(p).is_empty());
    let plan = plan.map(|(t, mut p)| {
        if privacy.without_stakeholder_names {
            // A row without a name stays without one, so it stays unfilled.
            super::client_share::without_stakeholder_names(&mut p.sections);
        }
        (t, p)
    });
    SharedAccount {
        name: account.name.clone(),
        industry: account.industry.clone(),
        manager: account.manager.clone(),
        tier: account.tier,
        revenue: if privacy.without_revenue {
            None
        } else {
            account.revenue
        },
        currency: currency.to_string(),
        notes: if privacy.without_notes {
            String::new()
        } else {
            account.notes.clone()
        },
        ratings: account.ratings.clone(),
        weights: weights.clone(),
        thresholds,
        plan,
        source: Some(source),
        left_out: LeftOut {
            names: names_left_out,
            texts: Vec::new(),
        },
    }
}

/// Names one account of the sender's across the links they make of it, and no other: a hash
/// of its id and the moment it was made. A label, not a secret: the id is a small number and
/// the moment can be guessed near enough, so whoever wants them can work them back out; they
/// tell nothing of the account beyond when it was created.
pub fn source_key(account: &Account) -> String {
    let text = format!("{}|{}", account.id, account.created_at);
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{h:016x}")
}

/// Whether RFC 3339 time `a` is after `b`; text order for times that do not read.
pub fn later(a: &str, b: &str) -> bool {
    match (
        crate::support::dates::instant(a),
        crate::support::dates::instant(b),
    ) {
        (Some(a), Some(b)) => a > b,
        _ => a > b,
    }
}

/// A shared account as JSON. Deflated, it is the body of a plain account link and what a
/// passphrase link encrypts.
pub fn account_json(a: &SharedAccount) -> Vec<u8> {
    json::to_text(a).into_bytes()
}

/// A plain account link around the deflated JSON of a shared account.
pub fn encode_account(deflated: &[u8]) -> String {
    seal(ACCOUNT_V1, deflated)
}

/// The parts of a passphrase-protected account link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locked {
    /// PBKDF2 rounds that derive the key: at least 1, at most [`MAX_PBKDF2_ITERATIONS`].
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

impl Locked {
    /// The body of a protected link of either kind: the round count, then the parts.
    fn body(&self) -> Vec<u8> {
        [
            &self.iterations.to_le_bytes()[..],
            &self.salt,
            &self.iv,
            &self.ciphertext,
        ]
        .concat()
    }
}

/// A protected link, carrying its round count.
pub fn encode_locked(locked: &Locked) -> String {
    seal(ACCOUNT_LOCKED_V2, &locked.body())
}

pub fn decode_locked(payload: &str) -> Result<Locked, ShareError> {
    let (kind, body) = open_any(payload, &[ACCOUNT_LOCKED_V1, ACCOUNT_LOCKED_V2])?;
    locked_from(kind, &body)
}

fn locked_from(kind: u8, body: &[u8]) -> Result<Locked, ShareError> {
    let (iterations, body) = if kind == ACCOUNT_LOCKED_V1 {
        (V1_PBKDF2_ITERATIONS, body)
    } else {
        let (count, rest) = body.split_first_chunk::<4>().ok_or(ShareError::Damaged)?;
        (u32::from_le_bytes(*count), rest)
    };
    if iterations == 0 {
        return Err(ShareError::Damaged);
    }
    if iterations > MAX_PBKDF2_ITERATIONS {
        return Err(ShareError::TooCostly);
    }
    // AES-GCM adds a 16-byte tag, so shorter bodies cannot be real.
    if body.len() < SALT_LEN + IV_LEN + 16 {
        return Err(ShareError::Damaged);
    }
    Ok(Locked {
        iterations,
        salt: body[..SALT_LEN].to_vec(),
        iv: body[SALT_LEN..SALT_LEN + IV_LEN].to_vec(),
        ciphertext: body[SALT_LEN + IV_LEN..].to_vec(),
    })
}

/// The deflated JSON in a plain account link; a protected one gives
/// [`ShareError::NeedsPassphrase`] (its parts come from [`decode_locked`], and once decrypted,
/// the same deflated JSON), or why it cannot be opened even with the passphrase.
pub fn decode_account(payload: &str) -> Result<Vec<u8>, ShareError> {
    let kinds = [ACCOUNT_V1, ACCOUNT_LOCKED_V1, ACCOUNT_LOCKED_V2];
    match open_any(payload, &kinds)? {
        (ACCOUNT_V1, body) => Ok(body),
        (kind, body) => locked_from(kind, &body).and(Err(ShareError::NeedsPassphrase)),
    }
}

/// A client link around the deflated JSON of a `ClientPlan`.
pub fn encode_client(deflated: &[u8]) -> String {
    seal(CLIENT_V1, deflated)
}

/// A client link protected with a passphrase.
pub fn encode_client_locked(locked: &Locked) -> String {
    seal(CLIENT_LOCKED_V1, &locked.body())
}

/// The deflated JSON in a plain client link; a protected one gives
/// [`ShareError::NeedsPassphrase`] (its parts come from [`decode_client_locked`]).
pub fn decode_client(payload: &str) -> Result<Vec<u8>, ShareError> {
    match open_any(payload, &[CLIENT_V1, CLIENT_LOCKED_V1])? {
        (CLIENT_V1, body) => Ok(body),
        (_, body) => locked_from(ACCOUNT_LOCKED_V2, &body).and(Err(ShareError::NeedsPassphrase)),
    }
}

pub fn decode_client_locked(payload: &str) -> Result<Locked, ShareError> {
    let (_, body) = open_any(payload, &[CLIENT_LOCKED_V1])?;
    locked_from(ACCOUNT_LOCKED_V2, &body)
}

/// A client's plan from the (inflated) JSON of a client link.
pub fn client_from_json(json: &[u8]) -> Result<super::client_share::ClientPlan, ShareError> {
    let json = std::str::from_utf8(json).map_err(|_| ShareError::Damaged)?;
    let plan: super::client_share::ClientPlan =
        json::read(json).map_err(|_| ShareError::Damaged)?;
    // Keys end up in element ids, as in account links.
    let plain = |s: &super::client_share::ClientSection| {
        !s.key.is_empty()
            && is_plain_id(&s.key)
            && match &s.content {
                Content::Schedule(schedule) => {
                    schedule.meetings.iter().all(|m| is_plain_id(&m.uid))
                }
                _ => true,
            }
    };
    if !plan.sections.iter().all(plain) {
        return Err(ShareError::Damaged);
    }
    let mut plan = plan;
    if !is_real_date(&plan.updated_on) {
        plan.updated_on.clear();
    }
    drop_review_date_unless_a_date(&mut plan.consensus);
    Ok(plan)
}

/// A review "date" from a link that is no date on the calendar is dropped: the app only ever
/// writes real ones, and the rest of the plan is still worth reading.
fn drop_review_date_unless_a_date(consensus: &mut Consensus) {
    if let Some(d) = &consensus.reviewed_with_client {
        if !is_real_date(date_part(d)) {
            consensus.reviewed_with_client = None;
        }
    }
}

/// A shared account from the (inflated) JSON of a link.
pub fn account_from_json(json: &[u8]) -> Result<SharedAccount, ShareError> {
    // Read as text, like every other JSON in the app, so the typed decoder exists once.
    let json = std::str::from_utf8(json).map_err(|_| ShareError::Damaged)?;
    let mut shared: SharedAccount = json::read(json).map_err(|_| ShareError::Damaged)?;
    // The app never makes ids like these, so a link carrying one has been crafted: refused
    // whole rather than mended, as any other changed link is.
    if let Some((template, plan)) = &mut shared.plan {
        if !plan_ids_are_plain(template, plan) {
            return Err(ShareError::Damaged);
        }
        drop_review_date_unless_a_date(&mut plan.consensus);
    }
    // Without a moment to compare, the link could never be told newer or older than a kept
    // copy; it opens as a link made before copies were tracked.
    if shared
        .source
        .as_ref()
        .is_some_and(|s| instant(&s.updated_at).is_none())
    {
        shared.source = None;
    }
    shared.ratings = std::mem::take(&mut shared.ratings).sanitized();
    Ok(shared)
}

/// Longer section keys and meeting ids are refused; the app's own are far shorter.
const MAX_ID_BYTES: usize = 64;

/// Whether `id` is made only of what the app's section keys (`vision`, `s12`, `budget~2`) and
/// meeting ids (`1732000000000-123456789`) are made of. These ids end up in calendar files
/// and element ids, where a line break or markup would be read as structure.
fn is_plain_id(id: &str) -> bool {
    id.len() <= MAX_ID_BYTES
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Every section key in a shared template and plan is plain and not empty, and every
/// meeting id plain (a meeting may have none).
fn plan_ids_are_plain(template: &Template, plan: &Plan) -> bool {
    let key = |k: &str| !k.is_empty() && is_plain_id(k);
    template.sections.iter().all(|d| key(&d.key))
        && plan.sections.iter().all(|s| {
            key(&s.key)
                && match &s.content {
                    Content::Schedule(schedule) => {
                        schedule.meetings.iter().all(|m| is_plain_id(&m.uid))
                    }
                    _ => true,
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;
    use crate::domain::grader::grade;
    use crate::domain::plans::{
        built_in_template, Meeting, MeetingKind, Schedule, SectionDef, Stakeholder,
    };
    use crate::domain::practices::PracticeId;
    use proptest::prelude::*;

    /// An account link as the browser makes it: the JSON, raw-deflated (the browser's
    /// `CompressionStream("deflate-raw")` writes the same format as this library).
    fn account_link(shared: &SharedAccount) -> String {
        encode_account(&miniz_oxide::deflate::compress_to_vec(
            &account_json(shared),
            6,
        ))
    }

    /// An account link opened as the browser opens it.
    fn open_account_link(link: &str) -> Result<SharedAccount, ShareError> {
        let deflated = decode_account(link)?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED)
            .map_err(|_| ShareError::Damaged)?;
        account_from_json(&json)
    }

    fn assessment(yes: &[PracticeId], label: &str) -> SavedAssessment {
        SavedAssessment {
            id: 4,
            saved_at: "2026-11-23T10:15:00+01:00".into(),
            label: label.into(),
            answers: Answers::all_answered_with_yes(yes),
            team: String::new(),
            assessed_on: None,
        }
    }

    #[test]
    fn a_graded_result_fits_in_120_characters_even_with_a_long_label() {
        let a = assessment(
            &[PracticeId::GrowthGoals],
            &"Ünïcödé team label that goes on and on and on".repeat(3),
        );
        let link = encode_result(&a);
        assert!(link.len() <= 120 - "/r/".len(), "{} characters", link.len());
        let back = decode_result(&link).unwrap();
        assert_eq!(back.answers, a.answers);
        assert_eq!(back.date, "2026-11-23");
        assert!(back.label.len() <= MAX_LABEL_BYTES && a.label.starts_with(&back.label));
    }

    #[test]
    fn a_result_recorded_after_the_fact_is_shared_with_the_day_it_stands_for() {
        let a = SavedAssessment {
            assessed_on: Some("2026-06-30".into()),
            ..assessment(&[], "Q2")
        };
        assert_eq!(
            decode_result(&encode_result(&a)).unwrap().date,
            "2026-06-30"
        );
    }

    #[test]
    fn bad_links_are_refused_with_a_reason() {
        let link = encode_result(&assessment(&[], "Q4"));
        assert_eq!(decode_result(""), Err(ShareError::Empty));
        assert_eq!(decode_result("not a link!"), Err(ShareError::NotALink));
        assert_eq!(
            decode_result(&link[..link.len() - 3]),
            Err(ShareError::Damaged)
        );
        let mut changed = link.clone().into_bytes();
        changed[5] = if changed[5] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            decode_result(std::str::from_utf8(&changed).unwrap()),
            Err(ShareError::Damaged)
        );
        let invitation = encode_invitation(&Invitation {
            sender: "Ann".into(),
            message: "Hi".into(),
            ..Invitation::default()
        });
        assert_eq!(decode_result(&invitation), Err(ShareError::WrongKind));
        assert_eq!(
            decode_result(&seal(0x13, &[0; 6])),
            Err(ShareError::UnknownVersion)
        );
        assert_eq!(
            decode_result(&"A".repeat(MAX_PAYLOAD_CHARS + 1)),
            Err(ShareError::TooLong)
        );
    }

    #[test]
    fn a_reply_with_the_longest_name_and_company_stays_under_200_characters() {
        let reply = SharedResult {
            answers: Answers::all_answered_with_yes(&[PracticeId::NpsSurvey]),
            date: "2026-12-05".into(),
            name: "Ågot Ødegård-Løvenskiold ".repeat(4),
            company: "Société Générale d'Équipements Industriels ".repeat(3),
            ..SharedResult::default()
        };
        let link = encode_reply(&reply);
        // The fragment is `/r/` and the payload.
        assert!(link.len() + 3 < 200, "{} characters", link.len());
        let back = decode_result(&link).unwrap();
        assert!(back.reply);
        assert_eq!(back.answers, reply.answers);
        assert_eq!(back.date, "2026-12-05");
        assert!(back.name.len() <= MAX_NAME_BYTES && reply.name.starts_with(&back.name));
        assert!(
            back.company.len() <= MAX_COMPANY_BYTES && reply.company.starts_with(&back.company)
        );
        assert!(back.label.is_empty());
    }

    #[test]
    fn links_made_before_replies_and_firms_still_open() {
        // A result link and an invitation as the first version wrote them, byte for byte.
        let result = decode_result("EQEAPwBfJlNhbGVzIHRlYW0sIFE0TPI").unwrap();
        assert!(!result.reply);
        assert_eq!(result.label, "Sales team, Q4");
        assert_eq!(result.date, "2026-11-23");
        assert_eq!(grade(&result.answers).score, 1);
        assert_eq!(result.answers.answered_count(), 6);
        let invitation = decode_invitation("IQNBbm5IaSB0aGVyZbWF").unwrap();
        assert_eq!(
            invitation,
            Invitation {
                sender: "Ann".into(),
                message: "Hi there".into(),
                ..Invitation::default()
            }
        );
        assert_eq!(invitation.recipient(), "Ann");
    }

    #[test]
    fn an_invitation_carries_the_firm_and_the_address_for_replies() {
        let inv = Invitation {
            sender: "Dana".into(),
            firm: "Acme Advisory".into(),
            contact: "dana@acme.example".into(),
            message: "Five minutes, promise.".into(),
        };
        let back = decode_invitation(&encode_invitation(&inv)).unwrap();
        assert_eq!(back, inv);
        assert_eq!(back.recipient(), "Dana at Acme Advisory");
        let firm_only = Invitation {
            firm: "Acme".into(),
            ..Invitation::default()
        };
        assert_eq!(firm_only.recipient(), "Acme");
        assert_eq!(Invitation::default().recipient(), "the sender");
    }

    fn locked(iterations: u32, ciphertext_len: usize) -> Locked {
        Locked {
            iterations,
            salt: vec![1; SALT_LEN],
            iv: vec![2; IV_LEN],
            ciphertext: vec![3; ciphertext_len],
        }
    }

    #[test]
    fn protected_links_ask_for_the_passphrase_and_keep_their_parts() {
        let link = encode_locked(&locked(PBKDF2_ITERATIONS, 40));
        assert_eq!(decode_locked(&link), Ok(locked(PBKDF2_ITERATIONS, 40)));
        assert_eq!(decode_account(&link), Err(ShareError::NeedsPassphrase));
        let short = encode_locked(&locked(PBKDF2_ITERATIONS, 4));
        assert_eq!(decode_locked(&short), Err(ShareError::Damaged));
        assert_eq!(decode_account(&short), Err(ShareError::Damaged));
        // A plain account link is not a protected one.
        let account = &demo_accounts(1, "2026-11-01T00:00:00Z")[0];
        let plain = account_link(&shared_account(
            account,
            "USD",
            &Weights::default(),
            Thresholds::default(),
            None,
            Privacy::default(),
        ));
        assert_eq!(decode_locked(&plain), Err(ShareError::UnknownVersion));
    }

    #[test]
    fn a_link_made_before_share_of_portfolio_opens_with_the_rating_turned_round() {
        let old = br#"{"name":"Acme","tier":"B","ratings":{"needs-fit":4,"portfolio-headroom":5},
            "weights":{"portfolio-headroom":0,"needs-fit":2},
            "thresholds":{"relationship":50,"potential":50}}"#;
        let shared = account_from_json(old).unwrap();
        use crate::domain::rating::CriterionId::{NeedsFit, ShareOfPortfolio};
        assert_eq!(shared.ratings.get(ShareOfPortfolio), Some(1));
        assert_eq!(shared.ratings.get(NeedsFit), Some(4));
        assert_eq!(shared.weights.get(ShareOfPortfolio), 0);
        assert_eq!(shared.weights.get(NeedsFit), 2);
    }

    #[test]
    fn new_protected_links_carry_their_round_count_and_older_ones_keep_theirs() {
        let link = encode_locked(&locked(PBKDF2_ITERATIONS, 40));
        let bytes = b64_decode(&link).unwrap();
        assert_eq!(bytes[0], ACCOUNT_LOCKED_V2);
        // OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
        assert_eq!(bytes[1..5], 600_000u32.to_le_bytes());
        // Links made before the count was carried used 250 000 rounds and no count.
        let body = [vec![1; SALT_LEN], vec![2; IV_LEN], vec![3; 40]].concat();
        let older = seal(ACCOUNT_LOCKED_V1, &body);
        assert_eq!(decode_locked(&older), Ok(locked(250_000, 40)));
        assert_eq!(decode_account(&older), Err(ShareError::NeedsPassphrase));
    }

    #[test]
    fn a_link_asking_for_endless_rounds_is_refused_before_any_hashing() {
        let at_most = encode_locked(&locked(MAX_PBKDF2_ITERATIONS, 40));
        assert_eq!(
            decode_locked(&at_most).unwrap().iterations,
            MAX_PBKDF2_ITERATIONS
        );
        for count in [MAX_PBKDF2_ITERATIONS + 1, u32::MAX] {
            let tampered = encode_locked(&locked(count, 40));
            assert_eq!(decode_locked(&tampered), Err(ShareError::TooCostly));
            assert_eq!(decode_account(&tampered), Err(ShareError::TooCostly));
        }
        let none = encode_locked(&locked(0, 40));
        assert_eq!(decode_account(&none), Err(ShareError::Damaged));
        assert_eq!(
            decode_account(&seal(ACCOUNT_LOCKED_V2, &[0, 0, 9])),
            Err(ShareError::Damaged)
        );
    }

    #[test]
    fn account_links_leave_out_what_the_sender_chose() {
        let account = &demo_accounts(1, "2026-11-01T00:00:00Z")[0];
        let mut plan = Plan::new(9, 1, 0, "2026-11-01T00:00:00Z");
        plan.write(
            "relationships",
            "Rel",
            Content::Stakeholders(vec![
                Stakeholder::default(),
                Stakeholder {
                    name: "Ann Lee".into(),
                    ..Default::default()
                },
            ]),
            "2026-11-01T00:00:00Z",
        );
        let privacy = Privacy {
            without_revenue: true,
            without_notes: true,
            without_stakeholder_names: true,
        };
        let shared = shared_account(
            account,
            "EUR",
            &Weights::default(),
            Thresholds::default(),
            Some((built_in_template(), plan)),
            privacy,
        );
        let link = account_link(&shared);
        assert!(!link.is_empty());
        let back = open_account_link(&link).unwrap();
        assert_eq!(back, shared);
        assert_eq!(back.revenue, None);
        assert!(back.notes.is_empty());
        let text = serde_json::to_string(&back).unwrap();
        assert!(!text.contains("Ann Lee") && text.contains("Person 1"));
        // The row added but never filled in is not given a name.
        let people = back
            .plan
            .as_ref()
            .unwrap()
            .1
            .sections
            .iter()
            .find_map(|s| match &s.content {
                Content::Stakeholders(rows) => {
                    Some(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>())
                }
                _ => None,
            });
        assert_eq!(people, Some(vec!["", "Person 1"]));
    }

    /// A link to the first demo account with `plan`, as the app would make it.
    fn link_with_plan(template: Template, plan: Plan) -> String {
        let account = &demo_accounts(1, "2026-11-01T00:00:00Z")[0];
        account_link(&shared_account(
            account,
            "USD",
            &Weights::default(),
            Thresholds::default(),
            Some((template, plan)),
            Privacy::default(),
        ))
    }

    fn plan_with_meeting(key: &str, uid: &str) -> Plan {
        let mut plan = Plan::new(9, 1, 0, "2026-11-01T00:00:00Z");
        plan.write(
            key,
            "Reviews",
            Content::Schedule(Schedule {
                cadence: String::new(),
                meetings: vec![Meeting {
                    uid: uid.into(),
                    date: "2026-12-01".into(),
                    kind: MeetingKind::CheckIn,
                    note: String::new(),
                }],
            }),
            "2026-11-01T00:00:00Z",
        );
        plan
    }

    #[test]
    fn links_with_crafted_section_keys_or_meeting_ids_are_refused() {
        let injected = "x\r\nATTENDEE:mailto:evil@example.com";
        let t = built_in_template();
        let refused = [
            link_with_plan(t.clone(), plan_with_meeting("review-plan", injected)),
            link_with_plan(t.clone(), plan_with_meeting(injected, "1")),
            link_with_plan(t.clone(), plan_with_meeting("review-plan", &"1".repeat(65))),
            link_with_plan(t.clone(), plan_with_meeting("", "1")),
            link_with_plan(
                Template {
                    sections: vec![SectionDef {
                        key: "<b>".into(),
                        ..t.sections[0].clone()
                    }],
                    ..t.clone()
                },
                plan_with_meeting("review-plan", "1"),
            ),
        ];
        for link in refused {
            assert_eq!(open_account_link(&link), Err(ShareError::Damaged));
        }
        // Ids as the app makes them open.
        for (key, uid) in [
            ("review-plan", "1732000000000-123456789"),
            ("s12", ""),
            ("budget~2", "a1"),
        ] {
            let plan = plan_with_meeting(key, uid);
            let opened = open_account_link(&link_with_plan(t.clone(), plan.clone())).unwrap();
            assert_eq!(opened.plan.unwrap().1, plan);
        }
    }

    #[test]
    fn the_plans_newer_section_kinds_travel_in_an_account_link() {
        let mut plan = Plan::new(9, 1, 0, "2026-11-01T00:00:00Z");
        for (key, content) in crate::domain::plans::tests::sample_of_new_kinds() {
            plan.write(key, key, content, "2026-11-01T00:00:00Z");
        }
        let opened = open_account_link(&link_with_plan(built_in_template(), plan.clone())).unwrap();
        assert_eq!(opened.plan, Some((built_in_template(), plan)));
    }

    #[test]
    fn a_link_made_before_copies_were_tracked_opens_without_a_source() {
        let old = br#"{"name":"Acme","tier":"B","ratings":{},"weights":{},
            "thresholds":{"relationship":50,"potential":50}}"#;
        assert_eq!(account_from_json(old).unwrap().source, None);
        let account = &demo_accounts(1, "2026-11-01T00:00:00Z")[0];
        let shared = shared_account(
            account,
            "USD",
            &Weights::default(),
            Thresholds::default(),
            None,
            Privacy::default(),
        );
        let source = open_account_link(&account_link(&shared))
            .unwrap()
            .source
            .unwrap();
        assert_eq!(source.key, source_key(account));
        assert_eq!(source.updated_at, account.updated_at);
    }

    #[test]
    fn a_links_version_is_the_later_of_the_account_and_its_plan() {
        let account = &demo_accounts(1, "2026-11-01T00:00:00Z")[0];
        let mut plan = Plan::new(9, 1, 0, "2026-11-01T00:00:00Z");
        plan.updated_at = "2026-11-02T08:00:00+01:00".into();
        let shared = shared_account(
            account,
            "USD",
            &Weights::default(),
            Thresholds::default(),
            Some((built_in_template(), plan)),
            Privacy::default(),
        );
        assert_eq!(
            shared.source.unwrap().updated_at,
            "2026-11-02T08:00:00+01:00"
        );
        assert!(later("2026-11-02T08:00:00+01:00", "2026-11-02T06:30:00Z"));
        assert!(!later("2026-11-02T08:00:00+02:00", "2026-11-02T06:30:00Z"));
    }

    fn client_link(plan: &crate::domain::client_share::ClientPlan) -> String {
        encode_client(&miniz_oxide::deflate::compress_to_vec(
            crate::support::json::to_text(plan).as_bytes(),
            6,
        ))
    }

    fn open_client_link(link: &str) -> Result<crate::domain::client_share::ClientPlan, ShareError> {
        let deflated = decode_client(link)?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED)
            .map_err(|_| ShareError::Damaged)?;
        client_from_json(&json)
    }

    #[test]
    fn client_links_round_trip_and_are_not_account_links() {
        use crate::domain::client_share::{ClientPlan, ClientSection};
        let plan = ClientPlan {
            firm: "Acme Advisory".into(),
            logo: None,
            account: "Northwind".into(),
            currency: "EUR".into(),
            updated_on: "2026-11-02".into(),
            consensus: Default::default(),
            sections: vec![ClientSection {
                key: "vision".into(),
                title: "Vision".into(),
                content: Content::Text("Grow".into()),
            }],
        };
        let link = client_link(&plan);
        assert_eq!(open_client_link(&link), Ok(plan.clone()));
        assert_eq!(decode_account(&link), Err(ShareError::WrongKind));
        let protected = encode_client_locked(&locked(PBKDF2_ITERATIONS, 40));
        assert_eq!(decode_client(&protected), Err(ShareError::NeedsPassphrase));
        assert_eq!(
            decode_client_locked(&protected),
            Ok(locked(PBKDF2_ITERATIONS, 40))
        );
        assert_eq!(decode_locked(&protected), Err(ShareError::WrongKind));
        assert_eq!(
            decode_client(&seal(0x43, &[1, 2, 3])),
            Err(ShareError::UnknownVersion)
        );
        let mut crafted = plan;
        crafted.sections[0].key = "<b>".into();
        assert_eq!(
            open_client_link(&client_link(&crafted)),
            Err(ShareError::Damaged)
        );
    }

    #[test]
    fn dates_in_links_that_are_not_dates_are_dropped_and_the_rest_opens() {
        use crate::domain::client_share::{ClientPlan, ClientSection};
        use crate::support::dates::readable_date;
        let crafted = ClientPlan {
            firm: "Acme Advisory".into(),
            logo: None,
            account: "Northwind".into(),
            currency: "EUR".into(),
            updated_on: "abc€efghi".into(),
            consensus: Consensus {
                reviewed_with_client: Some("2026-1€-01".into()),
                client_agreed: true,
            },
            sections: vec![ClientSection {
                key: "vision".into(),
                title: "Vision".into(),
                content: Content::Text("Grow".into()),
            }],
        };
        let opened = open_client_link(&client_link(&crafted)).unwrap();
        assert_eq!(opened.updated_on, "");
        assert_eq!(opened.consensus.reviewed_with_client, None);
        assert!(opened.consensus.client_agreed);
        assert_eq!(opened.sections, crafted.sections);
        // What the client's page shows from them.
        assert_eq!(
            opened.consensus.summary(),
            "The client agreed (no review date recorded)"
        );
        assert_eq!(readable_date(&crafted.updated_on), "abc€efghi");

        let mut sound = crafted;
        sound.updated_on = "2026-11-02".into();
        sound.consensus.reviewed_with_client = Some("2026-11-20".into());
        assert_eq!(open_client_link(&client_link(&sound)), Ok(sound));
    }

    #[test]
    fn an_account_link_with_a_crafted_review_date_or_source_time_still_opens() {
        let account = &demo_accounts(1, "2026-11-01T00:00:00Z")[0];
        let mut plan = Plan::new(9, 1, 0, "2026-11-01T00:00:00Z");
        plan.consensus.reviewed_with_client = Some("20€6-11-20".into());
        let mut shared = shared_account(
            account,
            "USD",
            &Weights::default(),
            Thresholds::default(),
            Some((built_in_template(), plan)),
            Privacy::default(),
        );
        shared.source.as_mut().unwrap().updated_at = "abc€efghi".into();
        let opened = open_account_link(&account_link(&shared)).unwrap();
        assert_eq!(opened.source, None);
        let (_, plan) = opened.plan.unwrap();
        assert_eq!(plan.consensus.reviewed_with_client, None);
        assert_eq!(opened.name, account.name);
    }

    proptest! {
        #[test]
        fn client_plans_round_trip(firm in "\\PC{0,20}", account in "\\PC{1,20}", texts in proptest::collection::vec("\\PC{0,40}", 0..5)) {
            use crate::domain::client_share::{ClientPlan, ClientSection};
            let plan = ClientPlan {
                firm,
                logo: None,
                account,
                currency: "USD".into(),
                updated_on: "2026-11-02".into(),
                consensus: Default::default(),
                sections: texts.into_iter().enumerate().map(|(i, t)| ClientSection {
                    key: format!("s{i}"),
                    title: format!("Section {i}"),
                    content: Content::List(vec![t]),
                }).collect(),
            };
            prop_assert_eq!(open_client_link(&client_link(&plan)), Ok(plan));
        }

        #[test]
        fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(b64_decode(&b64_encode(&bytes)).unwrap(), bytes);
        }

        #[test]
        fn result_links_round_trip(mask in 0u16..1024, answered_extra in 0u16..1024, label in ".{0,30}", day in 0i64..60000) {
            let mut answers = Answers::default();
            for (i, p) in PRACTICES.iter().enumerate() {
                if mask & (1 << i) != 0 { answers.set(p.id, Answer::Yes) }
                else if answered_extra & (1 << i) != 0 { answers.set(p.id, Answer::NotYet) }
            }
            let date = date_of_day_number(day);
            let a = SavedAssessment { id: 1, saved_at: date.clone(), label: label.clone(), answers: answers.clone(), team: String::new(), assessed_on: None };
            let back = decode_result(&encode_result(&a)).unwrap();
            prop_assert_eq!(back.answers, answers);
            prop_assert_eq!(back.date, date);
            prop_assert!(label.trim().starts_with(&back.label));
        }

        #[test]
        fn invitations_round_trip(sender in ".{0,20}", firm in ".{0,20}", contact in "[a-z.@-]{0,30}", message in ".{0,100}") {
            let inv = Invitation {
                sender: sender.trim().to_string(),
                firm: firm.trim().to_string(),
                contact: contact.trim().to_string(),
                message: message.trim().to_string(),
            };
            prop_assert_eq!(decode_invitation(&encode_invitation(&inv)).unwrap(), inv);
        }

        #[test]
        fn replies_round_trip(mask in 0u16..1024, answered_extra in 0u16..1024, name in ".{0,60}", company in ".{0,70}", day in 0i64..60000) {
            let mut answers = Answers::default();
            for (i, p) in PRACTICES.iter().enumerate() {
                if mask & (1 << i) != 0 { answers.set(p.id, Answer::Yes) }
                else if answered_extra & (1 << i) != 0 { answers.set(p.id, Answer::NotYet) }
            }
            let reply = SharedResult { answers: answers.clone(), date: date_of_day_number(day), name: name.clone(), company: company.clone(), ..SharedResult::default() };
            let link = encode_reply(&reply);
            prop_assert!(link.len() + "/r/".len() < 200);
            let back = decode_result(&link).unwrap();
            prop_assert_eq!(back.answers, answers);
            prop_assert_eq!(back.date, reply.date);
            prop_assert!(back.reply);
            prop_assert!(name.trim().starts_with(&back.name));
            prop_assert!(company.trim().starts_with(&back.company));
        }

        #[test]
        fn decoders_never_panic_on_arbitrary_text(text in "\\PC{0,300}") {
            let _ = decode_result(&text);
            let _ = decode_invitation(&text);
            let _ = decode_account(&text);
            let _ = account_from_json(text.as_bytes());
            let _ = decode_client(&text);
            let _ = client_from_json(text.as_bytes());
        }

        #[test]
        fn decoders_never_panic_on_arbitrary_bytes(kind in any::<u8>(), body in proptest::collection::vec(any::<u8>(), 0..400)) {
            let link = seal(kind, &body);
            let _ = decode_result(&link);
            let _ = decode_invitation(&link);
            let _ = decode_account(&link);
            let _ = decode_locked(&link);
            let _ = account_from_json(&body);
            let _ = decode_client(&link);
            let _ = decode_client_locked(&link);
            let _ = client_from_json(&body);
        }
    }
}
