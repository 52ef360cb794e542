//! Files the edge serves: the widget's loader and bundle, and the demo store.
//! They come from the Workers static-assets binding; this module only picks
//! the file and sets the headers that make caching and embedding work.

use worker::{Env, Headers, Request, RequestInit, Response};

use crate::bindings;
use crate::ctx::Ctx;
use crate::error::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    /// `/`: the demo store page, served only where `SERVE_DEMO_STORE` is on.
    DemoStore,
    /// `/widget.js`: the stable URL merchants embed. Short cache so a release
    /// reaches shops within minutes.
    Loader,
    /// `/w/{name}`: content-hashed bundle files, cached forever.
    Bundle(String),
    /// `/openapi.json`: the API's OpenAPI document, written by the build
    /// from the route table and the wire types.
    OpenApi,
}

impl Asset {
    pub fn parse(path: &str) -> Option<Self> {
        match path {
            "/" | "/index.html" => Some(Self::DemoStore),
            "/widget.js" => Some(Self::Loader),
            "/openapi.json" => Some(Self::OpenApi),
            _ => {
                let name = path.strip_prefix("/w/")?;
                let safe = !name.is_empty()
                    && !name.starts_with('.')
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
                let known = [".js", ".wasm", ".css"]
                    .iter()
                    .any(|ext| name.ends_with(ext));
                (safe && known).then(|| Self::Bundle(name.to_owned()))
            }
        }
    }

    fn file(&self) -> String {
        match self {
            Self::DemoStore => "/demo/index.html".to_owned(),
            Self::Loader => "/widget.js".to_owned(),
            Self::Bundle(name) => format!("/w/{name}"),
            Self::OpenApi => "/openapi.json".to_owned(),
        }
    }

    fn cache_control(&self) -> &'static str {
        match self {
            Self::DemoStore | Self::OpenApi => "no-cache",
            Self::Loader => "public, max-age=300",
            Self::Bundle(_) => "public, max-age=31536000, immutable",
        }
    }

    fn content_type(&self) -> &'static str {
        let file = self.file();
        if file.ends_with(".wasm") {
            "application/wasm"
        } else if file.ends_with(".css") {
            "text/css; charset=utf-8"
        } else if file.ends_with(".json") {
            "application/json"
        } else if file.ends_with(".html") {
            "text/html; charset=utf-8"
        } else {
            "text/javascript; charset=utf-8"
        }
    }
}

/// The demo store's Content-Security-Policy: what a strict shop page needs
/// to run the widget. Scripts only from files (no inline script, no
/// `eval`); `'wasm-unsafe-eval'` only lets WebAssembly compile. The demo
/// page's own `<style>` is why styles allow inline. README.md ("Embed it")
/// gives merchants the same directives with the edge's origin.
pub const DEMO_STORE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub async fn serve(ctx: &Ctx<'_>, req: &Request, asset: Asset) -> Result<Response, ApiError> {
    let env = ctx.env();
    if asset == Asset::DemoStore && !demo_store_enabled(env) {
        return Err(ApiError::NotFound("No such resource."));
    }
    let forwarded = Headers::new();
    if let Some(etag) = req.headers().get("if-none-match")? {
        forwarded.set("if-none-match", &etag)?;
    }
    let mut init = RequestInit::new();
    init.with_headers(forwarded);
    let fetched = env
        .assets(bindings::ASSETS)?
        .fetch(format!("https://assets.local{}", asset.file()), Some(init))
        .await?;
    let status = fetched.status_code();
    if status == 404 {
        return Err(ApiError::NotFound("No such resource."));
    }
    // A fetched response's headers are immutable: build a fresh set.
    let headers = Headers::new();
    for name in ["etag", "content-length", "last-modified"] {
        if let Some(value) = fetched.headers().get(name)? {
            headers.set(name, &value)?;
        }
    }
    headers.set("content-type", asset.content_type())?;
    headers.set("cache-control", asset.cache_control())?;
    headers.set("cross-origin-resource-policy", "cross-origin")?;
    if asset == Asset::DemoStore {
        headers.set("content-security-policy", DEMO_STORE_POLICY)?;
    }
    let (_, body) = fetched.into_parts();
    Ok(Response::from_body(body)?
        .with_status(status)
        .with_headers(headers))
}

fn demo_store_enabled(env: &Env) -> bool {
    env.var(bindings::SERVE_DEMO_STORE)
        .is_ok_and(|v| v.to_string() == "true")
}
