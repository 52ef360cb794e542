//! The bad-input matrix (issue 11): every route of the shared list
//! (`aftercart_shared::api::routes::ROUTES`, which the edge's router tests
//! check against `Route::parse`) is sent what it must refuse: malformed
//! JSON, wrong types, missing and extra fields, nulls, huge strings and
//! numbers, deep nesting, bad UTF-8, wrong content types, unknown shops
//! and ids, malformed query parameters, and wrong credentials (none,
//! malformed, expired, forged, another order's or shop's, a read-only
//! token for a write, bad webhook signatures). Every answer must be a 4xx
//! `application/problem+json`, never a 5xx, and no row of the matrix's
//! shop (tests/e2e-seed.sql) may change.
//!
//! Each case starts from a request the route refuses late (an unknown
//! line item, a score out of range, an unknown return), so a mutation
//! that leaves the body valid still meets a refusal, never a write. A
//! JSON route without a base body here fails the test.

mod bodies;
mod webhooks;

use std::sync::Mutex;

use aftercart_shared::api::routes::{Body, Caller, Method, ROUTES, RouteSpec};
use aftercart_shared::ingest::Source;
use aftercart_shared::token::Scope;
use aftercart_tests::shopper::{grant, mint, mint_with};
use aftercart_tests::{Edge, Reply, Value, d1, json, now_secs, unique};

use bodies::{bad_documents, field_mutants, to_vec};
use webhooks::{real_payload, signed, webhook_cases};

const SHOP: &str = "matrix";
const ORDER: &str = "m1";
const OTHER_ORDER: &str = "m2";
const KEY: &str = "matrix-admin-key";

/// One request and what it is.
struct Case {
    label: String,
    method: &'static str,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

/// The `authorization` a case sends.
#[derive(Clone)]
enum Cred {
    /// The right one for the route, if it needs one.
    Good,
    Missing,
    Header(String),
}

/// A value for each path parameter that the route accepts as written,
/// naming nothing that exists where something would be changed.
fn good(name: &str) -> String {
    match name {
        "shop" => SHOP,
        "order" => ORDER,
        "rma" => "R-NONE",
        "event" => "approve",
        "key" => "returns_policy",
        "id" => "1",
        "review" => "rv_none",
        "product" => "p-a",
        "code" => "NOPE2AB",
        "source" => "shopify",
        "file" => "none.js",
        other => panic!("no value for {{{other}}}: add one to good() and bad()"),
    }
    .to_owned()
}

/// Values each path parameter must refuse (404, or 401 when the
/// credential no longer fits).
fn bad(name: &str) -> Vec<String> {
    let huge = |c: &str| c.repeat(3000);
    let mut values = match name {
        "shop" => vec!["nosuch".into(), "BAD%20SHOP".into()],
        "order" => vec!["nope".into(), "BAD%20ORDER".into()],
        // Any text names a product (with no reviews yet): only its length
        // is wrong.
        "product" => return vec![huge("p")],
        "file" => vec![
            "nope.js".into(),
            "x.exe".into(),
            "..%2F..%2Fwrangler.toml".into(),
            format!("{}.js", huge("x")),
        ],
        _ => vec!["nope".into(), "%00".into()],
    };
    if name != "file" {
        values.extend([huge("x"), "%FF%FE".into(), "%3Cscript%3E".into()]);
    }
    values
}

fn is_write(spec: &RouteSpec) -> bool {
    spec.method != Method::Get
}

/// Refused late by its route (see the module docs).
fn base_body(spec: &RouteSpec) -> Value {
    match spec.path {
        "/v1/shops/{shop}/lookup" => {
            json!({ "orderNumber": "M1", "email": "not-the-buyer@example.com" })
        }
        "/v1/shops/{shop}/orders/{order}/returns" => json!({
            "items": [ { "lineItemId": "nope", "quantity": 1,
                         "reason": { "reasonId": "fit", "subReasonId": "too_small" } } ],
            "resolution": "refund",
            "lang": "en"
        }),
        "/v1/shops/{shop}/orders/{order}/engagement/events" => json!({
            "prompt": { "kind": "reviewRequest", "product": "p-a" }, "action": "exploded"
        }),
        "/v1/shops/{shop}/orders/{order}/reviews" => json!({
            "lineItemId": "nope", "rating": 5, "title": "Fine", "body": "A fine thing."
        }),
        "/v1/shops/{shop}/orders/{order}/nps" => json!({ "score": 11, "comment": "Hm." }),
        "/v1/admin/shops/{shop}/links" => {
            json!({ "orderId": "nope", "validDays": 30, "write": true })
        }
        "/v1/admin/shops/{shop}/returns/{rma}/{event}" => json!({ "note": "Checked." }),
        // Two errors, so taking either away leaves one.
        "/v1/admin/shops/{shop}/settings/{key}" => json!({
            "currency": "kronor",
            "window": { "days": -1, "startsAt": "delivery" },
            "resolutions": { "refund": {} },
            "reasons": [ { "id": "fit", "label": { "en": "Fit" } } ]
        }),
        "/v1/admin/shops/{shop}/reviews/{review}" => json!({ "status": "published" }),
        other => panic!("{other} takes JSON: give it a base body in bad_input.rs"),
    }
}

/// The credentials a matrix run needs, minted once.
struct Kit {
    token: String,
}

impl Kit {
    fn new() -> Self {
        Self {
            token: aftercart_tests::shopper::token(SHOP, ORDER),
        }
    }

