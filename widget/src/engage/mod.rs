//! The engagement slot on the order page: at most one prompt, chosen by the
//! server's scheduler (`aftercart_shared::engage`) — a review request, the
//! referral offer, NPS, recommendations, usage tips or a thank-you.
//!
//! The widget decides nothing about timing. It shows what it is given,
//! reports `shown` once it rendered it, `dismissed` when the shopper closes
//! it unanswered, and `answered` for a followed link or a copied referral
//! link (reviews and NPS answers are recorded by their own routes).
//!
//! Written for size like the rest of the widget (ARCHITECTURE.md, "The
//! widget's size"): form fields are read from the form on submit instead of
//! through node refs, and a card's shared state is one `Arc` rather than
//! reactive storage.

mod nps;
mod referral;
mod review;
mod tips;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use aftercart_shared::OrderId;
use aftercart_shared::api::engage::{PromptView, ReferralCard, RewardsView};
use aftercart_shared::engage::PromptContent;
use aftercart_shared::engage::{Action, Prompt};
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::referral::Incentive;
use js_sys::Reflect;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use self::nps::NpsForm;
use self::referral::ReferralOffer;
use self::review::ReviewForm;
use self::tips::{Recommendations, UsageTips};
use crate::api::{Api, Session};
use crate::format;
use crate::ui::{self, Radios, Spinner};

/// The card's heading; there is only ever one prompt on the page.
const TITLE_ID: &str = "ac-engage-title";

/// A prompt to show, with what its card needs besides the content.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub view: PromptView,
    /// The referral card (and loyalty standing) of a referral offer.
    pub rewards: Option<RewardsView>,
    pub order: OrderId,
    /// The order's currency, for amounts in incentives.
    pub currency: String,
}

/// The prompt for this view of `order`, if there is one to show. A referral
/// offer comes with the shopper's referral card, or is not shown at all.
pub async fn load(
    api: &Api,
    session: &Session,
    order: OrderId,
    currency: String,
    lang: Lang,
) -> Option<Slot> {
    let view = api.engagement(session, &order, lang).await.ok()?.prompt?;
    let mut rewards = None;
    if view.prompt == Prompt::ReferralOffer {
        let found = api.rewards(session, &order).await.ok()?;
        found.referral.as_ref()?;
        rewards = Some(found);
    }
    Some(Slot {
        view,
        rewards,
        order,
        currency,
    })
}

/// Tells the server what happened to the prompt. Fire and forget: nothing
/// on the page waits for it, and a lost report only affects scheduling.
pub fn report(api: &Api, session: &Session, order: &OrderId, prompt: &Prompt, action: Action) {
    let (api, session, order, prompt) =
        (api.clone(), session.clone(), order.clone(), prompt.clone());
    leptos::task::spawn_local(async move {
        let _ = api.prompt_event(&session, &order, &prompt, action).await;
    });
}

/// One card's state, shared by its handlers.
#[derive(Debug, Clone)]
struct Card(Arc<CardState>);

#[derive(Debug)]
struct CardState {
    api: Api,
    session: Session,
    order: OrderId,
    prompt: Prompt,
    /// Answered: closing it now is not a dismissal.
    answered: AtomicBool,
    on_gone: Callback<()>,
}

impl Card {
    /// The shopper did what the prompt asked; reported once.
    fn answer(&self) {
        if !self.0.answered.swap(true, Ordering::Relaxed) {
            self.send(Action::Answered);
        }
    }

    /// An answer its own route recorded (a review, an NPS score).
    fn answered_elsewhere(&self) {
        self.0.answered.store(true, Ordering::Relaxed);
    }

    fn close(&self) {
        if !self.0.answered.load(Ordering::Relaxed) {
            self.send(Action::Dismissed);
        }
        self.0.on_gone.run(());
    }

    fn send(&self, action: Action) {
        let state = &self.0;
        report(
            &state.api,
            &state.session,
            &state.order,
            &state.prompt,
            action,
        );
    }

    /// A click handler that answers the prompt (a followed link).
    fn on_follow(&self) -> impl Fn(MouseEvent) + Clone + 'static + use<> {
        let card = self.clone();
        move |_| card.answer()
    }

    /// A click handler that closes the card.
    fn on_close(&self) -> impl Fn(MouseEvent) + Clone + 'static + use<> {
        let card = self.clone();
        move |_| card.close()
    }
}

