//! Eligibility as a list of small validators.
//!
//! Each validator looks at one [`ItemContext`] and says `Ok` or gives one
//! [`Refusal`]. They run in [`VALIDATORS`] order and the first refusal is
//! the one the shopper sees: permanent reasons (cancelled, excluded, final
//! sale) come before temporary ones (not delivered yet), and facts about
//! the item before problems with how the form was filled in.

use crate::i18n::{Lang, Msg, fill};
use crate::order::{LineItem, Order};
use crate::wire::wire_enum;
use crate::{Date, UnixTime};

use super::format;
use super::policy::{Deadline, ItemTerms, ReturnPolicy};
use super::reasons::{MAX_COMMENT_CHARS, ReasonError};
use super::resolution::Resolution;

/// Why an item cannot be returned as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the order was cancelled")]
    OrderCancelled,
    #[error("the order's currency is not the policy's")]
    CurrencyMismatch,
    #[error("the item is excluded from returns")]
    Excluded,
    #[error("the item is final sale")]
    FinalSale,
    #[error("the item has not shipped")]
    NotShipped,
    #[error("the item has not been delivered")]
    NotDelivered,
    #[error("the {days}-day window ended on {}", last_day.iso())]
    WindowClosed { days: u16, last_day: Date },
    #[error("the item was refunded in full")]
    AlreadyRefunded,
    #[error("every unit has been returned already")]
    AlreadyReturned,
    #[error("only {remaining} units are left to return")]
    QuantityTooHigh { remaining: u32 },
    #[error("the policy does not offer this resolution")]
    ResolutionNotOffered,
    #[error("the item can only be exchanged")]
    ExchangeOnly,
    #[error("the line item is not in the order")]
    UnknownItem,
    #[error("the line item appears twice in the request")]
    DuplicateItem,
    #[error("the quantity must be at least 1")]
    InvalidQuantity,
    #[error("the request has no items")]
    NothingSelected,
    #[error("an exchange needs the variant wanted instead")]
    ExchangeVariantRequired,
    #[error(transparent)]
    Reason(#[from] ReasonError),
}

wire_enum! {
    /// The stable, machine-readable form of a [`Refusal`]. The set only grows;
    /// a code never changes meaning.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum RefusalCode {
        OrderCancelled = "order_cancelled",
        CurrencyMismatch = "currency_mismatch",
        Excluded = "excluded",
        FinalSale = "final_sale",
        NotShipped = "not_shipped",
        NotDelivered = "not_delivered",
        WindowClosed = "window_closed",
        AlreadyRefunded = "already_refunded",
        AlreadyReturned = "already_returned",
        QuantityTooHigh = "quantity_too_high",
        ResolutionNotOffered = "resolution_not_offered",
        ExchangeOnly = "exchange_only",
        UnknownItem = "unknown_item",
        DuplicateItem = "duplicate_item",
        InvalidQuantity = "invalid_quantity",
        NothingSelected = "nothing_selected",
        ExchangeVariantRequired = "exchange_variant_required",
        UnknownReason = "unknown_reason",
        SubReasonRequired = "sub_reason_required",
        CommentRequired = "comment_required",
        CommentTooLong = "comment_too_long",
        PhotoRequired = "photo_required",
        PhotoInvalid = "photo_invalid",
    }
}

impl Refusal {
    pub fn code(&self) -> RefusalCode {
        use RefusalCode as C;
        match self {
            Self::OrderCancelled => C::OrderCancelled,
            Self::CurrencyMismatch => C::CurrencyMismatch,
            Self::Excluded => C::Excluded,
            Self::FinalSale => C::FinalSale,
            Self::NotShipped => C::NotShipped,
            Self::NotDelivered => C::NotDelivered,
            Self::WindowClosed { .. } => C::WindowClosed,
            Self::AlreadyRefunded => C::AlreadyRefunded,
            Self::AlreadyReturned => C::AlreadyReturned,
            Self::QuantityTooHigh { .. } => C::QuantityTooHigh,
            Self::ResolutionNotOffered => C::ResolutionNotOffered,
            Self::ExchangeOnly => C::ExchangeOnly,
            Self::UnknownItem => C::UnknownItem,
            Self::DuplicateItem => C::DuplicateItem,
            Self::InvalidQuantity => C::InvalidQuantity,
            Self::NothingSelected => C::NothingSelected,
            Self::ExchangeVariantRequired => C::ExchangeVariantRequired,
            Self::Reason(ReasonError::UnknownReason) => C::UnknownReason,
            Self::Reason(ReasonError::SubReasonRequired) => C::SubReasonRequired,
            Self::Reason(ReasonError::CommentRequired) => C::CommentRequired,
            Self::Reason(ReasonError::CommentTooLong) => C::CommentTooLong,
            Self::Reason(ReasonError::PhotoRequired) => C::PhotoRequired,
            Self::Reason(ReasonError::PhotoInvalid) => C::PhotoInvalid,
        }
    }

