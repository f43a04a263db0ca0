//! The app's JSON: reading stored documents, backups and links into their types, writing
//! them, and laying out the files it exports.
//!
//! Each stored type declares its form once, with serde's derives: `Serialize` writes it
//! ([`to_text`]) and `Deserialize` reads it back ([`read`]), with defaults for the fields older
//! versions did not write as attributes beside the fields. What is left here by hand is what
//! serde does not do: a syntax-only walk over the text ([`Reader`]), for reading a large file a
//! slice at a time and for telling damaged text from another shape; a tree ([`Json`]) that
//! migrations and the salvage of damaged records change before the types read it; and the
//! reader's errors in the user's words, with the path to the part they are about.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

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

/// Reads `text` as a `T`, by `T`'s derived `Deserialize`: the one declaration of its stored
/// form, beside the `Serialize` it is written with.
///
/// A problem with the shape is told the way the user sees it, after the keys on the way to
/// it (`portfolio: accounts: item 2: revenue: expected a number, found text`): the salvage
/// of damaged documents follows that path to the part to leave out.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).or_else(|e| read_again(text, &e))
}

/// [`read`] of a text that did not read. A key written twice is the one thing read again:
/// the last one counts, as it always has (only a hand-edited file has such keys).
#[cold]
fn read_again<T: DeserializeOwned>(text: &str, e: &serde_json::Error) -> Result<T> {
    if e.is_data() && e.to_string().starts_with("duplicate field") {
        if let Ok(mut tree) = Json::parse(text) {
            tree.keep_last_of_each_key();
            return read(&tree.to_text());
        }
    }
    Err(error_in::<T>(text, e))
}

/// Reads the next value of a text walked a part at a time, from byte `at`; what follows the
/// value is left for the walk.
pub fn read_at<T: DeserializeOwned>(text: &str, at: usize) -> Result<T> {
    let rest = &text[at..];
    let mut de = serde_json::Deserializer::from_str(rest);
    T::deserialize(&mut de).map_err(|e| match error_in::<T>(rest, &e) {
        JsonError::Syntax(offset) => JsonError::Syntax(at + offset),
        shape => shape,
    })
}

/// [`read`]'s error in the app's words. Only a text that does not read comes here, so the
/// second reading that finds the path costs nothing in the common case.
#[cold]
fn error_in<T: DeserializeOwned>(text: &str, e: &serde_json::Error) -> JsonError {
    // serde_json calls a number where a name (an enum) belongs a syntax error: only text
    // that is not JSON at all is damaged.
    let tree = match Json::parse(text) {
        Ok(tree) => tree,
        Err(_) if e.is_syntax() || e.is_eof() => {
            return JsonError::Syntax(byte_offset(text, e.line(), e.column()))
        }
        Err(_) => return JsonError::Shape(in_plain_words(&message_of(e))),
    };
    // The error gives a line, not a path: read the value again laid out one member to a
    // line, and follow the lines down to the one the error is on.
    let laid_out = pretty(&tree.to_text());
    let Err(again) = serde_json::from_str::<T>(&laid_out) else {
        return JsonError::Shape(in_plain_words(&message_of(e)));
    };
    let mut words = in_plain_words(&message_of(&again));
    if again.is_syntax() {
        let at = byte_offset(&laid_out, again.line(), again.column());
        let found = match laid_out.as_bytes().get(at) {
            Some(b'{') => "an object",
            Some(b'[') => "a list",
            Some(b't' | b'f') => "true or false",
            Some(b'n') => "null",
            _ => "a number",
        };
        words = format!("expected text, found {found}");
    }
    let mut line = 1;
    let mut path = Vec::new();
    if locate(&tree, &mut line, again.line(), &mut path) && !path.is_empty() {
        words = format!("{}: {words}", path.join(": "));
    }
    JsonError::Shape(words)
}

/// serde_json's message without the place it adds.
fn message_of(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(end) => message[..end].to_string(),
        None => message,
    }
}

