//! Running commands, with their command line shown, failures explained and
//! a deadline on each, so a hung step turns CI red instead of stalling it.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::Result;
use crate::stages::Stage;

/// A step that names no deadline of its own gets this: longer than any
/// step takes cold on CI's 2 cores, far shorter than CI's 90 minutes.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(30 * 60);

/// Runs `cmd`, inheriting stdio; fails with the command line if it fails
/// or outlives [`DEFAULT_DEADLINE`].
pub fn run(cmd: &mut Command) -> Result {
    run_within(cmd, DEFAULT_DEADLINE)
}

/// Runs `cmd`, inheriting stdio, killing it (and everything it started)
/// after `deadline`.
pub fn run_within(cmd: &mut Command, deadline: Duration) -> Result {
    let shown = show(cmd);
    println!("$ {shown}");
    let child = spawn_group(cmd, &shown)?;
    let status = wait_within(child, deadline, &shown)?;
    if !status.success() {
        return Err(format!("`{shown}` failed ({status})").into());
    }
    Ok(())
}

/// What a test stage reported of itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
}

/// Runs a test stage: its output is shown as it comes and its test counts
/// are read from it. Fails when the command fails, outlives the stage's
/// deadline, reports a failure, or ran fewer tests than the stage's minimum
/// (a glob that matched nothing, a filter left in, a binary not built).
pub fn run_tests(cmd: &mut Command, stage: &Stage) -> Result<Counts> {
    let shown = show(cmd);
    println!("$ {shown}");
    cmd.stdout(Stdio::piped());
    let mut child = spawn_group(cmd, &shown)?;
    let stdout = child.stdout.take().ok_or("no stdout pipe")?;
    let (lines, counted) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut counts = Counts::default();
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::io::Result::ok)
        {
            println!("{line}");
            add_counts(&mut counts, &line);
        }
        let _ = std::io::stdout().flush();
        let _ = lines.send(counts);
    });
    let status = wait_within(child, stage.deadline, &shown)?;
    let _ = reader.join();
    let counts = counted.recv().unwrap_or_default();
    println!(
        "{}: {} passed, {} failed (at least {} expected)",
        stage.name, counts.passed, counts.failed, stage.min_tests
    );
    if !status.success() || counts.failed > 0 {
        return Err(format!(
            "{}: `{shown}` failed ({status}; {} tests failed)",
            stage.name, counts.failed
        )
        .into());
    }
    if counts.passed < stage.min_tests {
        return Err(format!(
            "{}: only {} tests ran, at least {} were expected (see xtask/src/stages.rs)",
            stage.name, counts.passed, stage.min_tests
        )
        .into());
    }
    Ok(counts)
}

/// Adds what one output line reports: cargo's `test result: ok. 9 passed;
/// 0 failed; …` per binary, and node's TAP summary `# pass 20` / `# fail 0`.
pub fn add_counts(counts: &mut Counts, line: &str) {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(what), Some(n)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<usize>() else { continue };
            match what {
                "passed" => counts.passed += n,
                "failed" => counts.failed += n,
                _ => {}
            }
        }
    } else if let Some(n) = line.strip_prefix("# pass ") {
        counts.passed += n.trim().parse().unwrap_or(0);
    } else if let Some(n) = line.strip_prefix("# fail ") {
        counts.failed += n.trim().parse().unwrap_or(0);
    }
}

/// Starts `cmd` as the leader of a process group of its own, so a deadline
/// can kill what it started too (cargo's test binaries, wrangler, Chromium).
fn spawn_group(cmd: &mut Command, shown: &str) -> Result<Child> {
    Ok(cmd
        .process_group(0)
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?)
}

fn wait_within(mut child: Child, deadline: Duration, shown: &str) -> Result<ExitStatus> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if started.elapsed() > deadline {
            // The group's id is the leader's pid (see spawn_group).
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            return Err(format!(
                "`{shown}` was still running after {} s, its deadline: killed it and everything it started",
                deadline.as_secs()
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs `cmd` and returns its stdout; stderr is shown on failure.
pub fn output(cmd: &mut Command) -> Result<String> {
    let shown = show(cmd);
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{shown}` failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The stdout of `cmd`, or `None` when it cannot run or fails.
pub fn probe(cmd: &mut Command) -> Option<String> {
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn show(cmd: &Command) -> String {
    std::iter::once(cmd.get_program().to_string_lossy().into_owned())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

    use super::*;

    #[test]
    fn counts_add_up_over_cargo_binaries_and_node_summaries() {
        let mut counts = Counts::default();
        for line in [
            "test result: ok. 9 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
            "test result: FAILED. 64 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out; finished in 13.14s",
            "test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
            "# tests 20",
            "# pass 19",
            "# fail 1",
            "test returns::x ... ok",
        ] {
            add_counts(&mut counts, line);
        }
        assert_eq!(
            counts,
            Counts {
                passed: 9 + 64 + 19,
                failed: 2 + 1
            }
        );
    }

    #[test]
    fn a_step_past_its_deadline_is_killed_with_what_it_started() {
        let started = Instant::now();
        let err = run_within(
            Command::new("sh").args(["-c", "sleep 30 & sleep 30"]),
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert!(err.to_string().contains("deadline"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_stage_that_ran_too_few_tests_fails() {
        let stage = Stage {
            name: "probe",
            min_tests: 3,
            deadline: Duration::from_secs(10),
        };
        let err = run_tests(Command::new("echo").arg("# pass 2"), &stage).unwrap_err();
        assert!(err.to_string().contains("only 2 tests ran"), "{err}");
        let ok = run_tests(Command::new("echo").arg("# pass 3"), &stage).unwrap();
        assert_eq!(ok.passed, 3);
    }
}
