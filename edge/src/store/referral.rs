//! D1 access for referrals: codes, clicks, sightings, redemptions and the
//! merchant's fraud flags; the rewards view's inputs.

use std::collections::{BTreeSet, HashMap};

use aftercart_shared::api::admin::{FlagCursor, ReferralFlag};
use aftercart_shared::privacy::VisitorHash;
use aftercart_shared::referral::{
    CustomerId, FraudFlag, FriendOrder, IssuedReward, MailboxKey, Posting, ReferralCode,
    ReferralHistory, Sighting,
};
use aftercart_shared::settings::SettingKey;
use aftercart_shared::{Email, OrderId, ShopId, UnixTime};
use serde::Deserialize;
use worker::D1PreparedStatement;

use super::db::Store;
use super::error::Error;
use super::loyalty::{PostingRow, posting};
use super::row::{corrupt, first, int, json_list, named, opt_text, rows, text};
use super::shop::settings_map;
use aftercart_shared::wire::WireName;

/// Whether an order at the shop used redemption `r`'s coupon (codes are
/// stored as typed at checkout, so case is folded).
const COUPON_USED: &str = "(r.coupon IS NOT NULL AND EXISTS (SELECT 1 FROM orders o, \
     json_each(o.discount_codes) d WHERE o.shop_id = r.shop_id AND upper(d.value) = upper(r.coupon)))";

/// A device is recorded at most once per this many seconds per shopper.
const SIGHTING_EVERY_SECS: i64 = 3600;
/// The referrer's sightings of the friend's device a decision looks at,
/// nearest in time first.
const SIGHTINGS_READ: u32 = 10;

/// What the rewards view needs beyond the order, read in one round trip.
pub struct RewardsInputs {
    /// The stored `referrals` and `loyalty` documents.
    pub settings: HashMap<String, String>,
    /// The shopper's code, once made.
    pub code: Option<ReferralCode>,
    pub friends_rewarded: u32,
    /// The shopper's ledger, oldest first.
    pub postings: Vec<Posting>,
}

/// The owner of a referral code, as stored.
#[derive(Debug, Clone)]
pub struct CodeOwner {
    pub code: ReferralCode,
    pub shop: ShopId,
    /// The owner's shopper key: their exact address (migration 0010).
    pub mailbox: String,
    pub email: Email,
}

/// A referral decision to store: exactly one per order.
#[derive(Debug)]
pub struct NewRedemption<'a> {
    pub order: &'a OrderId,
    pub code: &'a ReferralCode,
    pub friend: &'a MailboxKey,
    pub outcome: Outcome<'a>,
    pub at: UnixTime,
}

#[derive(Debug)]
pub enum Outcome<'a> {
    /// The incentive as JSON and, for a coupon reward, its code.
    Rewarded {
        incentive: String,
        coupon: Option<&'a str>,
    },
    /// The refusal as JSON.
    Flagged {
        flag: FraudFlag,
        refusal: String,
    },
    Refused {
        refusal: String,
    },
}

/// What became of [`Store::create_code`].
#[derive(Debug)]
pub enum CodeClaim {
    /// The shopper's code: the candidate, or one a concurrent request made.
    Mine(ReferralCode),
    /// The candidate is someone else's.
    Taken,
}

#[derive(Deserialize)]
struct CodeRow {
    code: String,
    shop_id: String,
    mailbox: String,
    email: String,
}

#[derive(Deserialize)]
struct CountRow {
    count: u32,
}

fn owner(row: CodeRow) -> Result<CodeOwner, Error> {
    Ok(CodeOwner {
        code: ReferralCode::parse(&row.code).map_err(|e| corrupt("referral code", e))?,
        shop: ShopId::parse(&row.shop_id).map_err(|e| corrupt("shop id", e))?,
        mailbox: row.mailbox,
        email: Email::parse(&row.email).map_err(|e| corrupt("referrer email", e))?,
    })
}

