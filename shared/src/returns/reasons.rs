//! Merchant-defined return reasons, and checking a shopper's choice.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};

/// Longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;
/// Longest photo link accepted, in bytes.
pub const MAX_PHOTO_URL_LEN: usize = 2_048;

/// Merchant-written text in several languages: `{"en": "...", "sv": "..."}`.
///
/// One field per shipped language rather than a map, so the JSON is
/// deterministic and an unknown language key is simply ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LocalizedText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nb: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub da: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub de: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ro: Option<String>,
}

impl LocalizedText {
    /// Text in one language.
    pub fn new(lang: Lang, text: impl Into<String>) -> Self {
        Self::default().with(lang, text)
    }

    /// Adds or replaces one language.
    pub fn with(mut self, lang: Lang, text: impl Into<String>) -> Self {
        *self.slot(lang) = Some(text.into());
        self
    }

    fn slot(&mut self, lang: Lang) -> &mut Option<String> {
        match lang {
            Lang::En => &mut self.en,
            Lang::Sv => &mut self.sv,
            Lang::Nb => &mut self.nb,
            Lang::Da => &mut self.da,
            Lang::De => &mut self.de,
            Lang::Ro => &mut self.ro,
        }
    }

    fn exact(&self, lang: Lang) -> Option<&str> {
        let text = match lang {
            Lang::En => &self.en,
            Lang::Sv => &self.sv,
            Lang::Nb => &self.nb,
            Lang::Da => &self.da,
            Lang::De => &self.de,
            Lang::Ro => &self.ro,
        };
        text.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }

    /// The text in `lang`, else in the merchant's `fallback` language, else
    /// in any language it has; `None` only when it is empty throughout.
    pub fn get(&self, lang: Lang, fallback: Lang) -> Option<&str> {
        self.exact(lang)
            .or_else(|| self.exact(fallback))
            .or_else(|| Lang::ALL.into_iter().find_map(|l| self.exact(l)))
    }
}

/// What a reason asks of the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Requirements {
    #[serde(default)]
    pub requires_comment: bool,
    #[serde(default)]
    pub requires_photo: bool,
}

/// A reason on the merchant's list, e.g. "Doesn't fit".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// Stable id, kept in reports when the label is reworded.
    pub id: String,
    pub label: LocalizedText,
    #[serde(flatten)]
    pub requires: Requirements,
    /// When present, the shopper must pick one ("Too small", "Too large").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_reasons: Vec<SubReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubReason {
    pub id: String,
    pub label: LocalizedText,
    /// Added to the parent's requirements, never relaxing them.
    #[serde(flatten)]
    pub requires: Requirements,
}

/// The shopper's answer for one item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChosenReason {
    pub reason_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_reason_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
}

/// Why a chosen reason does not fit the merchant's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReasonError {
    #[error("the reason or sub-reason is not on the list")]
    UnknownReason,
    #[error("this reason needs a sub-reason")]
    SubReasonRequired,
    #[error("this reason needs a comment")]
    CommentRequired,
    #[error("the comment is longer than {MAX_COMMENT_CHARS} characters")]
    CommentTooLong,
    #[error("this reason needs a photo link")]
    PhotoRequired,
    #[error("the photo link is not an https:// address")]
    PhotoInvalid,
}

impl ReasonError {
    /// What to tell the shopper (`CommentTooLong` has a `{max}` placeholder).
    pub fn message(self) -> Msg {
        match self {
            Self::UnknownReason => Msg::ReturnReasonUnknown,
            Self::SubReasonRequired => Msg::ReturnSubReasonRequired,
            Self::CommentRequired => Msg::ReturnCommentRequired,
            Self::CommentTooLong => Msg::ReturnCommentTooLong,
            Self::PhotoRequired => Msg::ReturnPhotoRequired,
            Self::PhotoInvalid => Msg::ReturnPhotoInvalid,
        }
    }
}

