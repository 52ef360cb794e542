//! Each source's signature check against a signed example our code did not
//! compute (see fixtures/SOURCES.md, "Signing vectors"). Header names are
//! written out here, not taken from `signature_header()`, so a wrong name
//! in the product fails this test instead of agreeing with itself.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use aftercart_shared::ingest::{Source, signature_header, verify};

struct Vector {
    source: Source,
    header: &'static str,
    value: &'static str,
    body: Vec<u8>,
    /// The key bytes as the edge passes them (EasyPost's secret NFKD-normalized).
    key: &'static [u8],
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn vectors() -> Vec<Vector> {
    vec![
        Vector {
            source: Source::Shopify,
            header: "x-shopify-hmac-sha256",
            value: "QNyObTlKbMx2qDlPF/ZOZcBqg5OgPg+2oky3zldc0Gw=",
            body: fixture("signatures/shopify-sqlpage.json"),
            key: b"test-webhook-secret",
        },
        Vector {
            source: Source::EasyPost,
            header: "x-hmac-signature",
            value: "hmac-sha256-hex=e93977c8ccb20363d51a62b3fe1fc402b7829be1152da9e88cf9e8d07115a46b",
            body: fixture("signatures/easypost-batch-created.json"),
            // "sécret" in NFKD: e, then U+0301 COMBINING ACUTE ACCENT.
            key: "se\u{301}cret".as_bytes(),
        },
        Vector {
            source: Source::AfterShip,
            header: "aftership-hmac-sha256",
            value: "qwL06/zSj975jfHa+Kp9PrRhZhdOC6DkiYNC0qXILjQ=",
            body: fixture("aftership/in_transit.json"),
            key: b"aftership-vector-secret",
        },
        Vector {
            source: Source::WooCommerce,
            header: "x-wc-webhook-signature",
            value: "y6EW9upGgBFb0g6GgdGaRmTWdbv6USAyVtD//vSxAo8=",
            body: br#"{"id":4711,"status":"processing"}"#.to_vec(),
            key: b"woo-vector-secret",
        },
    ]
}

#[test]
fn every_source_accepts_its_independently_signed_example() {
    for v in vectors() {
        assert_eq!(signature_header(v.source), v.header, "{:?}", v.source);
        let headers = |name: &str| (name == v.header).then(|| v.value.to_owned());
        assert_eq!(
            verify(v.source, headers, &v.body, &[v.key]),
            Ok(()),
            "{:?}",
            v.source
        );
    }
}

#[test]
fn one_changed_byte_of_body_or_key_is_refused() {
    for v in vectors() {
        let headers = |name: &str| (name == v.header).then(|| v.value.to_owned());
        let mut body = v.body.clone();
        body[0] ^= 1;
        assert!(
            verify(v.source, headers, &body, &[v.key]).is_err(),
            "{:?}",
            v.source
        );
        let mut key = v.key.to_vec();
        key[0] ^= 1;
        assert!(
            verify(v.source, headers, &v.body, &[&key]).is_err(),
            "{:?}",
            v.source
        );
    }
}
