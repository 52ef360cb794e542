//! Every HTTP call the widget makes, and the typed errors they map to.
//!
//! Components never see status codes or problem documents: they get an
//! [`ApiError`], which knows the one message a shopper should read. Bodies
//! are written by [`encode`] and read by [`decode`].

mod decode;
mod encode;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;

use aftercart_shared::OrderId;
use aftercart_shared::api::ProblemCode;
use aftercart_shared::api::engage::{
    EngagementView, NpsSubmission, ReviewReceipt, ReviewSubmission, RewardsView,
};
use aftercart_shared::api::shopper::{
    LookupRequest, LookupResponse, OrderView, ReturnOptions, ReturnView,
};
use aftercart_shared::engage::{Action, Prompt};
use aftercart_shared::i18n::{Lang, Msg};
use aftercart_shared::returns::{ItemRefusal, ReturnRequest};
use gloo_net::http::{Request, Response};
use js_sys::JSON;
use wasm_bindgen::JsValue;

use self::decode::Malformed;

/// What went wrong, from the shopper's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiError {
    /// Unknown order or wrong email; deliberately indistinguishable.
    NotFound,
    /// The server rejected the order number or email.
    InvalidInput,
    RateLimited,
    /// The order token expired or was refused: look the order up again.
    SessionExpired,
    /// Network failure, server error, or a response we could not read.
    Unavailable,
    /// A review or survey this order already answered (`409 already_answered`).
    AlreadyAnswered,
    /// The session came from a read-only link: acting on the order needs
    /// its number and email (`403 proof_needed`).
    ProofNeeded,
}

impl ApiError {
    /// The message to show for this error.
    pub fn message(self) -> Msg {
        match self {
            Self::NotFound => Msg::NotFound,
            Self::InvalidInput => Msg::InvalidInput,
            Self::RateLimited => Msg::RateLimited,
            Self::SessionExpired => Msg::SessionExpired,
            Self::Unavailable => Msg::NetworkError,
            Self::AlreadyAnswered => Msg::ReviewAlready,
            Self::ProofNeeded => Msg::ProofNeeded,
        }
    }

    /// Worth retrying as is: nothing about the request was wrong.
    pub fn is_transient(self) -> bool {
        matches!(self, Self::Unavailable | Self::RateLimited)
    }

    fn from_problem(code: ProblemCode) -> Self {
        match code {
            ProblemCode::NotFound => Self::NotFound,
            ProblemCode::InvalidField | ProblemCode::InvalidJson => Self::InvalidInput,
            ProblemCode::RateLimited => Self::RateLimited,
            // (A refused signature is only ever a webhook's, never the widget's.)
            ProblemCode::TokenExpired
            | ProblemCode::Unauthorized
            | ProblemCode::InvalidSignature => Self::SessionExpired,
            ProblemCode::AlreadyAnswered => Self::AlreadyAnswered,
            ProblemCode::ProofNeeded => Self::ProofNeeded,
            _ => Self::Unavailable,
        }
    }

    /// For bodies that are not problem documents (a proxy's HTML error page).
    fn from_status(status: u16) -> Self {
        match status {
            400 => Self::InvalidInput,
            401 => Self::SessionExpired,
            403 => Self::ProofNeeded,
            404 => Self::NotFound,
            429 => Self::RateLimited,
            _ => Self::Unavailable,
        }
    }
}

// Display and Error make `ApiError` an ordinary error type. The text is for
// developers; shoppers see `message()`.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for ApiError {}

/// Why a return was not created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnFailure {
    /// The policy refused it; every item's reason, in the shopper's language.
    Refused(Vec<ItemRefusal>),
    Failed(ApiError),
}

/// Access to one order after a successful lookup (or from a signed link):
/// the token, never written anywhere but memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// `None` for a signed deep link: the token itself names the order.
    pub order_id: Option<String>,
    pub token: String,
}

/// The API of one shop.
#[derive(Debug, Clone)]
pub struct Api {
    /// `{apiBase}/v1/shops/{shop}`, built once.
    shop_url: Arc<str>,
}

impl Api {
    pub fn new(api_base: &str, shop: &str) -> Self {
        let shop_url = [
            api_base.trim_end_matches('/'),
            "/v1/shops/",
            &String::from(js_sys::encode_uri_component(shop)),
        ]
        .concat();
        Self {
            shop_url: shop_url.into(),
        }
    }

    /// `POST /v1/shops/{shop}/lookup`
    pub async fn lookup(&self, request: &LookupRequest) -> Result<LookupResponse, ApiError> {
        let body = encode::lookup_request::<JsValue>(request);
        let body = JSON::stringify(&body).map_err(|_| ApiError::Unavailable)?;
        let response = Request::post(&[&self.shop_url, "/lookup"].concat())
            .header("Content-Type", "application/json")
            .body(body)
            .map_err(|_| ApiError::Unavailable)?
            .send()
            .await;
        read(response, decode::lookup_response).await
    }

    /// `GET /v1/shops/{shop}/orders/{orderId}`, or `GET /v1/shops/{shop}/order`
    /// for a deep link's token; either way authorized by the session.
    pub async fn order(&self, session: &Session) -> Result<OrderView, ApiError> {
        let url = match &session.order_id {
            Some(id) => [
                &self.shop_url,
                "/orders/",
                &String::from(js_sys::encode_uri_component(id)),
            ]
            .concat(),
            None => [&self.shop_url, "/order"].concat(),
        };
        read(get(&url, session).await, decode::order).await
    }

    /// `GET /v1/shops/{shop}/orders/{orderId}/returns?lang=`
    pub async fn return_options(
        &self,
        session: &Session,
        order: &OrderId,
        lang: Lang,
    ) -> Result<ReturnOptions, ApiError> {
        let url = [&self.returns_url(order), "?lang=", lang.tag()].concat();
        read(get(&url, session).await, decode::return_options).await
    }

