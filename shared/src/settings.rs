//! Merchant settings: JSON documents in `shop_settings`, one per key. A
//! document is checked by its key's parser before it is stored, so what
//! the edge reads back is always usable; what the admin API shows of it
//! leaves secrets out.
//!
//! To add a key: a variant with its wire name, and its arms in [`SettingKey::validate`]
//! and [`SettingKey::public_view`]. Each match is exhaustive, so a key
//! without a validator does not compile.

use crate::outbound::{ReturnWebhook, WebhookConfigError, WebhookHosts};
use crate::referral::{LoyaltyProgram, ReferralProgram};
use crate::returns::{ProductCatalog, ReturnPolicy};
use crate::wire::wire_enum;

wire_enum! {
    /// A setting document; its wire name is the key in `shop_settings` and
    /// in `…/settings/{key}`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum SettingKey {
        /// The returns policy ([`ReturnPolicy`]).
        ReturnsPolicy = "returns_policy",
        /// Product categories and tags the policy matches on ([`ProductCatalog`]).
        ProductCatalog = "product_catalog",
        /// Where return events are sent, and the signing secret ([`ReturnWebhook`]).
        ReturnWebhook = "return_webhook",
        /// The referral program ([`ReferralProgram`]); none, no referrals.
        Referrals = "referrals",
        /// The loyalty program ([`LoyaltyProgram`]); none, no points shown.
        Loyalty = "loyalty",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("{0}")]
    Invalid(String),
    /// One field of the document is refused, e.g. a webhook's `url`.
    #[error("{field}: {reason}")]
    Field { field: &'static str, reason: String },
}

impl SettingKey {
    /// Checks a document and gives the text to store: the same document,
    /// compacted. Webhook URLs must name public `https:` hosts.
    pub fn validate(self, document: &str) -> Result<String, SettingError> {
        self.validate_for(document, WebhookHosts::PublicOnly)
    }

    /// [`SettingKey::validate`], with webhook URLs checked under `hosts`.
    pub fn validate_for(self, document: &str, hosts: WebhookHosts) -> Result<String, SettingError> {
        let value: serde_json::Value =
            serde_json::from_str(document).map_err(|e| SettingError::Json(e.to_string()))?;
        let compact = value.to_string();
        match self {
            Self::ReturnsPolicy => ReturnPolicy::from_json(&compact)
                .map(drop)
                .map_err(|e| SettingError::Invalid(e.to_string()))?,
            Self::ProductCatalog => serde_json::from_value::<ProductCatalog>(value)
                .map(drop)
                .map_err(|e| SettingError::Invalid(e.to_string()))?,
            Self::ReturnWebhook => {
                ReturnWebhook::parse(&compact, hosts)
                    .map(drop)
                    .map_err(|e| match e {
                        WebhookConfigError::BadUrl(why) => SettingError::Field {
                            field: "url",
                            reason: why.to_string(),
                        },
                        other => SettingError::Invalid(other.to_string()),
                    })?
            }
            Self::Referrals => ReferralProgram::from_json(&compact)
                .map(drop)
                .map_err(|e| SettingError::Invalid(e.to_string()))?,
            Self::Loyalty => LoyaltyProgram::from_json(&compact)
                .map(drop)
                .map_err(|e| SettingError::Invalid(e.to_string()))?,
        }
        Ok(compact)
    }

    /// Whether the merchant may remove the document (`DELETE`): only where
    /// its absence means something the rest of the code reads as "off".
    /// Without a `return_webhook` no events are queued. The others are
    /// replaced, not removed: no policy would strand open returns, and
    /// removing a program mid-flight (codes shared, points earned) is a
    /// decision of its own.
    pub fn removable(self) -> bool {
        match self {
            Self::ReturnWebhook => true,
            Self::ReturnsPolicy | Self::ProductCatalog | Self::Referrals | Self::Loyalty => false,
        }
    }

