//! A shopper's return request, checked as a whole, and the money it moves.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::UnixTime;
use crate::i18n::Lang;
use crate::order::{LineItem, Order};
use crate::tracking::Timeline;

use super::catalog::ProductCatalog;
use super::eligibility::{Clock, ItemContext, Refusal, RefusalCode, check_item};
use super::lifecycle::ReturnStatus;
use super::policy::{Deadline, ReturnPolicy, WindowStart};
use super::reasons::{self, ChosenReason};
use super::resolution::{Resolution, Terms};

/// The order as the return engine needs it: the order, what the catalog
/// says about its products, and refunds made outside aftercart.
#[derive(Debug, Clone, Copy)]
pub struct ReturnableOrder<'a> {
    pub order: &'a Order,
    pub products: &'a ProductCatalog,
    /// `(line item id, units)` the shop refunded, as its order webhooks
    /// say (the line items' quantities are already net of them). Units of a
    /// return here that the shop refunded are in both this and the earlier
    /// returns, and count once.
    pub refunded: &'a [(String, u32)],
}

/// A return already on file for this order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EarlierReturn {
    pub status: ReturnStatus,
    pub items: Vec<ReturnedUnits>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnedUnits {
    pub line_item_id: String,
    pub quantity: u32,
}

/// What the shopper submits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnRequest {
    pub items: Vec<RequestedItem>,
    pub resolution: Resolution,
    /// The shopper's language, for the reasons in refusals.
    #[serde(default)]
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RequestedItem {
    pub line_item_id: String,
    pub quantity: u32,
    pub reason: ChosenReason,
    /// The variant wanted instead; required for exchanges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_variant_id: Option<String>,
}

/// One refused item. `line_item_id` is `None` only when the request as a
/// whole is refused before any item is looked at (it has no items).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemRefusal {
    pub line_item_id: Option<String>,
    pub code: RefusalCode,
    /// Plain language, in the request's language.
    pub reason: String,
}

impl ItemRefusal {
    fn new(line_item_id: Option<&str>, refusal: Refusal, lang: Lang) -> Self {
        Self {
            line_item_id: line_item_id.map(str::to_owned),
            code: refusal.code(),
            reason: refusal.message(lang),
        }
    }
}

/// An approved return and the money it moves, all in minor units of
/// `currency`.
///
/// `total_minor = items_minor + bonus_minor - fee_minor`: the refund to the
/// original payment, the store credit issued, or for an exchange the value
/// carried over to the replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApprovedReturn {
    pub resolution: Resolution,
    pub currency: String,
    pub items: Vec<ApprovedItem>,
    pub items_minor: i64,
    /// Store-credit bonus: `floor(items_minor * bonus% / 100)`. Rounded down
    /// so the shop never gives more than it promised.
    pub bonus_minor: i64,
    /// The policy fee for the resolution, capped so the total never goes
    /// below zero: the shopper never owes money for returning.
    pub fee_minor: i64,
    pub total_minor: i64,
}

/// The money of a return: what the shopper is shown before confirming and
/// what the server settles, from one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Amounts {
    pub items_minor: i64,
    pub bonus_minor: i64,
    pub fee_minor: i64,
    pub total_minor: i64,
}

impl Amounts {
    /// The amounts for items worth `items_minor` under a resolution's terms.
    /// Integer minor units; arithmetic saturates rather than wraps, so
    /// corrupt prices can only under-pay, never over-pay.
    pub fn settle(resolution: Resolution, terms: Terms, items_minor: i64) -> Self {
        let bonus_minor = match resolution {
            Resolution::StoreCredit => percent_floor(items_minor, terms.bonus_percent),
            Resolution::Refund | Resolution::Exchange => 0,
        };
        let gross = items_minor.saturating_add(bonus_minor);
        let fee_minor = terms.fee_minor.clamp(0, gross.max(0));
        Self {
            items_minor,
            bonus_minor,
            fee_minor,
            total_minor: gross - fee_minor,
        }
    }
}

/// What `quantity` units of a line at `unit_price_minor` bring back. A
/// negative "price" is a discount line, not money to give back.
pub fn line_amount(unit_price_minor: i64, quantity: u32) -> i64 {
    unit_price_minor.max(0).saturating_mul(i64::from(quantity))
}

