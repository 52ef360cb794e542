//! Product reviews and NPS answers: what a shopper may submit, what a
//! review earns (the same for every rating), moderation, and the public
//! listing with its schema.org JSON-LD.

use serde::{Deserialize, Serialize};

use crate::referral::Incentive;
use crate::returns::reasons::is_https_link;
use crate::token::sha256_hex;
use crate::wire::wire_enum;
use crate::{Email, OrderId, ShopId, UnixTime};

pub const TITLE_MAX_CHARS: usize = 120;
pub const BODY_MAX_CHARS: usize = 5000;
pub const NPS_COMMENT_MAX_CHARS: usize = 1000;
const COUPON_MAX_CHARS: usize = 40;
/// Reviews per page of the public listing.
pub const PAGE_SIZE: u32 = 10;

/// Why a review, NPS answer or review setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("the rating must be a whole number from 1 to 5")]
    Rating,
    #[error("the score must be a whole number from 0 to 10")]
    Score,
    #[error("{field} is empty")]
    Empty { field: &'static str },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} contains control characters")]
    ControlCharacters { field: &'static str },
    #[error("the photo link is not an https:// address")]
    PhotoUrl,
    #[error("the coupon code must be 1 to {COUPON_MAX_CHARS} letters, digits, '-' or '_'")]
    CouponCode,
    #[error("the incentive must be a positive amount, points, or 1 to 100 percent")]
    Incentive,
}

impl ReviewError {
    /// The wire field at fault, for `invalid_field` problems.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Rating => "rating",
            Self::Score => "score",
            Self::Empty { field }
            | Self::TooLong { field, .. }
            | Self::ControlCharacters { field } => field,
            Self::PhotoUrl => "photoUrl",
            Self::CouponCode => "couponCode",
            Self::Incentive => "incentive",
        }
    }
}

/// A review that passed every check, trimmed, with `\r\n` made `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReview {
    pub line_item_id: String,
    pub rating: u8,
    pub title: String,
    pub body: String,
    pub photo_url: Option<String>,
}

impl ValidReview {
    /// Checks what a shopper submitted (the wire's `ReviewSubmission`).
    pub fn new(
        line_item_id: &str,
        rating: u8,
        title: &str,
        body: &str,
        photo_url: Option<&str>,
    ) -> Result<Self, ReviewError> {
        if !(1..=5).contains(&rating) {
            return Err(ReviewError::Rating);
        }
        let line_item_id = line_item_id.trim();
        if line_item_id.is_empty() {
            return Err(ReviewError::Empty {
                field: "lineItemId",
            });
        }
        let title = plain_text("title", title, TITLE_MAX_CHARS, false)?
            .ok_or(ReviewError::Empty { field: "title" })?;
        let body = plain_text("body", body, BODY_MAX_CHARS, true)?
            .ok_or(ReviewError::Empty { field: "body" })?;
        let photo_url = match photo_url.map(str::trim) {
            None | Some("") => None,
            Some(url) if is_https_link(url) => Some(url.to_owned()),
            Some(_) => return Err(ReviewError::PhotoUrl),
        };
        Ok(Self {
            line_item_id: line_item_id.to_owned(),
            rating,
            title,
            body,
            photo_url,
        })
    }
}

/// An NPS answer that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpsAnswer {
    pub score: u8,
    pub comment: Option<String>,
}

impl NpsAnswer {
    /// Checks what a shopper submitted (the wire's `NpsSubmission`).
    pub fn new(score: u8, comment: Option<&str>) -> Result<Self, ReviewError> {
        if score > 10 {
            return Err(ReviewError::Score);
        }
        let comment = match comment {
            Some(raw) => plain_text("comment", raw, NPS_COMMENT_MAX_CHARS, true)?,
            None => None,
        };
        Ok(Self { score, comment })
    }
}

/// Trimmed plain text, `None` when empty. Kept as the shopper typed it
/// (markup included, as text); only control characters that could hide
/// content or break a log line are refused.
fn plain_text(
    field: &'static str,
    raw: &str,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, ReviewError> {
    let text = raw.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > max {
        return Err(ReviewError::TooLong { field, max });
    }
    let allowed = |c: char| !c.is_control() || (multiline && c == '\n');
    if !text.chars().all(allowed) {
        return Err(ReviewError::ControlCharacters { field });
    }
    Ok(Some(text.to_owned()))
}

/// The merchant's `review_incentive` setting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewIncentiveSettings {
    /// What a review earns, shown before the shopper rates.
    pub incentive: Option<Incentive>,
    /// The code handed out with the receipt.
    pub coupon_code: Option<String>,
    /// Publish without moderation.
    pub auto_publish: bool,
}

