//! Language catalogs. Every string a shopper sees comes from here.
//!
//! Each language is an exhaustive `match` over [`Msg`], so adding a message
//! without translating it into every shipped language does not compile.
//! Placeholders are `{name}` and are filled by [`fill`].

use crate::tracking::{Step, TrackingStatus};
use crate::wire::{WireName, wire_enum};

wire_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum Lang {
        #[default]
        En = "en",
        Sv = "sv",
        Nb = "nb",
        Da = "da",
        De = "de",
        Ro = "ro",
    }
}

impl Lang {
    /// BCP 47 tag, for `lang` attributes and `Intl` formatting: the wire
    /// name.
    pub fn tag(self) -> &'static str {
        self.wire_name()
    }

    /// The language's own name, for a language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Sv => "Svenska",
            Self::Nb => "Norsk",
            Self::Da => "Dansk",
            Self::De => "Deutsch",
            Self::Ro => "Română",
        }
    }

    /// Reads one language tag (`sv-SE`, `NO`, `nn`, `de_AT`); `None` when
    /// it is not a language we ship.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .trim()
            .split(['-', '_', ';'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "sv" => Some(Self::Sv),
            // Nynorsk readers read Bokmål; `no` is the macrolanguage.
            "nb" | "no" | "nn" => Some(Self::Nb),
            "da" => Some(Self::Da),
            "de" => Some(Self::De),
            "ro" | "mo" => Some(Self::Ro),
            _ => None,
        }
    }

    /// Picks the language: the merchant's or page's explicit choice first,
    /// then the browser's preferences in order, then English.
    pub fn negotiate<'a>(
        explicit: Option<&str>,
        preferred: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        explicit
            .and_then(Self::from_tag)
            .or_else(|| preferred.into_iter().find_map(Self::from_tag))
            .unwrap_or_default()
    }

    pub fn text(self, msg: Msg) -> &'static str {
        match self {
            Self::En => en(msg),
            Self::Sv => sv(msg),
            Self::Nb => nb(msg),
            Self::Da => da(msg),
            Self::De => de(msg),
            Self::Ro => ro(msg),
        }
    }

    /// The label of a progress step.
    pub fn step(self, step: Step) -> &'static str {
        self.text(match step {
            Step::Ordered => Msg::StepOrdered,
            Step::Shipped => Msg::StepShipped,
            Step::InTransit => Msg::StepInTransit,
            Step::OutForDelivery => Msg::StepOutForDelivery,
            Step::Delivered => Msg::StepDelivered,
        })
    }

    /// The shopper-facing label of a tracking status.
    pub fn status(self, status: TrackingStatus) -> &'static str {
        self.text(match status {
            TrackingStatus::Pending => Msg::StatusPending,
            TrackingStatus::InfoReceived => Msg::StatusInfoReceived,
            TrackingStatus::InTransit => Msg::StatusInTransit,
            TrackingStatus::OutForDelivery => Msg::StatusOutForDelivery,
            TrackingStatus::AttemptFail => Msg::StatusAttemptFail,
            TrackingStatus::AvailableForPickup => Msg::StatusAvailableForPickup,
            TrackingStatus::Delivered => Msg::StatusDelivered,
            TrackingStatus::Exception => Msg::StatusException,
            TrackingStatus::Expired => Msg::StatusExpired,
        })
    }
}

/// Replaces each `{name}` in `template` with its value, in one pass:
/// braces without a known name are kept as they are, and text inside a
/// value is never taken for a placeholder.
///
/// Written without `format!` or substring search so the widget's wasm
/// does not carry them just for this.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let filled = after.split_once('}').and_then(|(name, tail)| {
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value, tail))
        });
        match filled {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every message the widget shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    LookupTitle,
    LookupIntro,
    OrderNumberLabel,
    OrderNumberHint,
    EmailLabel,
    LookupSubmit,
    LookingUp,
    NotFound,
    InvalidInput,
    RateLimited,
    SessionExpired,
    NetworkError,
    TryAgain,
    OrderHeading,
    PlacedOn,
    ThankYouNamed,
    ThankYou,
    OrderCancelled,
    StepOrdered,
    StepShipped,
    StepInTransit,
    StepOutForDelivery,
    StepDelivered,
    ProgressLabel,
    StatusPending,
    StatusInfoReceived,
    StatusInTransit,
    StatusOutForDelivery,
    StatusAttemptFail,
    StatusAvailableForPickup,
    StatusDelivered,
    StatusException,
    StatusExpired,
    ExceptionHelp,
    EstimatedDelivery,
    UsuallyArrivesBy,
    RunningLate,
    DeliveredOn,
    ShipmentOf,
    Carrier,
    TrackingNumber,
    TrackOnCarrierSite,
    Updates,
    ShowMore,
    ShowLess,
    NotShippedYet,
    Items,
    Quantity,
    Total,
    LookUpAnother,
    Loading,
    PoweredBy,
    OtherOrders,
    StatusCancelled,
    ReturnOrderCancelled,
    ReturnNotShipped,
    ReturnNotDelivered,
    ReturnWindowClosed,
    ReturnFinalSale,
    ReturnExcluded,
    ReturnAlreadyRefunded,
    ReturnAlreadyReturned,
    ReturnQuantityTooHigh,
    ReturnExchangeOnly,
    ReturnResolutionNotOffered,
    ReturnCurrencyMismatch,
    ReturnUnknownItem,
    ReturnDuplicateItem,
    ReturnInvalidQuantity,
    ReturnNothingSelected,
    ReturnReasonUnknown,
    ReturnSubReasonRequired,
    ReturnCommentRequired,
    ReturnCommentTooLong,
    ReturnPhotoRequired,
    ReturnPhotoInvalid,
    ReturnExchangeVariantRequired,
    ReturnExplainWindowFromDelivery,
    ReturnExplainWindowFromShipping,
    ReturnExplainWindowFromOrder,
    ReturnExplainGroupWindow,
    ReturnExplainNotReturnable,
    ReturnExplainWindowEnds,
    ReturnExplainHowStart,
    ReturnExplainRefund,
    ReturnExplainCredit,
    ReturnExplainCreditBonus,
    ReturnExplainExchange,
    ReturnExplainFee,
    ReturnExplainNoFee,
    ReturnExplainHowProcessed,
    ReturnExplainFinalSale,
    ReturnExplainExchangeOnly,
    ReturnStatusRequested,
    ReturnStatusApproved,
    ReturnStatusInTransit,
    ReturnStatusReceived,
    ReturnStatusRefunded,
    ReturnStatusCredited,
    ReturnStatusExchanged,
    ReturnStatusClosed,
    ReturnStatusRejected,
    ReturnStatusCancelled,
    EngageThankYouDelivered,
    EngageThankYouDeliveredNamed,
    EngageReviewTitle,
    EngageReviewAction,
    EngageNpsQuestion,
    EngageNpsLow,
    EngageNpsHigh,
    EngageReferralTitle,
    EngageReferralBody,
    EngageCopyLink,
    EngageLinkCopied,
    EngageRecommendationsTitle,
    EngageUsageTipsTitle,
    EngageDismiss,
    EngageThanksForAnswer,
    LoyaltyBalance,
    LoyaltyNextTier,
    ReferralCodeInvalid,
    EngageClose,
    EngageSend,
    EngageShare,
    EngageCopyManual,
    ReviewRatingLegend,
    ReviewStar,
    ReviewStars,
    ReviewTitleLabel,
    ReviewBodyLabel,
    ReviewPhotoLabel,
    ReviewIncentive,
    IncentiveDiscount,
    IncentivePoints,
    ReviewThanks,
    ReviewPending,
    ReviewCoupon,
    ReviewAlready,
    ReviewRatingRequired,
    ReviewTitleRequired,
    ReviewBodyRequired,
    EngageNpsQuestionShop,
    NpsComment,
    NpsScoreRequired,
    ReferralCodeLabel,
    ReferralLinkLabel,
    LoyaltyTier,
    RecommendationsCode,
    TipReadMore,
    ReturnsTitle,
    StartReturn,
    ReturnNothingReturnable,
    ReturnPolicy,
    ReturnPolicyWhat,
    ReturnPolicyHow,
    ReturnPolicyRules,
    ReturnStepItems,
    ReturnUntil,
    ReturnHowMany,
    Continue,
    Back,
    ReturnStepReasons,
    ReturnReasonLegend,
    ReturnSubReasonLegend,
    ReturnComment,
    ReturnPhotoLink,
    ReturnStepResolution,
    ResolutionRefund,
    ResolutionStoreCredit,
    ResolutionExchange,
    ReturnExchangeFor,
    ReturnNoCommonResolution,
    ReturnStepSummary,
    ReturnItemsValue,
    ReturnBonus,
    ReturnFee,
    ReturnConfirm,
    ReturnSending,
    ReturnRefusedIntro,
    ReturnDone,
    ReturnNumber,
    ReturnNextSteps,
    ReturnSlip,
    PrintSlip,
    BackToOrder,
    ReturnHeading,
    // Referral links (the `/r/{code}` page the friend opens).
    ReferralLinkUnknown,
    ReferralProgramEnded,
}

