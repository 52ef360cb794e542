//! Shopify: orders, fulfillments and fulfillment events (REST shapes; a
//! webhook body is the bare object, a REST response wraps it in a key).
//!
//! Shipment status table (fulfillment events and `shipment_status`):
//!
//! | Shopify                                      | status               |
//! |----------------------------------------------|----------------------|
//! | `confirmed`, `label_printed`, `label_purchased` | InfoReceived      |
//! | `carrier_picked_up`, `in_transit`            | InTransit            |
//! | `delayed`                                    | InTransit, sub `delayed` |
//! | `out_for_delivery`                           | OutForDelivery       |
//! | `attempted_delivery`                         | AttemptFail          |
//! | `ready_for_pickup`                           | AvailableForPickup   |
//! | `delivered`, `picked_up`                     | Delivered            |
//! | `failure`                                    | Exception            |
//!
//! `delayed` stays InTransit: the parcel is still moving (parcelLab shows a
//! delay as a warning, not a failure), and the sub-status plus the
//! running-late check carry the warning without alarming the shopper.
//!
//! Fulfillment `status` table: `pending`, `open` → Pending; `success` →
//! InfoReceived (handed over, no carrier news yet); `cancelled` → Exception
//! (sub `cancelled`); `error`, `failure` → Exception. A fulfillment-level
//! problem wins over `shipment_status`; otherwise `shipment_status`, being
//! the carrier's word, wins over `status`.

use serde_json::Value;

use super::json::Node;
use super::{
    IngestError, Ingested, OrderUpsert, Payment, ShipmentKey, ShipmentUpsert, Source, SourceStatus,
    TrackingNumber, describe, join_location, refunded_units, status_key, sum_refunds,
};
use crate::device::Device;
use crate::money::{currency_code, minor_units};
use crate::order::LineItem;
use crate::tracking::TrackingStatus::{self, *};
use crate::{Email, OrderId, OrderNumber};

const SOURCE: Source = Source::Shopify;

/// Maps a fulfillment event status or a fulfillment's `shipment_status`.
pub fn shipment_status(raw: &str) -> SourceStatus {
    let known: Option<(TrackingStatus, Option<&str>)> = match status_key(raw).as_str() {
        "confirmed" | "label_printed" | "label_purchased" => Some((InfoReceived, None)),
        "carrier_picked_up" | "in_transit" => Some((InTransit, None)),
        "delayed" => Some((InTransit, Some("delayed"))),
        "out_for_delivery" => Some((OutForDelivery, None)),
        "attempted_delivery" => Some((AttemptFail, None)),
        "ready_for_pickup" => Some((AvailableForPickup, None)),
        "delivered" | "picked_up" => Some((Delivered, None)),
        "failure" => Some((Exception, None)),
        _ => None,
    };
    SourceStatus::new(raw, known)
}

/// Maps an order's `financial_status`. `partially_refunded` is still paid
/// (the rest of the order stands); `authorized` is not paid until captured.
pub fn payment(financial_status: Option<&str>) -> Payment {
    match financial_status.map(status_key).as_deref() {
        Some("paid" | "partially_paid" | "partially_refunded") => Payment::Paid,
        Some("refunded" | "voided") => Payment::Reversed,
        _ => Payment::Unpaid,
    }
}

/// Maps a fulfillment's `status`, refined by its `shipment_status`.
pub fn fulfillment_status(status: &str, shipment: Option<&str>) -> SourceStatus {
    let key = status_key(status);
    let known: Option<(TrackingStatus, Option<&str>)> = match (key.as_str(), shipment) {
        ("cancelled", _) => Some((Exception, Some("cancelled"))),
        ("error" | "failure", _) => Some((Exception, None)),
        (_, Some(shipment)) => return shipment_status(shipment),
        ("pending" | "open", None) => Some((Pending, None)),
        ("success", None) => Some((InfoReceived, None)),
        _ => None,
    };
    SourceStatus::new(status, known)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Order,
    Fulfillment,
    FulfillmentEvent,
}

