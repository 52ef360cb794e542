//! Return events sent to the merchant's endpoint (the `hooks` shop):
//! signed, delivered, logged, retried by the cron trigger, and sent again
//! on request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aftercart_shared::token::hmac_sha256;
use aftercart_tests::{Admin, Edge, Value, json, now_secs};

use crate::returns_admin::{DESK_KEY, HOOKS_KEY, make_return};

/// What the receiver saw of one request.
#[derive(Debug, Clone)]
struct Received {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} header"))
    }
}

/// A merchant endpoint on 127.0.0.1: 500 to the first request for each
/// event id, 200 after.
fn receiver() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/aftercart", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::<Received>::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut headers = Vec::new();
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            loop {
                line.clear();
                reader.read_line(&mut line).unwrap();
                let trimmed = line.trim_end();
                if trimmed.is_empty() {
                    break;
                }
                let (k, v) = trimmed.split_once(':').unwrap();
                headers.push((k.trim().to_owned(), v.trim().to_owned()));
            }
            let length: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let got = Received { headers, body };
            let event = got.header("aftercart-event-id").to_owned();
            let mut log = log.lock().unwrap();
            let first = !log.iter().any(|r| r.header("aftercart-event-id") == event);
            log.push(got);
            drop(log);
            let status = if first {
                "500 Internal Server Error"
            } else {
                "200 OK"
            };
            let _ = stream.write_all(
                format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
    });
    (url, seen)
}

fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn delivery_for(hooks: &Admin<'_>, event_id: &str) -> Option<Value> {
    let page = hooks.deliveries();
    page.assert_status(200);
    page.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["eventId"] == event_id)
        .cloned()
}

#[test]
fn return_events_are_signed_delivered_logged_and_retried() {
    let edge = Edge::from_env();
    let hooks = edge.admin("hooks", HOOKS_KEY);
    let (url, seen) = receiver();
    let secret = "hooks-signing-secret-0123456789";
    hooks
        .put_setting("return_webhook", &json!({ "url": url, "secret": secret }))
        .assert_status(200);

    let made = make_return(&edge, "hooks");
    let created_id = format!("hooks:{}.requested", made.rma);

    // The first attempt happens right after the shopper's request.
    let first = wait_for("the first delivery", || {
        seen.lock().unwrap().first().cloned()
    });
    assert_eq!(first.header("aftercart-event-id"), created_id);
    assert_eq!(first.header("aftercart-event-type"), "return.created");
    assert_eq!(first.header("content-type"), "application/json");
    let signature = first.header("aftercart-signature");
    let (t, mac) = signature
        .strip_prefix("t=")
        .and_then(|rest| rest.split_once(",v1="))
        .unwrap();
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(&first.body);
    let expected: String = hmac_sha256(secret.as_bytes(), &signed)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        mac, expected,
        "signature over t.body with the shop's secret"
    );
    assert!((now_secs() - t.parse::<i64>().unwrap()).abs() < 60);
    let event: Value = serde_json::from_slice(&first.body).unwrap();
    assert_eq!(event["id"], created_id.as_str());
    assert_eq!(event["type"], "return.created");
    assert_eq!(event["shop"], "hooks");
    assert_eq!(event["return"]["rma"], made.rma.as_str());
    assert_eq!(event["return"]["orderId"], made.shopper.order_id());
    assert_eq!(event["return"]["status"], "requested");
    assert!(event["return"]["totalMinor"].is_i64());
    assert_eq!(event["transition"]["actor"], "shopper");

    // The 500 is logged, and a retry is scheduled.
    let failed = wait_for("the failed attempt in the log", || {
        delivery_for(&hooks, &created_id).filter(|d| d["attempts"].as_array().unwrap().len() == 1)
    });
    assert_eq!(failed["state"], "pending", "{failed}");
    assert_eq!(failed["attempts"][0]["attempt"], 1);
    assert_eq!(failed["attempts"][0]["httpStatus"], 500);
    assert!(failed["attempts"][0]["durationMs"].is_u64());
    assert!(failed["nextAttemptAt"].is_string(), "{failed}");

    // The cron trigger retries it once it is due (1 s in the test set-up).
    std::thread::sleep(Duration::from_millis(1_500));
    let delivered = wait_for("the retry by the cron trigger", || {
        let cron = edge.get("/__scheduled?cron=*+*+*+*+*", &[]);
        assert!(cron.status < 300, "{}", cron.text());
        delivery_for(&hooks, &created_id).filter(|d| d["state"] == "delivered")
    });
    let attempts = delivered["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2, "{delivered}");
    assert_eq!(attempts[1]["attempt"], 2);
    assert_eq!(attempts[1]["httpStatus"], 200);
    assert!(delivered["nextAttemptAt"].is_null());
    {
        let seen = seen.lock().unwrap();
        let same: Vec<&Received> = seen
            .iter()
            .filter(|r| r.header("aftercart-event-id") == created_id)
            .collect();
        assert_eq!(same.len(), 2);
        // The same event both times, so the receiver can deduplicate.
        let again: Value = serde_json::from_slice(&same[1].body).unwrap();
        assert_eq!(again, event);
    }

    // A merchant's transition is an event too, with their note.
    hooks
        .step(&made.rma, "approve", Some(&json!({ "note": "ok" })))
        .assert_status(200);
    let approved_id = format!("hooks:{}.approved", made.rma);
    let approved = wait_for("the approval event", || {
        seen.lock()
            .unwrap()
            .iter()
            .find(|r| r.header("aftercart-event-id") == approved_id)
            .cloned()
    });
    let body: Value = serde_json::from_slice(&approved.body).unwrap();
    assert_eq!(body["type"], "return.approved");
    assert_eq!(body["transition"]["from"], "requested");
    assert_eq!(body["transition"]["note"], "ok");
    assert_eq!(body["transition"]["actor"], "merchant");

    // "Send again" delivers now and logs a third attempt.
    let id = delivered["id"].as_i64().unwrap();
    let retried = hooks.retry_delivery(id);
    retried.assert_status(200);
    let retried = retried.json();
    assert_eq!(retried["state"], "delivered", "{retried}");
    assert_eq!(retried["attempts"].as_array().unwrap().len(), 3);
    assert_eq!(retried["attempts"][2]["httpStatus"], 200);
    hooks
        .retry_delivery(999_999)
        .assert_problem(404, "not_found");
    // Another shop's key cannot retry this shop's delivery.
    edge.admin("desk", DESK_KEY)
        .retry_delivery(id)
        .assert_problem(404, "not_found");

    removing_the_webhook_stops_every_delivery(&edge, &hooks, &seen, &approved_id);
}