impl Msg {
    pub const ALL: [Self; 188] = [
        Self::LookupTitle,
        Self::LookupIntro,
        Self::OrderNumberLabel,
        Self::OrderNumberHint,
        Self::EmailLabel,
        Self::LookupSubmit,
        Self::LookingUp,
        Self::NotFound,
        Self::InvalidInput,
        Self::RateLimited,
        Self::SessionExpired,
        Self::NetworkError,
        Self::TryAgain,
        Self::OrderHeading,
        Self::PlacedOn,
        Self::ThankYouNamed,
        Self::ThankYou,
        Self::OrderCancelled,
        Self::StepOrdered,
        Self::StepShipped,
        Self::StepInTransit,
        Self::StepOutForDelivery,
        Self::StepDelivered,
        Self::ProgressLabel,
        Self::StatusPending,
        Self::StatusInfoReceived,
        Self::StatusInTransit,
        Self::StatusOutForDelivery,
        Self::StatusAttemptFail,
        Self::StatusAvailableForPickup,
        Self::StatusDelivered,
        Self::StatusException,
        Self::StatusExpired,
        Self::ExceptionHelp,
        Self::EstimatedDelivery,
        Self::UsuallyArrivesBy,
        Self::RunningLate,
        Self::DeliveredOn,
        Self::ShipmentOf,
        Self::Carrier,
        Self::TrackingNumber,
        Self::TrackOnCarrierSite,
        Self::Updates,
        Self::ShowMore,
        Self::ShowLess,
        Self::NotShippedYet,
        Self::Items,
        Self::Quantity,
        Self::Total,
        Self::LookUpAnother,
        Self::Loading,
        Self::PoweredBy,
        Self::OtherOrders,
        Self::StatusCancelled,
        Self::ReturnOrderCancelled,
        Self::ReturnNotShipped,
        Self::ReturnNotDelivered,
        Self::ReturnWindowClosed,
        Self::ReturnFinalSale,
        Self::ReturnExcluded,
        Self::ReturnAlreadyRefunded,
        Self::ReturnAlreadyReturned,
        Self::ReturnQuantityTooHigh,
        Self::ReturnExchangeOnly,
        Self::ReturnResolutionNotOffered,
        Self::ReturnCurrencyMismatch,
        Self::ReturnUnknownItem,
        Self::ReturnDuplicateItem,
        Self::ReturnInvalidQuantity,
        Self::ReturnNothingSelected,
        Self::ReturnReasonUnknown,
        Self::ReturnSubReasonRequired,
        Self::ReturnCommentRequired,
        Self::ReturnCommentTooLong,
        Self::ReturnPhotoRequired,
        Self::ReturnPhotoInvalid,
        Self::ReturnExchangeVariantRequired,
        Self::ReturnExplainWindowFromDelivery,
        Self::ReturnExplainWindowFromShipping,
        Self::ReturnExplainWindowFromOrder,
        Self::ReturnExplainGroupWindow,
        Self::ReturnExplainNotReturnable,
        Self::ReturnExplainWindowEnds,
        Self::ReturnExplainHowStart,
        Self::ReturnExplainRefund,
        Self::ReturnExplainCredit,
        Self::ReturnExplainCreditBonus,
        Self::ReturnExplainExchange,
        Self::ReturnExplainFee,
        Self::ReturnExplainNoFee,
        Self::ReturnExplainHowProcessed,
        Self::ReturnExplainFinalSale,
        Self::ReturnExplainExchangeOnly,
        Self::ReturnStatusRequested,
        Self::ReturnStatusApproved,
        Self::ReturnStatusInTransit,
        Self::ReturnStatusReceived,
        Self::ReturnStatusRefunded,
        Self::ReturnStatusCredited,
        Self::ReturnStatusExchanged,
        Self::ReturnStatusClosed,
        Self::ReturnStatusRejected,
        Self::ReturnStatusCancelled,
        Self::EngageThankYouDelivered,
        Self::EngageThankYouDeliveredNamed,
        Self::EngageReviewTitle,
        Self::EngageReviewAction,
        Self::EngageNpsQuestion,
        Self::EngageNpsLow,
        Self::EngageNpsHigh,
        Self::EngageReferralTitle,
        Self::EngageReferralBody,
        Self::EngageCopyLink,
        Self::EngageLinkCopied,
        Self::EngageRecommendationsTitle,
        Self::EngageUsageTipsTitle,
        Self::EngageDismiss,
        Self::EngageThanksForAnswer,
        Self::LoyaltyBalance,
        Self::LoyaltyNextTier,
        Self::ReferralCodeInvalid,
        Self::EngageClose,
        Self::EngageSend,
        Self::EngageShare,
        Self::EngageCopyManual,
        Self::ReviewRatingLegend,
        Self::ReviewStar,
        Self::ReviewStars,
        Self::ReviewTitleLabel,
        Self::ReviewBodyLabel,
        Self::ReviewPhotoLabel,
        Self::ReviewIncentive,
        Self::IncentiveDiscount,
        Self::IncentivePoints,
        Self::ReviewThanks,
        Self::ReviewPending,
        Self::ReviewCoupon,
        Self::ReviewAlready,
        Self::ReviewRatingRequired,
        Self::ReviewTitleRequired,
        Self::ReviewBodyRequired,
        Self::EngageNpsQuestionShop,
        Self::NpsComment,
        Self::NpsScoreRequired,
        Self::ReferralCodeLabel,
        Self::ReferralLinkLabel,
        Self::LoyaltyTier,
        Self::RecommendationsCode,
        Self::TipReadMore,
        Self::ReturnsTitle,
        Self::StartReturn,
        Self::ReturnNothingReturnable,
        Self::ReturnPolicy,
        Self::ReturnPolicyWhat,
        Self::ReturnPolicyHow,
        Self::ReturnPolicyRules,
        Self::ReturnStepItems,
        Self::ReturnUntil,
        Self::ReturnHowMany,
        Self::Continue,
        Self::Back,
        Self::ReturnStepReasons,
        Self::ReturnReasonLegend,
        Self::ReturnSubReasonLegend,
        Self::ReturnComment,
        Self::ReturnPhotoLink,
        Self::ReturnStepResolution,
        Self::ResolutionRefund,
        Self::ResolutionStoreCredit,
        Self::ResolutionExchange,
        Self::ReturnExchangeFor,
        Self::ReturnNoCommonResolution,
        Self::ReturnStepSummary,
        Self::ReturnItemsValue,
        Self::ReturnBonus,
        Self::ReturnFee,
        Self::ReturnConfirm,
        Self::ReturnSending,
        Self::ReturnRefusedIntro,
        Self::ReturnDone,
        Self::ReturnNumber,
        Self::ReturnNextSteps,
        Self::ReturnSlip,
        Self::PrintSlip,
        Self::BackToOrder,
        Self::ReturnHeading,
        Self::ReferralLinkUnknown,
        Self::ReferralProgramEnded,
    ];
}

fn en(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Track your order",
        LookupIntro => "Enter your order number and the email address you used at checkout.",
        OrderNumberLabel => "Order number",
        OrderNumberHint => "For example #1001",
        EmailLabel => "Email address",
        LookupSubmit => "Find my order",
        LookingUp => "Looking up your order…",
        NotFound => {
            "We couldn't find an order with that number and email address. Please check both and try again."
        }
        InvalidInput => "Please enter an order number and a valid email address.",
        RateLimited => "Too many attempts. Please wait a minute and try again.",
        SessionExpired => "Your session has expired. Please look up your order again.",
        NetworkError => "Something went wrong on our side. Please try again.",
        TryAgain => "Try again",
        OrderHeading => "Order {number}",
        PlacedOn => "Placed on {date}",
        ThankYouNamed => "Thank you for your order, {name}!",
        ThankYou => "Thank you for your order!",
        OrderCancelled => "This order was cancelled.",
        StepOrdered => "Ordered",
        StepShipped => "Shipped",
        StepInTransit => "In transit",
        StepOutForDelivery => "Out for delivery",
        StepDelivered => "Delivered",
        ProgressLabel => "Delivery progress",
        StatusPending => "Order received",
        StatusInfoReceived => "Label created",
        StatusInTransit => "In transit",
        StatusOutForDelivery => "Out for delivery",
        StatusAttemptFail => "Delivery attempt failed",
        StatusAvailableForPickup => "Ready for pickup",
        StatusDelivered => "Delivered",
        StatusException => "Delivery problem",
        StatusExpired => "No recent updates",
        ExceptionHelp => {
            "There is a problem with this delivery. The carrier is working on it; check the latest update below."
        }
        EstimatedDelivery => "Estimated delivery: {date}",
        UsuallyArrivesBy => "Usually arrives by {date}",
        RunningLate => "Running late",
        DeliveredOn => "Delivered on {date}",
        ShipmentOf => "Package {n} of {total}",
        Carrier => "Carrier",
        TrackingNumber => "Tracking number",
        TrackOnCarrierSite => "Track on the carrier's site",
        Updates => "Updates",
        ShowMore => "Show all updates",
        ShowLess => "Show fewer updates",
        NotShippedYet => "We're preparing your order. Tracking appears here as soon as it ships.",
        Items => "Items",
        Quantity => "Qty {n}",
        Total => "Total",
        LookUpAnother => "Look up another order",
        Loading => "Loading…",
        PoweredBy => "Order tracking by aftercart",
        OtherOrders => "Your other orders",
        StatusCancelled => "Cancelled",
        ReturnOrderCancelled => "This order was cancelled, so it can't be returned.",
        ReturnNotShipped => "This item hasn't shipped yet.",
        ReturnNotDelivered => {
            "This item hasn't been delivered yet. You can return it once it has arrived."
        }
        ReturnWindowClosed => "The return window of {period} ended on {date}.",
        ReturnFinalSale => "Final-sale items can't be returned.",
        ReturnExcluded => "This item can't be returned.",
        ReturnAlreadyRefunded => "This item has already been refunded.",
        ReturnAlreadyReturned => "This item has already been returned.",
        ReturnQuantityTooHigh => "You can return at most {n} of this item.",
        ReturnExchangeOnly => "This item can only be exchanged.",
        ReturnResolutionNotOffered => "This shop doesn't offer that kind of return.",
        ReturnCurrencyMismatch => "This order can't be returned online. Please contact the shop.",
        ReturnUnknownItem => "This item isn't part of the order.",
        ReturnDuplicateItem => "This item is listed more than once.",
        ReturnInvalidQuantity => "Choose at least one to return.",
        ReturnNothingSelected => "Choose at least one item to return.",
        ReturnReasonUnknown => "Choose a reason from the list.",
        ReturnSubReasonRequired => "Choose what best describes the problem.",
        ReturnCommentRequired => "Please tell us a bit more in a comment.",
        ReturnCommentTooLong => "Please keep your comment under {max} characters.",
        ReturnPhotoRequired => "Please add a link to a photo.",
        ReturnPhotoInvalid => "The photo link must be a web address starting with https://.",
        ReturnExchangeVariantRequired => "Choose the size or colour you'd like instead.",
        ReturnExplainWindowFromDelivery => "You can return most items within {period} of delivery.",
        ReturnExplainWindowFromShipping => "You can return most items within {period} of shipping.",
        ReturnExplainWindowFromOrder => "You can return most items within {period} of ordering.",
        ReturnExplainGroupWindow => "{group}: within {period}.",
        ReturnExplainNotReturnable => "These can't be returned: {items}.",
        ReturnExplainWindowEnds => {
            "A return window ends at midnight shop time ({offset}) on its last day."
        }
        ReturnExplainHowStart => {
            "Start your return here. Once it's approved, you'll get instructions for sending the items back."
        }
        ReturnExplainRefund => "Refund to your original payment method.",
        ReturnExplainCredit => "Store credit for the value of your items.",
        ReturnExplainCreditBonus => {
            "Store credit for the value of your items plus a {percent}% bonus."
        }
        ReturnExplainExchange => "Exchange for another size or colour.",
        ReturnExplainFee => "Return fee: {amount}.",
        ReturnExplainNoFee => "No return fee.",
        ReturnExplainHowProcessed => {
            "We check the items when they arrive, then complete your refund, store credit or exchange."
        }
        ReturnExplainFinalSale => "{group}: final sale, can't be returned.",
        ReturnExplainExchangeOnly => "{group}: exchange only.",
        ReturnStatusRequested => "Return requested",
        ReturnStatusApproved => "Return approved",
        ReturnStatusInTransit => "On its way back",
        ReturnStatusReceived => "Received by the shop",
        ReturnStatusRefunded => "Refunded",
        ReturnStatusCredited => "Store credit issued",
        ReturnStatusExchanged => "Exchanged",
        ReturnStatusClosed => "Return completed",
        ReturnStatusRejected => "Return declined",
        ReturnStatusCancelled => "Return cancelled",
        EngageThankYouDelivered => "Your order has arrived. Thank you for shopping with us!",
        EngageThankYouDeliveredNamed => {
            "Your order has arrived, {name}. Thank you for shopping with us!"
        }
        EngageReviewTitle => "How do you like {product}?",
        EngageReviewAction => "Write a review",
        EngageNpsQuestion => "How likely are you to recommend us to a friend?",
        EngageNpsLow => "Not at all likely",
        EngageNpsHigh => "Extremely likely",
        EngageReferralTitle => "Give your friends {discount} off",
        EngageReferralBody => {
            "Share your link. When a friend places their first order, you get {reward}."
        }
        EngageCopyLink => "Copy link",
        EngageLinkCopied => "Link copied",
        EngageRecommendationsTitle => "You might also like",
        EngageUsageTipsTitle => "Get the most out of your order",
        EngageDismiss => "Not now",
        EngageThanksForAnswer => "Thank you for your answer!",
        LoyaltyBalance => "You have {points} points",
        LoyaltyNextTier => "{points} more points to {tier}",
        ReferralCodeInvalid => "That code doesn't look right. Please check it and try again.",
        EngageClose => "Close",
        EngageSend => "Send",
        EngageShare => "Share",
        EngageCopyManual => "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
        ReviewRatingLegend => "Your rating",
        ReviewStar => "1 star",
        ReviewStars => "{n} stars",
        ReviewTitleLabel => "Title",
        ReviewBodyLabel => "Your review",
        ReviewPhotoLabel => "Link to a photo (optional, https://…)",
        ReviewIncentive => "Every review earns {reward}, whatever your rating.",
        IncentiveDiscount => "{discount} off your next order",
        IncentivePoints => "{points} points",
        ReviewThanks => "Thank you for your review!",
        ReviewPending => "We'll publish it after a quick check.",
        ReviewCoupon => "Your code for next time",
        ReviewAlready => "You have already reviewed this item. Thank you!",
        ReviewRatingRequired => "Choose a rating from 1 to 5 stars.",
        ReviewTitleRequired => "Please give your review a title.",
        ReviewBodyRequired => "Please write a few words about the product.",
        EngageNpsQuestionShop => "How likely are you to recommend {shop} to a friend?",
        NpsComment => "What is the main reason for your score? (optional)",
        NpsScoreRequired => "Choose a score from 0 to 10.",
        ReferralCodeLabel => "Your code",
        ReferralLinkLabel => "Your link",
        LoyaltyTier => "Your level: {tier}",
        RecommendationsCode => "Use the code {code} at checkout for a discount.",
        TipReadMore => "Read more",
        ReturnsTitle => "Returns",
        StartReturn => "Start a return",
        ReturnNothingReturnable => "Nothing in this order can be returned right now.",
        ReturnPolicy => "Return policy",
        ReturnPolicyWhat => "What can be returned, and until when",
        ReturnPolicyHow => "How it works",
        ReturnPolicyRules => "General rules",
        ReturnStepItems => "Which items would you like to return?",
        ReturnUntil => "Returnable until {date}",
        ReturnHowMany => "How many",
        Continue => "Continue",
        Back => "Back",
        ReturnStepReasons => "Why are you returning them?",
        ReturnReasonLegend => "Reason",
        ReturnSubReasonLegend => "What exactly?",
        ReturnComment => "Describe the problem",
        ReturnPhotoLink => "Link to a photo (https://…)",
        ReturnStepResolution => "What would you like back?",
        ResolutionRefund => "Refund",
        ResolutionStoreCredit => "Store credit",
        ResolutionExchange => "Exchange",
        ReturnExchangeFor => "Size or colour you'd like instead of {item}",
        ReturnNoCommonResolution => {
            "These items can't be returned together. Please return them separately."
        }
        ReturnStepSummary => "Check your return",
        ReturnItemsValue => "Value of the items",
        ReturnBonus => "Store credit bonus",
        ReturnFee => "Return fee",
        ReturnConfirm => "Confirm return",
        ReturnSending => "Sending…",
        ReturnRefusedIntro => "Some items can't be returned as chosen:",
        ReturnDone => "Your return is registered",
        ReturnNumber => "Return number",
        ReturnNextSteps => {
            "Print the return slip and put it in the parcel with the items. Once the shop approves your return, you'll get instructions for sending it."
        }
        ReturnSlip => "Return slip",
        PrintSlip => "Print slip",
        BackToOrder => "Back to your order",
        ReturnHeading => "Return {rma}",
        ReferralLinkUnknown => {
            "We don't recognise this referral link. Please ask your friend to send it again."
        }
        ReferralProgramEnded => "This shop's referral programme has ended.",
    }
}

