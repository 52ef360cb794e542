//! Domain newtypes, parsed once at the boundary.
//!
//! Every constructor normalizes what shoppers and shop systems type
//! differently for the same thing (case, whitespace, a leading `#`), so two
//! spellings of one order compare equal everywhere after parsing.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why an identifier from outside was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("{what} is empty")]
    Empty { what: &'static str },
    #[error("{what} is longer than {max} characters")]
    TooLong { what: &'static str, max: usize },
    #[error("{what} contains a character that is not allowed")]
    BadCharacter { what: &'static str },
    #[error("email address is not valid")]
    BadEmail,
}

macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The normalized text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;
            fn try_from(value: &str) -> Result<Self, IdError> {
                Self::parse(value)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                Self::parse(&raw).map_err(|e| serde::de::Error::custom(e))
            }
        }

        impl $name {
            #[doc = concat!("The label used in error messages: ", $what, ".")]
            pub const WHAT: &'static str = $what;
        }

        #[cfg(feature = "openapi")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": "string", "minLength": 1, "description": $what })
            }
        }
    };
}

fn check_slug(raw: &str, what: &'static str, max: usize) -> Result<String, IdError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(IdError::Empty { what });
    }
    if value.chars().count() > max {
        return Err(IdError::TooLong { what, max });
    }
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(IdError::BadCharacter { what });
    }
    Ok(value.to_owned())
}

string_newtype!(
    /// A shop's public handle, e.g. `demo`: lowercase ASCII letters, digits,
    /// `-`, `_` and `.`, at most 64 characters.
    ShopId,
    "shop id"
);

impl ShopId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        check_slug(raw, Self::WHAT, 64).map(|s| Self(s.to_ascii_lowercase()))
    }
}

string_newtype!(
    /// aftercart's id of an order within a shop (the source system's id,
    /// e.g. Shopify's numeric order id). Case is kept: ids are opaque.
    OrderId,
    "order id"
);

impl OrderId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        check_slug(raw, Self::WHAT, 128).map(Self)
    }
}

string_newtype!(
    /// The order number a shopper sees on the receipt, e.g. `#1001` or
    /// `SE-10023`. Parsing drops a leading `#`, all whitespace, and case, so
    /// `#se-10023`, ` SE 10023 ` and `SE-10023` are the same number.
    OrderNumber,
    "order number"
);

impl OrderNumber {
    pub const MAX_LEN: usize = 64;

    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let trimmed = raw.trim();
        let without_hash = trimmed.strip_prefix('#').unwrap_or(trimmed);
        let compact: String = without_hash
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        if compact.is_empty() {
            return Err(IdError::Empty { what: Self::WHAT });
        }
        if compact.chars().count() > Self::MAX_LEN {
            return Err(IdError::TooLong {
                what: Self::WHAT,
                max: Self::MAX_LEN,
            });
        }
        if !compact
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        {
            return Err(IdError::BadCharacter { what: Self::WHAT });
        }
        Ok(Self(compact))
    }
}

impl Email {
    /// Equality that takes the same time wherever the addresses differ, for
    /// comparing what a shopper typed with what is stored.
    pub fn matches(&self, other: &Email) -> bool {
        use subtle::ConstantTimeEq as _;
        self.0.len() == other.0.len() && bool::from(self.0.as_bytes().ct_eq(other.0.as_bytes()))
    }
}

string_newtype!(
    /// An email address, trimmed and lowercased. The check is deliberately
    /// modest (one `@`, a dot in the domain, no spaces): the address was
    /// already accepted at checkout, we only need to compare it.
    Email,
    "email"
);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(IdError::Empty { what: Self::WHAT });
        }
        if value.len() > Self::MAX_LEN {
            return Err(IdError::TooLong {
                what: Self::WHAT,
                max: Self::MAX_LEN,
            });
        }
        let (local, domain) = value.split_once('@').ok_or(IdError::BadEmail)?;
        let valid = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !value.chars().any(|c| c.is_whitespace() || c.is_control());
        if !valid {
            return Err(IdError::BadEmail);
        }
        Ok(Self(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_compare_equal_across_spellings() {
        let canonical = OrderNumber::parse("SE-10023").unwrap();
        for spelling in ["#se-10023", " SE-10023 ", "se-10023", "#SE-10023\n"] {
            assert_eq!(
                OrderNumber::parse(spelling).unwrap(),
                canonical,
                "{spelling:?}"
            );
        }
        assert_eq!(OrderNumber::parse("#1001").unwrap().as_str(), "1001");
    }

    #[test]
    fn order_number_rejects_empty_and_odd_input() {
        assert_eq!(
            OrderNumber::parse(" # "),
            Err(IdError::Empty {
                what: "order number"
            })
        );
        assert!(matches!(
            OrderNumber::parse("10<script>"),
            Err(IdError::BadCharacter { .. })
        ));
        assert!(matches!(
            OrderNumber::parse(&"9".repeat(65)),
            Err(IdError::TooLong { max: 64, .. })
        ));
    }

    #[test]
    fn emails_are_trimmed_and_lowercased() {
        let email = Email::parse("  Ada.Lovelace@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace@example.com");
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "a@b@c.se",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn email_matching_is_exact_after_normalization() {
        let a = Email::parse("Ada@Example.com").unwrap();
        assert!(a.matches(&Email::parse(" ada@example.com").unwrap()));
        assert!(!a.matches(&Email::parse("ada@example.co").unwrap()));
        assert!(!a.matches(&Email::parse("eve@example.com").unwrap()));
    }

    #[test]
    fn shop_ids_are_slugs() {
        assert_eq!(ShopId::parse("Demo").unwrap().as_str(), "demo");
        assert!(ShopId::parse("de mo").is_err());
        assert!(ShopId::parse("").is_err());
    }

    #[test]
    fn newtypes_deserialize_through_parse() {
        let n: OrderNumber = serde_json::from_str("\"#ab-1\"").unwrap();
        assert_eq!(n.as_str(), "AB-1");
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }
}
