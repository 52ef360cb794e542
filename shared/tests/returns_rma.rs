//! RMA numbers round-trip, and typos are caught rather than finding
//! someone else's return.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use aftercart_shared::returns::{RmaError, RmaNumber};
use proptest::prelude::*;

const ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Positions of the code characters in the display form (not `R` or `-`).
fn code_positions(shown: &str) -> Vec<usize> {
    shown
        .char_indices()
        .skip(1)
        .filter(|(_, c)| *c != '-')
        .map(|(i, _)| i)
        .collect()
}

fn values() -> impl Strategy<Value = u64> {
    // Small sequence numbers are the common case; any u64 must work too.
    prop_oneof![0u64..30_000_000, any::<u64>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn round_trips(n in values()) {
        let rma = RmaNumber::new(n);
        let shown = rma.to_string();
        prop_assert!(shown.starts_with("R-"));
        prop_assert!(shown.chars().all(|c| c == '-' || ALPHABET.contains(c)));
        prop_assert_eq!(RmaNumber::parse(&shown), Ok(rma));
        prop_assert_eq!(RmaNumber::try_from(shown.to_lowercase().as_str()), Ok(rma));
        prop_assert_eq!(RmaNumber::parse(&shown).unwrap().value(), n);
    }

    #[test]
    fn any_single_substitution_is_caught(
        n in values(),
        position in any::<prop::sample::Index>(),
        replacement in prop::sample::select(ALPHABET.chars().collect::<Vec<_>>()),
    ) {
        let shown = RmaNumber::new(n).to_string();
        let at = *position.get(&code_positions(&shown));
        let original = shown[at..].chars().next().unwrap();
        prop_assume!(original != replacement);
        let mut typo = shown.clone();
        typo.replace_range(at..at + 1, &replacement.to_string());
        prop_assert_eq!(RmaNumber::parse(&typo), Err(RmaError::CheckFailed), "{} -> {}", shown, typo);
    }

    #[test]
    fn adjacent_swaps_of_data_characters_are_caught(n in values(), position in any::<prop::sample::Index>()) {
        let shown = RmaNumber::new(n).to_string();
        let compact: Vec<char> = shown.chars().skip(1).filter(|c| *c != '-').collect();
        // Swaps among the data characters; the check character is last.
        let i = position.index(compact.len() - 2);
        prop_assume!(compact[i] != compact[i + 1]);
        let mut swapped = compact.clone();
        swapped.swap(i, i + 1);
        let typo: String = swapped.into_iter().collect();
        prop_assert_eq!(RmaNumber::parse(&typo), Err(RmaError::CheckFailed));
    }

    #[test]
    fn distinct_numbers_give_distinct_codes(a in values(), b in values()) {
        prop_assume!(a != b);
        prop_assert_ne!(RmaNumber::new(a).to_string(), RmaNumber::new(b).to_string());
    }
}

#[test]
fn confusable_characters_are_refused_not_guessed() {
    let shown = RmaNumber::new(7).to_string();
    for confusable in ['0', 'O', '1', 'I', 'L'] {
        let typo = shown.replacen('2', &confusable.to_string(), 1);
        assert_eq!(
            RmaNumber::parse(&typo),
            Err(RmaError::BadCharacter(confusable)),
            "{typo}"
        );
    }
}
