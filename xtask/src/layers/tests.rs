//! The checker on small in-memory crates.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use super::*;

fn graph(files: &[(&str, &str)]) -> Graph {
    let files = files
        .iter()
        .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
        .collect();
    Graph::of(&files).unwrap()
}

fn problems(files: &[(&str, &str)]) -> Vec<String> {
    graph(files).problems(&[])
}

#[test]
fn a_circle_is_found_and_named_with_where_it_is_imported() {
    let found = problems(&[
        ("lib.rs", "pub mod a;\npub mod b;\nmod c;"),
        ("a.rs", "use crate::b::Thing;\npub struct Other;"),
        (
            "b.rs",
            "pub struct Thing;\nfn f() -> crate::a::Other { todo!() }",
        ),
        ("c.rs", "use crate::{a, b};"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("import circle among the children of crate: a → b → a"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("a → b: a.rs:1 `crate::b::Thing`"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("b → a: b.rs:2 `crate::a::Other`"),
        "{}",
        found[0]
    );
}

#[test]
fn no_circle_no_problem() {
    let found = problems(&[
        ("lib.rs", "pub mod a;\npub mod b;"),
        ("a.rs", "use crate::b::Thing;"),
        ("b.rs", "pub struct Thing;"),
    ]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn a_circle_of_three_inside_a_folder_is_named_with_its_parent() {
    let found = problems(&[
        ("lib.rs", "pub mod x;"),
        ("x/mod.rs", "mod p;\nmod q;\nmod r;"),
        ("x/p.rs", "use super::q::Q;"),
        ("x/q.rs", "use super::r::R;"),
        ("x/r.rs", "use crate::x::p::P;"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("import circle among the children of x: p → q → r → p"),
        "{}",
        found[0]
    );
}

#[test]
fn imports_between_ancestors_and_descendants_are_ignored() {
    let g = graph(&[
        ("lib.rs", "pub mod a;\npub use a::inner::Deep;"),
        ("a/mod.rs", "pub mod inner;\nuse inner::Deep;"),
        (
            "a/inner.rs",
            "use super::super::a::Shared;\nuse crate::Root;",
        ),
    ]);
    assert!(g.edges.is_empty(), "{:?}", g.edges);
}

#[test]
fn deep_imports_count_between_the_children_of_the_common_ancestor() {
    let g = graph(&[
        ("lib.rs", "pub mod a;\npub mod b;"),
        ("a/mod.rs", "pub mod deep;"),
        ("a/deep.rs", "fn f() { crate::b::leaf::g() }"),
        ("b/mod.rs", "pub mod leaf;"),
        ("b/leaf.rs", "pub fn g() {}"),
    ]);
    let top: Vec<_> = g.edges[&ModPath::new()].keys().cloned().collect();
    assert_eq!(top, [("a".to_owned(), "b".to_owned())]);
}

#[test]
fn re_exports_count_and_are_followed_to_where_a_name_comes_from() {
    // `b` re-exports `c::Thing`; `c` uses `a`; `a` uses `b::Thing`.
    let found = problems(&[
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;"),
        ("a.rs", "use crate::b::Thing;\npub struct A;"),
        ("b.rs", "pub use crate::c::Thing;"),
        ("c.rs", "pub struct Thing(crate::a::A);"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("a → b → c → a") || found[0].contains("a → c → a"));

    // Through a parent's re-export: `super::Name` is where `Name` is.
    let found = problems(&[
        ("lib.rs", "pub mod r;"),
        (
            "r/mod.rs",
            "mod code;\nmod loyalty;\npub use code::Code;\npub use loyalty::Points;",
        ),
        ("r/code.rs", "use super::Points;\npub struct Code;"),
        ("r/loyalty.rs", "use super::Code;\npub struct Points;"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("children of r: code → loyalty → code"),
        "{}",
        found[0]
    );

    // And the crate root's: `crate::Email` is `ids::Email`.
    let g = graph(&[
        (
            "lib.rs",
            "pub mod ids;\npub mod user;\npub use ids::{Email, Other as Renamed};",
        ),
        ("ids.rs", "pub struct Email;"),
        ("user.rs", "use crate::Renamed;"),
    ]);
    assert!(g.edges[&ModPath::new()].contains_key(&("user".to_owned(), "ids".to_owned())));
}

#[test]
fn test_code_may_import_anything() {
    let found = problems(&[
        ("lib.rs", "pub mod a;\npub mod b;\n#[cfg(test)]\nmod tests;"),
        ("a.rs", "use crate::b::B;\npub struct A;"),
        (
            "b.rs",
            "pub struct B;\n#[cfg(test)]\n#[allow(clippy::unwrap_used)]\nmod tests {\n    use crate::a::A;\n    fn f() { let _ = crate::a::A; }\n}\n#[cfg(test)]\nuse crate::a::A as Also;\nfn after() -> B { B }",
        ),
        ("tests.rs", "use crate::a::A;\nuse crate::b::B;"),
    ]);
    assert_eq!(found, Vec::<String>::new());

    // `cfg(not(test))` is ordinary code.
    let found = problems(&[
        ("lib.rs", "pub mod a;\npub mod b;"),
        ("a.rs", "use crate::b::B;"),
        ("b.rs", "#[cfg(not(test))]\nuse crate::a::A;"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn comments_strings_and_lifetimes_are_not_imports() {
    let found = problems(&[
        ("lib.rs", "pub mod a;\npub mod b;"),
        ("a.rs", "use crate::b::B;"),
        (
            "b.rs",
            "/// See [`A`](crate::a::A).\n// crate::a::A\n/* crate::a::A /* nested */ crate::a::A */\nfn f<'x>(s: &'x str) -> char { let _ = \"crate::a::A\"; let _ = r#\"crate::a::A \"quoted\"\"#; '\"' }",
        ),
    ]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn inline_modules_are_modules_and_super_inside_them_is_their_parent() {
    let g = graph(&[
        ("lib.rs", "pub mod a;\npub mod b;"),
        (
            "a.rs",
            "pub mod keys {\n    use super::Here;\n    pub const K: u8 = 1;\n}\npub struct Here;",
        ),
        ("b.rs", "use crate::a::keys::K;"),
    ]);
    assert!(g.modules.contains(&vec!["a".to_owned(), "keys".to_owned()]));
    let top: Vec<_> = g.edges[&ModPath::new()].keys().cloned().collect();
    assert_eq!(top, [("b".to_owned(), "a".to_owned())]);
}

#[test]
fn layering_rules_name_the_import_that_breaks_them() {
    let g = graph(&[
        (
            "lib.rs",
            "mod api;\nmod routes;\nmod flows;\nmod store;\nmod ctx;",
        ),
        ("routes.rs", "use crate::api::orders;"),
        ("api/mod.rs", "pub mod orders;"),
        (
            "api/orders.rs",
            "use crate::{ctx::Ctx, flows::returns, store::Store};",
        ),
        ("flows.rs", "use crate::store::Store;"),
        ("store.rs", "use crate::ctx::Ctx;\npub struct Store;"),
        ("ctx.rs", "pub struct Ctx;"),
    ]);
    let found = g.problems(EDGE_LAYERS);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("layering: store imports ctx (it must not import ctx, auth")
            && found[0].contains("store.rs:1"),
        "{}",
        found[0]
    );
    assert_eq!(g.problems(&[]), Vec::<String>::new());
}
