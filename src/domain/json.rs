//! The app's JSON: reading stored documents, backups and shared accounts, writing them, and
//! laying out the files it exports.
//!
//! Writing goes through serde's derived `Serialize` ([`to_text`]); reading does not. Serde's
//! derived readers and serde_json's generic parser behind them were about 62 KB of the wasm
//! binary (24 KB gzip), the largest part of it that was neither the app's screens nor yew.
//! Here one parser, with no generic instantiations per type, reads values on request: each
//! stored type says in a few lines (`FromJson`) which keys it has, which of them it needs,
//! and what the others default to. `schema`'s tests write every stored type with serde and
//! read it back.

use std::borrow::Cow;
use std::ops::RangeInclusive;
use std::rc::Rc;

use serde::Serialize;

/// What went wrong, and whether the text was JSON at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// Not JSON: the byte offset of the first thing that is not.
    Syntax(usize),
    /// JSON, but not the expected shape; a short description, naming the keys on the way.
    Shape(String),
}

impl JsonError {
    pub fn shape(message: impl Into<String>) -> Self {
        JsonError::Shape(message.into())
    }

    /// Whether `text`, which gave this error, is damaged rather than JSON of another shape.
    /// A reader stops at the first problem of either kind, so a shape problem found before
    /// damage further on needs a second look at the syntax alone.
    pub fn is_damage_in(&self, text: &str) -> bool {
        matches!(self, JsonError::Syntax(_)) || !Reader::is_json(text)
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonError::Syntax(at) => write!(f, "not valid JSON at byte {at}"),
            JsonError::Shape(message) => f.write_str(message),
        }
    }
}

pub type Result<T> = std::result::Result<T, JsonError>;

/// A pull parser over JSON text: each call reads the next value as the kind asked for.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// Objects and arrays open around `pos`.
    depth: u32,
}