    /// The request's headers: its credential, a JSON content type when it
    /// has a body, a fresh idempotency key for writes.
    fn headers(&self, spec: &RouteSpec, cred: &Cred, body: bool) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        let auth = match (cred, spec.caller) {
            (Cred::Good, Caller::Shopper) => Some(format!("Bearer {}", self.token)),
            (Cred::Good, Caller::Merchant) => Some(format!("Bearer {KEY}")),
            (Cred::Header(value), _) => Some(value.clone()),
            _ => None,
        };
        if let Some(auth) = auth {
            headers.push(("authorization".to_owned(), auth));
        }
        if body {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        if is_write(spec) {
            headers.push(("idempotency-key".to_owned(), unique("matrix-")));
        }
        headers
    }

    /// Wrong credentials for a route of `caller`: `(label, authorization)`.
    fn wrong_credentials(&self, spec: &RouteSpec) -> Vec<(String, Cred)> {
        let hour = now_secs() + 3600;
        let bearer = |t: &str| Cred::Header(format!("Bearer {t}"));
        let mut wrong = vec![
            ("none".to_owned(), Cred::Missing),
            ("an empty bearer".to_owned(), Cred::Header("Bearer ".into())),
            ("the scheme alone".to_owned(), Cred::Header("Bearer".into())),
            (
                "basic auth".to_owned(),
                Cred::Header("Basic bWF0cml4OmtleQ==".into()),
            ),
            ("a huge bearer".to_owned(), bearer(&"A".repeat(8000))),
            ("garbage".to_owned(), bearer("not.a.token")),
        ];
        match spec.caller {
            Caller::Shopper => {
                let mut tampered = self.token.clone();
                let last = if tampered.pop() == Some('A') {
                    'B'
                } else {
                    'A'
                };
                tampered.push(last);
                wrong.extend([
                    (
                        "an expired token".to_owned(),
                        bearer(&mint(SHOP, ORDER, now_secs() - 60)),
                    ),
                    (
                        "a forged token".to_owned(),
                        bearer(&mint_with(
                            SHOP,
                            ORDER,
                            hour,
                            b"not-the-edge-secret-0123456789",
                        )),
                    ),
                    ("a tampered token".to_owned(), bearer(&tampered)),
                    (
                        "another shop's token".to_owned(),
                        bearer(&mint("desk", ORDER, hour)),
                    ),
                    ("the admin key".to_owned(), bearer(KEY)),
                ]);
                if spec.params().any(|p| p == "order") {
                    wrong.push((
                        "another order's token".to_owned(),
                        bearer(&mint(SHOP, OTHER_ORDER, hour)),
                    ));
                }
                if is_write(spec) {
                    let read = grant(SHOP, ORDER, hour, Scope::Read, 0)
                        .mint(Edge::token_secret().as_bytes())
                        .expect("a token");
                    wrong.push(("a read-only token for a write".to_owned(), bearer(&read)));
                }
            }
            Caller::Merchant => wrong.extend([
                ("a wrong key".to_owned(), bearer("matrix-admin-key-2")),
                (
                    "the key in capitals".to_owned(),
                    bearer(&KEY.to_uppercase()),
                ),
                ("another shop's key".to_owned(), bearer("desk-admin-key")),
                ("the demo shop's key".to_owned(), bearer("demo-admin-key")),
                ("a shopper's token".to_owned(), bearer(&self.token)),
            ]),
            Caller::Public | Caller::Webhook => wrong.clear(),
        }
        wrong
    }
}

/// Every case for one route.
fn cases_for(spec: &RouteSpec, kit: &Kit) -> Vec<Case> {
    let mut cases = Vec::new();
    let method = spec.method.as_str();
    let path = spec.fill(good);
    let base = (spec.body == Body::Json).then(|| to_vec(&base_body(spec)));
    let push =
        |cases: &mut Vec<Case>, label: String, path: String, cred: &Cred, body: Option<Vec<u8>>| {
            let mut headers = kit.headers(spec, cred, body.is_some());
            if spec.body == Body::Webhook {
                let body = body.as_deref().unwrap_or_default();
                headers = signed(Source::Shopify, SHOP, body);
            }
            cases.push(Case {
                label,
                method,
                path,
                headers,
                body,
            });
        };
    let default_body = match spec.body {
        Body::Json => base.clone(),
        Body::Webhook => Some(real_payload(Source::Shopify)),
        Body::None => None,
    };

    // Path parameters that name nothing, or are not ids at all.
    for param in spec.params() {
        for value in bad(param) {
            let bad_path = spec.fill(|name| {
                if name == param {
                    value.clone()
                } else {
                    good(name)
                }
            });
            let label = format!("{{{param}}} = {}", shorten(&value));
            push(
                &mut cases,
                label.clone(),
                bad_path.clone(),
                &Cred::Good,
                default_body.clone(),
            );
            // With a credential that fits the unknown shop or order, so the
            // handler itself must find nothing.
            let fitting = match (spec.caller, param, value.as_str()) {
                (Caller::Shopper, "shop", "nosuch") => {
                    Some(mint("nosuch", ORDER, now_secs() + 3600))
                }
                (Caller::Shopper, "order", "nope") => Some(mint(SHOP, "nope", now_secs() + 3600)),
                _ => None,
            };
            if let Some(token) = fitting {
                let cred = Cred::Header(format!("Bearer {token}"));
                push(
                    &mut cases,
                    format!("{label} with its own token"),
                    bad_path,
                    &cred,
                    default_body.clone(),
                );
            }
        }
    }
    // Wrong credentials on the right path.
    for (what, cred) in kit.wrong_credentials(spec) {
        push(
            &mut cases,
            format!("credential: {what}"),
            path.clone(),
            &cred,
            default_body.clone(),
        );
    }
    // Bodies.
    if let Some(base) = &base {
        let value = base_body(spec);
        for (what, body) in bad_documents(base) {
            push(
                &mut cases,
                format!("body: {what}"),
                path.clone(),
                &Cred::Good,
                Some(body),
            );
        }
        for (what, body) in field_mutants(&value) {
            push(
                &mut cases,
                format!("field {what}"),
                path.clone(),
                &Cred::Good,
                Some(body),
            );
        }
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/jsonx"),
        ] {
            let mut headers = kit.headers(spec, &Cred::Good, false);
            if let Some(content_type) = content_type {
                headers.push(("content-type".into(), content_type.into()));
            }
            cases.push(Case {
                label: format!("content type {content_type:?}"),
                method,
                path: path.clone(),
                headers,
                body: Some(base.clone()),
            });
        }
    }
    if spec.body == Body::Webhook {
        webhook_cases(spec, &mut cases);
    }
    // Query parameters the route refuses when malformed: values malformed
    // for every parameter's type (`-1` and `0.5` are well-formed delivery
    // and referral-flag cursors, naming an empty page).
    for param in spec.strict_query {
        for value in [
            "%FF",
            "nope%00",
            "99999999999999999999",
            "1e400",
            &"9".repeat(3000),
        ] {
            push(
                &mut cases,
                format!("?{param}={}", shorten(value)),
                format!("{path}?{param}={value}"),
                &Cred::Good,
                default_body.clone(),
            );
        }
    }
    cases
}

