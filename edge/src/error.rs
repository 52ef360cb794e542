//! The edge's one error type and its one mapping to responses.

use aftercart_shared::api::{Problem, ProblemCode};
use worker::Response;

use crate::store;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("request body is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("{field}: {reason}")]
    InvalidField { field: &'static str, reason: String },
    #[error("missing or invalid access token")]
    Unauthorized,
    #[error("access token has expired")]
    TokenExpired,
    #[error(
        "this link shows the order; to change anything, look the order up with its number and email"
    )]
    ProofNeeded,
    #[error("{0}")]
    NotFound(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("{0}")]
    InvalidSignature(String),
    #[error("{0}")]
    UnsupportedPayload(String),
    #[error("too many attempts; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: i64 },
    #[error("this Idempotency-Key was used with a different request")]
    IdempotencyConflict,
    /// A once-only answer (e.g. NPS for an order) was already given.
    #[error("{0}")]
    AlreadyAnswered(&'static str),
    /// E.g. approving a return that was already rejected.
    #[error("{0}")]
    InvalidTransition(String),
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    #[error("request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// Anything the shopper cannot fix. The cause is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// Something the caller cannot fix; `cause` is logged, never sent.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    /// The request's `field` is wrong, and `reason` says how.
    pub fn invalid(field: &'static str, reason: impl std::fmt::Display) -> Self {
        Self::InvalidField {
            field,
            reason: reason.to_string(),
        }
    }

    fn code(&self) -> ProblemCode {
        match self {
            Self::InvalidJson(_) => ProblemCode::InvalidJson,
            Self::InvalidField { .. } => ProblemCode::InvalidField,
            Self::Unauthorized => ProblemCode::Unauthorized,
            Self::TokenExpired => ProblemCode::TokenExpired,
            Self::ProofNeeded => ProblemCode::ProofNeeded,
            Self::NotFound(_) => ProblemCode::NotFound,
            Self::MethodNotAllowed => ProblemCode::MethodNotAllowed,
            Self::PayloadTooLarge { .. } => ProblemCode::PayloadTooLarge,
            Self::UnsupportedMediaType => ProblemCode::UnsupportedMediaType,
            Self::IdempotencyConflict => ProblemCode::IdempotencyConflict,
            Self::AlreadyAnswered(_) => ProblemCode::AlreadyAnswered,
            Self::InvalidTransition(_) => ProblemCode::InvalidTransition,
            Self::RateLimited { .. } => ProblemCode::RateLimited,
            Self::InvalidSignature(_) => ProblemCode::InvalidSignature,
            Self::UnsupportedPayload(_) => ProblemCode::UnsupportedPayload,
            Self::Internal(_) => ProblemCode::Internal,
        }
    }

    pub fn into_response(self) -> worker::Result<Response> {
        let detail = match &self {
            Self::Internal(cause) => {
                worker::console_error!("internal error: {cause}");
                "Something went wrong on our side. Please try again.".to_owned()
            }
            other => other.to_string(),
        };
        let problem = Problem::new(self.code(), detail);
        let mut response = Response::from_json(&problem)?.with_status(problem.status);
        let headers = response.headers_mut();
        headers.set("content-type", Problem::CONTENT_TYPE)?;
        if matches!(self, Self::Unauthorized | Self::TokenExpired) {
            headers.set("www-authenticate", "Bearer")?;
        }
        if let Self::RateLimited { retry_after_secs } = self {
            headers.set("retry-after", &retry_after_secs.to_string())?;
        }
        Ok(response)
    }
}

impl From<worker::Error> for ApiError {
    fn from(err: worker::Error) -> Self {
        Self::internal(err)
    }
}

/// What a handler did not turn into an answer of its own (a conflict it
/// expects comes out of the store as a typed outcome, not as an error).
impl From<store::Error> for ApiError {
    fn from(err: store::Error) -> Self {
        Self::internal(err)
    }
}
