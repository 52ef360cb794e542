//! Smaller holes of issue 11 (defects 6 and 11): bodies stop at the limit
//! while they stream, JSON routes take only JSON, and only the shopper API
//! and the widget's files answer other origins.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use aftercart_tests::{Auth, Edge, json};

/// `POST path` with a chunked body of `size` bytes (no `Content-Length`),
/// over a socket of its own; the status line's code.
fn chunked_post(edge: &Edge, path: &str, size: usize) -> u16 {
    let authority = edge.url.trim_start_matches("http://").trim_end_matches('/');
    let mut socket = TcpStream::connect(authority).expect("connect");
    socket
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: {authority}\r\ncontent-type: application/json\r\n\
         cf-connecting-ip: 198.18.250.1\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
    );
    socket.write_all(head.as_bytes()).unwrap();
    let chunk = vec![b' '; 4096];
    let mut sent = 0;
    while sent < size {
        let n = chunk.len().min(size - sent);
        // The edge may answer and close before the whole body is sent.
        if socket
            .write_all(format!("{n:x}\r\n").as_bytes())
            .and_then(|()| socket.write_all(&chunk[..n]))
            .and_then(|()| socket.write_all(b"\r\n"))
            .is_err()
        {
            break;
        }
        sent += n;
    }
    let _ = socket.write_all(b"0\r\n\r\n");
    let mut answer = Vec::new();
    let _ = socket.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {answer}"))
}

#[test]
fn a_chunked_body_over_the_limit_is_refused_with_413() {
    let edge = Edge::from_env();
    // 16 KiB is the JSON limit; a chunked body declares no length.
    assert_eq!(chunked_post(&edge, "/v1/shops/demo/lookup", 64 * 1024), 413);
    // Under the limit, the same framing reaches the parser (blank is not
    // JSON).
    assert_eq!(chunked_post(&edge, "/v1/shops/demo/lookup", 1024), 400);
}

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
