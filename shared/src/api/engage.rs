//! Wire types of the engagement API: the one prompt for an order view,
//! what the shopper did with it, reviews, NPS and rewards.
//!
//! Routes (all shopper routes take the order's access token, like
//! `GET /v1/shops/{shop}/orders/{orderId}`):
//!
//! | route | body | answer |
//! |---|---|---|
//! | `GET  /v1/shops/{shop}/orders/{orderId}/engagement` | | [`EngagementView`] |
//! | `POST /v1/shops/{shop}/orders/{orderId}/engagement/events` | [`PromptEventRequest`] | 204 |
//! | `POST /v1/shops/{shop}/orders/{orderId}/reviews` | [`ReviewSubmission`] | 201 [`ReviewReceipt`] |
//! | `POST /v1/shops/{shop}/orders/{orderId}/nps` | [`NpsSubmission`] | 201 / 409 `already_answered` |
//! | `GET  /v1/shops/{shop}/orders/{orderId}/rewards` | | [`RewardsView`] |
//! | `GET  /v1/shops/{shop}/products/{productId}/reviews?page=N` | | [`ProductReviews`] (public) |
//! | `GET  /v1/admin/shops/{shop}/reviews?status=…&cursor=…` | | [`AdminReviewList`] (admin key) |
//! | `POST /v1/admin/shops/{shop}/reviews/{id}` | [`ModerationRequest`] | [`AdminReview`] (admin key) |

use serde::{Deserialize, Serialize};

use crate::UnixTime;
use crate::engage::{Action, Prompt, PromptContent};
use crate::referral::{Incentive, Ledger, Tiers, progress};
use crate::reviews::{ModerationStatus, NpsAnswer, PublishedReview, ReviewError, ValidReview};

/// What the engagement slot of one order view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EngagementView {
    /// At most one prompt (the scheduler's choice), with its content.
    pub prompt: Option<PromptView>,
    /// The scheduler's [`Rule`](crate::engage::Rule) for this answer, by its
    /// stable name (e.g. `review_delay`, `global_cap`, `still_open`),
    /// so a merchant can see why something was or was not shown.
    pub rule: String,
}

/// A prompt with everything the widget needs to render it. `prompt` is the
/// scheduler's [`Prompt`], echoed back in [`PromptEventRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PromptView {
    pub prompt: Prompt,
    pub content: PromptContent,
}

/// `POST …/engagement/events`: the widget showed a prompt, or the shopper
/// dismissed or answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PromptEventRequest {
    pub prompt: Prompt,
    pub action: Action,
}

/// `POST …/reviews`: one review of one line item of the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReviewSubmission {
    pub line_item_id: String,
    /// 1–5.
    pub rating: u8,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub photo_url: Option<String>,
}

impl ReviewSubmission {
    /// The review, if it passes every check.
    pub fn parse(&self) -> Result<ValidReview, ReviewError> {
        ValidReview::new(
            &self.line_item_id,
            self.rating,
            &self.title,
            &self.body,
            self.photo_url.as_deref(),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReviewReceipt {
    pub id: String,
    pub status: ModerationStatus,
    /// Tied to a delivered order of this shop.
    pub verified: bool,
    /// A coupon was offered for writing it; shown with the review.
    pub incentivized: bool,
    /// The thank-you coupon, the same for every rating.
    pub coupon: Option<String>,
}

/// `GET /v1/shops/{shop}/products/{productId}/reviews?page=N`: published
/// reviews, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductReviews {
    pub product_id: String,
    /// Published reviews in all.
    pub count: u32,
    /// Mean rating to one decimal; `None` without reviews.
    pub average_rating: Option<f64>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
    pub reviews: Vec<PublishedReview>,
    /// schema.org `Product` with `AggregateRating` and `Review`s, safe to
    /// put inside `<script type="application/ld+json">` as is.
    pub json_ld: String,
}

/// A review as the merchant moderates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AdminReview {
    pub id: String,
    pub order_id: String,
    pub line_item_id: String,
    pub product_id: String,
    pub author: String,
    pub rating: u8,
    pub title: String,
    pub body: String,
    pub photo_url: Option<String>,
    pub status: ModerationStatus,
    pub verified: bool,
    pub incentivized: bool,
    pub coupon: Option<String>,
    pub created_at: UnixTime,
    pub moderated_at: Option<UnixTime>,
}

/// `GET /v1/admin/shops/{shop}/reviews`: oldest first (a moderation
/// queue); pass `nextCursor` back as `cursor` for the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AdminReviewList {
    pub reviews: Vec<AdminReview>,
    pub next_cursor: Option<String>,
}

