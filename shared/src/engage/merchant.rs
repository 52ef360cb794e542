//! What a merchant wrote for prompts to say: recommended products, usage
//! tips and thank-you words, each checked when stored and chosen for one
//! order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::settings::keys;
use crate::i18n::Lang;
use crate::order::{LineItem, Order};
use crate::returns::reasons::is_https_link;
use crate::returns::{LocalizedText, ProductCatalog};

const MAX_ENTRIES: usize = 50;

/// Why a merchant's engagement content was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: &'static str },
    #[error("engage: {0}")]
    Engage(#[from] super::settings::EngageError),
    #[error("{setting} is not valid JSON for it: {detail}")]
    Json {
        setting: &'static str,
        detail: String,
    },
}

pub(super) fn invalid(field: impl Into<String>, reason: &'static str) -> ContentError {
    ContentError::Invalid {
        field: field.into(),
        reason,
    }
}

/// One product a merchant recommends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TipItem {
    pub title: LocalizedText,
    pub body: LocalizedText,
    #[serde(default)]
    pub url: Option<String>,
}

/// The `usage_tips` setting: how to use and care for a product or category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ThankYouSettings {
    pub default_lang: Lang,
    pub message: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
/// A recommended product as the widget shows it.
pub struct RecommendedProduct {
    pub id: String,
    pub title: String,
    pub image_url: Option<String>,
    pub price_minor: i64,
    pub currency: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct UsageTip {
    pub title: String,
    pub body: String,
    pub url: Option<String>,
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
