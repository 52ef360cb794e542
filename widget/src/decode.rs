//! Reads the API's JSON into `aftercart_shared::api` types.
//!
//! The browser parses the JSON (`JSON.parse`) and this module picks fields
//! off the resulting objects. Doing it with serde_json instead costs about a
//! third of the widget's wasm (parser, per-type visitors, float formatting
//! for error messages). The field names follow the camelCase serde
//! attributes on the shared types; nothing checks that yet, so a renamed
//! field must be renamed here too (a round-trip test is a known gap).

use aftercart_shared::api::{
    CheckpointView, EngagementView, LineItemView, LookupResponse, LoyaltyView, ModerationStatus,
    OrderStatusView, OrderSummary, OrderView, ProblemCode, PromptContent, PromptView, ReasonOption,
    RecommendedProduct, ReferralCard, ResolutionOffer, ReturnHistoryEntry, ReturnItemOption,
    ReturnOptions, ReturnView, ReviewReceipt, RewardsView, ShipmentView, UsageTip,
};
use aftercart_shared::engage::{ProductId, Prompt};
use aftercart_shared::referral::Incentive;
use aftercart_shared::returns::{
    Actor, ApprovedItem, ApprovedReturn, ChosenReason, ItemRefusal, PolicySummary, RefusalCode,
    Resolution, ReturnStatus, Terms,
};
use aftercart_shared::tracking::{Step, TrackingStatus};
use aftercart_shared::{OrderId, UnixTime};
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The body did not have the shape we expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

type Result<T> = std::result::Result<T, Malformed>;

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn opt_string(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string()
}

fn string(object: &JsValue, key: &str) -> Result<String> {
    opt_string(object, key).ok_or(Malformed)
}

fn flag(object: &JsValue, key: &str) -> Result<bool> {
    get(object, key).as_bool().ok_or(Malformed)
}

fn int(object: &JsValue, key: &str) -> Result<i64> {
    let value = get(object, key).as_f64().ok_or(Malformed)?;
    // Integral and within f64's exact range, as the API promises.
    if value.fract() != 0.0 || value.abs() > 9_007_199_254_740_991.0 {
        return Err(Malformed);
    }
    Ok(value as i64)
}

fn opt_time(object: &JsValue, key: &str) -> Result<Option<UnixTime>> {
    opt_string(object, key)
        .map(|raw| UnixTime::parse(&raw).map_err(|_| Malformed))
        .transpose()
}

fn time(object: &JsValue, key: &str) -> Result<UnixTime> {
    opt_time(object, key)?.ok_or(Malformed)
}

fn list<T>(object: &JsValue, key: &str, item: fn(&JsValue) -> Result<T>) -> Result<Vec<T>> {
    let array: Array = get(object, key).dyn_into().map_err(|_| Malformed)?;
    array.iter().map(|value| item(&value)).collect()
}

fn status(object: &JsValue, key: &str) -> Result<TrackingStatus> {
    let name = string(object, key)?;
    // Variant names, as serde writes them.
    Ok(match name.as_str() {
        "Pending" => TrackingStatus::Pending,
        "InfoReceived" => TrackingStatus::InfoReceived,
        "InTransit" => TrackingStatus::InTransit,
        "OutForDelivery" => TrackingStatus::OutForDelivery,
        "AttemptFail" => TrackingStatus::AttemptFail,
        "AvailableForPickup" => TrackingStatus::AvailableForPickup,
        "Delivered" => TrackingStatus::Delivered,
        "Exception" => TrackingStatus::Exception,
        "Expired" => TrackingStatus::Expired,
        _ => return Err(Malformed),
    })
}

fn step(object: &JsValue, key: &str) -> Result<Step> {
    let name = string(object, key)?;
    Ok(match name.as_str() {
        "Ordered" => Step::Ordered,
        "Shipped" => Step::Shipped,
        "InTransit" => Step::InTransit,
        "OutForDelivery" => Step::OutForDelivery,
        "Delivered" => Step::Delivered,
        _ => return Err(Malformed),
    })
}

/// `LookupResponse`
pub fn lookup_response(value: &JsValue) -> Result<LookupResponse> {
    Ok(LookupResponse {
        token: string(value, "token")?,
        expires_at: time(value, "expiresAt")?,
        order: order(&get(value, "order"))?,
    })
}

/// `OrderView`
pub fn order(value: &JsValue) -> Result<OrderView> {
    let status_view = get(value, "status");
    Ok(OrderView {
        id: OrderId::parse(&string(value, "id")?).map_err(|_| Malformed)?,
        order_number: string(value, "orderNumber")?,
        placed_at: time(value, "placedAt")?,
        customer_first_name: opt_string(value, "customerFirstName"),
        currency: string(value, "currency")?,
        total_minor: int(value, "totalMinor")?,
        cancelled: flag(value, "cancelled")?,
        status: OrderStatusView {
            step: step(&status_view, "step")?,
            status: status(&status_view, "status")?,
            cancelled: flag(&status_view, "cancelled")?,
            estimated_delivery: opt_time(&status_view, "estimatedDelivery")?,
            running_late: flag(&status_view, "runningLate")?,
        },
        line_items: list(value, "lineItems", line_item)?,
        shipments: list(value, "shipments", shipment)?,
        other_orders: other_orders(value),
    })
}