/// `POST /v1/admin/shops/{shop}/reviews/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ModerationRequest {
    pub status: ModerationStatus,
}

/// `POST …/nps`: 0–10 and an optional comment, once per order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NpsSubmission {
    pub score: u8,
    #[serde(default)]
    pub comment: Option<String>,
}

impl NpsSubmission {
    /// The answer, if it passes every check.
    pub fn parse(&self) -> Result<NpsAnswer, ReviewError> {
        NpsAnswer::new(self.score, self.comment.as_deref())
    }
}

/// `GET …/rewards`: the shopper's referral code and loyalty standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RewardsView {
    /// Only once the order is delivered (no discount before delivery).
    pub referral: Option<ReferralCard>,
    /// `None` when the shop runs no loyalty program.
    pub loyalty: Option<LoyaltyView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReferralCard {
    pub code: String,
    /// Absolute `https://…/r/{code}` link.
    pub share_url: String,
    /// What the friend gets on their first order.
    pub friend_offer: Incentive,
    /// What the shopper gets per friend.
    pub reward: Incentive,
    pub friends_rewarded: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct LoyaltyView {
    pub balance: u64,
    pub tier: Option<String>,
    pub next_tier: Option<String>,
    pub points_to_next: u64,
    /// 0–100 toward the next tier (100 at the top tier).
    pub progress_percent: u8,
}

impl LoyaltyView {
    /// A shopper's standing: the points they can spend, and the tier their
    /// lifetime points reach (spending never costs a tier).
    pub fn of(ledger: Ledger, tiers: &Tiers) -> Self {
        let standing = progress(ledger.lifetime, tiers);
        Self {
            balance: ledger.balance.0,
            tier: standing.tier.map(|t| t.name.clone()),
            next_tier: standing.next.map(|t| t.name.clone()),
            points_to_next: standing.points_to_next,
            progress_percent: standing.percent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engage::ProductId;

    #[test]
    fn a_prompt_view_is_camel_case_and_tagged_by_kind() {
        let view = EngagementView {
            prompt: Some(PromptView {
                prompt: Prompt::ReviewRequest {
                    product: ProductId::parse("p-1").unwrap(),
                },
                content: PromptContent::ReviewRequest {
                    line_item_id: "li-1".into(),
                    product_id: "p-1".into(),
                    title: "Trail shoe".into(),
                    image_url: None,
                    incentive: Some(Incentive::Percent { percent: 10 }),
                },
            }),
            rule: "reviewDue".into(),
        };
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "prompt": {
                    "prompt": {"kind": "reviewRequest", "product": "p-1"},
                    "content": {
                        "kind": "reviewRequest",
                        "lineItemId": "li-1",
                        "productId": "p-1",
                        "title": "Trail shoe",
                        "imageUrl": null,
                        "incentive": {"type": "percent", "percent": 10}
                    }
                },
                "rule": "reviewDue"
            })
        );
        assert_eq!(
            serde_json::from_value::<EngagementView>(json).unwrap(),
            view
        );
    }

    #[test]
    fn an_event_names_the_prompt_and_the_action() {
        let event: PromptEventRequest =
            serde_json::from_str(r#"{"prompt":{"kind":"nps"},"action":"dismissed"}"#).unwrap();
        assert_eq!(event.prompt, Prompt::Nps);
        assert_eq!(event.action, Action::Dismissed);
    }
}
