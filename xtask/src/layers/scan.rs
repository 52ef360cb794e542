//! Reading one file: its `mod` items, `use` trees and `crate::`/`super::`/
//! `self::` paths, with comments, literals and `#[cfg(test)]` items left
//! out.

use super::{Evidence, Import, ModPath, Written};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

/// Tokens with their line, comments and literals left out.
fn tokens(text: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let ident_start = |c: char| c.is_alphabetic() || c == '_';
    let ident_char = |c: char| c.is_alphanumeric() || c == '_';
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            _ if c.is_whitespace() => i += 1,
            '/' if next == Some('/') => {
                while chars.get(i).is_some_and(|&c| c != '\n') {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                let mut depth = 0;
                while i < chars.len() {
                    match (chars[i], chars.get(i + 1)) {
                        ('/', Some('*')) => (depth, i) = (depth + 1, i + 2),
                        ('*', Some('/')) => (depth, i) = (depth - 1, i + 2),
                        ('\n', _) => (line, i) = (line + 1, i + 1),
                        _ => i += 1,
                    }
                    if depth == 0 {
                        break;
                    }
                }
            }
            '"' => i = skip_string(&chars, i + 1, 0, &mut line),
            'r' | 'b' | 'c'
                if raw_string_start(&chars, i).is_some() || next == Some('"') && c != 'r' =>
            {
                match raw_string_start(&chars, i) {
                    Some((hashes, open)) => i = skip_string(&chars, open + 1, hashes, &mut line),
                    None => i = skip_string(&chars, i + 2, 0, &mut line),
                }
            }
            '\'' => {
                // A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
                if next == Some('\\') {
                    i += 2;
                    while chars.get(i).is_some_and(|&c| c != '\'') {
                        i += 1;
                    }
                    i += 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                    while chars.get(i).is_some_and(|&c| ident_char(c)) {
                        i += 1;
                    }
                }
            }
            ':' if next == Some(':') => {
                out.push((Tok::PathSep, line));
                i += 2;
            }
            _ if ident_start(c) => {
                let start = if c == 'r' && next == Some('#') {
                    i + 2
                } else {
                    i
                };
                i = start;
                while chars.get(i).is_some_and(|&c| ident_char(c)) {
                    i += 1;
                }
                out.push((Tok::Ident(chars[start..i].iter().collect()), line));
            }
            _ if c.is_ascii_digit() => {
                while chars.get(i).is_some_and(|&c| ident_char(c)) {
                    i += 1;
                }
            }
            _ => {
                out.push((Tok::Punct(c), line));
                i += 1;
            }
        }
    }
    out
}

/// `r"`, `r#"`, `br##"`, `cr"`: the number of `#`s and where `"` is.
fn raw_string_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if matches!(chars.get(j), Some('b' | 'c')) {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|&&c| c == '#').count();
    (chars.get(j + hashes) == Some(&'"')).then_some((hashes, j + hashes))
}

/// Past the end of a string whose body starts at `i`.
fn skip_string(chars: &[char], mut i: usize, hashes: usize, line: &mut usize) -> usize {
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' if hashes == 0 => i += 2,
            '"' if chars[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes =>
            {
                return i + 1 + hashes;
            }
            '\n' => (*line, i) = (*line + 1, i + 1),
            _ => i += 1,
        }
    }
    i
}

/// What one file declares and refers to.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    pub modules: Vec<ModPath>,
    /// Child modules with their own file.
    pub file_modules: Vec<ModPath>,
    pub imports: Vec<Import>,
    pub written: Vec<Written>,
}

