//! AfterShip trackings: the API response (`{"meta":…,"data":{"tracking":…}}`)
//! and the `tracking_update` webhook (`{"event":…,"event_id":…,"msg":{…},"ts":…}`).
//!
//! Status table: AfterShip's tags are our taxonomy, so the mapping is one to
//! one (`Pending`, `InfoReceived`, `InTransit`, `OutForDelivery`,
//! `AttemptFail`, `AvailableForPickup`, `Delivered`, `Exception`, `Expired`),
//! matched case-insensitively; `subtag` (e.g. `Exception_011`) becomes the
//! sub-status.
//!
//! Checkpoint times: AfterShip's older API sends `checkpoint_time` as the
//! carrier's local wall time without an offset. With no zone to apply it is
//! read as UTC, so events from one carrier stay in order but may be a few
//! hours off in absolute terms; times with an offset are exact.

use serde_json::Value;

use super::json::Node;
use super::{
    IngestError, Ingested, ShipmentKey, ShipmentUpsert, Source, SourceStatus, TrackingNumber,
    describe, join_location, status_key,
};
use crate::OrderId;
use crate::tracking::TrackingStatus;

const SOURCE: Source = Source::AfterShip;

/// Maps an AfterShip `tag`, with its `subtag` when given.
pub fn status(tag: &str, subtag: Option<&str>) -> SourceStatus {
    let key = status_key(tag);
    let known = TrackingStatus::ALL
        .into_iter()
        .find(|s| format!("{s:?}").eq_ignore_ascii_case(&key));
    let mut mapped = SourceStatus::new(tag, known.map(|s| (s, None)));
    mapped.sub_status = subtag
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    mapped
}

pub(super) fn parse(value: &Value) -> Result<Ingested, IngestError> {
    let unsupported = |found: String| IngestError::Unsupported {
        origin: SOURCE,
        found,
    };
    let root = Node::root(SOURCE, value, "body");
    let mut trackings = Vec::new();
    if let Some(msg) = root.get("msg").value() {
        trackings.push(Node::root(SOURCE, msg, "msg"));
    } else if root.has("data") {
        let data = root.get("data");
        if data.has("tracking") {
            trackings.push(data.get("tracking"));
        } else if data.has("trackings") {
            trackings = data.get("trackings").items()?;
        } else {
            let code = root
                .get("meta")
                .get("code")
                .text()
                .unwrap_or_else(|| "?".into());
            return Err(unsupported(format!(
                "a response without a tracking (meta.code {code})"
            )));
        }
    } else if root.has("tracking_number") {
        trackings.push(root);
    } else {
        return Err(unsupported(describe(value)));
    }
    let shipments = trackings.iter().map(tracking).collect::<Result<_, _>>()?;
    Ok(Ingested {
        orders: Vec::new(),
        shipments,
    })
}

