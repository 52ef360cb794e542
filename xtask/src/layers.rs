//! `cargo xtask layers`: no module import circles in shared, edge, widget
//! and xtask, and the layering rules of the tables below.
//!
//! A small reader of `use` items and `crate::`/`super::`/`self::` paths
//! instead of `cargo-modules`: that tool builds rust-analyzer's crates
//! (see the report of issue 10), far more than this check is worth.
//!
//! How a circle is found, per crate:
//! 1. the module tree is read from `mod` items, starting at `lib.rs`;
//!    `#[cfg(test)]` items are left out, so tests may import anything;
//! 2. every path is resolved to the longest known module prefix, following
//!    `use` re-exports to where a name comes from (a `pub use` counts as
//!    an import of the module it re-exports from);
//! 3. an import `a::x → b::y` is an edge between the two children of their
//!    lowest common ancestor (`a → b`); imports between an ancestor and its
//!    descendant are ignored (a parent and its children are one room);
//! 4. the children of each module must not import each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod scan;

use crate::{Result, root, step};

/// A layering rule between the top-level modules of one crate.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// Only these modules may import `target`.
    OnlyImportedBy {
        target: &'static str,
        by: &'static [&'static str],
    },
    /// `from` imports none of these.
    MustNotImport {
        from: &'static str,
        targets: &'static [&'static str],
    },
}

/// `api → flows → store → shared`; anything may use `ctx`, `auth`,
/// `error`, `http` and `page`.
pub const EDGE_LAYERS: &[Rule] = &[
    Rule::OnlyImportedBy {
        target: "api",
        by: &["routes"],
    },
    Rule::MustNotImport {
        from: "flows",
        targets: &["api", "routes"],
    },
    Rule::MustNotImport {
        from: "store",
        targets: &["ctx", "auth", "api", "flows", "routes"],
    },
];

/// `api` is shared's boundary: it uses the domain modules, none of them
/// uses it.
pub const SHARED_LAYERS: &[Rule] = &[Rule::OnlyImportedBy {
    target: "api",
    by: &[],
}];

/// One crate to check: its name, `src` directory and rules.
struct Checked {
    name: &'static str,
    src: &'static str,
    rules: &'static [Rule],
}

/// `cargo xtask layers`.
pub fn run(args: &[String]) -> Result {
    match args {
        [] => check_workspace(),
        other => Err(format!("unexpected arguments: {other:?} (expected none)").into()),
    }
}

/// The check `cargo xtask test` runs first.
pub fn check_workspace() -> Result {
    step("module layers (no import circles)");
    let crates = [
        Checked {
            name: "shared",
            src: "shared/src",
            rules: SHARED_LAYERS,
        },
        Checked {
            name: "edge",
            src: "edge/src",
            rules: EDGE_LAYERS,
        },
        Checked {
            name: "widget",
            src: "widget/src",
            rules: &[],
        },
        Checked {
            name: "xtask",
            src: "xtask/src",
            rules: &[],
        },
    ];
    let root = root();
    let mut problems = Vec::new();
    for checked in crates {
        let files = read_sources(&root.join(checked.src))?;
        let graph = Graph::of(&files)?;
        let found = graph.problems(checked.rules);
        println!(
            "{}: {} modules, {} import edges between siblings, {}",
            checked.name,
            graph.modules.len(),
            graph.edges.values().map(BTreeMap::len).sum::<usize>(),
            if found.is_empty() { "ok" } else { "FAILED" },
        );
        problems.extend(found.into_iter().map(|p| format!("{}: {p}", checked.src)));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "module layers:\n{}\nMove what both sides need below both (or merge them); \
             imports inside #[cfg(test)] items are not counted.",
            problems.join("\n")
        )
        .into())
    }
}

/// Every `.rs` file under `src`, by its path relative to `src` with `/`.
fn read_sources(src: &Path) -> Result<BTreeMap<String, String>> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) -> Result {
        for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(base)?
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path)?);
            }
        }
        Ok(())
    }
    let mut out = BTreeMap::new();
    walk(src, src, &mut out)?;
    Ok(out)
}

