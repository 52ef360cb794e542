//! Loyalty points against the running edge (the `refs` shop: 2 points a
//! dollar, 40 a review, 500 a referral): the ledger counts each purchase,
//! review and referral once, and takes back exactly what a cancelled
//! order earned.

use aftercart_tests::{Edge, d1, json, now_secs};

use crate::referrals::{Buy, decisions};

#[test]
fn the_points_ledger_counts_purchases_reviews_and_referrals_once() {
    let edge = Edge::from_env();
    // 123.45 USD at 2 points a dollar: 246 (fractions kept until the end).
    let buy = Buy {
        subtotal: "123.45".into(),
        ..Buy::new("refs").delivered()
    };
    buy.send(&edge);
    buy.send(&edge);
    assert_eq!(buy.balance(&edge), 246);

    // A review: 40, once.
    let review = json!({ "lineItemId": buy.line.to_string(), "rating": 2, "title": "Meh",
                         "body": "Pinches a little." });
    let api = buy.api(&edge);
    assert_eq!(api.review(&review).status, 201);
    api.review(&review).assert_problem(409, "already_answered");
    assert_eq!(buy.balance(&edge), 246 + 40);

    // A referral: 500.
    let code = buy.rewards(&edge)["referral"]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    Buy::new("refs").with_code(&code).send(&edge);
    let standing = buy.rewards(&edge)["loyalty"].clone();
    assert_eq!(
        standing,
        json!({ "balance": 786, "tier": "Bronze", "nextTier": "Silver", "pointsToNext": 214,
                "progressPercent": 76 })
    );

    // Cancelling an order takes back exactly what it earned, once.
    let other = buy.again();
    other.send(&edge);
    assert_eq!(buy.balance(&edge), 786 + 160);
    let cancel = Buy {
        cancelled: true,
        updated_at: now_secs() - 30,
        ..other.clone()
    };
    cancel.send(&edge);
    cancel.send(&edge);
    assert_eq!(buy.balance(&edge), 786);

    let ledger = d1(&format!(
        "SELECT source, kind, points FROM loyalty_ledger WHERE shop_id = 'refs' \
         AND mailbox = '{}' ORDER BY seq",
        buy.email
    ));
    let entries: Vec<(String, String, i64)> = ledger
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().to_owned(),
                r["kind"].as_str().unwrap().to_owned(),
                r["points"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(entries.len(), 5, "{entries:?}");
    assert_eq!(
        entries[0],
        (format!("purchase:{}", buy.id), "earned".into(), 246)
    );
    assert!(entries[1].0.starts_with("review:"), "{entries:?}");
    assert_eq!((entries[1].1.as_str(), entries[1].2), ("earned", 40));
    assert!(entries[2].0.starts_with("referral:"), "{entries:?}");
    assert_eq!((entries[2].1.as_str(), entries[2].2), ("earned", 500));
    assert_eq!(
        entries[3],
        (format!("purchase:{}", other.id), "earned".into(), 160)
    );
    assert_eq!(
        entries[4],
        (format!("cancelled:{}", other.id), "taken_back".into(), 160)
    );
}

#[test]
fn a_stale_creation_after_the_cancellation_earns_no_points() {
    let edge = Edge::from_env();
    let buy = Buy::new("refs");
    // The cancellation (newer) arrives before the creation (older).
    Buy {
        cancelled: true,
        updated_at: now_secs() - 60,
        ..buy.clone()
    }
    .send(&edge);
    buy.send(&edge);
    assert_eq!(buy.balance(&edge), 0);
}

#[test]
fn a_plus_tag_address_is_another_shopper_for_points_and_codes() {
    let edge = Edge::from_env();
    let erik = Buy {
        subtotal: "100.00".into(),
        ..Buy::new("refs").delivered()
    };
    erik.send(&edge);
    let (local, domain) = erik.email.split_once('@').unwrap();
    let tagged = Buy {
        email: format!("{local}+x@{domain}"),
        subtotal: "30.00".into(),
        ..Buy::new("refs").delivered()
    };
    tagged.send(&edge);
    let erik_view = erik.rewards(&edge);
    let tagged_view = tagged.rewards(&edge);
    // 2 points a dollar, each on their own order only.
    assert_eq!(erik_view["loyalty"]["balance"], 200, "{erik_view}");
    assert_eq!(tagged_view["loyalty"]["balance"], 60, "{tagged_view}");
    let code = erik_view["referral"]["code"].as_str().unwrap().to_owned();
    assert_ne!(tagged_view["referral"]["code"], code.as_str());
    let stored = d1(&format!(
        "SELECT mailbox FROM referral_codes WHERE code = '{code}'"
    ));
    assert_eq!(stored, vec![json!({ "mailbox": erik.email })]);

    // Folding still catches self-referral: another +tag of Erik's using
    // his code is flagged, not rewarded.
    let self_referral = Buy {
        email: format!("{local}+y@{domain}"),
        customer: None,
        ..Buy::new("refs").with_code(&code)
    };
    self_referral.send(&edge);
    assert_eq!(
        decisions("refs", &[&self_referral])[0].2,
        json!({ "refusal": "fraud", "flag": "sameMailbox" })
    );
    assert_eq!(erik.rewards(&edge)["referral"]["friendsRewarded"], 0);
}
