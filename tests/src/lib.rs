//! Helpers for the end-to-end suite. The tests run against a real edge
//! (`wrangler dev` on workerd, D1 in SQLite) that `cargo xtask test` starts
//! with fresh state and the demo seed; they fail loudly when it is absent
//! rather than passing without testing anything.

use std::time::Duration;

pub use serde_json::{Value, json};

pub mod runtime;

/// The running edge under test.
#[derive(Debug, Clone)]
pub struct Edge {
    pub url: String,
    agent: ureq::Agent,
}

/// A response, read whole.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts an RFC 9457 problem with this status and code.
    pub fn assert_problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "status; body: {}", self.text());
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "content type"
        );
        let problem = self.json();
        assert_eq!(problem["status"], status);
        assert_eq!(problem["code"], code);
        assert!(problem["type"].as_str().is_some_and(|t| t.ends_with(code)));
        assert!(problem["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(problem["detail"].as_str().is_some_and(|t| !t.is_empty()));
        problem
    }
}

impl Edge {
    pub fn from_env() -> Self {
        let url = std::env::var("AFTERCART_EDGE_URL").unwrap_or_else(|_| {
            panic!(
                "AFTERCART_EDGE_URL is not set: run the end-to-end suite with `cargo xtask test`"
            )
        });
        Self::at(url)
    }

    /// An edge at `url`, such as a test's own [`runtime::Runtime`].
    pub fn at(url: String) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            // The edge's redirects (share links) are what is tested: look
            // at them, never follow them off to a shop.
            .max_redirects(0)
            .build()
            .into();
        Self { url, agent }
    }

    /// The status of `GET path`, or `None` when nothing answered.
    pub fn try_get(&self, path: &str) -> Option<u16> {
        self.try_request("GET", path, &[], None)
            .ok()
            .map(|r| r.status)
    }

    pub fn token_secret() -> String {
        std::env::var("AFTERCART_TOKEN_SECRET")
            .expect("AFTERCART_TOKEN_SECRET is set by cargo xtask test")
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Reply {
        self.try_request(method, path, headers, body)
            .unwrap_or_else(|e| panic!("{method} {}{path} failed: {e}", self.url))
    }

    /// [`Edge::request`], or why no whole answer arrived (the connection
    /// failed or broke, as when the runtime is killed mid-request).
    pub fn try_request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<Reply, String> {
        let uri = format!("{}{path}", self.url);
        let mut builder = ureq::http::Request::builder().method(method).uri(&uri);
        // Each request comes from its own documentation-range address, as
        // if from different shoppers, so per-IP rate limits only bite in
        // the tests that set the address themselves.
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("cf-connecting-ip"))
        {
            let n = unique_number();
            builder = builder.header(
                "cf-connecting-ip",
                format!("198.18.{}.{}", (n >> 8) % 256, n % 256),
            );
        }
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = builder
            .body(body.map(<[u8]>::to_vec).unwrap_or_default())
            .expect("valid request");
        let mut response = self.agent.run(request).map_err(|e| e.to_string())?;
        let body = response
            .body_mut()
            .with_config()
            .limit(50 * 1024 * 1024)
            .read_to_vec()
            .map_err(|e| e.to_string())?;
        Ok(Reply {
            status: response.status().as_u16(),
            headers: response
                .headers()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
                .collect(),
            body,
        })
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.request("GET", path, headers, None)
    }

    pub fn post_json(&self, path: &str, body: &Value) -> Reply {
        let bytes = serde_json::to_vec(body).expect("serializable");
        self.request(
            "POST",
            path,
            &[("content-type", "application/json")],
            Some(&bytes),
        )
    }

    /// A delivery to `/v1/webhooks/{shop}/{source}`, signed with `secret` as
    /// the source signs; `headers` are the source's own (topic, delivery id).
    pub fn webhook(
        &self,
        shop: &str,
        source: aftercart_shared::ingest::Source,
        secret: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        self.try_webhook(shop, source, secret, headers, body)
            .unwrap_or_else(|e| panic!("webhook to {shop}/{} failed: {e}", source.as_str()))
    }

    /// [`Edge::webhook`], or why no whole answer arrived.
    pub fn try_webhook(
        &self,
        shop: &str,
        source: aftercart_shared::ingest::Source,
        secret: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Reply, String> {
        let (name, signature) = sign::header(source, secret, body);
        let mut all = vec![
            ("content-type", "application/json"),
            (name, signature.as_str()),
        ];
        all.extend_from_slice(headers);
        self.try_request(
            "POST",
            &format!("/v1/webhooks/{shop}/{}", source.as_str()),
            &all,
            Some(body),
        )
    }

    /// Looks an order up and returns `(token, order view)`, asserting success.
    pub fn lookup(&self, shop: &str, number: &str, email: &str) -> (String, Value) {
        let reply = self.post_json(
            &format!("/v1/shops/{shop}/lookup"),
            &json!({ "orderNumber": number, "email": email }),
        );
        assert_eq!(reply.status, 200, "lookup {number}: {}", reply.text());
        let body = reply.json();
        let token = body["token"].as_str().expect("token").to_owned();
        (token, body["order"].clone())
    }
}