/// `null`, or a number; one outside `range` reads as `None`, not known. The forms never
/// write such a figure, so it came from an edited file or link, or through an older
/// version's import that let it in; dropping it, as ratings outside 1-5 are dropped, keeps
/// one bad figure from making a whole document unreadable, and keeps later arithmetic (a
/// dot's radius from revenue) within the range.
pub fn number_within<'de, D: Deserializer<'de>>(
    d: D,
    range: RangeInclusive<f64>,
) -> std::result::Result<Option<f64>, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.filter(|v| range.contains(v)))
}

/// The byte at a line and column (from 1) of `text`, as serde_json counts them.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    (start + column.saturating_sub(1)).min(text.len())
}

/// Walks `node`, laid out by [`pretty`] from line `line`, to the member or item on line
/// `target`; `path` then names it (`item N` for items, from 1). A closing bracket's line is
/// its object's or list's, where a missing field is found.
fn locate(node: &Json, line: &mut usize, target: usize, path: &mut Vec<String>) -> bool {
    if *line == target {
        return true;
    }
    let children: Vec<(String, &Json)> = match node {
        Json::Object(fields) => fields.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("item {}", i + 1), v))
            .collect(),
        _ => return false,
    };
    if children.is_empty() {
        return false;
    }
    for (name, child) in children {
        *line += 1;
        path.push(name);
        if locate(child, line, target, path) {
            return true;
        }
        path.pop();
    }
    *line += 1;
    *line == target
}

