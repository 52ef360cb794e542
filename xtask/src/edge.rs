//! The local edge: `wrangler dev` on the real Workers runtime (workerd +
//! Miniflare), with D1 persisted in SQLite under a directory we choose.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::tools::Tools;
use crate::{Result, root, seed, sh, step};

/// Development-only secret for shopper tokens. Production reads
/// TOKEN_SECRET from `wrangler secret put`; nothing defaults to this there.
pub const DEV_TOKEN_SECRET: &str = "dev-token-secret-do-not-deploy";

/// Writes `edge/.dev.vars` (git-ignored), which wrangler dev reads as secrets.
pub fn write_dev_vars() -> Result {
    std::fs::write(
        root().join("edge/.dev.vars"),
        format!(
            "# Written by cargo xtask: local development only.\nTOKEN_SECRET={DEV_TOKEN_SECRET}\n"
        ),
    )?;
    Ok(())
}

/// Applies the D1 migrations and seeds the demo shop into `persist`.
pub fn prepare_state(tools: &Tools, persist: &Path) -> Result {
    step("applying D1 migrations and seeding the demo shop");
    sh::run(
        tools
            .wrangler()
            .args(["d1", "migrations", "apply", "DB", "--local", "--persist-to"])
            .arg(persist),
    )?;
    let seed_file = persist.join("demo-seed.sql");
    std::fs::write(&seed_file, seed::demo_sql(seed::now()))?;
    execute_sql_file(tools, persist, &seed_file)
}

pub fn execute_sql_file(tools: &Tools, persist: &Path, file: &Path) -> Result {
    sh::output(
        tools
            .wrangler()
            .args(["d1", "execute", "DB", "--local", "--persist-to"])
            .arg(persist)
            .arg("--file")
            .arg(file),
    )
    .map(drop)
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A running `wrangler dev`. Dropping it stops the whole process group.
pub struct LocalEdge {
    child: Child,
    pub url: String,
    owns_group: bool,
}

impl LocalEdge {
    /// Starts wrangler dev. With `own_group`, wrangler and workerd get their
    /// own process group so they can be stopped together; without it they
    /// share the terminal's, so Ctrl-C reaches them directly.
    pub fn start(tools: &Tools, port: u16, persist: &Path, own_group: bool) -> Result<Self> {
        Self::start_with_vars(tools, port, persist, own_group, &[])
    }

    /// [`LocalEdge::start`] with extra `[vars]`, e.g. the end-to-end suite's
    /// fast webhook retries.
    pub fn start_with_vars(
        tools: &Tools,
        port: u16,
        persist: &Path,
        own_group: bool,
        vars: &[(&str, &str)],
    ) -> Result<Self> {
        step(&format!("starting the edge on http://127.0.0.1:{port}"));
        let mut cmd = tools.wrangler();
        cmd.args(["dev", "--local", "--ip", "127.0.0.1", "--port"])
            .arg(port.to_string())
            .arg("--inspector-port")
            .arg(free_port()?.to_string())
            .arg("--persist-to")
            .arg(persist)
            .args(["--var", "SERVE_DEMO_STORE:true"])
            // Local receivers listen on 127.0.0.1 over http (the e2e
            // suite's, a developer's); production never sets this.
            .args(["--var", "ALLOW_PRIVATE_WEBHOOK_URLS:true"])
            // `GET /__scheduled` runs the cron handler (webhook retries) now.
            .arg("--test-scheduled")
            .args([
                "--show-interactive-dev-session=false",
                "--log-level",
                "warn",
            ]);
        for (name, value) in vars {
            cmd.args(["--var", &format!("{name}:{value}")]);
        }
        if own_group {
            cmd.process_group(0);
        }
        let child = cmd
            .spawn()
            .map_err(|e| format!("could not start wrangler dev: {e}"))?;
        let mut edge = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
            owns_group: own_group,
        };
        edge.wait_ready(Duration::from_secs(120))?;
        Ok(edge)
    }

    fn wait_ready(&mut self, limit: Duration) -> Result {
        let started = Instant::now();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(2)))
            .http_status_as_error(false)
            .build()
            .into();
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Err(format!("wrangler dev exited before it was ready ({status})").into());
            }
            if let Ok(response) = agent.get(format!("{}/healthz", self.url)).call()
                && response.status() == 200
            {
                println!("edge ready in {:.1} s", started.elapsed().as_secs_f64());
                return Ok(());
            }
            if started.elapsed() > limit {
                return Err(format!("edge not ready after {} s", limit.as_secs()).into());
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// Blocks until wrangler exits (Ctrl-C in `cargo xtask dev`).
    pub fn wait(mut self) -> Result {
        let status = self.child.wait()?;
        println!("edge stopped ({status})");
        Ok(())
    }

    fn stop(&mut self) {
        if self.child.try_wait().ok().flatten().is_some() {
            return;
        }
        let target = if self.owns_group {
            format!("-{}", self.child.id())
        } else {
            self.child.id().to_string()
        };
        let _ = Command::new("kill").args(["-TERM", "--", &target]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if self.child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &target]).status();
        let _ = self.child.wait();
    }
}

impl Drop for LocalEdge {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A fresh, empty state directory for one run.
pub fn fresh_state(name: &str) -> Result<PathBuf> {
    let dir = root().join("target").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
