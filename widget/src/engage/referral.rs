//! The referral offer: the shopper's code and link to pass on, and their
//! loyalty standing.

use aftercart_shared::api::engage::{LoyaltyView, ReferralCard};
use aftercart_shared::i18n::{Lang, Msg, fill};
use js_sys::{Object, Promise, Reflect};
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use super::{Card, reward};
use crate::format;

#[wasm_bindgen]
extern "C" {
    /// `navigator.clipboard.writeText`; throws where there is no clipboard
    /// (an insecure page, an old browser).
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn write_text(text: &str) -> Result<Promise, JsValue>;

    /// `navigator.share`, where it exists (see [`ReferralOffer`]).
    #[wasm_bindgen(js_namespace = navigator, js_name = share, catch)]
    fn share(data: &Object) -> Result<Promise, JsValue>;
}

/// Waits for a browser promise (the clipboard, the share sheet); `then`
/// hears whether it was kept.
fn settle(promise: Result<Promise, JsValue>, then: Box<dyn FnOnce(bool)>) {
    leptos::task::spawn_local(async move {
        let kept = match promise {
            Ok(promise) => JsFuture::from(promise).await.is_ok(),
            Err(_) => false,
        };
        then(kept);
    });
}

/// The shopper's code and link, Copy (and Share where the browser can),
/// what the friend and the shopper get, and the loyalty standing.
#[component]
pub(super) fn ReferralOffer(
    /// The prompt's card.
    card: Card,
    /// The shopper's code, link and what it earns.
    referral: ReferralCard,
    /// The shopper's points and tier, where the shop runs a program.
    loyalty: Option<LoyaltyView>,
    /// The order's currency, for amounts off.
    currency: String,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let status = RwSignal::new(None::<Msg>);
    let url = referral.share_url;
    let copy = {
        let (card, url) = (card.clone(), url.clone());
        move |event: MouseEvent| {
            // The link's field, to select when there is no clipboard.
            let field = event
                .target()
                .and_then(|button| button.dyn_into::<Element>().ok())
                .and_then(|button| button.closest("section").ok().flatten())
                .and_then(|card| card.query_selector("#ac-share-link").ok().flatten())
                .and_then(|field| field.dyn_into::<web_sys::HtmlInputElement>().ok());
            let card = card.clone();
            settle(
                write_text(&url),
                Box::new(move |copied| {
                    if copied {
                        card.answer();
                    } else if let Some(field) = field {
                        let _ = field.focus();
                        field.select();
                    }
                    let _ = status.try_set(Some(if copied {
                        Msg::EngageLinkCopied
                    } else {
                        Msg::EngageCopyManual
                    }));
                }),
            );
        }
    };
    // Only where the browser has a share sheet (phones, mostly).
    let share_button = Reflect::has(&window().navigator(), &"share".into())
        .unwrap_or(false)
        .then(|| {
            let (card, url) = (card.clone(), url.clone());
            let on_share = move |_: MouseEvent| {
                let data = Object::new();
                let _ = Reflect::set(&data, &"url".into(), &url.as_str().into());
                let card = card.clone();
                // Rejected when the shopper closes the sheet: no answer.
                settle(
                    share(&data),
                    Box::new(move |shared| {
                        if shared {
                            card.answer();
                        }
                    }),
                );
            };
            view! {
                <button class="ac-button ac-button-quiet" type="button" on:click=on_share>
                    {lang.text(Msg::EngageShare)}
                </button>
            }
        });
    let gets = fill(
        lang.text(Msg::EngageReferralBody),
        &[("reward", &reward(lang, &referral.reward, &currency))],
    );
    view! {
        <p>{gets}</p>
        <dl class="ac-facts">
            <div>
                <dt>{lang.text(Msg::ReferralCodeLabel)}</dt>
                <dd class="ac-code ac-mono">{referral.code}</dd>
            </div>
        </dl>
        <div class="ac-field">
            <label for="ac-share-link">{lang.text(Msg::ReferralLinkLabel)}</label>
            <input id="ac-share-link" type="text" readonly value=url spellcheck="false" />
        </div>
        <div class="ac-actions">
            <button class="ac-button" type="button" on:click=copy>
                {lang.text(Msg::EngageCopyLink)}
            </button>
            {share_button}
        </div>
        <p class="ac-status" role="status">{move || status.get().map(|msg| lang.text(msg))}</p>
        {loyalty.map(|loyalty| view! { <Loyalty loyalty=loyalty /> })}
    }
}

/// Points, tier and the way to the next tier.
#[component]
fn Loyalty(
    /// The standing to show.
    loyalty: LoyaltyView,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let points = |n: u64| format::number(lang, n);
    let next = loyalty.next_tier.map(|tier| {
        let to_go = fill(
            lang.text(Msg::LoyaltyNextTier),
            &[("points", &points(loyalty.points_to_next)), ("tier", &tier)],
        );
        view! {
            <progress
                class="ac-progress"
                max="100"
                value=format::count(usize::from(loyalty.progress_percent.min(100)))
                aria-label=to_go.clone()
            ></progress>
            <p class="ac-muted">{to_go}</p>
        }
    });
    view! {
        <div class="ac-loyalty">
            <p class="ac-item-title">
                {fill(lang.text(Msg::LoyaltyBalance), &[("points", &points(loyalty.balance))])}
            </p>
            {loyalty
                .tier
                .map(|tier| view! { <p>{fill(lang.text(Msg::LoyaltyTier), &[("tier", &tier)])}</p> })}
            {next}
        </div>
    }
}