/// Checks a shopper's choice against the list and returns it normalized:
/// ids and texts trimmed, blank texts dropped. A policy without reasons
/// accepts any choice (the merchant did not ask).
pub fn validate(reasons: &[Reason], chosen: &ChosenReason) -> Result<ChosenReason, ReasonError> {
    let comment = chosen
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let photo_url = chosen
        .photo_url
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    // Length and link shape are checked even when optional: whatever is
    // stored must be safe to show back to the merchant.
    if comment.is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
        return Err(ReasonError::CommentTooLong);
    }
    if photo_url.is_some_and(|p| !is_https_link(p)) {
        return Err(ReasonError::PhotoInvalid);
    }
    let reason_id = chosen.reason_id.trim();
    let sub_reason_id = chosen
        .sub_reason_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if !reasons.is_empty() {
        let reason = reasons
            .iter()
            .find(|r| r.id == reason_id)
            .ok_or(ReasonError::UnknownReason)?;
        let mut requires = reason.requires;
        match (reason.sub_reasons.is_empty(), sub_reason_id) {
            (true, None) => {}
            (true, Some(_)) => return Err(ReasonError::UnknownReason),
            (false, None) => return Err(ReasonError::SubReasonRequired),
            (false, Some(id)) => {
                let sub = reason
                    .sub_reasons
                    .iter()
                    .find(|s| s.id == id)
                    .ok_or(ReasonError::UnknownReason)?;
                requires.requires_comment |= sub.requires.requires_comment;
                requires.requires_photo |= sub.requires.requires_photo;
            }
        }
        if requires.requires_comment && comment.is_none() {
            return Err(ReasonError::CommentRequired);
        }
        if requires.requires_photo && photo_url.is_none() {
            return Err(ReasonError::PhotoRequired);
        }
    }
    Ok(ChosenReason {
        reason_id: reason_id.to_owned(),
        sub_reason_id: sub_reason_id.map(str::to_owned),
        comment: comment.map(str::to_owned),
        photo_url: photo_url.map(str::to_owned),
    })
}

