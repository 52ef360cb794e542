//! What a prompt says: the merchant's recommendations, usage tips and
//! thank-you words, chosen for one order, and the content of each prompt.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{EngageSettings, Prompt};
use crate::api::{PromptContent, RecommendedProduct, UsageTip};
use crate::i18n::Lang;
use crate::order::{LineItem, Order};
use crate::returns::reasons::is_https_link;
use crate::returns::{LocalizedText, ProductCatalog};
use crate::reviews::ReviewIncentiveSettings;

const MAX_ENTRIES: usize = 50;

/// Why a merchant's engagement content was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: &'static str },
    #[error("engage: {0}")]
    Engage(#[from] super::EngageError),
    #[error("{setting} is not valid JSON for it: {detail}")]
    Json {
        setting: &'static str,
        detail: String,
    },
}

fn invalid(field: impl Into<String>, reason: &'static str) -> ContentError {
    ContentError::Invalid {
        field: field.into(),
        reason,
    }
}

/// One product a merchant recommends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecommendedItem {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub image_url: Option<String>,
    pub price_minor: i64,
    /// The product page.
    pub url: String,
}

/// The `recommendations` setting: complementary products for a product id
/// or for a category of the `product_catalog` setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RecommendationSettings {
    /// The currency of every price here (ISO 4217).
    pub currency: String,
    pub by_product: BTreeMap<String, Vec<RecommendedItem>>,
    pub by_category: BTreeMap<String, Vec<RecommendedItem>>,
    /// Attached after delivery when the engagement settings say so.
    pub discount_code: Option<String>,
    /// At most this many products in one prompt (1–12).
    pub max_products: u32,
}

impl Default for RecommendationSettings {
    fn default() -> Self {
        Self {
            currency: String::new(),
            by_product: BTreeMap::new(),
            by_category: BTreeMap::new(),
            discount_code: None,
            max_products: 3,
        }
    }
}

/// One tip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TipItem {
    pub title: LocalizedText,
    pub body: LocalizedText,
    #[serde(default)]
    pub url: Option<String>,
}

/// The `usage_tips` setting: how to use and care for a product or category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct UsageTipSettings {
    /// The language a tip falls back to when it lacks the shopper's.
    pub default_lang: Lang,
    pub by_product: BTreeMap<String, Vec<TipItem>>,
    pub by_category: BTreeMap<String, Vec<TipItem>>,
    /// At most this many tips in one prompt (1–12).
    pub max_tips: u32,
}

impl Default for UsageTipSettings {
    fn default() -> Self {
        Self {
            default_lang: Lang::En,
            by_product: BTreeMap::new(),
            by_category: BTreeMap::new(),
            max_tips: 3,
        }
    }
}

/// The `thank_you` setting: the brand's own words on arrival.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ThankYouSettings {
    pub default_lang: Lang,
    pub message: LocalizedText,
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

/// The settings keys, each holding one JSON document.
pub mod keys {
    pub const ENGAGE: &str = "engage";
    pub const REVIEW_INCENTIVE: &str = "review_incentive";
    pub const RECOMMENDATIONS: &str = "recommendations";
    pub const USAGE_TIPS: &str = "usage_tips";
    pub const THANK_YOU: &str = "thank_you";
    pub const PRODUCT_CATALOG: &str = "product_catalog";
    pub const ALL: [&str; 6] = [
        ENGAGE,
        REVIEW_INCENTIVE,
        RECOMMENDATIONS,
        USAGE_TIPS,
        THANK_YOU,
        PRODUCT_CATALOG,
    ];
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

/// For each line in order: the entries for its product, then for its
/// category; each entry once.
fn for_order<'s, T>(
    order: &Order,
    catalog: &ProductCatalog,
    by_product: &'s BTreeMap<String, Vec<T>>,
    by_category: &'s BTreeMap<String, Vec<T>>,
) -> Vec<&'s T>
where
    T: PartialEq,
{
    let mut chosen: Vec<&T> = Vec::new();
    let lists = |line: &LineItem| {
        let product = line.product_id.as_deref().map(str::trim);
        let category = catalog.facts(line).and_then(|f| f.category.as_deref());
        let by_id = product.and_then(|p| by_product.get(p));
        let by_cat = category.and_then(|c| by_category.get(c));
        by_id.into_iter().chain(by_cat).flatten()
    };
    for line in &order.line_items {
        for entry in lists(line) {
            if !chosen.contains(&entry) {
                chosen.push(entry);
            }
        }
    }
    chosen
}

