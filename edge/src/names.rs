//! The wire names of `shared`'s enums, as the edge stores them in D1 and
//! reads them from query strings: their serde names. Every such conversion
//! in the edge goes through this module, so the naming has one home.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The wire name of `value` (`ReturnStatus::InTransit` → `"in_transit"`).
pub fn wire_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The value whose wire name is `name`; `None` for a name no value has.
pub fn from_wire_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use aftercart_shared::returns::ReturnStatus;

    use super::*;

    #[test]
    fn names_are_the_serde_names_and_read_back() {
        assert_eq!(wire_name(&ReturnStatus::InTransit), "in_transit");
        assert_eq!(
            from_wire_name::<ReturnStatus>("in_transit"),
            Some(ReturnStatus::InTransit)
        );
        assert_eq!(from_wire_name::<ReturnStatus>("lost"), None);
    }
}
