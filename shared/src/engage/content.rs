//! What a prompt says on one order's page: its content, from everything
//! the shop configured.

use serde::{Deserialize, Serialize};

use super::history::Prompt;
use super::merchant::{
    ContentError, RecommendationSettings, RecommendedProduct, ThankYouSettings, UsageTip,
    UsageTipSettings, invalid,
};
use super::settings::{EngageSettings, keys};
use crate::i18n::Lang;
use crate::order::Order;
use crate::referral::Incentive;
use crate::returns::ProductCatalog;
use crate::reviews::ReviewIncentiveSettings;

/// What the widget renders for a prompt, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum PromptContent {
    /// Review one product of the order.
    ReviewRequest {
        line_item_id: String,
        product_id: String,
        title: String,
        image_url: Option<String>,
        /// The thank-you coupon for any review. Shown before the shopper
        /// rates, and identical for every rating.
        incentive: Option<Incentive>,
    },
    /// The shopper's referral code; the widget shows
    /// [`RewardsView::referral`](crate::api::engage::RewardsView::referral).
    ReferralOffer,
    /// "How likely are you to recommend {shopName}…"
    Nps {
        shop_name: String,
    },
    Recommendations {
        products: Vec<RecommendedProduct>,
        /// Only after delivery, and only when the merchant attaches one.
        discount_code: Option<String>,
    },
    UsageTips {
        tips: Vec<UsageTip>,
    },
    ThankYou {
        first_name: Option<String>,
        /// The merchant's own words, in the shopper's language when given.
        message: Option<String>,
    },
}

/// Everything a shop configured about what its prompts say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngageContent {
    pub settings: EngageSettings,
    pub review_incentive: ReviewIncentiveSettings,
    pub recommendations: RecommendationSettings,
    pub usage_tips: UsageTipSettings,
    pub thank_you: ThankYouSettings,
    /// Categories per product (the returns setting `product_catalog`).
    pub catalog: ProductCatalog,
}

fn parse<T: serde::de::DeserializeOwned + Default>(
    setting: &'static str,
    json: Option<&str>,
) -> Result<T, ContentError> {
    json.map_or_else(
        || Ok(T::default()),
        |json| {
            serde_json::from_str(json).map_err(|e| ContentError::Json {
                setting,
                detail: e.to_string(),
            })
        },
    )
}

impl EngageContent {
    /// Reads and validates the stored documents; `setting(key)` gives the
    /// JSON under a key, if the shop has one. Missing ones take defaults.
    pub fn from_settings<'a>(
        setting: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Self, ContentError> {
        let content = Self {
            settings: parse(keys::ENGAGE, setting(keys::ENGAGE))?,
            review_incentive: parse(keys::REVIEW_INCENTIVE, setting(keys::REVIEW_INCENTIVE))?,
            recommendations: parse(keys::RECOMMENDATIONS, setting(keys::RECOMMENDATIONS))?,
            usage_tips: parse(keys::USAGE_TIPS, setting(keys::USAGE_TIPS))?,
            thank_you: parse(keys::THANK_YOU, setting(keys::THANK_YOU))?,
            catalog: parse(keys::PRODUCT_CATALOG, setting(keys::PRODUCT_CATALOG))?,
        };
        content.validate()?;
        Ok(content)
    }

    pub fn validate(&self) -> Result<(), ContentError> {
        self.settings.validate()?;
        self.review_incentive
            .validate()
            .map_err(|_| invalid(keys::REVIEW_INCENTIVE, "is not a valid incentive"))?;
        self.recommendations.validate()?;
        self.usage_tips.validate()
    }

    /// The scheduler's settings for `order`: a filler with nothing to say
    /// for this order's products is switched off, so an empty card is never
    /// chosen over saying nothing.
    pub fn settings_for(&self, order: &Order) -> EngageSettings {
        EngageSettings {
            recommendations: self.settings.recommendations
                && !self.recommendations.choose(order, &self.catalog).is_empty(),
            usage_tips: self.settings.usage_tips
                && !self
                    .usage_tips
                    .choose(order, &self.catalog, Lang::En)
                    .is_empty(),
            ..self.settings.clone()
        }
    }

