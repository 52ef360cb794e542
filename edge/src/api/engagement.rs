//! Engagement for shoppers: the one prompt for an order view, what the
//! shopper did with it, and the NPS answer. The scheduler and the content
//! rules in `aftercart_shared::engage` decide; this module reads, stores and
//! answers.

use aftercart_shared::api::engage::{
    EngagementView, NpsSubmission, PromptEventRequest, PromptView,
};
use aftercart_shared::engage::{Action, EventOutcome, EventRefusal, Prompt};
use worker::{Request, Response};

use crate::auth::{OrderOwner, Shopper};
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::flows::engage;
use crate::http;
use crate::store::Insert;
use aftercart_shared::wire::WireName;

/// `GET /v1/shops/{shop}/orders/{orderId}/engagement`. Reading does not
/// count as showing: the widget reports a showing once it rendered one.
pub async fn view(ctx: &Ctx<'_>, req: &Request, shopper: Shopper) -> Result<Response, ApiError> {
    let lang = http::shopper_lang(req)?;
    let loaded = engage::load(ctx.store()?, shopper.shop(), shopper.order()).await?;

    let decision = loaded
        .scheduler
        .decide(&loaded.context, &loaded.history, ctx.now());
    let prompt = decision.prompt().and_then(|prompt| {
        Some(PromptView {
            prompt: prompt.clone(),
            content: loaded
                .content
                .content(prompt, &loaded.order, &loaded.shop_name, lang)?,
        })
    });
    http::json(
        &EngagementView {
            prompt,
            rule: decision.rule().wire_name().to_owned(),
        },
        200,
    )
}

/// `POST …/engagement/events`: shown, dismissed or answered.
pub async fn event(
    ctx: &Ctx<'_>,
    req: &mut Request,
    shopper: Shopper,
) -> Result<Response, ApiError> {
    let body: PromptEventRequest = http::read_json(req).await?;
    let store = ctx.store()?;
    let loaded = engage::load(store, shopper.shop(), shopper.order()).await?;

    let now = ctx.now();
    let outcome = loaded
        .scheduler
        .check_event(
            &loaded.context,
            &loaded.history,
            &body.prompt,
            body.action,
            now,
        )
        .map_err(refusal)?;
    if outcome == EventOutcome::Record {
        store
            .record_prompt_event(
                shopper.shop(),
                &loaded.event(&body.prompt, body.action, now),
            )
            .await?;
    }
    http::no_content()
}

fn refusal(refusal: EventRefusal) -> ApiError {
    match refusal {
        EventRefusal::ProductNotInOrder | EventRefusal::DiscountBeforeDelivery => {
            ApiError::invalid("prompt", refusal)
        }
        EventRefusal::OrderCancelled | EventRefusal::NotOffered => {
            ApiError::InvalidTransition(refusal.to_string())
        }
    }
}

/// `POST …/nps`: once per order.
pub async fn nps(
    ctx: &Ctx<'_>,
    req: &mut Request,
    shopper: OrderOwner,
) -> Result<Response, ApiError> {
    let body: NpsSubmission = http::read_json(req).await?;
    let answer = body
        .parse()
        .map_err(|err| ApiError::invalid(err.field(), &err))?;
    let store = ctx.store()?;
    let loaded = engage::load(store, shopper.shop(), shopper.order()).await?;
    if loaded.order.cancelled_at.is_some() {
        return Err(ApiError::InvalidTransition(
            "A cancelled order has no survey.".into(),
        ));
    }
    let answered = loaded.event(&Prompt::Nps, Action::Answered, ctx.now());
    let stored = store
        .insert_nps(
            shopper.shop(),
            answer.score,
            answer.comment.as_deref(),
            &answered,
        )
        .await?;
    if stored == Insert::AlreadyExists {
        return Err(ApiError::AlreadyAnswered(
            "This order's survey was already answered.",
        ));
    }
    http::json(
        &NpsSubmission {
            score: answer.score,
            comment: answer.comment,
        },
        201,
    )
}
