//! Code 128 barcodes (code set B), for the RMA number on a return slip.
//!
//! Code set B covers printable ASCII (space to `~`), which is all an RMA
//! number (`R-7K3-M9Q`) needs; sets A and C (control characters, packed
//! digit pairs) are not implemented. The symbol is: a quiet zone, Start B,
//! one symbol per character, the modulo-103 check symbol, Stop (with its
//! termination bar), a quiet zone. Widths are in modules (the narrowest bar).
//!
//! Pure arithmetic and a table from ISO/IEC 15417; the widget draws the bars
//! as an SVG path.

/// Bar and space widths of symbol values 0 to 105: bar, space, bar, space,
/// bar, space, summing to 11 modules. Indexed by symbol value.
const PATTERNS: [[u8; 6]; 106] = [
    [2, 1, 2, 2, 2, 2],
    [2, 2, 2, 1, 2, 2],
    [2, 2, 2, 2, 2, 1],
    [1, 2, 1, 2, 2, 3],
    [1, 2, 1, 3, 2, 2],
    [1, 3, 1, 2, 2, 2],
    [1, 2, 2, 2, 1, 3],
    [1, 2, 2, 3, 1, 2],
    [1, 3, 2, 2, 1, 2],
    [2, 2, 1, 2, 1, 3],
    [2, 2, 1, 3, 1, 2],
    [2, 3, 1, 2, 1, 2],
    [1, 1, 2, 2, 3, 2],
    [1, 2, 2, 1, 3, 2],
    [1, 2, 2, 2, 3, 1],
    [1, 1, 3, 2, 2, 2],
    [1, 2, 3, 1, 2, 2],
    [1, 2, 3, 2, 2, 1],
    [2, 2, 3, 2, 1, 1],
    [2, 2, 1, 1, 3, 2],
    [2, 2, 1, 2, 3, 1],
    [2, 1, 3, 2, 1, 2],
    [2, 2, 3, 1, 1, 2],
    [3, 1, 2, 1, 3, 1],
    [3, 1, 1, 2, 2, 2],
    [3, 2, 1, 1, 2, 2],
    [3, 2, 1, 2, 2, 1],
    [3, 1, 2, 2, 1, 2],
    [3, 2, 2, 1, 1, 2],
    [3, 2, 2, 2, 1, 1],
    [2, 1, 2, 1, 2, 3],
    [2, 1, 2, 3, 2, 1],
    [2, 3, 2, 1, 2, 1],
    [1, 1, 1, 3, 2, 3],
    [1, 3, 1, 1, 2, 3],
    [1, 3, 1, 3, 2, 1],
    [1, 1, 2, 3, 1, 3],
    [1, 3, 2, 1, 1, 3],
    [1, 3, 2, 3, 1, 1],
    [2, 1, 1, 3, 1, 3],
    [2, 3, 1, 1, 1, 3],
    [2, 3, 1, 3, 1, 1],
    [1, 1, 2, 1, 3, 3],
    [1, 1, 2, 3, 3, 1],
    [1, 3, 2, 1, 3, 1],
    [1, 1, 3, 1, 2, 3],
    [1, 1, 3, 3, 2, 1],
    [1, 3, 3, 1, 2, 1],
    [3, 1, 3, 1, 2, 1],
    [2, 1, 1, 3, 3, 1],
    [2, 3, 1, 1, 3, 1],
    [2, 1, 3, 1, 1, 3],
    [2, 1, 3, 3, 1, 1],
    [2, 1, 3, 1, 3, 1],
    [3, 1, 1, 1, 2, 3],
    [3, 1, 1, 3, 2, 1],
    [3, 3, 1, 1, 2, 1],
    [3, 1, 2, 1, 1, 3],
    [3, 1, 2, 3, 1, 1],
    [3, 3, 2, 1, 1, 1],
    [3, 1, 4, 1, 1, 1],
    [2, 2, 1, 4, 1, 1],
    [4, 3, 1, 1, 1, 1],
    [1, 1, 1, 2, 2, 4],
    [1, 1, 1, 4, 2, 2],
    [1, 2, 1, 1, 2, 4],
    [1, 2, 1, 4, 2, 1],
    [1, 4, 1, 1, 2, 2],
    [1, 4, 1, 2, 2, 1],
    [1, 1, 2, 2, 1, 4],
    [1, 1, 2, 4, 1, 2],
    [1, 2, 2, 1, 1, 4],
    [1, 2, 2, 4, 1, 1],
    [1, 4, 2, 1, 1, 2],
    [1, 4, 2, 2, 1, 1],
    [2, 4, 1, 2, 1, 1],
    [2, 2, 1, 1, 1, 4],
    [4, 1, 3, 1, 1, 1],
    [2, 4, 1, 1, 1, 2],
    [1, 3, 4, 1, 1, 1],
    [1, 1, 1, 2, 4, 2],
    [1, 2, 1, 1, 4, 2],
    [1, 2, 1, 2, 4, 1],
    [1, 1, 4, 2, 1, 2],
    [1, 2, 4, 1, 1, 2],
    [1, 2, 4, 2, 1, 1],
    [4, 1, 1, 2, 1, 2],
    [4, 2, 1, 1, 1, 2],
    [4, 2, 1, 2, 1, 1],
    [2, 1, 2, 1, 4, 1],
    [2, 1, 4, 1, 2, 1],
    [4, 1, 2, 1, 2, 1],
    [1, 1, 1, 1, 4, 3],
    [1, 1, 1, 3, 4, 1],
    [1, 3, 1, 1, 4, 1],
    [1, 1, 4, 1, 1, 3],
    [1, 1, 4, 3, 1, 1],
    [4, 1, 1, 1, 1, 3],
    [4, 1, 1, 3, 1, 1],
    [1, 1, 3, 1, 4, 1],
    [1, 1, 4, 1, 3, 1],
    [3, 1, 1, 1, 4, 1],
    [4, 1, 1, 1, 3, 1],
    [2, 1, 1, 4, 1, 2],
    [2, 1, 1, 2, 1, 4],
    [2, 1, 1, 2, 3, 2],
];

