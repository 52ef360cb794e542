//! The engagement slot on the order page: at most one prompt, chosen by the
//! server's scheduler (`aftercart_shared::engage`) — a review request, the
//! referral offer, NPS, recommendations, usage tips or a thank-you.
//!
//! The widget decides nothing about timing. It shows what it is given,
//! reports `shown` once it rendered it, `dismissed` when the shopper closes
//! it unanswered, and `answered` for a followed link or a copied referral
//! link (reviews and NPS answers are recorded by their own routes).
//!
//! Written for size like the rest of the widget: the signal types are the
//! ones the other screens already use (a radio group's value is a
//! `RwSignal<String>`, a message a `RwSignal<Option<Msg>>`), form fields are
//! read from the form on submit instead of through node refs, and a card's
//! shared state is one `Arc` rather than reactive storage.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use aftercart_shared::OrderId;
use aftercart_shared::api::{
    LoyaltyView, ModerationStatus, NpsSubmission, PromptContent, PromptView, RecommendedProduct,
    ReferralCard, ReviewSubmission, RewardsView, UsageTip,
};
use aftercart_shared::engage::{Action, Prompt};
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::referral::Incentive;
use aftercart_shared::returns::reasons::is_https_link;
use aftercart_shared::reviews::{BODY_MAX_CHARS, NPS_COMMENT_MAX_CHARS, TITLE_MAX_CHARS};
use js_sys::{Object, Promise, Reflect};
use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};

use crate::api::{Api, ApiError, Session};
use crate::format;
use crate::returns::radios;

#[wasm_bindgen]
extern "C" {
    /// `navigator.clipboard.writeText`; throws where there is no clipboard
    /// (an insecure page, an old browser).
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn write_text(text: &str) -> Result<Promise, JsValue>;

    /// `navigator.share`, where it exists (see [`referral_offer`]).
    #[wasm_bindgen(js_namespace = navigator, js_name = share, catch)]
    fn share(data: &Object) -> Result<Promise, JsValue>;
}

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
    fn on_follow(&self) -> impl Fn(MouseEvent) + Clone + 'static {
        let card = self.clone();
        move |_| card.answer()
    }

    /// A click handler that closes the card.
    fn on_close(&self) -> impl Fn(MouseEvent) + Clone + 'static {
        let card = self.clone();
        move |_| card.close()
    }
}

/// The card for one prompt; `on_gone` removes the card.
pub fn prompt_card(slot: Slot, session: Session, on_gone: Callback<()>) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let Slot {
        view: PromptView { prompt, content },
        rewards,
        order,
        currency,
    } = slot;
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
            review_form(&card, line_item_id, image_url, incentive, &currency).into_any(),
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
                referral_offer(&card, referral, loyalty, &currency).into_any(),
            )
        }
        PromptContent::Nps { shop_name } => (
            if shop_name.is_empty() {
                text(Msg::EngageNpsQuestion)
            } else {
                fill(&text(Msg::EngageNpsQuestionShop), &[("shop", &shop_name)])
            },
            nps_form(&card).into_any(),
        ),
        PromptContent::Recommendations {
            products,
            discount_code,
        } => (
            text(Msg::EngageRecommendationsTitle),
            recommendations(&card, products, discount_code).into_any(),
        ),
        PromptContent::UsageTips { tips } => (
            text(Msg::EngageUsageTipsTitle),
            usage_tips(&card, tips).into_any(),
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
                let _ = field.focus();
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
        if let Some(answer) = answer.and_then(|a| a.dyn_into::<HtmlElement>().ok()) {
            let _ = answer.focus();
        }
    });
}

/// Hides a form once it was sent (`done` holds its answer).
fn sent(done: RwSignal<Option<Msg>>) -> impl Fn() -> bool + Send + Sync + 'static {
    move || done.get().is_some()
}