    /// The plain-language reason in the shopper's language, values filled.
    pub fn message(&self, lang: Lang) -> String {
        let text = |msg| lang.text(msg).to_owned();
        match *self {
            Self::OrderCancelled => text(Msg::ReturnOrderCancelled),
            Self::CurrencyMismatch => text(Msg::ReturnCurrencyMismatch),
            Self::Excluded => text(Msg::ReturnExcluded),
            Self::FinalSale => text(Msg::ReturnFinalSale),
            Self::NotShipped => text(Msg::ReturnNotShipped),
            Self::NotDelivered => text(Msg::ReturnNotDelivered),
            Self::WindowClosed { days, last_day } => fill(
                lang.text(Msg::ReturnWindowClosed),
                &[
                    ("period", &format::period_days(u32::from(days), lang)),
                    ("date", &format::date(last_day, lang)),
                ],
            ),
            Self::AlreadyRefunded => text(Msg::ReturnAlreadyRefunded),
            Self::AlreadyReturned => text(Msg::ReturnAlreadyReturned),
            Self::QuantityTooHigh { remaining } => fill(
                lang.text(Msg::ReturnQuantityTooHigh),
                &[("n", &remaining.to_string())],
            ),
            Self::ResolutionNotOffered => text(Msg::ReturnResolutionNotOffered),
            Self::ExchangeOnly => text(Msg::ReturnExchangeOnly),
            Self::UnknownItem => text(Msg::ReturnUnknownItem),
            Self::DuplicateItem => text(Msg::ReturnDuplicateItem),
            Self::InvalidQuantity => text(Msg::ReturnInvalidQuantity),
            Self::NothingSelected => text(Msg::ReturnNothingSelected),
            Self::ExchangeVariantRequired => text(Msg::ReturnExchangeVariantRequired),
            Self::Reason(ReasonError::UnknownReason) => text(Msg::ReturnReasonUnknown),
            Self::Reason(ReasonError::SubReasonRequired) => text(Msg::ReturnSubReasonRequired),
            Self::Reason(ReasonError::CommentRequired) => text(Msg::ReturnCommentRequired),
            Self::Reason(ReasonError::CommentTooLong) => fill(
                lang.text(Msg::ReturnCommentTooLong),
                &[("max", &MAX_COMMENT_CHARS.to_string())],
            ),
            Self::Reason(ReasonError::PhotoRequired) => text(Msg::ReturnPhotoRequired),
            Self::Reason(ReasonError::PhotoInvalid) => text(Msg::ReturnPhotoInvalid),
        }
    }
}

/// Where an item's return clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Nothing holding the item has shipped.
    NotShipped,
    /// The window counts from delivery and the item has not arrived.
    NotDelivered,
    Started(Deadline),
}

/// Everything a validator may look at for one item.
#[derive(Debug, Clone, Copy)]
pub struct ItemContext<'a> {
    pub policy: &'a ReturnPolicy,
    pub order: &'a Order,
    pub item: &'a LineItem,
    pub terms: ItemTerms,
    pub clock: Clock,
    pub now: UnixTime,
    /// Units in earlier returns that were not rejected or cancelled.
    pub returned: u32,
    /// Units the shop refunded (in its admin, its payment provider, or for
    /// a return here): the item's `quantity` is already net of them.
    pub refunded: u32,
    /// Units asked for now; 1 when only asking "can this be returned?".
    pub requested: u32,
    /// `None` when no resolution has been chosen yet.
    pub resolution: Option<Resolution>,
}

impl ItemContext<'_> {
    /// Units ordered: what the shopper still has plus what was refunded.
    fn ordered(&self) -> u32 {
        self.item.quantity.saturating_add(self.refunded)
    }

    /// Units still returnable: of the units ordered, those neither in an
    /// earlier return nor refunded. A return here that the shop has since
    /// refunded is both, so the larger of the two is gone, not their sum.
    /// Saturating: bad data can only make it 0.
    pub fn remaining(&self) -> u32 {
        self.ordered()
            .saturating_sub(self.returned.max(self.refunded))
    }
}