/// What writing a review earns. Computed from the settings alone: the
/// rating is not an input, so no rating can earn more or less.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewReward {
    pub incentive: Option<Incentive>,
    pub coupon: Option<String>,
}

impl ReviewReward {
    /// Shown with the review, so readers can weigh it.
    pub fn incentivized(&self) -> bool {
        self.incentive.is_some() || self.coupon.is_some()
    }
}

impl ReviewIncentiveSettings {
    pub fn from_json(json: &str) -> Result<Self, String> {
        let settings: Self = serde_json::from_str(json).map_err(|e| e.to_string())?;
        settings.validate().map_err(|e| e.to_string())?;
        Ok(settings)
    }

    pub fn validate(&self) -> Result<(), ReviewError> {
        if let Some(code) = &self.coupon_code {
            let ok_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
            if code.is_empty()
                || code.chars().count() > COUPON_MAX_CHARS
                || !code.chars().all(ok_char)
            {
                return Err(ReviewError::CouponCode);
            }
        }
        match self.incentive {
            Some(Incentive::Percent { percent }) if !(1..=100).contains(&percent) => {
                Err(ReviewError::Incentive)
            }
            Some(Incentive::Amount { minor }) if minor <= 0 => Err(ReviewError::Incentive),
            Some(Incentive::Points { points: 0 }) => Err(ReviewError::Incentive),
            _ => Ok(()),
        }
    }

    /// The reward for any review (see [`ReviewReward`]).
    pub fn reward(&self) -> ReviewReward {
        ReviewReward {
            incentive: self.incentive.clone(),
            coupon: self.coupon_code.clone(),
        }
    }

    /// Where a new review starts.
    pub fn initial_status(&self) -> ModerationStatus {
        if self.auto_publish {
            ModerationStatus::Published
        } else {
            ModerationStatus::Pending
        }
    }
}

/// A review's id: one review per line item, so the line item names it. A
/// hash, so the id reveals neither the order nor the shop's volume.
pub fn review_id(shop: &ShopId, order: &OrderId, line_item_id: &str) -> String {
    let digest = sha256_hex(format!("{shop}\n{order}\n{line_item_id}").as_bytes());
    format!("rv_{}", &digest[..20])
}

/// How the reviewer is named in public: their first name, else the
/// initial of their mailbox; never the address itself.
pub fn author_name(first_name: Option<&str>, email: Option<&Email>) -> String {
    if let Some(name) = first_name.map(str::trim).filter(|n| !n.is_empty()) {
        return name.chars().take(40).collect();
    }
    email
        .and_then(|e| e.as_str().chars().next())
        .map_or_else(|| "?".to_owned(), |c| format!("{}.", c.to_uppercase()))
}

wire_enum! {
    /// Where a review is in the merchant's moderation.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ModerationStatus {
        Pending = "pending",
        Published = "published",
        Rejected = "rejected",
    }
}

/// Why a moderation change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ModerationError {
    #[error("a review can be published or rejected, not put back to pending")]
    BackToPending,
}

/// Whether a merchant may move a review from `from` to `to`. Published and
/// rejected can be reversed (a takedown, a second look); asking for the
/// status it already has is a no-op, so retries are safe.
pub fn moderate(from: ModerationStatus, to: ModerationStatus) -> Result<bool, ModerationError> {
    match to {
        _ if from == to => Ok(false),
        ModerationStatus::Pending => Err(ModerationError::BackToPending),
        ModerationStatus::Published | ModerationStatus::Rejected => Ok(true),
    }
}

/// A position in the merchant's review queue: after this review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewCursor {
    pub created_at: UnixTime,
    pub id: String,
}

impl ReviewCursor {
    pub fn parse(raw: &str) -> Option<Self> {
        let (secs, id) = raw.split_once('.')?;
        let valid_id = id.starts_with("rv_")
            && id.len() <= 40
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        valid_id.then_some(())?;
        Some(Self {
            created_at: UnixTime::from_secs(secs.parse().ok()?),
            id: id.to_owned(),
        })
    }
}

impl std::fmt::Display for ReviewCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.created_at.secs(), self.id)
    }
}

/// A published review as anyone may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublishedReview {
    pub id: String,
    /// The reviewer's first name (or initial), never their email.
    pub author: String,
    pub rating: u8,
    /// Plain text: render it as text, never as HTML.
    pub title: String,
    pub body: String,
    pub photo_url: Option<String>,
    pub verified: bool,
    pub incentivized: bool,
    pub created_at: UnixTime,
}

/// A product's published reviews in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RatingSummary {
    pub count: u32,
    pub rating_sum: u64,
}