/// The end of the test above (it owns the `hooks` shop's webhook): the
/// merchant removes the webhook; nothing pending is attempted again, and
/// later events queue nothing. Mutation: keep the pending rows `pending`
/// in `delete_setting`, and the cron attempts the approval again.
fn removing_the_webhook_stops_every_delivery(
    edge: &Edge,
    hooks: &Admin<'_>,
    seen: &Mutex<Vec<Received>>,
    approved_id: &str,
) {
    // The other settings are replaced, never removed.
    hooks
        .delete_setting("returns_policy")
        .assert_problem(405, "method_not_allowed");
    hooks
        .delete_setting("nope")
        .assert_problem(404, "not_found");
    let removed = hooks.delete_setting("return_webhook");
    assert_eq!(removed.status, 204, "{}", removed.text());
    hooks
        .setting("return_webhook")
        .assert_problem(404, "not_found");
    // Removing what is not there is the same outcome.
    assert_eq!(hooks.delete_setting("return_webhook").status, 204);

    let before = delivery_for(hooks, approved_id).expect("the approval's delivery");
    assert_ne!(before["state"], "pending", "{before}");
    let heard = seen.lock().unwrap().len();

    let made = make_return(edge, "hooks");
    let later_id = format!("hooks:{}.requested", made.rma);
    std::thread::sleep(Duration::from_millis(1_500));
    for _ in 0..3 {
        let cron = edge.get("/__scheduled?cron=*+*+*+*+*", &[]);
        assert!(cron.status < 300, "{}", cron.text());
    }
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        delivery_for(hooks, &later_id).is_none(),
        "an event after the removal was queued"
    );
    let after = delivery_for(hooks, approved_id).expect("the approval's delivery");
    assert_eq!(
        after["attempts"].as_array().unwrap().len(),
        before["attempts"].as_array().unwrap().len(),
        "attempted after the removal: {after}"
    );
    assert_eq!(seen.lock().unwrap().len(), heard, "the receiver heard more");
}

/// Mutation: drop the check in `flows::outbound::render` (parse the
/// stored URL under no rules), and the edge fetches `https://2130706433/`,
/// which is 127.0.0.1, and logs a connection error instead.
#[test]
fn a_stored_url_the_rules_refuse_is_logged_as_a_failed_delivery_and_never_fetched() {
    let edge = Edge::from_env();
    let relay = edge.admin("relay", "relay-admin-key");
    // The API refuses the same URL (and shows what is stored, to be fixed).
    relay
        .put_setting(
            "return_webhook",
            &json!({ "url": "https://2130706433/hooks", "secret": "relay-signing-secret-0123456789" }),
        )
        .assert_problem(400, "invalid_field");
    assert_eq!(
        relay.setting("return_webhook").json()["value"]["url"],
        "https://2130706433/hooks"
    );

    let made = make_return(&edge, "relay");
    let event_id = format!("relay:{}.requested", made.rma);
    let refused = wait_for("the refused attempt in the log", || {
        delivery_for(&relay, &event_id).filter(|d| !d["attempts"].as_array().unwrap().is_empty())
    });
    let attempt = &refused["attempts"][0];
    assert!(attempt["httpStatus"].is_null(), "{refused}");
    let error = attempt["error"].as_str().unwrap();
    assert!(
        error.contains("not sent") && error.contains("refused") && error.contains("url"),
        "{error}"
    );
}