/// Deeper nesting is refused (serde_json's limit is about the same): a tampered link or file
/// must not exhaust the stack.
const MAX_DEPTH: u32 = 128;

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            pos: 0,
            depth: 0,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn syntax<T>(&self) -> Result<T> {
        Err(JsonError::Syntax(self.pos))
    }

    /// The first byte of the next token, after white space.
    fn peek(&mut self) -> Result<u8> {
        while let Some(&b) = self.bytes().get(self.pos) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Ok(b);
            }
            self.pos += 1;
        }
        self.syntax()
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek()? != byte {
            return self.syntax();
        }
        self.pos += 1;
        Ok(())
    }

    fn literal(&mut self, word: &str) -> Result<()> {
        if !self.text[self.pos..].starts_with(word) {
            return self.syntax();
        }
        self.pos += word.len();
        Ok(())
    }

    /// Reads the whole text as one value, with nothing but white space after it.
    pub fn read_all<T: FromJson>(text: &'a str) -> Result<T> {
        let mut reader = Reader::new(text);
        let value = T::read(&mut reader)?;
        reader.end()?;
        Ok(value)
    }

    /// Checks that only white space is left.
    pub fn end(&mut self) -> Result<()> {
        match self.peek() {
            Err(_) => Ok(()),
            Ok(_) => self.syntax(),
        }
    }

    /// Whether `text` is JSON, whatever its shape.
    pub fn is_json(text: &str) -> bool {
        let mut reader = Reader::new(text);
        reader.skip().and_then(|()| reader.end()).is_ok()
    }

    /// Reads `null` if it comes next.
    fn null(&mut self) -> Result<bool> {
        if self.peek()? == b'n' {
            self.literal("null")?;
            return Ok(true);
        }
        Ok(false)
    }

    pub fn bool(&mut self) -> Result<bool> {
        match self.peek()? {
            b't' => self.literal("true").map(|()| true),
            b'f' => self.literal("false").map(|()| false),
            _ => self.wrong("true or false"),
        }
    }

    /// Skips the next value (after checking its syntax) and names what was there instead of
    /// `expected`.
    fn wrong<T>(&mut self, expected: &str) -> Result<T> {
        let found = match self.peek()? {
            b'"' => "text",
            b'{' => "an object",
            b'[' => "a list",
            b'n' => "null",
            b't' | b'f' => "true or false",
            b'-' | b'0'..=b'9' => "a number",
            _ => return self.syntax(),
        };
        self.skip()?;
        Err(JsonError::Shape(format!(
            "expected {expected}, found {found}"
        )))
    }

    pub fn string(&mut self) -> Result<String> {
        self.str().map(Cow::into_owned)
    }

    /// A string, borrowed from the text unless it has escapes.
    pub fn str(&mut self) -> Result<Cow<'a, str>> {
        if self.peek()? != b'"' {
            return self.wrong("text");
        }
        self.pos += 1;
        let start = self.pos;
        let bytes = self.bytes();
        // The common case: no escapes, so the text between the quotes is the string.
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
                }
                b'\\' => break,
                0..=0x1f => return self.syntax(),
                _ => self.pos += 1,
            }
        }
        let mut out = self.text[start..self.pos].to_string();
        loop {
            let Some(&b) = bytes.get(self.pos) else {
                return self.syntax();
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    self.pos += 1;
                    let escaped = match bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return self.syntax(),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                0..=0x1f => return self.syntax(),
                _ => {
                    // Copy up to the next quote or escape in one go.
                    let run = bytes[self.pos..]
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .unwrap_or(bytes.len() - self.pos);
                    out.push_str(&self.text[self.pos..self.pos + run]);
                    self.pos += run;
                }
            }
        }
    }

    /// `\uXXXX` (at `u`), with the low surrogate that must follow a high one. Leaves `pos`
    /// on the last hex digit. A lone surrogate is not text, and serde_json refuses it too.
    fn unicode_escape(&mut self) -> Result<char> {
        let first = self.hex4()?;
        if !(0xD800..0xDC00).contains(&first) {
            return char::from_u32(first).map_or_else(|| self.syntax(), Ok);
        }
        if !self.text[self.pos + 1..].starts_with("\\u") {
            return self.syntax();
        }
        self.pos += 2;
        let second = self.hex4()?;
        if !(0xDC00..0xE000).contains(&second) {
            return self.syntax();
        }
        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        char::from_u32(c).map_or_else(|| self.syntax(), Ok)
    }

    /// The four hex digits after `pos`; leaves `pos` on the last.
    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .text
            .get(self.pos + 1..self.pos + 5)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits {
            Some(d) => {
                self.pos += 4;
                Ok(u32::from_str_radix(d, 16).expect("checked hex digits"))
            }
            None => self.syntax(),
        }
    }

    /// The text of the next number, checked against JSON's grammar.
    fn number_text(&mut self) -> Result<&'a str> {
        let c = self.peek()?;
        if c != b'-' && !c.is_ascii_digit() {
            return self.wrong("a number");
        }
        let bytes = self.bytes();
        let start = self.pos;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos - from
        };
        let mut pos = start + usize::from(c == b'-');
        let whole = digits(&mut pos);
        let leading_zero = whole > 1 && bytes[pos - whole] == b'0';
        let mut valid = whole > 0 && !leading_zero;
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            valid &= digits(&mut pos) > 0;
        }
        if matches!(bytes.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(bytes.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            valid &= digits(&mut pos) > 0;
        }
        if !valid {
            self.pos = pos;
            return self.syntax();
        }
        self.pos = pos;
        Ok(&self.text[start..pos])
    }

    pub fn f64(&mut self) -> Result<f64> {
        let text = self.number_text()?;
        number_value(text)
            .ok_or_else(|| JsonError::shape(format!("the number {text} is out of range")))
    }

    /// `null`, or a number; one outside `range` reads as `None`, not known. The forms never
    /// write such a figure, so it came from an edited file or link, or through an older
    /// version's import that let it in; dropping it, as ratings outside 1-5 are dropped, keeps
    /// one bad figure from making a whole document unreadable, and keeps later arithmetic (a
    /// dot's radius from revenue) within the range.
    pub fn optional_f64_in(&mut self, range: RangeInclusive<f64>) -> Result<Option<f64>> {
        if self.null()? {
            return Ok(None);
        }
        let text = self.number_text()?;
        Ok(number_value(text).filter(|v| range.contains(v)))
    }

    /// A whole number from `min` to `max`.
    pub fn whole_in(&mut self, min: u64, max: u64) -> Result<u64> {
        let text = self.number_text()?;
        text.parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                JsonError::shape(if min == 0 {
                    format!("expected a whole number up to {max}, found {text}")
                } else {
                    format!("expected a whole number from {min} to {max}, found {text}")
                })
            })
    }

    pub fn u8(&mut self) -> Result<u8> {
        self.whole_in(0, u8::MAX.into()).map(|n| n as u8)
    }

    pub fn u32(&mut self) -> Result<u32> {
        self.whole_in(0, u32::MAX.into()).map(|n| n as u32)
    }

    pub fn u64(&mut self) -> Result<u64> {
        self.whole_in(0, u64::MAX)
    }

    /// Reads an object, calling `field` with each key; it must read or `skip` the value.
    /// Shape errors from `field` are prefixed with the key, so they say where they are.
    pub fn object(&mut self, field: &mut dyn FnMut(&mut Self, &str) -> Result<()>) -> Result<()> {
        if self.peek()? != b'{' {
            return self.wrong("an object");
        }
        self.pos += 1;
        self.enter()?;
        let read = self.members(field);
        self.depth -= 1;
        read
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.syntax();
        }
        Ok(())
    }

    fn members(&mut self, field: &mut dyn FnMut(&mut Self, &str) -> Result<()>) -> Result<()> {
        if self.peek()? == b'}' {
            self.pos += 1;
            return Ok(());
        }
        loop {
            if self.peek()? != b'"' {
                return self.syntax();
            }
            let key = self.str()?;
            self.expect(b':')?;
            field(self, &key).map_err(|e| match e {
                JsonError::Shape(m) => JsonError::Shape(format!("{key}: {m}")),
                syntax => syntax,
            })?;
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return self.syntax(),
            }
        }
    }

    /// Reads an array, calling `item` for each element; it must read or `skip` it.
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Self) -> Result<()>) -> Result<()> {
        if self.peek()? != b'[' {
            return self.wrong("a list");
        }
        self.pos += 1;
        self.enter()?;
        let read = self.items(item);
        self.depth -= 1;
        read
    }

    fn items(&mut self, item: &mut dyn FnMut(&mut Self) -> Result<()>) -> Result<()> {
        if self.peek()? == b']' {
            self.pos += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return self.syntax(),
            }
        }
    }

    /// Reads past the next value, checking its syntax only.
    pub fn skip(&mut self) -> Result<()> {
        match self.peek()? {
            b'{' => self.object(&mut |r, _| r.skip()),
            b'[' => self.array(&mut Reader::skip),
            b'"' => self.str().map(drop),
            b't' | b'f' => self.bool().map(drop),
            b'n' => self.literal("null"),
            _ => self.number_text().map(drop),
        }
    }

    /// A reader that starts at byte `pos` of `text`, inside `depth` open objects and lists:
    /// for reading a long text a part at a time, with [`Reader::position`] saying where the
    /// last part ended.
    pub fn at(text: &'a str, pos: usize, depth: u32) -> Self {
        Reader { text, pos, depth }
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The first byte of the next value, after white space.
    pub fn next_byte(&mut self) -> Result<u8> {
        self.peek()
    }

    /// Opens the object or list that comes next, to be walked with [`Reader::next_key`] or
    /// [`Reader::next_item`] instead of read whole.
    pub fn open(&mut self) -> Result<()> {
        if !matches!(self.peek()?, b'{' | b'[') {
            return self.syntax();
        }
        self.pos += 1;
        self.enter()
    }

    /// In an open object: the next key, with its colon passed; `None` at the end of the
    /// object, which is then closed. `first` for the first call after [`Reader::open`].
    pub fn next_key(&mut self, first: bool) -> Result<Option<Cow<'a, str>>> {
        match self.peek()? {
            b'}' if first => {}
            b'"' if first => {
                let key = self.str()?;
                self.expect(b':')?;
                return Ok(Some(key));
            }
            b',' if !first => {
                self.pos += 1;
                if self.peek()? != b'"' {
                    return self.syntax();
                }
                let key = self.str()?;
                self.expect(b':')?;
                return Ok(Some(key));
            }
            b'}' => {}
            _ => return self.syntax(),
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(None)
    }

    /// In an open list: whether another item follows (the reader is then at it); at the end
    /// of the list, which is then closed, `false`.
    pub fn next_item(&mut self, first: bool) -> Result<bool> {
        match self.peek()? {
            b']' => {}
            _ if first => return Ok(true),
            b',' => {
                self.pos += 1;
                return Ok(true);
            }
            _ => return self.syntax(),
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(false)
    }

    /// The text of the next value, as it stands.
    pub fn raw(&mut self) -> Result<&'a str> {
        self.peek()?;
        let start = self.pos;
        self.skip()?;
        Ok(&self.text[start..self.pos])
    }
}