fn sv(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Spåra din beställning",
        LookupIntro => "Ange ditt ordernummer och e-postadressen du använde i kassan.",
        OrderNumberLabel => "Ordernummer",
        OrderNumberHint => "Till exempel #1001",
        EmailLabel => "E-postadress",
        LookupSubmit => "Hitta min beställning",
        LookingUp => "Söker efter din beställning…",
        NotFound => {
            "Vi hittade ingen beställning med det ordernumret och den e-postadressen. Kontrollera båda och försök igen."
        }
        InvalidInput => "Ange ett ordernummer och en giltig e-postadress.",
        RateLimited => "För många försök. Vänta en minut och försök igen.",
        SessionExpired => "Din session har gått ut. Sök upp din beställning igen.",
        NetworkError => "Något gick fel hos oss. Försök igen.",
        TryAgain => "Försök igen",
        OrderHeading => "Order {number}",
        PlacedOn => "Lagd {date}",
        ThankYouNamed => "Tack för din beställning, {name}!",
        ThankYou => "Tack för din beställning!",
        OrderCancelled => "Den här beställningen avbröts.",
        StepOrdered => "Beställd",
        StepShipped => "Skickad",
        StepInTransit => "På väg",
        StepOutForDelivery => "Ute för leverans",
        StepDelivered => "Levererad",
        ProgressLabel => "Leveransförlopp",
        StatusPending => "Beställning mottagen",
        StatusInfoReceived => "Fraktsedel skapad",
        StatusInTransit => "På väg",
        StatusOutForDelivery => "Ute för leverans",
        StatusAttemptFail => "Leveransförsöket misslyckades",
        StatusAvailableForPickup => "Redo att hämtas",
        StatusDelivered => "Levererad",
        StatusException => "Problem med leveransen",
        StatusExpired => "Inga nya uppdateringar",
        ExceptionHelp => {
            "Det finns ett problem med leveransen. Transportören arbetar på det; se den senaste uppdateringen nedan."
        }
        EstimatedDelivery => "Beräknad leverans: {date}",
        UsuallyArrivesBy => "Brukar komma fram senast {date}",
        RunningLate => "Försenad",
        DeliveredOn => "Levererad {date}",
        ShipmentOf => "Paket {n} av {total}",
        Carrier => "Transportör",
        TrackingNumber => "Spårningsnummer",
        TrackOnCarrierSite => "Spåra hos transportören",
        Updates => "Uppdateringar",
        ShowMore => "Visa alla uppdateringar",
        ShowLess => "Visa färre uppdateringar",
        NotShippedYet => {
            "Vi förbereder din beställning. Spårningen visas här så snart den skickats."
        }
        Items => "Artiklar",
        Quantity => "Antal {n}",
        Total => "Totalt",
        LookUpAnother => "Sök en annan beställning",
        Loading => "Laddar…",
        PoweredBy => "Orderspårning av aftercart",
        OtherOrders => "Dina andra beställningar",
        StatusCancelled => "Avbruten",
        ReturnOrderCancelled => "Den här beställningen avbröts, så den kan inte returneras.",
        ReturnNotShipped => "Den här varan har inte skickats än.",
        ReturnNotDelivered => {
            "Den här varan har inte levererats än. Du kan returnera den när den har kommit fram."
        }
        ReturnWindowClosed => "Returfristen på {period} gick ut den {date}.",
        ReturnFinalSale => "Varor på slutförsäljning kan inte returneras.",
        ReturnExcluded => "Den här varan kan inte returneras.",
        ReturnAlreadyRefunded => "Den här varan har redan återbetalats.",
        ReturnAlreadyReturned => "Den här varan har redan returnerats.",
        ReturnQuantityTooHigh => "Du kan returnera högst {n} av den här varan.",
        ReturnExchangeOnly => "Den här varan kan bara bytas.",
        ReturnResolutionNotOffered => "Butiken erbjuder inte den typen av retur.",
        ReturnCurrencyMismatch => {
            "Den här beställningen kan inte returneras online. Kontakta butiken."
        }
        ReturnUnknownItem => "Den här varan ingår inte i beställningen.",
        ReturnDuplicateItem => "Den här varan finns med mer än en gång.",
        ReturnInvalidQuantity => "Välj minst en att returnera.",
        ReturnNothingSelected => "Välj minst en vara att returnera.",
        ReturnReasonUnknown => "Välj en anledning i listan.",
        ReturnSubReasonRequired => "Välj det som bäst beskriver problemet.",
        ReturnCommentRequired => "Berätta lite mer i en kommentar.",
        ReturnCommentTooLong => "Håll kommentaren under {max} tecken.",
        ReturnPhotoRequired => "Lägg till en länk till ett foto.",
        ReturnPhotoInvalid => "Fotolänken måste vara en webbadress som börjar med https://.",
        ReturnExchangeVariantRequired => "Välj vilken storlek eller färg du vill ha i stället.",
        ReturnExplainWindowFromDelivery => {
            "Du kan returnera de flesta varor inom {period} från leveransen."
        }
        ReturnExplainWindowFromShipping => {
            "Du kan returnera de flesta varor inom {period} från att de skickades."
        }
        ReturnExplainWindowFromOrder => {
            "Du kan returnera de flesta varor inom {period} från beställningen."
        }
        ReturnExplainGroupWindow => "{group}: inom {period}.",
        ReturnExplainNotReturnable => "Detta kan inte returneras: {items}.",
        ReturnExplainWindowEnds => {
            "Returfristen går ut vid midnatt butikens tid ({offset}) på sista dagen."
        }
        ReturnExplainHowStart => {
            "Starta din retur här. När den har godkänts får du instruktioner för att skicka tillbaka varorna."
        }
        ReturnExplainRefund => "Återbetalning till ditt ursprungliga betalsätt.",
        ReturnExplainCredit => "Tillgodohavande i butiken för varornas värde.",
        ReturnExplainCreditBonus => {
            "Tillgodohavande i butiken för varornas värde plus {percent} % i bonus."
        }
        ReturnExplainExchange => "Byte mot en annan storlek eller färg.",
        ReturnExplainFee => "Returavgift: {amount}.",
        ReturnExplainNoFee => "Ingen returavgift.",
        ReturnExplainHowProcessed => {
            "Vi kontrollerar varorna när de kommer fram och genomför sedan din återbetalning, ditt tillgodohavande eller ditt byte."
        }
        ReturnExplainFinalSale => "{group}: slutförsäljning, kan inte returneras.",
        ReturnExplainExchangeOnly => "{group}: endast byte.",
        ReturnStatusRequested => "Retur begärd",
        ReturnStatusApproved => "Retur godkänd",
        ReturnStatusInTransit => "På väg tillbaka",
        ReturnStatusReceived => "Mottagen av butiken",
        ReturnStatusRefunded => "Återbetald",
        ReturnStatusCredited => "Tillgodohavande utfärdat",
        ReturnStatusExchanged => "Bytt",
        ReturnStatusClosed => "Retur slutförd",
        ReturnStatusRejected => "Retur nekad",
        ReturnStatusCancelled => "Retur avbruten",
        EngageThankYouDelivered => {
            "Din beställning har kommit fram. Tack för att du handlar hos oss!"
        }
        EngageThankYouDeliveredNamed => {
            "Din beställning har kommit fram, {name}. Tack för att du handlar hos oss!"
        }
        EngageReviewTitle => "Vad tycker du om {product}?",
        EngageReviewAction => "Skriv ett omdöme",
        EngageNpsQuestion => "Hur troligt är det att du skulle rekommendera oss till en vän?",
        EngageNpsLow => "Inte alls troligt",
        EngageNpsHigh => "Mycket troligt",
        EngageReferralTitle => "Ge dina vänner {discount} rabatt",
        EngageReferralBody => {
            "Dela din länk. När en vän lägger sin första beställning får du {reward}."
        }
        EngageCopyLink => "Kopiera länk",
        EngageLinkCopied => "Länken har kopierats",
        EngageRecommendationsTitle => "Du kanske också gillar",
        EngageUsageTipsTitle => "Få ut det mesta av ditt köp",
        EngageDismiss => "Inte nu",
        EngageThanksForAnswer => "Tack för ditt svar!",
        LoyaltyBalance => "Du har {points} poäng",
        LoyaltyNextTier => "{points} poäng kvar till {tier}",
        ReferralCodeInvalid => "Koden ser inte rätt ut. Kontrollera den och försök igen.",
        EngageClose => "Stäng",
        EngageSend => "Skicka",
        EngageShare => "Dela",
        EngageCopyManual => "Länken är markerad: tryck Ctrl+C (⌘C på Mac) för att kopiera den.",
        ReviewRatingLegend => "Ditt betyg",
        ReviewStar => "1 stjärna",
        ReviewStars => "{n} stjärnor",
        ReviewTitleLabel => "Rubrik",
        ReviewBodyLabel => "Ditt omdöme",
        ReviewPhotoLabel => "Länk till ett foto (valfritt, https://…)",
        ReviewIncentive => "Varje omdöme ger {reward}, oavsett betyg.",
        IncentiveDiscount => "{discount} rabatt på nästa köp",
        IncentivePoints => "{points} poäng",
        ReviewThanks => "Tack för ditt omdöme!",
        ReviewPending => "Vi publicerar det efter en snabb granskning.",
        ReviewCoupon => "Din kod till nästa gång",
        ReviewAlready => "Du har redan skrivit ett omdöme om den här produkten. Tack!",
        ReviewRatingRequired => "Välj ett betyg från 1 till 5 stjärnor.",
        ReviewTitleRequired => "Ge ditt omdöme en rubrik.",
        ReviewBodyRequired => "Skriv några ord om produkten.",
        EngageNpsQuestionShop => {
            "Hur troligt är det att du skulle rekommendera {shop} till en vän?"
        }
        NpsComment => "Vad är främsta skälet till ditt betyg? (valfritt)",
        NpsScoreRequired => "Välj ett betyg från 0 till 10.",
        ReferralCodeLabel => "Din kod",
        ReferralLinkLabel => "Din länk",
        LoyaltyTier => "Din nivå: {tier}",
        RecommendationsCode => "Använd koden {code} i kassan för rabatt.",
        TipReadMore => "Läs mer",
        ReturnsTitle => "Returer",
        StartReturn => "Starta en retur",
        ReturnNothingReturnable => "Inget i den här beställningen kan returneras just nu.",
        ReturnPolicy => "Returpolicy",
        ReturnPolicyWhat => "Vad som kan returneras och till när",
        ReturnPolicyHow => "Så går det till",
        ReturnPolicyRules => "Allmänna regler",
        ReturnStepItems => "Vilka varor vill du returnera?",
        ReturnUntil => "Kan returneras till och med {date}",
        ReturnHowMany => "Antal",
        Continue => "Fortsätt",
        Back => "Tillbaka",
        ReturnStepReasons => "Varför returnerar du dem?",
        ReturnReasonLegend => "Anledning",
        ReturnSubReasonLegend => "Vad mer exakt?",
        ReturnComment => "Beskriv problemet",
        ReturnPhotoLink => "Länk till ett foto (https://…)",
        ReturnStepResolution => "Vad vill du ha tillbaka?",
        ResolutionRefund => "Återbetalning",
        ResolutionStoreCredit => "Tillgodokvitto",
        ResolutionExchange => "Byte",
        ReturnExchangeFor => "Storlek eller färg du vill ha i stället för {item}",
        ReturnNoCommonResolution => {
            "De här varorna kan inte returneras tillsammans. Returnera dem var för sig."
        }
        ReturnStepSummary => "Kontrollera din retur",
        ReturnItemsValue => "Varornas värde",
        ReturnBonus => "Bonus på tillgodokvittot",
        ReturnFee => "Returavgift",
        ReturnConfirm => "Bekräfta returen",
        ReturnSending => "Skickar…",
        ReturnRefusedIntro => "Vissa varor kan inte returneras som du har valt:",
        ReturnDone => "Din retur är registrerad",
        ReturnNumber => "Returnummer",
        ReturnNextSteps => {
            "Skriv ut retursedeln och lägg den i paketet med varorna. När butiken har godkänt returen får du instruktioner för att skicka den."
        }
        ReturnSlip => "Retursedel",
        PrintSlip => "Skriv ut retursedeln",
        BackToOrder => "Tillbaka till beställningen",
        ReturnHeading => "Retur {rma}",
        ReferralLinkUnknown => {
            "Vi känner inte igen den här värvningslänken. Be din vän att skicka den igen."
        }
        ReferralProgramEnded => "Butikens värvningsprogram har avslutats.",
    }
}