impl RecommendationSettings {
    pub fn validate(&self) -> Result<(), ContentError> {
        let field = |rest: &str| format!("{}.{rest}", keys::RECOMMENDATIONS);
        let has_entries = !self.by_product.is_empty() || !self.by_category.is_empty();
        let currency_ok =
            self.currency.len() == 3 && self.currency.chars().all(|c| c.is_ascii_uppercase());
        if has_entries && !currency_ok {
            return Err(invalid(field("currency"), "must be an ISO 4217 code"));
        }
        if !(1..=12).contains(&self.max_products) {
            return Err(invalid(field("maxProducts"), "must be between 1 and 12"));
        }
        let lists = self.by_product.iter().chain(&self.by_category);
        for (key, items) in lists {
            if items.len() > MAX_ENTRIES {
                return Err(invalid(field(key), "has too many products"));
            }
            for item in items {
                let at = |what: &str| field(&format!("{key}.{}.{what}", item.id));
                if item.id.trim().is_empty() || item.title.trim().is_empty() {
                    return Err(invalid(field(key), "every product needs an id and a title"));
                }
                if item.price_minor < 0 {
                    return Err(invalid(at("priceMinor"), "must not be negative"));
                }
                if !is_https_link(&item.url) {
                    return Err(invalid(at("url"), "must be an https:// link"));
                }
                if item.image_url.as_deref().is_some_and(|u| !is_https_link(u)) {
                    return Err(invalid(at("imageUrl"), "must be an https:// link"));
                }
            }
        }
        Ok(())
    }

    /// The products to recommend with `order`: those listed for its
    /// products, then for their categories, in line order; never one the
    /// order already has; at most `max_products`.
    pub fn choose(&self, order: &Order, catalog: &ProductCatalog) -> Vec<RecommendedProduct> {
        let bought = |id: &str| {
            order
                .line_items
                .iter()
                .any(|li| li.product_id.as_deref().map(str::trim) == Some(id))
        };
        let mut ids: Vec<&str> = Vec::new();
        for_order(order, catalog, &self.by_product, &self.by_category)
            .into_iter()
            .filter(|item| !bought(&item.id))
            .filter(|item| {
                let fresh = !ids.contains(&item.id.as_str());
                ids.push(&item.id);
                fresh
            })
            .take(self.max_products as usize)
            .map(|item| RecommendedProduct {
                id: item.id.clone(),
                title: item.title.clone(),
                image_url: item.image_url.clone(),
                price_minor: item.price_minor,
                currency: self.currency.clone(),
                url: item.url.clone(),
            })
            .collect()
    }
}

impl UsageTipSettings {
    pub fn validate(&self) -> Result<(), ContentError> {
        let field = |rest: &str| format!("{}.{rest}", keys::USAGE_TIPS);
        if !(1..=12).contains(&self.max_tips) {
            return Err(invalid(field("maxTips"), "must be between 1 and 12"));
        }
        for (key, tips) in self.by_product.iter().chain(&self.by_category) {
            if tips.len() > MAX_ENTRIES {
                return Err(invalid(field(key), "has too many tips"));
            }
            for tip in tips {
                let lang = self.default_lang;
                if tip.title.get(lang, lang).is_none() || tip.body.get(lang, lang).is_none() {
                    return Err(invalid(field(key), "every tip needs a title and a text"));
                }
                if tip.url.as_deref().is_some_and(|u| !is_https_link(u)) {
                    return Err(invalid(field(key), "tip links must be https:// links"));
                }
            }
        }
        Ok(())
    }

    /// The tips for `order` in `lang`: its products' own, then their
    /// categories', in line order, each once; at most `max_tips`.
    pub fn choose(&self, order: &Order, catalog: &ProductCatalog, lang: Lang) -> Vec<UsageTip> {
        for_order(order, catalog, &self.by_product, &self.by_category)
            .into_iter()
            .filter_map(|tip| {
                Some(UsageTip {
                    title: tip.title.get(lang, self.default_lang)?.to_owned(),
                    body: tip.body.get(lang, self.default_lang)?.to_owned(),
                    url: tip.url.clone(),
                })
            })
            .take(self.max_tips as usize)
            .collect()
    }
}

impl ThankYouSettings {
    /// The message in `lang`, else the default language's, if any.
    pub fn message(&self, lang: Lang) -> Option<String> {
        self.message.get(lang, self.default_lang).map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(
            incentive,
            Some(crate::referral::Incentive::Percent { percent: 10 })
        );
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