/// The value of a JSON number. Up to 19 significant digits are read. The value is exact when
/// they fit 53 bits and the power of ten is at most 22, which covers every figure the forms
/// accept; it is within a unit in the last place for more digits, and within a few for
/// powers of ten beyond 22, which only a hand-edited file holds. `None` when it is too large
/// for an `f64`.
fn number_value(text: &str) -> Option<f64> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], exponent_value(&text[i + 1..])),
        None => (text, 0),
    };
    let mut digits = 0u64;
    let mut significant = 0;
    let mut scale = exponent;
    let mut after_point = false;
    for b in mantissa.bytes() {
        if b == b'.' {
            after_point = true;
            continue;
        }
        let d = u64::from(b - b'0');
        if significant < 19 {
            digits = digits * 10 + d;
            if digits > 0 {
                significant += 1;
            }
            if after_point {
                scale = scale.saturating_sub(1);
            }
        } else if !after_point {
            scale = scale.saturating_add(1);
        }
    }
    let mut value = digits as f64;
    if value != 0.0 {
        let mut power = scale.clamp(-400, 400);
        while power > 0 {
            let step = power.min(22);
            value *= POWERS_OF_TEN[step as usize];
            power -= step;
        }
        while power < 0 {
            let step = (-power).min(22);
            value /= POWERS_OF_TEN[step as usize];
            power += step;
        }
    }
    if value.is_infinite() {
        return None;
    }
    Some(if negative { -value } else { value })
}

