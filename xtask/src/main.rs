//! `cargo xtask`: aftercart's build orchestration, in Rust.
//!
//! - `cargo xtask dev [--port N]`   build everything and run the local edge with the demo store
//! - `cargo xtask test [--e2e [--only F]]`  the whole suite, as CI runs it (--e2e: only the end-to-end part; --only: API tests and browser files whose name contains F)
//! - `cargo xtask layers`           no module import circles in shared, edge, widget, xtask
//! - `cargo xtask fuzz [--seconds N] [--target NAME] [--seed S]`  every fuzz target for N s each (default 10)
//! - `cargo xtask bench [--size]`   widget sizes and edge throughput, as a table (--size: sizes only)
//! - `cargo xtask build`            release build of widget and edge into edge/build
//! - `cargo xtask openapi`          print the OpenAPI document the edge serves at /openapi.json
//! - `cargo xtask setup [--browser]` install the pinned tools (idempotent)

mod bench;
mod build;
mod dev;
mod edge;
mod fuzz;
mod layers;
mod load;
mod schemathesis;
mod seed;
mod sh;
mod stages;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("dev") => port_arg(&args[1..]).and_then(dev::run),
        Some("test") => match &args[1..] {
            [] => test::run(test::Scope::All),
            [flag] if flag == "--e2e" => test::run(test::Scope::EndToEnd { only: None }),
            [flag, only, filter] if flag == "--e2e" && only == "--only" => {
                test::run(test::Scope::EndToEnd {
                    only: Some(filter.clone()),
                })
            }
            other => Err(format!(
                "unexpected arguments: {other:?} (expected --e2e [--only FILTER])"
            )
            .into()),
        },
        Some("bench") => match &args[1..] {
            [] => bench::run(bench::Scope::All),
            [flag] if flag == "--size" => bench::run(bench::Scope::SizeOnly),
            other => Err(format!("unexpected arguments: {other:?} (expected --size)").into()),
        },
        Some("layers") => layers::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("build") => tools::ensure(tools::Needs::BUILD).and_then(|t| build::all(&t).map(drop)),
        Some("openapi") => serde_json::to_string_pretty(&build::openapi_document())
            .map(|text| println!("{text}"))
            .map_err(Into::into),
        Some("setup") => {
            let needs = if args.iter().any(|a| a == "--browser") {
                tools::Needs::TEST
            } else {
                tools::Needs::BUILD
            };
            tools::ensure(needs).map(drop)
        }
        _ => {
            eprintln!(
                "usage: cargo xtask <dev [--port N] | test [--e2e [--only FILTER]] | layers | fuzz [--seconds N] | bench [--size] | build | openapi | setup [--browser]>"
            );
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn port_arg(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(8787),
        [flag, value] if flag == "--port" => Ok(value.parse()?),
        [one] if one.starts_with("--port=") => Ok(one["--port=".len()..].parse()?),
        _ => Err(format!("unexpected arguments: {args:?} (expected --port N)").into()),
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Prints a step header, so long runs say where they are.
pub fn step(what: &str) {
    println!("\n==> {what}");
}
