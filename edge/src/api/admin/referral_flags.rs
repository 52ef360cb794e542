//! `GET /v1/admin/shops/{shop}/referral-flags?cursor=`: suspected
//! self-referrals, newest first.

use aftercart_shared::api::admin::{DEFAULT_PAGE, FlagCursor, ReferralFlagPage};
use worker::{Request, Response};

use crate::auth::Merchant;
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::http;
use crate::page::{Page, PageRequest};

pub async fn list(ctx: &Ctx<'_>, req: &Request, merchant: Merchant) -> Result<Response, ApiError> {
    let request = PageRequest::<FlagCursor>::fixed(req, DEFAULT_PAGE)?;
    let rows = ctx
        .store()?
        .referral_flags(merchant.shop(), request.after.as_ref(), request.rows())
        .await?;
    let page = Page::cut(rows, &request, FlagCursor::of);
    http::json(
        &ReferralFlagPage {
            items: page.items,
            next_cursor: page.next_cursor,
        },
        200,
    )
}
