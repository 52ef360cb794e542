//! Installs the pinned tools the build and the tests need. Idempotent: each
//! tool is checked first, and only a missing or mismatched one is installed.
//! Everything comes from crates.io, the npm registry (package-lock.json) or
//! Debian's packages: nothing downloads binaries of its own.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, root, sh, step};

#[derive(Debug, Clone, Copy)]
pub struct Needs {
    browser: bool,
}

impl Needs {
    pub const BUILD: Self = Self { browser: false };
    pub const TEST: Self = Self { browser: true };
}

/// Absolute paths of the tools, ready to hand to child processes.
#[derive(Debug, Clone)]
pub struct Tools {
    pub wasm_bindgen: PathBuf,
    pub worker_build: PathBuf,
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
    pub wrangler: PathBuf,
    pub node: PathBuf,
}

impl Tools {
    /// A command for wrangler, run in `edge/`, with every outside connection
    /// it would make by default turned off.
    pub fn wrangler(&self) -> Command {
        let mut cmd = Command::new(&self.node);
        cmd.arg(&self.wrangler).current_dir(root().join("edge"));
        for (key, value) in OFFLINE_ENV {
            cmd.env(key, value);
        }
        cmd
    }
}

/// Telemetry, error reports, banner and the `cf` object fetch all reach out
/// to the internet; none is needed locally.
pub const OFFLINE_ENV: [(&str, &str); 5] = [
    ("WRANGLER_SEND_METRICS", "false"),
    ("WRANGLER_SEND_ERROR_REPORTS", "false"),
    ("WRANGLER_HIDE_BANNER", "true"),
    ("CLOUDFLARE_CF_FETCH_ENABLED", "false"),
    ("CI", "true"),
];

pub fn ensure(needs: Needs) -> Result<Tools> {
    step("checking tools");
    ensure_wasm_target()?;
    let node_modules = ensure_npm_packages()?;
    let wasm_bindgen = ensure_cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &locked_version("wasm-bindgen")?,
        false,
    )?;
    // worker-build is released in lockstep with the worker crate.
    let worker_build = ensure_cargo_tool(
        "worker-build",
        "worker-build",
        &locked_version("worker")?,
        true,
    )?;
    if needs.browser {
        ensure_chromium()?;
    }
    let bin = node_modules.join(".bin");
    Ok(Tools {
        wasm_bindgen,
        worker_build,
        wasm_opt: bin.join("wasm-opt"),
        esbuild: bin.join("esbuild"),
        wrangler: node_modules.join("wrangler/bin/wrangler.js"),
        node: find_in_path("node").ok_or("node is not installed (install Node.js 20+)")?,
    })
}

fn ensure_wasm_target() -> Result {
    let installed = sh::probe(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        sh::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// `npm ci` when node_modules is missing or older than package-lock.json.
fn ensure_npm_packages() -> Result<PathBuf> {
    let root = root();
    let node_modules = root.join("node_modules");
    let marker = node_modules.join(".package-lock.json");
    let stale = match (modified(&marker), modified(&root.join("package-lock.json"))) {
        (Some(installed), Some(lock)) => installed < lock,
        _ => true,
    };
    let complete = [
        "wrangler/bin/wrangler.js",
        ".bin/wasm-opt",
        ".bin/esbuild",
        "playwright-core",
    ]
    .iter()
    .all(|p| node_modules.join(p).exists());
    if stale || !complete {
        sh::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&root),
        )?;
    }
    Ok(node_modules)
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The version of `package` in Cargo.lock, so a CLI always matches its crate.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    let end = lock[start..].find('"').ok_or("Cargo.lock is malformed")? + start;
    Ok(lock[start..end].to_owned())
}

fn ensure_cargo_tool(bin: &str, krate: &str, version: &str, locked: bool) -> Result<PathBuf> {
    let current = find_in_path(bin)
        .and_then(|path| sh::probe(Command::new(&path).arg("--version")).map(|v| (path, v)));
    if let Some((path, reported)) = current
        && reported.split_whitespace().any(|word| word == version)
    {
        return Ok(path);
    }
    println!("installing {krate} {version} (a few minutes, once)");
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", version, "--force"]);
    // wasm-bindgen-cli's lockfile names a version missing from the registry
    // mirror here; its own semver ranges build fine.
    if locked {
        cmd.arg("--locked");
    }
    sh::run(&mut cmd)?;
    find_in_path(bin).ok_or_else(|| format!("{bin} was installed but is not on PATH").into())
}

pub const CHROMIUM: &str = "/usr/bin/chromium";

fn ensure_chromium() -> Result {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    println!("installing Chromium from Debian's packages");
    let is_root = sh::probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if is_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        sh::run(&mut cmd)
    };
    apt(&["update", "-qq"])?;
    apt(&["install", "-y", "-qq", "chromium"])
}

/// `bin` in `$CARGO_HOME/bin` or on `PATH`.
pub fn find_in_path(bin: &str) -> Option<PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let path = std::env::var_os("PATH").unwrap_or_default();
    cargo_home
        .map(|home| home.join("bin"))
        .into_iter()
        .chain(std::env::split_paths(&path))
        .map(|dir| dir.join(bin))
        .find(|candidate| candidate.is_file())
}
