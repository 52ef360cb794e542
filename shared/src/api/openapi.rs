//! The OpenAPI 3.1 document of every route, generated from [`ROUTES`] and
//! the wire types' JSON Schemas (schemars, `openapi` feature), never kept
//! by hand. `cargo xtask build` writes it where the edge serves it
//! (`/openapi.json`); Schemathesis checks the running edge against it.
//!
//! What a route takes and answers is said once, in [`operation`]; the
//! problems it may answer follow from who calls it and what it reads
//! ([`common_problems`]) plus the few that are its own.

use std::collections::BTreeMap;

use schemars::generate::{Contract, SchemaSettings};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use super::admin::{
    AdminReturn, AdminReturnPage, DeepLinkRequest, DeepLinkResponse, DeliveryPage,
    ReferralFlagPage, SettingView, TokensRevoked, TransitionRequest, WebhookDelivery,
};
use super::engage::{
    AdminReview, AdminReviewList, EngagementView, ModerationRequest, NpsSubmission, ProductReviews,
    PromptEventRequest, ReviewReceipt, ReviewSubmission, RewardsView,
};
use super::routes::{Body, Caller, Method, ROUTES, RouteSpec};
use super::shopper::{
    LookupRequest, LookupResponse, OrderView, ReturnOptions, ReturnRefused, ReturnView,
};
use super::{Health, Problem, ProblemCode, WebhookReceipt};
use crate::analytics::ShopAnalytics;
use crate::ingest::Source;
use crate::returns::ReturnEvent;
use crate::returns::ReturnRequest;
use crate::settings::SettingKey;
use crate::wire::WireName;

/// What a route answers when it succeeds.
#[derive(Debug)]
pub enum Success {
    /// A JSON document with this status.
    Json(u16, Schema),
    /// 204, no body.
    NoContent,
    /// 302 to the shop (a referral link).
    Redirect,
    /// A served file of this media type.
    File(&'static str),
}

/// One operation: the parts that are not implied by the route's caller
/// and body.
#[derive(Debug)]
pub struct Operation {
    pub summary: &'static str,
    pub request: Option<Schema>,
    pub success: Success,
    /// Problems this route answers beyond [`common_problems`].
    pub problems: &'static [ProblemCode],
    /// The 422 body when it is not a plain problem (a refused return).
    pub unprocessable: Option<Schema>,
}

fn json_op<T: JsonSchema>(
    g: &mut SchemaGenerator,
    summary: &'static str,
    status: u16,
) -> Operation {
    Operation {
        summary,
        request: None,
        success: Success::Json(status, g.subschema_for::<T>()),
        problems: &[],
        unprocessable: None,
    }
}

impl Operation {
    fn takes<T: JsonSchema>(mut self, g: &mut SchemaGenerator) -> Self {
        self.request = Some(g.subschema_for::<T>());
        self
    }

    fn takes_any_json(mut self) -> Self {
        self.request = Some(Schema::default());
        self
    }

