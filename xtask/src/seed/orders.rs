//! The demo shop's orders and returns as data: one order in every state a
//! shopper can meet, with times in hours before `now` (the README lists
//! them), and the benchmark's template order.

use aftercart_shared::tracking::TrackingStatus::{self, *};

pub struct DemoOrder {
    pub number: &'static str,
    pub email: &'static str,
    pub first_name: &'static str,
    /// What the order demonstrates, for the README and the tests.
    pub state: &'static str,
    pub placed_hours_ago: i64,
    pub cancelled: bool,
    pub items: &'static [Item],
    pub shipments: &'static [DemoShipment],
}

impl DemoOrder {
    /// What the order cost, in öre.
    pub fn total_minor(&self) -> i64 {
        self.items
            .iter()
            .map(|i| i.price_minor * i64::from(i.quantity))
            .sum()
    }
}

pub struct Item {
    pub id: &'static str,
    pub product_id: &'static str,
    pub title: &'static str,
    pub variant: Option<&'static str>,
    pub quantity: u32,
    pub price_minor: i64,
}

pub struct DemoShipment {
    pub carrier: &'static str,
    pub tracking: &'static str,
    pub url: &'static str,
    pub eta_days_from_now: Option<i64>,
    pub items: &'static [(&'static str, u32)],
    pub events: &'static [Event],
}

pub struct Event {
    pub hours_ago: i64,
    pub status: TrackingStatus,
    pub raw: &'static str,
    pub message: &'static str,
    pub location: Option<&'static str>,
}

const fn ev(
    hours_ago: i64,
    status: TrackingStatus,
    raw: &'static str,
    message: &'static str,
    location: Option<&'static str>,
) -> Event {
    Event {
        hours_ago,
        status,
        raw,
        message,
        location,
    }
}

const JACKET: Item = Item {
    id: "li-jacket",
    product_id: "p-down-jacket",
    title: "Fjällvind Down Jacket",
    variant: Some("Forest green / M"),
    quantity: 1,
    price_minor: 249_900,
};
const SOCKS: Item = Item {
    id: "li-socks",
    product_id: "p-trail-socks",
    title: "Merino Trail Socks",
    variant: Some("2-pack / 39–42"),
    quantity: 2,
    price_minor: 14_900,
};
const HEADLAMP: Item = Item {
    id: "li-headlamp",
    product_id: "p-headlamp",
    title: "Polarljus 400 Headlamp",
    variant: None,
    quantity: 1,
    price_minor: 59_900,
};
const TENT: Item = Item {
    id: "li-tent",
    product_id: "p-tent",
    title: "Kebne 2 Tent",
    variant: Some("2 person"),
    quantity: 1,
    price_minor: 449_900,
};
const SLEEPING_BAG: Item = Item {
    id: "li-bag",
    product_id: "p-sleeping-bag",
    title: "Vinter −10 Sleeping Bag",
    variant: Some("Regular"),
    quantity: 1,
    price_minor: 199_900,
};
const CAMERA: Item = Item {
    id: "li-camera",
    product_id: "p-action-camera",
    title: "Ridge Action Camera",
    variant: Some("Black"),
    quantity: 1,
    price_minor: 329_900,
};

const POSTNORD: &str = "PostNord";
const DHL: &str = "DHL";

/// Handed over, sorted, moving: the common head of most demo journeys.
macro_rules! early_events {
    ($h:expr) => {
        [
            ev(
                $h,
                InfoReceived,
                "EE",
                "Shipment information received",
                Some("Stockholm, SE"),
            ),
            ev(
                $h - 6,
                InTransit,
                "EV",
                "The shipment has been handed over to the carrier",
                Some("Stockholm, SE"),
            ),
            ev(
                $h - 20,
                InTransit,
                "AD",
                "Arrived at terminal",
                Some("Jönköping, SE"),
            ),
        ]
    };
}