pub type Validator = fn(&ItemContext<'_>) -> Result<(), Refusal>;

/// Every eligibility rule, in the order refusals take precedence.
pub const VALIDATORS: [Validator; 10] = [
    order_not_cancelled,
    currency_matches,
    not_excluded,
    not_final_sale,
    has_arrived,
    within_window,
    not_refunded,
    quantity_remaining,
    resolution_offered,
    resolution_allowed_for_item,
];

/// The first refusal among [`VALIDATORS`], if any.
pub fn check_item(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    VALIDATORS.iter().try_for_each(|validate| validate(ctx))
}

pub fn order_not_cancelled(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    match ctx.order.cancelled_at {
        Some(_) => Err(Refusal::OrderCancelled),
        None => Ok(()),
    }
}

/// Fees are in the policy's currency; charging them on an order in another
/// currency would silently change money, so such orders go to the merchant.
pub fn currency_matches(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    if ctx
        .order
        .currency
        .trim()
        .eq_ignore_ascii_case(ctx.policy.currency.trim())
    {
        Ok(())
    } else {
        Err(Refusal::CurrencyMismatch)
    }
}

pub fn not_excluded(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    if ctx.terms.excluded {
        Err(Refusal::Excluded)
    } else {
        Ok(())
    }
}

pub fn not_final_sale(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    if ctx.terms.final_sale {
        Err(Refusal::FinalSale)
    } else {
        Ok(())
    }
}

pub fn has_arrived(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    match ctx.clock {
        Clock::NotShipped => Err(Refusal::NotShipped),
        Clock::NotDelivered => Err(Refusal::NotDelivered),
        Clock::Started(_) => Ok(()),
    }
}

pub fn within_window(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    match ctx.clock {
        Clock::Started(deadline) if !deadline.is_open(ctx.now) => Err(Refusal::WindowClosed {
            days: deadline.days,
            last_day: deadline.last_day,
        }),
        _ => Ok(()),
    }
}

pub fn not_refunded(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    if ctx.refunded > 0 && ctx.refunded >= ctx.ordered() {
        Err(Refusal::AlreadyRefunded)
    } else {
        Ok(())
    }
}

pub fn quantity_remaining(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    let remaining = ctx.remaining();
    if remaining == 0 {
        Err(Refusal::AlreadyReturned)
    } else if ctx.requested > remaining {
        Err(Refusal::QuantityTooHigh { remaining })
    } else {
        Ok(())
    }
}

pub fn resolution_offered(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    match ctx.resolution {
        Some(r) if ctx.policy.resolutions.terms(r).is_none() => Err(Refusal::ResolutionNotOffered),
        _ => Ok(()),
    }
}

pub fn resolution_allowed_for_item(ctx: &ItemContext<'_>) -> Result<(), Refusal> {
    match ctx.resolution {
        Some(r) if ctx.terms.exchange_only && r != Resolution::Exchange => {
            Err(Refusal::ExchangeOnly)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::Shipment;
    use crate::returns::policy::{UtcOffset, Window, WindowStart};
    use crate::returns::resolution::{Resolutions, Terms};
    use crate::{OrderId, OrderNumber};

    fn policy() -> ReturnPolicy {
        ReturnPolicy {
            currency: "SEK".into(),
            default_lang: Lang::En,
            utc_offset_minutes: UtcOffset::UTC,
            window: Window {
                days: 30,
                starts_at: WindowStart::Delivery,
            },
            rules: Vec::new(),
            excluded: Vec::new(),
            condition_notes: Vec::new(),
            resolutions: Resolutions {
                refund: Some(Terms::default()),
                store_credit: None,
                exchange: Some(Terms::default()),
            },
            reasons: Vec::new(),
        }
    }

    fn order() -> Order {
        Order {
            id: OrderId::parse("o1").unwrap(),
            number: OrderNumber::parse("1001").unwrap(),
            display_number: "#1001".into(),
            email: None,
            customer_first_name: None,
            placed_at: UnixTime::from_secs(0),
            currency: "SEK".into(),
            total_minor: 30_000,
            cancelled_at: None,
            line_items: vec![LineItem {
                id: "li-1".into(),
                product_id: None,
                title: "Tent".into(),
                variant_title: None,
                sku: None,
                quantity: 3,
                unit_price_minor: 10_000,
                image_url: None,
            }],
            shipments: Vec::<Shipment>::new(),
        }
    }

    const DAY: i64 = crate::time::SECONDS_PER_DAY;

    fn ctx<'a>(policy: &'a ReturnPolicy, order: &'a Order) -> ItemContext<'a> {
        ItemContext {
            policy,
            order,
            item: &order.line_items[0],
            terms: ItemTerms {
                window_days: 30,
                final_sale: false,
                exchange_only: false,
                excluded: false,
            },
            clock: Clock::Started(policy.deadline(UnixTime::from_secs(DAY), 30)),
            now: UnixTime::from_secs(2 * DAY),
            returned: 0,
            refunded: 0,
            requested: 1,
            resolution: Some(Resolution::Refund),
        }
    }

    #[test]
    fn a_plain_item_passes_every_validator() {
        let (p, o) = (policy(), order());
        let c = ctx(&p, &o);
        for validate in VALIDATORS {
            assert_eq!(validate(&c), Ok(()));
        }
    }

    #[test]
    fn cancelled_orders_are_refused() {
        let p = policy();
        let mut o = order();
        o.cancelled_at = Some(UnixTime::from_secs(5));
        assert_eq!(
            order_not_cancelled(&ctx(&p, &o)),
            Err(Refusal::OrderCancelled)
        );
    }

    #[test]
    fn currency_must_match_case_insensitively() {
        let p = policy();
        let mut o = order();
        o.currency = "sek".into();
        assert_eq!(currency_matches(&ctx(&p, &o)), Ok(()));
        o.currency = "EUR".into();
        assert_eq!(
            currency_matches(&ctx(&p, &o)),
            Err(Refusal::CurrencyMismatch)
        );
    }

    #[test]
    fn excluded_and_final_sale_items_are_refused() {
        let (p, o) = (policy(), order());
        let mut c = ctx(&p, &o);
        c.terms.excluded = true;
        assert_eq!(not_excluded(&c), Err(Refusal::Excluded));
        c.terms.final_sale = true;
        assert_eq!(not_final_sale(&c), Err(Refusal::FinalSale));
    }

    #[test]
    fn items_must_have_arrived() {
        let (p, o) = (policy(), order());
        let mut c = ctx(&p, &o);
        c.clock = Clock::NotShipped;
        assert_eq!(has_arrived(&c), Err(Refusal::NotShipped));
        c.clock = Clock::NotDelivered;
        assert_eq!(has_arrived(&c), Err(Refusal::NotDelivered));
        assert_eq!(
            within_window(&c),
            Ok(()),
            "no window before the clock starts"
        );
    }

    #[test]
    fn the_window_closes_after_its_last_second() {
        let (p, o) = (policy(), order());
        let mut c = ctx(&p, &o);
        let Clock::Started(deadline) = c.clock else {
            unreachable!("fixture has a started clock")
        };
        c.now = deadline.last_second;
        assert_eq!(within_window(&c), Ok(()));
        c.now = deadline.last_second.plus_secs(1);
        let refusal = within_window(&c).unwrap_err();
        assert_eq!(
            refusal,
            Refusal::WindowClosed {
                days: 30,
                last_day: deadline.last_day
            }
        );
        assert_eq!(
            refusal.message(Lang::En),
            "The return window of 30 days ended on 1 February 1970."
        );
    }

    #[test]
    fn refunds_count_once_against_what_remains() {
        let (p, mut o) = (policy(), order());
        // 3 ordered, 2 refunded: the shop now says 1.
        o.line_items[0].quantity = 1;
        let mut c = ctx(&p, &o);
        c.refunded = 2;
        assert_eq!(not_refunded(&c), Ok(()));
        assert_eq!(quantity_remaining(&c), Ok(()));
        c.requested = 2;
        assert_eq!(
            quantity_remaining(&c),
            Err(Refusal::QuantityTooHigh { remaining: 1 })
        );
        // A return here of 2 that the shop refunded: 1 left, not none.
        c.returned = 2;
        c.requested = 1;
        assert_eq!(c.remaining(), 1);
        assert_eq!(quantity_remaining(&c), Ok(()));
        // All 3 refunded: nothing left, and that is the reason.
        let mut gone = order();
        gone.line_items[0].quantity = 0;
        let mut c = ctx(&p, &gone);
        c.refunded = 3;
        assert_eq!(not_refunded(&c), Err(Refusal::AlreadyRefunded));
        assert_eq!(c.remaining(), 0);
    }

    #[test]
    fn earlier_returns_reduce_what_remains() {
        let (p, o) = (policy(), order());
        let mut c = ctx(&p, &o);
        c.returned = 1;
        c.requested = 2;
        assert_eq!(quantity_remaining(&c), Ok(()));
        c.requested = 3;
        assert_eq!(
            quantity_remaining(&c),
            Err(Refusal::QuantityTooHigh { remaining: 2 })
        );
        c.returned = 3;
        c.requested = 1;
        assert_eq!(quantity_remaining(&c), Err(Refusal::AlreadyReturned));
        c.returned = u32::MAX;
        c.refunded = u32::MAX;
        assert_eq!(c.remaining(), 0, "saturates instead of wrapping");
    }

    #[test]
    fn resolutions_must_be_offered_and_fit_the_item() {
        let (p, o) = (policy(), order());
        let mut c = ctx(&p, &o);
        c.resolution = Some(Resolution::StoreCredit);
        assert_eq!(resolution_offered(&c), Err(Refusal::ResolutionNotOffered));
        c.resolution = Some(Resolution::Refund);
        c.terms.exchange_only = true;
        assert_eq!(resolution_allowed_for_item(&c), Err(Refusal::ExchangeOnly));
        c.resolution = Some(Resolution::Exchange);
        assert_eq!(resolution_allowed_for_item(&c), Ok(()));
        c.resolution = None;
        assert_eq!(resolution_offered(&c), Ok(()));
        assert_eq!(resolution_allowed_for_item(&c), Ok(()));
    }

    #[test]
    fn permanent_refusals_win_over_temporary_ones() {
        let (p, o) = (policy(), order());
        let mut c = ctx(&p, &o);
        c.clock = Clock::NotDelivered;
        c.terms.final_sale = true;
        assert_eq!(check_item(&c), Err(Refusal::FinalSale));
    }

    #[test]
    fn codes_serialize_as_snake_case_and_every_refusal_has_a_message() {
        let all = [
            Refusal::OrderCancelled,
            Refusal::CurrencyMismatch,
            Refusal::Excluded,
            Refusal::FinalSale,
            Refusal::NotShipped,
            Refusal::NotDelivered,
            Refusal::WindowClosed {
                days: 30,
                last_day: Date {
                    year: 2026,
                    month: 3,
                    day: 12,
                },
            },
            Refusal::AlreadyRefunded,
            Refusal::AlreadyReturned,
            Refusal::QuantityTooHigh { remaining: 2 },
            Refusal::ResolutionNotOffered,
            Refusal::ExchangeOnly,
            Refusal::UnknownItem,
            Refusal::DuplicateItem,
            Refusal::InvalidQuantity,
            Refusal::NothingSelected,
            Refusal::ExchangeVariantRequired,
            Refusal::Reason(ReasonError::UnknownReason),
            Refusal::Reason(ReasonError::SubReasonRequired),
            Refusal::Reason(ReasonError::CommentRequired),
            Refusal::Reason(ReasonError::CommentTooLong),
            Refusal::Reason(ReasonError::PhotoRequired),
            Refusal::Reason(ReasonError::PhotoInvalid),
        ];
        let mut codes = std::collections::BTreeSet::new();
        for refusal in all {
            let code = serde_json::to_value(refusal.code()).unwrap();
            let code = code.as_str().unwrap().to_owned();
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code}"
            );
            assert!(codes.insert(code), "{refusal:?} shares a code");
            for lang in Lang::ALL {
                let message = refusal.message(lang);
                assert!(
                    !message.is_empty() && !message.contains('{'),
                    "{lang:?} {refusal:?}"
                );
            }
        }
        assert_eq!(
            Refusal::QuantityTooHigh { remaining: 2 }.message(Lang::De),
            "Du kannst höchstens 2 Stück dieses Artikels zurückgeben."
        );
        assert_eq!(
            Refusal::Reason(ReasonError::CommentTooLong).message(Lang::Ro),
            "Te rugăm să păstrezi comentariul sub 2000 de caractere."
        );
    }
}
