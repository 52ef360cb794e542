//! A second, private edge for the tests that kill the runtime: its own
//! `wrangler dev` (workerd + D1 in SQLite) on its own port and state
//! directory, started and killed by the test itself. It runs the worker
//! that `cargo xtask test` built, with the same wrangler and offline
//! settings as the shared edge.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Edge, Value};

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run the suite with `cargo xtask test`"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free loopback port")
}

/// A D1 state directory of its own, migrated, removed when dropped.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
}

impl State {
    /// A fresh directory with every migration applied and `seed_sql` run.
    pub fn migrated(name: &str, seed_sql: &str) -> Self {
        let dir = std::env::temp_dir().join(crate::unique(&format!("aftercart-{name}-")));
        std::fs::create_dir_all(&dir).expect("state directory");
        wrangler(&dir, &["d1", "migrations", "apply", "DB", "--local"]);
        let seed = dir.join("seed.sql");
        std::fs::write(&seed, seed_sql).expect("seed file");
        let seed = seed.to_string_lossy().into_owned();
        wrangler(&dir, &["d1", "execute", "DB", "--local", "--file", &seed]);
        Self { dir }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Rows of one `SELECT`, read straight from the SQLite file the
    /// runtime writes (not through the worker).
    pub fn query(&self, sql: &str) -> Vec<Value> {
        query(&self.dir, sql)
    }
}

/// Rows of one `SELECT` on the D1 database persisted in `dir`, through
/// `wrangler d1 execute` (the SQLite file, not the worker).
pub fn query(dir: &Path, sql: &str) -> Vec<Value> {
    let stdout = wrangler(
        dir,
        &["d1", "execute", "DB", "--local", "--json", "--command", sql],
    );
    let parsed: Value = serde_json::from_slice(&stdout).unwrap_or_else(|e| {
        panic!(
            "wrangler d1 output is not JSON ({e}): {}",
            String::from_utf8_lossy(&stdout)
        )
    });
    parsed[0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no results in {parsed}"))
}

/// Runs `sql` (statements that may be refused, e.g. by a trigger) on the
/// D1 database persisted in `dir`: `Err` with what D1 said when refused.
pub fn try_execute(dir: &Path, sql: &str) -> Result<(), String> {
    let output = wrangler_command(dir, &["d1", "execute", "DB", "--local", "--command", sql])
        .output()
        .unwrap_or_else(|e| panic!("wrangler d1 execute: {e}"));
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn wrangler_command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env("AFTERCART_NODE"));
    cmd.arg(env("AFTERCART_WRANGLER"))
        .args(args)
        .arg("--persist-to")
        .arg(dir)
        .current_dir(env("AFTERCART_EDGE_DIR"))
        .stdin(Stdio::null());
    cmd
}

/// `wrangler <args> --persist-to <dir>` in the edge's directory; its stdout.
fn wrangler(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = Command::new(env("AFTERCART_NODE"))
        .arg(env("AFTERCART_WRANGLER"))
        .args(args)
        .arg("--persist-to")
        .arg(dir)
        .current_dir(env("AFTERCART_EDGE_DIR"))
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("wrangler {args:?}: {e}"));
    assert!(
        output.status.success(),
        "wrangler {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

impl Drop for State {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A running `wrangler dev` over a [`State`], in its own process group so
/// it can be killed whole, at once, like a crashed machine.
#[derive(Debug)]
pub struct Runtime {
    child: Child,
    pub edge: Edge,
}

impl Runtime {
    pub fn start(state: &State) -> Self {
        let port = free_port();
        let child = Command::new(env("AFTERCART_NODE"))
            .arg(env("AFTERCART_WRANGLER"))
            .args(["dev", "--local", "--ip", "127.0.0.1", "--port"])
            .arg(port.to_string())
            .arg("--inspector-port")
            .arg(free_port().to_string())
            .arg("--persist-to")
            .arg(state.path())
            .args([
                "--show-interactive-dev-session=false",
                "--log-level",
                "error",
            ])
            .current_dir(env("AFTERCART_EDGE_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("wrangler dev starts");
        let mut runtime = Self {
            child,
            edge: Edge::at(format!("http://127.0.0.1:{port}")),
        };
        runtime.wait_ready();
        runtime
    }

    fn wait_ready(&mut self) {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("wrangler dev exited before it was ready ({status})");
            }
            if self.edge.try_get("/healthz") == Some(200) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the private edge was not ready after 120 s"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// SIGKILL to wrangler and workerd together: no shutdown, no flush.
    pub fn kill(mut self) {
        self.kill_group();
    }

    fn kill_group(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.kill_group();
    }
}