fn kind_of_topic(topic: &str) -> Result<Kind, IngestError> {
    let unsupported = || IngestError::UnsupportedTopic {
        origin: SOURCE,
        topic: topic.to_owned(),
    };
    let (resource, action) = topic.split_once('/').ok_or_else(unsupported)?;
    match (resource, action) {
        // `orders/delete` sends only an id and `orders/edited` a diff.
        ("orders", "delete" | "edited") => Err(unsupported()),
        ("orders", _) => Ok(Kind::Order),
        ("fulfillments", "create" | "update") => Ok(Kind::Fulfillment),
        ("fulfillment_events", "create") => Ok(Kind::FulfillmentEvent),
        _ => Err(unsupported()),
    }
}

/// What a body without a topic holds, judged by its distinctive fields.
fn kind_of_shape(object: &Value) -> Option<Kind> {
    let has = |key: &str| object.get(key).is_some();
    if has("line_items") && (has("total_price") || has("order_number")) {
        Some(Kind::Order)
    } else if has("fulfillment_id") && has("happened_at") {
        Some(Kind::FulfillmentEvent)
    } else if has("order_id")
        && has("status")
        && (has("tracking_number") || has("tracking_numbers"))
    {
        Some(Kind::Fulfillment)
    } else {
        None
    }
}

pub(super) fn parse(topic: Option<&str>, value: &Value) -> Result<Ingested, IngestError> {
    let unsupported = || IngestError::Unsupported {
        origin: SOURCE,
        found: describe(value),
    };
    // REST responses wrap the object in a key named after it.
    if let Some(orders) = value.get("orders").filter(|v| v.is_array()) {
        let orders = Node::root(SOURCE, orders, "orders")
            .items()?
            .iter()
            .map(order)
            .collect::<Result<_, _>>()?;
        return Ok(Ingested {
            orders,
            shipments: Vec::new(),
        });
    }
    let wrapped = [
        ("order", Kind::Order),
        ("fulfillment", Kind::Fulfillment),
        ("fulfillment_event", Kind::FulfillmentEvent),
    ]
    .into_iter()
    .find_map(|(key, kind)| {
        value
            .get(key)
            .filter(|v| v.is_object())
            .map(|v| (v, kind, key))
    });
    let (object, shape, name) = match wrapped {
        Some(found) => found,
        None => {
            let kind = kind_of_shape(value).ok_or_else(unsupported)?;
            (value, kind, "body")
        }
    };
    if let Some(topic) = topic {
        let expected = kind_of_topic(topic)?;
        if expected != shape {
            return Err(IngestError::Unsupported {
                origin: SOURCE,
                found: format!("topic {topic:?} with {}", describe(value)),
            });
        }
    }
    let node = Node::root(SOURCE, object, name);
    let mut ingested = Ingested::default();
    match shape {
        Kind::Order => ingested.orders.push(order(&node)?),
        Kind::Fulfillment => ingested.shipments.push(fulfillment(&node, None)?),
        Kind::FulfillmentEvent => ingested.shipments.push(fulfillment_event(&node)?),
    }
    Ok(ingested)
}

