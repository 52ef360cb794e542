//! Values bound into statements and rows read out of results.

use aftercart_shared::wire::WireName;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::D1Result;

use super::error::Error;

pub fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

pub fn int(value: i64) -> JsValue {
    // D1 numbers are JS numbers; every value we store is far below 2^53.
    JsValue::from_f64(value as f64)
}

pub fn opt_text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, text)
}

pub fn opt_int(value: Option<i64>) -> JsValue {
    value.map_or(JsValue::NULL, int)
}

pub fn bool_int(value: bool) -> JsValue {
    int(i64::from(value))
}

/// A JSON array, for `IN (SELECT value FROM json_each(?))`.
pub fn json_list<'a>(values: impl IntoIterator<Item = &'a str>) -> JsValue {
    let list: Vec<&str> = values.into_iter().collect();
    text(&serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned()))
}

/// The rows of one statement's result.
pub fn rows<T: DeserializeOwned>(result: &D1Result) -> Result<Vec<T>, Error> {
    if let Some(err) = result.error() {
        return Err(Error::classify(format!("D1 query failed: {err}")));
    }
    result
        .results::<T>()
        .map_err(|err| Error::corrupt("row", err))
}

/// The first row of one statement's result, if any.
pub fn first<T: DeserializeOwned>(result: &D1Result) -> Result<Option<T>, Error> {
    Ok(rows(result)?.into_iter().next())
}

pub fn corrupt(what: &'static str, detail: impl std::fmt::Display) -> Error {
    Error::corrupt(what, detail)
}

/// A stored enum, by its wire name.
pub fn named<T: WireName>(what: &'static str, name: &str) -> Result<T, Error> {
    T::from_wire_name(name).ok_or_else(|| corrupt(what, name))
}
