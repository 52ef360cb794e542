//! A short bounded pass over every target, part of the unit stage:
//! `AFTERCART_FUZZ_MS` per target (default 1500 ms), a fixed seed, so a
//! failure here replays with `cargo xtask fuzz --target NAME`.

use std::time::Duration;

use aftercart_fuzz::{TARGETS, run};

fn budget() -> Duration {
    let ms = std::env::var("AFTERCART_FUZZ_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .unwrap_or(1500);
    Duration::from_millis(ms)
}

fn pass(name: &str) {
    let target = TARGETS.iter().find(|t| t.name == name);
    let Some(target) = target else {
        panic!("no fuzz target {name}");
    };
    let report = run(target, budget(), 0x5eed);
    assert!(report.cases > 0, "{name} tried nothing");
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
        let listed = format!("\n    {},\n", target.name);
        assert!(
            source.contains(&listed),
            "{} is not in targets![]",
            target.name
        );
    }
}

macro_rules! targets {
    ($($name:ident),* $(,)?) => {
        $(#[test] fn $name() { pass(stringify!($name)); })*
    };
}

targets![
    shopify_payload,
    woocommerce_payload,
    aftership_payload,
    easypost_payload,
    shopify_signature,
    woocommerce_signature,
    aftership_signature,
    easypost_signature,
    outbound_signature,
    token_verify,
    time_parse,
    normalizers,
    money,
    return_request,
    settings,
    shopper_requests,
];