fn order(node: &Node<'_>) -> Result<OrderUpsert, IngestError> {
    let id = order_id(&node.get("id"))?;
    let name = node.get("name");
    let display_number = match name.text() {
        Some(name) => name,
        None => format!("#{}", node.get("order_number").req_text()?),
    };
    let number = OrderNumber::parse(&display_number).map_err(|e| name.invalid(e.to_string()))?;
    let currency_node = node.get("currency");
    let currency = currency_code(&currency_node.req_text()?)
        .ok_or_else(|| currency_node.invalid("not an ISO 4217 code"))?;
    let exponent = minor_units(&currency);
    let customer = node.get("customer");
    let email = ["email", "contact_email"]
        .iter()
        .map(|key| node.get(key))
        .chain([customer.get("email")])
        .find_map(|n| n.text().and_then(|e| Email::parse(&e).ok()));
    let customer_first_name = [
        customer.get("first_name"),
        node.get("billing_address").get("first_name"),
        node.get("shipping_address").get("first_name"),
    ]
    .iter()
    .find_map(Node::text);
    // `refunds[].refund_line_items[]`: what was refunded per line, on
    // every order webhook after a refund.
    let mut refund_lines = Vec::new();
    for refund in node.get("refunds").items()? {
        for line in refund.get("refund_line_items").items()? {
            refund_lines.push((
                line.get("line_item_id").req_id()?,
                line.get("quantity").req_u32()?,
            ));
        }
    }
    let mut refunded = sum_refunds(refund_lines);
    let line_items: Vec<LineItem> = node
        .get("line_items")
        .items()?
        .iter()
        .map(|item| line_item(item, exponent, &mut refunded))
        .collect::<Result<_, _>>()?;
    let discount_codes = node
        .get("discount_codes")
        .items()?
        .iter()
        .filter_map(|d| d.get("code").text())
        .collect();
    let shipments = node
        .get("fulfillments")
        .items()?
        .iter()
        .map(|f| fulfillment(f, Some(&id)))
        .collect::<Result<_, _>>()?;
    let total_minor = node.get("total_price").req_money(exponent)?;
    // `subtotal_price`: after discounts, before shipping and taxes.
    let subtotal_minor = node
        .get("subtotal_price")
        .money(exponent)?
        .unwrap_or(total_minor);
    let client = node.get("client_details");
    let device = match (
        node.get("browser_ip")
            .text()
            .or_else(|| client.get("browser_ip").text()),
        client.get("user_agent").text(),
    ) {
        (Some(ip), Some(user_agent)) => Some(Device { ip, user_agent }),
        _ => None,
    };
    Ok(OrderUpsert {
        number,
        display_number,
        email,
        customer_first_name,
        customer_id: customer.get("id").id()?,
        placed_at: node.get("created_at").req_time()?,
        total_minor,
        subtotal_minor,
        device,
        currency,
        cancelled_at: node.get("cancelled_at").time()?,
        payment: payment(node.get("financial_status").text().as_deref()),
        changed_at: node.get("updated_at").time()?,
        line_items,
        refunded,
        discount_codes,
        shipments,
        id,
    })
}

fn order_id(node: &Node<'_>) -> Result<OrderId, IngestError> {
    OrderId::parse(&node.req_id()?).map_err(|e| node.invalid(e.to_string()))
}

/// A line item, its quantity net of edits and refunds: `current_quantity`
/// when Shopify sends it (it already leaves out removed and refunded
/// units), else `quantity` less the line's refunds. The line's entry in
/// `refunded` is capped at what was ordered.
fn line_item(
    node: &Node<'_>,
    exponent: u32,
    refunded: &mut [(String, u32)],
) -> Result<LineItem, IngestError> {
    let id = node.get("id").req_id()?;
    let ordered = node.get("quantity").req_u32()?;
    let back = refunded_units(refunded, &id).min(ordered);
    if let Some((_, units)) = refunded.iter_mut().find(|(line, _)| *line == id) {
        *units = back;
    }
    let quantity = match node.get("current_quantity").u32()? {
        Some(current) => current.min(ordered),
        None => ordered - back,
    };
    Ok(LineItem {
        id,
        product_id: node.get("product_id").id()?,
        // `title` is the product; `name` adds the variant, so prefer title
        // and keep the variant separate.
        title: match node.get("title").text() {
            Some(title) => title,
            None => node.get("name").req_text()?,
        },
        variant_title: node.get("variant_title").text(),
        sku: node.get("sku").text(),
        quantity,
        unit_price_minor: node.get("price").req_money(exponent)?,
        // REST and webhook line items carry no image; the edge fills it in
        // from the product when it has one.
        image_url: node.get("image").get("src").text(),
    })
}

