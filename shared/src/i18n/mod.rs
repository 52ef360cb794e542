//! Language catalogs. Every string a shopper sees comes from here.
//!
//! [`Msg`] lists the messages (`msg.rs`); each language is one file with an
//! exhaustive `match` over it (`en.rs`, `sv.rs`, …), so adding a message
//! without translating it into every shipped language does not compile.
//! Placeholders are `{name}` and are filled by [`fill`]; [`Lang`] picks
//! the language.

mod da;
mod de;
mod en;
mod msg;
mod nb;
mod overrides;
mod ro;
mod sv;

pub use msg::Msg;
pub use overrides::{MAX_OVERRIDE_CHARS, OverrideProblem, Overrides};

use crate::tracking::{Step, TrackingStatus};
use crate::wire::{WireName, wire_enum};

wire_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum Lang {
        #[default]
        En = "en",
        Sv = "sv",
        Nb = "nb",
        Da = "da",
        De = "de",
        Ro = "ro",
    }
}

impl Lang {
    /// BCP 47 tag, for `lang` attributes and `Intl` formatting: the wire
    /// name.
    pub fn tag(self) -> &'static str {
        self.wire_name()
    }

    /// The language's own name, for a language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Sv => "Svenska",
            Self::Nb => "Norsk",
            Self::Da => "Dansk",
            Self::De => "Deutsch",
            Self::Ro => "Română",
        }
    }

    /// Reads one language tag (`sv-SE`, `NO`, `nn`, `de_AT`); `None` when
    /// it is not a language we ship.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .trim()
            .split(['-', '_', ';'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "sv" => Some(Self::Sv),
            // Nynorsk readers read Bokmål; `no` is the macrolanguage.
            "nb" | "no" | "nn" => Some(Self::Nb),
            "da" => Some(Self::Da),
            "de" => Some(Self::De),
            "ro" | "mo" => Some(Self::Ro),
            _ => None,
        }
    }

    /// Picks the language: the merchant's or page's explicit choice first,
    /// then the browser's preferences in order, then English.
    pub fn negotiate<'a>(
        explicit: Option<&str>,
        preferred: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        explicit
            .and_then(Self::from_tag)
            .or_else(|| preferred.into_iter().find_map(Self::from_tag))
            .unwrap_or_default()
    }

    pub fn text(self, msg: Msg) -> &'static str {
        match self {
            Self::En => en::text(msg),
            Self::Sv => sv::text(msg),
            Self::Nb => nb::text(msg),
            Self::Da => da::text(msg),
            Self::De => de::text(msg),
            Self::Ro => ro::text(msg),
        }
    }

    /// The label of a progress step.
    pub fn step(self, step: Step) -> &'static str {
        self.text(match step {
            Step::Ordered => Msg::StepOrdered,
            Step::Shipped => Msg::StepShipped,
            Step::InTransit => Msg::StepInTransit,
            Step::OutForDelivery => Msg::StepOutForDelivery,
            Step::Delivered => Msg::StepDelivered,
        })
    }

    /// The shopper-facing label of a tracking status.
    pub fn status(self, status: TrackingStatus) -> &'static str {
        self.text(match status {
            TrackingStatus::Pending => Msg::StatusPending,
            TrackingStatus::InfoReceived => Msg::StatusInfoReceived,
            TrackingStatus::InTransit => Msg::StatusInTransit,
            TrackingStatus::OutForDelivery => Msg::StatusOutForDelivery,
            TrackingStatus::AttemptFail => Msg::StatusAttemptFail,
            TrackingStatus::AvailableForPickup => Msg::StatusAvailableForPickup,
            TrackingStatus::Delivered => Msg::StatusDelivered,
            TrackingStatus::Exception => Msg::StatusException,
            TrackingStatus::Expired => Msg::StatusExpired,
        })
    }
}

/// Replaces each `{name}` in `template` with its value, in one pass:
/// braces without a known name are kept as they are, and text inside a
/// value is never taken for a placeholder.
///
/// Written without `format!` or substring search so the widget's wasm
/// does not carry them just for this.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let filled = after.split_once('}').and_then(|(name, tail)| {
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value, tail))
        });
        match filled {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s of a message, sorted: what [`fill`] will be given.
pub(crate) fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = s
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_translates_every_message_with_the_same_placeholders() {
        for msg in Msg::ALL {
            let english = Lang::En.text(msg);
            for lang in Lang::ALL {
                let text = lang.text(msg);
                assert!(!text.trim().is_empty(), "{lang:?} {msg:?} is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{lang:?} {msg:?}"
                );
            }
        }
    }

    #[test]
    fn non_english_catalogs_are_really_translated() {
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let same = Msg::ALL
                .iter()
                .filter(|m| lang.text(**m) == Lang::En.text(**m))
                .count();
            // A few words are the same in several languages ("Updates").
            assert!(same <= 3, "{lang:?} has {same} untranslated messages");
        }
    }

    #[test]
    fn negotiation_prefers_explicit_then_browser_then_english() {
        assert_eq!(Lang::negotiate(Some("de"), ["sv-SE"]), Lang::De);
        assert_eq!(
            Lang::negotiate(Some("xx"), ["fr-FR", "sv-SE", "en"]),
            Lang::Sv
        );
        assert_eq!(Lang::negotiate(None, ["nn-NO"]), Lang::Nb);
        assert_eq!(Lang::negotiate(None, ["no"]), Lang::Nb);
        assert_eq!(Lang::negotiate(None, ["da_DK"]), Lang::Da);
        assert_eq!(Lang::negotiate(None, ["ro-RO"]), Lang::Ro);
        assert_eq!(Lang::negotiate(None, ["fr", "it"]), Lang::En);
        assert_eq!(Lang::negotiate(None, []), Lang::En);
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill(
                Lang::En.text(Msg::ShipmentOf),
                &[("n", "1"), ("total", "2")]
            ),
            "Package 1 of 2"
        );
        // Unknown names and stray braces stay; values are not re-scanned.
        assert_eq!(
            fill("{a} {b} {a} { {", &[("a", "{b}"), ("b", "x")]),
            "{b} x {b} { {"
        );
    }

    #[test]
    fn every_status_and_step_has_a_label() {
        for lang in Lang::ALL {
            for status in TrackingStatus::ALL {
                assert!(!lang.status(status).is_empty());
            }
            for step in Step::ALL {
                assert!(!lang.step(step).is_empty());
            }
        }
    }
}
