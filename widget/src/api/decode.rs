//! Reads the API's JSON into `aftercart_shared::api` types.
//!
//! The browser parses the body (`JSON.parse`) and these decoders pick the
//! fields off the result, instead of serde (ARCHITECTURE.md, "The widget's
//! size", has the measurements). They read through [`Json`], which the
//! browser's values implement and, in the native tests, serde_json's: every
//! response type is serialised by serde and decoded here (`tests.rs`), so a
//! field renamed on one side fails a test instead of a shopper's page.

use aftercart_shared::api::ProblemCode;
use aftercart_shared::api::engage::{
    EngagementView, LoyaltyView, PromptView, ReferralCard, ReviewReceipt, RewardsView,
};
use aftercart_shared::api::shopper::{
    CheckpointView, LineItemView, LookupResponse, OrderStatusView, OrderSummary, OrderView,
    ReasonOption, ResolutionOffer, ReturnItemOption, ReturnOptions, ReturnView, ShipmentView,
};
use aftercart_shared::engage::PromptContent;
use aftercart_shared::engage::{ProductId, Prompt, PromptKind};
use aftercart_shared::engage::{RecommendedProduct, UsageTip};
use aftercart_shared::referral::Incentive;
use aftercart_shared::returns::ReturnHistoryEntry;
use aftercart_shared::returns::{
    ApprovedItem, ApprovedReturn, ChosenReason, ItemRefusal, PolicySummary, Terms,
};
use aftercart_shared::{OrderId, TrackingUrl, UnixTime};
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use aftercart_shared::wire::WireName;

/// A parsed JSON value, as far as the decoders look at one.
pub trait Json: Sized {
    /// The value under `key`; `None` when the key is absent.
    fn field(&self, key: &str) -> Option<Self>;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// An object or an array: not `null`, not a scalar.
    fn is_object(&self) -> bool;
    /// An array's elements.
    fn elements(&self) -> Option<Vec<Self>>;
}