/// What a form says once it was sent (`done`): the thanks, a note, the
/// coupon. Both forms share it, and with it one reactive view.
fn answer_view(
    done: RwSignal<Option<Msg>>,
    note: RwSignal<Option<Msg>>,
    coupon: RwSignal<String>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    move || {
        let msg = done.get()?;
        let coupon = coupon.get_untracked();
        Some(view! {
            <p class="ac-thanks" role="status" tabindex="-1">{lang.text(msg)}</p>
            {note.get_untracked().map(|note| view! { <p class="ac-muted">{lang.text(note)}</p> })}
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

/// A radio group: stars ("4 stars", drawn as ★ by the stylesheet) or the
/// numbers 0–10. The radio group is the browser's own, arrow keys and all.
/// Picking one clears the form's "choose one" error.
fn scale(stars: bool, value: RwSignal<String>, error: RwSignal<Option<Msg>>) -> impl IntoView {
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
    view! { <div class="ac-options" on:change=picked>{radios(name, choices, value)}</div> }
}

/// An error line that speaks up when it fills: `error` when `shows` it.
fn error_line(error: RwSignal<Option<Msg>>, shows: fn(Msg) -> bool) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <p class="ac-status ac-status-error" role="alert">
            {move || error.get().filter(|msg| shows(*msg)).map(|msg| lang.text(msg))}
        </p>
    }
}

/// Send (with its busy state) and "Not now".
fn send_row(card: &Card, busy: RwSignal<bool>) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <div class="ac-actions">
            <button class="ac-button" type="submit" aria-disabled=move || format::aria_bool(busy.get())>
                <span class="ac-spinner" aria-hidden="true" class:ac-hidden=move || !busy.get()></span>
                {move || lang.text(if busy.get() { Msg::ReturnSending } else { Msg::EngageSend })}
            </button>
            <button class="ac-button ac-button-quiet" type="button" on:click=card.on_close()>
                {lang.text(Msg::EngageDismiss)}
            </button>
        </div>
    }
}

/// The review form's fields, by id, in the order they are checked.
const REVIEW_FIELDS: [&str; 3] = ["ac-review-title", "ac-review-body", "ac-review-photo"];

/// The first thing wrong with a review, if any: which field and why.
///
/// The server checks with `aftercart_shared::reviews::ValidReview`; this
/// mirrors the checks a shopper can fail here (the inputs cap the lengths,
/// and `typed` drops control characters) without its text normalizing.
fn check(review: &ReviewSubmission) -> Option<(Option<usize>, Msg)> {
    if !(1..=5).contains(&review.rating) {
        return Some((None, Msg::ReviewRatingRequired));
    }
    if review.title.trim().is_empty() {
        return Some((Some(0), Msg::ReviewTitleRequired));
    }
    if review.body.trim().is_empty() {
        return Some((Some(1), Msg::ReviewBodyRequired));
    }
    match &review.photo_url {
        Some(url) if !is_https_link(url) => Some((Some(2), Msg::ReturnPhotoInvalid)),
        _ => None,
    }
}

