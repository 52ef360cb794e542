//! The parts of the flow's steps: an item to pick (or why it cannot be),
//! its reason, a resolution, the amounts, what went wrong, the policy.

use aftercart_shared::UnixTime;
use aftercart_shared::api::shopper::{OrderView, ReturnItemOption, ReturnOptions};
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::returns::reasons::MAX_COMMENT_CHARS;
use aftercart_shared::returns::{Amounts, ItemRefusal, PolicySummary, Resolution, Terms};
use leptos::prelude::*;

use super::draft::Draft;
use super::{resolution_label, title_of};
use crate::api::{ApiError, ReturnFailure};
use crate::format;
use crate::ui::{Alert, Radios};

/// One returnable item: a checkbox, its last day, and how many.
#[component]
pub(super) fn PickItem(
    /// The item.
    item: ReturnItemOption,
    /// What the shopper chose for it.
    draft: Draft,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let id = ["ac-pick-", &item.line_item_id].concat();
    let until = item
        .last_day
        .as_deref()
        .and_then(|day| UnixTime::parse(day).ok())
        .map(|day| {
            fill(
                lang.text(Msg::ReturnUntil),
                &[("date", &format::calendar_date(lang, day))],
            )
        });
    let remaining = item.remaining;
    let count_id = [id.as_str(), "-n"].concat();
    view! {
        <li class="ac-pick">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || { draft.quantity.get() > 0 }
                on:change=move |ev| {
                    draft.quantity.set(u32::from(event_target_checked(&ev)));
                }
            />
            <label for=id>
                <span class="ac-item-title">{item.title}</span>
                {until.map(|until| view! { <span class="ac-muted">{until}</span> })}
            </label>
            {move || {
                (remaining > 1 && draft.quantity.get() > 0)
                    .then(|| {
                        view! {
                            <span class="ac-count">
                                <label for=count_id.clone()>{lang.text(Msg::ReturnHowMany)}</label>
                                <select
                                    id=count_id.clone()
                                    on:change=move |ev| {
                                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                            draft.quantity.set(n.clamp(1, remaining));
                                        }
                                    }
                                >
                                    {(1..=remaining)
                                        .map(|n| {
                                            let value = format::count(n as usize);
                                            let text = value.clone();
                                            let selected = n == draft.quantity.get_untracked();
                                            view! {
                                                <option value=value selected=selected>
                                                    {text}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </span>
                        }
                    })
            }}
        </li>
    }
}

/// An item that cannot go back: shown, disabled, with the reason.
#[component]
pub(super) fn RefusedItem(
    /// The item, with its refusal.
    item: ReturnItemOption,
) -> impl IntoView {
    let id = ["ac-pick-", &item.line_item_id].concat();
    let why_id = [id.as_str(), "-why"].concat();
    let why = item
        .refusal
        .map(|refusal| refusal.reason)
        .unwrap_or_default();
    view! {
        <li class="ac-pick ac-refused">
            <input type="checkbox" id=id.clone() disabled=true aria-describedby=why_id.clone() />
            <label for=id>
                <span class="ac-item-title">{item.title}</span>
                <span class="ac-muted" id=why_id>{why}</span>
            </label>
        </li>
    }
}

/// The reason for one item, with a sub-reason, comment and photo link as
/// the reason asks.
#[component]
pub(super) fn ReasonFields(
    /// The chosen item.
    item: ReturnItemOption,
    /// What the shopper entered for it.
    draft: Draft,
    /// The reasons to choose from.
    options: StoredValue<ReturnOptions>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let base = ["ac-reason-", &item.line_item_id].concat();
    let base_name = base.clone();
    let details = move || {
        let reason_id = draft.reason.get();
        let chosen = options
            .with_value(|options| options.reasons.iter().find(|r| r.id == reason_id).cloned())?;
        let base = base.clone();
        Some(view! {
            {(!chosen.sub_reasons.is_empty())
                .then(|| {
                    view! {
                        <fieldset class="ac-fieldset">
                            <legend>{lang.text(Msg::ReturnSubReasonLegend)}</legend>
                            <Radios
                                name=[base.as_str(), "-sub"].concat()
                                choices=chosen.sub_reasons.clone()
                                value=draft.sub_reason
                            />
                        </fieldset>
                    }
                })}
            {chosen
                .requires_comment
                .then(|| {
                    let id = [base.as_str(), "-comment"].concat();
                    view! {
                        <div class="ac-field">
                            <label for=id.clone()>{lang.text(Msg::ReturnComment)}</label>
                            <textarea
                                id=id
                                rows="3"
                                maxlength=format::count(MAX_COMMENT_CHARS)
                                prop:value=draft.comment.get_untracked()
                                on:input=move |ev| draft.comment.set(event_target_value(&ev))
                            ></textarea>
                        </div>
                    }
                })}
            {chosen
                .requires_photo
                .then(|| {
                    let id = [base.as_str(), "-photo"].concat();
                    view! {
                        <div class="ac-field">
                            <label for=id.clone()>{lang.text(Msg::ReturnPhotoLink)}</label>
                            <input
                                id=id
                                type="url"
                                inputmode="url"
                                spellcheck="false"
                                prop:value=draft.photo.get_untracked()
                                on:input=move |ev| draft.photo.set(event_target_value(&ev))
                            />
                        </div>
                    }
                })}
        })
    };
    let choices: Vec<(String, String)> = options.with_value(|options| {
        options
            .reasons
            .iter()
            .map(|reason| (reason.id.clone(), reason.label.clone()))
            .collect()
    });
    view! {
        <fieldset class="ac-fieldset">
            <legend class="ac-item-title">{item.title}</legend>
            <fieldset class="ac-fieldset ac-plain">
                <legend class="ac-muted">{lang.text(Msg::ReturnReasonLegend)}</legend>
                <Radios name=base_name choices=choices value=draft.reason />
            </fieldset>
            {details}
            <Alert message=move || draft.error.get().map(|msg| reason_error_text(lang, msg)) />
        </fieldset>
    }
}

/// The comment-too-long message names the limit.
fn reason_error_text(lang: Lang, msg: Msg) -> String {
    fill(
        lang.text(msg),
        &[("max", &format::count(MAX_COMMENT_CHARS))],
    )
}

/// One resolution: its name, what it means, its bonus and fee.
#[component]
pub(super) fn ResolutionChoice(
    /// The resolution on offer.
    option: Resolution,
    /// Its fee and bonus.
    terms: Terms,
    /// The order's currency, for the fee.
    currency: String,
    /// The shopper's choice.
    chosen: RwSignal<Option<Resolution>>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let what = match option {
        Resolution::Refund => lang.text(Msg::ReturnExplainRefund).to_owned(),
        Resolution::StoreCredit if terms.bonus_percent > 0 => fill(
            lang.text(Msg::ReturnExplainCreditBonus),
            &[("percent", &format::count(usize::from(terms.bonus_percent)))],
        ),
        Resolution::StoreCredit => lang.text(Msg::ReturnExplainCredit).to_owned(),
        Resolution::Exchange => lang.text(Msg::ReturnExplainExchange).to_owned(),
    };
    let fee = if terms.fee_minor > 0 {
        fill(
            lang.text(Msg::ReturnExplainFee),
            &[("amount", &format::money(lang, terms.fee_minor, &currency))],
        )
    } else {
        lang.text(Msg::ReturnExplainNoFee).to_owned()
    };
    view! {
        <label class="ac-choice">
            <input
                type="radio"
                name="ac-resolution"
                prop:checked=move || chosen.get() == Some(option)
                on:change=move |_| chosen.set(Some(option))
            />
            <span>
                <span class="ac-item-title">{lang.text(resolution_label(option))}</span>
                <span class="ac-muted">{what} " " {fee}</span>
            </span>
        </label>
    }
}

/// What the shopper wants instead of an item, for an exchange.
#[component]
pub(super) fn ExchangeField(
    /// The item to exchange.
    item: ReturnItemOption,
    /// What the shopper entered for it.
    draft: Draft,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let id = ["ac-exchange-", &item.line_item_id].concat();
    view! {
        <div class="ac-field">
            <label for=id.clone()>{fill(lang.text(Msg::ReturnExchangeFor), &[("item", &item.title)])}</label>
            <input
                id=id
                type="text"
                prop:value=draft.exchange_for.get_untracked()
                on:input=move |ev| draft.exchange_for.set(event_target_value(&ev))
            />
            <Alert message=move || draft.error.get().map(|msg| lang.text(msg)) />
        </div>
    }
}

/// Value, bonus, fee and total.
#[component]
pub(super) fn AmountRows(
    /// The amounts, settled for the chosen resolution.
    amounts: Amounts,
    /// The order's currency.
    currency: String,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let row = |msg: Msg, minor: i64, class: &'static str| {
        view! {
            <div class=class>
                <dt>{lang.text(msg)}</dt>
                <dd>{format::money(lang, minor, &currency)}</dd>
            </div>
        }
    };
    view! {
        <dl class="ac-amounts">
            {row(Msg::ReturnItemsValue, amounts.items_minor, "")}
            {(amounts.bonus_minor > 0).then(|| row(Msg::ReturnBonus, amounts.bonus_minor, ""))}
            {(amounts.fee_minor > 0).then(|| row(Msg::ReturnFee, -amounts.fee_minor, ""))}
            {row(Msg::Total, amounts.total_minor, "ac-total")}
        </dl>
    }
}

/// Why the return was not created: each refused item's reason, or what
/// went wrong on the way.
#[component]
pub(super) fn FailureText(
    /// What went wrong.
    failure: ReturnFailure,
    /// The order, for the refused items' titles.
    order: StoredValue<OrderView>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    match failure {
        ReturnFailure::Refused(refusals) => view! {
            <p>{lang.text(Msg::ReturnRefusedIntro)}</p>
            <ul class="ac-list">
                {refusals
                    .into_iter()
                    .map(|ItemRefusal { line_item_id, reason, .. }| {
                        let title = line_item_id
                            .map(|id| order.with_value(|order| title_of(order, &id).to_owned()))
                            .filter(|title| !title.is_empty());
                        let text = match title {
                            Some(title) => [title.as_str(), ": ", &reason].concat(),
                            None => reason,
                        };
                        view! { <li>{text}</li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        ReturnFailure::Failed(error) => {
            // Only these say something the shopper can act on; for the rest
            // (a lost answer, a server error) trying again is the advice.
            let msg = match error {
                ApiError::SessionExpired | ApiError::RateLimited => error.message(),
                _ => Msg::NetworkError,
            };
            view! { <p>{lang.text(msg)}</p> }.into_any()
        }
    }
}

/// The policy in three parts, folded away until asked for.
#[component]
pub(super) fn PolicyDetails(
    /// The policy in the shopper's language.
    policy: PolicySummary,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let part = |title: Msg, lines: Vec<String>| {
        (!lines.is_empty()).then(|| {
            view! {
                <h4 class="ac-subtitle">{lang.text(title)}</h4>
                <ul class="ac-policy-list">
                    {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <details class="ac-policy">
            <summary>{lang.text(Msg::ReturnPolicy)}</summary>
            {part(Msg::ReturnPolicyWhat, policy.what_and_until)}
            {part(Msg::ReturnPolicyHow, policy.how)}
            {part(Msg::ReturnPolicyRules, policy.rules)}
        </details>
    }
}
