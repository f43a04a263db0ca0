//! How section definitions and section content are read from and written to JSON.
//!
//! The stored shapes are exactly the ones serde derives for `#[serde(flatten)]` over the
//! tagged section kind and for an adjacently tagged `Content`. The derived readers for those
//! two buffer each value into serde's generic `Content` tree first, so that keys may come in
//! any order; that machinery was about 35 KB of the 1.1 MB wasm. Here the kind is a plain field
//! of a flat struct, and content is read in one pass, which needs `"type"` before `"value"`.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::{Content, SectionDef, SectionKey, SectionKind};

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

/// The `"type"` of stored content.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ContentType {
    Text,
    List,
    Stakeholders,
    Kpis,
    Budget,
    Schedule,
    Checklist,
}

impl<'de> Deserialize<'de> for Content {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ContentVisitor)
    }
}

/// Reads `{"type": …, "value": …}`, skipping any other keys. The type must come before the
/// value: the app always writes it that way, and so does serde_json's `Value` (its maps are
/// sorted), which migrations go through.
struct ContentVisitor;

impl<'de> Visitor<'de> for ContentVisitor {
    type Value = Content;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("section content: {\"type\": …, \"value\": …}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content, A::Error> {
        let kind: ContentType = loop {
            match map.next_key::<String>()?.as_deref() {
                Some("type") => break map.next_value()?,
                Some("value") => {
                    return Err(de::Error::custom(
                        "section content must give its \"type\" before its \"value\"",
                    ))
                }
                Some(_) => {
                    map.next_value::<IgnoredAny>()?;
                }
                None => return Err(de::Error::missing_field("type")),
            }
        };
        loop {
            match map.next_key::<String>()?.as_deref() {
                Some("value") => break,
                Some(_) => {
                    map.next_value::<IgnoredAny>()?;
                }
                None => return Err(de::Error::missing_field("value")),
            }
        }
        let content = match kind {
            ContentType::Text => Content::Text(map.next_value()?),
            ContentType::List => Content::List(map.next_value()?),
            ContentType::Stakeholders => Content::Stakeholders(map.next_value()?),
            ContentType::Kpis => Content::Kpis(map.next_value()?),
            ContentType::Budget => Content::Budget(map.next_value()?),
            ContentType::Schedule => Content::Schedule(map.next_value()?),
            ContentType::Checklist => Content::Checklist(map.next_value()?),
        };
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<IgnoredAny>()?;
        }
        Ok(content)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Budget, CheckItem};
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
                serde_json::from_str::<SectionDef>(&json).unwrap(),
                def(kind)
            );
        }
        let older = r#"{"key":"k","title":"T","kind":"list","max":null}"#;
        let read: SectionDef = serde_json::from_str(older).unwrap();
        assert_eq!(read.kind, SectionKind::List { max: None });
        assert_eq!(read.guidance, "");
        let capped = r#"{"key":"k","title":"T","kind":"list","max":3}"#;
        let read: SectionDef = serde_json::from_str(capped).unwrap();
        assert_eq!(read.kind, SectionKind::List { max: Some(3) });
    }

    #[test]
    fn an_unknown_section_kind_is_an_error() {
        let json = r#"{"key":"k","title":"T","kind":"poem"}"#;
        let err = serde_json::from_str::<SectionDef>(json).unwrap_err();
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
            assert_eq!(serde_json::from_str::<Content>(&json).unwrap(), content);
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::from_value::<Content>(value).unwrap(), content);
        }
        let text = serde_json::to_string(&Content::Text("x".into())).unwrap();
        assert_eq!(text, r#"{"type":"text","value":"x"}"#);
    }

    #[test]
    fn content_tolerates_extra_keys_and_rejects_bad_shapes() {
        for extra in [
            r#"{"type":"text","value":"x","note":1}"#,
            r#"{"note":[1],"type":"text","value":"x"}"#,
            r#"{"type":"text","note":{"a":1},"value":"x"}"#,
        ] {
            assert_eq!(
                serde_json::from_str::<Content>(extra).unwrap(),
                Content::Text("x".into())
            );
        }
        for bad in [
            r#"{"value":"x","type":"text"}"#,
            r#"{"type":"text"}"#,
            r#"{"type":"poem","value":"x"}"#,
            r#"{"type":"list","value":"x"}"#,
            r#""text""#,
        ] {
            assert!(serde_json::from_str::<Content>(bad).is_err(), "{bad}");
        }
    }
}