/// The resolutions every one of the chosen items allows, in display order
/// (an exchange-only item leaves only exchange for the whole return).
pub fn common_resolutions<'a>(
    per_item: impl IntoIterator<Item = &'a [Resolution]>,
) -> Vec<Resolution> {
    let mut common = Resolution::ALL.to_vec();
    for allowed in per_item {
        common.retain(|r| allowed.contains(r));
    }
    common
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApprovedItem {
    pub line_item_id: String,
    pub quantity: u32,
    pub unit_price_minor: i64,
    /// `unit_price_minor * quantity`.
    pub amount_minor: i64,
    pub reason: ChosenReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_variant_id: Option<String>,
}

/// Whether one line item can be returned, for showing the order before the
/// shopper picks anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemAssessment {
    pub line_item_id: String,
    pub outcome: Result<Returnable, Refusal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returnable {
    pub remaining: u32,
    pub deadline: Deadline,
    /// The resolutions this item may take, in display order.
    pub resolutions: Vec<Resolution>,
}

/// Units of `line_item_id` taken by earlier returns. Every return counts
/// unless it was rejected or cancelled, including ones still in flight:
/// a unit promised to one return cannot be promised to another. The edge
/// enforces this atomically; this is the rule it enforces.
pub fn units_in_earlier_returns(line_item_id: &str, earlier: &[EarlierReturn]) -> u32 {
    earlier
        .iter()
        .filter(|r| r.status.holds_units())
        .flat_map(|r| &r.items)
        .filter(|u| u.line_item_id == line_item_id)
        .fold(0_u32, |sum, u| sum.saturating_add(u.quantity))
}

fn refunded_units(line_item_id: &str, refunded: &[(String, u32)]) -> u32 {
    refunded
        .iter()
        .filter(|(id, _)| id == line_item_id)
        .fold(0_u32, |sum, (_, n)| sum.saturating_add(*n))
}

/// When the item's return clock started, per the policy's basis.
///
/// The parcels holding an item are the shipments listing it; when no
/// shipment lists items at all (sources without parcel contents), every
/// shipment is taken to hold everything. An item split over parcels starts
/// its clock when the last of them ships or arrives.
fn clock(order: &Order, item: &LineItem, policy: &ReturnPolicy, days: u16) -> Clock {
    let any_contents = order.shipments.iter().any(|s| !s.items.is_empty());
    let parcels: Vec<_> = order
        .shipments
        .iter()
        .filter(|s| {
            !any_contents
                || s.items
                    .iter()
                    .any(|(id, quantity)| *id == item.id && *quantity > 0)
        })
        .collect();
    let Some(last_shipped) = parcels.iter().map(|s| s.created_at).max() else {
        return Clock::NotShipped;
    };
    let start = match policy.window.starts_at {
        WindowStart::OrderDate => order.placed_at,
        WindowStart::Fulfillment => last_shipped,
        WindowStart::Delivery => {
            let deliveries: Option<Vec<UnixTime>> = parcels
                .iter()
                .map(|s| Timeline::build(s.checkpoints.iter().cloned()).delivered_at)
                .collect();
            match deliveries.and_then(|d| d.into_iter().max()) {
                Some(at) => at,
                None => return Clock::NotDelivered,
            }
        }
    };
    Clock::Started(policy.deadline(start, days))
}

fn context<'a>(
    order: &ReturnableOrder<'a>,
    earlier: &[EarlierReturn],
    policy: &'a ReturnPolicy,
    item: &'a LineItem,
    now: UnixTime,
) -> ItemContext<'a> {
    let terms = policy.terms_for(item, order.products.facts(item));
    ItemContext {
        policy,
        order: order.order,
        item,
        terms,
        clock: clock(order.order, item, policy, terms.window_days),
        now,
        returned: units_in_earlier_returns(&item.id, earlier),
        refunded: refunded_units(&item.id, order.refunded),
        requested: 1,
        resolution: None,
    }
}

/// Whether each line item can be returned at `now`, and until when.
pub fn assess(
    order: &ReturnableOrder<'_>,
    earlier: &[EarlierReturn],
    policy: &ReturnPolicy,
    now: UnixTime,
) -> Vec<ItemAssessment> {
    order
        .order
        .line_items
        .iter()
        .map(|item| {
            let ctx = context(order, earlier, policy, item, now);
            let outcome = check_item(&ctx).and_then(|()| match ctx.clock {
                Clock::Started(deadline) => Ok(Returnable {
                    remaining: ctx.remaining(),
                    deadline,
                    resolutions: policy
                        .resolutions
                        .offered()
                        .map(|(r, _)| r)
                        .filter(|r| !ctx.terms.exchange_only || *r == Resolution::Exchange)
                        .collect(),
                }),
                // `check_item` refuses both before we get here.
                Clock::NotShipped => Err(Refusal::NotShipped),
                Clock::NotDelivered => Err(Refusal::NotDelivered),
            });
            ItemAssessment {
                line_item_id: item.id.clone(),
                outcome,
            }
        })
        .collect()
}

