//! How section definitions and section content are read from and written to JSON.
//!
//! The stored shapes are the ones serde derives for `#[serde(flatten)]` over the tagged
//! section kind and for an adjacently tagged `Content`: a definition is a flat object whose
//! `"kind"` is the kind's slug (lists add `"max"`), and content is `{"type", "value"}`.
//! A definition is written and read through a flat struct. Content is written by its derived
//! `Serialize` and read here: serde's derived reader for an adjacently tagged enum also reads
//! every kind of content through serde's generic buffer, for a value written before its type,
//! a second copy of all the content readers (about 26 KB of the wasm). Here a value before its
//! type is kept as its raw text until the type is known, and read by the same readers.

use serde::de::{DeserializeSeed, Error, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::{Budget, Content, Schedule, SectionDef, SectionKey, SectionKind};

/// A section definition as stored: `{"key", "title", "guidance", "kind", "max"}`.
#[derive(Serialize, Deserialize)]
pub(super) struct StoredSectionDef {
    key: SectionKey,
    title: String,
    #[serde(default)]
    guidance: String,
    kind: String,
    /// Lists have it, `null` when uncapped; other kinds do not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<Option<u8>>,
}

impl From<SectionDef> for StoredSectionDef {
    fn from(def: SectionDef) -> Self {
        let max = match def.kind {
            SectionKind::List { max } => Some(max),
            _ => None,
        };
        StoredSectionDef {
            key: def.key,
            title: def.title,
            guidance: def.guidance,
            kind: def.kind.slug().to_owned(),
            max,
        }
    }
}

impl TryFrom<StoredSectionDef> for SectionDef {
    type Error = String;

    fn try_from(stored: StoredSectionDef) -> Result<Self, String> {
        let kind = match SectionKind::from_slug(&stored.kind) {
            Some(SectionKind::List { .. }) => SectionKind::List {
                max: stored.max.flatten(),
            },
            Some(kind) => kind,
            None => return Err(format!("unknown section kind \"{}\"", stored.kind)),
        };
        Ok(SectionDef {
            key: stored.key,
            title: stored.title,
            guidance: stored.guidance,
            kind,
        })
    }
}
/// Reads `{"type": …, "value": …}`, skipping any other keys; the type names are the section
/// kinds' slugs, which are the names serde writes the variants with.
impl<'de> Deserialize<'de> for Content {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ContentVisitor)
    }
}

struct ContentVisitor;

impl<'de> Visitor<'de> for ContentVisitor {
    type Value = Content;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content, A::Error> {
        let (mut kind, mut content, mut early) = (None, None, None::<Box<RawValue>>);
        while let Some(key) = map.next_key::<Key>()? {
            match (key, kind) {
                (Key::Type, _) => kind = Some(map.next_value::<Kind>()?.0),
                (Key::Value, Some(kind)) => content = Some(map.next_value_seed(ValueOf(kind))?),
                (Key::Value, None) => early = Some(map.next_value()?),
                (Key::Other, _) => drop(map.next_value::<IgnoredAny>()?),
            }
        }
        let kind = kind.ok_or_else(|| A::Error::missing_field("type"))?;
        match (content, early) {
            (Some(content), _) => Ok(content),
            (None, Some(raw)) => ValueOf(kind)
                .deserialize(&mut serde_json::Deserializer::from_str(raw.get()))
                .map_err(|e| A::Error::custom(format!("value: {e}"))),
            (None, None) => Err(A::Error::missing_field("value")),
        }
    }
}

/// A key of stored content.
enum Key {
    Type,
    Value,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "type" => Key::Type,
                    "value" => Key::Value,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_identifier(Name)
    }
}

/// The kind a content's `"type"` names.
struct Kind(SectionKind);

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Slug;
        impl Visitor<'_> for Slug {
            type Value = Kind;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: Error>(self, slug: &str) -> Result<Kind, E> {
                SectionKind::CHOICES
                    .into_iter()
                    .find(|k| k.slug() == slug)
                    .map(Kind)
                    .ok_or_else(|| E::unknown_variant(slug, &[]))
            }
        }
        d.deserialize_str(Slug)
    }
}

/// Reads a content's `"value"` as the content of its kind.
struct ValueOf(SectionKind);

