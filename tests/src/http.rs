//! The transport: requests to the running edge and their answers, read
//! whole. The per-endpoint clients ([`crate::shopper`], [`crate::admin`],
//! [`crate::webhook`]) are built on [`Client`].

use std::time::Duration;

use crate::Value;

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

/// The `authorization` header a request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No header at all.
    None,
    /// `Bearer <credential>`: a shopper's order token or a merchant's key.
    Bearer(String),
    /// The header exactly as given, for malformed ones.
    Raw(String),
}

impl Auth {
    pub fn bearer(credential: &str) -> Self {
        Self::Bearer(credential.to_owned())
    }

    fn header(&self) -> Option<String> {
        match self {
            Self::None => None,
            Self::Bearer(credential) => Some(format!("Bearer {credential}")),
            Self::Raw(header) => Some(header.clone()),
        }
    }
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

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "{}", self.text());
        self
    }

    /// Asserts an RFC 9457 problem with this status and code.
    #[track_caller]
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

    /// Asserts a webhook receipt with this status and outcome.
    #[track_caller]
    pub fn assert_receipt(&self, status: u16, outcome: &str) -> Value {
        assert_eq!(self.status, status, "{}", self.text());
        let receipt = self.json();
        assert_eq!(receipt["outcome"], outcome, "{receipt}");
        receipt
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

    /// An edge at `url`, such as a test's own [`crate::runtime::Runtime`].
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

    /// Requests carrying `auth`.
    pub fn client(&self, auth: Auth) -> Client<'_> {
        Client {
            edge: self,
            auth,
            headers: Vec::new(),
        }
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
            let n = crate::unique_number();
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
        let _shared = crate::OUT_OF_BAND
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !matches!(method, "GET" | "HEAD") && idle_for(Duration::from_millis(900)) {
            // The proxy retries a GET on a stale connection; see `idle_for`.
            let warm = ureq::http::Request::get(format!("{}/healthz", self.url))
                .body(Vec::new())
                .expect("valid request");
            let _ = self.agent.run(warm);
        }
        let sent = self.agent.run(request);
        mark_busy();
        let mut response = sent.map_err(|e| e.to_string())?;
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
        self.client(Auth::None).send("POST", path, Some(body))
    }
}

/// When the last request to the edge ended.
static LAST_REQUEST: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);

/// Whether no request has ended for `gap`. After an idle gap, wrangler
/// dev's proxy may send the next request down a keep-alive connection that
/// workerd is closing at that moment (kj's 5 s idle timeouts), and answers
/// a POST with 503 "Your worker restarted mid-request" although nothing
/// restarted (cloudflare/workers-sdk#14641); it retries only GET and HEAD.
/// So a write after a gap is preceded by a GET, which refreshes the
/// connection. Writes are never retried: a 503 from our code must show.
fn idle_for(gap: Duration) -> bool {
    let last = LAST_REQUEST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    last.is_none_or(|at| at.elapsed() >= gap)
}

fn mark_busy() {
    *LAST_REQUEST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(std::time::Instant::now());
}

/// Requests with one credential and a few headers of their own (a
/// language, a browser), so an endpoint method names only what varies.
#[derive(Debug, Clone)]
pub struct Client<'e> {
    pub(crate) edge: &'e Edge,
    auth: Auth,
    headers: Vec<(String, String)>,
}

impl<'e> Client<'e> {
    pub fn edge(&self) -> &'e Edge {
        self.edge
    }

    /// The same requests with another `authorization`.
    #[must_use]
    pub fn with_auth(&self, auth: Auth) -> Self {
        Self {
            auth,
            ..self.clone()
        }
    }

    /// The same requests with one more header.
    #[must_use]
    pub fn with_header(&self, name: &str, value: &str) -> Self {
        let mut client = self.clone();
        client.headers.push((name.to_owned(), value.to_owned()));
        client
    }

    /// `method path` with `body` as JSON.
    pub fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Reply {
        let bytes = body.map(|b| serde_json::to_vec(b).expect("serializable"));
        self.send_bytes(method, path, bytes.as_deref())
    }

    /// `method path` with `body` as it is (such as JSON that does not parse).
    pub fn send_bytes(&self, method: &str, path: &str, body: Option<&[u8]>) -> Reply {
        self.try_send_bytes(method, path, &[], body)
            .unwrap_or_else(|e| panic!("{method} {}{path} failed: {e}", self.edge.url))
    }

    /// [`Client::send_bytes`] with `extra` headers, or why no whole answer
    /// arrived.
    pub fn try_send_bytes(
        &self,
        method: &str,
        path: &str,
        extra: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<Reply, String> {
        let authorization = self.auth.header();
        let mut headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        if let Some(value) = &authorization {
            headers.push(("authorization", value));
        }
        if body.is_some() {
            headers.push(("content-type", "application/json"));
        }
        headers.extend_from_slice(extra);
        self.edge.try_request(method, path, &headers, body)
    }

    pub fn get(&self, path: &str) -> Reply {
        self.send("GET", path, None)
    }

    pub fn post(&self, path: &str, body: Option<&Value>) -> Reply {
        self.send("POST", path, body)
    }
}
