//! Shopify order webhooks built on the real fixture
//! (`shared/tests/fixtures/shopify/order.json`), so every test sends what
//! Shopify sends and changes only what it is about.

use crate::http::Edge;
use crate::shopper::Session;
use crate::{Value, fixture, json, rfc3339, unique, unique_number};

/// A Shopify order: the fixture with a fresh id, number, email and
/// fulfillment (id and tracking number), so tests run side by side
/// without sharing rows. Everything else is the fixture's until a method
/// sets it: three iPod lines at 199.00 USD, one fulfillment that failed.
#[derive(Debug, Clone)]
pub struct ShopifyOrder {
    order: Value,
}

impl ShopifyOrder {
    pub fn fresh() -> Self {
        let mut order = fixture("shopify/order.json")["order"].clone();
        order["id"] = json!(unique_number());
        order["fulfillments"][0]["id"] = json!(unique_number());
        order["fulfillments"][0]["order_id"] = order["id"].clone();
        Self { order }
            .number(&unique("L"))
            .email(&format!("{}@example.com", unique("shopper")))
            .tracking(&unique("1Z"))
    }

    /// One line item, as Shopify writes it.
    pub fn line(id: u64, product: &str, title: &str, price: &str, sku: &str) -> Value {
        json!({ "id": id, "product_id": product, "title": title, "price": price, "quantity": 1, "sku": sku })
    }

    /// The body Shopify would send.
    pub fn json(&self) -> &Value {
        &self.order
    }

    pub fn body(&self) -> Vec<u8> {
        serde_json::to_vec(&self.order).expect("serializable")
    }

    /// The order's id as the API names it.
    pub fn id(&self) -> String {
        self.order["id"].to_string()
    }

    /// The number a shopper types, `#…`.
    pub fn number_shown(&self) -> String {
        self.order["name"].as_str().expect("name").to_owned()
    }

    pub fn email_address(&self) -> String {
        self.order["email"].as_str().expect("email").to_owned()
    }