fn nb(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Spor bestillingen din",
        LookupIntro => "Skriv inn ordrenummeret og e-postadressen du brukte i kassen.",
        OrderNumberLabel => "Ordrenummer",
        OrderNumberHint => "For eksempel #1001",
        EmailLabel => "E-postadresse",
        LookupSubmit => "Finn bestillingen min",
        LookingUp => "Søker etter bestillingen din…",
        NotFound => {
            "Vi fant ingen bestilling med det ordrenummeret og den e-postadressen. Sjekk begge og prøv igjen."
        }
        InvalidInput => "Skriv inn et ordrenummer og en gyldig e-postadresse.",
        RateLimited => "For mange forsøk. Vent et minutt og prøv igjen.",
        SessionExpired => "Økten din er utløpt. Søk opp bestillingen på nytt.",
        NetworkError => "Noe gikk galt hos oss. Prøv igjen.",
        TryAgain => "Prøv igjen",
        OrderHeading => "Ordre {number}",
        PlacedOn => "Bestilt {date}",
        ThankYouNamed => "Takk for bestillingen, {name}!",
        ThankYou => "Takk for bestillingen!",
        OrderCancelled => "Denne bestillingen ble kansellert.",
        StepOrdered => "Bestilt",
        StepShipped => "Sendt",
        StepInTransit => "Underveis",
        StepOutForDelivery => "Ute for levering",
        StepDelivered => "Levert",
        ProgressLabel => "Leveringsstatus",
        StatusPending => "Bestilling mottatt",
        StatusInfoReceived => "Fraktetikett opprettet",
        StatusInTransit => "Underveis",
        StatusOutForDelivery => "Ute for levering",
        StatusAttemptFail => "Leveringsforsøket mislyktes",
        StatusAvailableForPickup => "Klar til henting",
        StatusDelivered => "Levert",
        StatusException => "Problem med leveringen",
        StatusExpired => "Ingen nye oppdateringer",
        ExceptionHelp => {
            "Det er et problem med leveringen. Transportøren jobber med saken; se siste oppdatering nedenfor."
        }
        EstimatedDelivery => "Forventet levering: {date}",
        UsuallyArrivesBy => "Kommer vanligvis fram innen {date}",
        RunningLate => "Forsinket",
        DeliveredOn => "Levert {date}",
        ShipmentOf => "Pakke {n} av {total}",
        Carrier => "Transportør",
        TrackingNumber => "Sporingsnummer",
        TrackOnCarrierSite => "Spor hos transportøren",
        Updates => "Oppdateringer",
        ShowMore => "Vis alle oppdateringer",
        ShowLess => "Vis færre oppdateringer",
        NotShippedYet => {
            "Vi gjør klar bestillingen din. Sporingen vises her så snart den er sendt."
        }
        Items => "Varer",
        Quantity => "Antall {n}",
        Total => "Totalt",
        LookUpAnother => "Søk opp en annen bestilling",
        Loading => "Laster…",
        PoweredBy => "Ordresporing fra aftercart",
        OtherOrders => "Dine andre bestillinger",
        StatusCancelled => "Kansellert",
        ReturnOrderCancelled => "Denne bestillingen ble kansellert, så den kan ikke returneres.",
        ReturnNotShipped => "Denne varen er ikke sendt ennå.",
        ReturnNotDelivered => {
            "Denne varen er ikke levert ennå. Du kan returnere den når den har kommet frem."
        }
        ReturnWindowClosed => "Returfristen på {period} gikk ut {date}.",
        ReturnFinalSale => "Varer solgt uten returrett kan ikke returneres.",
        ReturnExcluded => "Denne varen kan ikke returneres.",
        ReturnAlreadyRefunded => "Denne varen er allerede refundert.",
        ReturnAlreadyReturned => "Denne varen er allerede returnert.",
        ReturnQuantityTooHigh => "Du kan returnere maks {n} av denne varen.",
        ReturnExchangeOnly => "Denne varen kan bare byttes.",
        ReturnResolutionNotOffered => "Butikken tilbyr ikke denne typen retur.",
        ReturnCurrencyMismatch => {
            "Denne bestillingen kan ikke returneres på nett. Ta kontakt med butikken."
        }
        ReturnUnknownItem => "Denne varen er ikke en del av bestillingen.",
        ReturnDuplicateItem => "Denne varen står oppført mer enn én gang.",
        ReturnInvalidQuantity => "Velg minst én å returnere.",
        ReturnNothingSelected => "Velg minst én vare å returnere.",
        ReturnReasonUnknown => "Velg en årsak fra listen.",
        ReturnSubReasonRequired => "Velg det som best beskriver problemet.",
        ReturnCommentRequired => "Fortell oss litt mer i en kommentar.",
        ReturnCommentTooLong => "Hold kommentaren under {max} tegn.",
        ReturnPhotoRequired => "Legg til en lenke til et bilde.",
        ReturnPhotoInvalid => "Bildelenken må være en nettadresse som begynner med https://.",
        ReturnExchangeVariantRequired => "Velg hvilken størrelse eller farge du vil ha i stedet.",
        ReturnExplainWindowFromDelivery => {
            "Du kan returnere de fleste varer innen {period} etter levering."
        }
        ReturnExplainWindowFromShipping => {
            "Du kan returnere de fleste varer innen {period} etter at de ble sendt."
        }
        ReturnExplainWindowFromOrder => {
            "Du kan returnere de fleste varer innen {period} etter bestilling."
        }
        ReturnExplainGroupWindow => "{group}: innen {period}.",
        ReturnExplainNotReturnable => "Dette kan ikke returneres: {items}.",
        ReturnExplainWindowEnds => {
            "Returfristen går ut ved midnatt butikkens tid ({offset}) på siste dag."
        }
        ReturnExplainHowStart => {
            "Start returen her. Når den er godkjent, får du instruksjoner for å sende varene tilbake."
        }
        ReturnExplainRefund => "Refusjon til den opprinnelige betalingsmåten.",
        ReturnExplainCredit => "Tilgodelapp i butikken for varenes verdi.",
        ReturnExplainCreditBonus => {
            "Tilgodelapp i butikken for varenes verdi pluss {percent} % bonus."
        }
        ReturnExplainExchange => "Bytte til en annen størrelse eller farge.",
        ReturnExplainFee => "Returgebyr: {amount}.",
        ReturnExplainNoFee => "Ingen returgebyr.",
        ReturnExplainHowProcessed => {
            "Vi sjekker varene når de kommer frem, og fullfører deretter refusjonen, tilgodelappen eller byttet."
        }
        ReturnExplainFinalSale => "{group}: uten returrett.",
        ReturnExplainExchangeOnly => "{group}: kun bytte.",
        ReturnStatusRequested => "Retur forespurt",
        ReturnStatusApproved => "Retur godkjent",
        ReturnStatusInTransit => "På vei tilbake",
        ReturnStatusReceived => "Mottatt av butikken",
        ReturnStatusRefunded => "Refundert",
        ReturnStatusCredited => "Tilgodelapp utstedt",
        ReturnStatusExchanged => "Byttet",
        ReturnStatusClosed => "Retur fullført",
        ReturnStatusRejected => "Retur avslått",
        ReturnStatusCancelled => "Retur kansellert",
        EngageThankYouDelivered => {
            "Bestillingen din har kommet frem. Takk for at du handler hos oss!"
        }
        EngageThankYouDeliveredNamed => {
            "Bestillingen din har kommet frem, {name}. Takk for at du handler hos oss!"
        }
        EngageReviewTitle => "Hva synes du om {product}?",
        EngageReviewAction => "Skriv en anmeldelse",
        EngageNpsQuestion => "Hvor sannsynlig er det at du vil anbefale oss til en venn?",
        EngageNpsLow => "Ikke sannsynlig i det hele tatt",
        EngageNpsHigh => "Svært sannsynlig",
        EngageReferralTitle => "Gi vennene dine {discount} rabatt",
        EngageReferralBody => {
            "Del lenken din. Når en venn legger inn sin første bestilling, får du {reward}."
        }
        EngageCopyLink => "Kopier lenke",
        EngageLinkCopied => "Lenken er kopiert",
        EngageRecommendationsTitle => "Kanskje du også liker",
        EngageUsageTipsTitle => "Få mest mulig ut av kjøpet ditt",
        EngageDismiss => "Ikke nå",
        EngageThanksForAnswer => "Takk for svaret ditt!",
        LoyaltyBalance => "Du har {points} poeng",
        LoyaltyNextTier => "{points} poeng igjen til {tier}",
        ReferralCodeInvalid => "Koden ser ikke riktig ut. Sjekk den og prøv igjen.",
        EngageClose => "Lukk",
        EngageSend => "Send inn",
        EngageShare => "Del",
        EngageCopyManual => "Lenken er merket: trykk Ctrl+C (⌘C på Mac) for å kopiere den.",
        ReviewRatingLegend => "Din vurdering",
        ReviewStar => "1 stjerne",
        ReviewStars => "{n} stjerner",
        ReviewTitleLabel => "Overskrift",
        ReviewBodyLabel => "Anmeldelsen din",
        ReviewPhotoLabel => "Lenke til et bilde (valgfritt, https://…)",
        ReviewIncentive => "Hver anmeldelse gir {reward}, uansett vurdering.",
        IncentiveDiscount => "{discount} rabatt på neste kjøp",
        IncentivePoints => "{points} poeng",
        ReviewThanks => "Takk for anmeldelsen din!",
        ReviewPending => "Vi publiserer den etter en rask gjennomgang.",
        ReviewCoupon => "Koden din til neste gang",
        ReviewAlready => "Du har allerede anmeldt dette produktet. Takk!",
        ReviewRatingRequired => "Velg en vurdering fra 1 til 5 stjerner.",
        ReviewTitleRequired => "Gi anmeldelsen en overskrift.",
        ReviewBodyRequired => "Skriv noen ord om produktet.",
        EngageNpsQuestionShop => "Hvor sannsynlig er det at du vil anbefale {shop} til en venn?",
        NpsComment => "Hva er hovedgrunnen til vurderingen din? (valgfritt)",
        NpsScoreRequired => "Velg et tall fra 0 til 10.",
        ReferralCodeLabel => "Koden din",
        ReferralLinkLabel => "Lenken din",
        LoyaltyTier => "Ditt nivå: {tier}",
        RecommendationsCode => "Bruk koden {code} i kassen for å få rabatt.",
        TipReadMore => "Les mer",
        ReturnsTitle => "Returer",
        StartReturn => "Start en retur",
        ReturnNothingReturnable => "Ingenting i denne bestillingen kan returneres akkurat nå.",
        ReturnPolicy => "Returregler",
        ReturnPolicyWhat => "Hva som kan returneres, og til når",
        ReturnPolicyHow => "Slik fungerer det",
        ReturnPolicyRules => "Generelle regler",
        ReturnStepItems => "Hvilke varer vil du returnere?",
        ReturnUntil => "Kan returneres til og med {date}",
        ReturnHowMany => "Antall",
        Continue => "Fortsett",
        Back => "Tilbake",
        ReturnStepReasons => "Hvorfor returnerer du dem?",
        ReturnReasonLegend => "Årsak",
        ReturnSubReasonLegend => "Hva mer nøyaktig?",
        ReturnComment => "Beskriv problemet",
        ReturnPhotoLink => "Lenke til et bilde (https://…)",
        ReturnStepResolution => "Hva vil du ha tilbake?",
        ResolutionRefund => "Refusjon",
        ResolutionStoreCredit => "Tilgodelapp",
        ResolutionExchange => "Bytte",
        ReturnExchangeFor => "Størrelse eller farge du vil ha i stedet for {item}",
        ReturnNoCommonResolution => {
            "Disse varene kan ikke returneres sammen. Returner dem hver for seg."
        }
        ReturnStepSummary => "Kontroller returen din",
        ReturnItemsValue => "Varenes verdi",
        ReturnBonus => "Bonus på tilgodelappen",
        ReturnFee => "Returgebyr",
        ReturnConfirm => "Bekreft returen",
        ReturnSending => "Sender…",
        ReturnRefusedIntro => "Noen varer kan ikke returneres slik du har valgt:",
        ReturnDone => "Returen din er registrert",
        ReturnNumber => "Returnummer",
        ReturnNextSteps => {
            "Skriv ut returseddelen og legg den i pakken sammen med varene. Når butikken har godkjent returen, får du instruksjoner om hvordan du sender den."
        }
        ReturnSlip => "Returseddel",
        PrintSlip => "Skriv ut returseddelen",
        BackToOrder => "Tilbake til bestillingen",
        ReturnHeading => "Retur {rma}",
        ReferralLinkUnknown => {
            "Vi kjenner ikke igjen denne vervelenken. Be vennen din om å sende den på nytt."
        }
        ReferralProgramEnded => "Butikkens verveprogram er avsluttet.",
    }
}

