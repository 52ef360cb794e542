//! The test stages of `cargo xtask test`: how many tests each must run at
//! least and how long it may take. One table, so a stage that quietly runs
//! nothing (a glob matching no file, a filter left in, a binary not built)
//! fails, and a hung stage fails with its name instead of stalling CI.
//!
//! The minimums are the counts at the last change to this file: raise them
//! when you add tests; lowering one is a decision a reviewer should see.

use std::time::Duration;

/// One stage of the suite.
#[derive(Debug, Clone, Copy)]
pub struct Stage {
    pub name: &'static str,
    pub min_tests: usize,
    /// Includes compiling the tests; generous for a cold CI machine.
    pub deadline: Duration,
}

impl Stage {
    /// The stage run with a name filter: whatever it matches counts.
    pub const fn filtered(self) -> Self {
        Self {
            min_tests: 0,
            ..self
        }
    }
}

const MINUTE: u64 = 60;

/// `cargo test` over shared, widget, edge, xtask and fuzz (one bounded
/// pass per fuzz target: a fixed count of cases, about 1.5 s each).
pub const UNIT: Stage = Stage {
    name: "unit tests",
    min_tests: 370,
    deadline: Duration::from_secs(20 * MINUTE),
};

/// `cargo test -p aftercart-tests` against the local edge, crash test included.
pub const API: Stage = Stage {
    name: "API tests",
    min_tests: 100,
    deadline: Duration::from_secs(20 * MINUTE),
};

/// `node --test` over `tests/browser/*.test.mjs` in headless Chromium.
pub const BROWSER: Stage = Stage {
    name: "browser tests",
    min_tests: 22,
    deadline: Duration::from_secs(15 * MINUTE),
};