    fn also(mut self, problems: &'static [ProblemCode]) -> Self {
        self.problems = problems;
        self
    }
}

/// The operation of `route`, `None` for a route this table misses (a test
/// fails for it).
pub fn operation(route: &RouteSpec, g: &mut SchemaGenerator) -> Option<Operation> {
    use Method::{Delete, Get, Post, Put};
    use ProblemCode::{AlreadyAnswered, IdempotencyConflict, InvalidTransition, ProofNeeded};
    let op = match (route.method, route.path) {
        (Get, "/healthz") => json_op::<Health>(g, "Health check", 200),
        (Get, "/r/{code}") => Operation {
            summary: "Follow a referral link to the shop, code applied",
            request: None,
            success: Success::Redirect,
            problems: &[],
            unprocessable: None,
        },
        (Post, "/v1/webhooks/{shop}/{source}") => json_op::<WebhookReceipt>(
            g,
            "Receive a signed webhook from a shop system or carrier",
            200,
        )
        .takes_any_json(),
        (Post, "/v1/shops/{shop}/lookup") => {
            json_op::<LookupResponse>(g, "Find an order by number and email", 200)
                .takes::<LookupRequest>(g)
        }
        (Get, "/v1/shops/{shop}/products/{product}/reviews") => {
            json_op::<ProductReviews>(g, "Published reviews of a product", 200)
        }
        (Get, "/v1/shops/{shop}/order") => {
            json_op::<OrderView>(g, "The order a deep link's token grants", 200)
        }
        (Get, "/v1/shops/{shop}/orders/{order}") => {
            json_op::<OrderView>(g, "An order with its parcels and timeline", 200)
        }
        (Get, "/v1/shops/{shop}/orders/{order}/returns") => {
            json_op::<ReturnOptions>(g, "What can go back, and why not", 200)
        }
        (Post, "/v1/shops/{shop}/orders/{order}/returns") => Operation {
            unprocessable: Some(g.subschema_for::<ReturnRefused>()),
            ..json_op::<ReturnView>(g, "Start a return", 201)
                .takes::<ReturnRequest>(g)
                .also(&[ProofNeeded, IdempotencyConflict, ProblemCode::ReturnRefused])
        },
        (Post, "/v1/shops/{shop}/orders/{order}/returns/{rma}/cancel") => {
            json_op::<ReturnView>(g, "Withdraw a return", 200)
                .also(&[ProofNeeded, InvalidTransition])
        }
        (Get, "/v1/shops/{shop}/orders/{order}/engagement") => {
            json_op::<EngagementView>(g, "The prompt to show now, if any", 200)
        }
        (Post, "/v1/shops/{shop}/orders/{order}/engagement/events") => Operation {
            summary: "A prompt was shown, clicked or dismissed",
            request: Some(g.subschema_for::<PromptEventRequest>()),
            success: Success::NoContent,
            problems: &[],
            unprocessable: None,
        },
        (Post, "/v1/shops/{shop}/orders/{order}/reviews") => {
            json_op::<ReviewReceipt>(g, "Review a line item", 201)
                .takes::<ReviewSubmission>(g)
                .also(&[ProofNeeded, AlreadyAnswered])
        }
        (Post, "/v1/shops/{shop}/orders/{order}/nps") => {
            json_op::<NpsSubmission>(g, "Answer the NPS survey, once per order", 201)
                .takes::<NpsSubmission>(g)
                .also(&[ProofNeeded, AlreadyAnswered])
        }
        (Get, "/v1/shops/{shop}/orders/{order}/rewards") => {
            json_op::<RewardsView>(g, "The shopper's referral code and loyalty standing", 200)
        }
        (Post, "/v1/admin/shops/{shop}/links") => {
            json_op::<DeepLinkResponse>(g, "Mint a signed deep link to an order", 200)
                .takes::<DeepLinkRequest>(g)
        }
        (Post, "/v1/admin/shops/{shop}/revoke-tokens") => {
            json_op::<TokensRevoked>(g, "End every shopper token minted so far", 200)
        }
        (Get, "/v1/admin/shops/{shop}/returns") => {
            json_op::<AdminReturnPage>(g, "Returns, newest first, a page at a time", 200)
        }
        (Get, "/v1/admin/shops/{shop}/returns/{rma}") => {
            json_op::<AdminReturn>(g, "One return with its history", 200)
        }
        (Post, "/v1/admin/shops/{shop}/returns/{rma}/{event}") => {
            json_op::<AdminReturn>(g, "Step a return through its lifecycle", 200)
                .takes::<TransitionRequest>(g)
                .also(&[InvalidTransition])
        }
        (Get, "/v1/admin/shops/{shop}/settings/{key}") => {
            json_op::<SettingView>(g, "One settings document", 200)
        }
        (Put, "/v1/admin/shops/{shop}/settings/{key}") => {
            json_op::<SettingView>(g, "Replace one settings document", 200).takes_any_json()
        }
        (Delete, "/v1/admin/shops/{shop}/settings/return_webhook") => Operation {
            summary: "Turn the return webhook off",
            request: None,
            success: Success::NoContent,
            problems: &[],
            unprocessable: None,
        },
        (Get, "/v1/admin/shops/{shop}/webhook-deliveries") => {
            json_op::<DeliveryPage>(g, "Outbound webhook deliveries, newest first", 200)
        }
        (Post, "/v1/admin/shops/{shop}/webhook-deliveries/{id}/retry") => {
            json_op::<WebhookDelivery>(g, "Send a failed delivery again", 200)
                .also(&[InvalidTransition])
        }
        (Get, "/v1/admin/shops/{shop}/reviews") => {
            json_op::<AdminReviewList>(g, "The review moderation queue", 200)
        }
        (Post, "/v1/admin/shops/{shop}/reviews/{review}") => {
            json_op::<AdminReview>(g, "Publish or reject a review", 200)
                .takes::<ModerationRequest>(g)
                .also(&[InvalidTransition])
        }
        (Get, "/v1/admin/shops/{shop}/referral-flags") => {
            json_op::<ReferralFlagPage>(g, "Referral redemptions flagged for review", 200)
        }
        (Get, "/v1/admin/shops/{shop}/analytics") => {
            json_op::<ShopAnalytics>(g, "What aftercart did for the shop in a period", 200)
        }
        (Get, "/" | "/index.html") => file("The demo store page", "text/html"),
        (Get, "/widget.js") => file(
            "The widget's loader, the tag merchants embed",
            "text/javascript",
        ),
        (Get, "/openapi.json") => file("This document", "application/json"),
        (Get, "/w/{file}") => file(
            "A content-hashed widget bundle file",
            "application/octet-stream",
        ),
        _ => return None,
    };
    Some(op)
}

fn file(summary: &'static str, media: &'static str) -> Operation {
    Operation {
        summary,
        request: None,
        success: Success::File(media),
        problems: &[],
        unprocessable: None,
    }
}

/// The problems any route of this caller and body may answer.
pub fn common_problems(route: &RouteSpec) -> Vec<ProblemCode> {
    use ProblemCode::*;
    let mut codes = vec![MethodNotAllowed, RateLimited, Internal, NotFound];
    match route.caller {
        Caller::Public => {}
        Caller::Shopper => codes.extend([Unauthorized, TokenExpired]),
        Caller::Merchant => codes.push(Unauthorized),
        Caller::Webhook => codes.extend([InvalidSignature, UnsupportedPayload]),
    }
    match route.body {
        Body::None => {}
        Body::Json => codes.extend([
            InvalidJson,
            InvalidField,
            PayloadTooLarge,
            UnsupportedMediaType,
        ]),
        Body::Webhook => codes.extend([InvalidJson, PayloadTooLarge]),
    }
    if !route.strict_query.is_empty() || route.params().any(|p| p != "shop") {
        codes.push(InvalidField);
    }
    codes
}

/// A path parameter's schema: the closed sets are enumerated.
fn param_schema(name: &str) -> Value {
    fn names<T: WireName>() -> Value {
        json!({ "type": "string", "enum": T::ALL.iter().map(|v| v.wire_name()).collect::<Vec<_>>() })
    }
    match name {
        "key" => names::<SettingKey>(),
        "source" => names::<Source>(),
        "event" => names::<ReturnEvent>(),
        _ => json!({ "type": "string", "minLength": 1, "maxLength": 64 }),
    }
}

fn operation_id(route: &RouteSpec) -> String {
    let words: Vec<String> = route
        .path
        .split('/')
        .filter(|s| !s.is_empty() && *s != "v1")
        .map(|s| {
            s.trim_matches(|c| c == '{' || c == '}')
                .replace(['-', '.', '_'], " ")
        })
        .collect();
    let mut id = route.method.as_str().to_lowercase();
    for word in words.join(" ").split(' ').filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.extend(first.to_uppercase());
            id.push_str(chars.as_str());
        }
    }
    if route.path == "/" {
        id.push_str("Root");
    }
    id
}

