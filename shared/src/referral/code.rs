//! Referral codes: 7 symbols and a check symbol, generated from a
//! caller-drawn number and read as a person typed them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ReferralError;
use crate::base31;

/// Payload symbols; 31^7 ≈ 2.75 × 10^10 codes.
const PAYLOAD_LEN: usize = 7;

/// A shopper's referral code: 7 payload symbols and 1 check symbol from a
/// 31-symbol unambiguous alphabet, e.g. `K7QM4XHC`.
///
/// **Check symbol** (see [`base31`]). With symbol values `v₁..v₈`
/// (positions 1-based, check last), a code is valid iff `Σ i·vᵢ ≡ 0 (mod
/// 31)`. Because 31 is prime and every weight 1..8 is non-zero mod 31:
/// * one wrong symbol at position `i` changes the sum by `i·(v′−v) ≢ 0`;
/// * swapping neighbours `i, i+1` changes it by `vᵢ − vᵢ₊₁ ≢ 0` (when they
///   differ; swapping equal symbols is not a typo);
/// * swapping `i, i+2` changes it by `2·(vᵢ − vᵢ₊₂) ≢ 0`.
///
/// So every single substitution and every adjacent or jump transposition is
/// detected — tests check all of them exhaustively. Random garbage passes
/// with probability 1/31.
///
/// **Uniqueness** is the caller's job: [`ReferralCode::generate`] maps a
/// caller-drawn random `u64` to a code; the caller stores it under a unique
/// (shop, code) key and draws again on conflict. At 31^7 codes, a shop with
/// a million codes sees a collision on about one draw in 27,000.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct ReferralCode(String);

impl ReferralCode {
    /// Symbols in a code, check symbol included.
    pub const LEN: usize = PAYLOAD_LEN + 1;

    /// The code for a random number drawn by the caller. Different inputs
    /// below 31^7 give different codes; larger inputs wrap (modulo bias of
    /// under 10⁻⁸, irrelevant for codes).
    pub fn generate(random: u64) -> Self {
        let mut values = base31::digits(random, PAYLOAD_LEN);
        values.push(base31::check_value(&values));
        Self(values.into_iter().map(base31::symbol).collect())
    }

    /// Reads a code as a person typed it: case, spaces and dashes are
    /// ignored (`k7qm-4xhc` is `K7QM4XHC`), then the check symbol must match.
    pub fn parse(raw: &str) -> Result<Self, ReferralError> {
        let mut values = Vec::with_capacity(Self::LEN);
        for c in raw.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            values.push(base31::value(c).ok_or(ReferralError::BadSymbol { symbol: c })?);
        }
        if values.len() != Self::LEN {
            return Err(ReferralError::WrongLength {
                expected: Self::LEN,
                got: values.len(),
            });
        }
        if !base31::is_valid(&values) {
            return Err(ReferralError::CheckFailed);
        }
        Ok(Self(values.into_iter().map(base31::symbol).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `/r/{code}`: the share link's path on aftercart's short-link host.
    pub fn share_path(&self) -> String {
        format!("/r/{}", self.0)
    }
}

impl TryFrom<&str> for ReferralCode {
    type Error = ReferralError;
    fn try_from(value: &str) -> Result<Self, ReferralError> {
        Self::parse(value)
    }
}

impl TryFrom<String> for ReferralCode {
    type Error = ReferralError;
    fn try_from(value: String) -> Result<Self, ReferralError> {
        Self::parse(&value)
    }
}

impl From<ReferralCode> for String {
    fn from(code: ReferralCode) -> Self {
        code.0
    }
}

impl fmt::Display for ReferralCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The referral codes among an order's discount codes, in the order's
/// order, each once. Ordinary shop codes (`SUMMER10`) do not parse and are
/// left out; so is a referral code with a typo.
pub fn referral_codes(discount_codes: &[String]) -> Vec<ReferralCode> {
    let mut codes: Vec<ReferralCode> = Vec::new();
    for code in discount_codes
        .iter()
        .filter_map(|c| ReferralCode::parse(c).ok())
    {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// A one-off coupon code for a referrer's amount or percent reward, from a
/// caller-drawn random number: `REF-` and a code in the same alphabet, with
/// the same check symbol, as referral codes.
pub fn reward_coupon(random: u64) -> String {
    format!("REF-{}", ReferralCode::generate(random))
}