fn da(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Følg din ordre",
        LookupIntro => "Indtast dit ordrenummer og den e-mailadresse, du brugte ved betalingen.",
        OrderNumberLabel => "Ordrenummer",
        OrderNumberHint => "For eksempel #1001",
        EmailLabel => "E-mailadresse",
        LookupSubmit => "Find min ordre",
        LookingUp => "Finder din ordre…",
        NotFound => {
            "Vi kunne ikke finde en ordre med det ordrenummer og den e-mailadresse. Tjek begge og prøv igen."
        }
        InvalidInput => "Indtast et ordrenummer og en gyldig e-mailadresse.",
        RateLimited => "For mange forsøg. Vent et minut og prøv igen.",
        SessionExpired => "Din session er udløbet. Find din ordre igen.",
        NetworkError => "Noget gik galt hos os. Prøv igen.",
        TryAgain => "Prøv igen",
        OrderHeading => "Ordre {number}",
        PlacedOn => "Bestilt {date}",
        ThankYouNamed => "Tak for din ordre, {name}!",
        ThankYou => "Tak for din ordre!",
        OrderCancelled => "Denne ordre blev annulleret.",
        StepOrdered => "Bestilt",
        StepShipped => "Afsendt",
        StepInTransit => "Undervejs",
        StepOutForDelivery => "Ude til levering",
        StepDelivered => "Leveret",
        ProgressLabel => "Leveringsforløb",
        StatusPending => "Ordre modtaget",
        StatusInfoReceived => "Forsendelseslabel oprettet",
        StatusInTransit => "Undervejs",
        StatusOutForDelivery => "Ude til levering",
        StatusAttemptFail => "Leveringsforsøg mislykkedes",
        StatusAvailableForPickup => "Klar til afhentning",
        StatusDelivered => "Leveret",
        StatusException => "Problem med leveringen",
        StatusExpired => "Ingen nye opdateringer",
        ExceptionHelp => {
            "Der er et problem med leveringen. Fragtfirmaet arbejder på det; se den seneste opdatering nedenfor."
        }
        EstimatedDelivery => "Forventet levering: {date}",
        UsuallyArrivesBy => "Plejer at ankomme senest {date}",
        RunningLate => "Forsinket",
        DeliveredOn => "Leveret {date}",
        ShipmentOf => "Pakke {n} af {total}",
        Carrier => "Fragtfirma",
        TrackingNumber => "Sporingsnummer",
        TrackOnCarrierSite => "Følg hos fragtfirmaet",
        Updates => "Opdateringer",
        ShowMore => "Vis alle opdateringer",
        ShowLess => "Vis færre opdateringer",
        NotShippedYet => "Vi gør din ordre klar. Sporingen vises her, så snart den er afsendt.",
        Items => "Varer",
        Quantity => "Antal {n}",
        Total => "I alt",
        LookUpAnother => "Find en anden ordre",
        Loading => "Indlæser…",
        PoweredBy => "Ordresporing fra aftercart",
        OtherOrders => "Dine andre ordrer",
        StatusCancelled => "Annulleret",
        ReturnOrderCancelled => "Denne ordre blev annulleret, så den kan ikke returneres.",
        ReturnNotShipped => "Denne vare er ikke afsendt endnu.",
        ReturnNotDelivered => {
            "Denne vare er ikke leveret endnu. Du kan returnere den, når den er kommet frem."
        }
        ReturnWindowClosed => "Returfristen på {period} udløb den {date}.",
        ReturnFinalSale => "Varer solgt uden returret kan ikke returneres.",
        ReturnExcluded => "Denne vare kan ikke returneres.",
        ReturnAlreadyRefunded => "Denne vare er allerede refunderet.",
        ReturnAlreadyReturned => "Denne vare er allerede returneret.",
        ReturnQuantityTooHigh => "Du kan højst returnere {n} af denne vare.",
        ReturnExchangeOnly => "Denne vare kan kun byttes.",
        ReturnResolutionNotOffered => "Butikken tilbyder ikke denne type retur.",
        ReturnCurrencyMismatch => {
            "Denne ordre kan ikke returneres online. Kontakt venligst butikken."
        }
        ReturnUnknownItem => "Denne vare er ikke en del af ordren.",
        ReturnDuplicateItem => "Denne vare står på listen mere end én gang.",
        ReturnInvalidQuantity => "Vælg mindst én at returnere.",
        ReturnNothingSelected => "Vælg mindst én vare at returnere.",
        ReturnReasonUnknown => "Vælg en årsag på listen.",
        ReturnSubReasonRequired => "Vælg det, der bedst beskriver problemet.",
        ReturnCommentRequired => "Fortæl os lidt mere i en kommentar.",
        ReturnCommentTooLong => "Hold din kommentar under {max} tegn.",
        ReturnPhotoRequired => "Tilføj et link til et billede.",
        ReturnPhotoInvalid => "Billedlinket skal være en webadresse, der begynder med https://.",
        ReturnExchangeVariantRequired => "Vælg den størrelse eller farve, du vil have i stedet.",
        ReturnExplainWindowFromDelivery => {
            "Du kan returnere de fleste varer inden for {period} efter levering."
        }
        ReturnExplainWindowFromShipping => {
            "Du kan returnere de fleste varer inden for {period} efter afsendelse."
        }
        ReturnExplainWindowFromOrder => {
            "Du kan returnere de fleste varer inden for {period} efter bestilling."
        }
        ReturnExplainGroupWindow => "{group}: inden for {period}.",
        ReturnExplainNotReturnable => "Disse kan ikke returneres: {items}.",
        ReturnExplainWindowEnds => {
            "Returfristen udløber ved midnat butikkens tid ({offset}) på sidste dag."
        }
        ReturnExplainHowStart => {
            "Start din retur her. Når den er godkendt, får du instruktioner til at sende varerne tilbage."
        }
        ReturnExplainRefund => "Refusion til din oprindelige betalingsmetode.",
        ReturnExplainCredit => "Tilgodebevis i butikken for varernes værdi.",
        ReturnExplainCreditBonus => {
            "Tilgodebevis i butikken for varernes værdi plus {percent} % bonus."
        }
        ReturnExplainExchange => "Ombytning til en anden størrelse eller farve.",
        ReturnExplainFee => "Returgebyr: {amount}.",
        ReturnExplainNoFee => "Intet returgebyr.",
        ReturnExplainHowProcessed => {
            "Vi kontrollerer varerne, når de ankommer, og gennemfører derefter din refusion, dit tilgodebevis eller din ombytning."
        }
        ReturnExplainFinalSale => "{group}: uden returret.",
        ReturnExplainExchangeOnly => "{group}: kun ombytning.",
        ReturnStatusRequested => "Retur anmodet",
        ReturnStatusApproved => "Retur godkendt",
        ReturnStatusInTransit => "På vej tilbage",
        ReturnStatusReceived => "Modtaget af butikken",
        ReturnStatusRefunded => "Refunderet",
        ReturnStatusCredited => "Tilgodebevis udstedt",
        ReturnStatusExchanged => "Byttet",
        ReturnStatusClosed => "Retur afsluttet",
        ReturnStatusRejected => "Retur afvist",
        ReturnStatusCancelled => "Retur annulleret",
        EngageThankYouDelivered => "Din ordre er kommet frem. Tak fordi du handler hos os!",
        EngageThankYouDeliveredNamed => {
            "Din ordre er kommet frem, {name}. Tak fordi du handler hos os!"
        }
        EngageReviewTitle => "Hvad synes du om {product}?",
        EngageReviewAction => "Skriv en anmeldelse",
        EngageNpsQuestion => "Hvor sandsynligt er det, at du vil anbefale os til en ven?",
        EngageNpsLow => "Slet ikke sandsynligt",
        EngageNpsHigh => "Meget sandsynligt",
        EngageReferralTitle => "Giv dine venner {discount} rabat",
        EngageReferralBody => "Del dit link. Når en ven afgiver sin første ordre, får du {reward}.",
        EngageCopyLink => "Kopiér link",
        EngageLinkCopied => "Linket er kopieret",
        EngageRecommendationsTitle => "Måske kan du også lide",
        EngageUsageTipsTitle => "Få mest muligt ud af dit køb",
        EngageDismiss => "Ikke nu",
        EngageThanksForAnswer => "Tak for dit svar!",
        LoyaltyBalance => "Du har {points} point",
        LoyaltyNextTier => "{points} point mere til {tier}",
        ReferralCodeInvalid => "Koden ser ikke rigtig ud. Tjek den, og prøv igen.",
        EngageClose => "Luk",
        EngageSend => "Indsend",
        EngageShare => "Del",
        EngageCopyManual => "Linket er markeret: tryk Ctrl+C (⌘C på Mac) for at kopiere det.",
        ReviewRatingLegend => "Din bedømmelse",
        ReviewStar => "1 stjerne",
        ReviewStars => "{n} stjerner",
        ReviewTitleLabel => "Overskrift",
        ReviewBodyLabel => "Din anmeldelse",
        ReviewPhotoLabel => "Link til et billede (valgfrit, https://…)",
        ReviewIncentive => "Hver anmeldelse giver {reward}, uanset bedømmelse.",
        IncentiveDiscount => "{discount} rabat på dit næste køb",
        IncentivePoints => "{points} point",
        ReviewThanks => "Tak for din anmeldelse!",
        ReviewPending => "Vi offentliggør den efter et hurtigt tjek.",
        ReviewCoupon => "Din kode til næste gang",
        ReviewAlready => "Du har allerede anmeldt dette produkt. Tak!",
        ReviewRatingRequired => "Vælg en bedømmelse fra 1 til 5 stjerner.",
        ReviewTitleRequired => "Giv din anmeldelse en overskrift.",
        ReviewBodyRequired => "Skriv et par ord om produktet.",
        EngageNpsQuestionShop => "Hvor sandsynligt er det, at du vil anbefale {shop} til en ven?",
        NpsComment => "Hvad er den vigtigste grund til din bedømmelse? (valgfrit)",
        NpsScoreRequired => "Vælg et tal fra 0 til 10.",
        ReferralCodeLabel => "Din kode",
        ReferralLinkLabel => "Dit link",
        LoyaltyTier => "Dit niveau: {tier}",
        RecommendationsCode => "Brug koden {code} ved kassen for at få rabat.",
        TipReadMore => "Læs mere",
        ReturnsTitle => "Returneringer",
        StartReturn => "Start en returnering",
        ReturnNothingReturnable => "Intet i denne ordre kan returneres lige nu.",
        ReturnPolicy => "Returpolitik",
        ReturnPolicyWhat => "Hvad der kan returneres, og hvornår",
        ReturnPolicyHow => "Sådan foregår det",
        ReturnPolicyRules => "Generelle regler",
        ReturnStepItems => "Hvilke varer vil du returnere?",
        ReturnUntil => "Kan returneres til og med {date}",
        ReturnHowMany => "Antal",
        Continue => "Fortsæt",
        Back => "Tilbage",
        ReturnStepReasons => "Hvorfor returnerer du dem?",
        ReturnReasonLegend => "Årsag",
        ReturnSubReasonLegend => "Hvad helt præcist?",
        ReturnComment => "Beskriv problemet",
        ReturnPhotoLink => "Link til et billede (https://…)",
        ReturnStepResolution => "Hvad vil du have tilbage?",
        ResolutionRefund => "Refusion",
        ResolutionStoreCredit => "Tilgodebevis",
        ResolutionExchange => "Ombytning",
        ReturnExchangeFor => "Størrelse eller farve, du vil have i stedet for {item}",
        ReturnNoCommonResolution => {
            "Disse varer kan ikke returneres samlet. Returnér dem hver for sig."
        }
        ReturnStepSummary => "Tjek din returnering",
        ReturnItemsValue => "Varernes værdi",
        ReturnBonus => "Bonus på tilgodebeviset",
        ReturnFee => "Returgebyr",
        ReturnConfirm => "Bekræft returneringen",
        ReturnSending => "Sender…",
        ReturnRefusedIntro => "Nogle varer kan ikke returneres, som du har valgt:",
        ReturnDone => "Din returnering er registreret",
        ReturnNumber => "Returnummer",
        ReturnNextSteps => {
            "Udskriv returseddelen, og læg den i pakken sammen med varerne. Når butikken har godkendt returneringen, får du besked om, hvordan du sender den."
        }
        ReturnSlip => "Returseddel",
        PrintSlip => "Udskriv returseddelen",
        BackToOrder => "Tilbage til ordren",
        ReturnHeading => "Returnering {rma}",
        ReferralLinkUnknown => {
            "Vi kan ikke genkende dette henvisningslink. Bed din ven om at sende det igen."
        }
        ReferralProgramEnded => "Butikkens henvisningsprogram er afsluttet.",
    }
}