/// An absolute `https://` URL with a host and nothing that could break out
/// of an attribute or a log line.
pub fn is_https_link(url: &str) -> bool {
    let Some(rest) = url
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .and_then(|_| url.get(8..))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    url.len() <= MAX_PHOTO_URL_LEN
        && !host.is_empty()
        && url
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(en: &str) -> LocalizedText {
        LocalizedText::new(Lang::En, en)
    }

    fn list() -> Vec<Reason> {
        vec![
            Reason {
                id: "fit".into(),
                label: text("Doesn't fit"),
                requires: Requirements::default(),
                sub_reasons: vec![
                    SubReason {
                        id: "small".into(),
                        label: text("Too small"),
                        requires: Requirements::default(),
                    },
                    SubReason {
                        id: "large".into(),
                        label: text("Too large"),
                        requires: Requirements::default(),
                    },
                ],
            },
            Reason {
                id: "damaged".into(),
                label: text("Arrived damaged"),
                requires: Requirements {
                    requires_comment: true,
                    requires_photo: true,
                },
                sub_reasons: Vec::new(),
            },
            Reason {
                id: "other".into(),
                label: text("Something else"),
                requires: Requirements::default(),
                sub_reasons: vec![SubReason {
                    id: "explain".into(),
                    label: text("Let me explain"),
                    requires: Requirements {
                        requires_comment: true,
                        requires_photo: false,
                    },
                }],
            },
        ]
    }

    fn chose(reason: &str, sub: Option<&str>) -> ChosenReason {
        ChosenReason {
            reason_id: reason.into(),
            sub_reason_id: sub.map(Into::into),
            ..ChosenReason::default()
        }
    }

    #[test]
    fn sub_reason_must_be_chosen_from_the_parent() {
        let list = list();
        assert_eq!(
            validate(&list, &chose("fit", None)),
            Err(ReasonError::SubReasonRequired)
        );
        assert_eq!(
            validate(&list, &chose("fit", Some("huge"))),
            Err(ReasonError::UnknownReason)
        );
        assert_eq!(
            validate(&list, &chose("damaged", Some("small"))),
            Err(ReasonError::UnknownReason)
        );
        assert_eq!(
            validate(&list, &chose("nope", None)),
            Err(ReasonError::UnknownReason)
        );
        let ok = validate(&list, &chose(" fit ", Some("small "))).unwrap();
        assert_eq!(ok.reason_id, "fit");
        assert_eq!(ok.sub_reason_id.as_deref(), Some("small"));
    }

    #[test]
    fn required_comment_and_photo_are_enforced_and_blank_does_not_count() {
        let list = list();
        let mut damaged = chose("damaged", None);
        damaged.comment = Some("   ".into());
        assert_eq!(validate(&list, &damaged), Err(ReasonError::CommentRequired));
        damaged.comment = Some("Seam torn".into());
        assert_eq!(validate(&list, &damaged), Err(ReasonError::PhotoRequired));
        damaged.photo_url = Some("http://example.com/a.jpg".into());
        assert_eq!(validate(&list, &damaged), Err(ReasonError::PhotoInvalid));
        damaged.photo_url = Some("https://example.com/a b.jpg".into());
        assert_eq!(validate(&list, &damaged), Err(ReasonError::PhotoInvalid));
        damaged.photo_url = Some("https:///a.jpg".into());
        assert_eq!(validate(&list, &damaged), Err(ReasonError::PhotoInvalid));
        damaged.photo_url = Some(" HTTPS://img.example.com/a.jpg ".into());
        let ok = validate(&list, &damaged).unwrap();
        assert_eq!(
            ok.photo_url.as_deref(),
            Some("HTTPS://img.example.com/a.jpg")
        );
    }

    #[test]
    fn a_sub_reason_adds_requirements() {
        let list = list();
        assert_eq!(
            validate(&list, &chose("other", Some("explain"))),
            Err(ReasonError::CommentRequired)
        );
    }

    #[test]
    fn comments_are_bounded() {
        let mut choice = chose("fit", Some("large"));
        choice.comment = Some("å".repeat(MAX_COMMENT_CHARS));
        assert!(validate(&list(), &choice).is_ok());
        choice.comment = Some("å".repeat(MAX_COMMENT_CHARS + 1));
        assert_eq!(validate(&list(), &choice), Err(ReasonError::CommentTooLong));
    }

    #[test]
    fn an_empty_list_accepts_any_reason() {
        assert!(validate(&[], &chose("whatever", None)).is_ok());
    }

    #[test]
    fn labels_fall_back_to_the_merchant_language_then_any() {
        let label = LocalizedText::new(Lang::Sv, "Passar inte").with(Lang::En, "Doesn't fit");
        assert_eq!(label.get(Lang::Sv, Lang::En), Some("Passar inte"));
        assert_eq!(label.get(Lang::De, Lang::En), Some("Doesn't fit"));
        assert_eq!(label.get(Lang::De, Lang::Sv), Some("Passar inte"));
        let only_ro = LocalizedText::new(Lang::Ro, "Nu se potrivește");
        assert_eq!(only_ro.get(Lang::En, Lang::Sv), Some("Nu se potrivește"));
        assert_eq!(LocalizedText::default().get(Lang::En, Lang::En), None);
    }

    #[test]
    fn reasons_round_trip_as_merchant_json() {
        let json = r#"{"id":"fit","label":{"en":"Doesn't fit","sv":"Passar inte"},
            "requiresComment":false,"requiresPhoto":true,
            "subReasons":[{"id":"small","label":{"en":"Too small"}}]}"#;
        let reason: Reason = serde_json::from_str(json).unwrap();
        assert!(reason.requires.requires_photo);
        assert_eq!(reason.sub_reasons[0].id, "small");
        let back: Reason = serde_json::from_str(&serde_json::to_string(&reason).unwrap()).unwrap();
        assert_eq!(back, reason);
    }
}
