//! Wire names: the one place where an enum's name on the wire, in URLs and
//! in D1 is written.
//!
//! An enum declared with `wire_enum!` names each variant once
//! (`Requested = "requested"`); that name is its [`WireName`], and its
//! serde `Serialize`/`Deserialize` are written from the same names, so
//! what the store writes, what a handler matches and what JSON carries
//! cannot disagree. One test below checks every such enum.
//!
//! The macro also gives the enum an inherent `ALL` array (the trait's
//! `ALL` is the same list as a slice), so `for s in ReturnStatus::ALL`
//! works without the trait in scope.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// An enum whose values travel by name.
pub trait WireName: Copy + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];

    /// The value's name on the wire and in storage.
    fn wire_name(self) -> &'static str;

    /// The value with this exact name.
    fn from_wire_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.wire_name() == name)
    }
}

/// Reads a [`WireName`] from a string (what `wire_enum!`'s `Deserialize`
/// calls); anything else is an "invalid value" naming the accepted ones.
pub fn deserialize<'de, D: Deserializer<'de>, T: WireName>(deserializer: D) -> Result<T, D::Error> {
    struct Names<T>(PhantomData<T>);

    impl<T: WireName> Visitor<'_> for Names<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("one of").and_then(|()| {
                T::ALL
                    .iter()
                    .try_for_each(|value| write!(f, " `{}`", value.wire_name()))
            })
        }

        fn visit_str<E: de::Error>(self, name: &str) -> Result<T, E> {
            T::from_wire_name(name)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Str(name), &self))
        }
    }

    deserializer.deserialize_str(Names(PhantomData))
}

/// Declares a fieldless enum with each variant's wire name, and implements
/// [`WireName`], `serde::Serialize` and `serde::Deserialize` from them:
///
/// ```ignore
/// wire_enum! {
///     /// A return's status.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
///     pub enum ReturnStatus {
///         Requested = "requested",
///         InTransit = "in_transit",
///     }
/// }
/// ```
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [Self; [$($wire),+].len()] = [$(Self::$variant),+];
        }

        impl $crate::wire::WireName for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];

            fn wire_name(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire),+
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::wire::WireName::wire_name(*self))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::deserialize(deserializer)
            }
        }

        // The closed set of wire names, from the same list as serde's.
        #[cfg(feature = "openapi")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": "string", "enum": [$($wire),+] })
            }
        }
    };
}

pub(crate) use wire_enum;

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use std::collections::BTreeSet;
    use std::fmt::Debug;

    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;

    /// Each value serializes to exactly its wire name and reads back from
    /// it; names are unique; nothing else is accepted.
    fn check<T>() -> &'static str
    where
        T: WireName + Serialize + DeserializeOwned + PartialEq + Debug,
    {
        let type_name = std::any::type_name::<T>();
        assert!(!T::ALL.is_empty(), "{type_name} has no values");
        let mut names = BTreeSet::new();
        for &value in T::ALL {
            let name = value.wire_name();
            assert!(names.insert(name), "{type_name}: {name:?} is used twice");
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(
                json,
                serde_json::Value::String(name.to_owned()),
                "{value:?}"
            );
            assert_eq!(serde_json::from_value::<T>(json).unwrap(), value);
            assert_eq!(
                serde_json::from_str::<T>(&format!("\"{name}\"")).unwrap(),
                value
            );
            assert_eq!(T::from_wire_name(name), Some(value));
        }
        assert_eq!(
            names.len(),
            T::ALL.len(),
            "{type_name}: a value is listed twice"
        );
        assert_eq!(T::from_wire_name("no such name"), None);
        let err = serde_json::from_str::<T>("\"no such name\"").unwrap_err();
        assert!(err.to_string().contains(T::ALL[0].wire_name()), "{err}");
        assert!(serde_json::from_str::<T>("1").is_err());
        type_name.rsplit("::").next().unwrap_or(type_name)
    }

    /// The enums declared with `wire_enum!` in `src/`, by name.
    fn declared() -> BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for block in text.split("\nwire_enum! {").skip(1) {
                        let line = block
                            .lines()
                            .map(str::trim)
                            .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with('#'))
                            .unwrap();
                        let name = line.split_once("enum ").unwrap().1;
                        out.insert(name.split_whitespace().next().unwrap().to_owned());
                    }
                }
            }
        }
        let mut out = BTreeSet::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        out
    }

    #[test]
    fn every_wire_enum_round_trips_through_serde_by_its_unique_names() {
        use crate::api::admin::DeliveryState;
        use crate::api::{ProblemCode, WebhookOutcome};
        use crate::engage::{Action, PromptKind, Rule};
        use crate::i18n::Lang;
        use crate::ingest::{Payment, Source};
        use crate::referral::{FraudFlag, Platform};
        use crate::returns::{
            Actor, RefusalCode, Resolution, ReturnEvent, ReturnStatus, WindowStart,
        };
        use crate::reviews::ModerationStatus;
        use crate::settings::SettingKey;
        use crate::tracking::{Step, TrackingStatus};

        let checked: BTreeSet<String> = [
            check::<Action>(),
            check::<Actor>(),
            check::<DeliveryState>(),
            check::<FraudFlag>(),
            check::<Lang>(),
            check::<ModerationStatus>(),
            check::<Payment>(),
            check::<Platform>(),
            check::<ProblemCode>(),
            check::<PromptKind>(),
            check::<RefusalCode>(),
            check::<Resolution>(),
            check::<ReturnEvent>(),
            check::<ReturnStatus>(),
            check::<Rule>(),
            check::<SettingKey>(),
            check::<Source>(),
            check::<Step>(),
            check::<TrackingStatus>(),
            check::<WebhookOutcome>(),
            check::<WindowStart>(),
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        assert_eq!(checked, declared(), "every wire_enum! is checked here");
    }
}
