//! Decimal money strings to integer minor units, exactly (no floats).

/// Why an amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount is empty")]
    Empty,
    #[error("{0:?} is not a plain decimal amount")]
    NotDecimal(String),
    #[error("{amount:?} has more than {exponent} decimal places")]
    TooPrecise { amount: String, exponent: u32 },
    #[error("{0:?} is too large")]
    Overflow(String),
}

/// Decimal places of a currency's minor unit (ISO 4217). Most currencies
/// have two; the exceptions are listed.
pub fn minor_units(currency: &str) -> u32 {
    const ZERO: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
        "VUV", "XAF", "XOF", "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    let code = currency.trim().to_ascii_uppercase();
    if ZERO.contains(&code.as_str()) {
        0
    } else if THREE.contains(&code.as_str()) {
        3
    } else {
        2
    }
}

/// A three-letter ISO 4217 code, uppercased; `None` if it is not one.
pub fn currency_code(raw: &str) -> Option<String> {
    let code = raw.trim();
    (code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| code.to_ascii_uppercase())
}

/// Parses `"409.94"` with `exponent` 2 into `40994`.
///
/// Accepts an optional `-`, digits and an optional fraction. Fraction digits
/// beyond `exponent` must be zeros (`"199.000"` is fine, `"0.005"` in USD is
/// refused rather than rounded: money is never silently changed). No signs
/// other than `-`, no exponents, no thousands separators.
pub fn parse_minor(amount: &str, exponent: u32) -> Result<i64, MoneyError> {
    let text = amount.trim();
    if text.is_empty() {
        return Err(MoneyError::Empty);
    }
    let not_decimal = || MoneyError::NotDecimal(amount.to_owned());
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return Err(not_decimal());
    }
    let places = usize::try_from(exponent).map_err(|_| not_decimal())?;
    let (kept, dropped) = fraction.split_at(fraction.len().min(places));
    if dropped.bytes().any(|b| b != b'0') {
        return Err(MoneyError::TooPrecise {
            amount: amount.to_owned(),
            exponent,
        });
    }
    let overflow = || MoneyError::Overflow(amount.to_owned());
    let mut minor: i64 = 0;
    let padding = std::iter::repeat_n(b'0', places - kept.len());
    for digit in whole.bytes().chain(kept.bytes()).chain(padding) {
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(digit - b'0')))
            .ok_or_else(overflow)?;
    }
    Ok(if negative { -minor } else { minor })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_exact_minor_units() {
        let cases = [
            ("409.94", 2, 40_994),
            ("0.00", 2, 0),
            ("199", 2, 19_900),
            ("199.5", 2, 19_950),
            (" 5.00 ", 2, 500),
            ("199.000", 2, 19_900),
            (".5", 2, 50),
            ("7.", 2, 700),
            ("-41.94", 2, -4_194),
            ("1000", 0, 1_000),
            ("1000.00", 0, 1_000),
            ("1.234", 3, 1_234),
            ("0.1", 3, 100),
        ];
        for (text, exponent, minor) in cases {
            assert_eq!(parse_minor(text, exponent), Ok(minor), "{text}");
        }
    }

    #[test]
    fn refuses_what_it_would_have_to_guess() {
        assert_eq!(parse_minor("", 2), Err(MoneyError::Empty));
        for bad in [
            "abc", "1,000.00", "1e3", "+5", "--1", "1.2.3", ".", "-", "1 000", "NaN",
        ] {
            assert!(
                matches!(parse_minor(bad, 2), Err(MoneyError::NotDecimal(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            parse_minor("0.005", 2),
            Err(MoneyError::TooPrecise { .. })
        ));
        assert!(matches!(
            parse_minor("99999999999999999999", 2),
            Err(MoneyError::Overflow(_))
        ));
    }

    #[test]
    fn currency_tables() {
        assert_eq!(minor_units("USD"), 2);
        assert_eq!(minor_units("sek"), 2);
        assert_eq!(minor_units("JPY"), 0);
        assert_eq!(minor_units("KWD"), 3);
        assert_eq!(currency_code(" usd "), Some("USD".into()));
        assert_eq!(currency_code("US"), None);
        assert_eq!(currency_code("U$D"), None);
    }

    proptest! {
        #[test]
        fn formatting_then_parsing_is_identity(minor in -1_000_000_000_000i64..1_000_000_000_000, exponent in 0u32..4) {
            let scale = 10i64.pow(exponent);
            let sign = if minor < 0 { "-" } else { "" };
            let (whole, frac) = (minor.abs() / scale, minor.abs() % scale);
            let text = if exponent == 0 {
                format!("{sign}{whole}")
            } else {
                format!("{sign}{whole}.{frac:0width$}", width = exponent as usize)
            };
            prop_assert_eq!(parse_minor(&text, exponent), Ok(minor));
        }
    }
}
