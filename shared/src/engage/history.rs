//! Prompts and what the shopper did with them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::wire::wire_enum;
use crate::{IdError, OrderId, UnixTime};

/// The shop system's id of a product (not of a variant or line item):
/// reviews are about products. Opaque, trimmed, at most 128 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct ProductId(String);

impl ProductId {
    pub const MAX_LEN: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(IdError::Empty { what: "product id" });
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(IdError::TooLong {
                what: "product id",
                max: Self::MAX_LEN,
            });
        }
        if value.chars().any(char::is_control) {
            return Err(IdError::BadCharacter { what: "product id" });
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProductId {
    type Error = IdError;
    fn try_from(value: String) -> Result<Self, IdError> {
        Self::parse(&value)
    }
}

impl TryFrom<&str> for ProductId {
    type Error = IdError;
    fn try_from(value: &str) -> Result<Self, IdError> {
        Self::parse(value)
    }
}

impl From<ProductId> for String {
    fn from(id: ProductId) -> Self {
        id.0
    }
}

impl fmt::Display for ProductId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One thing the widget can put in the engagement slot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Prompt {
    /// "How do you like {product}?" for one product of the order.
    ReviewRequest { product: ProductId },
    /// The shopper's referral link; the friend gets a discount.
    ReferralOffer,
    /// "How likely are you to recommend us?" 0–10, once per order.
    Nps,
    /// Products that go with what was bought. `discount` is true only after
    /// delivery and only when the merchant attaches one.
    Recommendations { discount: bool },
    /// How to use, care for or set up what was bought.
    UsageTips,
    /// A personal line of thanks when the order arrives. It asks nothing,
    /// so it is not counted against the cap (see the module docs).
    ThankYou,
}

impl Prompt {
    pub fn kind(&self) -> PromptKind {
        match self {
            Self::ReviewRequest { .. } => PromptKind::ReviewRequest,
            Self::ReferralOffer => PromptKind::ReferralOffer,
            Self::Nps => PromptKind::Nps,
            Self::Recommendations { .. } => PromptKind::Recommendations,
            Self::UsageTips => PromptKind::UsageTips,
            Self::ThankYou => PromptKind::ThankYou,
        }
    }

    /// Whether showing this prompt offers the shopper money off. Discounts
    /// are only ever offered after delivery: before it, a discount on the
    /// next order reads as compensation for a parcel that has not arrived,
    /// and invites cancel-and-reorder.
    pub fn carries_discount(&self) -> bool {
        match self {
            Self::ReferralOffer => true,
            Self::Recommendations { discount } => *discount,
            Self::ReviewRequest { .. } | Self::Nps | Self::UsageTips | Self::ThankYou => false,
        }
    }
}

wire_enum! {
    /// The kind of a [`Prompt`], without its data.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum PromptKind {
        ReviewRequest = "reviewRequest",
        ReferralOffer = "referralOffer",
        Nps = "nps",
        Recommendations = "recommendations",
        UsageTips = "usageTips",
        ThankYou = "thankYou",
    }
}

impl PromptKind {
    /// Whether a showing uses one of the shopper's capped slots. Only the
    /// thank-you line does not: it is a sentence, not a request.
    pub fn counts_against_cap(self) -> bool {
        self != Self::ThankYou
    }

    /// The catalog line that heads this kind's card in the widget.
    pub fn headline(self) -> Msg {
        match self {
            Self::ReviewRequest => Msg::EngageReviewTitle,
            Self::ReferralOffer => Msg::EngageReferralTitle,
            Self::Nps => Msg::EngageNpsQuestion,
            Self::Recommendations => Msg::EngageRecommendationsTitle,
            Self::UsageTips => Msg::EngageUsageTipsTitle,
            Self::ThankYou => Msg::EngageThankYouDelivered,
        }
    }
}

wire_enum! {
    /// What happened to a prompt.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Action {
        /// The widget displayed it.
        Shown = "shown",
        /// The shopper closed it ("not now").
        Dismissed = "dismissed",
        /// The shopper did what it asked: wrote the review, picked a score,
        /// shared the link, clicked a recommendation, opened the tips.
        Answered = "answered",
    }
}

/// One line of a shopper's engagement history.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub at: UnixTime,
    /// The order whose page the prompt was on.
    pub order: OrderId,
    pub prompt: Prompt,
    pub action: Action,
}

/// Everything one shopper was shown and did, across all their orders at one
/// shop. Order of events does not matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct History {
    events: Vec<Event>,
}