fn tracking(node: &Node<'_>) -> Result<ShipmentUpsert, IngestError> {
    let number_node = node.get("tracking_number");
    let number = TrackingNumber::parse(&number_node.req_text()?)
        .ok_or_else(|| number_node.invalid("not a tracking number"))?;
    let carrier = node.get("slug").text();
    let mut shipment = ShipmentUpsert::new(ShipmentKey::Tracking {
        number: number.clone(),
        carrier: carrier.clone(),
    });
    shipment.tracking_numbers.push(number);
    shipment.carrier = carrier;
    // The merchant's free-form reference; kept only if it is a usable id.
    shipment.order_id = node
        .get("order_id")
        .text()
        .and_then(|id| OrderId::parse(&id).ok());
    shipment.tracking_urls = node.get("courier_tracking_link").links();
    shipment.created_at = node.get("created_at").time()?;
    shipment.estimated_delivery = match node.get("expected_delivery").time()? {
        Some(at) => Some(at),
        None => node
            .get("courier_estimated_delivery_date")
            .get("estimated_delivery_date")
            .time()?,
    };
    shipment.status = node
        .get("tag")
        .text()
        .map(|tag| status(&tag, node.get("subtag").text().as_deref()));
    shipment.checkpoints = node
        .get("checkpoints")
        .items()?
        .iter()
        .map(|c| {
            let mapped = status(
                &c.get("tag").text().unwrap_or_default(),
                c.get("subtag").text().as_deref(),
            );
            let location = c.get("location").text().or_else(|| {
                join_location(
                    c.get("city").text(),
                    c.get("state").text(),
                    c.get("zip").text(),
                    c.get("country_name")
                        .text()
                        .or_else(|| c.get("country_iso3").text()),
                )
            });
            let message = c.get("message").text().unwrap_or_default();
            Ok(mapped.checkpoint(c.get("checkpoint_time").req_time()?, message, location))
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
    fn every_tag_maps_to_itself() {
        for expected in TrackingStatus::ALL {
            let tag = format!("{expected:?}");
            for spelling in [tag.clone(), tag.to_lowercase(), tag.to_uppercase()] {
                let mapped = status(&spelling, None);
                assert_eq!(mapped.status, expected, "{spelling}");
                assert_eq!(mapped.raw, spelling);
            }
        }
        let with_sub = status("Exception", Some("Exception_011"));
        assert_eq!(with_sub.sub_status.as_deref(), Some("Exception_011"));
        assert_eq!(status("Exception", Some("  ")).sub_status, None);
        let unknown = status("Teleported", Some("Teleported_001"));
        assert_eq!(unknown.status, super::super::UNKNOWN_STATUS);
        assert_eq!(unknown.raw, "Teleported");
        assert_eq!(unknown.sub_status.as_deref(), Some("Teleported_001"));
    }

    fn webhook(tag: &str) -> Value {
        json!({
            "event": "tracking_update",
            "event_id": "e-1",
            "ts": 1_700_000_000,
            "msg": {
                "id": "t-1", "tracking_number": "1z999 aa1", "slug": "ups", "tag": tag,
                "subtag": format!("{tag}_001"), "order_id": "1001",
                "updated_at": "2024-03-10T12:00:00+00:00",
                "courier_estimated_delivery_date": {"estimated_delivery_date": "2024-03-08"},
                "checkpoints": [{
                    "checkpoint_time": "2024-03-01T10:00:00+01:00", "tag": "InTransit",
                    "subtag": "InTransit_002", "message": "Departed",
                    "location": "Köln, DE", "city": "Köln"
                }]
            }
        })
    }

    #[test]
    fn webhook_bodies_carry_the_tracking_under_msg() {
        let ingested = parse(&webhook("InTransit")).unwrap();
        let shipment = &ingested.shipments[0];
        let number = TrackingNumber::parse("1Z999AA1").unwrap();
        assert_eq!(
            shipment.key,
            ShipmentKey::Tracking {
                number,
                carrier: Some("ups".into())
            }
        );
        assert_eq!(
            shipment.order_id.as_ref().map(OrderId::as_str),
            Some("1001")
        );
        assert_eq!(
            shipment
                .estimated_delivery
                .map(|t| t.date().iso())
                .as_deref(),
            Some("2024-03-08")
        );
        let checkpoint = &shipment.checkpoints[0];
        assert_eq!(checkpoint.occurred_at.to_rfc3339(), "2024-03-01T09:00:00Z");
        assert_eq!(checkpoint.sub_status.as_deref(), Some("InTransit_002"));
        assert_eq!(checkpoint.location.as_deref(), Some("Köln, DE"));
        // The summary agrees with the latest event: nothing is added.
        assert_eq!(shipment.checkpoints.len(), 1);
    }

    #[test]
    fn a_summary_no_event_carries_is_kept_as_a_checkpoint() {
        let shipment = &parse(&webhook("Expired")).unwrap().shipments[0];
        assert_eq!(shipment.checkpoints.len(), 2);
        let last = &shipment.checkpoints[1];
        assert_eq!(
            (last.status, last.raw_status.as_str()),
            (TrackingStatus::Expired, "Expired")
        );
        assert_eq!(last.occurred_at.to_rfc3339(), "2024-03-10T12:00:00Z");
    }

    #[test]
    fn error_responses_and_strangers_are_refused() {
        let err = parse(
            &json!({"meta": {"code": 4004, "message": "Tracking does not exist."}, "data": {}}),
        )
        .unwrap_err();
        assert!(err.to_string().contains("meta.code 4004"), "{err}");
        let err = parse(&json!({"hello": "world"})).unwrap_err();
        assert!(matches!(err, IngestError::Unsupported { .. }), "{err}");
        let mut body = webhook("InTransit");
        body["msg"]["checkpoints"][0]["checkpoint_time"] = json!(null);
        assert_eq!(
            parse(&body).unwrap_err(),
            IngestError::MissingField {
                origin: Source::AfterShip,
                path: "msg.checkpoints[0].checkpoint_time".into()
            }
        );
    }
}
