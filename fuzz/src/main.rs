//! `cargo run -p aftercart-fuzz -- [--seconds N] [--target NAME] [--seed S]`:
//! every target (or one) for N seconds each; prints cases tried and
//! failures per target, and exits non-zero on any failure.

use std::process::ExitCode;
use std::time::Duration;

use aftercart_fuzz::Budget;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seconds = 10.0_f64;
    let mut only: Option<String> = None;
    let mut seed = 0x5eed_u64;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = rest.next();
        let parsed = match (arg.as_str(), value) {
            ("--seconds", Some(v)) => v.parse().map(|v| seconds = v).is_ok(),
            ("--target", Some(v)) => {
                only = Some(v.clone());
                true
            }
            ("--seed", Some(v)) => v.parse().map(|v| seed = v).is_ok(),
            _ => false,
        };
        if !parsed {
            eprintln!("usage: aftercart-fuzz [--seconds N] [--target NAME] [--seed S]");
            return ExitCode::from(2);
        }
    }
    let budget = Duration::from_secs_f64(seconds.max(0.0));
    let targets: Vec<_> = aftercart_fuzz::TARGETS
        .iter()
        .filter(|t| only.as_deref().is_none_or(|name| name == t.name))
        .collect();
    if targets.is_empty() {
        eprintln!("no target named {only:?}");
        return ExitCode::from(2);
    }
    let mut failed = 0;
    for target in targets {
        let report = aftercart_fuzz::run(target, Budget::Time(budget), seed);
        println!(
            "{:<24} {:>9} cases {:>4} failures",
            target.name,
            report.cases,
            report.failures.len()
        );
        for failure in report.failures.iter().take(5) {
            println!(
                "    input {:?}\n    {}",
                failure.input_text(),
                failure.message
            );
        }
        failed += report.failures.len();
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
