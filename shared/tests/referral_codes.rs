//! Referral codes: alphabet, normalization, and proof that every single
//! substitution and every adjacent transposition is caught.
//!
//! The check is linear: whether a typo is detected depends only on the
//! position(s) and the symbol values involved, not on the rest of the code.
//! So trying every (position, old, new) and every (position, a, b) below,
//! on codes where the other positions are fixed, covers every code.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use aftercart_shared::referral::{ReferralCode, ReferralError};
use proptest::prelude::*;

const ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

fn symbols() -> Vec<char> {
    ALPHABET.chars().collect()
}

/// The payload number whose base-31 digits (most significant first) are
/// `digits`, so `generate` produces a code with exactly these 7 symbols.
fn payload(digits: [usize; 7]) -> u64 {
    digits.iter().fold(0, |n, d| n * 31 + *d as u64)
}

fn with(code: &str, position: usize, symbol: char) -> String {
    code.chars()
        .enumerate()
        .map(|(i, c)| if i == position { symbol } else { c })
        .collect()
}

fn swapped(code: &str, i: usize, j: usize) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    chars.swap(i, j);
    chars.into_iter().collect()
}

#[test]
fn the_alphabet_is_31_unambiguous_symbols() {
    let all = symbols();
    assert_eq!(all.len(), 31);
    for ambiguous in ['0', 'O', '1', 'I', 'L'] {
        assert!(!all.contains(&ambiguous));
    }
    // Every symbol appears as a payload symbol at every position.
    for (value, symbol) in all.iter().enumerate() {
        let code = ReferralCode::generate(payload([value; 7]));
        assert!(code.as_str()[..7].chars().all(|c| c == *symbol), "{code}");
    }
}

#[test]
fn every_single_substitution_is_caught() {
    let all = symbols();
    let bases = [
        [0; 7],
        [30; 7],
        [1, 2, 3, 4, 5, 6, 7],
        [30, 0, 15, 7, 22, 9, 3],
    ];
    let mut tried = 0;
    for base in bases {
        let code = ReferralCode::generate(payload(base));
        let text = code.as_str();
        assert_eq!(ReferralCode::parse(text).unwrap(), code);
        for position in 0..ReferralCode::LEN {
            let original = text.chars().nth(position).unwrap();
            for &symbol in all.iter().filter(|s| **s != original) {
                let typo = with(text, position, symbol);
                assert_eq!(
                    ReferralCode::parse(&typo),
                    Err(ReferralError::CheckFailed),
                    "{text} -> {typo}"
                );
                tried += 1;
            }
        }
    }
    assert_eq!(tried, 4 * 8 * 30);
}

#[test]
fn every_adjacent_transposition_is_caught() {
    for i in 0..ReferralCode::LEN - 1 {
        let mut pairs_seen = std::collections::BTreeSet::new();
        // Payload positions i and i+1 take every value pair directly. For
        // the last pair (payload symbol 7, check symbol) vary symbols 6 and
        // 7: the check then runs through every value for each symbol 7.
        let (p, q) = if i + 1 < 7 { (i, i + 1) } else { (i - 1, i) };
        for a in 0..31 {
            for b in 0..31 {
                let mut digits = [0usize; 7];
                digits[p] = a;
                digits[q] = b;
                let code = ReferralCode::generate(payload(digits));
                let text = code.as_str();
                let (x, y) = (
                    text.chars().nth(i).unwrap(),
                    text.chars().nth(i + 1).unwrap(),
                );
                pairs_seen.insert((x, y));
                if x == y {
                    continue;
                }
                assert_eq!(
                    ReferralCode::parse(&swapped(text, i, i + 1)),
                    Err(ReferralError::CheckFailed),
                    "{text}: swap {i},{}",
                    i + 1
                );
            }
        }
        assert_eq!(
            pairs_seen.len(),
            31 * 31,
            "positions {i},{} fully covered",
            i + 1
        );
    }
}

#[test]
fn parse_normalizes_case_spaces_and_dashes() {
    let code = ReferralCode::generate(123_456_789);
    let text = code.as_str().to_owned();
    let messy = format!(
        " {}-{} ",
        text[..4].to_lowercase(),
        text[4..].to_lowercase()
    );
    assert_eq!(ReferralCode::parse(&messy).unwrap(), code);
    let spaced: String = text.chars().flat_map(|c| [c, ' ']).collect();
    assert_eq!(ReferralCode::try_from(spaced.as_str()).unwrap(), code);
}

#[test]
fn parse_names_what_is_wrong() {
    assert_eq!(
        ReferralCode::parse("ABC"),
        Err(ReferralError::WrongLength {
            expected: 8,
            got: 3
        })
    );
    assert_eq!(
        ReferralCode::parse("ABCDEFGO"),
        Err(ReferralError::BadSymbol { symbol: 'O' })
    );
    assert_eq!(
        ReferralCode::parse("abc1efgh"),
        Err(ReferralError::BadSymbol { symbol: '1' })
    );
    assert!(matches!(
        ReferralCode::parse(""),
        Err(ReferralError::WrongLength { got: 0, .. })
    ));
}

#[test]
fn codes_travel_as_plain_strings_and_are_parsed_on_the_way_in() {
    let code = ReferralCode::generate(42);
    let json = serde_json::to_string(&code).unwrap();
    assert_eq!(json, format!("\"{code}\""));
    let lower = format!("\"{}\"", code.as_str().to_lowercase());
    assert_eq!(serde_json::from_str::<ReferralCode>(&lower).unwrap(), code);
    let first = code.as_str().chars().next().unwrap();
    let other = symbols().into_iter().find(|c| *c != first).unwrap();
    let typo = format!("\"{}\"", with(code.as_str(), 0, other));
    assert!(serde_json::from_str::<ReferralCode>(&typo).is_err());
}

#[test]
fn generation_is_injective_over_the_payload_space() {
    let codes: std::collections::BTreeSet<ReferralCode> = (0..20_000u64)
        .map(|n| ReferralCode::generate(n * 1_375_621))
        .collect();
    assert_eq!(codes.len(), 20_000);
}

proptest! {
    #[test]
    fn generated_codes_are_valid_and_round_trip(random in any::<u64>()) {
        let code = ReferralCode::generate(random);
        prop_assert_eq!(code.as_str().len(), ReferralCode::LEN);
        prop_assert!(code.as_str().chars().all(|c| ALPHABET.contains(c)));
        prop_assert_eq!(ReferralCode::parse(code.as_str()).unwrap(), code.clone());
        prop_assert_eq!(code.share_path(), format!("/r/{code}"));
    }

    /// Bonus of the weights: swapping symbols two apart is caught too.
    #[test]
    fn jump_transpositions_are_caught(random in any::<u64>(), i in 0usize..6) {
        let code = ReferralCode::generate(random);
        let text = code.as_str();
        prop_assume!(text.chars().nth(i) != text.chars().nth(i + 2));
        prop_assert_eq!(
            ReferralCode::parse(&swapped(text, i, i + 2)),
            Err(ReferralError::CheckFailed)
        );
    }
}