/// Rate the product: stars, a title, the text and a photo link, with the
/// coupon shown up front (the same for every rating).
fn review_form(
    card: &Card,
    line_item_id: String,
    image_url: Option<String>,
    incentive: Option<Incentive>,
    currency: &str,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let rating = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Msg>);
    // Once sent: the thanks (or "already reviewed"), a note, the coupon.
    let done = RwSignal::new(None::<Msg>);
    let note = RwSignal::new(None::<Msg>);
    let coupon = RwSignal::new(String::new());

    let submit = {
        let card = card.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let form = JsValue::from(event.target());
            let photo = typed(&form, REVIEW_FIELDS[2]);
            let review = ReviewSubmission {
                line_item_id: line_item_id.clone(),
                rating: rating.get_untracked().parse().unwrap_or(0),
                title: typed(&form, REVIEW_FIELDS[0]),
                body: typed(&form, REVIEW_FIELDS[1]),
                photo_url: Some(photo.trim().to_owned()).filter(|url| !url.is_empty()),
            };
            let problem = check(&review);
            mark(&form, &REVIEW_FIELDS, problem.and_then(|(at, _)| at));
            error.set(problem.map(|(_, msg)| msg));
            if problem.is_some() {
                return;
            }
            busy.set(true);
            let card = card.clone();
            leptos::task::spawn_local(async move {
                let state = &card.0;
                let result = state
                    .api
                    .review(&state.session, &state.order, &review)
                    .await;
                let _ = busy.try_set(false);
                let thanks = match result {
                    Ok(receipt) => {
                        let _ = note.try_set(
                            (receipt.status == ModerationStatus::Pending)
                                .then_some(Msg::ReviewPending),
                        );
                        let _ = coupon.try_set(receipt.coupon.unwrap_or_default());
                        Msg::ReviewThanks
                    }
                    Err(ApiError::AlreadyAnswered) => Msg::ReviewAlready,
                    Err(failed) => {
                        let _ = error.try_set(Some(failed.message()));
                        return;
                    }
                };
                card.answered_elsewhere();
                let _ = done.try_set(Some(thanks));
                focus_answer(&form);
            });
        }
    };

    let incentive = incentive.map(|incentive| {
        let worth = reward(lang, &incentive, currency);
        view! { <p class="ac-notice">{fill(lang.text(Msg::ReviewIncentive), &[("reward", &worth)])}</p> }
    });
    let image = image_url.map(|src| {
        view! { <img class="ac-thumb" src=src alt="" width="56" height="56" loading="lazy" decoding="async" /> }
    });
    let card = card.clone();
    let form = {
        view! {
            <form class="ac-engage-form" novalidate on:submit=submit class:ac-hidden=sent(done)>
                <fieldset class="ac-fieldset ac-plain ac-scale ac-stars" role="radiogroup">
                    <legend class="ac-label">{lang.text(Msg::ReviewRatingLegend)}</legend>
                    {scale(true, rating, error)}
                </fieldset>
                {error_line(error, |msg| msg == Msg::ReviewRatingRequired)}
                <div class="ac-field">
                    <label for="ac-review-title">{lang.text(Msg::ReviewTitleLabel)}</label>
                    <input id="ac-review-title" type="text" maxlength=format::count(TITLE_MAX_CHARS) />
                </div>
                {error_line(error, |msg| msg == Msg::ReviewTitleRequired)}
                <div class="ac-field">
                    <label for="ac-review-body">{lang.text(Msg::ReviewBodyLabel)}</label>
                    <textarea id="ac-review-body" rows="4" maxlength=format::count(BODY_MAX_CHARS)></textarea>
                </div>
                {error_line(error, |msg| msg == Msg::ReviewBodyRequired)}
                <div class="ac-field">
                    <label for="ac-review-photo">{lang.text(Msg::ReviewPhotoLabel)}</label>
                    <input id="ac-review-photo" type="url" inputmode="url" spellcheck="false" />
                </div>
                {error_line(error, |msg| msg == Msg::ReturnPhotoInvalid)}
                // What went wrong on the way (the network, the session).
                {error_line(error, |msg| {
                    !matches!(
                        msg,
                        Msg::ReviewRatingRequired | Msg::ReviewTitleRequired | Msg::ReviewBodyRequired | Msg::ReturnPhotoInvalid
                    )
                })}
                {send_row(&card, busy)}
            </form>
        }
    };
    view! {
        {image}
        {incentive}
        {form}
        {answer_view(done, note, coupon)}
    }
}

