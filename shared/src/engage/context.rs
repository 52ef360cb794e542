//! The order as the scheduler needs to see it.

use std::collections::BTreeMap;

use super::ProductId;
use crate::order::Order;
use crate::tracking::Timeline;
use crate::{OrderId, UnixTime};

/// Who the shopper is across their orders at one shop, for their own
/// records (loyalty points, referral code, engagement history): their exact
/// address as [`Email`](crate::Email) normalizes it (trimmed, lowercased),
/// or for an order without an email (only a merchant's link opens it) the
/// order itself. Never the folded
/// [`MailboxKey`](crate::referral::MailboxKey): `erik+x@` may be someone
/// else than `erik@` (a shared inbox, a tag handed out), and folding would
/// show one the other's points and code. Folding is for catching
/// self-referral only.
pub fn shopper_key(order: &Order) -> String {
    order.email.as_ref().map_or_else(
        || format!("order:{}", order.id),
        |email| email.as_str().to_owned(),
    )
}

/// Where the order's parcels are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// No shipment yet.
    NotShipped,
    /// At least one shipment exists and not every one is delivered
    /// (including parcels with a delivery problem).
    InTransit,
    /// Every shipment is delivered; `at` is when the last one arrived.
    Delivered { at: UnixTime },
}

impl Delivery {
    /// Derives the order's delivery state from its shipments' timelines.
    /// An order counts as delivered only when every parcel is: asking to
    /// review a half-delivered order asks about things not yet received.
    pub fn of(order: &Order) -> Self {
        if order.shipments.is_empty() {
            return Self::NotShipped;
        }
        let mut last = None;
        for shipment in &order.shipments {
            match Timeline::build(shipment.checkpoints.iter().cloned()).delivered_at {
                Some(at) => last = last.max(Some(at)),
                None => return Self::InTransit,
            }
        }
        last.map_or(Self::InTransit, |at| Self::Delivered { at })
    }

    pub fn delivered_at(self) -> Option<UnixTime> {
        match self {
            Self::Delivered { at } => Some(at),
            Self::NotShipped | Self::InTransit => None,
        }
    }
}

/// A product of the order that could be reviewed, with what the shop knows
/// about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub product: ProductId,
    pub unit_price_minor: i64,
    /// Published reviews of the product so far, across all shoppers.
    pub review_count: u32,
}

/// What the scheduler knows about the order being viewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderContext {
    pub order: OrderId,
    pub delivery: Delivery,
    pub cancelled: bool,
    /// One entry per product, in the order's line order.
    pub items: Vec<ReviewItem>,
}

impl OrderContext {
    /// Builds the context from a stored order. `review_counts` holds the
    /// shop's published review count per product; a product missing from it
    /// has none. Line items without a product id (custom items, tips,
    /// shipping protection) cannot be reviewed and are left out; a product
    /// on several lines (two variants) appears once, at its first line, with
    /// its highest unit price.
    pub fn from_order(order: &Order, review_counts: &BTreeMap<ProductId, u32>) -> Self {
        let mut items: Vec<ReviewItem> = Vec::new();
        for line in &order.line_items {
            let Some(product) = line
                .product_id
                .as_deref()
                .and_then(|raw| ProductId::parse(raw).ok())
            else {
                continue;
            };
            if let Some(seen) = items.iter_mut().find(|i| i.product == product) {
                seen.unit_price_minor = seen.unit_price_minor.max(line.unit_price_minor);
                continue;
            }
            let review_count = review_counts.get(&product).copied().unwrap_or(0);
            items.push(ReviewItem {
                product,
                unit_price_minor: line.unit_price_minor,
                review_count,
            });
        }
        Self {
            order: order.id.clone(),
            delivery: Delivery::of(order),
            cancelled: order.cancelled_at.is_some(),
            items,
        }
    }

