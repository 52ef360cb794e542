//! The review request: stars, a title, the text and a photo link.

use aftercart_shared::api::engage::ReviewSubmission;
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::referral::Incentive;
use aftercart_shared::returns::reasons::is_https_link;
use aftercart_shared::reviews::ModerationStatus;
use aftercart_shared::reviews::{BODY_MAX_CHARS, TITLE_MAX_CHARS};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{Answer, Card, Scale, SendRow, focus_answer, mark, reward, says, sent, typed};
use crate::api::ApiError;
use crate::format;
use crate::ui::Alert;

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
#[component]
pub(super) fn ReviewForm(
    /// The prompt's card.
    card: Card,
    /// The order line being reviewed.
    line_item_id: String,
    /// The product's picture.
    image_url: Option<String>,
    /// What any review earns, shown before the shopper rates.
    incentive: Option<Incentive>,
    /// The order's currency, for an amount off.
    currency: String,
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
        let worth = reward(lang, &incentive, &currency);
        view! { <p class="ac-notice">{fill(lang.text(Msg::ReviewIncentive), &[("reward", &worth)])}</p> }
    });
    let image = image_url.map(|src| {
        view! { <img class="ac-thumb" src=src alt="" width="56" height="56" loading="lazy" decoding="async" /> }
    });
    let form = {
        view! {
            <form class="ac-engage-form" novalidate on:submit=submit class:ac-hidden=sent(done)>
                <fieldset class="ac-fieldset ac-plain ac-scale ac-stars" role="radiogroup">
                    <legend class="ac-label">{lang.text(Msg::ReviewRatingLegend)}</legend>
                    <Scale stars=true value=rating error=error />
                </fieldset>
                <Alert message=says(lang, error, |msg| msg == Msg::ReviewRatingRequired) />
                <div class="ac-field">
                    <label for="ac-review-title">{lang.text(Msg::ReviewTitleLabel)}</label>
                    <input id="ac-review-title" type="text" maxlength=format::count(TITLE_MAX_CHARS) />
                </div>
                <Alert message=says(lang, error, |msg| msg == Msg::ReviewTitleRequired) />
                <div class="ac-field">
                    <label for="ac-review-body">{lang.text(Msg::ReviewBodyLabel)}</label>
                    <textarea id="ac-review-body" rows="4" maxlength=format::count(BODY_MAX_CHARS)></textarea>
                </div>
                <Alert message=says(lang, error, |msg| msg == Msg::ReviewBodyRequired) />
                <div class="ac-field">
                    <label for="ac-review-photo">{lang.text(Msg::ReviewPhotoLabel)}</label>
                    <input id="ac-review-photo" type="url" inputmode="url" spellcheck="false" />
                </div>
                <Alert message=says(lang, error, |msg| msg == Msg::ReturnPhotoInvalid) />
                // What went wrong on the way (the network, the session).
                <Alert message=says(
                    lang,
                    error,
                    |msg| {
                        !matches!(
                            msg,
                            Msg::ReviewRatingRequired | Msg::ReviewTitleRequired | Msg::ReviewBodyRequired | Msg::ReturnPhotoInvalid
                        )
                    },
                ) />
                <SendRow card=card busy=busy />
            </form>
        }
    };
    view! {
        {image}
        {incentive}
        {form}
        <Answer done=done note=note coupon=coupon />
    }
}
