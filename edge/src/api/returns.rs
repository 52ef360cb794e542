//! Returns for shoppers: what can go back and why not, and starting a
//! return. The policy engine in `aftercart_shared::returns` decides; this
//! module reads, stores and answers.

use aftercart_shared::ShopId;
use aftercart_shared::api::shopper::{
    ReasonOption, ResolutionOffer, ReturnItemOption, ReturnOptions, ReturnRefused, ReturnView,
};
use aftercart_shared::api::{Problem, ProblemCode};
use aftercart_shared::i18n::Lang;
use aftercart_shared::returns::ReturnHistoryEntry;
use aftercart_shared::returns::{
    self, Actor, ItemRefusal, ProductCatalog, Refusal, ReturnEvent, ReturnPolicy, ReturnRequest,
    ReturnableOrder, RmaNumber,
};
use aftercart_shared::settings::SettingKey;
use aftercart_shared::token::sha256_hex;
use aftercart_shared::wire::WireName;
use futures_util::future::{try_join, try_join4};
use worker::{Request, Response};

use crate::auth::{OrderOwner, Shopper};
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::flows::{outbound, returns::Step};
use crate::store::{NewReturn, OrderKey, Store, StoredReturn};
use crate::{flows, http};

/// `GET /v1/shops/{shop}/orders/{orderId}/returns`
pub async fn options(ctx: &Ctx<'_>, req: &Request, shopper: Shopper) -> Result<Response, ApiError> {
    let (shop, order) = (shopper.shop(), shopper.order());
    let lang = http::shopper_lang(req)?;
    let store = ctx.store()?;
    // Four independent reads: one round trip's wait instead of four.
    let ((policy, catalog), bundle, on_file, shop_name) = try_join4(
        policy(store, shop),
        async { Ok(store.load_bundle(shop, OrderKey::Id(order)).await?) },
        async { Ok(store.returns_for(shop, order).await?) },
        async { Ok(store.shop_name(shop).await?) },
    )
    .await?;
    let bundle = bundle.ok_or(ApiError::NotFound("No such order."))?;
    let shop_name = shop_name.unwrap_or_else(|| shop.as_str().to_owned());
    let earlier: Vec<_> = on_file.iter().map(StoredReturn::earlier).collect();
    let returnable = ReturnableOrder {
        order: &bundle.order,
        products: &catalog,
        refunded: &bundle.refunded,
    };

    let items = returns::assess(&returnable, &earlier, &policy, ctx.now())
        .into_iter()
        .map(|assessment| {
            let title = bundle
                .order
                .line_items
                .iter()
                .find(|li| li.id == assessment.line_item_id)
                .map(|li| li.title.clone())
                .unwrap_or_default();
            match assessment.outcome {
                Ok(ok) => ReturnItemOption {
                    line_item_id: assessment.line_item_id,
                    title,
                    remaining: ok.remaining,
                    last_day: Some(ok.deadline.last_day.iso()),
                    resolutions: ok.resolutions,
                    refusal: None,
                },
                Err(refusal) => ReturnItemOption {
                    refusal: Some(item_refusal(&assessment.line_item_id, refusal, lang)),
                    line_item_id: assessment.line_item_id,
                    title,
                    remaining: 0,
                    last_day: None,
                    resolutions: Vec::new(),
                },
            }
        })
        .collect();
    let reasons = policy
        .reasons
        .iter()
        .map(|reason| ReasonOption {
            id: reason.id.clone(),
            label: reason
                .label
                .get(lang, policy.default_lang)
                .unwrap_or(&reason.id)
                .to_owned(),
            requires_comment: reason.requires.requires_comment,
            requires_photo: reason.requires.requires_photo,
            sub_reasons: reason
                .sub_reasons
                .iter()
                .map(|sub| {
                    let label = sub.label.get(lang, policy.default_lang).unwrap_or(&sub.id);
                    (sub.id.clone(), label.to_owned())
                })
                .collect(),
        })
        .collect();
    http::json(
        &ReturnOptions {
            shop_name,
            policy: returns::explain(&policy, lang),
            items,
            reasons,
            offers: policy
                .resolutions
                .offered()
                .map(|(resolution, terms)| ResolutionOffer { resolution, terms })
                .collect(),
            returns: on_file.iter().map(view).collect(),
        },
        200,
    )
}