/// The card for one prompt.
#[component]
pub fn PromptCard(
    /// The prompt, its content and what else its card needs.
    prompt: Slot,
    /// Access to the order, for the card's reports and answers.
    session: Session,
    /// Removes the card (closed, or done with).
    on_gone: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let Slot {
        view: PromptView { prompt, content },
        rewards,
        order,
        currency,
    } = prompt;
    let card = Card(Arc::new(CardState {
        api: expect_context::<Api>(),
        session,
        order,
        prompt,
        answered: AtomicBool::new(false),
        on_gone,
    }));
    let text = move |msg: Msg| lang.text(msg).to_owned();

    // The heading and the body.
    let (title, body) = match content {
        PromptContent::ReviewRequest {
            line_item_id,
            title,
            image_url,
            incentive,
            ..
        } => (
            fill(&text(Msg::EngageReviewTitle), &[("product", &title)]),
            view! {
                <ReviewForm
                    card=card.clone()
                    line_item_id=line_item_id
                    image_url=image_url
                    incentive=incentive
                    currency=currency
                />
            }
            .into_any(),
        ),
        PromptContent::ReferralOffer => {
            let RewardsView { referral, loyalty } = rewards.unwrap_or(RewardsView {
                referral: None,
                loyalty: None,
            });
            // `load` shows no referral offer without a card.
            let referral = referral.unwrap_or(ReferralCard {
                code: String::new(),
                share_url: String::new(),
                friend_offer: Incentive::Percent { percent: 0 },
                reward: Incentive::Percent { percent: 0 },
                friends_rewarded: 0,
            });
            let offer = discount(lang, &referral.friend_offer, &currency);
            (
                fill(&text(Msg::EngageReferralTitle), &[("discount", &offer)]),
                view! {
                    <ReferralOffer
                        card=card.clone()
                        referral=referral
                        loyalty=loyalty
                        currency=currency
                    />
                }
                .into_any(),
            )
        }
        PromptContent::Nps { shop_name } => (
            if shop_name.is_empty() {
                text(Msg::EngageNpsQuestion)
            } else {
                fill(&text(Msg::EngageNpsQuestionShop), &[("shop", &shop_name)])
            },
            view! { <NpsForm card=card.clone() /> }.into_any(),
        ),
        PromptContent::Recommendations {
            products,
            discount_code,
        } => (
            text(Msg::EngageRecommendationsTitle),
            view! {
                <Recommendations card=card.clone() products=products discount_code=discount_code />
            }
            .into_any(),
        ),
        PromptContent::UsageTips { tips } => (
            text(Msg::EngageUsageTipsTitle),
            view! { <UsageTips card=card.clone() tips=tips /> }.into_any(),
        ),
        PromptContent::ThankYou {
            first_name,
            message,
        } => (
            match first_name {
                Some(name) => fill(&text(Msg::EngageThankYouDeliveredNamed), &[("name", &name)]),
                None => text(Msg::EngageThankYouDelivered),
            },
            message.map(|words| view! { <p>{words}</p> }).into_any(),
        ),
    };
    view! {
        <section class="ac-card ac-engage" aria-labelledby=TITLE_ID>
            <h3 class="ac-engage-title" id=TITLE_ID>{title}</h3>
            <button
                class="ac-close"
                type="button"
                aria-label=lang.text(Msg::EngageClose)
                title=lang.text(Msg::EngageClose)
                on:click=card.on_close()
            >
                "×"
            </button>
            {body}
        </section>
    }
}

/// "10%", "SEK 50.00" or "50 points": what an incentive is worth.
fn discount(lang: Lang, incentive: &Incentive, currency: &str) -> String {
    match incentive {
        Incentive::Percent { percent } => format::percent(lang, *percent),
        Incentive::Amount { minor } => format::money(lang, *minor, currency),
        Incentive::Points { points } => fill(
            lang.text(Msg::IncentivePoints),
            &[("points", &format::number(lang, *points))],
        ),
    }
}

/// "10% off your next order" or "50 points": what the shopper gets.
fn reward(lang: Lang, incentive: &Incentive, currency: &str) -> String {
    let worth = discount(lang, incentive, currency);
    match incentive {
        Incentive::Points { .. } => worth,
        _ => fill(lang.text(Msg::IncentiveDiscount), &[("discount", &worth)]),
    }
}

/// A control of a form, by its id (forms expose their controls by id).
fn control(form: &JsValue, id: &str) -> JsValue {
    Reflect::get(form, &id.into()).unwrap_or(JsValue::UNDEFINED)
}

