//! The OpenAPI document the edge serves is the one the code generates, and
//! what it promises is what the edge answers. (Schemathesis checks every
//! operation with generated cases after this binary: xtask/src/schemathesis.rs.)

use aftercart_shared::api::openapi;
use aftercart_shared::api::routes::{Body, Caller, ROUTES};
use aftercart_tests::Edge;
use serde_json::Value;

#[test]
fn the_served_document_is_the_generated_one() {
    let edge = Edge::from_env();
    let reply = edge.get("/openapi.json", &[]);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let served = reply.json();
    assert_eq!(served, openapi::document(env!("CARGO_PKG_VERSION")));
    assert_eq!(served["openapi"], "3.1.0");
}

/// A value the path parameter's schema allows (its first enum member, or
/// a plausible id).
fn sample(document: &Value, path: &str, method: &str, name: &str) -> String {
    let parameters = document["paths"][path][method]["parameters"]
        .as_array()
        .unwrap();
    let schema = &parameters.iter().find(|p| p["name"] == name).unwrap()["schema"];
    match (name, schema["enum"].get(0)) {
        (_, Some(first)) => first.as_str().unwrap().to_owned(),
        ("shop", None) => "demo".to_owned(),
        _ => "x1".to_owned(),
    }
}

#[test]
fn every_route_that_needs_a_proof_answers_its_documented_401_without_one() {
    let edge = Edge::from_env();
    let document = edge.get("/openapi.json", &[]).json();
    let mut checked = 0;
    for route in ROUTES {
        if !matches!(route.caller, Caller::Shopper | Caller::Merchant) {
            continue;
        }
        let method = route.method.as_str().to_lowercase();
        let operation = &document["paths"][route.path][method.as_str()];
        let codes = operation["x-problem-codes"].as_array().unwrap();
        assert!(
            codes.contains(&Value::from("unauthorized")),
            "{} {} does not document unauthorized",
            route.method.as_str(),
            route.path
        );
        let response = &operation["responses"]["401"];
        assert!(response["content"]["application/problem+json"].is_object());
        let path = route.fill(|name| sample(&document, route.path, &method, name));
        let body = matches!(route.body, Body::Json).then_some(&b"{}"[..]);
        edge.request(
            route.method.as_str(),
            &path,
            &[("content-type", "application/json")],
            body,
        )
        .assert_problem(401, "unauthorized");
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} routes checked");
}