impl History {
    pub fn new(events: Vec<Event>) -> Self {
        Self { events }
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn record(&mut self, at: UnixTime, order: OrderId, prompt: Prompt, action: Action) {
        self.events.push(Event {
            at,
            order,
            prompt,
            action,
        });
    }

    /// Times of counted showings strictly after `after`, oldest first.
    /// Showings stamped later than `now` (clock skew between edge nodes) are
    /// included: counting them can only make the scheduler quieter.
    pub(super) fn counted_showings_after(&self, after: UnixTime) -> Vec<UnixTime> {
        let mut times: Vec<UnixTime> = self
            .events
            .iter()
            .filter(|e| e.action == Action::Shown && e.prompt.kind().counts_against_cap())
            .filter(|e| e.at > after)
            .map(|e| e.at)
            .collect();
        times.sort_unstable();
        times
    }

    /// The latest showing of any prompt, counted or not.
    pub(super) fn last_showing(&self) -> Option<UnixTime> {
        self.events
            .iter()
            .filter(|e| e.action == Action::Shown)
            .map(|e| e.at)
            .max()
    }

    /// Any event of `kind` on `order`'s page.
    pub(super) fn touched(&self, order: &OrderId, kind: PromptKind) -> bool {
        self.events
            .iter()
            .any(|e| &e.order == order && e.prompt.kind() == kind)
    }

    /// The prompt most recently shown on `order` after `after`. Ties (one
    /// timestamp, two prompts) go to the greater kind, then product, so the
    /// answer does not depend on the order of events.
    pub(super) fn latest_showing_on(&self, order: &OrderId, after: UnixTime) -> Option<&Prompt> {
        self.events
            .iter()
            .filter(|e| &e.order == order && e.action == Action::Shown && e.at > after)
            .max_by(|a, b| {
                let product = |p: &Prompt| match p {
                    Prompt::ReviewRequest { product } => Some(product.clone()),
                    _ => None,
                };
                let discount = |p: &Prompt| matches!(p, Prompt::Recommendations { discount: true });
                (
                    a.at,
                    a.prompt.kind(),
                    product(&a.prompt),
                    discount(&a.prompt),
                )
                    .cmp(&(
                        b.at,
                        b.prompt.kind(),
                        product(&b.prompt),
                        discount(&b.prompt),
                    ))
            })
            .map(|e| &e.prompt)
    }

    /// Whether the shopper dismissed or answered `prompt` on `order`.
    pub(super) fn closed(&self, order: &OrderId, prompt: &Prompt) -> bool {
        self.closing_action(order, prompt).is_some()
    }

    /// The shopper's final word on `prompt` on `order`: an answer outranks a
    /// dismissal (someone who said "not now" and later wrote the review did
    /// answer).
    pub(super) fn closing_action(&self, order: &OrderId, prompt: &Prompt) -> Option<Action> {
        let actions = self
            .events
            .iter()
            .filter(|e| &e.order == order && &e.prompt == prompt)
            .map(|e| e.action);
        let mut closing = None;
        for action in actions {
            match action {
                Action::Answered => return Some(Action::Answered),
                Action::Dismissed => closing = Some(Action::Dismissed),
                Action::Shown => {}
            }
        }
        closing
    }

    /// The latest dismissal of `kind`, on any order.
    pub(super) fn last_dismissal(&self, kind: PromptKind) -> Option<UnixTime> {
        self.events
            .iter()
            .filter(|e| e.action == Action::Dismissed && e.prompt.kind() == kind)
            .map(|e| e.at)
            .max()
    }

    /// Events about reviewing `product`, on any order.
    pub(super) fn review_events<'a>(
        &'a self,
        product: &'a ProductId,
    ) -> impl Iterator<Item = &'a Event> + 'a {
        self.events.iter().filter(
            move |e| matches!(&e.prompt, Prompt::ReviewRequest { product: p } if p == product),
        )
    }

    /// The product this order's review requests are about, if one was
    /// already shown: the earliest showing decides, so reminders never
    /// switch products even if review counts change in between.
    pub(super) fn review_product_of(&self, order: &OrderId) -> Option<&ProductId> {
        self.events
            .iter()
            .filter(|e| &e.order == order && e.action == Action::Shown)
            .filter_map(|e| match &e.prompt {
                Prompt::ReviewRequest { product } => Some((e.at, product)),
                _ => None,
            })
            .min()
            .map(|(_, product)| product)
    }
}