impl Store {
    /// The programs' settings, the shopper's code, how many friends it
    /// rewarded and the shopper's ledger.
    pub async fn rewards_inputs(
        &self,
        shop: &ShopId,
        mailbox: &str,
    ) -> Result<RewardsInputs, Error> {
        let key = [text(shop.as_str()), text(mailbox)];
        let [settings, code, rewarded, ledger] = &self
            .batch([
                self.settings_statement(shop, &[SettingKey::Referrals, SettingKey::Loyalty])?,
                self.statement(
                    "SELECT code, shop_id, mailbox, email FROM referral_codes \
                     WHERE shop_id = ?1 AND mailbox = ?2",
                    &key,
                )?,
                self.statement(
                    "SELECT COUNT(*) AS count FROM referral_redemptions r \
                     JOIN referral_codes c ON c.code = r.code \
                     WHERE c.shop_id = ?1 AND c.mailbox = ?2 AND r.outcome = 'rewarded' \
                     AND r.revoked_at IS NULL",
                    &key,
                )?,
                self.statement(
                    "SELECT kind, points FROM loyalty_ledger WHERE shop_id = ?1 AND mailbox = ?2 \
                     ORDER BY seq",
                    &key,
                )?,
            ])
            .await?;
        Ok(RewardsInputs {
            settings: settings_map(settings)?,
            code: first::<CodeRow>(code)?
                .map(|row| owner(row).map(|o| o.code))
                .transpose()?,
            friends_rewarded: rows::<CountRow>(rewarded)?.first().map_or(0, |r| r.count),
            postings: rows::<PostingRow>(ledger)?
                .iter()
                .map(posting)
                .collect::<Result<_, _>>()?,
        })
    }

    /// Gives the shopper `candidate` unless they already have a code (a
    /// concurrent request made one first), and answers with their code;
    /// `Taken` when someone, in any shop, has the candidate: draw another.
    pub async fn create_code(
        &self,
        shop: &ShopId,
        candidate: &ReferralCode,
        mailbox: &str,
        email: &Email,
        order: &OrderId,
        now: UnixTime,
    ) -> Result<CodeClaim, Error> {
        let created = self
            .batch([
                self.statement(
                    "INSERT INTO referral_codes (code, shop_id, mailbox, email, order_id, created_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (shop_id, mailbox) DO NOTHING",
                    &[
                        text(candidate.as_str()),
                        text(shop.as_str()),
                        text(mailbox),
                        text(email.as_str()),
                        text(order.as_str()),
                        int(now.secs()),
                    ],
                )?,
                self.statement(
                    "SELECT code, shop_id, mailbox, email FROM referral_codes \
                     WHERE shop_id = ?1 AND mailbox = ?2",
                    &[text(shop.as_str()), text(mailbox)],
                )?,
            ])
            .await;
        let [_, mine] = match created {
            Ok(results) => results,
            Err(Error::Unique { table, columns })
                if table == "referral_codes" && columns == ["code"] =>
            {
                return Ok(CodeClaim::Taken);
            }
            Err(err) => return Err(err),
        };
        let row = first::<CodeRow>(&mine)?
            .ok_or_else(|| Error::Unavailable("the new referral code was not stored".into()))?;
        Ok(CodeClaim::Mine(owner(row)?.code))
    }

    /// Records that the shopper was seen on the browser `visitor` hashes,
    /// unless they were within the last hour.
    pub async fn record_sighting(
        &self,
        shop: &ShopId,
        mailbox: &str,
        visitor: &VisitorHash,
        now: UnixTime,
    ) -> Result<(), Error> {
        self.statement(
            "INSERT INTO shopper_sightings (shop_id, mailbox, visitor, at) \
             SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM shopper_sightings \
             WHERE shop_id = ?1 AND mailbox = ?2 AND visitor = ?3 AND at > ?5)",
            &[
                text(shop.as_str()),
                text(mailbox),
                text(visitor.as_str()),
                int(now.secs()),
                int(now.secs() - SIGHTING_EVERY_SECS),
            ],
        )?
        .run()
        .await?;
        Ok(())
    }