/// An exponent's value, held within ±100 000: far beyond any `f64`, and safe to add to.
fn exponent_value(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = digits
        .bytes()
        .fold(0i64, |n, d| (n * 10 + i64::from(d - b'0')).min(100_000));
    if negative {
        -value
    } else {
        value
    }
}

/// 10^0 to 10^22: every one is exactly an `f64`.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A type read from JSON.
pub trait FromJson: Sized {
    fn read(r: &mut Reader) -> Result<Self>;
}

impl FromJson for String {
    fn read(r: &mut Reader) -> Result<Self> {
        r.string()
    }
}

impl FromJson for bool {
    fn read(r: &mut Reader) -> Result<Self> {
        r.bool()
    }
}

impl FromJson for f64 {
    fn read(r: &mut Reader) -> Result<Self> {
        r.f64()
    }
}

impl FromJson for u8 {
    fn read(r: &mut Reader) -> Result<Self> {
        r.u8()
    }
}

impl FromJson for u32 {
    fn read(r: &mut Reader) -> Result<Self> {
        r.u32()
    }
}

impl FromJson for u64 {
    fn read(r: &mut Reader) -> Result<Self> {
        r.u64()
    }
}

/// `null` is `None`, as serde writes it.
impl<T: FromJson> FromJson for Option<T> {
    fn read(r: &mut Reader) -> Result<Self> {
        if r.null()? {
            return Ok(None);
        }
        T::read(r).map(Some)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(r: &mut Reader) -> Result<Self> {
        let mut items = Vec::new();
        let mut index = 0;
        r.array(&mut |r| {
            let item = T::read(r).map_err(|e| match e {
                JsonError::Shape(m) => JsonError::Shape(format!("item {}: {m}", index + 1)),
                syntax => syntax,
            })?;
            items.push(item);
            index += 1;
            Ok(())
        })?;
        Ok(items)
    }
}

impl<T: FromJson> FromJson for Rc<T> {
    fn read(r: &mut Reader) -> Result<Self> {
        T::read(r).map(Rc::new)
    }
}

/// A pair, written by serde as a list of two.
impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn read(r: &mut Reader) -> Result<Self> {
        let (mut a, mut b) = (None, None);
        r.array(&mut |r| {
            if a.is_none() {
                a = Some(A::read(r)?);
            } else if b.is_none() {
                b = Some(B::read(r)?);
            } else {
                return Err(JsonError::shape("expected a list of two"));
            }
            Ok(())
        })?;
        a.zip(b)
            .ok_or_else(|| JsonError::shape("expected a list of two"))
    }
}

