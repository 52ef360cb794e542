//! A small reader over `serde_json::Value` that knows where it is, so every
//! error names the exact field (`order.line_items[2].price`).
//!
//! Sources are loose about types (ids as numbers or strings, `null` vs `""`
//! vs absent), so the accessors accept what they send and treat `null` and
//! blank strings as absent.

use serde_json::Value;

use super::{IngestError, Source};
use crate::money;
use crate::{TrackingUrl, UnixTime};

#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    source: Source,
    value: Option<&'a Value>,
    path: String,
}

/// Text of a string or number, trimmed; `None` for anything else or blank.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_owned())
        }
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl<'a> Node<'a> {
    pub(crate) fn root(source: Source, value: &'a Value, name: &str) -> Self {
        Self {
            source,
            value: Some(value),
            path: name.to_owned(),
        }
    }

    pub(crate) fn value(&self) -> Option<&'a Value> {
        self.value.filter(|v| !v.is_null())
    }

    pub(crate) fn get(&self, key: &str) -> Self {
        Self {
            source: self.source,
            value: self.value.and_then(|v| v.get(key)),
            path: format!("{}.{key}", self.path),
        }
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.get(key).value().is_some()
    }

    pub(crate) fn missing(&self) -> IngestError {
        IngestError::MissingField {
            origin: self.source,
            path: self.path.clone(),
        }
    }

    pub(crate) fn invalid(&self, reason: impl Into<String>) -> IngestError {
        IngestError::InvalidField {
            origin: self.source,
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    /// Optional text: strings (trimmed) and numbers; `null`, blank, absent
    /// and other types read as `None`. For display fields, where a wrong
    /// type should not cost us the whole payload.
    pub(crate) fn text(&self) -> Option<String> {
        self.value().and_then(scalar_text)
    }

    pub(crate) fn req_text(&self) -> Result<String, IngestError> {
        self.text().ok_or_else(|| self.missing())
    }

    /// An id: a string or an integer. Other types are an error, not absent,
    /// since a wrong id would file the data under the wrong record.
    pub(crate) fn id(&self) -> Result<Option<String>, IngestError> {
        match self.value() {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
            Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
            Some(_) => Err(self.invalid("expected a string or integer id")),
        }
    }

    pub(crate) fn req_id(&self) -> Result<String, IngestError> {
        self.id()?.ok_or_else(|| self.missing())
    }

    pub(crate) fn time(&self) -> Result<Option<UnixTime>, IngestError> {
        match self.value() {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => UnixTime::parse(s)
                .map(Some)
                .map_err(|e| self.invalid(e.to_string())),
            Some(_) => Err(self.invalid("expected a timestamp string")),
        }
    }

    pub(crate) fn req_time(&self) -> Result<UnixTime, IngestError> {
        self.time()?.ok_or_else(|| self.missing())
    }

    /// A count that may be absent (or null).
    pub(crate) fn u32(&self) -> Result<Option<u32>, IngestError> {
        match self.value() {
            None => Ok(None),
            Some(_) => self.req_u32().map(Some),
        }
    }

    pub(crate) fn req_u32(&self) -> Result<u32, IngestError> {
        match self.value() {
            None => Err(self.missing()),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| self.invalid("expected a non-negative integer")),
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map_err(|_| self.invalid("expected a non-negative integer")),
            Some(_) => Err(self.invalid("expected a non-negative integer")),
        }
    }

    /// A decimal amount (string, or a JSON number read through its shortest
    /// decimal form, never as a float) in minor units.
    pub(crate) fn money(&self, exponent: u32) -> Result<Option<i64>, IngestError> {
        match self.text() {
            None => Ok(None),
            Some(text) => money::parse_minor(&text, exponent)
                .map(Some)
                .map_err(|e| self.invalid(e.to_string())),
        }
    }

    pub(crate) fn req_money(&self, exponent: u32) -> Result<i64, IngestError> {
        self.money(exponent)?.ok_or_else(|| self.missing())
    }

    /// Array elements; absent or `null` is an empty list.
    pub(crate) fn items(&self) -> Result<Vec<Self>, IngestError> {
        match self.value() {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, v)| Self {
                    source: self.source,
                    value: Some(v),
                    path: format!("{}[{i}]", self.path),
                })
                .collect()),
            Some(_) => Err(self.invalid("expected an array")),
        }
    }

    /// Links safe for an `href` (an array of strings or one string); the
    /// others are dropped, so an unsafe link costs only the link.
    pub(crate) fn links(&self) -> Vec<TrackingUrl> {
        self.texts()
            .iter()
            .filter_map(|raw| TrackingUrl::parse(raw).ok())
            .collect()
    }

    /// Optional text list: an array of strings or one string.
    pub(crate) fn texts(&self) -> Vec<String> {
        match self.value() {
            Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
            Some(other) => scalar_text(other).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;

    fn node(value: &Value) -> Node<'_> {
        Node::root(Source::Shopify, value, "order")
    }

    #[test]
    fn paths_name_the_field() {
        let v: Value = serde_json::json!({"line_items": [{"price": "x"}]});
        let items = node(&v).get("line_items").items().unwrap();
        let err = items[0].get("price").req_money(2).unwrap_err();
        assert!(matches!(
            &err,
            IngestError::InvalidField { path, .. } if path == "order.line_items[0].price"
        ));
        let err = node(&v).get("id").req_id().unwrap_err();
        assert_eq!(err.to_string(), "shopify payload has no `order.id`");
    }

    #[test]
    fn null_blank_and_absent_are_all_absent() {
        let v: Value = serde_json::json!({"a": null, "b": "  ", "c": 5, "d": " x "});
        let n = node(&v);
        assert_eq!(n.get("a").text(), None);
        assert_eq!(n.get("b").text(), None);
        assert_eq!(n.get("zz").text(), None);
        assert_eq!(n.get("c").text().as_deref(), Some("5"));
        assert_eq!(n.get("d").text().as_deref(), Some("x"));
        assert_eq!(n.get("b").time(), Ok(None));
        assert!(n.get("a").items().unwrap().is_empty());
    }

    #[test]
    fn ids_accept_strings_and_integers_only() {
        let v: Value = serde_json::json!({"n": 450789469, "s": "gid-1", "f": 1.5, "o": {}});
        let n = node(&v);
        assert_eq!(n.get("n").req_id().unwrap(), "450789469");
        assert_eq!(n.get("s").req_id().unwrap(), "gid-1");
        assert!(matches!(
            n.get("f").id(),
            Err(IngestError::InvalidField { .. })
        ));
        assert!(matches!(
            n.get("o").id(),
            Err(IngestError::InvalidField { .. })
        ));
    }

    #[test]
    fn quantities_and_times_are_checked() {
        let v: Value = serde_json::json!({"q": 3, "neg": -1, "qs": "2", "t": "2014-05-08T12:31:00", "bad": "soon"});
        let n = node(&v);
        assert_eq!(n.get("q").req_u32(), Ok(3));
        assert_eq!(n.get("qs").req_u32(), Ok(2));
        assert!(n.get("neg").req_u32().is_err());
        assert_eq!(
            n.get("t").req_time().unwrap().to_rfc3339(),
            "2014-05-08T12:31:00Z"
        );
        assert!(matches!(
            n.get("bad").time(),
            Err(IngestError::InvalidField { .. })
        ));
        assert_eq!(n.get("texts").texts(), Vec::<String>::new());
    }
}
