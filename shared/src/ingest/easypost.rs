//! EasyPost trackers: a webhook `Event` whose `result` is a `Tracker`
//! (`tracker.created`, `tracker.updated`), or a bare `Tracker` from the API.
//!
//! Status table:
//!
//! | EasyPost               | status                           |
//! |------------------------|----------------------------------|
//! | `pre_transit`          | InfoReceived                     |
//! | `in_transit`           | InTransit                        |
//! | `out_for_delivery`     | OutForDelivery                   |
//! | `available_for_pickup` | AvailableForPickup               |
//! | `delivered`            | Delivered                        |
//! | `return_to_sender`     | Exception, sub `return_to_sender`|
//! | `failure`, `error`     | Exception                        |
//! | `cancelled`            | Exception, sub `cancelled`       |
//! | `unknown`, anything else | [`UNKNOWN_STATUS`](super::UNKNOWN_STATUS) |
//!
//! `status_detail` (e.g. `arrived_at_facility`) becomes the sub-status
//! whenever it is given, replacing the defaults above.

use serde_json::Value;

use super::json::Node;
use super::{
    IngestError, Ingested, ShipmentKey, ShipmentUpsert, Source, SourceStatus, TrackingNumber,
    describe, join_location, status_key,
};
use crate::tracking::TrackingStatus::{self, *};

const SOURCE: Source = Source::EasyPost;

/// Maps an EasyPost `status`, with its `status_detail` when given.
pub fn status(raw: &str, detail: Option<&str>) -> SourceStatus {
    let known: Option<(TrackingStatus, Option<&str>)> = match status_key(raw).as_str() {
        "pre_transit" => Some((InfoReceived, None)),
        "in_transit" => Some((InTransit, None)),
        "out_for_delivery" => Some((OutForDelivery, None)),
        "available_for_pickup" => Some((AvailableForPickup, None)),
        "delivered" => Some((Delivered, None)),
        "return_to_sender" => Some((Exception, Some("return_to_sender"))),
        "failure" | "error" => Some((Exception, None)),
        "cancelled" => Some((Exception, Some("cancelled"))),
        // EasyPost's own "unknown" is, for us, exactly an unknown code.
        _ => None,
    };
    let mut mapped = SourceStatus::new(raw, known);
    if let Some(detail) = detail.map(str::trim).filter(|d| !d.is_empty()) {
        mapped.sub_status = Some(detail.to_owned());
    }
    mapped
}

pub(super) fn parse(value: &Value) -> Result<Ingested, IngestError> {
    let unsupported = |found: String| IngestError::Unsupported {
        origin: SOURCE,
        found,
    };
    let root = Node::root(SOURCE, value, "body");
    let tracker = match root.get("object").text().as_deref() {
        Some("Event") => {
            let result = root.get("result");
            match result.get("object").text().as_deref() {
                Some("Tracker") => result,
                other => {
                    let description = root.get("description").text().unwrap_or_else(|| "?".into());
                    return Err(unsupported(format!(
                        "event {description:?} carries a {}, not a Tracker",
                        other.unwrap_or("result without `object`")
                    )));
                }
            }
        }
        Some("Tracker") => root,
        _ => return Err(unsupported(describe(value))),
    };
    Ok(Ingested {
        orders: Vec::new(),
        shipments: vec![parse_tracker(&tracker)?],
    })
}

fn parse_tracker(node: &Node<'_>) -> Result<ShipmentUpsert, IngestError> {
    let code = node.get("tracking_code");
    let number = TrackingNumber::parse(&code.req_text()?)
        .ok_or_else(|| code.invalid("not a tracking number"))?;
    let carrier = node.get("carrier").text();
    let mut shipment = ShipmentUpsert::new(ShipmentKey::Tracking {
        number: number.clone(),
        carrier: carrier.clone(),
    });
    shipment.tracking_numbers.push(number);
    shipment.carrier = carrier;
    shipment.tracking_urls = node.get("public_url").links();
    shipment.created_at = node.get("created_at").time()?;
    // The local date is what the carrier promised the recipient; the UTC
    // timestamp is EasyPost's rendering of it.
    shipment.estimated_delivery = match node
        .get("carrier_detail")
        .get("est_delivery_date_local")
        .time()?
    {
        Some(date) => Some(date),
        None => node.get("est_delivery_date").time()?,
    };
    shipment.status = node
        .get("status")
        .text()
        .map(|raw| status(&raw, node.get("status_detail").text().as_deref()));
    shipment.checkpoints = node
        .get("tracking_details")
        .items()?
        .iter()
        .map(|d| {
            let mapped = status(
                &d.get("status").text().unwrap_or_default(),
                d.get("status_detail").text().as_deref(),
            );
            let place = d.get("tracking_location");
            let location = join_location(
                place.get("city").text(),
                place.get("state").text(),
                place.get("zip").text(),
                place.get("country").text(),
            );
            let message = d
                .get("message")
                .text()
                .or_else(|| d.get("description").text())
                .unwrap_or_default();
            Ok(mapped.checkpoint(d.get("datetime").req_time()?, message, location))
        })
        .collect::<Result<_, IngestError>>()?;
    shipment.record_summary(node.get("updated_at").time()?);
    Ok(shipment)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_table() {
        let table = [
            ("pre_transit", InfoReceived, None),
            ("in_transit", InTransit, None),
            ("out_for_delivery", OutForDelivery, None),
            ("available_for_pickup", AvailableForPickup, None),
            ("delivered", Delivered, None),
            ("return_to_sender", Exception, Some("return_to_sender")),
            ("failure", Exception, None),
            ("error", Exception, None),
            ("cancelled", Exception, Some("cancelled")),
            ("unknown", super::super::UNKNOWN_STATUS, None),
            ("beamed_up", super::super::UNKNOWN_STATUS, None),
        ];
        for (raw, expected, sub) in table {
            let mapped = status(raw, None);
            assert_eq!(
                (mapped.status, mapped.sub_status.as_deref()),
                (expected, sub),
                "{raw}"
            );
            assert_eq!(mapped.raw, raw);
            assert_eq!(status(&raw.to_uppercase(), None).status, expected);
        }
        let detailed = status("in_transit", Some("arrived_at_facility"));
        assert_eq!(detailed.sub_status.as_deref(), Some("arrived_at_facility"));
        assert_eq!(
            status("return_to_sender", Some("return"))
                .sub_status
                .as_deref(),
            Some("return")
        );
    }

    #[test]
    fn a_bare_tracker_is_accepted_and_other_events_refused() {
        let tracker = json!({
            "object": "Tracker", "tracking_code": "EZ1000000001", "carrier": "USPS",
            "status": "delivered", "updated_at": "2024-01-03T00:00:00Z",
            "tracking_details": [{"datetime": "2024-01-02T10:00:00Z", "status": "delivered",
                                   "message": "Delivered", "tracking_location": null}]
        });
        let shipment = &parse(&tracker).unwrap().shipments[0];
        assert_eq!(shipment.checkpoints.len(), 1);
        assert_eq!(shipment.checkpoints[0].location, None);
        assert_eq!(shipment.status.as_ref().map(|s| s.status), Some(Delivered));

        let batch = json!({"object": "Event", "description": "batch.updated", "result": {"object": "Batch"}});
        let err = parse(&batch).unwrap_err();
        assert_eq!(
            err.to_string(),
            "easypost payload is not an order or tracking update: event \"batch.updated\" carries a Batch, not a Tracker"
        );
        let err = parse(&json!({"object": "Address"})).unwrap_err();
        assert!(err.to_string().contains("Address"), "{err}");
    }
}
