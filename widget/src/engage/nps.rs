//! The NPS question: 0–10 and an optional comment, once per order.

use aftercart_shared::api::engage::NpsSubmission;
use aftercart_shared::i18n::{Lang, Msg};
use aftercart_shared::reviews::NPS_COMMENT_MAX_CHARS;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{Answer, Card, Scale, SendRow, TITLE_ID, focus_answer, says, sent, typed};
use crate::api::ApiError;
use crate::format;
use crate::ui::Alert;

/// 0–10 and an optional comment.
#[component]
pub(super) fn NpsForm(
    /// The prompt's card.
    card: Card,
) -> impl IntoView {
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
                <Scale stars=false value=score error=error />
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
            <Alert message=says(lang, error, |_| true) />
            <SendRow card=card busy=busy />
        </form>
        <Answer done=done />
    }
}
