//! The demo shop's settings: one JSON document per key, in `settings/`,
//! written afresh by every seed. The tests below hold each one to the
//! parser the edge reads it with.

/// Loyalty: a point per krona, 50 for a review, three tiers.
pub const LOYALTY: &str = include_str!("settings/loyalty.json");

/// Every document, by its key in `shop_settings`.
pub const DEMO_SETTINGS: [(&str, &str); 9] = [
    // 30 days from delivery, 60 for footwear, outlet items final sale, base
    // layers exchange only, refunds cost 49 kr, store credit earns 10% more.
    (
        "returns_policy",
        include_str!("settings/returns_policy.json"),
    ),
    // What the policy and the recommendations need to know about the demo
    // products.
    (
        "product_catalog",
        include_str!("settings/product_catalog.json"),
    ),
    // The default schedule, with the merchant's discount on recommendations
    // after delivery.
    ("engage", include_str!("settings/engage.json")),
    // A coupon for any review, whatever its rating; reviews are moderated.
    (
        "review_incentive",
        include_str!("settings/review_incentive.json"),
    ),
    // What goes with what the demo shop sells.
    (
        "recommendations",
        include_str!("settings/recommendations.json"),
    ),
    // Care and use, per category, in the languages the shop writes.
    ("usage_tips", include_str!("settings/usage_tips.json")),
    // The brand's own words on arrival.
    ("thank_you", include_str!("settings/thank_you.json")),
    // A friend gets 15% off a first order of at least 500 kr; the referrer
    // 500 points.
    ("referrals", include_str!("settings/referrals.json")),
    ("loyalty", LOYALTY),
];

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use aftercart_shared::engage::{EngageContent, keys};
    use aftercart_shared::returns::{ProductCatalog, ReturnPolicy};
    use aftercart_shared::settings::SettingKey;
    use aftercart_shared::wire::WireName;

    use super::DEMO_SETTINGS;

    /// Each document passes the check the admin API makes before storing
    /// it ([`SettingKey::validate`]) or, for the engagement content, the
    /// parser the edge reads it with; no key is one neither knows.
    #[test]
    fn every_seeded_setting_is_one_the_edge_accepts() {
        for (key, document) in DEMO_SETTINGS {
            let admin = SettingKey::from_wire_name(key);
            assert!(
                admin.is_some() || keys::ALL.contains(&key),
                "{key} is a key the edge never reads"
            );
            if let Some(setting) = admin {
                assert!(setting.validate(document).is_ok(), "{key}");
            }
        }
        let settings: HashMap<&str, &str> = DEMO_SETTINGS.into_iter().collect();
        assert_eq!(settings.len(), DEMO_SETTINGS.len(), "a key twice");
        for key in keys::ALL {
            assert!(settings.contains_key(key), "the demo sets no {key}");
        }
        let content = EngageContent::from_settings(|key| settings.get(key).copied());
        assert!(content.is_ok(), "{content:?}");
        // The policy is one the returns engine accepts, the catalog one it
        // reads.
        assert!(ReturnPolicy::from_json(settings["returns_policy"]).is_ok());
        assert!(serde_json::from_str::<ProductCatalog>(settings["product_catalog"]).is_ok());
    }
}
