//! What the shop knows about its products (categories, tags, final sale),
//! passed in by the caller, and how a policy rule picks items by it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::order::LineItem;

/// Picks items by what the shop knows about them. Categories and tags
/// compare case-insensitively (shop platforms treat them so); product ids
/// and SKUs are opaque and compare exactly. JSON: `{"tag": "final-sale"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Selector {
    ProductId(String),
    Sku(String),
    Category(String),
    Tag(String),
}

impl Selector {
    pub fn matches(&self, item: &LineItem, facts: Option<&ProductFacts>) -> bool {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        match self {
            Self::ProductId(id) => item.product_id.as_deref().map(str::trim) == Some(id.trim()),
            Self::Sku(sku) => item.sku.as_deref().map(str::trim) == Some(sku.trim()),
            Self::Category(category) => facts
                .and_then(|f| f.category.as_deref())
                .is_some_and(|c| same(c, category)),
            Self::Tag(tag) => facts.is_some_and(|f| f.tags.iter().any(|t| same(t, tag))),
        }
    }

    /// The raw value, shown to shoppers when the merchant gave no label.
    pub fn value(&self) -> &str {
        match self {
            Self::ProductId(v) | Self::Sku(v) | Self::Category(v) | Self::Tag(v) => v,
        }
    }
}

/// What the shop's catalog says about a product, passed in by the caller
/// because order line items do not carry it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductFacts {
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Marked final sale on the product itself (as opposed to by a rule).
    #[serde(default)]
    pub final_sale: bool,
}

/// Product facts by product id. Items without a product id, or missing
/// here, have no category or tags: only product-id/SKU selectors and the
/// default window apply to them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct ProductCatalog(BTreeMap<String, ProductFacts>);

impl ProductCatalog {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, product_id: impl Into<String>, facts: ProductFacts) {
        self.0.insert(product_id.into(), facts);
    }

    pub fn facts(&self, item: &LineItem) -> Option<&ProductFacts> {
        item.product_id
            .as_deref()
            .and_then(|id| self.0.get(id.trim()))
    }
}

impl FromIterator<(String, ProductFacts)> for ProductCatalog {
    fn from_iter<I: IntoIterator<Item = (String, ProductFacts)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}