    /// What `prompt` says on `order`'s page in `lang`. `None` when the
    /// prompt has nothing to show there (a review request for a product no
    /// longer on the order).
    pub fn content(
        &self,
        prompt: &Prompt,
        order: &Order,
        shop_name: &str,
        lang: Lang,
    ) -> Option<PromptContent> {
        Some(match prompt {
            Prompt::ReviewRequest { product } => {
                let line = order
                    .line_items
                    .iter()
                    .find(|li| li.product_id.as_deref().map(str::trim) == Some(product.as_str()))?;
                PromptContent::ReviewRequest {
                    line_item_id: line.id.clone(),
                    product_id: product.to_string(),
                    title: line.title.clone(),
                    image_url: line.image_url.clone(),
                    incentive: self.review_incentive.reward().incentive,
                }
            }
            Prompt::ReferralOffer => PromptContent::ReferralOffer,
            Prompt::Nps => PromptContent::Nps {
                shop_name: shop_name.to_owned(),
            },
            Prompt::Recommendations { discount } => PromptContent::Recommendations {
                products: self.recommendations.choose(order, &self.catalog),
                discount_code: discount
                    .then(|| self.recommendations.discount_code.clone())
                    .flatten(),
            },
            Prompt::UsageTips => PromptContent::UsageTips {
                tips: self.usage_tips.choose(order, &self.catalog, lang),
            },
            Prompt::ThankYou => PromptContent::ThankYou {
                first_name: order
                    .customer_first_name
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned),
                message: self.thank_you.message(lang),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::order::LineItem;
    use crate::returns::ProductFacts;
    use crate::{Email, OrderId, OrderNumber, UnixTime};

    fn line(id: &str, product: &str) -> LineItem {
        LineItem {
            id: id.into(),
            product_id: Some(product.into()),
            title: format!("Title of {product}"),
            variant_title: None,
            sku: None,
            quantity: 1,
            unit_price_minor: 1000,
            image_url: None,
        }
    }

    fn order(lines: Vec<LineItem>) -> Order {
        Order {
            id: OrderId::parse("o1").unwrap(),
            number: OrderNumber::parse("1").unwrap(),
            display_number: "#1".into(),
            email: Some(Email::parse("a@example.com").unwrap()),
            customer_first_name: Some("Sofia".into()),
            placed_at: UnixTime::from_secs(0),
            currency: "SEK".into(),
            total_minor: 0,
            cancelled_at: None,
            line_items: lines,
            shipments: Vec::new(),
        }
    }

    fn catalog() -> ProductCatalog {
        let mut catalog = ProductCatalog::new();
        let category = |c: &str| ProductFacts {
            category: Some(c.into()),
            ..ProductFacts::default()
        };
        catalog.insert("p-tent", category("tents"));
        catalog.insert("p-boots", category("footwear"));
        catalog.insert("p-wax", category("care"));
        catalog
    }

    const RECOMMENDATIONS: &str = r#"{
      "currency": "SEK",
      "maxProducts": 3,
      "discountCode": "NEXT10",
      "byProduct": {
        "p-tent": [
          { "id": "p-footprint", "title": "Footprint", "priceMinor": 49900, "url": "https://shop.example/footprint" },
          { "id": "p-stakes", "title": "Stakes", "priceMinor": 19900, "url": "https://shop.example/stakes" }
        ]
      },
      "byCategory": {
        "tents": [ { "id": "p-stakes", "title": "Stakes", "priceMinor": 19900, "url": "https://shop.example/stakes" },
                   { "id": "p-lantern", "title": "Lantern", "priceMinor": 29900, "url": "https://shop.example/lantern" } ],
        "footwear": [ { "id": "p-wax", "title": "Boot wax", "priceMinor": 12900, "url": "https://shop.example/wax" },
                      { "id": "p-insoles", "title": "Insoles", "priceMinor": 24900, "url": "https://shop.example/insoles" } ]
      }
    }"#;

    fn content() -> EngageContent {
        let tips = r#"{
          "defaultLang": "en",
          "byCategory": {
            "tents": [ { "title": { "en": "Pitch it once at home", "sv": "Slå upp det hemma först" },
                         "body": { "en": "Practise before the trip.", "sv": "Öva innan turen." } } ],
            "footwear": [ { "title": { "en": "Wax the leather" }, "body": { "en": "Every few trips." } } ]
          }
        }"#;
        let thanks = r#"{ "defaultLang": "en", "message": { "en": "Thank you for shopping with us.", "sv": "Tack för att du handlar hos oss." } }"#;
        let catalog = r#"{ "p-tent": { "category": "tents" }, "p-boots": { "category": "footwear" }, "p-wax": { "category": "care" } }"#;
        let settings = BTreeMap::from([
            (keys::RECOMMENDATIONS, RECOMMENDATIONS),
            (keys::USAGE_TIPS, tips),
            (keys::THANK_YOU, thanks),
            (keys::PRODUCT_CATALOG, catalog),
            (
                keys::REVIEW_INCENTIVE,
                r#"{"incentive":{"type":"percent","percent":10},"couponCode":"THANKS10"}"#,
            ),
        ]);
        EngageContent::from_settings(|key| settings.get(key).copied()).unwrap()
    }

    #[test]
    fn recommendations_go_with_what_was_bought() {
        let content = content();
        let ids = |o: &Order| -> Vec<String> {
            content
                .recommendations
                .choose(o, &content.catalog)
                .into_iter()
                .map(|p| p.id)
                .collect()
        };
        // The tent's own list first, then its category's; stakes once.
        assert_eq!(
            ids(&order(vec![line("1", "p-tent")])),
            ["p-footprint", "p-stakes", "p-lantern"]
        );
        // Boots with wax already in the basket: wax is not recommended.
        assert_eq!(
            ids(&order(vec![line("1", "p-boots"), line("2", "p-wax")])),
            ["p-insoles"]
        );
        // At most maxProducts, across lines.
        assert_eq!(
            ids(&order(vec![line("1", "p-boots"), line("2", "p-tent")])),
            ["p-wax", "p-insoles", "p-footprint"]
        );
        assert!(ids(&order(vec![line("1", "p-unknown")])).is_empty());
    }

    #[test]
    fn tips_follow_the_categories_and_the_shoppers_language() {
        let content = content();
        let tent = order(vec![line("1", "p-tent")]);
        let sv = content.usage_tips.choose(&tent, &content.catalog, Lang::Sv);
        assert_eq!(sv[0].title, "Slå upp det hemma först");
        // A language the merchant did not write falls back to the default.
        let de = content.usage_tips.choose(&tent, &content.catalog, Lang::De);
        assert_eq!(de[0].title, "Pitch it once at home");
    }

    #[test]
    fn empty_fillers_are_switched_off_for_the_order() {
        let content = content();
        let unknown = order(vec![line("1", "p-unknown")]);
        let settings = content.settings_for(&unknown);
        assert!(!settings.recommendations && !settings.usage_tips);
        let tent = content.settings_for(&order(vec![line("1", "p-tent")]));
        assert!(tent.recommendations && tent.usage_tips);
    }

    #[test]
    fn each_prompt_gets_its_content() {
        let content = content();
        let o = order(vec![line("li-tent", "p-tent")]);
        let review = Prompt::ReviewRequest {
            product: crate::engage::ProductId::parse("p-tent").unwrap(),
        };
        let Some(PromptContent::ReviewRequest {
            line_item_id,
            incentive,
            title,
            ..
        }) = content.content(&review, &o, "Nordlys", Lang::En)
        else {
            panic!("review content");
        };
        assert_eq!(line_item_id, "li-tent");
        assert_eq!(title, "Title of p-tent");
        assert_eq!(incentive, Some(Incentive::Percent { percent: 10 }));
        assert_eq!(
            content.content(&Prompt::ThankYou, &o, "Nordlys", Lang::Sv),
            Some(PromptContent::ThankYou {
                first_name: Some("Sofia".into()),
                message: Some("Tack för att du handlar hos oss.".into()),
            })
        );
        // The discount code only when the prompt carries the discount.
        for (discount, code) in [(false, None), (true, Some("NEXT10".to_owned()))] {
            let Some(PromptContent::Recommendations { discount_code, .. }) = content.content(
                &Prompt::Recommendations { discount },
                &o,
                "Nordlys",
                Lang::En,
            ) else {
                panic!("recommendations");
            };
            assert_eq!(discount_code, code);
        }
        let gone = Prompt::ReviewRequest {
            product: crate::engage::ProductId::parse("p-other").unwrap(),
        };
        assert_eq!(content.content(&gone, &o, "Nordlys", Lang::En), None);
    }

    #[test]
    fn bad_content_is_refused_with_the_field() {
        let check = |key: &str, json: &str| {
            EngageContent::from_settings(|k| (k == key).then_some(json)).unwrap_err()
        };
        let err = check(
            keys::RECOMMENDATIONS,
            r#"{"currency":"SEK","byProduct":{"p":[{"id":"x","title":"X","priceMinor":1,"url":"http://insecure"}]}}"#,
        );
        assert!(err.to_string().contains("url"), "{err}");
        let err = check(keys::RECOMMENDATIONS, r#"{"byProduct":{"p":[]}}"#);
        assert!(err.to_string().contains("currency"), "{err}");
        let err = check(
            keys::USAGE_TIPS,
            r#"{"byProduct":{"p":[{"title":{},"body":{}}]}}"#,
        );
        assert!(err.to_string().contains("title"), "{err}");
        let err = check(keys::ENGAGE, r#"{"capPrompts":0}"#);
        assert!(err.to_string().starts_with("engage"), "{err}");
        let err = check(keys::THANK_YOU, r#"{"message":"not localized"}"#);
        assert!(matches!(err, ContentError::Json { .. }));
        assert_eq!(
            catalog()
                .facts(&line("1", "p-tent"))
                .unwrap()
                .category
                .as_deref(),
            Some("tents")
        );
    }
}
