//! The purge of personal data past its age
//! ([`aftercart_shared::privacy::Retention`]): one transaction.

use aftercart_shared::UnixTime;
use aftercart_shared::privacy::Cutoffs;

use super::db::Store;
use super::error::Error;
use super::row::int;

/// What one purge removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub sightings: usize,
    /// Clicks that lost their visitor hash (the clicks stay, counted).
    pub click_visitors: usize,
    /// Held delivery rows whose bodies were dropped.
    pub held_bodies: usize,
}

impl Store {
    /// Deletes sightings, forgets click visitors and drops held delivery
    /// bodies recorded before their cutoffs (`at < cutoff`, as
    /// [`Cutoffs::expired`] says). A held delivery's record stays, marked
    /// with when its body went (`now`).
    pub async fn purge(&self, cutoffs: &Cutoffs, now: UnixTime) -> Result<Purged, Error> {
        let held = [int(cutoffs.held_bodies.secs())];
        let results = self
            .batch([
                self.statement(
                    "DELETE FROM shopper_sightings WHERE at < ?1",
                    &[int(cutoffs.sightings.secs())],
                )?,
                self.statement(
                    "UPDATE referral_clicks SET visitor = NULL WHERE visitor IS NOT NULL AND at < ?1",
                    &[int(cutoffs.click_visitors.secs())],
                )?,
                self.statement(
                    "UPDATE webhook_deliveries SET body_purged_at = ?2 \
                     WHERE (shop_id, source, delivery_id) IN (SELECT shop_id, source, delivery_id \
                     FROM held_deliveries WHERE received_at < ?1)",
                    &[held[0].clone(), int(now.secs())],
                )?,
                self.statement("DELETE FROM held_deliveries WHERE received_at < ?1", &held)?,
            ])
            .await?;
        if let Some(err) = results.iter().find_map(worker::D1Result::error) {
            return Err(Error::classify(err));
        }
        let [sightings, clicks, _, bodies] = &results;
        Ok(Purged {
            sightings: Self::changes(sightings)?,
            click_visitors: Self::changes(clicks)?,
            held_bodies: Self::changes(bodies)?,
        })
    }
}
