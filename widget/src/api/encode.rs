//! Writes request bodies the way the shared serde types read them
//! (camelCase), built as browser values for `JSON.stringify` rather than
//! with serde (why: see `decode`). They write through [`JsonOut`], which
//! serde_json's values also implement in the native tests: every body is
//! read back by serde there (`tests.rs`).

use aftercart_shared::api::engage::{NpsSubmission, ReviewSubmission};
use aftercart_shared::api::shopper::LookupRequest;
use aftercart_shared::engage::{Action, Prompt};
use aftercart_shared::returns::ReturnRequest;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use aftercart_shared::wire::WireName;

/// A JSON value being built, as far as the encoders build one.
pub trait JsonOut: Sized {
    fn object() -> Self;
    /// Sets `key` on an object.
    fn set(&mut self, key: &str, value: Self);
    fn text(value: &str) -> Self;
    fn number(value: f64) -> Self;
    fn boolean(value: bool) -> Self;
    fn list(items: Vec<Self>) -> Self;
}

impl JsonOut for JsValue {
    fn object() -> Self {
        Object::new().into()
    }

    fn set(&mut self, key: &str, value: Self) {
        let _ = Reflect::set(self, &JsValue::from_str(key), &value);
    }

    fn text(value: &str) -> Self {
        JsValue::from_str(value)
    }

    fn number(value: f64) -> Self {
        JsValue::from_f64(value)
    }

    fn boolean(value: bool) -> Self {
        JsValue::from_bool(value)
    }

    fn list(items: Vec<Self>) -> Self {
        items.into_iter().collect::<Array>().into()
    }
}

fn text<J: JsonOut>(object: &mut J, key: &str, value: &str) {
    object.set(key, J::text(value));
}

/// Leaves the key out for `None` (serde reads it as `None` either way).
fn opt_text<J: JsonOut>(object: &mut J, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        text(object, key, value);
    }
}

/// `LookupRequest`
pub fn lookup_request<J: JsonOut>(request: &LookupRequest) -> J {
    let mut body = J::object();
    text(&mut body, "orderNumber", &request.order_number);
    text(&mut body, "email", &request.email);
    body
}

/// `ReturnRequest`
pub fn return_request<J: JsonOut>(request: &ReturnRequest) -> J {
    let items = request
        .items
        .iter()
        .map(|item| {
            let mut reason = J::object();
            text(&mut reason, "reasonId", &item.reason.reason_id);
            opt_text(
                &mut reason,
                "subReasonId",
                item.reason.sub_reason_id.as_deref(),
            );
            opt_text(&mut reason, "comment", item.reason.comment.as_deref());
            opt_text(&mut reason, "photoUrl", item.reason.photo_url.as_deref());
            let mut wanted = J::object();
            text(&mut wanted, "lineItemId", &item.line_item_id);
            wanted.set("quantity", J::number(f64::from(item.quantity)));
            wanted.set("reason", reason);
            opt_text(
                &mut wanted,
                "exchangeVariantId",
                item.exchange_variant_id.as_deref(),
            );
            wanted
        })
        .collect();
    let mut body = J::object();
    body.set("items", J::list(items));
    text(&mut body, "resolution", request.resolution.wire_name());
    text(&mut body, "lang", request.lang.tag());
    body
}

/// `PromptEventRequest`: the prompt as serde writes it
/// (`{"kind": "reviewRequest", "product": …}`) and what happened to it.
pub fn prompt_event<J: JsonOut>(prompt: &Prompt, action: Action) -> J {
    let mut tagged = J::object();
    match prompt {
        Prompt::ReviewRequest { product } => text(&mut tagged, "product", product.as_str()),
        Prompt::Recommendations { discount } => tagged.set("discount", J::boolean(*discount)),
        Prompt::ReferralOffer | Prompt::Nps | Prompt::UsageTips | Prompt::ThankYou => {}
    }
    text(&mut tagged, "kind", prompt.kind().wire_name());
    let mut body = J::object();
    body.set("prompt", tagged);
    text(&mut body, "action", action.wire_name());
    body
}

/// `ReviewSubmission`
pub fn review<J: JsonOut>(review: &ReviewSubmission) -> J {
    let mut body = J::object();
    text(&mut body, "lineItemId", &review.line_item_id);
    body.set("rating", J::number(f64::from(review.rating)));
    text(&mut body, "title", &review.title);
    text(&mut body, "body", &review.body);
    opt_text(&mut body, "photoUrl", review.photo_url.as_deref());
    body
}

/// `NpsSubmission`
pub fn nps<J: JsonOut>(answer: &NpsSubmission) -> J {
    let mut body = J::object();
    body.set("score", J::number(f64::from(answer.score)));
    opt_text(&mut body, "comment", answer.comment.as_deref());
    body
}