fn fulfillment(node: &Node<'_>, order: Option<&OrderId>) -> Result<ShipmentUpsert, IngestError> {
    let mut shipment = ShipmentUpsert::new(ShipmentKey::Fulfillment(node.get("id").req_id()?));
    shipment.order_id = match order {
        Some(id) => Some(id.clone()),
        None => Some(order_id(&node.get("order_id"))?),
    };
    shipment.carrier = node.get("tracking_company").text();
    let mut numbers = node.get("tracking_numbers").texts();
    if numbers.is_empty() {
        numbers = node.get("tracking_number").texts();
    }
    shipment.tracking_numbers = numbers
        .iter()
        .filter_map(|n| TrackingNumber::parse(n))
        .collect();
    shipment.tracking_urls = node.get("tracking_urls").links();
    if shipment.tracking_urls.is_empty() {
        shipment.tracking_urls = node.get("tracking_url").links();
    }
    let created_at = node.get("created_at").time()?;
    shipment.created_at = created_at;
    let status = node.get("status").req_text()?;
    let shipment_status = node.get("shipment_status").text();
    shipment.status = Some(fulfillment_status(&status, shipment_status.as_deref()));
    shipment.items = node
        .get("line_items")
        .items()?
        .iter()
        .map(|item| Ok((item.get("id").req_id()?, item.get("quantity").req_u32()?)))
        .collect::<Result<_, IngestError>>()?;
    let changed_at = node.get("updated_at").time()?.or(created_at);
    shipment.record_summary(changed_at);
    Ok(shipment)
}