/// Stop, with the 2-module termination bar that ends every symbol: 13 modules.
const STOP: [u8; 7] = [2, 3, 3, 1, 1, 1, 2];

const START_B: u8 = 104;

/// Blank modules on each side; the standard asks for at least 10.
pub const QUIET_ZONE: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BarcodeError {
    #[error("nothing to encode")]
    Empty,
    #[error("{0:?} is not in Code 128 code set B (printable ASCII)")]
    Unencodable(char),
}

/// A Code 128 symbol in code set B: Start B, the data, the check symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code128 {
    /// Symbol values from Start B through the check symbol; Stop is implied.
    values: Vec<u8>,
}

impl Code128 {
    /// Encodes printable ASCII text in code set B.
    pub fn encode(text: &str) -> Result<Self, BarcodeError> {
        if text.is_empty() {
            return Err(BarcodeError::Empty);
        }
        let mut values = Vec::with_capacity(text.len() + 2);
        values.push(START_B);
        for c in text.chars() {
            match u8::try_from(c) {
                Ok(byte @ b' '..=b'~') => values.push(byte - b' '),
                _ => return Err(BarcodeError::Unencodable(c)),
            }
        }
        values.push(checksum(&values));
        Ok(Self { values })
    }

    /// Symbol values from Start B through the check symbol.
    pub fn values(&self) -> &[u8] {
        &self.values
    }

    /// The check symbol's value.
    pub fn check_value(&self) -> u8 {
        self.values.last().copied().unwrap_or_default()
    }

    /// Bar and space widths in modules, alternating and starting with a bar,
    /// from Start to the termination bar (quiet zones not included).
    pub fn widths(&self) -> impl Iterator<Item = u8> + '_ {
        self.values
            .iter()
            .flat_map(|&value| PATTERNS[usize::from(value)])
            .chain(STOP)
    }

    /// The whole symbol's width in modules, quiet zones included.
    pub fn total_modules(&self) -> u32 {
        self.widths().map(u32::from).sum::<u32>() + 2 * QUIET_ZONE
    }

    /// The bars as `(x, width)` in modules from the left edge, after the
    /// quiet zone.
    pub fn bars(&self) -> Vec<(u32, u32)> {
        let mut x = QUIET_ZONE;
        let mut bars = Vec::with_capacity(self.values.len() * 3 + 4);
        for (index, width) in self.widths().enumerate() {
            let width = u32::from(width);
            if index % 2 == 0 {
                bars.push((x, width));
            }
            x += width;
        }
        bars
    }

    /// SVG path data drawing every bar as a rectangle `height` units tall,
    /// one unit per module: `M10 0h2v50h-2z…`. Integers only, written by
    /// hand so the widget needs no number formatting for it.
    pub fn svg_path(&self, height: u32) -> String {
        let mut path = String::new();
        for (x, width) in self.bars() {
            path.push('M');
            push_decimal(&mut path, x);
            path.push_str(" 0h");
            push_decimal(&mut path, width);
            path.push('v');
            push_decimal(&mut path, height);
            path.push_str("h-");
            push_decimal(&mut path, width);
            path.push('z');
        }
        path
    }
}

/// The modulo-103 check: the start value plus each data value times its
/// position (from 1).
fn checksum(values: &[u8]) -> u8 {
    let sum = values
        .iter()
        .enumerate()
        .map(|(position, &value)| u32::from(value) * (position.max(1) as u32))
        .sum::<u32>();
    (sum % 103) as u8
}

