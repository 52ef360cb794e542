//! Engagement for shoppers: the one prompt for an order view, what the
//! shopper did with it, and the NPS answer. The scheduler and the content
//! rules in `aftercart_shared::engage` decide; this module reads, stores and
//! answers.

use aftercart_shared::api::{EngagementView, NpsSubmission, PromptEventRequest, PromptView};
use aftercart_shared::engage::{
    self, Action, EngageContent, EventOutcome, EventRefusal, History, OrderContext, Prompt,
    Scheduler, shopper_key,
};
use aftercart_shared::order::Order;
use aftercart_shared::reviews::NpsAnswer;
use aftercart_shared::{OrderId, ShopId, UnixTime};
use worker::{Env, Request, Response};

use crate::routes::now;
use crate::shopper::{Secrets, authorize};
use crate::store::{NewEvent, OrderKey, Store};
use crate::{ApiError, http};

/// Everything known about one order's engagement.
pub struct Loaded {
    pub order: Order,
    pub mailbox: String,
    pub content: EngageContent,
    pub scheduler: Scheduler,
    pub context: OrderContext,
    pub history: History,
    pub shop_name: String,
}

impl Loaded {
    /// The start of the visit a showing at `now` belongs to (the minimum gap).
    pub fn visit_start(&self, now: UnixTime) -> UnixTime {
        now.plus_secs(-i64::from(self.scheduler.settings().min_gap_hours) * 3600)
    }

    pub fn event<'a>(&'a self, prompt: &'a Prompt, action: Action, now: UnixTime) -> NewEvent<'a> {
        NewEvent {
            mailbox: &self.mailbox,
            order: &self.order.id,
            prompt,
            action,
            at: now,
            visit_start: self.visit_start(now),
        }
    }
}

/// The order, the shopper's history across orders, review counts and the
/// shop's engagement settings: two round trips.
pub async fn load(store: &Store, shop: &ShopId, order: &OrderId) -> Result<Loaded, ApiError> {
    let order = store
        .load_bundle(shop, OrderKey::Id(order))
        .await?
        .ok_or(ApiError::NotFound("No such order."))?
        .order;
    let mailbox = shopper_key(&order);
    let products: Vec<&str> = order
        .line_items
        .iter()
        .filter_map(|li| li.product_id.as_deref().map(str::trim))
        .collect();
    let inputs = store
        .engagement_inputs(shop, &engage::keys::ALL, &mailbox, &products)
        .await?;
    let content = EngageContent::from_settings(|key| inputs.settings.get(key).map(String::as_str))
        .map_err(|err| ApiError::Internal(format!("stored engagement settings: {err}")))?;
    let scheduler = Scheduler::new(content.settings_for(&order))
        .map_err(|err| ApiError::Internal(format!("stored engagement settings: {err}")))?;
    let context = OrderContext::from_order(&order, &inputs.review_counts);
    Ok(Loaded {
        order,
        mailbox,
        content,
        scheduler,
        context,
        history: inputs.history,
        shop_name: inputs.shop_name,
    })
}

/// `GET /v1/shops/{shop}/orders/{orderId}/engagement`. Reading does not
/// count as showing: the widget reports a showing once it rendered one.
pub async fn view(
    req: &Request,
    env: &Env,
    shop: ShopId,
    order: OrderId,
) -> Result<Response, ApiError> {
    let now = now();
    authorize(req, &Secrets::read(env)?, &shop, Some(&order), now)?;
    let lang = http::shopper_lang(req)?;
    let store = Store::open(env)?;
    let loaded = load(&store, &shop, &order).await?;

    let decision = loaded
        .scheduler
        .decide(&loaded.context, &loaded.history, now);
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
            rule: stored_rule(decision.rule()),
        },
        200,
    )
}

fn stored_rule(rule: engage::Rule) -> String {
    serde_json::to_value(rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `POST …/engagement/events`: shown, dismissed or answered.
pub async fn event(
    mut req: Request,
    env: &Env,
    shop: ShopId,
    order: OrderId,
) -> Result<Response, ApiError> {
    let now = now();
    authorize(&req, &Secrets::read(env)?, &shop, Some(&order), now)?;
    let body: PromptEventRequest = http::read_json(&mut req).await?;
    let store = Store::open(env)?;
    let loaded = load(&store, &shop, &order).await?;

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
            .record_prompt_event(&shop, &loaded.event(&body.prompt, body.action, now))
            .await?;
    }
    http::no_content()
}

fn refusal(refusal: EventRefusal) -> ApiError {
    match refusal {
        EventRefusal::ProductNotInOrder | EventRefusal::DiscountBeforeDelivery => {
            ApiError::InvalidField {
                field: "prompt",
                reason: refusal.to_string(),
            }
        }
        EventRefusal::OrderCancelled | EventRefusal::NotOffered => {
            ApiError::InvalidTransition(refusal.to_string())
        }
    }
}

/// `POST …/nps`: once per order.
pub async fn nps(
    mut req: Request,
    env: &Env,
    shop: ShopId,
    order: OrderId,
) -> Result<Response, ApiError> {
    let now = now();
    authorize(&req, &Secrets::read(env)?, &shop, Some(&order), now)?;
    let body: NpsSubmission = http::read_json(&mut req).await?;
    let answer = NpsAnswer::parse(&body).map_err(|err| ApiError::InvalidField {
        field: err.field(),
        reason: err.to_string(),
    })?;
    let store = Store::open(env)?;
    let loaded = load(&store, &shop, &order).await?;
    if loaded.order.cancelled_at.is_some() {
        return Err(ApiError::InvalidTransition(
            "A cancelled order has no survey.".into(),
        ));
    }
    let answered = loaded.event(&Prompt::Nps, Action::Answered, now);
    match store
        .insert_nps(&shop, answer.score, answer.comment.as_deref(), &answered)
        .await
    {
        Ok(()) => {}
        Err(err)
            if err
                .to_string()
                .contains("UNIQUE constraint failed: nps_responses") =>
        {
            return Err(ApiError::AlreadyAnswered(
                "This order's survey was already answered.",
            ));
        }
        Err(err) => return Err(err.into()),
    }
    http::json(
        &NpsSubmission {
            score: answer.score,
            comment: answer.comment,
        },
        201,
    )
}
