//! The English catalog: an exhaustive `match`, so a message missing here
//! does not compile.

use super::Msg;

pub(super) fn text(msg: Msg) -> &'static str {
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
        ProofNeeded => "To make changes, please confirm your order number and email address.",
        ReadOnlyLink => {
            "This link shows your order. To start a return or leave a review, confirm it is yours."
        }
        ConfirmItsMe => "Confirm it's me",
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