    /// `POST /v1/shops/{shop}/orders/{orderId}/returns`. The caller keeps
    /// `idempotency_key` for as long as it retries the same request, so a
    /// retry after a lost answer gets the same return, not a second one.
    pub async fn create_return(
        &self,
        session: &Session,
        order: &OrderId,
        idempotency_key: &str,
        request: &ReturnRequest,
    ) -> Result<ReturnView, ReturnFailure> {
        fn failed<E>(_: E) -> ReturnFailure {
            ReturnFailure::Failed(ApiError::Unavailable)
        }
        let body = encode::return_request::<JsValue>(request);
        let body = JSON::stringify(&body).map_err(failed)?;
        let response = Request::post(&self.returns_url(order))
            .header("Authorization", &["Bearer ", &session.token].concat())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotency_key)
            .body(body)
            .map_err(failed)?
            .send()
            .await;
        match outcome(response).await {
            Ok(body) => decode::return_view(&body).map_err(failed),
            Err((_, Some(body)))
                if decode::problem_code(&body) == Some(ProblemCode::ReturnRefused) =>
            {
                Err(decode::refusals(&body).map_or_else(failed, ReturnFailure::Refused))
            }
            Err((error, _)) => Err(ReturnFailure::Failed(error)),
        }
    }

    fn returns_url(&self, order: &OrderId) -> String {
        self.order_url(order, "/returns")
    }

    /// `{shop_url}/orders/{orderId}{rest}`
    fn order_url(&self, order: &OrderId, rest: &str) -> String {
        [
            &self.shop_url,
            "/orders/",
            &String::from(js_sys::encode_uri_component(order.as_str())),
            rest,
        ]
        .concat()
    }

    /// `GET /v1/shops/{shop}/orders/{orderId}/engagement?lang=`: the one
    /// prompt for this view of the order, if any.
    pub async fn engagement(
        &self,
        session: &Session,
        order: &OrderId,
        lang: Lang,
    ) -> Result<EngagementView, ApiError> {
        let url = self.order_url(order, &["/engagement?lang=", lang.tag()].concat());
        read(get(&url, session).await, decode::engagement).await
    }

    /// `GET /v1/shops/{shop}/orders/{orderId}/rewards`
    pub async fn rewards(
        &self,
        session: &Session,
        order: &OrderId,
    ) -> Result<RewardsView, ApiError> {
        let url = self.order_url(order, "/rewards");
        read(get(&url, session).await, decode::rewards).await
    }

    /// `POST …/engagement/events`: the prompt was shown, dismissed or answered.
    pub async fn prompt_event(
        &self,
        session: &Session,
        order: &OrderId,
        prompt: &Prompt,
        action: Action,
    ) -> Result<(), ApiError> {
        let body = encode::prompt_event(prompt, action);
        let url = self.order_url(order, "/engagement/events");
        read(post(&url, session, &body).await, |_| Ok(())).await
    }

    /// `POST …/reviews`
    pub async fn review(
        &self,
        session: &Session,
        order: &OrderId,
        review: &ReviewSubmission,
    ) -> Result<ReviewReceipt, ApiError> {
        let body = encode::review(review);
        let url = self.order_url(order, "/reviews");
        read(post(&url, session, &body).await, decode::review_receipt).await
    }

    /// `POST …/nps`
    pub async fn nps(
        &self,
        session: &Session,
        order: &OrderId,
        answer: &NpsSubmission,
    ) -> Result<(), ApiError> {
        let body = encode::nps(answer);
        let url = self.order_url(order, "/nps");
        read(post(&url, session, &body).await, |_| Ok(())).await
    }
}

/// A GET authorized by the session.
async fn get(url: &str, session: &Session) -> Result<Response, gloo_net::Error> {
    Request::get(url)
        .header("Authorization", &["Bearer ", &session.token].concat())
        .send()
        .await
}

/// A JSON POST authorized by the session.
async fn post(url: &str, session: &Session, body: &JsValue) -> Result<Response, gloo_net::Error> {
    let body = JSON::stringify(body).map_err(|_| gloo_net::Error::GlooError(String::new()))?;
    Request::post(url)
        .header("Authorization", &["Bearer ", &session.token].concat())
        .header("Content-Type", "application/json")
        .body(body)?
        .send()
        .await
}

/// Decodes a success body, or maps a failure to an [`ApiError`].
async fn read<T>(
    response: Result<Response, gloo_net::Error>,
    decode: fn(&JsValue) -> Result<T, Malformed>,
) -> Result<T, ApiError> {
    let body = outcome(response).await.map_err(|(error, _)| error)?;
    decode(&body).map_err(|_| ApiError::Unavailable)
}

/// A success body parsed, or the failure with its body when it has one.
/// Not generic, so every endpoint shares one copy.
async fn outcome(
    response: Result<Response, gloo_net::Error>,
) -> Result<JsValue, (ApiError, Option<JsValue>)> {
    let response = response.map_err(|_| (ApiError::Unavailable, None))?;
    let body = response
        .text()
        .await
        .ok()
        .and_then(|text| JSON::parse(&text).ok());
    if response.ok() {
        // `null` for an empty body (204): decoders that expect one fail on it.
        return Ok(body.unwrap_or(JsValue::NULL));
    }
    // Prefer the stable problem code; fall back to the status for bodies
    // that did not come from our edge (a proxy's HTML error page).
    let code = body.as_ref().and_then(decode::problem_code);
    let error = code.map_or_else(
        || ApiError::from_status(response.status()),
        ApiError::from_problem,
    );
    Err((error, body))
}