fn de(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Bestellung verfolgen",
        LookupIntro => {
            "Gib deine Bestellnummer und die E-Mail-Adresse ein, die du beim Kauf verwendet hast."
        }
        OrderNumberLabel => "Bestellnummer",
        OrderNumberHint => "Zum Beispiel #1001",
        EmailLabel => "E-Mail-Adresse",
        LookupSubmit => "Bestellung finden",
        LookingUp => "Bestellung wird gesucht…",
        NotFound => {
            "Wir haben keine Bestellung mit dieser Nummer und E-Mail-Adresse gefunden. Bitte prüfe beides und versuche es erneut."
        }
        InvalidInput => "Bitte gib eine Bestellnummer und eine gültige E-Mail-Adresse ein.",
        RateLimited => "Zu viele Versuche. Bitte warte eine Minute und versuche es erneut.",
        SessionExpired => "Deine Sitzung ist abgelaufen. Bitte suche deine Bestellung erneut.",
        NetworkError => "Bei uns ist etwas schiefgelaufen. Bitte versuche es erneut.",
        TryAgain => "Erneut versuchen",
        OrderHeading => "Bestellung {number}",
        PlacedOn => "Bestellt am {date}",
        ThankYouNamed => "Danke für deine Bestellung, {name}!",
        ThankYou => "Danke für deine Bestellung!",
        OrderCancelled => "Diese Bestellung wurde storniert.",
        StepOrdered => "Bestellt",
        StepShipped => "Versandt",
        StepInTransit => "Unterwegs",
        StepOutForDelivery => "In Zustellung",
        StepDelivered => "Zugestellt",
        ProgressLabel => "Lieferfortschritt",
        StatusPending => "Bestellung eingegangen",
        StatusInfoReceived => "Versandetikett erstellt",
        StatusInTransit => "Unterwegs",
        StatusOutForDelivery => "In Zustellung",
        StatusAttemptFail => "Zustellversuch fehlgeschlagen",
        StatusAvailableForPickup => "Zur Abholung bereit",
        StatusDelivered => "Zugestellt",
        StatusException => "Problem bei der Zustellung",
        StatusExpired => "Keine neuen Updates",
        ExceptionHelp => {
            "Bei dieser Lieferung gibt es ein Problem. Der Versanddienstleister kümmert sich darum; das neueste Update steht unten."
        }
        EstimatedDelivery => "Voraussichtliche Zustellung: {date}",
        UsuallyArrivesBy => "Kommt meist bis {date} an",
        RunningLate => "Verspätet",
        DeliveredOn => "Zugestellt am {date}",
        ShipmentOf => "Paket {n} von {total}",
        Carrier => "Versanddienstleister",
        TrackingNumber => "Sendungsnummer",
        TrackOnCarrierSite => "Beim Versanddienstleister verfolgen",
        Updates => "Updates",
        ShowMore => "Alle Updates anzeigen",
        ShowLess => "Weniger Updates anzeigen",
        NotShippedYet => {
            "Wir bereiten deine Bestellung vor. Die Sendungsverfolgung erscheint hier, sobald sie versandt ist."
        }
        Items => "Artikel",
        Quantity => "Menge {n}",
        Total => "Gesamtsumme",
        LookUpAnother => "Andere Bestellung suchen",
        Loading => "Wird geladen…",
        PoweredBy => "Sendungsverfolgung von aftercart",
        OtherOrders => "Deine anderen Bestellungen",
        StatusCancelled => "Storniert",
        ReturnOrderCancelled => {
            "Diese Bestellung wurde storniert und kann daher nicht zurückgegeben werden."
        }
        ReturnNotShipped => "Dieser Artikel wurde noch nicht versandt.",
        ReturnNotDelivered => {
            "Dieser Artikel wurde noch nicht zugestellt. Du kannst ihn zurückgeben, sobald er angekommen ist."
        }
        ReturnWindowClosed => "Die Rückgabefrist von {period} ist am {date} abgelaufen.",
        ReturnFinalSale => "Artikel ohne Rückgaberecht können nicht zurückgegeben werden.",
        ReturnExcluded => "Dieser Artikel kann nicht zurückgegeben werden.",
        ReturnAlreadyRefunded => "Dieser Artikel wurde bereits erstattet.",
        ReturnAlreadyReturned => "Dieser Artikel wurde bereits zurückgegeben.",
        ReturnQuantityTooHigh => "Du kannst höchstens {n} Stück dieses Artikels zurückgeben.",
        ReturnExchangeOnly => "Dieser Artikel kann nur umgetauscht werden.",
        ReturnResolutionNotOffered => "Dieser Shop bietet diese Art der Rückgabe nicht an.",
        ReturnCurrencyMismatch => {
            "Diese Bestellung kann nicht online zurückgegeben werden. Bitte wende dich an den Shop."
        }
        ReturnUnknownItem => "Dieser Artikel gehört nicht zu dieser Bestellung.",
        ReturnDuplicateItem => "Dieser Artikel ist mehr als einmal aufgeführt.",
        ReturnInvalidQuantity => "Wähle mindestens ein Stück zur Rückgabe.",
        ReturnNothingSelected => "Wähle mindestens einen Artikel zur Rückgabe.",
        ReturnReasonUnknown => "Wähle einen Grund aus der Liste.",
        ReturnSubReasonRequired => "Wähle aus, was das Problem am besten beschreibt.",
        ReturnCommentRequired => "Bitte beschreibe das Problem kurz in einem Kommentar.",
        ReturnCommentTooLong => "Bitte halte deinen Kommentar unter {max} Zeichen.",
        ReturnPhotoRequired => "Bitte füge einen Link zu einem Foto hinzu.",
        ReturnPhotoInvalid => "Der Fotolink muss eine Webadresse sein, die mit https:// beginnt.",
        ReturnExchangeVariantRequired => "Wähle die Größe oder Farbe, die du stattdessen möchtest.",
        ReturnExplainWindowFromDelivery => {
            "Du kannst die meisten Artikel innerhalb von {period} nach der Zustellung zurückgeben."
        }
        ReturnExplainWindowFromShipping => {
            "Du kannst die meisten Artikel innerhalb von {period} nach dem Versand zurückgeben."
        }
        ReturnExplainWindowFromOrder => {
            "Du kannst die meisten Artikel innerhalb von {period} nach der Bestellung zurückgeben."
        }
        ReturnExplainGroupWindow => "{group}: innerhalb von {period}.",
        ReturnExplainNotReturnable => "Von der Rückgabe ausgeschlossen: {items}.",
        ReturnExplainWindowEnds => {
            "Eine Rückgabefrist endet um Mitternacht Shop-Zeit ({offset}) an ihrem letzten Tag."
        }
        ReturnExplainHowStart => {
            "Starte deine Rückgabe hier. Sobald sie genehmigt ist, erhältst du eine Anleitung zum Zurücksenden der Artikel."
        }
        ReturnExplainRefund => "Erstattung auf deine ursprüngliche Zahlungsmethode.",
        ReturnExplainCredit => "Shop-Guthaben in Höhe des Warenwerts.",
        ReturnExplainCreditBonus => "Shop-Guthaben in Höhe des Warenwerts plus {percent} % Bonus.",
        ReturnExplainExchange => "Umtausch gegen eine andere Größe oder Farbe.",
        ReturnExplainFee => "Rücksendegebühr: {amount}.",
        ReturnExplainNoFee => "Keine Rücksendegebühr.",
        ReturnExplainHowProcessed => {
            "Wir prüfen die Artikel nach ihrer Ankunft und schließen dann deine Erstattung, dein Guthaben oder deinen Umtausch ab."
        }
        ReturnExplainFinalSale => "{group}: ohne Rückgaberecht.",
        ReturnExplainExchangeOnly => "{group}: nur Umtausch.",
        ReturnStatusRequested => "Rückgabe angefragt",
        ReturnStatusApproved => "Rückgabe genehmigt",
        ReturnStatusInTransit => "Auf dem Rückweg",
        ReturnStatusReceived => "Vom Shop erhalten",
        ReturnStatusRefunded => "Erstattet",
        ReturnStatusCredited => "Guthaben ausgestellt",
        ReturnStatusExchanged => "Umgetauscht",
        ReturnStatusClosed => "Rückgabe abgeschlossen",
        ReturnStatusRejected => "Rückgabe abgelehnt",
        ReturnStatusCancelled => "Rückgabe storniert",
        EngageThankYouDelivered => "Deine Bestellung ist angekommen. Danke für deinen Einkauf!",
        EngageThankYouDeliveredNamed => {
            "Deine Bestellung ist angekommen, {name}. Danke für deinen Einkauf!"
        }
        EngageReviewTitle => "Wie gefällt dir {product}?",
        EngageReviewAction => "Bewertung schreiben",
        EngageNpsQuestion => "Wie wahrscheinlich ist es, dass du uns weiterempfiehlst?",
        EngageNpsLow => "Sehr unwahrscheinlich",
        EngageNpsHigh => "Sehr wahrscheinlich",
        EngageReferralTitle => "Schenke deinen Freunden {discount} Rabatt",
        EngageReferralBody => {
            "Teile deinen Link. Wenn jemand damit zum ersten Mal bestellt, bekommst du {reward}."
        }
        EngageCopyLink => "Link kopieren",
        EngageLinkCopied => "Link kopiert",
        EngageRecommendationsTitle => "Das könnte dir auch gefallen",
        EngageUsageTipsTitle => "Hol das Beste aus deinem Einkauf heraus",
        EngageDismiss => "Nicht jetzt",
        EngageThanksForAnswer => "Danke für deine Antwort!",
        LoyaltyBalance => "Du hast {points} Punkte",
        LoyaltyNextTier => "Noch {points} Punkte bis {tier}",
        ReferralCodeInvalid => {
            "Dieser Code scheint nicht zu stimmen. Bitte prüfe ihn und versuche es erneut."
        }
        EngageClose => "Schließen",
        EngageSend => "Senden",
        EngageShare => "Teilen",
        EngageCopyManual => {
            "Der Link ist markiert: Drücke Strg+C (⌘C auf dem Mac), um ihn zu kopieren."
        }
        ReviewRatingLegend => "Gesamtbewertung",
        ReviewStar => "1 Stern",
        ReviewStars => "{n} Sterne",
        ReviewTitleLabel => "Überschrift",
        ReviewBodyLabel => "Deine Rezension",
        ReviewPhotoLabel => "Link zu einem Foto (optional, https://…)",
        ReviewIncentive => "Jede Bewertung bringt dir {reward}, egal wie viele Sterne du vergibst.",
        IncentiveDiscount => "{discount} Rabatt auf deine nächste Bestellung",
        IncentivePoints => "{points} Punkte",
        ReviewThanks => "Danke für deine Bewertung!",
        ReviewPending => "Wir veröffentlichen sie nach einer kurzen Prüfung.",
        ReviewCoupon => "Dein Code für das nächste Mal",
        ReviewAlready => "Du hast diesen Artikel bereits bewertet. Danke!",
        ReviewRatingRequired => "Wähle eine Bewertung von 1 bis 5 Sternen.",
        ReviewTitleRequired => "Gib deiner Bewertung eine Überschrift.",
        ReviewBodyRequired => "Schreib ein paar Worte zum Artikel.",
        EngageNpsQuestionShop => "Wie wahrscheinlich ist es, dass du {shop} weiterempfiehlst?",
        NpsComment => "Was ist der wichtigste Grund für deine Bewertung? (optional)",
        NpsScoreRequired => "Wähle einen Wert von 0 bis 10.",
        ReferralCodeLabel => "Dein Code",
        ReferralLinkLabel => "Dein Link",
        LoyaltyTier => "Deine Stufe: {tier}",
        RecommendationsCode => "Mit dem Code {code} bekommst du an der Kasse einen Rabatt.",
        TipReadMore => "Mehr erfahren",
        ReturnsTitle => "Rücksendungen",
        StartReturn => "Rücksendung starten",
        ReturnNothingReturnable => {
            "Aus dieser Bestellung kann derzeit nichts zurückgeschickt werden."
        }
        ReturnPolicy => "Rückgabebedingungen",
        ReturnPolicyWhat => "Was zurückgeschickt werden kann und bis wann",
        ReturnPolicyHow => "So funktioniert es",
        ReturnPolicyRules => "Allgemeine Regeln",
        ReturnStepItems => "Welche Artikel möchtest du zurückschicken?",
        ReturnUntil => "Rückgabe bis {date} möglich",
        ReturnHowMany => "Anzahl",
        Continue => "Weiter",
        Back => "Zurück",
        ReturnStepReasons => "Warum schickst du sie zurück?",
        ReturnReasonLegend => "Grund",
        ReturnSubReasonLegend => "Was genau?",
        ReturnComment => "Beschreibe das Problem",
        ReturnPhotoLink => "Link zu einem Foto (https://…)",
        ReturnStepResolution => "Was möchtest du dafür bekommen?",
        ResolutionRefund => "Erstattung",
        ResolutionStoreCredit => "Guthaben",
        ResolutionExchange => "Umtausch",
        ReturnExchangeFor => "Größe oder Farbe, die du statt {item} möchtest",
        ReturnNoCommonResolution => {
            "Diese Artikel können nicht zusammen zurückgeschickt werden. Bitte schicke sie einzeln zurück."
        }
        ReturnStepSummary => "Prüfe deine Rücksendung",
        ReturnItemsValue => "Warenwert",
        ReturnBonus => "Guthaben-Bonus",
        ReturnFee => "Rücksendegebühr",
        ReturnConfirm => "Rücksendung bestätigen",
        ReturnSending => "Wird gesendet…",
        ReturnRefusedIntro => "Einige Artikel können nicht wie gewählt zurückgeschickt werden:",
        ReturnDone => "Deine Rücksendung ist angemeldet",
        ReturnNumber => "Rücksendenummer",
        ReturnNextSteps => {
            "Drucke den Rücksendeschein aus und lege ihn mit den Artikeln ins Paket. Sobald der Shop deine Rücksendung genehmigt hat, bekommst du eine Anleitung für den Versand."
        }
        ReturnSlip => "Rücksendeschein",
        PrintSlip => "Schein drucken",
        BackToOrder => "Zurück zur Bestellung",
        ReturnHeading => "Rücksendung {rma}",
        ReferralLinkUnknown => {
            "Diesen Empfehlungslink kennen wir nicht. Bitte lass ihn dir noch einmal schicken."
        }
        ReferralProgramEnded => "Das Empfehlungsprogramm dieses Shops ist beendet.",
    }
}