/// serde's wording (`invalid type: string "x", expected f64`) in the app's (`expected a
/// number, found text`), which the import preview shows.
fn in_plain_words(message: &str) -> String {
    let found = |unexpected: &str| {
        let kind = unexpected.split([' ', '`']).next().unwrap_or("");
        match kind {
            "string" => "text",
            "map" => "an object",
            "sequence" => "a list",
            "null" | "unit" => "null",
            "boolean" => "true or false",
            "integer" | "floating" => "a number",
            _ => unexpected,
        }
        .to_string()
    };
    fn expected(what: &str) -> &str {
        match what {
            "a string" => "text",
            "a boolean" => "true or false",
            "a sequence" => "a list",
            "u8" | "u32" | "u64" | "f64" | "a number" => "a number",
            w if w.starts_with("struct ") || w.contains("map") || w.contains("enum ") => {
                "an object"
            }
            w if w.starts_with("a tuple") => "a list",
            w => w,
        }
    }
    let quoted = |m: &str| m.split('`').nth(1).unwrap_or("").to_string();
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((unexpected, what)) = rest.split_once(", expected ") {
            return format!("expected {}, found {}", expected(what), found(unexpected));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((unexpected, what)) = rest.split_once(", expected ") {
            let value = quoted(unexpected);
            let whole = match what {
                "u8" => Some(u8::MAX as u64),
                "u32" => Some(u32::MAX.into()),
                "u64" => Some(u64::MAX),
                _ => None,
            };
            return match whole {
                Some(max) => format!("expected a whole number up to {max}, found {value}"),
                None => format!("expected {}, found {value}", expected(what)),
            };
        }
    }
    if message.starts_with("unknown variant ") {
        return format!("unknown value \"{}\"", quoted(message));
    }
    if message.starts_with("missing field ") {
        return format!("missing field \"{}\"", quoted(message));
    }
    message.to_string()
}

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

    fn bool(&mut self) -> Result<bool> {
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

    fn string(&mut self) -> Result<String> {
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
    fn array(&mut self, item: &mut dyn FnMut(&mut Self) -> Result<()>) -> Result<()> {
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

    /// Keeps, in every object, only the last of the members with one key.
    fn keep_last_of_each_key(&mut self) {
        match self {
            Json::Object(fields) => {
                let mut i = 0;
                while i < fields.len() {
                    if fields[i + 1..].iter().any(|(k, _)| *k == fields[i].0) {
                        fields.remove(i);
                    } else {
                        fields[i].1.keep_last_of_each_key();
                        i += 1;
                    }
                }
            }
            Json::Array(items) => items.iter_mut().for_each(Json::keep_last_of_each_key),
            _ => {}
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

impl Json {
    /// Reads the whole text as one value, with nothing but white space after it.
    pub fn parse(text: &str) -> Result<Json> {
        let mut reader = Reader::new(text);
        let value = Json::read(&mut reader)?;
        reader.end()?;
        Ok(value)
    }

    /// Reads the next value.
    pub fn read(r: &mut Reader) -> Result<Self> {
        Ok(match r.peek()? {
            b'n' => {
                r.literal("null")?;
                Json::Null
            }
            b't' | b'f' => Json::Bool(r.bool()?),
            b'"' => Json::String(r.string()?),
            b'[' => {
                let mut items = Vec::new();
                r.array(&mut |r| {
                    items.push(Json::read(r)?);
                    Ok(())
                })?;
                Json::Array(items)
            }
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

/// The bytes of JSON text that are outside its strings, with their positions: what a walk
/// over its structure looks at. A string's opening quote is one of them; what is inside it,
/// escapes included, and its closing quote are not.
pub fn outside_strings(bytes: &[u8]) -> impl Iterator<Item = (usize, u8)> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    bytes.iter().enumerate().filter_map(move |(i, &b)| {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            return None;
        }
        in_string = b == b'"';
        Some((i, b))
    })
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
    let mut run_start = 0;
    for (i, b) in outside_strings(bytes) {
        let layout = matches!(b, b'{' | b'[' | b'}' | b']' | b',' | b':');
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

    #[test]
    fn reads_strings_with_every_escape() {
        let text = r#""plain \"quoted\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00 caf\u00e9""#;
        let Json::String(read) = Json::parse(text).unwrap() else {
            panic!("not read as text");
        };
        assert_eq!(read, serde_json::from_str::<String>(text).unwrap());
    }

    #[test]
    fn the_walk_over_structure_skips_strings_with_their_escapes() {
        let text = r#"{"a\"}":[1,"b\\",{}]}"#;
        let seen: String = outside_strings(text.as_bytes())
            .map(|(_, b)| b as char)
            .collect();
        assert_eq!(seen, r#"{":[1,",{}]}"#);
        let at: Vec<usize> = outside_strings(text.as_bytes()).map(|(i, _)| i).collect();
        assert_eq!(at[..2], [0, 1], "positions are the text's own");
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
                matches!(Json::parse(damaged), Err(JsonError::Syntax(_))),
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
            read::<Vec<u8>>("[1,\"x\"]"),
            Err(JsonError::shape("item 2: expected a number, found text"))
        );
        assert_eq!(read::<Vec<u8>>("[1,2,oops]"), Err(JsonError::Syntax(5)));
    }

    #[test]
    fn a_wrong_shape_is_told_in_plain_words_with_the_way_to_it() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            name: String,
            #[serde(default)]
            size: Option<f64>,
            #[serde(default)]
            tier: Option<crate::domain::accounts::Tier>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            items: Vec<Item>,
        }
        let error = |text: &str| read::<Outer>(text).unwrap_err().to_string();
        assert_eq!(
            error(r#"{"items":[{"name":"a"},{"name":"b","size":"big"}]}"#),
            "items: item 2: size: expected a number, found text"
        );
        assert_eq!(
            error(r#"{"items":[{"name":"a"},{"size":1}]}"#),
            "items: item 2: missing field \"name\""
        );
        assert_eq!(
            error(r#"{"items":[{"name":"a","tier":"Z"}]}"#),
            "items: item 1: tier: unknown value \"Z\""
        );
        assert_eq!(
            error(r#"{"items":[{"name":"a","tier":5}]}"#),
            "items: item 1: tier: expected text, found a number"
        );
        assert_eq!(
            error(r#"{"items":{}}"#),
            "items: expected a list, found an object"
        );
        assert_eq!(
            error(r#"{"items":[7]}"#),
            "items: item 1: expected an object, found a number"
        );
        // A key written twice counts once, the last time, as it did when read by hand.
        let twice = read::<Outer>(r#"{"items":[{"name":"a","name":"b"}]}"#).unwrap();
        assert_eq!(twice.items[0].name, "b");
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(!Reader::is_json(&deep));
        let fine = "[".repeat(100) + &"]".repeat(100);
        assert!(Reader::is_json(&fine));
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
        let mut tree = Json::parse(text).unwrap();
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
