//! Dates and money in the shopper's language, via the browser's `Intl`.
//!
//! The browser already ships every locale's calendar and currency rules, so
//! the wasm carries none of them (ARCHITECTURE.md, "The widget's size").

use aftercart_shared::UnixTime;
use aftercart_shared::i18n::Lang;
use js_sys::{Date, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.NumberFormat`, bound directly: js-sys' binding takes an array
    /// of locales and costs more glue than this one call needs.
    #[wasm_bindgen(js_namespace = Intl)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(locale: &str, options: &Object) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method)]
    fn format(this: &NumberFormat, value: f64) -> String;
}

/// A plain JS object from string pairs, for `Intl` options.
fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object
}

fn js_date(time: UnixTime) -> Date {
    // Exact: seconds since 1970 fit an f64's 53-bit mantissa many times over.
    Date::new(&JsValue::from_f64(time.secs() as f64 * 1000.0))
}

/// An instant's calendar day in the shopper's time zone, e.g. "3 March 2026".
pub fn date(lang: Lang, time: UnixTime) -> String {
    js_date(time)
        .to_locale_date_string(lang.tag(), &options(&[("dateStyle", "long")]))
        .into()
}

/// A calendar date the server sent as midnight UTC (delivery estimates):
/// formatted in UTC so it does not slip to the previous day west of Greenwich.
pub fn calendar_date(lang: Lang, time: UnixTime) -> String {
    js_date(time)
        .to_locale_date_string(
            lang.tag(),
            &options(&[
                ("weekday", "long"),
                ("day", "numeric"),
                ("month", "long"),
                ("timeZone", "UTC"),
            ]),
        )
        .into()
}

/// An instant with its local time, e.g. "3 Mar 2026, 14:05".
pub fn date_time(lang: Lang, time: UnixTime) -> String {
    js_date(time)
        .to_locale_string(
            lang.tag(),
            &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
        )
        .into()
}

/// An amount in minor units (cents, öre; yen have none, dinars three) as
/// local currency text.
pub fn money(lang: Lang, minor: i64, currency: &str) -> String {
    let exponent = aftercart_shared::money::minor_units(currency);
    let amount = minor as f64 / 10_f64.powi(exponent as i32);
    match NumberFormat::new(
        lang.tag(),
        &options(&[("style", "currency"), ("currency", currency)]),
    ) {
        Ok(format) => format.format(amount),
        // An unknown currency code throws a RangeError; show the bare amount.
        Err(_) => {
            let number: String = js_sys::Number::from(amount)
                .to_locale_string(lang.tag())
                .into();
            [&number, " ", currency].concat()
        }
    }
}

/// A percentage the way the language writes it ("10%", "10 %").
pub fn percent(lang: Lang, percent: u8) -> String {
    NumberFormat::new(lang.tag(), &options(&[("style", "percent")]))
        .map(|format| format.format(f64::from(percent) / 100.0))
        .unwrap_or_else(|_| [count(usize::from(percent)).as_str(), "%"].concat())
}

/// A whole number with the language's digit grouping ("12,500", "12 500").
pub fn number(lang: Lang, n: u64) -> String {
    NumberFormat::new(lang.tag(), &Object::new())
        .map(|format| format.format(n as f64))
        .unwrap_or_else(|_| count(n as usize))
}

/// A count in plain decimal digits ("12"), for `{n}`-style placeholders.
///
/// Hand-rolled rather than `to_string()`, which would pull `core::fmt`'s
/// number formatting into the wasm (ARCHITECTURE.md, "The widget's size").
pub fn count(n: usize) -> String {
    let mut digits = Vec::new();
    let mut rest = n;
    loop {
        digits.push(b'0' + (rest % 10) as u8);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits
        .iter()
        .rev()
        .map(|&digit| char::from(digit))
        .collect()
}

/// An ARIA boolean attribute value (`aria-expanded`, `aria-invalid`...).
pub fn aria_bool(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}
