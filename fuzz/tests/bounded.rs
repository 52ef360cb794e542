//! A short bounded pass over every target, part of the unit stage: a fixed
//! number of cases per target from a fixed seed, so the pass tries the same
//! inputs on every run and machine (it cannot fail now and then), and a
//! failure here replays with `cargo xtask fuzz --target NAME`. The counts
//! are sized to about 1.5 s per target in a debug build on the 2-core
//! development machine; `cargo xtask fuzz --seconds N` is the long run.

use aftercart_fuzz::{Budget, TARGETS, run};

const SEED: u64 = 0x5eed;

fn pass(name: &str, cases: u64) {
    let target = TARGETS.iter().find(|t| t.name == name);
    let Some(target) = target else {
        panic!("no fuzz target {name}");
    };
    let report = run(target, Budget::Cases(cases), SEED);
    assert_eq!(report.cases, cases, "{name} stopped early");
    let shown: Vec<String> = report
        .failures
        .iter()
        .map(|f| format!("{:?}: {}", f.input_text(), f.message))
        .collect();
    assert!(
        shown.is_empty(),
        "{name}: {} cases, failures:\n{}",
        report.cases,
        shown.join("\n")
    );
}

#[test]
fn every_target_has_a_test_here() {
    let source = include_str!("bounded.rs");
    for target in TARGETS {
        let listed = format!("\n    {}: ", target.name);
        assert!(
            source.contains(&listed),
            "{} is not in targets![]",
            target.name
        );
    }
}

#[test]
fn a_count_of_cases_tries_the_same_inputs_every_time() {
    let Some(target) = TARGETS.iter().find(|t| t.name == "time_parse") else {
        panic!("no fuzz target time_parse");
    };
    let first = run(target, Budget::Cases(5_000), SEED);
    let second = run(target, Budget::Cases(5_000), SEED);
    assert_eq!(first.cases, 5_000);
    assert_eq!(first.fingerprint, second.fingerprint);
    // The fingerprint does tell runs apart.
    let other = run(target, Budget::Cases(5_000), SEED + 1);
    assert_ne!(first.fingerprint, other.fingerprint);
}

macro_rules! targets {
    ($($name:ident: $cases:literal),* $(,)?) => {
        $(#[test] fn $name() { pass(stringify!($name), $cases); })*
    };
}

// Cases per target: what each ran in 1.5 s (debug build, this machine
// under the suite's load), rounded.
targets![
    shopify_payload: 2_000,
    woocommerce_payload: 50_000,
    aftership_payload: 13_000,
    easypost_payload: 15_000,
    shopify_signature: 13_000,
    woocommerce_signature: 14_000,
    aftership_signature: 13_000,
    easypost_signature: 12_000,
    outbound_signature: 16_000,
    token_verify: 300_000,
    time_parse: 400_000,
    normalizers: 35_000,
    money: 200_000,
    return_request: 130_000,
    settings: 18_000,
    shopper_requests: 80_000,
];
