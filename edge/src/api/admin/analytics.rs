//! `GET /v1/admin/shops/{shop}/analytics?from=&to=`: the merchant's numbers
//! for a period. The store counts; `aftercart_shared::analytics` decides
//! what the counts mean.

use aftercart_shared::analytics::{self, Period};
use aftercart_shared::returns::ReturnPolicy;
use aftercart_shared::settings::SettingKey;
use worker::{Request, Response};

use crate::auth::Merchant;
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::http;

pub async fn report(
    ctx: &Ctx<'_>,
    req: &Request,
    merchant: Merchant,
) -> Result<Response, ApiError> {
    let shop = merchant.shop();
    let period = Period::parse(
        http::query(req, "from")?.as_deref(),
        http::query(req, "to")?.as_deref(),
        ctx.now(),
    )
    .map_err(|err| ApiError::invalid(err.field(), &err))?;
    let store = ctx.store()?;
    let counts = store.analytics_counts(shop, period).await?;
    // Reasons are named in the policy's own language; a reason since removed
    // from the policy keeps its id.
    let policy = store
        .setting(shop, SettingKey::ReturnsPolicy)
        .await?
        .and_then(|json| ReturnPolicy::from_json(&json).ok());
    let label = |id: &str| {
        let policy = policy.as_ref()?;
        let reason = policy.reasons.iter().find(|r| r.id == id)?;
        let lang = policy.default_lang;
        reason.label.get(lang, lang).map(str::to_owned)
    };
    http::json(&analytics::report(period, &counts, label), 200)
}
