//! Schemathesis against the running edge: every operation of the OpenAPI
//! document, a bounded number of generated cases each, checked for server
//! errors, undocumented statuses and content types, and responses that do
//! not match their schemas. Installed from PyPI into `target/schemathesis`
//! at the versions in `xtask/schemathesis-requirements.txt`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::{Result, root, sh, step};

/// The seeded shop every case names, and its admin key
/// (`tests/e2e-seed.sql`).
const SHOP: &str = "schema";
const ADMIN_KEY: &str = "ac_e2e_schema_fuzz_key";

/// Cases per operation and phase: the whole pass stays near 10 s here.
const MAX_EXAMPLES: u32 = 10;

const DEADLINE: Duration = Duration::from_secs(10 * 60);

/// The virtualenv's `st`, created (or brought to the pinned versions) first.
pub fn ensure() -> Result<PathBuf> {
    let root = root();
    let venv = root.join("target/schemathesis");
    let st = venv.join("bin/st");
    let requirements = root.join("xtask/schemathesis-requirements.txt");
    let stamp = venv.join("installed-requirements.txt");
    let wanted = fs::read_to_string(&requirements)?;
    if st.exists() && fs::read_to_string(&stamp).is_ok_and(|had| had == wanted) {
        return Ok(st);
    }
    step("installing Schemathesis (pinned) into target/schemathesis");
    sh::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    sh::run(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
    )?;
    fs::write(&stamp, wanted)?;
    Ok(st)
}

/// Runs every operation against `base_url`; the count of operations run
/// must be at least `operations`.
pub fn run(st: &Path, base_url: &str, operations: usize) -> Result {
    let root = root();
    let out = root.join("target/schemathesis-run");
    fs::create_dir_all(&out)?;
    let document = out.join("openapi.json");
    fs::write(
        &document,
        serde_json::to_string(&crate::build::openapi_document())?,
    )?;
    let config = out.join("schemathesis.toml");
    fs::write(&config, config_text())?;
    let junit = out.join("junit.xml");
    let _ = fs::remove_file(&junit);
    step("Schemathesis against the local edge");
    sh::run_within(
        Command::new(st)
            .arg("--config-file")
            .arg(&config)
            .arg("run")
            .arg(&document)
            .args(["--url", base_url])
            .args(["--phases", "examples,coverage,fuzzing"])
            .args([
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            ])
            .args(["--max-examples", &MAX_EXAMPLES.to_string()])
            .args(["--seed", "20261203", "--workers", "1", "--max-redirects", "0"])
            .args(["--report", "junit", "--report-junit-path"])
            .arg(&junit)
            .env("NO_COLOR", "1"),
        DEADLINE,
    )?;
    let report = fs::read_to_string(&junit)?;
    let ran = report.matches("<testcase").count();
    println!("Schemathesis: {ran} operations checked (at least {operations} expected)");
    if ran < operations {
        return Err(format!(
            "Schemathesis checked {ran} operations, the document has {operations}"
        )
        .into());
    }
    Ok(())
}

fn config_text() -> String {
    format!(
        "# Written by cargo xtask test (xtask/src/schemathesis.rs).\n\
         headers = {{ Authorization = \"Bearer {ADMIN_KEY}\" }}\n\
         \n\
         [parameters]\n\
         \"path.shop\" = \"{SHOP}\"\n"
    )
}
