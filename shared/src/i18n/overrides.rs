//! A merchant's own copy: one message in one language replaced, the rest
//! from our catalogs. Checked when the merchant saves it, so the widget
//! never shows a message with a placeholder missing or one it cannot fill.

use std::collections::HashMap;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use super::{Lang, Msg, placeholders};
use crate::wire::WireName;

/// The longest override we keep; our own longest message is far shorter.
pub const MAX_OVERRIDE_CHARS: usize = 500;

/// One refused entry: where it is (a JSON pointer below the overrides
/// object, `/sv/LookupTitle`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideProblem {
    pub pointer: String,
    pub reason: String,
}

/// Replaced messages by language; see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    texts: HashMap<(Lang, Msg), String>,
}

impl Overrides {
    /// Reads `{ "<lang>": { "<Msg::key>": "text" } }`, reporting every
    /// refused entry at once (unknown language or message, not a string,
    /// empty, too long, placeholders other than the catalog's).
    pub fn parse(value: &Value) -> Result<Self, Vec<OverrideProblem>> {
        let mut problems = Vec::new();
        let mut texts = HashMap::new();
        let problem = |pointer: String, reason: String| OverrideProblem { pointer, reason };
        let Some(langs) = value.as_object() else {
            return Err(vec![problem(
                String::new(),
                "must be an object of languages".into(),
            )]);
        };
        for (tag, messages) in langs {
            let at = format!("/{}", escape(tag));
            let Some(lang) = Lang::ALL.into_iter().find(|l| l.wire_name() == tag) else {
                problems.push(problem(at, format!("unknown language {tag:?}")));
                continue;
            };
            let Some(messages) = messages.as_object() else {
                problems.push(problem(at, "must be an object of message keys".into()));
                continue;
            };
            for (key, text) in messages {
                let at = format!("{at}/{}", escape(key));
                let Some(msg) = Msg::from_key(key) else {
                    problems.push(problem(at, format!("unknown message key {key:?}")));
                    continue;
                };
                match check_text(lang, msg, text) {
                    Ok(text) => {
                        texts.insert((lang, msg), text);
                    }
                    Err(reason) => problems.push(problem(at, reason)),
                }
            }
        }
        if problems.is_empty() {
            Ok(Self { texts })
        } else {
            Err(problems)
        }
    }

    /// The merchant's text for `msg` in `lang`, else our catalog's.
    pub fn text(&self, lang: Lang, msg: Msg) -> &str {
        self.texts
            .get(&(lang, msg))
            .map_or_else(|| lang.text(msg), String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

fn check_text(lang: Lang, msg: Msg, text: &Value) -> Result<String, String> {
    let Some(text) = text.as_str() else {
        return Err("must be a string".into());
    };
    if text.trim().is_empty() {
        return Err("must not be empty (remove the key to use our text)".into());
    }
    if text.chars().count() > MAX_OVERRIDE_CHARS {
        return Err(format!("must be at most {MAX_OVERRIDE_CHARS} characters"));
    }
    let expected = placeholders(lang.text(msg));
    if placeholders(text) != expected {
        return Err(if expected.is_empty() {
            "must not contain placeholders".into()
        } else {
            let names: Vec<String> = expected.iter().map(|n| format!("{{{n}}}")).collect();
            format!("must use exactly the placeholders {}", names.join(", "))
        });
    }
    Ok(text.to_owned())
}

/// A JSON pointer segment (RFC 6901).
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl Serialize for Overrides {
    /// The same shape [`Overrides::parse`] reads, languages and keys in
    /// catalog order so the document is stable.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let langs: Vec<Lang> = Lang::ALL
            .into_iter()
            .filter(|lang| self.texts.keys().any(|(l, _)| l == lang))
            .collect();
        let mut map = serializer.serialize_map(Some(langs.len()))?;
        for lang in langs {
            let entries: Vec<(&str, &str)> = Msg::ALL
                .into_iter()
                .filter_map(|msg| {
                    self.texts
                        .get(&(lang, msg))
                        .map(|text| (msg.key(), text.as_str()))
                })
                .collect();
            map.serialize_entry(lang.wire_name(), &OrderedEntries(&entries))?;
        }
        map.end()
    }
}

struct OrderedEntries<'a>(&'a [(&'a str, &'a str)]);

impl Serialize for OrderedEntries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, text) in self.0 {
            map.serialize_entry(key, text)?;
        }
        map.end()
    }
}

impl<'de> serde::Deserialize<'de> for Overrides {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::parse(&value).map_err(|problems| {
            let first = problems
                .first()
                .map_or_else(String::new, |p| format!("{}: {}", p.pointer, p.reason));
            serde::de::Error::custom(first)
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        reason = "a test should stop at the first surprise"
    )]

    use super::*;
    use serde_json::json;

    #[test]
    fn an_override_replaces_one_message_in_one_language() {
        let overrides =
            Overrides::parse(&json!({ "sv": { "LookupTitle": "Var är mitt paket?" } })).unwrap();
        assert_eq!(
            overrides.text(Lang::Sv, Msg::LookupTitle),
            "Var är mitt paket?"
        );
        assert_eq!(
            overrides.text(Lang::En, Msg::LookupTitle),
            Lang::En.text(Msg::LookupTitle)
        );
        assert_eq!(
            overrides.text(Lang::Sv, Msg::LookupSubmit),
            Lang::Sv.text(Msg::LookupSubmit)
        );
    }

    #[test]
    fn every_refused_entry_is_reported_with_its_pointer() {
        let problems = Overrides::parse(&json!({
            "fr": {},
            "de": {
                "NoSuchKey": "x",
                "LookupTitle": 3,
                "LookupIntro": " ",
                "ShipmentOf": "Paket {n}",
                "a/b": "x",
            },
        }))
        .unwrap_err();
        let pointers: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/de/LookupIntro",
                "/de/LookupTitle",
                "/de/NoSuchKey",
                "/de/ShipmentOf",
                "/de/a~1b",
                "/fr",
            ]
        );
        let placeholder = &problems[3].reason;
        assert!(
            placeholder.contains("{n}") && placeholder.contains("{total}"),
            "{placeholder}"
        );
    }

    #[test]
    fn it_reads_back_what_it_writes() {
        let value = json!({ "en": { "LookupTitle": "Track it", "ShipmentOf": "Box {n}/{total}" },
                            "da": { "LookupSubmit": "Find" } });
        let overrides = Overrides::parse(&value).unwrap();
        assert_eq!(serde_json::to_value(&overrides).unwrap(), value);
        assert!(Overrides::parse(&json!([])).is_err());
        assert!(Overrides::parse(&json!({})).unwrap().is_empty());
    }

    #[test]
    fn message_keys_round_trip() {
        for msg in Msg::ALL {
            assert_eq!(Msg::from_key(msg.key()), Some(msg));
        }
        assert_eq!(Msg::from_key("lookuptitle"), None);
    }
}