/// Webhook signing as each source does it.
pub mod sign {
    use aftercart_shared::ingest::Source;
    use aftercart_shared::token::hmac_sha256;
    use base64::Engine as _;

    /// `(header name, value)` that `source` would send for `body`.
    pub fn header(source: Source, secret: &str, body: &[u8]) -> (&'static str, String) {
        let mac = hmac_sha256(secret.as_bytes(), body);
        let value = match source {
            Source::EasyPost => format!(
                "hmac-sha256-hex={}",
                mac.iter().map(|b| format!("{b:02x}")).collect::<String>()
            ),
            _ => base64::engine::general_purpose::STANDARD.encode(mac),
        };
        (aftercart_shared::ingest::signature_header(source), value)
    }
}

/// A value unique to this test run and call, for delivery ids and numbers.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{prefix}{nanos}x{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A number unique to this test run and call, for ids sources send as numbers.
pub fn unique_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    // Microseconds since 2020 keep it well inside JavaScript's safe integers.
    let since_2020 = u64::try_from(micros)
        .unwrap_or(0)
        .saturating_sub(1_577_836_800_000_000);
    since_2020 * 100 + NEXT.fetch_add(1, Ordering::Relaxed) % 100
}

/// Shopify's fixture order with a fresh id, number and email, so tests can
/// run side by side without sharing rows.
pub fn fresh_shopify_order(tracking: &str) -> (Value, String, String) {
    let mut order = fixture("shopify/order.json")["order"].clone();
    let number = unique("L");
    let email = format!("{}@example.com", unique("shopper"));
    order["id"] = json!(unique_number());
    order["fulfillments"][0]["id"] = json!(unique_number());
    order["name"] = json!(format!("#{number}"));
    order["order_number"] = json!(number);
    order["email"] = json!(email);
    order["fulfillments"][0]["tracking_number"] = json!(tracking);
    order["fulfillments"][0]["tracking_numbers"] = json!([tracking]);
    order["fulfillments"][0]["order_id"] = order["id"].clone();
    (order, format!("#{number}"), email)
}

/// Rows from the running edge's local D1 (the SQLite file `wrangler dev`
/// serves), through `wrangler d1 execute`: for what was stored where no
/// API shows it, e.g. that a refused referral left its record and nothing
/// else. Slow (a few seconds): one query per fact, and calls take turns.
pub fn d1(sql: &str) -> Vec<Value> {
    use std::sync::Mutex;
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let dir = std::env::var("AFTERCART_PERSIST_DIR")
        .unwrap_or_else(|_| panic!("AFTERCART_PERSIST_DIR is set by cargo xtask test"));
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    runtime::query(std::path::Path::new(&dir), sql)
}

/// A fixture from `shared/tests/fixtures`, parsed.
pub fn fixture(path: &str) -> Value {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/tests/fixtures/");
    let text = std::fs::read_to_string(format!("{file}{path}"))
        .unwrap_or_else(|e| panic!("fixture {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}