/// A module path below the crate root (`[]` is the root).
type ModPath = Vec<String>;

fn show(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_owned()
    } else {
        path.join("::")
    }
}

/// Where an import was seen, to name it in a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Evidence {
    file: String,
    line: usize,
    path: String,
}

/// What a `use` brings into a module: `(module, name)` → the path as
/// written there, with the module it is written in.
type Import = ((ModPath, String), (ModPath, Vec<String>));

/// A path as written in module `scope` (`crate`, `super` and `self` kept).
#[derive(Debug, Clone)]
struct Written {
    scope: ModPath,
    segments: Vec<String>,
    at: Evidence,
}

#[derive(Debug, Default)]
struct Graph {
    modules: BTreeSet<ModPath>,
    /// `(module, name)` → the path a `use` in that module gives the name.
    imports: BTreeMap<(ModPath, String), (ModPath, Vec<String>)>,
    /// Parent → `(from child, to child)` → the first import seen.
    edges: BTreeMap<ModPath, BTreeMap<(String, String), Evidence>>,
}

impl Graph {
    /// Reads the crate whose root is `lib.rs` (or `main.rs`) in `files`.
    fn of(files: &BTreeMap<String, String>) -> Result<Self> {
        let root_file = ["lib.rs", "main.rs"]
            .into_iter()
            .find(|f| files.contains_key(*f))
            .ok_or("no lib.rs or main.rs")?;
        let mut graph = Self::default();
        let mut written = Vec::new();
        let mut queue = vec![(root_file.to_owned(), ModPath::new())];
        while let Some((file, module)) = queue.pop() {
            let text = files
                .get(&file)
                .ok_or_else(|| format!("module {} has no file {file}", show(&module)))?;
            let found = scan::scan(&file, text, &module);
            for child in found.file_modules {
                let dir = match file.rsplit_once('/') {
                    _ if file == root_file => String::new(),
                    Some((dir, "mod.rs")) => format!("{dir}/"),
                    Some((dir, name)) => format!("{dir}/{}/", name.trim_end_matches(".rs")),
                    None => format!("{}/", file.trim_end_matches(".rs")),
                };
                let name = child.last().cloned().unwrap_or_default();
                let as_file = format!("{dir}{name}.rs");
                let as_dir = format!("{dir}{name}/mod.rs");
                let next = if files.contains_key(&as_file) {
                    as_file
                } else {
                    as_dir
                };
                queue.push((next, child));
            }
            graph.modules.extend(found.modules);
            graph.imports.extend(found.imports);
            written.extend(found.written);
        }
        for w in &written {
            let Some(target) = graph.absolute(&w.scope, &w.segments) else {
                continue;
            };
            for to in graph.resolve(&target, 0) {
                graph.add_edge(&w.scope, &to, &w.at);
            }
        }
        Ok(graph)
    }

