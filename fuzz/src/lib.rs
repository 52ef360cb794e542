//! A bounded fuzzer that runs on stable Rust: no coverage feedback, but
//! seeds from real payloads, byte mutations, a dictionary of the inputs
//! that broke us before, and structure-aware JSON mutations. Each target
//! states its invariants by panicking; a case that panics is a failure,
//! kept with its input so it can become a regression test in shared.
//!
//! Debug builds are what this runs in (`cargo run`/`cargo test`), so
//! integer overflow panics here even though release builds abort.

mod generate;
mod targets;

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::time::{Duration, Instant};

pub use generate::Rng;
pub use targets::TARGETS;

/// One thing to fuzz.
#[derive(Debug)]
pub struct Target {
    pub name: &'static str,
    /// Valid or near-valid inputs that mutations start from.
    pub seeds: fn() -> Vec<Vec<u8>>,
    /// Whether inputs are JSON, so mutations may edit the tree.
    pub json: bool,
    /// Runs one input; panics when an invariant breaks.
    pub check: fn(&[u8]),
}

#[derive(Debug, Clone)]
pub struct Failure {
    pub input: Vec<u8>,
    pub message: String,
}

impl Failure {
    pub fn input_text(&self) -> String {
        String::from_utf8_lossy(&self.input)
            .chars()
            .take(400)
            .collect()
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub cases: u64,
    /// Distinct by message, so one bug is not reported a thousand times.
    pub failures: Vec<Failure>,
    /// A hash of every input tried, in order: equal for two runs that tried
    /// the same cases.
    pub fingerprint: u64,
}

/// How long a run goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// Exactly this many cases (seeds included): the same inputs on every
    /// machine for a given seed, so a pass in CI is reproducible.
    Cases(u64),
    /// Until this much time has passed: for exploring.
    Time(Duration),
}

impl Budget {
    fn continues(self, cases: u64, started: Instant) -> bool {
        match self {
            Self::Cases(limit) => cases < limit,
            Self::Time(limit) => started.elapsed() < limit,
        }
    }
}

thread_local! {
    /// Set while a case runs: the panic hook records the message here
    /// instead of printing it.
    static CAUGHT: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let recorded = CAUGHT.with_borrow_mut(|caught| match caught {
                Some(slot) => {
                    *slot = Some(info.to_string());
                    true
                }
                None => false,
            });
            if !recorded {
                default(info);
            }
        }));
    });
}

/// Runs `input` through `target`, returning the panic message if it panicked.
pub fn run_one(target: &Target, input: &[u8]) -> Option<String> {
    install_quiet_hook();
    CAUGHT.with_borrow_mut(|c| *c = Some(None));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| (target.check)(input)));
    let message = CAUGHT.with_borrow_mut(|c| c.take().flatten());
    outcome
        .err()
        .map(|_| message.unwrap_or_else(|| "panicked".into()))
}

/// Fuzzes `target` until `budget` runs out: seeds first, then mutants
/// drawn from `seed` alone.
pub fn run(target: &Target, budget: Budget, seed: u64) -> Report {
    let started = Instant::now();
    let mut rng = Rng::new(seed ^ fnv(target.name));
    let mut corpus = (target.seeds)();
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    let mut report = Report::default();
    let record = |report: &mut Report, input: Vec<u8>| {
        report.cases += 1;
        report.fingerprint = fnv_bytes(report.fingerprint, &input);
        if let Some(message) = run_one(target, &input)
            && !report.failures.iter().any(|f| f.message == message)
        {
            report.failures.push(Failure { input, message });
        }
    };
    for seed in corpus.clone() {
        if !budget.continues(report.cases, started) {
            return report;
        }
        record(&mut report, seed);
    }
    while budget.continues(report.cases, started) {
        let parent = &corpus[rng.below(corpus.len())];
        let input = if target.json && rng.chance(2) {
            generate::mutate_json(&mut rng, parent)
                .unwrap_or_else(|| generate::mutate_bytes(&mut rng, parent, &corpus))
        } else {
            generate::mutate_bytes(&mut rng, parent, &corpus)
        };
        // Keep some mutants as parents, so mutations compound.
        if rng.chance(8) && corpus.len() < 512 && input.len() < 64 * 1024 {
            corpus.push(input.clone());
        }
        record(&mut report, input);
    }
    report
}

fn fnv(text: &str) -> u64 {
    fnv_bytes(0xcbf2_9ce4_8422_2325, text.as_bytes())
}

fn fnv_bytes(start: u64, bytes: &[u8]) -> u64 {
    // The length too, so the boundaries between inputs count.
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let start = (start ^ len).wrapping_mul(0x0100_0000_01b3);
    bytes.iter().fold(start, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
