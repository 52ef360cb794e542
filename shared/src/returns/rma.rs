//! RMA numbers shoppers can read aloud: `R-7K3-M9Q`.
//!
//! Base 31 over digits and capitals without `0 O 1 I L`, so nothing can be
//! misheard or misread, in groups of three after an `R-`. The last
//! character is the [`base31`](crate::base31) check symbol, the same scheme
//! as referral codes: any single wrong character and any swap of two
//! adjacent characters is caught before any lookup.
//!
//! The number encodes a `u64` (a per-shop sequence, or a random draw
//! passed in) injectively, so distinct inputs give distinct codes. Five
//! data characters cover the first 28 million returns; bigger values grow
//! by whole groups (`R-XXX-XXX-XXC`) up to any `u64`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base31::{self, BASE};

/// Data lengths that, with the check character, fill whole groups of 3.
const DATA_LENGTHS: [usize; 4] = [5, 8, 11, 14];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RmaError {
    #[error("return number is empty")]
    Empty,
    #[error("return number has the wrong number of characters")]
    BadLength,
    #[error("{0:?} is not used in return numbers")]
    BadCharacter(char),
    #[error("return number has a typo (check character does not match)")]
    CheckFailed,
    #[error("return number is not in its shortest form")]
    NotCanonical,
    #[error("return number is too large")]
    OutOfRange,
}

/// A return's public number. Always valid: built from a number, or parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RmaNumber(u64);

impl RmaNumber {
    /// The code for a shop's `n`th return (or a random `u64` drawn by the
    /// caller; the crate draws none).
    pub const fn new(n: u64) -> Self {
        Self(n)
    }

    /// The number this code encodes.
    pub const fn value(self) -> u64 {
        self.0
    }

    /// Reads a code as shoppers type it: any case, with or without the
    /// `R` prefix, spaces and dashes anywhere.
    pub fn parse(raw: &str) -> Result<Self, RmaError> {
        let compact: Vec<u8> = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '–' | '—'))
            .map(|c| c.to_ascii_uppercase())
            .map(|c| {
                u8::try_from(c)
                    .ok()
                    .filter(u8::is_ascii)
                    .ok_or(RmaError::BadCharacter(c))
            })
            .collect::<Result<_, _>>()?;
        if compact.is_empty() {
            return Err(RmaError::Empty);
        }
        // Codes are 3k characters; with the prefix 3k+1. `R` is also a
        // data character, so only the length says whether it is a prefix.
        let body = match (compact.len() % 3, compact.first()) {
            (0, _) => &compact[..],
            (1, Some(b'R')) => &compact[1..],
            _ => return Err(RmaError::BadLength),
        };
        let (check, data) = body.split_last().ok_or(RmaError::BadLength)?;
        if !DATA_LENGTHS.contains(&data.len()) {
            return Err(RmaError::BadLength);
        }
        let digits: Vec<u8> = data
            .iter()
            .chain(std::iter::once(check))
            .map(|&b| base31::value(char::from(b)).ok_or(RmaError::BadCharacter(char::from(b))))
            .collect::<Result<_, _>>()?;
        if !base31::is_valid(&digits) {
            return Err(RmaError::CheckFailed);
        }
        let data = &digits[..digits.len() - 1];
        let value = data.iter().try_fold(0_u64, |acc, &d| {
            acc.checked_mul(BASE)?.checked_add(u64::from(d))
        });
        let value = value.ok_or(RmaError::OutOfRange)?;
        // Leading zero digits would give one number several spellings.
        if data_len(value) != data.len() {
            return Err(RmaError::NotCanonical);
        }
        Ok(Self(value))
    }
}

/// The shortest allowed data length that holds `value`.
fn data_len(value: u64) -> usize {
    DATA_LENGTHS
        .into_iter()
        .find(|&len| {
            BASE.checked_pow(len as u32)
                .is_none_or(|limit| value < limit)
        })
        .unwrap_or(14)
}

impl fmt::Display for RmaNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = base31::digits(self.0, data_len(self.0));
        digits.push(base31::check_value(&digits));
        f.write_str("R")?;
        for group in digits.chunks(3) {
            f.write_str("-")?;
            for &d in group {
                write!(f, "{}", base31::symbol(d))?;
            }
        }
        Ok(())
    }
}

impl TryFrom<&str> for RmaNumber {
    type Error = RmaError;
    fn try_from(raw: &str) -> Result<Self, RmaError> {
        Self::parse(raw)
    }
}

impl Serialize for RmaNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RmaNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_are_two_groups() {
        assert_eq!(RmaNumber::new(0).to_string(), "R-222-222");
        assert_eq!(RmaNumber::new(1).to_string(), "R-222-23U");
        let last_short = BASE.pow(5) - 1;
        assert_eq!(RmaNumber::new(last_short).to_string().len(), 9);
        assert_eq!(RmaNumber::new(last_short + 1).to_string().len(), 13);
        assert_eq!(RmaNumber::new(u64::MAX).to_string().len(), 21);
    }

    #[test]
    fn parse_normalizes_what_shoppers_type() {
        let rma = RmaNumber::new(1_234_567);
        let shown = rma.to_string();
        let bare: String = shown.chars().filter(|c| *c != '-').collect();
        for typed in [
            shown.clone(),
            shown.to_lowercase(),
            bare.clone(),
            bare[1..].to_owned(),
            format!("  {} ", shown.replace('-', " ")),
        ] {
            assert_eq!(RmaNumber::parse(&typed), Ok(rma), "{typed:?}");
        }
    }

    #[test]
    fn parse_refuses_malformed_codes() {
        assert_eq!(RmaNumber::parse(" - "), Err(RmaError::Empty));
        assert_eq!(RmaNumber::parse("R-222-2"), Err(RmaError::BadLength));
        assert_eq!(
            RmaNumber::parse("R-2O2-222"),
            Err(RmaError::BadCharacter('O'))
        );
        assert_eq!(
            RmaNumber::parse("R-2l2-222"),
            Err(RmaError::BadCharacter('L'))
        );
        assert_eq!(
            RmaNumber::parse("R-2ø2-222"),
            Err(RmaError::BadCharacter('ø'))
        );
        // Valid check, but padded: 0 is `R-222-222`, not eight data digits.
        let mut padded = vec![0_u8; 8];
        padded.push(base31::check_value(&padded));
        let text: String = padded.iter().map(|&d| base31::symbol(d)).collect();
        assert_eq!(RmaNumber::parse(&text), Err(RmaError::NotCanonical));
        // Fourteen top digits are beyond u64.
        let mut huge = vec![30_u8; 14];
        huge.push(base31::check_value(&huge));
        let text: String = huge.iter().map(|&d| base31::symbol(d)).collect();
        assert_eq!(RmaNumber::parse(&text), Err(RmaError::OutOfRange));
    }

    #[test]
    fn serde_uses_the_display_form() {
        let rma = RmaNumber::new(42);
        let json = serde_json::to_string(&rma).unwrap();
        assert_eq!(json, format!("\"{rma}\""));
        assert_eq!(serde_json::from_str::<RmaNumber>(&json).unwrap(), rma);
        assert!(serde_json::from_str::<RmaNumber>("\"R-222-224\"").is_err());
    }
}