/// A text control's value as the shopper typed it, minus control
/// characters other than line breaks (a pasted tab), which the server
/// refuses.
fn typed(form: &JsValue, id: &str) -> String {
    Reflect::get(&control(form, id), &"value".into())
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// Marks `ids[at]` invalid (and focuses it) and the others valid.
fn mark(form: &JsValue, ids: &[&str], at: Option<usize>) {
    for (index, id) in ids.iter().enumerate() {
        if let Some(field) = control(form, id).dyn_ref::<HtmlElement>() {
            let bad = at == Some(index);
            let _ = field.set_attribute("aria-invalid", format::aria_bool(bad));
            if bad {
                ui::focus(field);
            }
        }
    }
}

/// Once the form has been replaced by its answer, focus moves to the
/// answer: the button that had it is gone.
fn focus_answer(form: &JsValue) {
    let card = form
        .dyn_ref::<Element>()
        .and_then(|form| form.closest("section").ok().flatten());
    request_animation_frame(move || {
        let answer = card.and_then(|card| card.query_selector(".ac-thanks").ok().flatten());
        if let Some(answer) = answer {
            ui::focus(&answer);
        }
    });
}

/// Hides a form once it was sent (`done` holds its answer).
fn sent(done: RwSignal<Option<Msg>>) -> impl Fn() -> bool + Send + Sync + 'static {
    move || done.get().is_some()
}

/// The message of `error`, when it is one that `shows` (each of a form's
/// error lines speaks for its own field).
fn says(
    lang: Lang,
    error: RwSignal<Option<Msg>>,
    shows: fn(Msg) -> bool,
) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    move || {
        error
            .get()
            .filter(|msg| shows(*msg))
            .map(|msg| lang.text(msg))
    }
}

/// What a form says once it was sent: the thanks, a note, the coupon. Both
/// forms share it, and with it one reactive view.
#[component]
fn Answer(
    /// The thanks, once the form was sent.
    done: RwSignal<Option<Msg>>,
    /// A note below it ("shown once approved").
    #[prop(optional)]
    note: Option<RwSignal<Option<Msg>>>,
    /// A coupon the answer earned; empty for none.
    #[prop(optional)]
    coupon: Option<RwSignal<String>>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    move || {
        let msg = done.get()?;
        let coupon = coupon
            .map(|coupon| coupon.get_untracked())
            .unwrap_or_default();
        let note = note.and_then(|note| note.get_untracked());
        Some(view! {
            <p class="ac-thanks" role="status" tabindex="-1">{lang.text(msg)}</p>
            {note.map(|note| view! { <p class="ac-muted">{lang.text(note)}</p> })}
            {(!coupon.is_empty())
                .then(|| {
                    view! {
                        <p class="ac-muted">{lang.text(Msg::ReviewCoupon)}</p>
                        <p class="ac-code ac-mono">{coupon}</p>
                    }
                })}
        })
    }
}

/// A rating scale as a radio group: stars ("4 stars", drawn as ★ by the
/// stylesheet) or the numbers 0–10. Picking one clears the form's "choose
/// one" error.
#[component]
fn Scale(
    /// Stars 1–5, or else 0–10.
    stars: bool,
    /// The picked number as text; empty while none is.
    value: RwSignal<String>,
    /// The form's error.
    error: RwSignal<Option<Msg>>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let (name, range) = if stars {
        ("ac-rating", 1..=5_u8)
    } else {
        ("ac-nps", 0..=10_u8)
    };
    let choices = range
        .map(|n| {
            let digits = format::count(usize::from(n));
            let label = match (stars, n) {
                (false, _) => digits.clone(),
                (true, 1) => lang.text(Msg::ReviewStar).to_owned(),
                (true, _) => fill(lang.text(Msg::ReviewStars), &[("n", &digits)]),
            };
            (digits, label)
        })
        .collect();
    let picked = move |_| {
        if matches!(
            error.get_untracked(),
            Some(Msg::ReviewRatingRequired | Msg::NpsScoreRequired)
        ) {
            error.set(None);
        }
    };
    view! {
        <div class="ac-options" on:change=picked>
            <Radios name=name.to_owned() choices=choices value=value />
        </div>
    }
}

/// Send (with its busy state) and "Not now".
#[component]
fn SendRow(
    /// The card, closed by "Not now".
    card: Card,
    /// The form is being sent.
    busy: RwSignal<bool>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <div class="ac-actions">
            <button class="ac-button" type="submit" aria-disabled=move || format::aria_bool(busy.get())>
                <Spinner busy=busy />
                {move || lang.text(if busy.get() { Msg::ReturnSending } else { Msg::EngageSend })}
            </button>
            <button class="ac-button ac-button-quiet" type="button" on:click=card.on_close()>
                {lang.text(Msg::EngageDismiss)}
            </button>
        </div>
    }
}