/// `POST /v1/shops/{shop}/orders/{orderId}/returns` with an
/// `Idempotency-Key`: the same key and body again give the same return.
pub async fn create(
    ctx: &Ctx<'_>,
    req: &mut Request,
    shopper: OrderOwner,
) -> Result<Response, ApiError> {
    let (shop, order) = (shopper.shop(), shopper.order());
    let key = req
        .headers()
        .get("idempotency-key")?
        .map(|k| k.trim().to_owned())
        .filter(|k| (1..=200).contains(&k.len()))
        .ok_or_else(|| {
            ApiError::invalid(
                "Idempotency-Key",
                "a header of 1 to 200 characters is required",
            )
        })?;
    let body = http::read_json_bytes(req, http::MAX_JSON_BODY).await?;
    let request: ReturnRequest =
        serde_json::from_slice(&body).map_err(|err| ApiError::InvalidJson(err.to_string()))?;
    let fingerprint = sha256_hex(&body);

    let store = ctx.store()?;
    // One read serves both the idempotency check and the earlier returns.
    let on_file = store.returns_for(shop, order).await?;
    if let Some(done) = answer_for_key(&on_file, &key, &fingerprint) {
        return done;
    }
    let ((policy, catalog), bundle) = try_join(policy(store, shop), async {
        Ok(store.load_bundle(shop, OrderKey::Id(order)).await?)
    })
    .await?;
    let bundle = bundle.ok_or(ApiError::NotFound("No such order."))?;
    let earlier: Vec<_> = on_file.iter().map(StoredReturn::earlier).collect();
    let returnable = ReturnableOrder {
        order: &bundle.order,
        products: &catalog,
        refunded: &bundle.refunded,
    };
    // Never trust the widget: the same rules, on the server, now.
    let approved = match returns::check_request(&returnable, &earlier, &policy, &request, ctx.now())
    {
        Ok(approved) => approved,
        Err(refusals) => return refused(refusals),
    };

    match store
        .create_return(shop, order, &approved, &key, &fingerprint, ctx.now())
        .await?
    {
        NewReturn::Created => {}
        // Another request took the last units between our check and write.
        NewReturn::OverReturned => {
            let refusals = approved
                .items
                .iter()
                .map(|item| {
                    item_refusal(&item.line_item_id, Refusal::AlreadyReturned, request.lang)
                })
                .collect();
            return refused(refusals);
        }
        // The same key raced itself: answer with whichever won.
        NewReturn::KeyTaken => {}
    }
    outbound::deliver_soon(ctx, shop);
    let on_file = store.returns_for(shop, order).await?;
    answer_for_key(&on_file, &key, &fingerprint)
        .unwrap_or_else(|| Err(ApiError::internal("a stored return could not be read back")))
}

/// `POST /v1/shops/{shop}/orders/{orderId}/returns/{rma}/cancel`: the
/// shopper withdraws their return, while the lifecycle still allows it
/// (before it is on its way back).
pub async fn cancel(ctx: &Ctx<'_>, shopper: OrderOwner, rma: &str) -> Result<Response, ApiError> {
    let (shop, order) = (shopper.shop(), shopper.order());
    let store = ctx.store()?;
    let stored = flows::returns::load(store, shop, rma, Some(order)).await?;
    let step = Step {
        event: ReturnEvent::Cancel,
        actor: Actor::Shopper,
        note: None,
    };
    let cancelled = flows::returns::apply(store, shop, &stored, step, ctx.now()).await?;
    outbound::deliver_soon(ctx, shop);
    http::json(&view(&cancelled), 200)
}

/// The answer already given for this idempotency key, if any: the same
/// return for the same body, a conflict for a different one.
fn answer_for_key(
    on_file: &[StoredReturn],
    key: &str,
    fingerprint: &str,
) -> Option<Result<Response, ApiError>> {
    let stored = on_file.iter().find(|r| r.idempotency_key == key)?;
    Some(if stored.request_sha256 == fingerprint {
        http::json(&view(stored), 201)
    } else {
        Err(ApiError::IdempotencyConflict)
    })
}

async fn policy(store: &Store, shop: &ShopId) -> Result<(ReturnPolicy, ProductCatalog), ApiError> {
    let settings = store
        .settings(
            shop,
            &[SettingKey::ReturnsPolicy, SettingKey::ProductCatalog],
        )
        .await?;
    let policy = settings
        .get(SettingKey::ReturnsPolicy.wire_name())
        .ok_or(ApiError::NotFound(
            "This shop does not take returns online.",
        ))?;
    let policy = ReturnPolicy::from_json(policy)
        .map_err(|err| ApiError::internal(format!("stored returns policy is invalid: {err}")))?;
    let catalog = match settings.get(SettingKey::ProductCatalog.wire_name()) {
        Some(json) => serde_json::from_str(json).map_err(|err| {
            ApiError::internal(format!("stored product catalog is invalid: {err}"))
        })?,
        None => ProductCatalog::new(),
    };
    Ok((policy, catalog))
}

fn view(stored: &StoredReturn) -> ReturnView {
    ReturnView {
        rma: RmaNumber::new(stored.seq).to_string(),
        status: stored.status,
        created_at: stored.created_at,
        approved: stored.approved.clone(),
        // Merchants' notes can be internal; the shopper sees what happened.
        history: stored
            .history
            .iter()
            .map(|entry| ReturnHistoryEntry {
                note: None,
                ..entry.clone()
            })
            .collect(),
    }
}

fn item_refusal(line_item_id: &str, refusal: Refusal, lang: Lang) -> ItemRefusal {
    ItemRefusal {
        line_item_id: Some(line_item_id.to_owned()),
        code: refusal.code(),
        reason: refusal.message(lang),
    }
}

fn refused(refusals: Vec<ItemRefusal>) -> Result<Response, ApiError> {
    let problem = Problem::new(
        ProblemCode::ReturnRefused,
        "Some items cannot be returned as asked; see refusals.",
    );
    let mut response = http::json(&ReturnRefused { problem, refusals }, 422)?;
    http::set(&mut response, "content-type", Problem::CONTENT_TYPE)?;
    Ok(response)
}