    /// The order's products ranked by how much the shop needs a review of
    /// them: fewest published reviews first (a product's first reviews move
    /// conversion most), then the highest price (more is at stake for the
    /// next buyer), then line order (stable, and usually the main item).
    pub fn review_ranking(&self) -> Vec<&ReviewItem> {
        let mut ranked: Vec<(usize, &ReviewItem)> = self.items.iter().enumerate().collect();
        ranked.sort_by(|(ia, a), (ib, b)| {
            a.review_count
                .cmp(&b.review_count)
                .then(b.unit_price_minor.cmp(&a.unit_price_minor))
                .then(ia.cmp(ib))
        });
        ranked.into_iter().map(|(_, item)| item).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::{LineItem, Shipment};
    use crate::tracking::{Checkpoint, TrackingStatus};
    use crate::{Email, OrderNumber};

    fn line(id: &str, product: Option<&str>, price: i64) -> LineItem {
        LineItem {
            id: id.into(),
            product_id: product.map(Into::into),
            title: id.into(),
            variant_title: None,
            sku: None,
            quantity: 1,
            unit_price_minor: price,
            image_url: None,
        }
    }

    fn shipment(delivered_at: Option<i64>) -> Shipment {
        let status = if delivered_at.is_some() {
            TrackingStatus::Delivered
        } else {
            TrackingStatus::InTransit
        };
        Shipment {
            id: "s".into(),
            carrier: None,
            tracking_number: None,
            tracking_url: None,
            carrier_estimate: None,
            created_at: UnixTime::from_secs(0),
            checkpoints: vec![Checkpoint {
                status,
                sub_status: None,
                raw_status: String::new(),
                message: String::new(),
                location: None,
                occurred_at: UnixTime::from_secs(delivered_at.unwrap_or(5)),
            }],
            items: Vec::new(),
        }
    }

    fn order(lines: Vec<LineItem>, shipments: Vec<Shipment>) -> Order {
        Order {
            id: OrderId::parse("o1").unwrap(),
            number: OrderNumber::parse("1001").unwrap(),
            display_number: "#1001".into(),
            email: Some(Email::parse("a@example.com").unwrap()),
            customer_first_name: None,
            placed_at: UnixTime::from_secs(0),
            currency: "SEK".into(),
            total_minor: 0,
            cancelled_at: None,
            line_items: lines,
            shipments,
        }
    }

    #[test]
    fn shoppers_are_their_mailbox_or_else_the_order() {
        let mut o = order(vec![], vec![]);
        o.email = Some(Email::parse(" A.Berg+shop@Example.com").unwrap());
        assert_eq!(shopper_key(&o), "a.berg+shop@example.com");
        // A +tag, or a Gmail dot, is another shopper's records.
        let mut plain = o.clone();
        plain.email = Some(Email::parse("a.berg@example.com").unwrap());
        assert_ne!(shopper_key(&plain), shopper_key(&o));
        let mut gmail = o.clone();
        gmail.email = Some(Email::parse("ab@gmail.com").unwrap());
        let mut dotted = o.clone();
        dotted.email = Some(Email::parse("a.b@gmail.com").unwrap());
        assert_ne!(shopper_key(&gmail), shopper_key(&dotted));
        o.email = None;
        assert_eq!(shopper_key(&o), "order:o1");
    }

    #[test]
    fn delivered_only_when_every_parcel_is() {
        assert_eq!(Delivery::of(&order(vec![], vec![])), Delivery::NotShipped);
        let partly = order(vec![], vec![shipment(Some(50)), shipment(None)]);
        assert_eq!(Delivery::of(&partly), Delivery::InTransit);
        let both = order(vec![], vec![shipment(Some(50)), shipment(Some(90))]);
        assert_eq!(
            Delivery::of(&both),
            Delivery::Delivered {
                at: UnixTime::from_secs(90)
            }
        );
    }

    #[test]
    fn ranking_is_fewest_reviews_then_price_then_line_order() {
        let p = |s: &str| ProductId::parse(s).unwrap();
        let counts = BTreeMap::from([(p("a"), 3), (p("b"), 0), (p("c"), 0), (p("d"), 0)]);
        let o = order(
            vec![
                line("1", Some("a"), 900),
                line("2", Some("b"), 100),
                line("3", None, 5000),
                line("4", Some("c"), 300),
                line("5", Some("d"), 300),
                line("6", Some("b"), 200),
            ],
            vec![],
        );
        let ctx = OrderContext::from_order(&o, &counts);
        assert_eq!(ctx.items.len(), 4, "no product id is skipped, b is merged");
        let ranked: Vec<&str> = ctx
            .review_ranking()
            .iter()
            .map(|i| i.product.as_str())
            .collect();
        // c and d tie on reviews and price: line order. b's best price is 200.
        assert_eq!(ranked, ["c", "d", "b", "a"]);
    }
}