/// A type that is a key of a JSON object: serde writes map keys as strings.
pub trait FromKey: Sized + Ord {
    fn from_key(key: &str) -> Result<Self>;
}

impl FromKey for u64 {
    fn from_key(key: &str) -> Result<Self> {
        key.parse()
            .map_err(|_| JsonError::shape(format!("\"{key}\" is not an id")))
    }
}

/// A name that is none of those expected, such as an enum variant this build does not have.
pub fn unknown(name: &str) -> JsonError {
    JsonError::shape(format!("unknown value \"{name}\""))
}

/// Reads a string that must be one of `all`'s names, such as an enum written by serde.
pub fn read_named<T: Copy>(r: &mut Reader, all: &[T], name_of: fn(T) -> &'static str) -> Result<T> {
    let name = r.str()?;
    all.iter()
        .copied()
        .find(|&v| name_of(v) == name)
        .ok_or_else(|| unknown(&name))
}

/// A required field that was not there.
pub fn missing(key: &str) -> JsonError {
    JsonError::shape(format!("missing field \"{key}\""))
}

/// Unwraps a required field read into an `Option`.
pub fn required<T>(value: Option<T>, key: &str) -> Result<T> {
    value.ok_or_else(|| missing(key))
}

/// A JSON value as a tree, for the few places that change a document's shape before it is
/// read into its types: migrations. Numbers keep their text, so nothing is rounded.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object; `None` for a missing member or a value of another kind.
    pub fn field(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// [`Json::field`], to change it in place.
    pub fn field_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(fields) => fields.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A number read as `T`; `None` for any other value, or a number `T` cannot hold.
    pub fn number<T: std::str::FromStr>(&self) -> Option<T> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// Adds `key` to an object unless it has it. `Err` when this is not an object.
    pub fn insert_missing(&mut self, key: &str, value: impl FnOnce() -> Json) -> Result<()> {
        match self {
            Json::Object(fields) => {
                if !fields.iter().any(|(k, _)| k == key) {
                    fields.push((key.to_string(), value()));
                }
                Ok(())
            }
            _ => Err(JsonError::shape("not an object")),
        }
    }

    /// Compact JSON text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => push_string(out, s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_string(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

impl FromJson for Json {
    fn read(r: &mut Reader) -> Result<Self> {
        Ok(match r.peek()? {
            b'n' => {
                r.literal("null")?;
                Json::Null
            }
            b't' | b'f' => Json::Bool(r.bool()?),
            b'"' => Json::String(r.string()?),
            b'[' => Json::Array(Vec::read(r)?),
            b'{' => {
                let mut fields = Vec::new();
                r.object(&mut |r, key| {
                    fields.push((key.to_string(), Json::read(r)?));
                    Ok(())
                })?;
                Json::Object(fields)
            }
            _ => Json::Number(r.number_text()?.to_string()),
        })
    }
}

/// A value as compact JSON text, as serde writes it.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_string(value) {
        Ok(text) => text,
        // The error is not formatted: that would link serde_json's messages for a case that
        // cannot happen.
        Err(_) => unreachable!("the app's types and strings always serialize"),
    }
}