/// `otherOrders`: absent in older responses, and never worth failing the
/// order over, so a missing list is empty and an unreadable entry is skipped.
fn other_orders(value: &JsValue) -> Vec<OrderSummary> {
    get(value, "otherOrders")
        .dyn_into::<Array>()
        .map(|array| {
            array
                .iter()
                .filter_map(|value| order_summary(&value).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn order_summary(value: &JsValue) -> Result<OrderSummary> {
    Ok(OrderSummary {
        id: OrderId::parse(&string(value, "id")?).map_err(|_| Malformed)?,
        order_number: string(value, "orderNumber")?,
        placed_at: time(value, "placedAt")?,
        step: step(value, "step")?,
        status: status(value, "status")?,
        cancelled: flag(value, "cancelled")?,
        token: string(value, "token")?,
    })
}

fn line_item(value: &JsValue) -> Result<LineItemView> {
    Ok(LineItemView {
        id: string(value, "id")?,
        title: string(value, "title")?,
        variant_title: opt_string(value, "variantTitle"),
        quantity: u32::try_from(int(value, "quantity")?).map_err(|_| Malformed)?,
        unit_price_minor: int(value, "unitPriceMinor")?,
        image_url: opt_string(value, "imageUrl"),
    })
}

fn shipment(value: &JsValue) -> Result<ShipmentView> {
    Ok(ShipmentView {
        id: string(value, "id")?,
        carrier: opt_string(value, "carrier"),
        tracking_number: opt_string(value, "trackingNumber"),
        tracking_url: opt_string(value, "trackingUrl"),
        status: status(value, "status")?,
        step: step(value, "step")?,
        estimated_delivery: opt_time(value, "estimatedDelivery")?,
        estimated_from_history: flag(value, "estimatedFromHistory").unwrap_or(false),
        running_late: flag(value, "runningLate")?,
        delivered_at: opt_time(value, "deliveredAt")?,
        checkpoints: list(value, "checkpoints", checkpoint)?,
        // The widget does not show which items are in which parcel yet.
        items: Vec::new(),
    })
}

fn checkpoint(value: &JsValue) -> Result<CheckpointView> {
    Ok(CheckpointView {
        status: status(value, "status")?,
        sub_status: opt_string(value, "subStatus"),
        message: string(value, "message")?,
        location: opt_string(value, "location"),
        occurred_at: time(value, "occurredAt")?,
    })
}

/// The `code` of an `application/problem+json` body (`shared::api::Problem`),
/// if it is one the widget acts on; the strings come from the shared type.
pub fn problem_code(value: &JsValue) -> Option<ProblemCode> {
    let code = opt_string(value, "code")?;
    [
        ProblemCode::InvalidJson,
        ProblemCode::InvalidField,
        ProblemCode::Unauthorized,
        ProblemCode::TokenExpired,
        ProblemCode::NotFound,
        ProblemCode::RateLimited,
        ProblemCode::ReturnRefused,
        ProblemCode::AlreadyAnswered,
    ]
    .into_iter()
    .find(|known| known.as_str() == code)
}

/// `ReturnOptions`
pub fn return_options(value: &JsValue) -> Result<ReturnOptions> {
    let policy = get(value, "policy");
    let strings = |key| list(&policy, key, |line| line.as_string().ok_or(Malformed));
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

fn return_item(value: &JsValue) -> Result<ReturnItemOption> {
    let refusal = get(value, "refusal");
    Ok(ReturnItemOption {
        line_item_id: string(value, "lineItemId")?,
        title: string(value, "title")?,
        remaining: count(value, "remaining")?,
        last_day: opt_string(value, "lastDay"),
        resolutions: list(value, "resolutions", |name| {
            resolution(&name.as_string().unwrap_or_default())
        })?,
        refusal: if refusal.is_object() {
            Some(item_refusal(&refusal)?)
        } else {
            None
        },
    })
}

fn reason_option(value: &JsValue) -> Result<ReasonOption> {
    Ok(ReasonOption {
        id: string(value, "id")?,
        label: string(value, "label")?,
        requires_comment: flag(value, "requiresComment")?,
        requires_photo: flag(value, "requiresPhoto")?,
        // `[id, label]` pairs.
        sub_reasons: list(value, "subReasons", |pair| {
            Ok((string(pair, "0")?, string(pair, "1")?))
        })?,
    })
}

fn offer(value: &JsValue) -> Result<ResolutionOffer> {
    Ok(ResolutionOffer {
        resolution: resolution(&string(value, "resolution")?)?,
        terms: Terms {
            fee_minor: int(value, "feeMinor").unwrap_or(0),
            bonus_percent: u16::try_from(int(value, "bonusPercent").unwrap_or(0))
                .map_err(|_| Malformed)?,
        },
    })
}

/// `ReturnView`: a return on file, or the one just created.
pub fn return_view(value: &JsValue) -> Result<ReturnView> {
    Ok(ReturnView {
        rma: string(value, "rma")?,
        status: return_status(&string(value, "status")?)?,
        created_at: time(value, "createdAt")?,
        approved: ApprovedReturn {
            resolution: resolution(&string(value, "resolution")?)?,
            currency: string(value, "currency")?,
            items: list(value, "items", approved_item)?,
            items_minor: int(value, "itemsMinor")?,
            bonus_minor: int(value, "bonusMinor")?,
            fee_minor: int(value, "feeMinor")?,
            total_minor: int(value, "totalMinor")?,
        },
        // `#[serde(default)]` on the shared type: absent means none.
        history: if get(value, "history").is_undefined() {
            Vec::new()
        } else {
            list(value, "history", history_entry)?
        },
    })
}

fn history_entry(value: &JsValue) -> Result<ReturnHistoryEntry> {
    Ok(ReturnHistoryEntry {
        at: time(value, "at")?,
        actor: match string(value, "actor")?.as_str() {
            "shopper" => Actor::Shopper,
            "merchant" => Actor::Merchant,
            "system" => Actor::System,
            _ => return Err(Malformed),
        },
        from: opt_string(value, "from")
            .map(|name| return_status(&name))
            .transpose()?,
        to: return_status(&string(value, "to")?)?,
        note: opt_string(value, "note"),
    })
}

fn approved_item(value: &JsValue) -> Result<ApprovedItem> {
    let reason = get(value, "reason");
    Ok(ApprovedItem {
        line_item_id: string(value, "lineItemId")?,
        quantity: count(value, "quantity")?,
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
pub fn refusals(value: &JsValue) -> Result<Vec<ItemRefusal>> {
    list(value, "refusals", item_refusal)
}

fn item_refusal(value: &JsValue) -> Result<ItemRefusal> {
    Ok(ItemRefusal {
        line_item_id: opt_string(value, "lineItemId"),
        code: refusal_code(&string(value, "code")?)?,
        reason: string(value, "reason")?,
    })
}

fn count(object: &JsValue, key: &str) -> Result<u32> {
    u32::try_from(int(object, key)?).map_err(|_| Malformed)
}

/// Serde's snake_case names.
fn resolution(name: &str) -> Result<Resolution> {
    Ok(match name {
        "refund" => Resolution::Refund,
        "store_credit" => Resolution::StoreCredit,
        "exchange" => Resolution::Exchange,
        _ => return Err(Malformed),
    })
}

fn return_status(name: &str) -> Result<ReturnStatus> {
    use ReturnStatus::*;
    Ok(match name {
        "requested" => Requested,
        "approved" => Approved,
        "in_transit" => InTransit,
        "received" => Received,
        "refunded" => Refunded,
        "credited" => Credited,
        "exchanged" => Exchanged,
        "closed" => Closed,
        "rejected" => Rejected,
        "cancelled" => Cancelled,
        _ => return Err(Malformed),
    })
}

fn refusal_code(name: &str) -> Result<RefusalCode> {
    use RefusalCode::*;
    Ok(match name {
        "order_cancelled" => OrderCancelled,
        "currency_mismatch" => CurrencyMismatch,
        "excluded" => Excluded,
        "final_sale" => FinalSale,
        "not_shipped" => NotShipped,
        "not_delivered" => NotDelivered,
        "window_closed" => WindowClosed,
        "already_refunded" => AlreadyRefunded,
        "already_returned" => AlreadyReturned,
        "quantity_too_high" => QuantityTooHigh,
        "resolution_not_offered" => ResolutionNotOffered,
        "exchange_only" => ExchangeOnly,
        "unknown_item" => UnknownItem,
        "duplicate_item" => DuplicateItem,
        "invalid_quantity" => InvalidQuantity,
        "nothing_selected" => NothingSelected,
        "exchange_variant_required" => ExchangeVariantRequired,
        "unknown_reason" => UnknownReason,
        "sub_reason_required" => SubReasonRequired,
        "comment_required" => CommentRequired,
        "comment_too_long" => CommentTooLong,
        "photo_required" => PhotoRequired,
        "photo_invalid" => PhotoInvalid,
        _ => return Err(Malformed),
    })
}

/// An object field that is `null` or absent reads as `None`.
fn opt_object<T>(
    object: &JsValue,
    key: &str,
    item: fn(&JsValue) -> Result<T>,
) -> Result<Option<T>> {
    let value = get(object, key);
    if value.is_object() {
        item(&value).map(Some)
    } else {
        Ok(None)
    }
}

fn unsigned(object: &JsValue, key: &str) -> Result<u64> {
    u64::try_from(int(object, key)?).map_err(|_| Malformed)
}

fn small(object: &JsValue, key: &str) -> Result<u8> {
    u8::try_from(int(object, key)?).map_err(|_| Malformed)
}

/// `EngagementView`. A prompt of a kind this widget does not know fails
/// the whole view, which then shows nothing, as if no prompt were due.
pub fn engagement(value: &JsValue) -> Result<EngagementView> {
    Ok(EngagementView {
        prompt: opt_object(value, "prompt", |view| {
            Ok(PromptView {
                prompt: prompt(&get(view, "prompt"))?,
                content: content(&get(view, "content"))?,
            })
        })?,
        rule: opt_string(value, "rule").unwrap_or_default(),
    })
}

/// `Prompt`, tagged by `kind` (serde's camelCase variant names).
fn prompt(value: &JsValue) -> Result<Prompt> {
    Ok(match string(value, "kind")?.as_str() {
        "reviewRequest" => Prompt::ReviewRequest {
            product: ProductId::parse(&string(value, "product")?).map_err(|_| Malformed)?,
        },
        "referralOffer" => Prompt::ReferralOffer,
        "nps" => Prompt::Nps,
        "recommendations" => Prompt::Recommendations {
            discount: flag(value, "discount")?,
        },
        "usageTips" => Prompt::UsageTips,
        "thankYou" => Prompt::ThankYou,
        _ => return Err(Malformed),
    })
}

/// `PromptContent`, tagged by `kind` like the prompt.
fn content(value: &JsValue) -> Result<PromptContent> {
    Ok(match string(value, "kind")?.as_str() {
        "reviewRequest" => PromptContent::ReviewRequest {
            line_item_id: string(value, "lineItemId")?,
            product_id: string(value, "productId")?,
            title: string(value, "title")?,
            image_url: opt_string(value, "imageUrl"),
            incentive: opt_object(value, "incentive", incentive)?,
        },
        "referralOffer" => PromptContent::ReferralOffer,
        "nps" => PromptContent::Nps {
            shop_name: opt_string(value, "shopName").unwrap_or_default(),
        },
        "recommendations" => PromptContent::Recommendations {
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
        "usageTips" => PromptContent::UsageTips {
            tips: list(value, "tips", |tip| {
                Ok(UsageTip {
                    title: string(tip, "title")?,
                    body: string(tip, "body")?,
                    url: opt_string(tip, "url"),
                })
            })?,
        },
        "thankYou" => PromptContent::ThankYou {
            first_name: opt_string(value, "firstName"),
            message: opt_string(value, "message"),
        },
        _ => return Err(Malformed),
    })
}

/// `Incentive`, tagged by `type`.
fn incentive(value: &JsValue) -> Result<Incentive> {
    Ok(match string(value, "type")?.as_str() {
        "points" => Incentive::Points {
            points: unsigned(value, "points")?,
        },
        "amount" => Incentive::Amount {
            minor: int(value, "minor")?,
        },
        "percent" => Incentive::Percent {
            percent: small(value, "percent")?,
        },
        _ => return Err(Malformed),
    })
}

/// `ReviewReceipt`
pub fn review_receipt(value: &JsValue) -> Result<ReviewReceipt> {
    Ok(ReviewReceipt {
        id: string(value, "id")?,
        status: ModerationStatus::from_name(&string(value, "status")?).ok_or(Malformed)?,
        verified: flag(value, "verified")?,
        incentivized: flag(value, "incentivized")?,
        coupon: opt_string(value, "coupon"),
    })
}

/// `RewardsView`
pub fn rewards(value: &JsValue) -> Result<RewardsView> {
    Ok(RewardsView {
        referral: opt_object(value, "referral", |card| {
            Ok(ReferralCard {
                code: string(card, "code")?,
                share_url: string(card, "shareUrl")?,
                friend_offer: incentive(&get(card, "friendOffer"))?,
                reward: incentive(&get(card, "reward"))?,
                friends_rewarded: count(card, "friendsRewarded")?,
            })
        })?,
        loyalty: opt_object(value, "loyalty", |loyalty| {
            Ok(LoyaltyView {
                balance: unsigned(loyalty, "balance")?,
                tier: opt_string(loyalty, "tier"),
                next_tier: opt_string(loyalty, "nextTier"),
                points_to_next: unsigned(loyalty, "pointsToNext")?,
                progress_percent: small(loyalty, "progressPercent")?,
            })
        })?,
    })
}