    /// A stored document as the admin API shows it: secrets replaced by
    /// whether they are set.
    pub fn public_view(self, stored: &str) -> Result<serde_json::Value, SettingError> {
        match self {
            Self::ReturnsPolicy | Self::ProductCatalog | Self::Referrals | Self::Loyalty => {
                serde_json::from_str(stored).map_err(|e| SettingError::Json(e.to_string()))
            }
            // A URL stored under older rules is still shown, so the
            // merchant can see what to fix (it is refused before any send).
            Self::ReturnWebhook => {
                ReturnWebhook::stored_view(stored).map_err(|e| SettingError::Invalid(e.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        reason = "a test should stop at the first surprise"
    )]

    use super::*;
    use crate::wire::WireName;

    const POLICY: &str = r#"{
      "currency": "USD",
      "window": { "days": 30, "startsAt": "delivery" },
      "resolutions": { "refund": {} },
      "reasons": [ { "id": "changed_mind", "label": { "en": "Changed my mind" } } ]
    }"#;

    #[test]
    fn names_round_trip() {
        for key in SettingKey::ALL {
            assert_eq!(SettingKey::from_wire_name(key.wire_name()), Some(key));
        }
        assert_eq!(SettingKey::from_wire_name("engagement"), None);
    }

    #[test]
    fn valid_documents_are_stored_compacted_and_read_back() {
        let stored = SettingKey::ReturnsPolicy.validate(POLICY).unwrap();
        assert!(!stored.contains('\n'));
        assert!(ReturnPolicy::from_json(&stored).is_ok());
        let catalog = SettingKey::ProductCatalog
            .validate(r#"{ "p-1": { "category": "shoes", "tags": ["final-sale"] } }"#)
            .unwrap();
        assert!(serde_json::from_str::<ProductCatalog>(&catalog).is_ok());
    }

    #[test]
    fn invalid_documents_say_why() {
        assert!(matches!(
            SettingKey::ReturnsPolicy.validate("{not json"),
            Err(SettingError::Json(_))
        ));
        let bad_currency = POLICY.replace("USD", "DOLLARS");
        let Err(SettingError::Invalid(reason)) = SettingKey::ReturnsPolicy.validate(&bad_currency)
        else {
            panic!("a policy in no currency was accepted")
        };
        assert!(reason.contains("currency"), "{reason}");
        assert!(matches!(
            SettingKey::ProductCatalog.validate(r#"["p-1"]"#),
            Err(SettingError::Invalid(_))
        ));
        let Err(SettingError::Field { field, reason }) = SettingKey::ReturnWebhook
            .validate(r#"{"url":"http://shop.example.com/","secret":"0123456789abcdef"}"#)
        else {
            panic!("a plain-HTTP webhook was accepted")
        };
        assert_eq!(field, "url");
        assert!(reason.contains("https"), "{reason}");
        let private = r#"{"url":"https://192.168.0.10/hook","secret":"0123456789abcdef"}"#;
        assert!(matches!(
            SettingKey::ReturnWebhook.validate(private),
            Err(SettingError::Field { field: "url", .. })
        ));
        // A local set-up may name its own receivers.
        let local = r#"{"url":"http://127.0.0.1:9/hooks","secret":"0123456789abcdef"}"#;
        assert!(
            SettingKey::ReturnWebhook
                .validate_for(local, WebhookHosts::AllowPrivate)
                .is_ok()
        );
        // A document stored under older rules is still shown.
        assert_eq!(
            SettingKey::ReturnWebhook.public_view(private).unwrap()["url"],
            "https://192.168.0.10/hook"
        );
    }

    #[test]
    fn referral_and_loyalty_programs_are_checked_by_their_parsers() {
        let referrals = SettingKey::Referrals
            .validate(
                r#"{"platform":"woocommerce","shopHost":"shop.example",
                    "friendOffer":{"type":"amount","minor":5000},
                    "referrerReward":{"type":"percent","percent":10}}"#,
            )
            .unwrap();
        assert_eq!(
            SettingKey::Referrals.public_view(&referrals).unwrap()["shopHost"],
            "shop.example"
        );
        let Err(SettingError::Invalid(reason)) = SettingKey::Referrals.validate(
            r#"{"platform":"shopify","shopHost":"shop.example",
                "friendOffer":{"type":"points","points":5},
                "referrerReward":{"type":"points","points":5}}"#,
        ) else {
            panic!("points for a friend were accepted")
        };
        assert!(reason.contains("friendOffer"), "{reason}");
        assert!(
            SettingKey::Loyalty
                .validate(r#"{"pointsPerUnit":3}"#)
                .is_ok()
        );
        let Err(SettingError::Invalid(reason)) = SettingKey::Loyalty.validate(
            r#"{"tiers":[{"name":"Gold","threshold":5},{"name":"Silver","threshold":5}]}"#,
        ) else {
            panic!("tied tiers were accepted")
        };
        assert!(reason.contains("strictly rising"), "{reason}");
    }

    #[test]
    fn only_the_webhook_can_be_removed() {
        let removable: Vec<SettingKey> = SettingKey::ALL
            .into_iter()
            .filter(|key| key.removable())
            .collect();
        assert_eq!(removable, [SettingKey::ReturnWebhook]);
    }

    #[test]
    fn the_webhook_secret_is_stored_but_never_shown() {
        let secret = "s3cret-s3cret-s3cret";
        let stored = SettingKey::ReturnWebhook
            .validate(&format!(
                r#"{{"url":"https://shop.example.com/h","secret":"{secret}"}}"#
            ))
            .unwrap();
        assert!(stored.contains(secret));
        let shown = SettingKey::ReturnWebhook.public_view(&stored).unwrap();
        assert!(!shown.to_string().contains(secret));
        assert_eq!(shown["secretSet"], true);
        let policy = SettingKey::ReturnsPolicy.validate(POLICY).unwrap();
        assert_eq!(
            SettingKey::ReturnsPolicy.public_view(&policy).unwrap()["currency"],
            "USD"
        );
    }
}
