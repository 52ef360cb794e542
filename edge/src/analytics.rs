//! `GET /v1/admin/shops/{shop}/analytics?from=&to=`: the merchant's numbers
//! for a period. The store counts; `aftercart_shared::analytics` decides
//! what the counts mean.

use aftercart_shared::ShopId;
use aftercart_shared::analytics::{self, Period};
use aftercart_shared::returns::ReturnPolicy;
use aftercart_shared::settings::SettingKey;
use worker::{Env, Request, Response};

use crate::admin::authenticate;
use crate::routes::now;
use crate::store::Store;
use crate::{ApiError, http};

pub async fn report(req: &Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(req, &store, &shop).await?;
    let period = Period::parse(
        http::query(req, "from")?.as_deref(),
        http::query(req, "to")?.as_deref(),
        now(),
    )
    .map_err(|err| ApiError::InvalidField {
        field: err.field(),
        reason: err.to_string(),
    })?;
    let counts = store.analytics_counts(&shop, period).await?;
    // Reasons are named in the policy's own language; a reason since removed
    // from the policy keeps its id.
    let policy = match store
        .setting(&shop, SettingKey::ReturnsPolicy.name())
        .await?
    {
        Some(json) => ReturnPolicy::from_json(&json).ok(),
        None => None,
    };
    let label = |id: &str| {
        let policy = policy.as_ref()?;
        let reason = policy.reasons.iter().find(|r| r.id == id)?;
        let lang = policy.default_lang;
        reason.label.get(lang, lang).map(str::to_owned)
    };
    http::json(&analytics::report(period, &counts, label), 200)
}