    /// The code's owner and the shop's `referrals` document, for a share
    /// link.
    pub async fn code_owner(
        &self,
        code: &ReferralCode,
    ) -> Result<Option<(CodeOwner, Option<String>)>, Error> {
        #[derive(Deserialize)]
        struct Row {
            code: String,
            shop_id: String,
            mailbox: String,
            email: String,
            program: Option<String>,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT c.code AS code, c.shop_id AS shop_id, c.mailbox AS mailbox, c.email AS email, \
                 s.value AS program FROM referral_codes c LEFT JOIN shop_settings s \
                 ON s.shop_id = c.shop_id AND s.key = ?2 WHERE c.code = ?1",
                &[text(code.as_str()), text(SettingKey::Referrals.wire_name())],
            )?
            .first(None)
            .await?;
        row.map(|r| {
            let program = r.program;
            owner(CodeRow {
                code: r.code,
                shop_id: r.shop_id,
                mailbox: r.mailbox,
                email: r.email,
            })
            .map(|o| (o, program))
        })
        .transpose()
    }

    /// Counts a visit of `code`'s share link by `visitor` on `day` (UTC,
    /// [`aftercart_shared::privacy::utc_day`]), unless that visitor was
    /// already counted for the code that day (the unique key).
    pub async fn record_click(
        &self,
        code: &ReferralCode,
        visitor: &VisitorHash,
        day: i64,
        now: UnixTime,
    ) -> Result<(), Error> {
        self.statement(
            "INSERT OR IGNORE INTO referral_clicks (code, day, visitor, at) VALUES (?1, ?2, ?3, ?4)",
            &[
                text(code.as_str()),
                int(day),
                text(visitor.as_str()),
                int(now.secs()),
            ],
        )?
        .run()
        .await?;
        Ok(())
    }

    /// Whether `order` was already decided, and the shop's owner of the
    /// first of `codes` that has one.
    pub async fn redemption_start(
        &self,
        shop: &ShopId,
        order: &OrderId,
        codes: &[ReferralCode],
    ) -> Result<(bool, Option<CodeOwner>), Error> {
        let [decided, owners] = &self
            .batch([
                self.statement(
                    "SELECT COUNT(*) AS count FROM referral_redemptions WHERE shop_id = ?1 AND order_id = ?2",
                    &[text(shop.as_str()), text(order.as_str())],
                )?,
                self.statement(
                    "SELECT code, shop_id, mailbox, email FROM referral_codes \
                     WHERE shop_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
                    &[
                        text(shop.as_str()),
                        json_list(codes.iter().map(ReferralCode::as_str)),
                    ],
                )?,
            ])
            .await?;
        let decided = rows::<CountRow>(decided)?
            .first()
            .is_some_and(|r| r.count > 0);
        let owners = rows::<CodeRow>(owners)?
            .into_iter()
            .map(owner)
            .collect::<Result<Vec<_>, _>>()?;
        // The order's own order of codes decides between two.
        let first = codes
            .iter()
            .find_map(|code| owners.iter().find(|o| o.code == *code).cloned());
        Ok((decided, first))
    }