pub(super) fn scan(file: &str, text: &str, module: &[String]) -> Scanned {
    let toks = tokens(text);
    let ident = |i: usize| match toks.get(i) {
        Some((Tok::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    };
    let is = |i: usize, tok: Tok| toks.get(i).is_some_and(|(t, _)| *t == tok);
    let mut out = Scanned {
        modules: vec![module.to_vec()],
        ..Scanned::default()
    };
    // Inline modules open here: (path, brace depth inside them).
    let mut scopes: Vec<(ModPath, usize)> = vec![(module.to_vec(), 0)];
    let (mut depth, mut test_only, mut i) = (0usize, false, 0);
    while i < toks.len() {
        let scope = scopes.last().map(|(m, _)| m.clone()).unwrap_or_default();
        let line = toks[i].1;
        if is(i, Tok::Punct('#')) {
            let open = if is(i + 1, Tok::Punct('!')) {
                i + 2
            } else {
                i + 1
            };
            let end = matching(&toks, open);
            let cfg_test = ident(open + 1) == Some("cfg")
                && is(open + 2, Tok::Punct('('))
                && ident(open + 3) == Some("test")
                && is(open + 4, Tok::Punct(')'));
            test_only |= cfg_test;
            i = end + 1;
            continue;
        }
        if test_only {
            i = item_end(&toks, i) + 1;
            test_only = false;
            continue;
        }
        match &toks[i].0 {
            Tok::Ident(kw) if kw == "mod" => {
                if let Some(name) = ident(i + 1) {
                    let mut child = scope.clone();
                    child.push(name.to_owned());
                    out.modules.push(child.clone());
                    if is(i + 2, Tok::Punct('{')) {
                        depth += 1;
                        scopes.push((child, depth));
                        i += 3;
                        continue;
                    }
                    out.file_modules.push(child);
                }
                i += 2;
            }
            Tok::Ident(kw) if kw == "use" => {
                let mut leaves = Vec::new();
                let mut j = i + 1;
                use_tree(&toks, &mut j, Vec::new(), &mut leaves);
                for (segments, name) in leaves {
                    let at = Evidence {
                        file: file.to_owned(),
                        line,
                        path: segments.join("::"),
                    };
                    if let Some(name) = name {
                        out.imports
                            .push(((scope.clone(), name), (scope.clone(), segments.clone())));
                    }
                    out.written.push(Written {
                        scope: scope.clone(),
                        segments,
                        at,
                    });
                }
                i = item_end(&toks, i) + 1;
            }
            Tok::Ident(kw)
                if matches!(kw.as_str(), "crate" | "super" | "self") && is(i + 1, Tok::PathSep) =>
            {
                let mut segments = vec![kw.clone()];
                let mut j = i + 1;
                while is(j, Tok::PathSep)
                    && let Some(next) = ident(j + 1)
                {
                    segments.push(next.to_owned());
                    j += 2;
                }
                let at = Evidence {
                    file: file.to_owned(),
                    line,
                    path: segments.join("::"),
                };
                out.written.push(Written {
                    scope,
                    segments,
                    at,
                });
                i = j;
            }
            Tok::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Tok::Punct('}') => {
                if scopes.len() > 1 && scopes.last().is_some_and(|(_, d)| *d == depth) {
                    scopes.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The index of the bracket closing the one at `open`.
fn matching(toks: &[(Tok, usize)], open: usize) -> usize {
    let mut depth = 0usize;
    for (j, (tok, _)) in toks.iter().enumerate().skip(open) {
        match tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

/// The last token of the item starting at `i`: its `;` or closing `}`.
fn item_end(toks: &[(Tok, usize)], i: usize) -> usize {
    let mut j = i;
    while j < toks.len() {
        match toks[j].0 {
            Tok::Punct(';') => return j,
            Tok::Punct('{') => return matching(toks, j),
            Tok::Punct('(' | '[') => j = matching(toks, j) + 1,
            _ => j += 1,
        }
    }
    toks.len()
}

/// The leaves of a use tree: each path, and the name it brings into scope
/// (`None` for a glob).
fn use_tree(
    toks: &[(Tok, usize)],
    i: &mut usize,
    mut prefix: Vec<String>,
    leaves: &mut Vec<(Vec<String>, Option<String>)>,
) {
    if matches!(toks.get(*i), Some((Tok::PathSep, _))) {
        *i += 1; // `::std::…`: another crate
        prefix.push(String::new());
    }
    loop {
        match toks.get(*i).map(|(t, _)| t) {
            Some(Tok::Punct('{')) => {
                *i += 1;
                while !matches!(toks.get(*i).map(|(t, _)| t), Some(Tok::Punct('}')) | None) {
                    use_tree(toks, i, prefix.clone(), leaves);
                    if matches!(toks.get(*i), Some((Tok::Punct(','), _))) {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                leaves.push((prefix, None));
                return;
            }
            Some(Tok::Ident(segment)) => {
                *i += 1;
                if segment != "self" || prefix.is_empty() {
                    prefix.push(segment.clone());
                }
                if matches!(toks.get(*i), Some((Tok::PathSep, _))) {
                    *i += 1;
                    continue;
                }
                let mut name = prefix.last().cloned();
                if let Some((Tok::Ident(kw), _)) = toks.get(*i)
                    && kw == "as"
                {
                    name = match toks.get(*i + 1) {
                        Some((Tok::Ident(alias), _)) if alias != "_" => Some(alias.clone()),
                        _ => None,
                    };
                    *i += 2;
                }
                leaves.push((prefix, name));
                return;
            }
            _ => return,
        }
    }
}