fn push_string(out: &mut String, text: &str) {
    out.push_str(&to_text(text));
}

/// A file for people to open as well as for the app to read back: an object of the given
/// members, each value given as compact JSON text, laid out by [`pretty`].
pub fn export_file(members: &[(&str, &str)]) -> String {
    let mut compact = String::from("{");
    for (i, (key, value)) in members.iter().enumerate() {
        if i > 0 {
            compact.push(',');
        }
        push_string(&mut compact, key);
        compact.push(':');
        compact.push_str(value);
    }
    compact.push('}');
    pretty(&compact)
}

/// Compact JSON text laid out for people to read, as serde_json's pretty printer does it:
/// two spaces per level, one member per line, `": "` after keys, and `[]` and `{}` kept
/// together.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 3 / 2);
    let mut depth = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let bytes = compact.as_bytes();
    let (mut in_string, mut escaped) = (false, false);
    let mut run_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        let layout = matches!(b, b'{' | b'[' | b'}' | b']' | b',' | b':');
        if b == b'"' {
            in_string = true;
        }
        if !layout {
            continue;
        }
        out.push_str(&compact[run_start..i]);
        run_start = i + 1;
        match b {
            b'{' | b'[' => {
                out.push(b as char);
                let empty = matches!(bytes.get(i + 1), Some(b'}' | b']'));
                if !empty {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                let empty = matches!(bytes.get(i.wrapping_sub(1)), Some(b'{' | b'['));
                if !empty {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(b as char);
            }
            b',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            _ => out.push_str(": "),
        }
    }
    out.push_str(&compact[run_start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sorted_map::SortedMap;

    #[test]
    fn reads_strings_with_every_escape() {
        let text = r#""plain \"quoted\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00 caf\u00e9""#;
        let read: String = Reader::read_all(text).unwrap();
        assert_eq!(read, serde_json::from_str::<String>(text).unwrap());
        assert_eq!(
            Reader::read_all::<String>(r#""Zoë & co""#).unwrap(),
            "Zoë & co"
        );
    }

    #[test]
    fn numbers_match_what_serde_writes_and_reads() {
        for v in [
            0.0_f64,
            -0.0,
            1.0,
            12.5,
            0.1,
            0.15,
            250000.0,
            1e-7,
            1.5e-7,
            123.456,
            1e21,
            1e20,
            9007199254740993.0,
            0.3,
            -42.75,
            1e300,
            5e-324,
            1.7976931348623157e308,
        ] {
            let text = serde_json::to_string(&v).unwrap();
            let read: f64 = Reader::read_all(&text).unwrap();
            let expected: f64 = text.parse().unwrap();
            if v.abs() > 1e22 || (v != 0.0 && v.abs() < 1e-22) {
                assert!(
                    ((read - expected) / expected).abs() < 1e-14,
                    "{text}: read {read}"
                );
                continue;
            }
            let ulps = (read.to_bits() as i64 - expected.to_bits() as i64).abs();
            assert!(ulps <= 1, "{text}: read {read}, expected {expected}");
            if text.len() <= 16 && !text.contains('e') {
                assert_eq!(read.to_bits(), expected.to_bits(), "{text}");
            }
        }
        assert!(matches!(
            Reader::read_all::<f64>("1e400"),
            Err(JsonError::Shape(_))
        ));
        // Exponents beyond any i64 neither overflow nor wrap.
        let huge = "12345678901234567890e9223372036854775807";
        assert!(matches!(
            Reader::read_all::<f64>(huge),
            Err(JsonError::Shape(_))
        ));
        assert_eq!(Reader::read_all::<f64>("0.1e-9223372036854775808"), Ok(0.0));
        assert_eq!(Reader::read_all::<f64>("0e99999999999999999999"), Ok(0.0));
    }

    #[test]
    fn integers_are_whole_and_within_range() {
        assert_eq!(Reader::read_all::<u8>("5"), Ok(5));
        assert_eq!(
            Reader::read_all::<u64>("18446744073709551615"),
            Ok(u64::MAX)
        );
        for bad in ["256", "-1", "2.0", "1e2"] {
            assert!(
                matches!(Reader::read_all::<u8>(bad), Err(JsonError::Shape(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_number_outside_its_range_reads_as_not_known() {
        let read = |text: &str| Reader::new(text).optional_f64_in(0.0..=100.0);
        assert_eq!(read("null"), Ok(None));
        assert_eq!(read("0"), Ok(Some(0.0)));
        assert_eq!(read("100"), Ok(Some(100.0)));
        assert_eq!(read("-5"), Ok(None));
        assert_eq!(read("100.5"), Ok(None));
        assert_eq!(read("1e999"), Ok(None), "infinity is outside every range");
        assert!(read("\"5\"").is_err(), "a string is still the wrong shape");
        assert_eq!(
            Reader::new("9").whole_in(1, 5),
            Err(JsonError::shape(
                "expected a whole number from 1 to 5, found 9"
            ))
        );
        assert_eq!(Reader::new("3").whole_in(1, 5), Ok(3));
    }

    #[test]
    fn tells_damaged_text_from_the_wrong_shape() {
        for damaged in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "1.",
            "-",
            "\"\n\"",
            "nul",
            "{} x",
            "\"\\x\"",
            "{1:2}",
            "{null:1}",
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
        ] {
            assert!(!Reader::is_json(damaged), "{damaged:?}");
            assert!(
                matches!(Reader::read_all::<Json>(damaged), Err(JsonError::Syntax(_))),
                "{damaged:?}"
            );
        }
        for json in [
            "{\"a\":[1,{\"b\":null}],\"c\":true}",
            " [] ",
            "-0.5e+3",
            "\"\"",
        ] {
            assert!(Reader::is_json(json), "{json}");
        }
        assert_eq!(
            Reader::read_all::<Vec<u8>>("[1,\"x\"]"),
            Err(JsonError::shape("item 2: expected a number, found text"))
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(!Reader::is_json(&deep));
        let fine = "[".repeat(100) + &"]".repeat(100);
        assert!(Reader::is_json(&fine));
    }

    #[test]
    fn maps_pairs_and_options() {
        let map: SortedMap<u64, Option<bool>> = Reader::read_all(r#"{"2":true,"1":null}"#).unwrap();
        assert_eq!(map, [(1, None), (2, Some(true))].into_iter().collect());
        assert_eq!(
            Reader::read_all::<(u8, String)>(r#"[1,"a"]"#),
            Ok((1, "a".into()))
        );
        assert!(Reader::read_all::<(u8, String)>("[1]").is_err());
        assert!(Reader::read_all::<SortedMap<u64, bool>>(r#"{"x":true}"#).is_err());
    }

    #[test]
    fn raw_gives_a_value_as_written() {
        let mut r = Reader::new(r#"{"data": {"a": [1, 2]} , "b": 1}"#);
        let mut data = "";
        r.object(&mut |r, key| {
            if key == "data" {
                data = r.raw()?;
                Ok(())
            } else {
                r.skip()
            }
        })
        .unwrap();
        assert_eq!(data, r#"{"a": [1, 2]}"#);
    }

    #[test]
    fn a_tree_keeps_order_and_numbers_as_written() {
        let text = r#"{"b":1.50,"a":[true,null,"x\"y\n"],"c":{}}"#;
        let mut tree: Json = Reader::read_all(text).unwrap();
        assert_eq!(tree.to_text(), text);
        tree.insert_missing("c", || Json::Null).unwrap();
        tree.insert_missing("d", || Json::Array(vec![])).unwrap();
        assert_eq!(
            tree.to_text(),
            r#"{"b":1.50,"a":[true,null,"x\"y\n"],"c":{},"d":[]}"#
        );
        assert!(Json::Null.insert_missing("a", || Json::Null).is_err());
    }

    #[test]
    fn pretty_text_is_laid_out_as_serde_lays_it_out() {
        let value = serde_json::json!({
            "a": [1, 2, {"b": "x,y:{z}[\"]", "e": [], "f": {}}],
            "c": null,
            "d": {"g": [[]]}
        });
        let compact = value.to_string();
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