impl RatingSummary {
    /// The mean to one decimal, `None` without reviews.
    pub fn average(self) -> Option<f64> {
        (self.count > 0).then(|| {
            let tenths =
                (self.rating_sum * 10 * 2 + u64::from(self.count)) / (u64::from(self.count) * 2);
            tenths as f64 / 10.0
        })
    }
}

/// The page's schema.org `Product` with its `AggregateRating` and `Review`s,
/// as a string that is safe inside `<script type="application/ld+json">`:
/// `<`, `>` and `&` are written as JSON escapes, so no review can close
/// the script element or open a comment, and the JSON means the same.
pub fn product_json_ld(
    product_id: &str,
    product_name: &str,
    summary: RatingSummary,
    reviews: &[PublishedReview],
) -> String {
    let rating = |value: serde_json::Value| {
        serde_json::json!({
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
        })
    };
    let mut product = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product_name,
        "productID": product_id,
    });
    if let Some(average) = summary.average() {
        product["aggregateRating"] = serde_json::json!({
            "@type": "AggregateRating",
            "ratingValue": average,
            "reviewCount": summary.count,
            "bestRating": 5,
            "worstRating": 1,
        });
        product["review"] = reviews
            .iter()
            .map(|r| {
                serde_json::json!({
                    "@type": "Review",
                    "name": r.title,
                    "reviewBody": r.body,
                    "datePublished": r.created_at.date().iso(),
                    "author": { "@type": "Person", "name": r.author },
                    "reviewRating": rating(r.rating.into()),
                })
            })
            .collect();
    }
    script_safe(&product.to_string())
}

fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::engage::{NpsSubmission, ReviewSubmission};

    fn submission(rating: u8, title: &str, body: &str) -> ReviewSubmission {
        ReviewSubmission {
            line_item_id: "li-1".into(),
            rating,
            title: title.into(),
            body: body.into(),
            photo_url: None,
        }
    }

    /// A submission as the API parses it.
    fn review(rating: u8, title: &str, body: &str) -> Result<ValidReview, ReviewError> {
        submission(rating, title, body).parse()
    }

    #[test]
    fn ratings_outside_one_to_five_are_refused() {
        for rating in [0, 6, 255] {
            assert_eq!(review(rating, "t", "b"), Err(ReviewError::Rating));
        }
        for rating in 1..=5 {
            assert!(review(rating, "t", "b").is_ok());
        }
    }

    #[test]
    fn text_is_trimmed_limited_and_kept_as_plain_text() {
        let ok = review(4, "  Great <b>tent</b> ", "Line 1\r\nLine 2\n").unwrap();
        assert_eq!(ok.title, "Great <b>tent</b>");
        assert_eq!(ok.body, "Line 1\nLine 2");
        let err = review(4, "   ", "b").unwrap_err();
        assert_eq!(err.field(), "title");
        let long = "x".repeat(TITLE_MAX_CHARS + 1);
        assert_eq!(
            review(4, &long, "b"),
            Err(ReviewError::TooLong {
                field: "title",
                max: TITLE_MAX_CHARS
            })
        );
        let long = "é".repeat(BODY_MAX_CHARS);
        assert!(review(4, "t", &long).is_ok());
        assert_eq!(review(4, "a\nb", "b").unwrap_err().field(), "title");
        assert_eq!(review(4, "t", "bell\u{7}").unwrap_err().field(), "body");
    }

    #[test]
    fn photos_are_https_links_only() {
        let mut s = submission(5, "t", "b");
        for (url, ok) in [
            ("https://cdn.example.com/p.jpg", true),
            ("", true),
            ("http://cdn.example.com/p.jpg", false),
            ("javascript:alert(1)", false),
            ("https://x.example/\"><script>", false),
        ] {
            s.photo_url = Some(url.into());
            assert_eq!(s.parse().is_ok(), ok, "{url}");
        }
    }

    #[test]
    fn nps_is_zero_to_ten_with_an_optional_short_comment() {
        let answer = |score, comment: Option<&str>| {
            NpsSubmission {
                score,
                comment: comment.map(Into::into),
            }
            .parse()
        };
        assert_eq!(answer(0, None).unwrap().score, 0);
        assert_eq!(answer(10, Some("  ")).unwrap().comment, None);
        assert_eq!(answer(11, None), Err(ReviewError::Score));
        let long = "x".repeat(NPS_COMMENT_MAX_CHARS + 1);
        assert_eq!(answer(7, Some(&long)).unwrap_err().field(), "comment");
    }

    #[test]
    fn the_reward_comes_from_settings_alone() {
        let settings = ReviewIncentiveSettings::from_json(
            r#"{"incentive":{"type":"percent","percent":10},"couponCode":"THANKS10"}"#,
        )
        .unwrap();
        // `reward` takes no rating: every review gets this, whatever it says.
        let reward = settings.reward();
        assert_eq!(reward.coupon.as_deref(), Some("THANKS10"));
        assert!(reward.incentivized());
        assert_eq!(settings.initial_status(), ModerationStatus::Pending);
        assert!(!ReviewIncentiveSettings::default().reward().incentivized());
        for bad in [
            r#"{"couponCode":"no spaces"}"#,
            r#"{"incentive":{"type":"percent","percent":0}}"#,
            r#"{"incentive":{"type":"amount","minor":-5}}"#,
            r#"{"autoPublish":true,"surprise":1}"#,
        ] {
            assert!(ReviewIncentiveSettings::from_json(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn review_ids_are_stable_per_line_item() {
        let shop = ShopId::parse("demo").unwrap();
        let order = OrderId::parse("o-1").unwrap();
        let id = review_id(&shop, &order, "li-1");
        assert_eq!(id, review_id(&shop, &order, "li-1"));
        assert_ne!(id, review_id(&shop, &order, "li-2"));
        assert!(id.starts_with("rv_") && id.len() == 23);
        let cursor = ReviewCursor {
            created_at: UnixTime::from_secs(1_700_000_000),
            id: id.clone(),
        };
        assert_eq!(ReviewCursor::parse(&cursor.to_string()), Some(cursor));
        assert_eq!(ReviewCursor::parse("nonsense"), None);
        assert_eq!(ReviewCursor::parse("12.rv_'; DROP"), None);
    }

    #[test]
    fn authors_are_first_names_or_an_initial() {
        let email = Email::parse("sofia.berg@example.com").unwrap();
        assert_eq!(author_name(Some(" Sofia "), Some(&email)), "Sofia");
        assert_eq!(author_name(None, Some(&email)), "S.");
        assert_eq!(author_name(Some(""), None), "?");
    }

    #[test]
    fn moderation_never_returns_to_pending() {
        use ModerationStatus::*;
        assert_eq!(moderate(Pending, Published), Ok(true));
        assert_eq!(moderate(Published, Rejected), Ok(true));
        assert_eq!(moderate(Rejected, Rejected), Ok(false));
        assert_eq!(
            moderate(Published, Pending),
            Err(ModerationError::BackToPending)
        );
    }

    #[test]
    fn averages_round_to_one_decimal() {
        let avg = |count, rating_sum| RatingSummary { count, rating_sum }.average();
        assert_eq!(avg(0, 0), None);
        assert_eq!(avg(3, 13), Some(4.3));
        assert_eq!(avg(2, 9), Some(4.5));
        assert_eq!(avg(3, 14), Some(4.7));
    }

    #[test]
    fn json_ld_is_schema_org_and_cannot_break_out_of_its_script() {
        let review = PublishedReview {
            id: "rv_1".into(),
            author: "Sofia".into(),
            rating: 4,
            title: "</script><script>alert(1)</script>".into(),
            body: "Solid & dry <!-- x".into(),
            photo_url: None,
            verified: true,
            incentivized: false,
            created_at: UnixTime::from_secs(1_700_000_000),
        };
        let summary = RatingSummary {
            count: 3,
            rating_sum: 13,
        };
        let ld = product_json_ld("p-tent", "Kebne 2 Tent", summary, &[review]);
        assert!(
            !ld.contains('<') && !ld.contains('>') && !ld.contains('&'),
            "{ld}"
        );
        let value: serde_json::Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(value["@type"], "Product");
        assert_eq!(value["name"], "Kebne 2 Tent");
        assert_eq!(value["aggregateRating"]["@type"], "AggregateRating");
        assert_eq!(value["aggregateRating"]["ratingValue"], 4.3);
        assert_eq!(value["aggregateRating"]["reviewCount"], 3);
        let first = &value["review"][0];
        assert_eq!(first["@type"], "Review");
        assert_eq!(first["name"], "</script><script>alert(1)</script>");
        assert_eq!(first["reviewBody"], "Solid & dry <!-- x");
        assert_eq!(first["reviewRating"]["ratingValue"], 4);
        assert_eq!(first["author"]["name"], "Sofia");
        assert_eq!(first["datePublished"], "2023-11-14");

        // No reviews: no rating block (an empty one is invalid markup).
        let empty: serde_json::Value =
            serde_json::from_str(&product_json_ld("p", "P", RatingSummary::default(), &[]))
                .unwrap();
        assert!(empty.get("aggregateRating").is_none());
    }
}