/// 0–10 and an optional comment.
fn nps_form(card: &Card) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let score = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Msg>);
    let done = RwSignal::new(None::<Msg>);

    let submit = {
        let card = card.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let Ok(picked) = score.get_untracked().parse() else {
                error.set(Some(Msg::NpsScoreRequired));
                return;
            };
            let form = JsValue::from(event.target());
            let comment = typed(&form, "ac-nps-comment");
            let answer = NpsSubmission {
                score: picked,
                comment: Some(comment).filter(|c| !c.trim().is_empty()),
            };
            error.set(None);
            busy.set(true);
            let card = card.clone();
            leptos::task::spawn_local(async move {
                let state = &card.0;
                let result = state.api.nps(&state.session, &state.order, &answer).await;
                let _ = busy.try_set(false);
                match result {
                    // Answered before (another tab): thanks all the same.
                    Ok(()) | Err(ApiError::AlreadyAnswered) => {
                        card.answered_elsewhere();
                        let _ = done.try_set(Some(Msg::EngageThanksForAnswer));
                        focus_answer(&form);
                    }
                    Err(failed) => {
                        let _ = error.try_set(Some(failed.message()));
                    }
                }
            });
        }
    };
    view! {
        <form class="ac-engage-form" novalidate on:submit=submit class:ac-hidden=sent(done)>
            <fieldset
                class="ac-fieldset ac-plain ac-scale ac-nps"
                role="radiogroup"
                aria-labelledby=TITLE_ID
                aria-describedby="ac-nps-ends"
            >
                {scale(false, score, error)}
                <p class="ac-ends ac-muted" id="ac-nps-ends">
                    <span>{lang.text(Msg::EngageNpsLow)}</span>
                    <span class="ac-sr">" – "</span>
                    <span>{lang.text(Msg::EngageNpsHigh)}</span>
                </p>
            </fieldset>
            <div class="ac-field">
                <label for="ac-nps-comment">{lang.text(Msg::NpsComment)}</label>
                <textarea id="ac-nps-comment" rows="3" maxlength=format::count(NPS_COMMENT_MAX_CHARS)></textarea>
            </div>
            {error_line(error, |_| true)}
            {send_row(card, busy)}
        </form>
        {answer_view(done, RwSignal::new(None), RwSignal::new(String::new()))}
    }
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
fn referral_offer(
    card: &Card,
    referral: ReferralCard,
    loyalty: Option<LoyaltyView>,
    currency: &str,
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
        &[("reward", &reward(lang, &referral.reward, currency))],
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
        {loyalty.map(|loyalty| loyalty_view(lang, loyalty))}
    }
}

/// Points, tier and the way to the next tier.
fn loyalty_view(lang: Lang, loyalty: LoyaltyView) -> impl IntoView {
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

/// A row of products that scrolls sideways, snapping to each.
fn recommendations(
    card: &Card,
    products: Vec<RecommendedProduct>,
    discount_code: Option<String>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <ul class="ac-carousel">
            {products
                .into_iter()
                .map(|product| {
                    let price = format::money(lang, product.price_minor, &product.currency);
                    let image = product.image_url.map(|src| {
                        view! { <img src=src alt="" width="144" height="144" loading="lazy" decoding="async" /> }
                    });
                    view! {
                        <li>
                            <a class="ac-product" href=product.url target="_blank" rel="noopener noreferrer" on:click=card.on_follow()>
                                <span class="ac-product-image">{image}</span>
                                <span class="ac-item-title">{product.title}</span>
                                <span class="ac-muted">{price}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {discount_code
            .map(|code| {
                view! { <p class="ac-notice">{fill(lang.text(Msg::RecommendationsCode), &[("code", &code)])}</p> }
            })}
    }
}

/// A few tips on using what was bought.
fn usage_tips(card: &Card, tips: Vec<UsageTip>) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <ul class="ac-list">
            {tips
                .into_iter()
                .map(|tip| {
                    let more = tip.url.map(|url| {
                        let name = [lang.text(Msg::TipReadMore), ": ", &tip.title].concat();
                        view! {
                            <a class="ac-link" href=url target="_blank" rel="noopener noreferrer" aria-label=name on:click=card.on_follow()>
                                {lang.text(Msg::TipReadMore)}
                            </a>
                        }
                    });
                    view! {
                        <li>
                            <span class="ac-item-title">{tip.title}</span>
                            <span>{tip.body}</span>
                            {more}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
