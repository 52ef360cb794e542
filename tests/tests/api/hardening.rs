//! Smaller holes of issue 11 (defect 11): JSON routes take only JSON, and
//! only the shopper API and the widget's files answer other origins.
//! Chunked bodies (defect 6) are in tests/tests/chunked.rs, on an edge of
//! their own.

use aftercart_tests::{Auth, Edge, json};

#[test]
fn json_routes_answer_415_to_other_content_types() {
    let edge = Edge::from_env();
    let body = br#"{"orderNumber":"1001","email":"astrid@example.com"}"#;
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        "",
    ] {
        edge.request(
            "POST",
            "/v1/shops/demo/lookup",
            &[("content-type", content_type)],
            Some(body),
        )
        .assert_problem(415, "unsupported_media_type");
    }
    for content_type in ["application/json", "Application/JSON; charset=utf-8"] {
        edge.request(
            "POST",
            "/v1/shops/demo/lookup",
            &[("content-type", content_type)],
            Some(body),
        )
        .assert_status(200);
    }
    // The admin API too.
    edge.request(
        "PUT",
        "/v1/admin/shops/demo/settings/returns_policy",
        &[
            ("content-type", "text/plain"),
            ("authorization", "Bearer demo-admin-key"),
        ],
        Some(b"{}"),
    )
    .assert_problem(415, "unsupported_media_type");
}

#[test]
fn only_the_shopper_api_and_the_widget_answer_other_origins() {
    let edge = Edge::from_env();
    let origin = [("origin", "https://evil.example")];
    let allowed = |path: &str| {
        edge.request("GET", path, &origin, None)
            .header("access-control-allow-origin")
            .map(str::to_owned)
    };
    assert_eq!(allowed("/widget.js").as_deref(), Some("*"));
    assert_eq!(
        edge.client(Auth::None)
            .with_header("origin", "https://shop.example")
            .post(
                "/v1/shops/demo/lookup",
                Some(&json!({ "orderNumber": "1001", "email": "astrid@example.com" }))
            )
            .header("access-control-allow-origin"),
        Some("*")
    );
    // The admin API is for the dashboard the edge serves itself: a page
    // elsewhere may not read it, key or not, nor preflight a write.
    let admin = edge
        .client(Auth::bearer("demo-admin-key"))
        .with_header("origin", "https://evil.example")
        .get("/v1/admin/shops/demo/returns");
    admin.assert_status(200);
    assert_eq!(admin.header("access-control-allow-origin"), None);
    let preflight = edge.request(
        "OPTIONS",
        "/v1/admin/shops/demo/settings/returns_policy",
        &[
            ("origin", "https://evil.example"),
            ("access-control-request-method", "PUT"),
        ],
        None,
    );
    assert_eq!(preflight.header("access-control-allow-origin"), None);
    // Webhooks come from servers; share links are navigations.
    let hook = edge.request(
        "POST",
        "/v1/webhooks/demo/shopify",
        &[
            ("origin", "https://evil.example"),
            ("content-type", "application/json"),
        ],
        Some(b"{}"),
    );
    assert_eq!(hook.status, 401, "{}", hook.text());
    assert_eq!(hook.header("access-control-allow-origin"), None);
    assert_eq!(allowed("/healthz"), None);
}
