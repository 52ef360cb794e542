//! Personal data: where a browser was seen, recorded as its keyed hash
//! and at best effort (a failed write is logged, never the shopper's
//! error), and the purge by age that the cron runs.

use aftercart_shared::device::Device;
use aftercart_shared::privacy::{Retention, VisitorHash, utc_day};
use aftercart_shared::referral::ReferralCode;
use aftercart_shared::{ShopId, UnixTime};
use worker::Env;

use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::store::{Purged, Store};

/// Counts a visit of a share link, after the response has gone out: the
/// friend's redirect waits for nothing, and a failed count fails nothing.
pub fn record_click_soon(ctx: &Ctx<'_>, code: &ReferralCode, device: &Device) {
    let visitor = match ctx.secrets() {
        Ok(secrets) => VisitorHash::of(&secrets.visitor_key(), device),
        Err(err) => {
            worker::console_error!("click on {code} not counted: {err}");
            return;
        }
    };
    let (env, code, now) = (ctx.env().clone(), code.clone(), ctx.now());
    ctx.after_response(async move {
        let counted = match Store::open(&env) {
            Ok(store) => store.record_click(&code, &visitor, utc_day(now), now).await,
            Err(err) => Err(err),
        };
        if let Err(err) = counted {
            worker::console_error!("click on {code} not counted: {err}");
        }
    });
}

/// Records where the shopper (`mailbox`, folded) was seen. Before the
/// response, unlike a click: a sighting is evidence for the same-device
/// check, and a friend's order placed right after the view must find it.
/// A failure is logged; the view is answered all the same.
pub async fn record_sighting(ctx: &Ctx<'_>, shop: &ShopId, mailbox: &str, device: &Device) {
    let recorded = match (ctx.secrets(), ctx.store()) {
        (Ok(secrets), Ok(store)) => {
            let visitor = VisitorHash::of(&secrets.visitor_key(), device);
            store
                .record_sighting(shop, mailbox, &visitor, ctx.now())
                .await
                .map_err(ApiError::from)
        }
        (Err(err), _) | (_, Err(err)) => Err(err),
    };
    if let Err(err) = recorded {
        worker::console_error!("sighting at {shop} not recorded: {err}");
    }
}

/// Purges what is past its age at `now` ([`Retention`]): sightings and
/// click visitors after 90 days, held delivery bodies after 30.
pub async fn purge(env: &Env, now: UnixTime) -> Result<Purged, ApiError> {
    let store = Store::open(env)?;
    Ok(store.purge(&Retention::cutoffs(now), now).await?)
}