impl<'de> DeserializeSeed<'de> for ValueOf {
    type Value = Content;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Content, D::Error> {
        Ok(match self.0 {
            SectionKind::Text => Content::Text(String::deserialize(d)?),
            SectionKind::List { .. } => Content::List(Vec::deserialize(d)?),
            SectionKind::Stakeholders => Content::Stakeholders(Vec::deserialize(d)?),
            SectionKind::Kpis => Content::Kpis(Vec::deserialize(d)?),
            SectionKind::Budget => Content::Budget(Budget::deserialize(d)?),
            SectionKind::Schedule => Content::Schedule(Schedule::deserialize(d)?),
            SectionKind::Checklist => Content::Checklist(Vec::deserialize(d)?),
            SectionKind::Actions => Content::Actions(Vec::deserialize(d)?),
            SectionKind::ReviewLog => Content::ReviewLog(Vec::deserialize(d)?),
            SectionKind::Risks => Content::Risks(Vec::deserialize(d)?),
            SectionKind::Roadmap => Content::Roadmap(Vec::deserialize(d)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::CheckItem;
    use super::*;

    fn def(kind: SectionKind) -> SectionDef {
        SectionDef {
            key: "k".into(),
            title: "T".into(),
            guidance: "g".into(),
            kind,
        }
    }

    #[test]
    fn section_defs_keep_their_stored_shape() {
        let list = serde_json::to_string(&def(SectionKind::List { max: Some(5) })).unwrap();
        assert_eq!(
            list,
            r#"{"key":"k","title":"T","guidance":"g","kind":"list","max":5}"#
        );
        let text = serde_json::to_string(&def(SectionKind::Text)).unwrap();
        assert_eq!(
            text,
            r#"{"key":"k","title":"T","guidance":"g","kind":"text"}"#
        );
        let uncapped = serde_json::to_string(&def(SectionKind::List { max: None })).unwrap();
        assert_eq!(
            uncapped,
            r#"{"key":"k","title":"T","guidance":"g","kind":"list","max":null}"#
        );
    }

    #[test]
    fn section_defs_read_every_kind_and_the_older_null_cap() {
        for kind in SectionKind::CHOICES {
            let json = serde_json::to_string(&def(kind)).unwrap();
            assert_eq!(
                crate::support::json::read::<SectionDef>(&json).unwrap(),
                def(kind)
            );
        }
        let older = r#"{"key":"k","title":"T","kind":"list","max":null}"#;
        let read: SectionDef = crate::support::json::read(older).unwrap();
        assert_eq!(read.kind, SectionKind::List { max: None });
        assert_eq!(read.guidance, "");
        let capped = r#"{"key":"k","title":"T","kind":"list","max":3}"#;
        let read: SectionDef = crate::support::json::read(capped).unwrap();
        assert_eq!(read.kind, SectionKind::List { max: Some(3) });
    }

    #[test]
    fn an_unknown_section_kind_is_an_error() {
        let json = r#"{"key":"k","title":"T","kind":"poem"}"#;
        let err = crate::support::json::read::<SectionDef>(json).unwrap_err();
        assert!(
            err.to_string().contains("unknown section kind \"poem\""),
            "{err}"
        );
    }

    #[test]
    fn content_round_trips_in_the_stored_shape() {
        let all = [
            Content::Text("Grow".into()),
            Content::List(vec!["a".into(), "b".into()]),
            Content::Budget(Budget {
                hours: Some(12.5),
                money: None,
                share_pct: Some(8.0),
            }),
            Content::Checklist(vec![CheckItem {
                text: "Roadmap".into(),
                done: true,
            }]),
            Content::empty(SectionKind::Stakeholders),
            Content::empty(SectionKind::Kpis),
            Content::empty(SectionKind::Schedule),
        ];
        for content in all {
            let json = serde_json::to_string(&content).unwrap();
            assert!(json.starts_with(r#"{"type":""#), "{json}");
            assert_eq!(
                crate::support::json::read::<Content>(&json).unwrap(),
                content
            );
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(
                crate::support::json::read::<Content>(&value.to_string()).unwrap(),
                content
            );
        }
        let text = serde_json::to_string(&Content::Text("x".into())).unwrap();
        assert_eq!(text, r#"{"type":"text","value":"x"}"#);
    }

    #[test]
    fn content_tolerates_extra_keys_and_any_order_and_rejects_bad_shapes() {
        for extra in [
            r#"{"type":"text","value":"x","note":1}"#,
            r#"{"note":[1],"type":"text","value":"x"}"#,
            r#"{"type":"text","note":{"a":1},"value":"x"}"#,
            r#"{"value":"x","type":"text"}"#,
        ] {
            assert_eq!(
                crate::support::json::read::<Content>(extra).unwrap(),
                Content::Text("x".into())
            );
        }
        for bad in [
            r#"{"value":1,"type":"text"}"#,
            r#"{"type":"text"}"#,
            r#"{"type":"poem","value":"x"}"#,
            r#"{"type":"list","value":"x"}"#,
            r#""text""#,
        ] {
            assert!(crate::support::json::read::<Content>(bad).is_err(), "{bad}");
        }
    }
}