    /// Sends the order to `shop` as `orders/create` (asserting that it
    /// was taken) and looks it up as its shopper would.
    #[track_caller]
    pub fn place<'e>(&self, edge: &'e Edge, shop: &str) -> Session<'e> {
        edge.webhooks(shop)
            .shopify_order("orders/create", self)
            .assert_status(200);
        edge.lookup(shop, &self.number_shown(), &self.email_address())
    }

    #[must_use]
    pub fn id_number(mut self, id: u64) -> Self {
        self.order["id"] = json!(id);
        if let Some(fulfillment) = self.fulfillment_mut() {
            fulfillment["order_id"] = json!(id);
        }
        self
    }

    /// Shown as `#{number}`.
    #[must_use]
    pub fn number(mut self, number: &str) -> Self {
        self.order["name"] = json!(format!("#{number}"));
        self.order["order_number"] = json!(number);
        self
    }

    #[must_use]
    pub fn email(mut self, email: &str) -> Self {
        self.order["email"] = json!(email);
        self
    }

    #[must_use]
    pub fn financial_status(mut self, status: &str) -> Self {
        self.order["financial_status"] = json!(status);
        self
    }

    #[must_use]
    pub fn created_at(mut self, secs: i64) -> Self {
        self.order["created_at"] = json!(rfc3339(secs));
        self
    }

    #[must_use]
    pub fn updated_at(mut self, secs: i64) -> Self {
        self.order["updated_at"] = json!(rfc3339(secs));
        self
    }

    /// Cancelled at `secs`, or (`None`) not cancelled.
    #[must_use]
    pub fn cancelled_at(mut self, secs: Option<i64>) -> Self {
        self.order["cancelled_at"] = secs.map_or(Value::Null, |s| json!(rfc3339(s)));
        self
    }

    /// Merchandise after discounts, which is also the total, e.g. "80.00".
    #[must_use]
    pub fn subtotal(mut self, amount: &str) -> Self {
        self.order["subtotal_price"] = json!(amount);
        self.order["total_price"] = json!(amount);
        self
    }

    /// The codes typed at checkout, each 10.00 off.
    #[must_use]
    pub fn discount_codes(mut self, codes: &[String]) -> Self {
        self.order["discount_codes"] = json!(
            codes
                .iter()
                .map(|c| json!({ "code": c, "amount": "10.00", "type": "percentage" }))
                .collect::<Vec<_>>()
        );
        self
    }

    /// The customer account's id, or (`None`) a guest checkout.
    #[must_use]
    pub fn customer(mut self, id: Option<u64>) -> Self {
        match id {
            Some(id) => self.order["customer"]["id"] = json!(id),
            None => self.order["customer"] = Value::Null,
        }
        self
    }

    /// The browser's IP and User-Agent at checkout, or none.
    #[must_use]
    pub fn device(mut self, device: Option<(&str, &str)>) -> Self {
        let (ip, agent) = device.map_or((Value::Null, Value::Null), |(ip, ua)| {
            (json!(ip), json!(ua))
        });
        self.order["browser_ip"] = ip.clone();
        self.order["client_details"] = json!({ "browser_ip": ip, "user_agent": agent });
        self
    }

    /// These lines instead of the fixture's, all in the fulfillment.
    #[must_use]
    pub fn items(mut self, lines: &[Value]) -> Self {
        self.order["line_items"] = json!(lines);
        if let Some(fulfillment) = self.fulfillment_mut() {
            fulfillment["line_items"] = json!(lines);
        }
        self
    }

    /// The fulfillment's id, kept when the same order is sent again.
    #[must_use]
    pub fn fulfillment_id(self, id: u64) -> Self {
        self.with_fulfillment(|f| f["id"] = json!(id))
    }

    #[must_use]
    pub fn tracking(self, number: &str) -> Self {
        self.with_fulfillment(|f| {
            f["tracking_number"] = json!(number);
            f["tracking_numbers"] = json!([number]);
        })
    }

    #[must_use]
    pub fn carrier(self, carrier: &str) -> Self {
        self.with_fulfillment(|f| f["tracking_company"] = json!(carrier))
    }

    /// The fulfillment's `status` and `shipment_status` (`None`: null).
    #[must_use]
    pub fn fulfillment_status(self, status: &str, shipment: Option<&str>) -> Self {
        self.with_fulfillment(|f| {
            f["status"] = json!(status);
            f["shipment_status"] = shipment.map_or(Value::Null, |s| json!(s));
        })
    }

    /// Handed to the carrier at `secs`.
    #[must_use]
    pub fn shipped_at(self, secs: i64) -> Self {
        self.with_fulfillment(|f| f["created_at"] = json!(rfc3339(secs)))
    }

    /// The fulfillment last changed at `secs`.
    #[must_use]
    pub fn fulfillment_updated_at(self, secs: i64) -> Self {
        self.with_fulfillment(|f| f["updated_at"] = json!(rfc3339(secs)))
    }

    /// Shipped, and (last heard of at `secs`) on its way.
    #[must_use]
    pub fn in_transit(self, secs: i64) -> Self {
        self.fulfillment_status("success", Some("in_transit"))
            .fulfillment_updated_at(secs)
    }

    /// Shipped and delivered at `secs`.
    #[must_use]
    pub fn delivered(self, secs: i64) -> Self {
        self.fulfillment_status("success", Some("delivered"))
            .fulfillment_updated_at(secs)
    }

    fn fulfillment_mut(&mut self) -> Option<&mut Value> {
        self.order["fulfillments"].get_mut(0)
    }

    fn with_fulfillment(mut self, change: impl FnOnce(&mut Value)) -> Self {
        let fulfillment = self.fulfillment_mut().expect("the fixture's fulfillment");
        change(fulfillment);
        self
    }
}