/// Checks a return request as a whole: every item must pass, or the
/// shopper gets every item's refusal at once (one per item, the most
/// fundamental) and can fix them in one go.
pub fn check_request(
    order: &ReturnableOrder<'_>,
    earlier: &[EarlierReturn],
    policy: &ReturnPolicy,
    request: &ReturnRequest,
    now: UnixTime,
) -> Result<ApprovedReturn, Vec<ItemRefusal>> {
    let lang = request.lang;
    if request.items.is_empty() {
        return Err(vec![ItemRefusal::new(None, Refusal::NothingSelected, lang)]);
    }
    let mut refusals = Vec::new();
    let mut approved = Vec::with_capacity(request.items.len());
    let mut seen = BTreeSet::new();
    for wanted in &request.items {
        let id = wanted.line_item_id.trim();
        // Each line once: quantities of a repeated line would be checked
        // against the remaining units separately and could over-count.
        let checked = if seen.insert(id) {
            check_one(order, earlier, policy, request.resolution, wanted, now)
        } else {
            Err(Refusal::DuplicateItem)
        };
        match checked {
            Ok(item) => approved.push(item),
            Err(refusal) => refusals.push(ItemRefusal::new(Some(id), refusal, lang)),
        }
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(settle(policy, request.resolution, approved))
}

fn check_one(
    order: &ReturnableOrder<'_>,
    earlier: &[EarlierReturn],
    policy: &ReturnPolicy,
    resolution: Resolution,
    wanted: &RequestedItem,
    now: UnixTime,
) -> Result<ApprovedItem, Refusal> {
    let id = wanted.line_item_id.trim();
    let item = order
        .order
        .line_items
        .iter()
        .find(|li| li.id == id)
        .ok_or(Refusal::UnknownItem)?;
    if wanted.quantity == 0 {
        return Err(Refusal::InvalidQuantity);
    }
    let ctx = ItemContext {
        requested: wanted.quantity,
        resolution: Some(resolution),
        ..context(order, earlier, policy, item, now)
    };
    check_item(&ctx)?;
    let reason = reasons::validate(&policy.reasons, &wanted.reason)?;
    let exchange_variant_id = wanted
        .exchange_variant_id
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned);
    if resolution == Resolution::Exchange && exchange_variant_id.is_none() {
        return Err(Refusal::ExchangeVariantRequired);
    }
    Ok(ApprovedItem {
        line_item_id: item.id.clone(),
        quantity: wanted.quantity,
        unit_price_minor: item.unit_price_minor.max(0),
        amount_minor: line_amount(item.unit_price_minor, wanted.quantity),
        reason,
        exchange_variant_id,
    })
}

/// The money, by [`Amounts::settle`].
fn settle(
    policy: &ReturnPolicy,
    resolution: Resolution,
    items: Vec<ApprovedItem>,
) -> ApprovedReturn {
    let terms = policy.resolutions.terms(resolution).unwrap_or_default();
    let items_minor = items
        .iter()
        .fold(0_i64, |sum, i| sum.saturating_add(i.amount_minor));
    let amounts = Amounts::settle(resolution, terms, items_minor);
    ApprovedReturn {
        resolution,
        currency: policy.currency.trim().to_ascii_uppercase(),
        items,
        items_minor,
        bonus_minor: amounts.bonus_minor,
        fee_minor: amounts.fee_minor,
        total_minor: amounts.total_minor,
    }
}

/// `floor(amount * percent / 100)` for non-negative amounts, split so it
/// cannot overflow for any `i64` amount and `percent <= 100`.
fn percent_floor(amount: i64, percent: u16) -> i64 {
    let percent = i64::from(percent.min(100));
    (amount / 100) * percent + (amount % 100) * percent / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_floor_rounds_down_and_never_overflows() {
        assert_eq!(percent_floor(0, 10), 0);
        assert_eq!(percent_floor(99, 10), 9);
        assert_eq!(percent_floor(1_999, 10), 199);
        assert_eq!(percent_floor(12_345, 15), 1_851);
        assert_eq!(percent_floor(i64::MAX, 100), i64::MAX);
        assert_eq!(percent_floor(i64::MAX, 50), i64::MAX / 2);
    }

    #[test]
    fn amounts_add_the_bonus_and_take_the_fee_never_below_zero() {
        let credit = Terms {
            fee_minor: 0,
            bonus_percent: 10,
        };
        assert_eq!(
            Amounts::settle(Resolution::StoreCredit, credit, 19_900),
            Amounts {
                items_minor: 19_900,
                bonus_minor: 1_990,
                fee_minor: 0,
                total_minor: 21_890,
            }
        );
        // A bonus means nothing for a refund; the fee is taken.
        let refund = Terms {
            fee_minor: 4_900,
            bonus_percent: 10,
        };
        let amounts = Amounts::settle(Resolution::Refund, refund, 449_900);
        assert_eq!((amounts.bonus_minor, amounts.total_minor), (0, 445_000));
        // The fee is capped at what comes back: the shopper never pays.
        let amounts = Amounts::settle(Resolution::Refund, refund, 1_000);
        assert_eq!((amounts.fee_minor, amounts.total_minor), (1_000, 0));
        // A line of discount (negative price) brings nothing back.
        assert_eq!(line_amount(-500, 2), 0);
        assert_eq!(line_amount(19_900, 3), 59_700);
    }

    #[test]
    fn common_resolutions_keep_what_every_item_allows_in_order() {
        use Resolution::*;
        let all: &[Resolution] = &[Refund, StoreCredit, Exchange];
        let exchange_only: &[Resolution] = &[Exchange];
        assert_eq!(
            common_resolutions([all, all]),
            vec![Refund, StoreCredit, Exchange]
        );
        assert_eq!(common_resolutions([all, exchange_only]), vec![Exchange]);
        assert_eq!(
            common_resolutions([&[StoreCredit, Refund][..], all]),
            vec![Refund, StoreCredit]
        );
        assert_eq!(common_resolutions([exchange_only, &[Refund][..]]), vec![]);
    }
}