fn fulfillment_event(node: &Node<'_>) -> Result<ShipmentUpsert, IngestError> {
    let mut shipment = ShipmentUpsert::new(ShipmentKey::Fulfillment(
        node.get("fulfillment_id").req_id()?,
    ));
    shipment.order_id = Some(order_id(&node.get("order_id"))?);
    shipment.estimated_delivery = node.get("estimated_delivery_at").time()?;
    let status = shipment_status(&node.get("status").req_text()?);
    let location = join_location(
        node.get("city").text(),
        node.get("province").text(),
        node.get("zip").text(),
        node.get("country").text(),
    );
    let message = node.get("message").text().unwrap_or_default();
    // An event is one point in the parcel's history, not its summary:
    // events arrive out of order, and the timeline decides what is current.
    shipment.checkpoints.push(status.checkpoint(
        node.get("happened_at").req_time()?,
        message,
        location,
    ));
    Ok(shipment)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shipment_status_table() {
        let table = [
            ("confirmed", InfoReceived, None),
            ("label_printed", InfoReceived, None),
            ("label_purchased", InfoReceived, None),
            ("carrier_picked_up", InTransit, None),
            ("in_transit", InTransit, None),
            ("delayed", InTransit, Some("delayed")),
            ("out_for_delivery", OutForDelivery, None),
            ("attempted_delivery", AttemptFail, None),
            ("ready_for_pickup", AvailableForPickup, None),
            ("picked_up", Delivered, None),
            ("delivered", Delivered, None),
            ("failure", Exception, None),
        ];
        for (raw, status, sub) in table {
            for spelling in [raw.to_owned(), raw.to_uppercase()] {
                let mapped = shipment_status(&spelling);
                assert_eq!(mapped.status, status, "{spelling}");
                assert_eq!(mapped.sub_status.as_deref(), sub, "{spelling}");
                assert_eq!(mapped.raw, spelling);
            }
        }
        let unknown = shipment_status("teleported");
        assert_eq!(unknown.status, super::super::UNKNOWN_STATUS);
        assert_eq!(unknown.raw, "teleported");
    }

    #[test]
    fn fulfillment_status_table() {
        let table = [
            ("pending", Pending, None),
            ("open", Pending, None),
            ("success", InfoReceived, None),
            ("cancelled", Exception, Some("cancelled")),
            ("error", Exception, None),
            ("failure", Exception, None),
        ];
        for (raw, status, sub) in table {
            let mapped = fulfillment_status(raw, None);
            assert_eq!(
                (mapped.status, mapped.sub_status.as_deref()),
                (status, sub),
                "{raw}"
            );
            assert_eq!(fulfillment_status(&raw.to_uppercase(), None).status, status);
        }
        // The carrier's word refines a healthy fulfillment...
        let shipped = fulfillment_status("success", Some("out_for_delivery"));
        assert_eq!(
            (shipped.status, shipped.raw.as_str()),
            (OutForDelivery, "out_for_delivery")
        );
        // ...but a failed or cancelled fulfillment stays a problem.
        assert_eq!(
            fulfillment_status("cancelled", Some("in_transit")).status,
            Exception
        );
        assert_eq!(
            fulfillment_status("mystery", None).status,
            super::super::UNKNOWN_STATUS
        );
    }

    #[test]
    fn topics_select_the_payload_kind() {
        assert_eq!(kind_of_topic("orders/create"), Ok(Kind::Order));
        assert_eq!(kind_of_topic("orders/updated"), Ok(Kind::Order));
        assert_eq!(kind_of_topic("orders/cancelled"), Ok(Kind::Order));
        assert_eq!(kind_of_topic("orders/fulfilled"), Ok(Kind::Order));
        assert_eq!(kind_of_topic("fulfillments/create"), Ok(Kind::Fulfillment));
        assert_eq!(kind_of_topic("fulfillments/update"), Ok(Kind::Fulfillment));
        assert_eq!(
            kind_of_topic("fulfillment_events/create"),
            Ok(Kind::FulfillmentEvent)
        );
        for topic in [
            "orders/delete",
            "refunds/create",
            "order_transactions/create",
            "nonsense",
        ] {
            assert!(
                matches!(
                    kind_of_topic(topic),
                    Err(IngestError::UnsupportedTopic { .. })
                ),
                "{topic}"
            );
        }
    }

    #[test]
    fn a_fulfillment_event_becomes_one_checkpoint() {
        let body = json!({
            "id": 1, "fulfillment_id": 2, "order_id": 3, "status": "DELAYED",
            "message": "Weather", "happened_at": "2024-01-02T03:04:05Z",
            "city": "Malmö", "province": null, "zip": "211 20", "country": "SE",
            "estimated_delivery_at": "2024-01-05T00:00:00Z"
        });
        let ingested = parse(Some("fulfillment_events/create"), &body).unwrap();
        let shipment = &ingested.shipments[0];
        assert_eq!(shipment.key, ShipmentKey::Fulfillment("2".into()));
        assert_eq!(shipment.order_id.as_ref().map(OrderId::as_str), Some("3"));
        assert_eq!(shipment.status, None);
        let checkpoint = &shipment.checkpoints[0];
        assert_eq!(checkpoint.status, InTransit);
        assert_eq!(checkpoint.sub_status.as_deref(), Some("delayed"));
        assert_eq!(checkpoint.raw_status, "DELAYED");
        assert_eq!(checkpoint.message, "Weather");
        assert_eq!(checkpoint.location.as_deref(), Some("Malmö, 211 20, SE"));
        assert_eq!(
            shipment
                .estimated_delivery
                .map(|t| t.to_rfc3339())
                .as_deref(),
            Some("2024-01-05T00:00:00Z")
        );
    }

    #[test]
    fn a_topic_that_disagrees_with_the_body_is_refused() {
        let body = json!({"fulfillment_id": 2, "happened_at": "2024-01-02T03:04:05Z", "status": "delivered", "order_id": 3});
        let err = parse(Some("orders/updated"), &body).unwrap_err();
        assert!(err.to_string().contains("orders/updated"), "{err}");
    }

    #[test]
    fn an_order_without_email_or_line_item_fields_is_handled_precisely() {
        let mut body = json!({
            "id": 7, "name": "#1007", "currency": "jpy", "created_at": "2024-01-01T00:00:00Z",
            "total_price": "1200", "line_items": [
                {"id": 1, "title": "Tea", "quantity": 2, "price": "600", "sku": "", "product_id": null}
            ]
        });
        let order = &parse(Some("orders/create"), &body).unwrap().orders[0];
        assert_eq!(order.email, None);
        assert_eq!(order.currency, "JPY");
        assert_eq!(order.total_minor, 1200);
        assert_eq!(order.line_items[0].unit_price_minor, 600);
        assert_eq!(order.line_items[0].sku, None);
        assert_eq!(order.line_items[0].product_id, None);

        body["line_items"][0]["quantity"] = json!("two");
        let err = parse(None, &body).unwrap_err();
        assert_eq!(
            err,
            IngestError::InvalidField {
                origin: Source::Shopify,
                path: "body.line_items[0].quantity".into(),
                reason: "expected a non-negative integer".into(),
            }
        );
        body["line_items"][0]["quantity"] = json!(2);
        body["total_price"] = json!("12.5");
        assert!(matches!(
            parse(None, &body),
            Err(IngestError::InvalidField { path, .. }) if path == "body.total_price"
        ));
    }
}