    /// `segments` as written in `scope`, from the crate root; `None` for
    /// paths into other crates.
    fn absolute(&self, scope: &[String], segments: &[String]) -> Option<Vec<String>> {
        let mut base = scope.to_vec();
        let mut rest = segments;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            Some("super") => {
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            Some(first) => {
                // A `use` may start at a child module or at a name imported here.
                let mut child = scope.to_vec();
                child.push(first.to_owned());
                if !self.modules.contains(&child) {
                    let (from, imported) = self.imports.get(&(scope.to_vec(), first.to_owned()))?;
                    if imported.first() == Some(&first.to_owned()) && from == scope {
                        return None; // `use serde::Serialize;` names itself
                    }
                    let mut path = self.absolute(from, imported)?;
                    path.extend(rest[1..].iter().cloned());
                    return Some(path);
                }
            }
            None => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The modules an absolute path names: its longest module prefix and,
    /// when the next name is imported there, where that name comes from.
    fn resolve(&self, path: &[String], depth: usize) -> Vec<ModPath> {
        let known = (0..=path.len())
            .rev()
            .find(|&n| self.modules.contains(&path[..n]))
            .unwrap_or(0);
        let module = path[..known].to_vec();
        let mut found = Vec::new();
        if let Some(name) = path.get(known)
            && depth < 8
            && let Some((scope, segments)) = self.imports.get(&(module.clone(), name.clone()))
            && let Some(mut target) = self.absolute(scope, segments)
        {
            target.extend(path[known + 1..].iter().cloned());
            found = self.resolve(&target, depth + 1);
        }
        found.push(module);
        found
    }

    fn add_edge(&mut self, from: &[String], to: &[String], at: &Evidence) {
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        let (Some(a), Some(b)) = (from.get(common), to.get(common)) else {
            return; // one is the other's ancestor
        };
        self.edges
            .entry(from[..common].to_vec())
            .or_default()
            .entry((a.clone(), b.clone()))
            .or_insert_with(|| at.clone());
    }

    /// Every circle and every broken rule, worded for a person.
    fn problems(&self, rules: &[Rule]) -> Vec<String> {
        let mut out = Vec::new();
        for (parent, edges) in &self.edges {
            for (members, circle) in circles(edges) {
                let mut text = format!(
                    "import circle among the children of {}: {}",
                    show(parent),
                    circle.join(" → ")
                );
                if members.len() > circle.len() - 1 {
                    let all: Vec<&str> = members.iter().map(String::as_str).collect();
                    text.push_str(&format!(
                        "\n    (one of the circles through all of: {})",
                        all.join(", ")
                    ));
                }
                for hop in circle.windows(2) {
                    let at = &edges[&(hop[0].clone(), hop[1].clone())];
                    text.push_str(&format!(
                        "\n    {} → {}: {}:{} `{}`",
                        hop[0], hop[1], at.file, at.line, at.path
                    ));
                }
                out.push(text);
            }
        }
        let top = self.edges.get(&ModPath::new());
        for ((from, to), at) in top.into_iter().flatten() {
            for rule in rules {
                let broken = match *rule {
                    Rule::OnlyImportedBy { target, by } => to == target && !by.contains(&&**from),
                    Rule::MustNotImport { from: f, targets } => {
                        from == f && targets.contains(&&**to)
                    }
                };
                if broken {
                    let why = match *rule {
                        Rule::OnlyImportedBy { by: [], .. } => "nothing may".to_owned(),
                        Rule::OnlyImportedBy { by, .. } => format!("only {} may", by.join(", ")),
                        Rule::MustNotImport { targets, .. } => {
                            format!("it must not import {}", targets.join(", "))
                        }
                    };
                    out.push(format!(
                        "layering: {from} imports {to} ({why}): {}:{} `{}`",
                        at.file, at.line, at.path
                    ));
                }
            }
        }
        out
    }
}

/// Each strongly connected set of siblings, with its shortest circle
/// through its first member, the first repeated at the end (`a → b → a`).
fn circles(edges: &BTreeMap<(String, String), Evidence>) -> Vec<(Vec<String>, Vec<String>)> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
    }
    let reaches = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            for &m in next.get(n).into_iter().flatten() {
                if seen.insert(m) {
                    stack.push(m);
                }
            }
        }
        seen
    };
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for &start in next.keys() {
        if done.contains(start) || !reaches(start).contains(start) {
            continue;
        }
        // Its strongly connected set: reached from `start` and reaching it.
        let members: BTreeSet<&str> = reaches(start)
            .into_iter()
            .filter(|m| reaches(m).contains(start))
            .collect();
        done.extend(&members);
        // The shortest way back to `start`, breadth first.
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut frontier = vec![start];
        'search: while !frontier.is_empty() {
            let mut later = Vec::new();
            for n in frontier {
                for &m in next.get(n).into_iter().flatten() {
                    if !members.contains(m) || came_from.contains_key(m) {
                        continue;
                    }
                    came_from.insert(m, n);
                    if m == start {
                        break 'search;
                    }
                    later.push(m);
                }
            }
            frontier = later;
        }
        let mut circle = vec![start.to_owned()];
        let mut at = came_from[start];
        while at != start {
            circle.push(at.to_owned());
            at = came_from[at];
        }
        circle.push(start.to_owned());
        circle.reverse();
        out.push((members.iter().map(|m| (*m).to_owned()).collect(), circle));
    }
    out
}

#[cfg(test)]
mod tests;
