//! Webhook deliveries the matrix sends: wrong signatures on a real
//! payload, and well-signed payloads that are not one.

use aftercart_shared::api::routes::RouteSpec;
use aftercart_shared::ingest::Source;
use aftercart_shared::wire::WireName;
use aftercart_tests::webhook::signature;
use aftercart_tests::{json, unique};

use super::bodies::{bad_documents, field_mutants, to_vec};
use super::{Case, SHOP, good};

/// A source's headers besides the signature: its topic and a fresh
/// delivery id, so no case is answered as a duplicate.
fn source_headers(source: Source) -> Vec<(String, String)> {
    let pairs: Vec<(&str, String)> = match source {
        Source::Shopify => vec![
            ("x-shopify-topic", "orders/create".into()),
            ("x-shopify-event-id", unique("matrix-")),
        ],
        Source::WooCommerce => vec![
            ("x-wc-webhook-topic", "order.created".into()),
            ("x-wc-webhook-delivery-id", unique("matrix-")),
        ],
        Source::AfterShip | Source::EasyPost => vec![],
    };
    let mut headers: Vec<(String, String)> =
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    headers.push(("content-type".into(), "application/json".into()));
    headers
}

/// A real payload of `source`: what a wrong signature must not get in.
pub fn real_payload(source: Source) -> Vec<u8> {
    let value = match source {
        Source::Shopify => aftercart_tests::fixture("shopify/order.json")["order"].clone(),
        Source::AfterShip => aftercart_tests::fixture("aftership/in_transit.json"),
        Source::EasyPost => aftercart_tests::fixture("easypost/event-body.json"),
        Source::WooCommerce => serde_json::from_str(include_str!(
            "../../../../fuzz/seeds/woocommerce_order.json"
        ))
        .expect("the WooCommerce seed is JSON"),
    };
    to_vec(&value)
}

pub fn signed(source: Source, shop: &str, body: &[u8]) -> Vec<(String, String)> {
    let secret = format!("{shop}-{}-secret", source.wire_name());
    let (name, value) = signature(source, &secret, body);
    let mut headers = source_headers(source);
    headers.push((name.to_owned(), value));
    headers
}

const SOURCES: [Source; 4] = [
    Source::Shopify,
    Source::AfterShip,
    Source::EasyPost,
    Source::WooCommerce,
];

/// Webhook deliveries that must be refused: wrong signatures on a real
/// payload, and well-signed payloads that are not one.
pub fn webhook_cases(spec: &RouteSpec, cases: &mut Vec<Case>) {
    for source in SOURCES {
        let path = spec.fill(|name| match name {
            "source" => source.wire_name().to_owned(),
            other => good(other),
        });
        let real = real_payload(source);
        let (header, _) = signature(source, "x", b"");
        let (_, of_another_body) = signature(
            source,
            &format!("{SHOP}-{}-secret", source.wire_name()),
            b"{}",
        );
        let mut bad_signatures: Vec<(&str, Option<String>)> = vec![
            ("unsigned", None),
            ("an empty signature", Some(String::new())),
            ("a malformed signature", Some("!!!not base64!!!".into())),
            ("a huge signature", Some("A".repeat(8000))),
            ("a signature of another body", Some(of_another_body)),
        ];
        for secret in [
            "wrong-secret",
            &format!("desk-{}-secret", source.wire_name()),
        ] {
            bad_signatures.push((
                "a signature with another secret",
                Some(signature(source, secret, &real).1),
            ));
        }
        for (what, value) in bad_signatures {
            let mut headers = source_headers(source);
            if let Some(value) = value {
                headers.push((header.to_owned(), value));
            }
            cases.push(Case {
                label: format!("{source:?} delivery with {what}"),
                method: "POST",
                path: path.clone(),
                headers,
                body: Some(real.clone()),
            });
        }
        for (what, body) in bad_documents(b"{\"id\":1}") {
            if what == "over the size limit" {
                continue; // 512 KiB for webhooks; the size limit has its own test
            }
            cases.push(Case {
                label: format!("{source:?} well signed, {what}"),
                method: "POST",
                path: path.clone(),
                headers: signed(source, SHOP, &body),
                body: Some(body),
            });
        }
        for (what, body) in field_mutants(&json!({ "id": 1, "order": { "id": "x" } })) {
            cases.push(Case {
                label: format!("{source:?} well signed, {what}"),
                method: "POST",
                path: path.clone(),
                headers: signed(source, SHOP, &body),
                body: Some(body),
            });
        }
    }
}