fn shorten(text: &str) -> String {
    if text.len() > 48 {
        let head: String = text.chars().take(24).collect();
        format!("{head}… ({} bytes)", text.len())
    } else {
        text.to_owned()
    }
}

/// Rows of the matrix's shop a write could touch, and its settings and
/// token epoch, in one read.
fn snapshot() -> Value {
    let tables = [
        "orders",
        "line_items",
        "shipments",
        "checkpoints",
        "returns",
        "return_items",
        "return_events",
        "return_counters",
        "reviews",
        "nps_responses",
        "prompt_events",
        "referral_codes",
        "referral_redemptions",
        "loyalty_ledger",
        "webhook_deliveries",
        "held_deliveries",
        "webhook_outbox",
        "shopper_sightings",
    ];
    let counts: Vec<String> = tables
        .iter()
        .map(|t| format!("(SELECT count(*) FROM {t} WHERE shop_id = '{SHOP}') AS {t}"))
        .collect();
    let sql = format!(
        "SELECT {}, (SELECT group_concat(key || '=' || value, ';') FROM \
         (SELECT key, value FROM shop_settings WHERE shop_id = '{SHOP}' ORDER BY key)) AS settings, \
         (SELECT token_epoch FROM shops WHERE id = '{SHOP}') AS epoch",
        counts.join(", ")
    );
    let rows = d1(&sql);
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows[0].clone()
}