    /// What [`aftercart_shared::referral::decide_redemption`] needs: the
    /// friend's earlier orders, the referrer's customer ids, the friends
    /// already rewarded and the referrer's sightings of the friend's
    /// device. The friend's order itself never counts as an earlier one,
    /// even when it is already stored; "earlier" is by when orders were
    /// placed (the id breaks ties), not by when they arrived.
    pub async fn redemption_history(
        &self,
        shop: &ShopId,
        friend: &FriendOrder,
        referrer: &CodeOwner,
    ) -> Result<(ReferralHistory, BTreeSet<CustomerId>), Error> {
        #[derive(Deserialize)]
        struct CustomerRow {
            customer_id: String,
        }
        #[derive(Deserialize)]
        struct FriendRow {
            friend_mailbox: String,
        }
        #[derive(Deserialize)]
        struct SightingRow {
            visitor: String,
            at: i64,
        }
        let shop_arg = text(shop.as_str());
        // The referrer's accounts and devices under any +tag of theirs: the
        // folded mailbox, not the code's key (their exact address).
        let referrer_mailbox = MailboxKey::of(&referrer.email);
        let mut statements = vec![
            self.statement(
                "SELECT COUNT(*) AS count FROM orders WHERE shop_id = ?1 AND id <> ?2 \
                 AND cancelled_at IS NULL AND (mailbox = ?3 OR (?4 IS NOT NULL AND customer_id = ?4)) \
                 AND (placed_at < ?5 OR (placed_at = ?5 AND id < ?2))",
                &[
                    shop_arg.clone(),
                    text(friend.order.as_str()),
                    text(MailboxKey::of(&friend.email).as_str()),
                    opt_text(friend.customer.as_ref().map(|c| c.0.as_str())),
                    int(friend.placed_at.secs()),
                ],
            )?,
            self.statement(
                "SELECT DISTINCT customer_id FROM orders WHERE shop_id = ?1 AND mailbox = ?2 \
                 AND customer_id IS NOT NULL",
                &[shop_arg.clone(), text(referrer_mailbox.as_str())],
            )?,
            self.statement(
                "SELECT friend_mailbox FROM referral_redemptions WHERE code = ?1 AND outcome = 'rewarded'",
                &[text(referrer.code.as_str())],
            )?,
        ];
        if !friend.visitors.is_empty() {
            statements.push(self.statement(
                &format!(
                    "SELECT visitor, at FROM shopper_sightings WHERE shop_id = ?1 \
                     AND mailbox = ?2 AND visitor IN (SELECT value FROM json_each(?3)) \
                     ORDER BY abs(at - ?4) LIMIT {SIGHTINGS_READ}"
                ),
                &[
                    shop_arg,
                    text(referrer_mailbox.as_str()),
                    json_list(friend.visitors.iter().map(VisitorHash::as_str)),
                    int(friend.placed_at.secs()),
                ],
            )?);
        }
        let results = self.db.batch(statements).await?;
        let [earlier, customers, rewarded, ..] = results.as_slice() else {
            return Err(Error::Unavailable(format!(
                "D1 answered {} results for at least 3 statements",
                results.len()
            )));
        };
        let sightings = match results.get(3) {
            Some(result) => rows::<SightingRow>(result)?
                .into_iter()
                .map(|r| {
                    Ok(Sighting {
                        visitor: VisitorHash::parse(&r.visitor)
                            .map_err(|e| corrupt("sighting visitor", e))?,
                        at: UnixTime::from_secs(r.at),
                    })
                })
                .collect::<Result<_, Error>>()?,
            None => Vec::new(),
        };
        let history = ReferralHistory {
            friend_previous_orders: rows::<CountRow>(earlier)?.first().map_or(0, |r| r.count),
            rewarded_friends: rows::<FriendRow>(rewarded)?
                .into_iter()
                .map(|r| {
                    // Stored as written: `MailboxKey` is its string.
                    serde_json::from_value::<MailboxKey>(r.friend_mailbox.into())
                        .map_err(|e| corrupt("friend mailbox", e))
                })
                .collect::<Result<_, _>>()?,
            referrer_sightings: sightings,
        };
        let customers = rows::<CustomerRow>(customers)?
            .into_iter()
            .map(|r| CustomerId(r.customer_id))
            .collect();
        Ok((history, customers))
    }

    /// The statement that stores a referral decision, unless the order was
    /// decided already (the primary key), the friend was already rewarded
    /// by this code (the partial unique index), or the stored order is
    /// cancelled or not paid by now. Run it in the ingest's transaction after the
    /// order's own write; [`Store::posting_after_redemption`] may follow.
    pub fn redemption(
        &self,
        shop: &ShopId,
        redemption: &NewRedemption<'_>,
    ) -> Result<D1PreparedStatement, Error> {
        let (outcome, incentive, coupon, flag, refusal) = match &redemption.outcome {
            Outcome::Rewarded { incentive, coupon } => {
                ("rewarded", Some(incentive.as_str()), *coupon, None, None)
            }
            Outcome::Flagged { flag, refusal } => (
                "flagged",
                None,
                None,
                Some(flag.wire_name()),
                Some(refusal.as_str()),
            ),
            Outcome::Refused { refusal } => ("refused", None, None, None, Some(refusal.as_str())),
        };
        self.statement(
            "INSERT INTO referral_redemptions (shop_id, order_id, code, friend_mailbox, outcome, \
             incentive, coupon, flag, refusal, decided_at) \
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE EXISTS (SELECT 1 FROM orders \
             WHERE shop_id = ?1 AND id = ?2 AND cancelled_at IS NULL AND payment = 'paid') \
             ON CONFLICT DO NOTHING",
            &[
                text(shop.as_str()),
                text(redemption.order.as_str()),
                text(redemption.code.as_str()),
                text(redemption.friend.as_str()),
                text(outcome),
                opt_text(incentive),
                opt_text(coupon),
                opt_text(flag),
                opt_text(refusal),
                int(redemption.at.secs()),
            ],
        )
    }