fn ro(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Urmărește comanda",
        LookupIntro => {
            "Introdu numărul comenzii și adresa de e-mail folosită la finalizarea comenzii."
        }
        OrderNumberLabel => "Numărul comenzii",
        OrderNumberHint => "De exemplu #1001",
        EmailLabel => "Adresa de e-mail",
        LookupSubmit => "Găsește comanda",
        LookingUp => "Căutăm comanda ta…",
        NotFound => {
            "Nu am găsit nicio comandă cu acest număr și această adresă de e-mail. Verifică-le pe amândouă și încearcă din nou."
        }
        InvalidInput => "Introdu un număr de comandă și o adresă de e-mail validă.",
        RateLimited => "Prea multe încercări. Așteaptă un minut și încearcă din nou.",
        SessionExpired => "Sesiunea a expirat. Caută din nou comanda.",
        NetworkError => "Ceva nu a funcționat la noi. Încearcă din nou.",
        TryAgain => "Încearcă din nou",
        OrderHeading => "Comanda {number}",
        PlacedOn => "Plasată pe {date}",
        ThankYouNamed => "Îți mulțumim pentru comandă, {name}!",
        ThankYou => "Îți mulțumim pentru comandă!",
        OrderCancelled => "Această comandă a fost anulată.",
        StepOrdered => "Comandată",
        StepShipped => "Expediată",
        StepInTransit => "În tranzit",
        StepOutForDelivery => "În curs de livrare",
        StepDelivered => "Livrată",
        ProgressLabel => "Progresul livrării",
        StatusPending => "Comandă primită",
        StatusInfoReceived => "Etichetă de expediere creată",
        StatusInTransit => "În tranzit",
        StatusOutForDelivery => "În curs de livrare",
        StatusAttemptFail => "Încercare de livrare eșuată",
        StatusAvailableForPickup => "Gata de ridicare",
        StatusDelivered => "Livrată",
        StatusException => "Problemă la livrare",
        StatusExpired => "Nicio actualizare recentă",
        ExceptionHelp => {
            "Există o problemă cu această livrare. Curierul se ocupă de ea; vezi cea mai recentă actualizare mai jos."
        }
        EstimatedDelivery => "Livrare estimată: {date}",
        UsuallyArrivesBy => "Ajunge de obicei până pe {date}",
        RunningLate => "Întârziată",
        DeliveredOn => "Livrată pe {date}",
        ShipmentOf => "Coletul {n} din {total}",
        Carrier => "Curier",
        TrackingNumber => "Număr de urmărire",
        TrackOnCarrierSite => "Urmărește pe site-ul curierului",
        Updates => "Actualizări",
        ShowMore => "Arată toate actualizările",
        ShowLess => "Arată mai puține actualizări",
        NotShippedYet => "Îți pregătim comanda. Urmărirea apare aici imediat ce este expediată.",
        Items => "Produse",
        Quantity => "Cant. {n}",
        Total => "Total",
        LookUpAnother => "Caută altă comandă",
        Loading => "Se încarcă…",
        PoweredBy => "Urmărire comenzi de la aftercart",
        OtherOrders => "Celelalte comenzi ale tale",
        StatusCancelled => "Anulată",
        ReturnOrderCancelled => "Această comandă a fost anulată, așa că nu poate fi returnată.",
        ReturnNotShipped => "Acest produs nu a fost încă expediat.",
        ReturnNotDelivered => "Acest produs nu a fost încă livrat. Îl poți returna după ce ajunge.",
        ReturnWindowClosed => "Termenul de retur de {period} s-a încheiat pe {date}.",
        ReturnFinalSale => "Produsele din vânzarea finală nu pot fi returnate.",
        ReturnExcluded => "Acest produs nu poate fi returnat.",
        ReturnAlreadyRefunded => "Acest produs a fost deja rambursat.",
        ReturnAlreadyReturned => "Acest produs a fost deja returnat.",
        ReturnQuantityTooHigh => "Poți returna cel mult {n} buc. din acest produs.",
        ReturnExchangeOnly => "Acest produs poate fi doar schimbat.",
        ReturnResolutionNotOffered => "Magazinul nu oferă acest tip de retur.",
        ReturnCurrencyMismatch => {
            "Această comandă nu poate fi returnată online. Te rugăm să contactezi magazinul."
        }
        ReturnUnknownItem => "Acest produs nu face parte din comandă.",
        ReturnDuplicateItem => "Acest produs apare de mai multe ori.",
        ReturnInvalidQuantity => "Alege cel puțin o bucată de returnat.",
        ReturnNothingSelected => "Alege cel puțin un produs de returnat.",
        ReturnReasonUnknown => "Alege un motiv din listă.",
        ReturnSubReasonRequired => "Alege varianta care descrie cel mai bine problema.",
        ReturnCommentRequired => "Spune-ne mai multe într-un comentariu.",
        ReturnCommentTooLong => "Te rugăm să păstrezi comentariul sub {max} de caractere.",
        ReturnPhotoRequired => "Te rugăm să adaugi un link către o fotografie.",
        ReturnPhotoInvalid => {
            "Linkul fotografiei trebuie să fie o adresă web care începe cu https://."
        }
        ReturnExchangeVariantRequired => "Alege mărimea sau culoarea pe care o vrei în schimb.",
        ReturnExplainWindowFromDelivery => {
            "Poți returna majoritatea produselor în {period} de la livrare."
        }
        ReturnExplainWindowFromShipping => {
            "Poți returna majoritatea produselor în {period} de la expediere."
        }
        ReturnExplainWindowFromOrder => {
            "Poți returna majoritatea produselor în {period} de la plasarea comenzii."
        }
        ReturnExplainGroupWindow => "{group}: în {period}.",
        ReturnExplainNotReturnable => "Nu pot fi returnate: {items}.",
        ReturnExplainWindowEnds => {
            "Termenul de retur se încheie la miezul nopții, ora magazinului ({offset}), în ultima zi."
        }
        ReturnExplainHowStart => {
            "Începe returul aici. După ce este aprobat, primești instrucțiuni pentru trimiterea produselor înapoi."
        }
        ReturnExplainRefund => "Rambursare prin metoda de plată inițială.",
        ReturnExplainCredit => "Credit în magazin în valoarea produselor.",
        ReturnExplainCreditBonus => {
            "Credit în magazin în valoarea produselor, plus un bonus de {percent}%."
        }
        ReturnExplainExchange => "Schimb cu altă mărime sau culoare.",
        ReturnExplainFee => "Taxă de retur: {amount}.",
        ReturnExplainNoFee => "Fără taxă de retur.",
        ReturnExplainHowProcessed => {
            "Verificăm produsele când ajung, apoi finalizăm rambursarea, creditul în magazin sau schimbul."
        }
        ReturnExplainFinalSale => "{group}: vânzare finală, nu pot fi returnate.",
        ReturnExplainExchangeOnly => "{group}: doar schimb.",
        ReturnStatusRequested => "Retur solicitat",
        ReturnStatusApproved => "Retur aprobat",
        ReturnStatusInTransit => "În drum spre magazin",
        ReturnStatusReceived => "Primit de magazin",
        ReturnStatusRefunded => "Rambursat",
        ReturnStatusCredited => "Credit emis",
        ReturnStatusExchanged => "Schimbat",
        ReturnStatusClosed => "Retur finalizat",
        ReturnStatusRejected => "Retur respins",
        ReturnStatusCancelled => "Retur anulat",
        EngageThankYouDelivered => "Comanda ta a ajuns. Îți mulțumim că ai cumpărat de la noi!",
        EngageThankYouDeliveredNamed => {
            "Comanda ta a ajuns, {name}. Îți mulțumim că ai cumpărat de la noi!"
        }
        EngageReviewTitle => "Cum ți se pare {product}?",
        EngageReviewAction => "Scrie o recenzie",
        EngageNpsQuestion => "Cât de probabil este să ne recomanzi unui prieten?",
        EngageNpsLow => "Deloc probabil",
        EngageNpsHigh => "Foarte probabil",
        EngageReferralTitle => "Oferă-le prietenilor tăi o reducere de {discount}",
        EngageReferralBody => {
            "Distribuie linkul tău. Când un prieten plasează prima comandă, primești {reward}."
        }
        EngageCopyLink => "Copiază linkul",
        EngageLinkCopied => "Link copiat",
        EngageRecommendationsTitle => "S-ar putea să-ți placă și",
        EngageUsageTipsTitle => "Bucură-te la maximum de achiziția ta",
        EngageDismiss => "Nu acum",
        EngageThanksForAnswer => "Îți mulțumim pentru răspuns!",
        LoyaltyBalance => "Ai {points} puncte",
        LoyaltyNextTier => "Încă {points} puncte până la {tier}",
        ReferralCodeInvalid => "Codul nu pare corect. Verifică-l și încearcă din nou.",
        EngageClose => "Închide",
        EngageSend => "Trimite",
        EngageShare => "Distribuie",
        EngageCopyManual => "Linkul este selectat: apasă Ctrl+C (⌘C pe Mac) ca să-l copiezi.",
        ReviewRatingLegend => "Nota ta",
        ReviewStar => "1 stea",
        ReviewStars => "{n} stele",
        ReviewTitleLabel => "Titlu",
        ReviewBodyLabel => "Recenzia ta",
        ReviewPhotoLabel => "Link către o fotografie (opțional, https://…)",
        ReviewIncentive => "Fiecare recenzie îți aduce {reward}, indiferent de notă.",
        IncentiveDiscount => "o reducere de {discount} la următoarea comandă",
        IncentivePoints => "{points} puncte",
        ReviewThanks => "Îți mulțumim pentru recenzie!",
        ReviewPending => "O publicăm după o scurtă verificare.",
        ReviewCoupon => "Codul tău pentru data viitoare",
        ReviewAlready => "Ai evaluat deja acest produs. Mulțumim!",
        ReviewRatingRequired => "Alege o notă de la 1 la 5 stele.",
        ReviewTitleRequired => "Dă-i un titlu recenziei tale.",
        ReviewBodyRequired => "Scrie câteva cuvinte despre produs.",
        EngageNpsQuestionShop => "Cât de probabil este să recomanzi {shop} unui prieten?",
        NpsComment => "Care este motivul principal pentru nota ta? (opțional)",
        NpsScoreRequired => "Alege o notă de la 0 la 10.",
        ReferralCodeLabel => "Codul tău",
        ReferralLinkLabel => "Linkul tău",
        LoyaltyTier => "Nivelul tău: {tier}",
        RecommendationsCode => "Folosește codul {code} la finalizarea comenzii pentru o reducere.",
        TipReadMore => "Citește mai mult",
        ReturnsTitle => "Retururi",
        StartReturn => "Începe un retur",
        ReturnNothingReturnable => {
            "Nimic din această comandă nu poate fi returnat în acest moment."
        }
        ReturnPolicy => "Politica de retur",
        ReturnPolicyWhat => "Ce se poate returna și până când",
        ReturnPolicyHow => "Cum funcționează",
        ReturnPolicyRules => "Reguli generale",
        ReturnStepItems => "Ce produse vrei să returnezi?",
        ReturnUntil => "Se poate returna până pe {date}",
        ReturnHowMany => "Câte bucăți",
        Continue => "Continuă",
        Back => "Înapoi",
        ReturnStepReasons => "De ce le returnezi?",
        ReturnReasonLegend => "Motiv",
        ReturnSubReasonLegend => "Mai exact?",
        ReturnComment => "Descrie problema",
        ReturnPhotoLink => "Link către o fotografie (https://…)",
        ReturnStepResolution => "Ce dorești să primești în schimb?",
        ResolutionRefund => "Rambursare",
        ResolutionStoreCredit => "Credit în magazin",
        ResolutionExchange => "Schimb",
        ReturnExchangeFor => "Mărimea sau culoarea pe care o vrei în locul produsului {item}",
        ReturnNoCommonResolution => {
            "Aceste produse nu pot fi returnate împreună. Te rugăm să le returnezi separat."
        }
        ReturnStepSummary => "Verifică returul",
        ReturnItemsValue => "Valoarea produselor",
        ReturnBonus => "Bonus la creditul în magazin",
        ReturnFee => "Taxă de retur",
        ReturnConfirm => "Confirmă returul",
        ReturnSending => "Se trimite…",
        ReturnRefusedIntro => "Unele produse nu pot fi returnate așa cum ai ales:",
        ReturnDone => "Returul tău a fost înregistrat",
        ReturnNumber => "Număr de retur",
        ReturnNextSteps => {
            "Tipărește bonul de retur și pune-l în colet împreună cu produsele. După ce magazinul aprobă returul, vei primi instrucțiuni pentru expediere."
        }
        ReturnSlip => "Bon de retur",
        PrintSlip => "Tipărește bonul",
        BackToOrder => "Înapoi la comandă",
        ReturnHeading => "Retur {rma}",
        ReferralLinkUnknown => {
            "Nu recunoaștem acest link de recomandare. Roagă-ți prietenul să ți-l trimită din nou."
        }
        ReferralProgramEnded => "Programul de recomandări al acestui magazin s-a încheiat.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_language_translates_every_message_with_the_same_placeholders() {
        for msg in Msg::ALL {
            let english = Lang::En.text(msg);
            for lang in Lang::ALL {
                let text = lang.text(msg);
                assert!(!text.trim().is_empty(), "{lang:?} {msg:?} is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{lang:?} {msg:?}"
                );
            }
        }
    }

    #[test]
    fn non_english_catalogs_are_really_translated() {
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let same = Msg::ALL
                .iter()
                .filter(|m| lang.text(**m) == Lang::En.text(**m))
                .count();
            // A few words are the same in several languages ("Updates").
            assert!(same <= 3, "{lang:?} has {same} untranslated messages");
        }
    }

    #[test]
    fn negotiation_prefers_explicit_then_browser_then_english() {
        assert_eq!(Lang::negotiate(Some("de"), ["sv-SE"]), Lang::De);
        assert_eq!(
            Lang::negotiate(Some("xx"), ["fr-FR", "sv-SE", "en"]),
            Lang::Sv
        );
        assert_eq!(Lang::negotiate(None, ["nn-NO"]), Lang::Nb);
        assert_eq!(Lang::negotiate(None, ["no"]), Lang::Nb);
        assert_eq!(Lang::negotiate(None, ["da_DK"]), Lang::Da);
        assert_eq!(Lang::negotiate(None, ["ro-RO"]), Lang::Ro);
        assert_eq!(Lang::negotiate(None, ["fr", "it"]), Lang::En);
        assert_eq!(Lang::negotiate(None, []), Lang::En);
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill(
                Lang::En.text(Msg::ShipmentOf),
                &[("n", "1"), ("total", "2")]
            ),
            "Package 1 of 2"
        );
        // Unknown names and stray braces stay; values are not re-scanned.
        assert_eq!(
            fill("{a} {b} {a} { {", &[("a", "{b}"), ("b", "x")]),
            "{b} x {b} { {"
        );
    }

    #[test]
    fn every_status_and_step_has_a_label() {
        for lang in Lang::ALL {
            for status in TrackingStatus::ALL {
                assert!(!lang.status(status).is_empty());
            }
            for step in Step::ALL {
                assert!(!lang.step(step).is_empty());
            }
        }
    }
}
