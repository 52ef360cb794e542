//! Inputs: a small PRNG, byte mutations, and JSON tree mutations.

use serde_json::{Map, Number, Value};

/// SplitMix64: deterministic for a seed, so a failure can be replayed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next_u64() % n as u64).unwrap_or(0)
    }

    /// True one time in `n`.
    pub fn chance(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Text that broke parsers here or elsewhere: multi-byte characters where a
/// byte index lands, numbers at the ends of their types, link schemes.
pub const DICTIONARY: &[&str] = &[
    "é",
    "+1é1",
    "€",
    "𝄞",
    "\u{0}",
    "\u{feff}",
    "\r\n",
    "\t",
    " ",
    "-",
    "+",
    ".",
    ":",
    ",",
    "/",
    "//",
    "@",
    "#",
    "%",
    "\\",
    "\"",
    "0",
    "-0",
    "00",
    "9",
    "99",
    "-1",
    "255",
    "256",
    "65536",
    "2147483647",
    "-2147483648",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "18446744073709551615",
    "1e308",
    "1e-7",
    "0.005",
    "99999999999999999999.99",
    "9999-12-31",
    "0000-01-01",
    "T23:59:60",
    "+14:00",
    "-12:00",
    "+2400",
    "Z",
    "z",
    "1970-01-01T00:00:00Z",
    "javascript:",
    "JAVASCRIPT:",
    "data:",
    "https://",
    "http://",
    "//evil",
    "user:pw@",
    "hmac-sha256-hex=",
    "v1=",
    "t=",
    "|",
    "v1|",
    "null",
    "true",
    "[]",
    "{}",
    "R-",
    "#1001",
    "a@b.co",
];

/// Interesting JSON scalars to plant in a tree.
fn interesting_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(2)),
        2 => Value::Number(Number::from(*rng.pick(&[
            0_i64,
            -1,
            1,
            i64::MAX,
            i64::MIN,
            i64::from(i32::MAX),
            i64::from(u32::MAX),
        ]))),
        3 => Value::Number(Number::from(u64::MAX)),
        4 => Number::from_f64(*rng.pick(&[0.5, -0.0, 1e300, 123.456, -1e-9]))
            .map_or(Value::Null, Value::Number),
        5 => Value::Array(Vec::new()),
        6 => Value::Object(Map::new()),
        _ => Value::String((*rng.pick(DICTIONARY)).to_owned()),
    }
}

fn mutate_string(rng: &mut Rng, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let at = rng.below(chars.len() + 1);
    let word = *rng.pick(DICTIONARY);
    let (head, tail) = chars.split_at(at);
    let head: String = head.iter().collect();
    let tail: String = tail.iter().collect();
    match rng.below(4) {
        0 => format!("{head}{word}{tail}"),
        1 => format!("{head}{word}"),
        2 => {
            let skip = rng.below(tail.chars().count() + 1);
            format!("{head}{}", tail.chars().skip(skip).collect::<String>())
        }
        _ => s.repeat(rng.below(4) + 1),
    }
}

/// Edits one node of the tree (chosen by a random walk).
fn mutate_value(rng: &mut Rng, value: &mut Value, depth: usize) {
    let descend = depth < 12 && rng.below(4) != 0;
    match value {
        Value::Object(map) if descend && !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len())).cloned();
            if let Some(child) = key.and_then(|k| map.get_mut(&k)) {
                mutate_value(rng, child, depth + 1);
            }
            return;
        }
        Value::Array(items) if descend && !items.is_empty() => {
            let i = rng.below(items.len());
            mutate_value(rng, &mut items[i], depth + 1);
            return;
        }
        _ => {}
    }
    match value {
        Value::String(s) if rng.chance(2) => *s = mutate_string(rng, s),
        Value::Array(items) if !items.is_empty() && rng.chance(2) => {
            // Duplicate or drop an element.
            let i = rng.below(items.len());
            if rng.chance(2) {
                let copy = items[i].clone();
                items.push(copy);
            } else {
                items.remove(i);
            }
        }
        Value::Object(map) if !map.is_empty() && rng.chance(2) => {
            let key = map.keys().nth(rng.below(map.len())).cloned();
            if let Some(key) = key {
                map.remove(&key);
            }
        }
        Value::Number(n) if rng.chance(2) => {
            let text = mutate_string(rng, &n.to_string());
            *value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        }
        _ => *value = interesting_value(rng),
    }
}

/// A JSON mutant of `parent`, or `None` when `parent` is not JSON.
pub fn mutate_json(rng: &mut Rng, parent: &[u8]) -> Option<Vec<u8>> {
    let mut value: Value = serde_json::from_slice(parent).ok()?;
    for _ in 0..=rng.below(3) {
        mutate_value(rng, &mut value, 0);
    }
    serde_json::to_vec(&value).ok()
}

/// A byte-level mutant of `parent`, sometimes spliced with another input.
pub fn mutate_bytes(rng: &mut Rng, parent: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = parent.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = u8::try_from(rng.below(256)).unwrap_or(0);
            }
            2 if !out.is_empty() => {
                let len = rng.below(out.len() - at.min(out.len()) + 1).min(16);
                out.drain(at.min(out.len())..(at + len).min(out.len()));
            }
            3 => {
                let word = rng.pick(DICTIONARY).as_bytes();
                out.splice(at..at, word.iter().copied());
            }
            4 => {
                let other = rng.pick(corpus);
                let from = rng.below(other.len() + 1);
                let len = rng.below(other.len() - from + 1).min(64);
                out.splice(at..at, other[from..from + len].iter().copied());
            }
            5 => out.truncate(at),
            _ => {
                let byte = u8::try_from(rng.below(256)).unwrap_or(0);
                out.insert(at, byte);
            }
        }
    }
    out
}
