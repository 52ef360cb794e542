//! `cargo xtask test`: the whole suite, exactly as CI runs it.

use std::process::Command;

use crate::edge::{self, LocalEdge};
use crate::tools::{self, CHROMIUM, Needs};
use aftercart_shared::api::routes::ROUTES;

use crate::{Result, build, layers, root, schemathesis, sh, stages, step};

/// How much of the suite to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Build, start the edge, run the API and browser tests: for iterating
    /// on the edge or widget while static checks are known to pass. With
    /// `only`, just the API tests whose name contains it and the browser
    /// files whose name contains it (no stage minimums: a developer's loop,
    /// never CI's).
    EndToEnd {
        only: Option<String>,
    },
}

pub fn run(scope: Scope) -> Result {
    if scope == Scope::All {
        // Seconds, so it goes before the tools and the long builds.
        layers::check_workspace()?;
    }
    let tools = tools::ensure(Needs::TEST)?;
    let root = root();
    let cargo = || {
        let mut cmd = Command::new("cargo");
        cmd.current_dir(&root);
        cmd
    };
    if scope == Scope::All {
        static_checks_and_unit_tests(&cargo)?;
    }
    let only = match scope {
        Scope::All => None,
        Scope::EndToEnd { only } => only,
    };
    end_to_end(&tools, &root, &cargo, only.as_deref())
}

fn static_checks_and_unit_tests(cargo: &dyn Fn() -> Command) -> Result {
    step("rustfmt");
    sh::run(cargo().args(["fmt", "--all", "--check"]))?;

    step("clippy (native)");
    sh::run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("clippy (wasm32)");
    sh::run(cargo().args([
        "clippy",
        "--package",
        "aftercart-shared",
        "--package",
        "aftercart-widget",
        "--package",
        "aftercart-edge",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("unit tests (with a bounded fuzz pass)");
    sh::run_tests(
        // The fuzz pass runs a fixed count of cases per target
        // (fuzz/tests/bounded.rs), so this stage is reproducible.
        cargo().args([
            "test",
            "--no-fail-fast",
            "--package",
            "aftercart-shared",
            "--package",
            "aftercart-widget",
            "--package",
            "aftercart-edge",
            "--package",
            "xtask",
            "--package",
            "aftercart-fuzz",
        ]),
        &stages::UNIT,
    )
    .map(drop)
}

fn end_to_end(
    tools: &tools::Tools,
    root: &std::path::Path,
    cargo: &dyn Fn() -> Command,
    only: Option<&str>,
) -> Result {
    let (api_stage, browser_stage) = match only {
        None => (stages::API, stages::BROWSER),
        Some(_) => (stages::API.filtered(), stages::BROWSER.filtered()),
    };
    // Every operation of the OpenAPI document, unless a filter asks for
    // other tests.
    let schemathesis = match only {
        None | Some("schemathesis") => Some(schemathesis::ensure()?),
        Some(_) => None,
    };
    build::all(tools)?;

    edge::write_dev_vars()?;
    let persist = edge::fresh_state("e2e-state")?;
    edge::prepare_state(tools, &persist)?;
    // A second shop that only the end-to-end suite uses.
    edge::execute_sql_file(tools, &persist, &root.join("tests/e2e-seed.sql"))?;
    let port = edge::free_port()?;
    // Webhook retries after 1 s, 5 s, … instead of minutes, so the suite can
    // watch a failed delivery being retried by the cron trigger.
    let local = LocalEdge::start_with_vars(
        tools,
        port,
        &persist,
        true,
        &[("WEBHOOK_RETRY_FIRST_DELAY_SECS", "1")],
    )?;

    let with_edge_env = |cmd: &mut Command| {
        cmd.env("AFTERCART_EDGE_URL", &local.url)
            .env("AFTERCART_TOKEN_SECRET", edge::DEV_TOKEN_SECRET)
            .env("AFTERCART_PERSIST_DIR", &persist)
            .env("AFTERCART_NODE", &tools.node)
            .env("AFTERCART_WRANGLER", &tools.wrangler)
            .env("AFTERCART_EDGE_DIR", root.join("edge"))
            .env("AFTERCART_CHROMIUM", CHROMIUM);
        for (key, value) in tools::OFFLINE_ENV {
            cmd.env(key, value);
        }
    };

    step("API tests against the local edge");
    let mut api = cargo();
    // Every test binary runs even when one fails, so a run reports all.
    api.args(["test", "--no-fail-fast", "--package", "aftercart-tests"]);
    if let Some(filter) = only {
        api.args(["--", filter]);
    }
    with_edge_env(&mut api);
    let api_result = sh::run_tests(&mut api, &api_stage);
    let schema_result = match &schemathesis {
        Some(st) => schemathesis::run(st, &local.url, ROUTES.len()),
        None => Ok(()),
    };

    step("browser tests in headless Chromium");
    let files = browser_test_files(root, only)?;
    let browser_result = if files.is_empty() {
        println!("no browser file matches the filter");
        Ok(sh::Counts::default())
    } else {
        let mut browser = Command::new(&tools.node);
        // Files named, not a directory: `node --test <dir>` stopped working
        // in Node 21. TAP because its summary is the same on Node 20, 22
        // and 24.
        browser
            .current_dir(root)
            .args(["--test", "--test-concurrency=1", "--test-reporter=tap"])
            .args(files);
        with_edge_env(&mut browser);
        sh::run_tests(&mut browser, &browser_stage)
    };

    drop(local);
    match (api_result, schema_result, browser_result) {
        (Ok(api), Ok(()), Ok(browser)) => {
            println!(
                "\nall checks passed ({} API tests, {} browser tests)",
                api.passed, browser.passed
            );
            Ok(())
        }
        (api, schema, browser) => Err(format!(
            "end-to-end tests failed: API {}, Schemathesis {}, browser {}",
            api.err().map_or("ok".into(), |e| e.to_string()),
            schema.err().map_or("ok".into(), |e| e.to_string()),
            browser.err().map_or("ok".into(), |e| e.to_string()),
        )
        .into()),
    }
}

/// `tests/browser/*.test.mjs` (those whose name contains `only`, when
/// given), sorted, relative to the root.
fn browser_test_files(root: &std::path::Path, only: Option<&str>) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/browser"))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".test.mjs") && only.is_none_or(|f| name.contains(f)) {
            files.push(format!("tests/browser/{name}"));
        }
    }
    files.sort();
    if files.is_empty() && only.is_none() {
        return Err("no browser tests: tests/browser/*.test.mjs matched nothing".into());
    }
    Ok(files)
}