/// The browser's parse (`JSON.parse`); absent keys read as `undefined`.
impl Json for JsValue {
    fn field(&self, key: &str) -> Option<Self> {
        Reflect::get(self, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined())
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn is_object(&self) -> bool {
        JsValue::is_object(self)
    }

    fn elements(&self) -> Option<Vec<Self>> {
        Some(self.dyn_ref::<Array>()?.iter().collect())
    }
}

/// The body did not have the shape we expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

type Result<T> = std::result::Result<T, Malformed>;

fn required<J: Json>(object: &J, key: &str) -> Result<J> {
    object.field(key).ok_or(Malformed)
}

fn opt_string<J: Json>(object: &J, key: &str) -> Option<String> {
    object.field(key)?.string()
}

fn string<J: Json>(object: &J, key: &str) -> Result<String> {
    opt_string(object, key).ok_or(Malformed)
}

fn flag<J: Json>(object: &J, key: &str) -> Result<bool> {
    required(object, key)?.boolean().ok_or(Malformed)
}

fn integer<J: Json>(value: &J) -> Result<i64> {
    let value = value.number().ok_or(Malformed)?;
    // Integral and within f64's exact range, as the API promises.
    if value.fract() != 0.0 || value.abs() > 9_007_199_254_740_991.0 {
        return Err(Malformed);
    }
    Ok(value as i64)
}

fn int<J: Json>(object: &J, key: &str) -> Result<i64> {
    integer(&required(object, key)?)
}

/// An integer that must fit `N` (counts, points, percentages).
fn whole<N: TryFrom<i64>, J: Json>(object: &J, key: &str) -> Result<N> {
    N::try_from(int(object, key)?).map_err(|_| Malformed)
}

fn opt_time<J: Json>(object: &J, key: &str) -> Result<Option<UnixTime>> {
    opt_string(object, key)
        .map(|raw| UnixTime::parse(&raw).map_err(|_| Malformed))
        .transpose()
}

fn time<J: Json>(object: &J, key: &str) -> Result<UnixTime> {
    opt_time(object, key)?.ok_or(Malformed)
}

fn order_id<J: Json>(object: &J, key: &str) -> Result<OrderId> {
    OrderId::parse(&string(object, key)?).map_err(|_| Malformed)
}

/// An enum by its wire name.
fn named<T: WireName, J: Json>(object: &J, key: &str) -> Result<T> {
    T::from_wire_name(&string(object, key)?).ok_or(Malformed)
}

fn opt_named<T: WireName, J: Json>(object: &J, key: &str) -> Result<Option<T>> {
    opt_string(object, key)
        .map(|name| T::from_wire_name(&name).ok_or(Malformed))
        .transpose()
}

fn list<T, J: Json>(object: &J, key: &str, item: fn(&J) -> Result<T>) -> Result<Vec<T>> {
    let elements = required(object, key)?.elements().ok_or(Malformed)?;
    elements.iter().map(item).collect()
}

/// A list under `#[serde(default)]`: absent means empty.
fn default_list<T, J: Json>(object: &J, key: &str, item: fn(&J) -> Result<T>) -> Result<Vec<T>> {
    if object.field(key).is_none() {
        return Ok(Vec::new());
    }
    list(object, key, item)
}

/// An object field that is `null` or absent reads as `None`.
fn opt_object<T, J: Json>(object: &J, key: &str, item: fn(&J) -> Result<T>) -> Result<Option<T>> {
    match object.field(key) {
        Some(value) if value.is_object() => item(&value).map(Some),
        _ => Ok(None),
    }
}

/// A two-element array (serde's tuples).
fn pair<J: Json>(value: &J) -> Result<[J; 2]> {
    <[J; 2]>::try_from(value.elements().ok_or(Malformed)?).map_err(|_| Malformed)
}

/// `LookupResponse`
pub fn lookup_response<J: Json>(value: &J) -> Result<LookupResponse> {
    Ok(LookupResponse {
        token: string(value, "token")?,
        expires_at: time(value, "expiresAt")?,
        order: order(&required(value, "order")?)?,
    })
}

/// `OrderView`
pub fn order<J: Json>(value: &J) -> Result<OrderView> {
    let status_view = required(value, "status")?;
    Ok(OrderView {
        id: order_id(value, "id")?,
        order_number: string(value, "orderNumber")?,
        placed_at: time(value, "placedAt")?,
        customer_first_name: opt_string(value, "customerFirstName"),
        currency: string(value, "currency")?,
        total_minor: int(value, "totalMinor")?,
        cancelled: flag(value, "cancelled")?,
        status: OrderStatusView {
            step: named(&status_view, "step")?,
            status: named(&status_view, "status")?,
            cancelled: flag(&status_view, "cancelled")?,
            estimated_delivery: opt_time(&status_view, "estimatedDelivery")?,
            running_late: flag(&status_view, "runningLate")?,
        },
        line_items: list(value, "lineItems", line_item)?,
        shipments: list(value, "shipments", shipment)?,
        other_orders: other_orders(value),
        // Absent from older responses: then the edge decides on each write.
        can_act: value
            .field("canAct")
            .and_then(|flag| flag.boolean())
            .unwrap_or(false),
    })
}

/// `otherOrders`: absent in older responses, and never worth failing the
/// order over, so a missing list is empty and an unreadable entry is skipped.
fn other_orders<J: Json>(value: &J) -> Vec<OrderSummary> {
    value
        .field("otherOrders")
        .and_then(|list| list.elements())
        .map(|list| {
            list.iter()
                .filter_map(|value| order_summary(value).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn order_summary<J: Json>(value: &J) -> Result<OrderSummary> {
    Ok(OrderSummary {
        id: order_id(value, "id")?,
        order_number: string(value, "orderNumber")?,
        placed_at: time(value, "placedAt")?,
        step: named(value, "step")?,
        status: named(value, "status")?,
        cancelled: flag(value, "cancelled")?,
    })
}

fn line_item<J: Json>(value: &J) -> Result<LineItemView> {
    Ok(LineItemView {
        id: string(value, "id")?,
        title: string(value, "title")?,
        variant_title: opt_string(value, "variantTitle"),
        quantity: whole(value, "quantity")?,
        unit_price_minor: int(value, "unitPriceMinor")?,
        image_url: opt_string(value, "imageUrl"),
    })
}

fn shipment<J: Json>(value: &J) -> Result<ShipmentView> {
    Ok(ShipmentView {
        id: string(value, "id")?,
        carrier: opt_string(value, "carrier"),
        tracking_number: opt_string(value, "trackingNumber"),
        // An unsafe link is dropped, never rendered: the parcel still shows.
        tracking_url: opt_string(value, "trackingUrl").and_then(|u| TrackingUrl::parse(&u).ok()),
        status: named(value, "status")?,
        step: named(value, "step")?,
        estimated_delivery: opt_time(value, "estimatedDelivery")?,
        estimated_from_history: flag(value, "estimatedFromHistory").unwrap_or(false),
        running_late: flag(value, "runningLate")?,
        delivered_at: opt_time(value, "deliveredAt")?,
        checkpoints: list(value, "checkpoints", checkpoint)?,
        // `[lineItemId, quantity]` pairs.
        items: list(value, "items", |item| {
            let [id, quantity] = pair(item)?;
            let quantity = u32::try_from(integer(&quantity)?).map_err(|_| Malformed)?;
            Ok((id.string().ok_or(Malformed)?, quantity))
        })?,
    })
}

fn checkpoint<J: Json>(value: &J) -> Result<CheckpointView> {
    Ok(CheckpointView {
        status: named(value, "status")?,
        sub_status: opt_string(value, "subStatus"),
        message: string(value, "message")?,
        location: opt_string(value, "location"),
        occurred_at: time(value, "occurredAt")?,
    })
}

/// The `code` of an `application/problem+json` body (`shared::api::Problem`).
pub fn problem_code<J: Json>(value: &J) -> Option<ProblemCode> {
    named(value, "code").ok()
}

/// `ReturnOptions`
pub fn return_options<J: Json>(value: &J) -> Result<ReturnOptions> {
    let policy = required(value, "policy")?;
    let strings = |key| list(&policy, key, |line| line.string().ok_or(Malformed));
    Ok(ReturnOptions {
        shop_name: opt_string(value, "shopName").unwrap_or_default(),
        policy: PolicySummary {
            what_and_until: strings("whatAndUntil")?,
            how: strings("how")?,
            rules: strings("rules")?,
        },
        items: list(value, "items", return_item)?,
        reasons: list(value, "reasons", reason_option)?,
        // Absent from older edges: nothing to show amounts from.
        offers: list(value, "offers", offer).unwrap_or_default(),
        returns: list(value, "returns", return_view)?,
    })
}

fn return_item<J: Json>(value: &J) -> Result<ReturnItemOption> {
    Ok(ReturnItemOption {
        line_item_id: string(value, "lineItemId")?,
        title: string(value, "title")?,
        remaining: whole(value, "remaining")?,
        last_day: opt_string(value, "lastDay"),
        resolutions: list(value, "resolutions", |name| {
            WireName::from_wire_name(&name.string().unwrap_or_default()).ok_or(Malformed)
        })?,
        refusal: opt_object(value, "refusal", item_refusal)?,
    })
}

fn reason_option<J: Json>(value: &J) -> Result<ReasonOption> {
    Ok(ReasonOption {
        id: string(value, "id")?,
        label: string(value, "label")?,
        requires_comment: flag(value, "requiresComment")?,
        requires_photo: flag(value, "requiresPhoto")?,
        // `[id, label]` pairs.
        sub_reasons: list(value, "subReasons", |item| {
            let [id, label] = pair(item)?;
            Ok((
                id.string().ok_or(Malformed)?,
                label.string().ok_or(Malformed)?,
            ))
        })?,
    })
}

fn offer<J: Json>(value: &J) -> Result<ResolutionOffer> {
    Ok(ResolutionOffer {
        resolution: named(value, "resolution")?,
        // `#[serde(default)]` on both.
        terms: Terms {
            fee_minor: int(value, "feeMinor").unwrap_or(0),
            bonus_percent: u16::try_from(int(value, "bonusPercent").unwrap_or(0))
                .map_err(|_| Malformed)?,
        },
    })
}

/// `ReturnView`: a return on file, or the one just created.
pub fn return_view<J: Json>(value: &J) -> Result<ReturnView> {
    Ok(ReturnView {
        rma: string(value, "rma")?,
        status: named(value, "status")?,
        created_at: time(value, "createdAt")?,
        approved: ApprovedReturn {
            resolution: named(value, "resolution")?,
            currency: string(value, "currency")?,
            items: list(value, "items", approved_item)?,
            items_minor: int(value, "itemsMinor")?,
            bonus_minor: int(value, "bonusMinor")?,
            fee_minor: int(value, "feeMinor")?,
            total_minor: int(value, "totalMinor")?,
        },
        history: default_list(value, "history", history_entry)?,
    })
}

fn history_entry<J: Json>(value: &J) -> Result<ReturnHistoryEntry> {
    Ok(ReturnHistoryEntry {
        at: time(value, "at")?,
        actor: named(value, "actor")?,
        from: opt_named(value, "from")?,
        to: named(value, "to")?,
        note: opt_string(value, "note"),
    })
}

fn approved_item<J: Json>(value: &J) -> Result<ApprovedItem> {
    let reason = required(value, "reason")?;
    Ok(ApprovedItem {
        line_item_id: string(value, "lineItemId")?,
        quantity: whole(value, "quantity")?,
        unit_price_minor: int(value, "unitPriceMinor")?,
        amount_minor: int(value, "amountMinor")?,
        reason: ChosenReason {
            reason_id: string(&reason, "reasonId")?,
            sub_reason_id: opt_string(&reason, "subReasonId"),
            comment: opt_string(&reason, "comment"),
            photo_url: opt_string(&reason, "photoUrl"),
        },
        exchange_variant_id: opt_string(value, "exchangeVariantId"),
    })
}

/// The `refusals` of a `return_refused` problem.
pub fn refusals<J: Json>(value: &J) -> Result<Vec<ItemRefusal>> {
    list(value, "refusals", item_refusal)
}

fn item_refusal<J: Json>(value: &J) -> Result<ItemRefusal> {
    Ok(ItemRefusal {
        line_item_id: opt_string(value, "lineItemId"),
        code: named(value, "code")?,
        reason: string(value, "reason")?,
    })
}

/// `EngagementView`. A prompt of a kind this widget does not know fails
/// the whole view, which then shows nothing, as if no prompt were due.
pub fn engagement<J: Json>(value: &J) -> Result<EngagementView> {
    Ok(EngagementView {
        prompt: opt_object(value, "prompt", |view| {
            Ok(PromptView {
                prompt: prompt(&required(view, "prompt")?)?,
                content: content(&required(view, "content")?)?,
            })
        })?,
        rule: opt_string(value, "rule").unwrap_or_default(),
    })
}

/// `Prompt`, tagged by `kind`.
fn prompt<J: Json>(value: &J) -> Result<Prompt> {
    Ok(match named(value, "kind")? {
        PromptKind::ReviewRequest => Prompt::ReviewRequest {
            product: ProductId::parse(&string(value, "product")?).map_err(|_| Malformed)?,
        },
        PromptKind::ReferralOffer => Prompt::ReferralOffer,
        PromptKind::Nps => Prompt::Nps,
        PromptKind::Recommendations => Prompt::Recommendations {
            discount: flag(value, "discount")?,
        },
        PromptKind::UsageTips => Prompt::UsageTips,
        PromptKind::ThankYou => Prompt::ThankYou,
    })
}

/// `PromptContent`, tagged by `kind` like the prompt.
fn content<J: Json>(value: &J) -> Result<PromptContent> {
    Ok(match named(value, "kind")? {
        PromptKind::ReviewRequest => PromptContent::ReviewRequest {
            line_item_id: string(value, "lineItemId")?,
            product_id: string(value, "productId")?,
            title: string(value, "title")?,
            image_url: opt_string(value, "imageUrl"),
            incentive: opt_object(value, "incentive", incentive)?,
        },
        PromptKind::ReferralOffer => PromptContent::ReferralOffer,
        PromptKind::Nps => PromptContent::Nps {
            shop_name: opt_string(value, "shopName").unwrap_or_default(),
        },
        PromptKind::Recommendations => PromptContent::Recommendations {
            products: list(value, "products", |product| {
                Ok(RecommendedProduct {
                    id: string(product, "id")?,
                    title: string(product, "title")?,
                    image_url: opt_string(product, "imageUrl"),
                    price_minor: int(product, "priceMinor")?,
                    currency: string(product, "currency")?,
                    url: string(product, "url")?,
                })
            })?,
            discount_code: opt_string(value, "discountCode"),
        },
        PromptKind::UsageTips => PromptContent::UsageTips {
            tips: list(value, "tips", |tip| {
                Ok(UsageTip {
                    title: string(tip, "title")?,
                    body: string(tip, "body")?,
                    url: opt_string(tip, "url"),
                })
            })?,
        },
        PromptKind::ThankYou => PromptContent::ThankYou {
            first_name: opt_string(value, "firstName"),
            message: opt_string(value, "message"),
        },
    })
}

/// `Incentive`, tagged by `type`.
fn incentive<J: Json>(value: &J) -> Result<Incentive> {
    Ok(match string(value, "type")?.as_str() {
        "points" => Incentive::Points {
            points: whole(value, "points")?,
        },
        "amount" => Incentive::Amount {
            minor: int(value, "minor")?,
        },
        "percent" => Incentive::Percent {
            percent: whole(value, "percent")?,
        },
        _ => return Err(Malformed),
    })
}

/// `ReviewReceipt`
pub fn review_receipt<J: Json>(value: &J) -> Result<ReviewReceipt> {
    Ok(ReviewReceipt {
        id: string(value, "id")?,
        status: named(value, "status")?,
        verified: flag(value, "verified")?,
        incentivized: flag(value, "incentivized")?,
        coupon: opt_string(value, "coupon"),
    })
}

/// `RewardsView`
pub fn rewards<J: Json>(value: &J) -> Result<RewardsView> {
    Ok(RewardsView {
        referral: opt_object(value, "referral", |card| {
            Ok(ReferralCard {
                code: string(card, "code")?,
                share_url: string(card, "shareUrl")?,
                friend_offer: incentive(&required(card, "friendOffer")?)?,
                reward: incentive(&required(card, "reward")?)?,
                friends_rewarded: whole(card, "friendsRewarded")?,
            })
        })?,
        loyalty: opt_object(value, "loyalty", |loyalty| {
            Ok(LoyaltyView {
                balance: whole(loyalty, "balance")?,
                tier: opt_string(loyalty, "tier"),
                next_tier: opt_string(loyalty, "nextTier"),
                points_to_next: whole(loyalty, "pointsToNext")?,
                progress_percent: whole(loyalty, "progressPercent")?,
            })
        })?,
    })
}