pub const DEMO_ORDERS: &[DemoOrder] = &[
    DemoOrder {
        number: "1001",
        email: "astrid@example.com",
        first_name: "Astrid",
        state: "processing, not shipped yet",
        placed_hours_ago: 5,
        cancelled: false,
        items: &[SOCKS, HEADLAMP],
        shipments: &[],
    },
    DemoOrder {
        number: "1002",
        email: "erik@example.com",
        first_name: "Erik",
        state: "in transit",
        placed_hours_ago: 70,
        cancelled: false,
        items: &[JACKET],
        shipments: &[DemoShipment {
            carrier: POSTNORD,
            tracking: "00370712345678901",
            url: "https://tracking.postnord.com/se/?id=00370712345678901",
            eta_days_from_now: Some(1),
            items: &[("li-jacket", 1)],
            events: &early_events!(60),
        }],
    },
    DemoOrder {
        number: "1003",
        email: "ingrid@example.com",
        first_name: "Ingrid",
        state: "out for delivery",
        placed_hours_ago: 96,
        cancelled: false,
        items: &[HEADLAMP],
        shipments: &[DemoShipment {
            carrier: DHL,
            tracking: "JVGL0999991234567",
            url: "https://www.dhl.com/se-en/home/tracking.html?tracking-id=JVGL0999991234567",
            eta_days_from_now: Some(0),
            items: &[("li-headlamp", 1)],
            events: &[
                ev(
                    80,
                    InfoReceived,
                    "PU",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    70,
                    InTransit,
                    "PL",
                    "Processed at parcel center",
                    Some("Stockholm, SE"),
                ),
                ev(
                    30,
                    InTransit,
                    "AR",
                    "Arrived at delivery facility",
                    Some("Göteborg, SE"),
                ),
                ev(
                    2,
                    OutForDelivery,
                    "WC",
                    "Out for delivery",
                    Some("Göteborg, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1004",
        email: "nils@example.com",
        first_name: "Nils",
        state: "delivered 2 days ago",
        placed_hours_ago: 24 * 6,
        cancelled: false,
        items: &[CAMERA],
        shipments: &[DemoShipment {
            carrier: POSTNORD,
            tracking: "00370712345678902",
            url: "https://tracking.postnord.com/se/?id=00370712345678902",
            eta_days_from_now: Some(-2),
            items: &[("li-camera", 1)],
            events: &[
                ev(
                    24 * 5,
                    InfoReceived,
                    "EE",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 4,
                    InTransit,
                    "EV",
                    "The shipment has been handed over to the carrier",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 3,
                    InTransit,
                    "AD",
                    "Arrived at terminal",
                    Some("Malmö, SE"),
                ),
                ev(
                    24 * 2 + 5,
                    OutForDelivery,
                    "UT",
                    "Out for delivery",
                    Some("Malmö, SE"),
                ),
                ev(
                    24 * 2,
                    Delivered,
                    "DL",
                    "Delivered to the recipient's mailbox",
                    Some("Malmö, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1005",
        email: "sofia@example.com",
        first_name: "Sofia",
        state: "delivered 10 days ago",
        placed_hours_ago: 24 * 14,
        cancelled: false,
        items: &[TENT, SOCKS],
        shipments: &[DemoShipment {
            carrier: DHL,
            tracking: "JVGL0999991234568",
            url: "https://www.dhl.com/se-en/home/tracking.html?tracking-id=JVGL0999991234568",
            eta_days_from_now: Some(-10),
            items: &[("li-tent", 1), ("li-socks", 2)],
            events: &[
                ev(
                    24 * 13,
                    InfoReceived,
                    "PU",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 12,
                    InTransit,
                    "PL",
                    "Processed at parcel center",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 10 + 6,
                    OutForDelivery,
                    "WC",
                    "Out for delivery",
                    Some("Uppsala, SE"),
                ),
                ev(
                    24 * 10,
                    Delivered,
                    "OK",
                    "Delivered, signed for by SOFIA",
                    Some("Uppsala, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1006",
        email: "oskar@example.com",
        first_name: "Oskar",
        state: "delivery exception",
        placed_hours_ago: 24 * 5,
        cancelled: false,
        items: &[SLEEPING_BAG],
        shipments: &[DemoShipment {
            carrier: POSTNORD,
            tracking: "00370712345678903",
            url: "https://tracking.postnord.com/se/?id=00370712345678903",
            eta_days_from_now: Some(-1),
            items: &[("li-bag", 1)],
            events: &[
                ev(
                    24 * 4,
                    InfoReceived,
                    "EE",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 3,
                    InTransit,
                    "EV",
                    "The shipment has been handed over to the carrier",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 2,
                    InTransit,
                    "AD",
                    "Arrived at terminal",
                    Some("Umeå, SE"),
                ),
                ev(
                    20,
                    Exception,
                    "AV",
                    "Incomplete address: the carrier is contacting the recipient",
                    Some("Umeå, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1007",
        email: "maja@example.com",
        first_name: "Maja",
        state: "two shipments: one delivered, one in transit",
        placed_hours_ago: 24 * 4,
        cancelled: false,
        items: &[TENT, SLEEPING_BAG],
        shipments: &[
            DemoShipment {
                carrier: DHL,
                tracking: "JVGL0999991234569",
                url: "https://www.dhl.com/se-en/home/tracking.html?tracking-id=JVGL0999991234569",
                eta_days_from_now: Some(-1),
                items: &[("li-tent", 1)],
                events: &[
                    ev(
                        24 * 3,
                        InfoReceived,
                        "PU",
                        "Shipment information received",
                        Some("Stockholm, SE"),
                    ),
                    ev(
                        24 * 2,
                        InTransit,
                        "PL",
                        "Processed at parcel center",
                        Some("Stockholm, SE"),
                    ),
                    ev(
                        30,
                        OutForDelivery,
                        "WC",
                        "Out for delivery",
                        Some("Västerås, SE"),
                    ),
                    ev(24, Delivered, "OK", "Delivered", Some("Västerås, SE")),
                ],
            },
            DemoShipment {
                carrier: POSTNORD,
                tracking: "00370712345678904",
                url: "https://tracking.postnord.com/se/?id=00370712345678904",
                eta_days_from_now: Some(2),
                items: &[("li-bag", 1)],
                events: &early_events!(40),
            },
        ],
    },
    DemoOrder {
        number: "1009",
        email: "erik@example.com",
        first_name: "Erik",
        state: "Erik's earlier order, delivered 3 weeks ago (his other order on one page)",
        placed_hours_ago: 24 * 25,
        cancelled: false,
        items: &[HEADLAMP, SOCKS],
        shipments: &[DemoShipment {
            carrier: POSTNORD,
            tracking: "00370712345678905",
            url: "https://tracking.postnord.com/se/?id=00370712345678905",
            eta_days_from_now: Some(-21),
            items: &[("li-headlamp", 1), ("li-socks", 2)],
            events: &[
                ev(
                    24 * 24,
                    InfoReceived,
                    "EE",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 23,
                    InTransit,
                    "EV",
                    "The shipment has been handed over to the carrier",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 21,
                    Delivered,
                    "DL",
                    "Delivered to the service point",
                    Some("Lund, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1008",
        email: "liv@example.com",
        first_name: "Liv",
        state: "cancelled",
        placed_hours_ago: 24 * 2,
        cancelled: true,
        items: &[JACKET],
        shipments: &[],
    },
];

/// The benchmark's shopper: one jacket, one parcel on its way with no date
/// from the carrier (so the history-based estimate is exercised too).
pub const BENCH_ORDER: DemoOrder = DemoOrder {
    number: "B",
    email: "bench@example.com",
    first_name: "Bench",
    state: "in transit, no carrier estimate",
    placed_hours_ago: 72,
    cancelled: false,
    items: &[JACKET],
    shipments: &[DemoShipment {
        carrier: POSTNORD,
        tracking: "00370700000000000",
        url: "https://tracking.postnord.com/se/?id=00370700000000000",
        eta_days_from_now: None,
        items: &[("li-jacket", 1)],
        events: &early_events!(60),
    }],
};

/// A demo return: one unit of one item, and its history so far.
pub struct DemoReturn {
    pub order: &'static str,
    pub item: Item,
    pub reason: &'static str,
    pub resolution: &'static str,
    /// `(hours ago, actor, status)`, oldest first; the last is the current.
    pub events: &'static [(i64, &'static str, &'static str)],
}

/// Returns in different states, so the admin list has something in each
/// column. Order #1005 is left for the API tests; a rejected return frees
/// its units, so #1009's headlamp can still go back.
pub const DEMO_RETURNS: &[DemoReturn] = &[
    DemoReturn {
        order: "1004",
        item: CAMERA,
        reason: "changed_mind",
        resolution: "refund",
        events: &[
            (40, "shopper", "requested"),
            (38, "merchant", "approved"),
            (30, "shopper", "in_transit"),
            (4, "merchant", "received"),
        ],
    },
    DemoReturn {
        order: "1007",
        item: TENT,
        reason: "changed_mind",
        resolution: "store_credit",
        events: &[(3, "shopper", "requested")],
    },
    DemoReturn {
        order: "1009",
        item: HEADLAMP,
        reason: "changed_mind",
        resolution: "refund",
        events: &[
            (24 * 15, "shopper", "requested"),
            (24 * 14, "merchant", "rejected"),
        ],
    },
];

#[cfg(test)]
mod tests {
    use aftercart_shared::returns::{ReturnEvent, ReturnStatus, lifecycle};

    use super::DEMO_RETURNS;

    #[test]
    fn every_demo_return_moves_only_along_the_lifecycle() {
        let status = |name: &str| {
            serde_json::from_value::<ReturnStatus>(serde_json::Value::String(name.to_owned()))
                .unwrap()
        };
        for ret in DEMO_RETURNS {
            let steps: Vec<_> = ret.events.iter().map(|(_, _, s)| status(s)).collect();
            assert_eq!(steps[0], ReturnStatus::Requested);
            for pair in steps.windows(2) {
                let legal = ReturnEvent::ALL
                    .into_iter()
                    .any(|e| lifecycle::next(pair[0], e) == Some(pair[1]));
                assert!(legal, "{pair:?}");
            }
        }
    }
}