/// Why an answer is not a refusal, if it is not.
fn fault(reply: &Reply) -> Option<String> {
    let is_problem = reply.header("content-type") == Some("application/problem+json");
    let status_matches = serde_json::from_slice::<Value>(&reply.body)
        .is_ok_and(|p| p["status"] == reply.status && p["code"].is_string());
    let refused = (400..500).contains(&reply.status);
    (!refused || !is_problem || !status_matches).then(|| {
        format!(
            "{} {:?}: {}",
            reply.status,
            reply.header("content-type"),
            shorten_body(&reply.text())
        )
    })
}

fn shorten_body(text: &str) -> String {
    text.chars().take(200).collect()
}

#[test]
fn every_route_refuses_bad_input_with_a_problem_and_writes_nothing() {
    let edge = Edge::from_env();
    let kit = Kit::new();
    let mut cases = Vec::new();
    for spec in ROUTES {
        let before = cases.len();
        cases.extend(cases_for(spec, &kit));
        // A route that takes nothing from anyone has no bad input.
        let takes_input = spec.caller != Caller::Public
            || spec.body != Body::None
            || spec.params().next().is_some()
            || !spec.strict_query.is_empty();
        assert!(
            !takes_input || cases.len() > before,
            "{} {} has no cases",
            spec.method.as_str(),
            spec.path
        );
    }
    println!(
        "bad-input matrix: {} cases over {} routes",
        cases.len(),
        ROUTES.len()
    );
    let before = snapshot();
    let started = std::time::Instant::now();
    let failures = Mutex::new(Vec::new());
    let retried = std::sync::atomic::AtomicUsize::new(0);
    let next = std::sync::atomic::AtomicUsize::new(0);
    // Several at a time: the edge answers in parallel, and the requests
    // wait while another test reads D1 out of band.
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let mut answer = send(&edge, case);
                    if answer.as_ref().is_ok_and(is_proxy_restart) {
                        // wrangler dev's proxy answers a write on a stale
                        // connection so (see tests/src/http.rs): send it
                        // once more. A crash on this input would crash again.
                        retried.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        answer = send(&edge, case);
                    }
                    let problem = match answer {
                        Ok(reply) => fault(&reply),
                        Err(err) => Some(format!("no answer: {err}")),
                    };
                    if let Some(problem) = problem {
                        failures.lock().unwrap().push(format!(
                            "{} {} ({}): {problem}",
                            case.method,
                            shorten(&case.path),
                            case.label
                        ));
                    }
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let after = snapshot();
    let failures = failures.into_inner().unwrap();
    println!(
        "bad-input matrix: {} cases in {:.1} s, {} sent twice after the proxy's stale-connection 503, \
         {} not refused with a problem, rows {}",
        cases.len(),
        elapsed.as_secs_f64(),
        retried.into_inner(),
        failures.len(),
        if before == after {
            "unchanged"
        } else {
            "CHANGED"
        }
    );
    assert!(
        failures.is_empty() && before == after,
        "{} of {} cases not refused with a 4xx problem:\n{}\nthe matrix's rows before: {before}\nafter: {after}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn send(edge: &Edge, case: &Case) -> Result<Reply, String> {
    let headers: Vec<(&str, &str)> = case
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    edge.try_request(case.method, &case.path, &headers, case.body.as_deref())
}

/// wrangler dev's own 503 for a write it would not retry; never our
/// code's, whose errors are problems.
fn is_proxy_restart(reply: &Reply) -> bool {
    reply.status == 503
        && reply.header("content-type") != Some("application/problem+json")
        && reply
            .text()
            .starts_with("Your worker restarted mid-request")
}
