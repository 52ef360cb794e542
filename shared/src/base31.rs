//! Codes people read aloud and type: referral codes and RMA numbers.
//!
//! The alphabet is the digits and capitals without the look-alikes `0 O 1 I
//! L`: 31 symbols, and 31 is prime. A code of symbol values `v₁..vₙ`
//! (1-based positions, check symbol last) is valid iff `Σ i·vᵢ ≡ 0 (mod 31)`.
//! Every weight `1..n` is non-zero mod 31 (codes are shorter than 31), so:
//! one wrong symbol at position `i` shifts the sum by `i·(v′−v) ≢ 0`;
//! swapping neighbours shifts it by `vᵢ − vᵢ₊₁ ≢ 0` when they differ; and
//! swapping `i, i+2` by `2·(vᵢ − vᵢ₊₂) ≢ 0`. That holds for the check symbol
//! too. Random input passes with probability 1/31.

pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const BASE: u64 = 31;

/// The value of a symbol, ignoring case; `None` for anything outside the
/// alphabet (including the look-alikes, which are refused rather than
/// guessed).
pub fn value(symbol: char) -> Option<u8> {
    let upper = symbol.to_ascii_uppercase();
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == upper)
        .and_then(|p| u8::try_from(p).ok())
}

/// The symbol for a value below 31.
pub fn symbol(value: u8) -> char {
    char::from(ALPHABET[usize::from(value) % ALPHABET.len()])
}

/// `value` as exactly `len` base-31 digits, most significant first
/// (wrapping above `31^len`).
pub fn digits(mut value: u64, len: usize) -> Vec<u8> {
    let mut out = vec![0_u8; len];
    for slot in out.iter_mut().rev() {
        // Below 31, so it fits.
        *slot = (value % BASE) as u8;
        value /= BASE;
    }
    out
}

fn weighted_sum(values: &[u8]) -> u64 {
    values
        .iter()
        .zip(1_u64..)
        .map(|(v, weight)| weight * u64::from(*v))
        .sum()
}

/// The check value to append to `payload` so the whole code is valid:
/// `c = −S · n⁻¹ (mod 31)` for check position `n`, with the inverse by
/// Fermat (`n³⁰ ≡ 1`, so `n⁻¹ ≡ n²⁹`).
pub fn check_value(payload: &[u8]) -> u8 {
    let position = (payload.len() as u64 + 1) % BASE;
    let inverse = (0..29).fold(1, |acc, _| acc * position % BASE);
    let sum = weighted_sum(payload) % BASE;
    // Below 31, so it fits.
    ((BASE - sum) % BASE * inverse % BASE) as u8
}

/// Whether `values`, check symbol last, form a valid code.
pub fn is_valid(values: &[u8]) -> bool {
    weighted_sum(values).is_multiple_of(BASE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appended_checks_validate_for_every_length_in_use() {
        for len in 1..=16 {
            for seed in [0_u64, 1, 30, 31, 12_345, u64::MAX] {
                let mut code = digits(seed, len);
                code.push(check_value(&code));
                assert!(is_valid(&code), "len {len}, seed {seed}");
            }
        }
    }

    #[test]
    fn every_single_substitution_and_adjacent_swap_is_caught() {
        let mut code = digits(987_654_321, 8);
        code.push(check_value(&code));
        for i in 0..code.len() {
            for v in 0..31 {
                if v != code[i] {
                    let mut typo = code.clone();
                    typo[i] = v;
                    assert!(!is_valid(&typo), "substitution at {i}");
                }
            }
            if i + 1 < code.len() && code[i] != code[i + 1] {
                let mut swapped = code.clone();
                swapped.swap(i, i + 1);
                assert!(!is_valid(&swapped), "swap at {i}");
            }
        }
    }

    #[test]
    fn symbols_round_trip_and_look_alikes_are_refused() {
        for v in 0..31 {
            assert_eq!(value(symbol(v)), Some(v));
            assert_eq!(value(symbol(v).to_ascii_lowercase()), Some(v));
        }
        for c in ['0', 'O', '1', 'I', 'L', 'l', '-', 'ø'] {
            assert_eq!(value(c), None, "{c}");
        }
    }
}
