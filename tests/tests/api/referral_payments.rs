//! Referrals and payment against the running edge (issue 11): an order
//! redeems only once paid, and a cancelled, refunded, voided or failed one
//! takes back its reward unless it was spent. Shops as in `referrals`.

use aftercart_tests::{Edge, Value, d1, json, now_secs};

use crate::referrals::{Buy, REFERRAL_POINTS, decisions, device, referrer};

#[test]
fn an_unpaid_order_redeems_nothing_until_a_later_webhook_says_paid_and_then_once() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let start = referrer.buy.balance(&edge);
    for unpaid in ["pending", "authorized"] {
        let friend = Buy {
            financial: unpaid,
            ..Buy::new("refs").with_code(&referrer.code)
        };
        friend.send(&edge);
        assert_eq!(referrer.friends_rewarded(&edge), 0, "{unpaid}");
        assert_eq!(decisions("refs", &[&friend]), vec![], "{unpaid}");
    }
    let friend = Buy {
        financial: "pending",
        ..Buy::new("refs").with_code(&referrer.code)
    };
    friend.send(&edge);
    let paid = Buy {
        financial: "paid",
        updated_at: now_secs() - 60,
        ..friend.clone()
    };
    paid.send(&edge);
    paid.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    assert_eq!(referrer.buy.balance(&edge), start + REFERRAL_POINTS);
    assert_eq!(
        decisions("refs", &[&friend]),
        vec![(friend.id.to_string(), "rewarded".into(), Value::Null)]
    );
}

#[test]
fn a_refunded_or_voided_order_takes_back_its_unspent_reward_once() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let start = referrer.buy.balance(&edge);
    let friend = Buy::new("refs").with_code(&referrer.code);
    friend.send(&edge);
    assert_eq!(referrer.buy.balance(&edge), start + REFERRAL_POINTS);

    let refunded = Buy {
        financial: "refunded",
        updated_at: now_secs() - 30,
        ..friend.clone()
    };
    refunded.send(&edge);
    refunded.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 0);
    assert_eq!(referrer.buy.balance(&edge), start);
    // A "paid" written before the refund, delivered after it, changes
    // nothing: the stored order stays refunded.
    Buy {
        financial: "paid",
        updated_at: now_secs() - 60,
        ..friend.clone()
    }
    .send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 0);
    assert_eq!(referrer.buy.balance(&edge), start);
    let ledger = d1(&format!(
        "SELECT source, kind, points FROM loyalty_ledger WHERE shop_id = 'refs' \
         AND source IN ('referral:{id}', 'revoked:{id}') ORDER BY seq",
        id = friend.id
    ));
    assert_eq!(
        ledger,
        vec![
            json!({ "source": format!("referral:{}", friend.id), "kind": "earned", "points": REFERRAL_POINTS }),
            json!({ "source": format!("revoked:{}", friend.id), "kind": "taken_back", "points": REFERRAL_POINTS }),
        ]
    );

    // Voided, the same.
    let other = Buy::new("refs").with_code(&referrer.code);
    other.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    Buy {
        financial: "voided",
        updated_at: now_secs() - 30,
        ..other.clone()
    }
    .send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 0);
}

#[test]
fn a_spent_coupon_reward_stands_when_the_friends_order_is_refunded() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "gift", (&device().0, &device().1));
    let coupon_of = |friend: &Buy| {
        d1(&format!(
            "SELECT coupon FROM referral_redemptions WHERE shop_id = 'gift' AND order_id = '{}'",
            friend.id
        ))[0]["coupon"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let spent = Buy::new("gift").with_code(&referrer.code);
    spent.send(&edge);
    let unspent = Buy::new("gift").with_code(&referrer.code);
    unspent.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 2);
    // The referrer uses the first coupon on an order of their own.
    referrer
        .buy
        .again()
        .with_code(&coupon_of(&spent))
        .send(&edge);
    for friend in [&spent, &unspent] {
        Buy {
            financial: "refunded",
            updated_at: now_secs() - 30,
            ..friend.clone()
        }
        .send(&edge);
    }
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    let revoked = d1(&format!(
        "SELECT order_id, revoked_at IS NOT NULL AS revoked FROM referral_redemptions \
         WHERE shop_id = 'gift' AND order_id IN ('{}', '{}') ORDER BY order_id",
        spent.id, unspent.id
    ));
    let mut expected = vec![
        json!({ "order_id": spent.id.to_string(), "revoked": 0 }),
        json!({ "order_id": unspent.id.to_string(), "revoked": 1 }),
    ];
    expected.sort_by_key(|row| row["order_id"].as_str().unwrap().to_owned());
    assert_eq!(revoked, expected);
}