fn problem_response(codes: &[ProblemCode], body: Value) -> Value {
    let names: Vec<&str> = codes.iter().map(|c| c.wire_name()).collect();
    json!({
        "description": format!("Problem: {}", names.join(", ")),
        "content": { Problem::CONTENT_TYPE: { "schema": body } },
    })
}

fn responses(route: &RouteSpec, op: &Operation) -> Map<String, Value> {
    let mut responses = Map::new();
    let ok = match &op.success {
        Success::Json(status, schema) => (
            status.to_string(),
            json!({ "description": "OK", "content": { "application/json": { "schema": schema } } }),
        ),
        Success::NoContent => ("204".into(), json!({ "description": "Done" })),
        Success::Redirect => (
            "302".into(),
            json!({ "description": "To the shop", "headers": { "Location": { "schema": { "type": "string" } } } }),
        ),
        Success::File(media) => (
            "200".into(),
            json!({ "description": "The file", "content": { *media: { "schema": {} } } }),
        ),
    };
    responses.insert(ok.0, ok.1);
    if matches!(op.success, Success::File(_)) {
        // Revalidation of a cached asset.
        responses.insert("304".into(), json!({ "description": "Not modified" }));
    }
    let mut by_status: BTreeMap<u16, Vec<ProblemCode>> = BTreeMap::new();
    let mut codes = common_problems(route);
    codes.extend_from_slice(op.problems);
    codes.sort();
    codes.dedup();
    for code in codes {
        by_status.entry(code.status()).or_default().push(code);
    }
    let problem = json!({ "$ref": "#/components/schemas/Problem" });
    for (status, codes) in by_status {
        // A refused return is a problem with its refusals beside: its own
        // schema is the 422 body (a `oneOf` with Problem would match twice).
        let body = match (&op.unprocessable, status) {
            (Some(schema), 422) => json!(schema),
            _ => problem.clone(),
        };
        responses.insert(status.to_string(), problem_response(&codes, body));
    }
    responses
}