fn push_decimal(out: &mut String, n: u32) {
    let mut digits = [0_u8; 10];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in digits[..len].iter().rev() {
        out.push(char::from(digit));
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Widths as the 0/1 module string of published tables (1 = bar).
    fn modules(widths: impl IntoIterator<Item = u8>) -> String {
        widths
            .into_iter()
            .enumerate()
            .flat_map(|(i, w)| std::iter::repeat_n(if i % 2 == 0 { '1' } else { '0' }, w.into()))
            .collect()
    }

    #[test]
    fn every_symbol_is_eleven_modules_with_even_bars_and_odd_spaces() {
        for (value, pattern) in PATTERNS.iter().enumerate() {
            assert_eq!(
                pattern.iter().map(|&w| u32::from(w)).sum::<u32>(),
                11,
                "{value}"
            );
            assert!(pattern.iter().all(|w| (1..=4).contains(w)), "{value}");
            let bars: u8 = pattern.iter().step_by(2).sum();
            let spaces: u8 = pattern.iter().skip(1).step_by(2).sum();
            // The parity rule that lets a reader catch a misread width.
            assert_eq!(bars % 2, 0, "{value}");
            assert_eq!(spaces % 2, 1, "{value}");
        }
        let distinct: BTreeSet<_> = PATTERNS.iter().collect();
        assert_eq!(distinct.len(), PATTERNS.len());
        assert_eq!(STOP.iter().map(|&w| u32::from(w)).sum::<u32>(), 13);
    }

    #[test]
    fn the_table_matches_published_module_strings() {
        // Start A, B, C, value 0 and Stop with its termination bar, as
        // printed in barcode references (e.g. barcodeisland's Code 128 page).
        assert_eq!(modules(PATTERNS[103]), "11010000100");
        assert_eq!(modules(PATTERNS[104]), "11010010000");
        assert_eq!(modules(PATTERNS[105]), "11010011100");
        assert_eq!(modules(PATTERNS[0]), "11011001100");
        assert_eq!(modules(STOP), "1100011101011");
        // "A" (33) and "-" (13).
        assert_eq!(modules(PATTERNS[33]), "10100011000");
        assert_eq!(modules(PATTERNS[13]), "10011011100");
    }

    #[test]
    fn check_symbols_match_published_examples() {
        // barcoderesource.com: "abcdef" in set B has check value 97.
        assert_eq!(Code128::encode("abcdef").unwrap().check_value(), 97);
        // Wikipedia's "PJJ123C" sums to 878 from Start A (check 54); from
        // Start B (104) the sum is 879, so the check is 55.
        let code = Code128::encode("PJJ123C").unwrap();
        assert_eq!(code.values(), [104, 48, 42, 42, 17, 18, 19, 35, 55]);
    }

    #[test]
    fn an_rma_encodes_start_to_stop() {
        let code = Code128::encode("R-7K3").unwrap();
        // R=50, -=13, 7=23, K=43, 3=19; 104+50+26+69+172+95 = 516, 516 % 103 = 1.
        assert_eq!(code.values(), [104, 50, 13, 23, 43, 19, 1]);
        let all = modules(code.widths());
        assert!(all.starts_with("11010010000"));
        assert!(all.ends_with("1100011101011"));
        // 7 symbols of 11, Stop of 13, and 10 quiet modules each side.
        assert_eq!(all.len(), 7 * 11 + 13);
        assert_eq!(code.total_modules(), 7 * 11 + 13 + 20);
    }

    #[test]
    fn the_svg_path_draws_each_bar() {
        let code = Code128::encode("R").unwrap();
        let bars = code.bars();
        // Start B, R, check and Stop: 3 + 3 + 3 + 4 bars.
        assert_eq!(bars.len(), 13);
        assert_eq!(bars[0], (10, 2));
        assert_eq!(bars[1], (13, 1));
        assert!(
            code.svg_path(50)
                .starts_with("M10 0h2v50h-2zM13 0h1v50h-1z")
        );
        assert!(
            code.svg_path(50)
                .ends_with(&format!("M{} 0h2v50h-2z", code.total_modules() - 12))
        );
    }

    #[test]
    fn only_printable_ascii_is_encoded() {
        assert_eq!(Code128::encode(""), Err(BarcodeError::Empty));
        assert_eq!(Code128::encode("Rå"), Err(BarcodeError::Unencodable('å')));
        assert_eq!(
            Code128::encode("a\tb"),
            Err(BarcodeError::Unencodable('\t'))
        );
        assert!(Code128::encode(" ~").is_ok());
    }
}
