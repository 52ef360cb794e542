//! Discount links: the shop page that applies a referral code.

use serde::{Deserialize, Serialize};

use super::ReferralError;
use super::code::ReferralCode;
use crate::wire::wire_enum;

wire_enum! {
    /// The shop system a discount link is for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Platform {
        Shopify = "shopify",
        WooCommerce = "woocommerce",
    }
}

/// A shop's public host name (`example.com`, `demo.myshopify.com`,
/// `shop.example.com:8443`), lowercased, without scheme or path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct ShopHost(String);

impl ShopHost {
    pub fn parse(raw: &str) -> Result<Self, ReferralError> {
        let host = raw.trim().to_ascii_lowercase();
        let valid = !host.is_empty()
            && host.len() <= 253
            && host.contains('.')
            && !host.starts_with(['.', '-'])
            && !host.ends_with('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
        if valid {
            Ok(Self(host))
        } else {
            Err(ReferralError::BadHost(raw.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ShopHost {
    type Error = ReferralError;
    fn try_from(value: String) -> Result<Self, ReferralError> {
        Self::parse(&value)
    }
}

impl From<ShopHost> for String {
    fn from(host: ShopHost) -> Self {
        host.0
    }
}

/// A link that opens the shop with `code` applied as a discount.
///
/// * Shopify: `https://{shop}/discount/{CODE}?redirect=/` — Shopify's own
///   shareable-discount route: it stores the code in the cart session and
///   redirects to the home page.
/// * WooCommerce: `https://{shop}/?coupon={CODE}`. Core WooCommerce has no
///   such URL; it is the convention of aftercart's WordPress plugin (and of
///   the common "apply coupon from URL" snippets), which reads `coupon` and
///   applies it to the cart. A merchant without the plugin needs that
///   snippet.
///
/// Codes only use `[2-9A-Z]`, so no escaping is needed.
pub fn discount_url(platform: Platform, shop: &ShopHost, code: &ReferralCode) -> String {
    match platform {
        Platform::Shopify => format!("https://{shop}/discount/{code}?redirect=/", shop = shop.0),
        Platform::WooCommerce => format!("https://{shop}/?coupon={code}", shop = shop.0),
    }
}