fn security(caller: Caller) -> Value {
    match caller {
        Caller::Shopper => json!([{ "orderToken": [] }]),
        Caller::Merchant => json!([{ "adminKey": [] }]),
        Caller::Public | Caller::Webhook => json!([]),
    }
}

/// The whole document for this build's `version`.
pub fn document(version: &str) -> Value {
    let mut g = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
            // Responses are what the edge serializes.
            s.contract = Contract::Serialize;
        })
        .into_generator();
    g.subschema_for::<Problem>();
    let mut paths: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for route in ROUTES {
        let Some(op) = operation(route, &mut g) else {
            continue;
        };
        let parameters: Vec<Value> = route
            .params()
            .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": param_schema(name) }))
            .chain(route.strict_query.iter().map(|name| {
                json!({ "name": name, "in": "query", "required": false, "schema": { "type": "string" } })
            }))
            .collect();
        let mut codes: Vec<&str> = common_problems(route)
            .into_iter()
            .chain(op.problems.iter().copied())
            .map(|c| c.wire_name())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let mut operation = json!({
            "operationId": operation_id(route),
            "summary": op.summary,
            "security": security(route.caller),
            "parameters": parameters,
            "responses": responses(route, &op),
            "x-problem-codes": codes,
        });
        if let Some(schema) = &op.request {
            operation["requestBody"] = json!({
                "required": true,
                "content": { "application/json": { "schema": schema } },
            });
        }
        paths
            .entry(route.path)
            .or_default()
            .insert(route.method.as_str().to_lowercase(), operation);
    }
    let schemas = g.take_definitions(true);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "aftercart",
            "version": version,
            "description": "Order tracking, returns and engagement after checkout. Every problem is RFC 9457 JSON with a stable `code`.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "orderToken": { "type": "http", "scheme": "bearer", "description": "A shopper's order token, from a lookup or a signed deep link" },
                "adminKey": { "type": "http", "scheme": "bearer", "description": "The shop's admin API key" },
            },
        },
        "x-problem-codes": ProblemCode::ALL.iter().map(|c| json!({
            "code": c.wire_name(), "status": c.status(), "title": c.title(),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_route_has_an_operation() {
        let mut g = SchemaGenerator::default();
        for route in ROUTES {
            assert!(
                operation(route, &mut g).is_some(),
                "{} {} has no operation in api/openapi.rs",
                route.method.as_str(),
                route.path
            );
        }
    }

    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_resolves() {
        let doc = document("test");
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(!found.is_empty());
        for reference in found {
            let pointer = reference.strip_prefix('#').unwrap();
            assert!(doc.pointer(pointer).is_some(), "{reference} dangles");
        }
    }

    #[test]
    fn operation_ids_are_unique_and_every_route_is_in_the_paths() {
        let doc = document("test");
        let mut ids = BTreeSet::new();
        for route in ROUTES {
            let op = &doc["paths"][route.path][route.method.as_str().to_lowercase()];
            let id = op["operationId"].as_str().unwrap().to_owned();
            assert!(ids.insert(id.clone()), "{id} twice");
            assert!(op["responses"].as_object().unwrap().len() >= 2);
        }
    }

    #[test]
    fn problems_carry_their_codes_and_statuses() {
        let doc = document("test");
        let lookup = &doc["paths"]["/v1/shops/{shop}/lookup"]["post"];
        let codes = lookup["x-problem-codes"].as_array().unwrap();
        assert!(codes.contains(&json!("invalid_json")));
        assert!(
            lookup["responses"]["400"]["description"]
                .as_str()
                .unwrap()
                .contains("invalid_json")
        );
        let create = &doc["paths"]["/v1/shops/{shop}/orders/{order}/returns"]["post"];
        assert!(create["responses"]["422"].is_object());
        assert!(
            create["x-problem-codes"]
                .as_array()
                .unwrap()
                .contains(&json!("return_refused"))
        );
        assert!(
            create["responses"]["403"]["description"]
                .as_str()
                .unwrap()
                .contains("proof_needed")
        );
        assert_eq!(
            doc["x-problem-codes"].as_array().unwrap().len(),
            ProblemCode::ALL.len()
        );
    }
}
