//! What the edge serves besides the API's answers: health, routing
//! problems, CORS, the widget's assets and the demo store page.

use aftercart_tests::Edge;

#[test]
fn healthz_answers() {
    let edge = Edge::from_env();
    let reply = edge.get("/healthz", &[]);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["ok"], true);
}

#[test]
fn unknown_routes_and_methods_are_problems() {
    let edge = Edge::from_env();
    edge.get("/v1/nothing-here", &[])
        .assert_problem(404, "not_found");
    edge.get("/v1/shops/demo/lookup", &[])
        .assert_problem(405, "method_not_allowed");
    edge.request("DELETE", "/healthz", &[], None)
        .assert_problem(405, "method_not_allowed");
}

#[test]
fn cors_lets_merchant_sites_call_the_api() {
    let edge = Edge::from_env();
    let preflight = edge.request(
        "OPTIONS",
        "/v1/shops/demo/lookup",
        &[
            ("origin", "https://shop.example"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
        None,
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(
        preflight
            .header("access-control-allow-headers")
            .is_some_and(|h| h.contains("authorization") && h.contains("content-type"))
    );
    assert!(
        preflight
            .header("access-control-allow-methods")
            .is_some_and(|m| m.contains("POST"))
    );

    let reply = edge.lookup_reply("demo", "1001", "astrid@example.com");
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn widget_assets_have_types_caching_and_cors() {
    let edge = Edge::from_env();
    let loader = edge.get("/widget.js", &[]);
    assert_eq!(loader.status, 200);
    assert!(
        loader
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/javascript"))
    );
    assert_eq!(loader.header("cache-control"), Some("public, max-age=300"));
    assert_eq!(loader.header("access-control-allow-origin"), Some("*"));

    let source = loader.text();
    let mut bundle = Vec::new();
    for ext in [".wasm", ".js", ".css"] {
        let end = source
            .find(&format!("{ext}\""))
            .or_else(|| source.find(&format!("{ext}'")));
        let end = end.unwrap_or_else(|| panic!("loader names no {ext} file: {source}")) + ext.len();
        let start = source[..end].rfind("w/").expect("bundle path under w/");
        bundle.push((source[start..end].to_owned(), ext));
    }
    for (path, ext) in bundle {
        let reply = edge.get(&format!("/{path}"), &[]);
        assert_eq!(reply.status, 200, "{path}");
        let expected = match ext {
            ".wasm" => "application/wasm",
            ".css" => "text/css",
            _ => "text/javascript",
        };
        assert!(
            reply
                .header("content-type")
                .is_some_and(|t| t.starts_with(expected)),
            "{path}: {:?}",
            reply.header("content-type")
        );
        assert_eq!(
            reply.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
        if ext == ".wasm" {
            assert_eq!(&reply.body[..4], b"\0asm");
        }
    }

    edge.get("/w/aftercart-0000000000.wasm", &[])
        .assert_problem(404, "not_found");
    edge.get("/w/..%2Fwrangler.toml", &[])
        .assert_problem(404, "not_found");
}

#[test]
fn demo_store_embeds_the_widget_with_one_tag() {
    let edge = Edge::from_env();
    let page = edge.get("/", &[]);
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    let html = page.text();
    assert_eq!(html.matches("<script").count(), 1, "one tag, nothing else");
    assert!(html.contains(r#"<script src="/widget.js" data-shop="demo" async></script>"#));
}