    /// The reward `order` earned its referrer, if it earned one: its
    /// coupon, whether an order at the shop used that coupon, and whether
    /// it was revoked already.
    pub async fn issued_reward(
        &self,
        shop: &ShopId,
        order: &OrderId,
    ) -> Result<Option<IssuedReward>, Error> {
        #[derive(Deserialize)]
        struct Row {
            coupon: Option<String>,
            coupon_used: i64,
            revoked_at: Option<i64>,
        }
        let row: Option<Row> = self
            .statement(
                &format!(
                    "SELECT r.coupon AS coupon, r.revoked_at AS revoked_at, {COUPON_USED} AS coupon_used \
                     FROM referral_redemptions r \
                     WHERE r.shop_id = ?1 AND r.order_id = ?2 AND r.outcome = 'rewarded'"
                ),
                &[text(shop.as_str()), text(order.as_str())],
            )?
            .first(None)
            .await?;
        Ok(row.map(|r| IssuedReward {
            coupon: r.coupon,
            coupon_used: r.coupon_used != 0,
            revoked: r.revoked_at.is_some(),
        }))
    }

    /// The statement that revokes `order`'s reward: only while the stored
    /// order is cancelled or reversed, the reward is not revoked yet and
    /// its coupon is unused (checked again here, so a coupon used since the
    /// read is not taken back). [`Store::take_back_referral`] follows.
    pub fn revoke_reward(
        &self,
        shop: &ShopId,
        order: &OrderId,
        at: UnixTime,
    ) -> Result<D1PreparedStatement, Error> {
        self.statement(
            &format!(
                "UPDATE referral_redemptions AS r SET revoked_at = ?3 \
                 WHERE r.shop_id = ?1 AND r.order_id = ?2 AND r.outcome = 'rewarded' \
                 AND r.revoked_at IS NULL AND NOT {COUPON_USED} AND EXISTS (SELECT 1 FROM orders \
                 WHERE shop_id = ?1 AND id = ?2 AND (cancelled_at IS NOT NULL OR payment = 'reversed'))"
            ),
            &[text(shop.as_str()), text(order.as_str()), int(at.secs())],
        )
    }

    /// The shop's fraud flags, newest first, after `before`; at most
    /// `limit` of them.
    pub async fn referral_flags(
        &self,
        shop: &ShopId,
        before: Option<&FlagCursor>,
        limit: u32,
    ) -> Result<Vec<ReferralFlag>, Error> {
        #[derive(Deserialize)]
        struct Row {
            order_id: String,
            display_number: Option<String>,
            code: String,
            flag: String,
            decided_at: i64,
        }
        let (secs, id) = before.map_or((i64::MAX, ""), |c| {
            (c.flagged_at.secs(), c.order_id.as_str())
        });
        let result = self
            .statement(
                &format!(
                    "SELECT r.order_id AS order_id, o.display_number AS display_number, r.code AS code, \
                     r.flag AS flag, r.decided_at AS decided_at FROM referral_redemptions r \
                     LEFT JOIN orders o ON o.shop_id = r.shop_id AND o.id = r.order_id \
                     WHERE r.shop_id = ?1 AND r.outcome = 'flagged' AND (r.decided_at, r.order_id) < (?2, ?3) \
                     ORDER BY r.decided_at DESC, r.order_id DESC LIMIT {limit}"
                ),
                &[text(shop.as_str()), int(secs), text(id)],
            )?
            .all()
            .await?;
        rows::<Row>(&result)?
            .into_iter()
            .map(|r| {
                Ok(ReferralFlag {
                    order_id: r.order_id,
                    order_number: r.display_number,
                    code: r.code,
                    flag: named("fraud flag", &r.flag)?,
                    flagged_at: UnixTime::from_secs(r.decided_at),
                })
            })
            .collect()
    }
}
