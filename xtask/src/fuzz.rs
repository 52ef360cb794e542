//! `cargo xtask fuzz [--seconds N] [--target NAME] [--seed S]`: every fuzz
//! target of `fuzz/` for N seconds each (default 10), on stable Rust. The
//! fuzzer prints cases tried and failures per target and fails on any
//! failure; each one found becomes a regression test in shared.

use std::process::Command;
use std::time::Duration;

use crate::{Result, root, sh, step};

/// Per-target seconds when none are given.
const DEFAULT_SECONDS: u64 = 10;
/// Targets in `fuzz/src/targets.rs`; only sizes the deadline, so a rough
/// upper bound is fine.
const TARGETS_AT_MOST: u64 = 40;
/// Compiling the fuzz crate on a cold machine.
const BUILD_MARGIN: Duration = Duration::from_secs(15 * 60);

pub fn run(args: &[String]) -> Result {
    let mut seconds = DEFAULT_SECONDS;
    let mut passed: Vec<String> = Vec::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| {
            format!("{flag} needs a value (expected --seconds N, --target NAME, --seed S)")
        })?;
        match flag.as_str() {
            "--seconds" => seconds = value.parse()?,
            "--target" | "--seed" => passed.extend([flag.clone(), value.clone()]),
            other => return Err(format!("unexpected argument {other:?}").into()),
        }
    }
    step(&format!("fuzz ({seconds} s per target)"));
    let deadline = BUILD_MARGIN + Duration::from_secs(seconds.saturating_mul(TARGETS_AT_MOST));
    sh::run_within(
        Command::new("cargo")
            .current_dir(root())
            .args(["run", "--quiet", "--package", "aftercart-fuzz", "--"])
            .args(["--seconds", &seconds.to_string()])
            .args(passed),
        deadline,
    )
}
