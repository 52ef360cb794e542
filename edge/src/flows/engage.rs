//! The engagement load: everything known about one order's engagement,
//! for the engagement view, its events, NPS and reviews.

use aftercart_shared::engage::{
    self, Action, EngageContent, History, OrderContext, Prompt, Scheduler, shopper_key,
};
use aftercart_shared::order::Order;
use aftercart_shared::{OrderId, ShopId, UnixTime};

use crate::error::ApiError;
use crate::store::{NewEvent, OrderKey, Store};

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
    let stored = |err: String| ApiError::internal(format!("stored engagement settings: {err}"));
    let content = EngageContent::from_settings(|key| inputs.settings.get(key).map(String::as_str))
        .map_err(|err| stored(err.to_string()))?;
    let scheduler =
        Scheduler::new(content.settings_for(&order)).map_err(|err| stored(err.to_string()))?;
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
