//! Returns: the card on the order page (returns on file, "Start a return"
//! or why nothing can go back), the flow (items → reasons → resolution →
//! summary → done) and the printable return slip.
//!
//! Every rule comes from `aftercart_shared` (eligibility arrives decided in
//! `ReturnOptions`; reasons, resolutions and amounts are checked and
//! computed there); the server checks the request again and has the last
//! word. The draft lives in signals above the step views, so Back keeps
//! everything the shopper entered.

use aftercart_shared::api::{OrderView, ReturnItemOption, ReturnOptions, ReturnView};
use aftercart_shared::barcode::Code128;
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::returns::reasons::MAX_COMMENT_CHARS;
use aftercart_shared::returns::{
    Amounts, ChosenReason, ItemRefusal, PolicySummary, RequestedItem, Resolution, ReturnRequest,
    Terms, common_resolutions, line_amount,
};
use aftercart_shared::{OrderId, UnixTime};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{Api, ApiError, ReturnFailure, Session};
use crate::format;

/// The steps before confirmation, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Items,
    Reasons,
    Resolution,
    Summary,
}

/// What the shopper entered for one returnable item. Signals per field, so
/// typing in one field re-renders nothing else.
#[derive(Debug, Clone, Copy)]
struct Draft {
    /// 0 when the item is not chosen.
    quantity: RwSignal<u32>,
    reason: RwSignal<String>,
    sub_reason: RwSignal<String>,
    comment: RwSignal<String>,
    photo: RwSignal<String>,
    /// The size or colour wanted instead, for an exchange.
    exchange_for: RwSignal<String>,
    /// Why this item cannot go on yet.
    error: RwSignal<Option<Msg>>,
}

impl Draft {
    fn new() -> Self {
        Self {
            quantity: RwSignal::new(0),
            reason: RwSignal::new(String::new()),
            sub_reason: RwSignal::new(String::new()),
            comment: RwSignal::new(String::new()),
            photo: RwSignal::new(String::new()),
            exchange_for: RwSignal::new(String::new()),
            error: RwSignal::new(None),
        }
    }

    fn chosen(&self) -> bool {
        self.quantity.get_untracked() > 0
    }

    fn reason(&self) -> ChosenReason {
        let text = |signal: RwSignal<String>| {
            let value = signal.get_untracked();
            (!value.trim().is_empty()).then_some(value)
        };
        ChosenReason {
            reason_id: self.reason.get_untracked(),
            sub_reason_id: text(self.sub_reason),
            comment: text(self.comment),
            photo_url: text(self.photo),
        }
    }
}

/// An item that can go back now.
fn is_returnable(item: &ReturnItemOption) -> bool {
    item.refusal.is_none() && item.remaining > 0
}

/// The item's title, by line item id.
fn title_of<'a>(order: &'a OrderView, line_item_id: &str) -> &'a str {
    order
        .line_items
        .iter()
        .find(|item| item.id == line_item_id)
        .map_or("", |item| item.title.as_str())
}

/// Moves focus to `heading` whenever a new one renders: each step's title,
/// so keyboard and screen-reader users start reading the new step.
fn focus_each(heading: NodeRef<html::H3>) {
    Effect::new(move || {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
}

/// Returns on the order page: the returns on file with their status and
/// slip, and "Start a return" — or, when nothing can go back, why not.
pub fn returns_card(
    // What the server says about this order's returns.
    options: ReturnOptions,
    // Open the flow.
    on_start: Callback<()>,
    // Show a return's slip.
    on_slip: Callback<ReturnView>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let can_start = options.items.iter().any(is_returnable);
    view! {
        <section class="ac-card" aria-labelledby="ac-returns-title">
            <h3 class="ac-subtitle" id="ac-returns-title">{lang.text(Msg::ReturnsTitle)}</h3>
            {(!options.returns.is_empty())
                .then(|| {
                    view! {
                        <ul class="ac-list">
                            {options
                                .returns
                                .into_iter()
                                .map(|on_file| {
                                    let heading = fill(lang.text(Msg::ReturnHeading), &[("rma", &on_file.rma)]);
                                    let name = [lang.text(Msg::ReturnSlip), ", ", &on_file.rma].concat();
                                    let status = on_file.status.label(lang);
                                    view! {
                                        <li class="ac-row">
                                            <span class="ac-item-title">{heading}</span>
                                            <span class="ac-return-status">{status}</span>
                                            <button
                                                class="ac-button ac-button-quiet"
                                                type="button"
                                                aria-label=name
                                                on:click=move |_| on_slip.run(on_file.clone())
                                            >
                                                {lang.text(Msg::ReturnSlip)}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {if can_start {
                view! {
                    <button class="ac-button" type="button" on:click=move |_| on_start.run(())>
                        {lang.text(Msg::StartReturn)}
                    </button>
                }
                    .into_any()
            } else {
                view! {
                    <p class="ac-muted">{lang.text(Msg::ReturnNothingReturnable)}</p>
                    <ul class="ac-list">
                        {options
                            .items
                            .into_iter()
                            .filter_map(|item| {
                                let why = item.refusal?.reason;
                                Some(view! {
                                    <li>
                                        <span class="ac-item-title">{item.title}</span>
                                        <span class="ac-muted">{why}</span>
                                    </li>
                                })
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The return flow, from choosing items to the RMA number.
pub fn return_flow(
    // The order being returned from.
    order: OrderView,
    // Its return options.
    options: ReturnOptions,
    // Access to the order.
    session: Session,
    // A return was created: reload what is on file.
    on_created: Callback<()>,
    // Show a return's slip.
    on_slip: Callback<ReturnView>,
    // Back to the order.
    on_close: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let api = expect_context::<Api>();
    let items: Vec<(ReturnItemOption, Draft)> = options
        .items
        .iter()
        .filter(|item| is_returnable(item))
        .map(|item| (item.clone(), Draft::new()))
        .collect();
    // A single returnable unit is what the shopper came for: pre-chosen.
    if let [(item, draft)] = items.as_slice()
        && item.remaining == 1
    {
        draft.quantity.set(1);
    }
    let order = StoredValue::new(order);
    let options = StoredValue::new(options);
    let items = StoredValue::new(items);
    let step = RwSignal::new(Step::Items);
    let resolution = RwSignal::new(None::<Resolution>);
    let notice = RwSignal::new(None::<Msg>);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ReturnFailure>);
    let created = RwSignal::new(None::<ReturnView>);
    // The request last sent and its key: the same request again (a retry,
    // a double click) reuses the key, so the server makes one return.
    let attempt = StoredValue::new(None::<(ReturnRequest, String)>);
    let heading = NodeRef::<html::H3>::new();
    focus_each(heading);

    let chosen = move || -> Vec<(ReturnItemOption, Draft)> {
        items.with_value(|items| {
            items
                .iter()
                .filter(|(_, draft)| draft.chosen())
                .cloned()
                .collect()
        })
    };
    let allowed = move || {
        let chosen = chosen();
        let common = common_resolutions(chosen.iter().map(|(item, _)| item.resolutions.as_slice()));
        options.with_value(|options| {
            options
                .offers
                .iter()
                .filter(|offer| common.contains(&offer.resolution))
                .map(|offer| (offer.resolution, offer.terms))
                .collect::<Vec<_>>()
        })
    };
    let go = move |next: Step| {
        notice.set(None);
        failure.set(None);
        step.set(next);
    };

    // Each step checks what it asked for before moving on.
    let from_items = move || {
        if chosen().is_empty() {
            notice.set(Some(Msg::ReturnNothingSelected));
            return;
        }
        go(Step::Reasons);
    };
    let from_reasons = move || {
        let mut ok = true;
        for (_, draft) in chosen() {
            let verdict = options.with_value(|options| {
                let reason_id = draft.reason.get_untracked();
                match options.reasons.iter().find(|r| r.id == reason_id) {
                    Some(reason) => reason.check(&draft.reason()).err().map(|e| e.message()),
                    None => Some(Msg::ReturnReasonUnknown),
                }
            });
            ok &= verdict.is_none();
            draft.error.set(verdict);
        }
        if ok {
            // Keep a choice only while every chosen item still allows it.
            let offered = allowed();
            if resolution
                .get_untracked()
                .is_some_and(|r| !offered.iter().any(|(o, _)| *o == r))
            {
                resolution.set(None);
            }
            if let [(only, _)] = offered.as_slice() {
                resolution.set(Some(*only));
            }
            go(Step::Resolution);
        }
    };
    let from_resolution = move || {
        let Some(chosen_resolution) = resolution.get_untracked() else {
            notice.set(Some(Msg::ReturnResolutionNotOffered));
            return;
        };
        if chosen_resolution == Resolution::Exchange {
            let mut ok = true;
            for (_, draft) in chosen() {
                let missing = draft.exchange_for.get_untracked().trim().is_empty();
                draft
                    .error
                    .set(missing.then_some(Msg::ReturnExchangeVariantRequired));
                ok &= !missing;
            }
            if !ok {
                return;
            }
        }
        go(Step::Summary);
    };

    let request = move || -> Option<ReturnRequest> {
        let resolution = resolution.get_untracked()?;
        let items = chosen()
            .into_iter()
            .map(|(item, draft)| RequestedItem {
                line_item_id: item.line_item_id,
                quantity: draft.quantity.get_untracked(),
                reason: draft.reason(),
                exchange_variant_id: (resolution == Resolution::Exchange)
                    .then(|| draft.exchange_for.get_untracked().trim().to_owned()),
            })
            .collect();
        Some(ReturnRequest {
            items,
            resolution,
            lang,
        })
    };
    let confirm = Callback::new(move |()| {
        if busy.get_untracked() {
            return;
        }
        let Some(request) = request() else {
            return;
        };
        let key = attempt.with_value(|last| match last {
            Some((sent, key)) if *sent == request => key.clone(),
            _ => idempotency_key(),
        });
        attempt.set_value(Some((request.clone(), key.clone())));
        busy.set(true);
        failure.set(None);
        let api = api.clone();
        let session = session.clone();
        let order_id: OrderId = order.with_value(|order| order.id.clone());
        leptos::task::spawn_local(async move {
            let result = api.create_return(&session, &order_id, &key, &request).await;
            let _ = busy.try_set(false);
            match result {
                Ok(view) => {
                    let _ = created.try_set(Some(view));
                    on_created.run(());
                }
                Err(error) => {
                    let _ = failure.try_set(Some(error));
                }
            }
        });
    });

    let currency = order.with_value(|order| order.currency.clone());
    let title_line = move |text: Msg| {
        view! { <h3 class="ac-title ac-step-title" tabindex="-1" node_ref=heading>{lang.text(text)}</h3> }
    };
    let notice_line = move || {
        view! {
            <p class="ac-status ac-status-error" role="alert">
                {move || notice.get().map(|msg| lang.text(msg))}
            </p>
        }
    };
    let nav = move |back: Callback<()>, next: Callback<()>, next_label: Msg| {
        view! {
            <div class="ac-actions">
                <button class="ac-button" type="button" on:click=move |_| next.run(())>
                    {lang.text(next_label)}
                </button>
                <button class="ac-button ac-button-quiet" type="button" on:click=move |_| back.run(())>
                    {lang.text(Msg::Back)}
                </button>
            </div>
        }
    };

    let step_view = move || {
        if let Some(done) = created.get() {
            let slip = done.clone();
            return view! {
                <h3 class="ac-title ac-step-title" tabindex="-1" node_ref=heading>
                    {lang.text(Msg::ReturnDone)}
                </h3>
                <p class="ac-muted">{lang.text(Msg::ReturnNumber)}</p>
                <p class="ac-rma ac-mono">{done.rma}</p>
                <p>{lang.text(Msg::ReturnNextSteps)}</p>
                <div class="ac-actions">
                    <button class="ac-button" type="button" on:click=move |_| on_slip.run(slip.clone())>
                        {lang.text(Msg::ReturnSlip)}
                    </button>
                    <button class="ac-button ac-button-quiet" type="button" on:click=move |_| on_close.run(())>
                        {lang.text(Msg::BackToOrder)}
                    </button>
                </div>
            }
            .into_any();
        }
        match step.get() {
            Step::Items => view! {
                {title_line(Msg::ReturnStepItems)}
                <ul class="ac-list">
                    {items.with_value(|items| {
                        items.iter().map(|(item, draft)| pick_item(item.clone(), *draft)).collect_view()
                    })}
                    {options.with_value(|options| {
                        options
                            .items
                            .iter()
                            .filter(|item| !is_returnable(item))
                            .map(|item| refused_item(item.clone()))
                            .collect_view()
                    })}
                </ul>
                {notice_line()}
                {nav(on_close, Callback::new(move |()| from_items()), Msg::Continue)}
            }
            .into_any(),
            Step::Reasons => view! {
                {title_line(Msg::ReturnStepReasons)}
                {chosen()
                    .into_iter()
                    .map(|(item, draft)| reason_fields(item, draft, options))
                    .collect_view()}
                {nav(Callback::new(move |()| go(Step::Items)), Callback::new(move |()| from_reasons()), Msg::Continue)}
            }
            .into_any(),
            Step::Resolution => {
                let offered = allowed();
                view! {
                    {title_line(Msg::ReturnStepResolution)}
                    {if offered.is_empty() {
                        view! { <p class="ac-notice ac-notice-warn">{lang.text(Msg::ReturnNoCommonResolution)}</p> }.into_any()
                    } else {
                        view! {
                            <fieldset class="ac-fieldset">
                                <legend class="ac-sr">{lang.text(Msg::ReturnStepResolution)}</legend>
                                {offered
                                    .into_iter()
                                    .map(|(option, terms)| resolution_choice(option, terms, &currency, resolution))
                                    .collect_view()}
                            </fieldset>
                        }
                            .into_any()
                    }}
                    {move || {
                        (resolution.get() == Some(Resolution::Exchange))
                            .then(|| {
                                chosen()
                                    .into_iter()
                                    .map(|(item, draft)| exchange_field(item, draft))
                                    .collect_view()
                            })
                    }}
                    {notice_line()}
                    {nav(Callback::new(move |()| go(Step::Reasons)), Callback::new(move |()| from_resolution()), Msg::Continue)}
                }
                .into_any()
            }
            Step::Summary => {
                let picked = chosen();
                let chosen_resolution = resolution.get_untracked().unwrap_or(Resolution::Refund);
                let terms = allowed()
                    .into_iter()
                    .find(|(r, _)| *r == chosen_resolution)
                    .map(|(_, terms)| terms)
                    .unwrap_or_default();
                let items_minor = order.with_value(|order| {
                    picked.iter().fold(0_i64, |sum, (item, draft)| {
                        let price = order
                            .line_items
                            .iter()
                            .find(|line| line.id == item.line_item_id)
                            .map_or(0, |line| line.unit_price_minor);
                        sum.saturating_add(line_amount(price, draft.quantity.get_untracked()))
                    })
                });
                let amounts = Amounts::settle(chosen_resolution, terms, items_minor);
                let lines: Vec<(String, u32, ChosenReason)> = picked
                    .iter()
                    .map(|(item, draft)| (item.line_item_id.clone(), draft.quantity.get_untracked(), draft.reason()))
                    .collect();
                view! {
                    {title_line(Msg::ReturnStepSummary)}
                    {item_lines(lines, order, options)}
                    <p class="ac-muted">{lang.text(resolution_label(chosen_resolution))}</p>
                    {amount_rows(amounts, &currency)}
                    <div class="ac-status ac-status-error" role="alert">
                        {move || failure.get().map(|failure| failure_text(failure, order))}
                    </div>
                    <div class="ac-actions">
                        <button
                            class="ac-button"
                            type="button"
                            aria-disabled=move || format::aria_bool(busy.get())
                            on:click=move |_| confirm.run(())
                        >
                            <span class="ac-spinner" aria-hidden="true" class:ac-hidden=move || !busy.get()></span>
                            {move || lang.text(if busy.get() { Msg::ReturnSending } else { Msg::ReturnConfirm })}
                        </button>
                        <button class="ac-button ac-button-quiet" type="button" on:click=move |_| go(Step::Resolution)>
                            {lang.text(Msg::Back)}
                        </button>
                    </div>
                }
                .into_any()
            }
        }
    };

    view! {
        <section class="ac-card ac-return-flow">
            {step_view}
            {move || created.with(Option::is_none).then(|| {
                options.with_value(|options| policy_details(options.policy.clone()))
            })}
        </section>
    }
}

/// A fresh `Idempotency-Key` for one confirmation attempt. Random enough
/// that two shoppers never share one; the server scopes keys per order.
fn idempotency_key() -> String {
    let mut key = String::from("w-");
    for _ in 0..2 {
        // 52 random bits per draw, in base 36.
        let mut n = (js_sys::Math::random() * 4_503_599_627_370_496.0) as u64;
        for _ in 0..10 {
            let digit = (n % 36) as u8;
            key.push(char::from(if digit < 10 {
                b'0' + digit
            } else {
                b'a' + digit - 10
            }));
            n /= 36;
        }
    }
    key
}

fn resolution_label(resolution: Resolution) -> Msg {
    match resolution {
        Resolution::Refund => Msg::ResolutionRefund,
        Resolution::StoreCredit => Msg::ResolutionStoreCredit,
        Resolution::Exchange => Msg::ResolutionExchange,
    }
}

/// One returnable item: a checkbox, its last day, and how many.
fn pick_item(item: ReturnItemOption, draft: Draft) -> impl IntoView {
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
fn refused_item(item: ReturnItemOption) -> impl IntoView {
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
fn reason_fields(
    item: ReturnItemOption,
    draft: Draft,
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
                            {radios(&[base.as_str(), "-sub"].concat(), chosen.sub_reasons.clone(), draft.sub_reason)}
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
                {radios(&base_name, choices, draft.reason)}
            </fieldset>
            {details}
            <p class="ac-status ac-status-error" role="alert">
                {move || draft.error.get().map(|msg| reason_error_text(lang, msg))}
            </p>
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

/// A radio group over `(id, label)` choices bound to `value`.
pub(crate) fn radios(
    name: &str,
    choices: Vec<(String, String)>,
    value: RwSignal<String>,
) -> impl IntoView + use<> {
    choices
        .into_iter()
        .map(|(id, label)| {
            let checked = id.clone();
            view! {
                <label class="ac-choice">
                    <input
                        type="radio"
                        name=name.to_owned()
                        value=id.clone()
                        prop:checked=move || value.with(|v| *v == checked)
                        on:change=move |_| value.set(id.clone())
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view()
}

/// One resolution: its name, what it means, its bonus and fee.
fn resolution_choice(
    option: Resolution,
    terms: Terms,
    currency: &str,
    chosen: RwSignal<Option<Resolution>>,
) -> impl IntoView + use<> {
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
            &[("amount", &format::money(lang, terms.fee_minor, currency))],
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
fn exchange_field(item: ReturnItemOption, draft: Draft) -> impl IntoView {
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
            <p class="ac-status ac-status-error" role="alert">
                {move || draft.error.get().map(|msg| lang.text(msg))}
            </p>
        </div>
    }
}

/// Items with quantity and reason, for the summary and the slip.
fn item_lines(
    // `(line item id, quantity, reason)`
    lines: Vec<(String, u32, ChosenReason)>,
    order: StoredValue<OrderView>,
    options: StoredValue<ReturnOptions>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <ul class="ac-list ac-lines">
            {lines
                .into_iter()
                .map(|(line_item_id, quantity, reason)| {
                    let title = order.with_value(|order| title_of(order, &line_item_id).to_owned());
                    let why = options.with_value(|options| reason_text(options, &reason));
                    view! {
                        <li>
                            <span class="ac-item-title">{title}</span>
                            <span class="ac-muted">
                                {fill(lang.text(Msg::Quantity), &[("n", &format::count(quantity as usize))])}
                            </span>
                            <span class="ac-muted">{why}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// "Doesn't fit: Too small", from the merchant's labels.
fn reason_text(options: &ReturnOptions, chosen: &ChosenReason) -> String {
    let Some(reason) = options.reasons.iter().find(|r| r.id == chosen.reason_id) else {
        return chosen.reason_id.clone();
    };
    let sub = chosen.sub_reason_id.as_deref().and_then(|sub| {
        reason
            .sub_reasons
            .iter()
            .find(|(id, _)| id == sub)
            .map(|(_, label)| label.as_str())
    });
    match sub {
        Some(sub) => [reason.label.as_str(), ": ", sub].concat(),
        None => reason.label.clone(),
    }
}

/// Value, bonus, fee and total.
fn amount_rows(amounts: Amounts, currency: &str) -> impl IntoView + use<> {
    let lang = expect_context::<Lang>();
    let row = |msg: Msg, minor: i64, class: &'static str| {
        view! {
            <div class=class>
                <dt>{lang.text(msg)}</dt>
                <dd>{format::money(lang, minor, currency)}</dd>
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
fn failure_text(failure: ReturnFailure, order: StoredValue<OrderView>) -> impl IntoView {
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
fn policy_details(policy: PolicySummary) -> impl IntoView {
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

/// A printable return slip: shop, order, RMA with its barcode, and the items
/// with quantities and reasons.
pub fn return_slip(
    // The return.
    slip: ReturnView,
    // The order it belongs to.
    order: OrderView,
    // For the shop's name and the reasons' labels.
    options: ReturnOptions,
    // Back to the order.
    on_close: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let heading = NodeRef::<html::H3>::new();
    focus_each(heading);
    let section = NodeRef::<html::Section>::new();
    print_only(section);

    let barcode = Code128::encode(&slip.rma).ok().map(|code| {
        let view_box = ["0 0 ", &format::count(code.total_modules() as usize), " 50"].concat();
        let label = [lang.text(Msg::ReturnNumber), " ", &slip.rma].concat();
        view! {
            <svg class="ac-barcode" viewBox=view_box preserveAspectRatio="none" role="img" aria-label=label shape-rendering="crispEdges">
                <path d=code.svg_path(50) />
            </svg>
        }
    });
    let lines: Vec<(String, u32, ChosenReason)> = slip
        .approved
        .items
        .into_iter()
        .map(|item| (item.line_item_id, item.quantity, item.reason))
        .collect();
    let order_heading = fill(
        lang.text(Msg::OrderHeading),
        &[("number", &order.order_number)],
    );
    let shop_name = options.shop_name.clone();
    view! {
        <section class="ac-card ac-slip" node_ref=section>
            <h3 class="ac-title ac-step-title" tabindex="-1" node_ref=heading>
                {lang.text(Msg::ReturnSlip)}
            </h3>
            <p class="ac-item-title">{shop_name}</p>
            <p>{order_heading}</p>
            <p class="ac-muted">{lang.text(Msg::ReturnNumber)}</p>
            <p class="ac-rma ac-mono">{slip.rma.clone()}</p>
            {barcode}
            {item_lines(lines, StoredValue::new(order), StoredValue::new(options))}
            <div class="ac-actions ac-no-print">
                <button class="ac-button" type="button" on:click=move |_| { let _ = window().print(); }>
                    {lang.text(Msg::PrintSlip)}
                </button>
                <button class="ac-button ac-button-quiet" type="button" on:click=move |_| on_close.run(())>
                    {lang.text(Msg::BackToOrder)}
                </button>
            </div>
        </section>
    }
}

/// While the slip is open, printing the page prints the slip alone: the
/// host page is hidden by one print-only rule and the widget's host element
/// is marked, both undone when the slip closes. The shop's CSS cannot reach
/// into the shadow root, so this is the only way to keep its page out.
fn print_only(section: NodeRef<html::Section>) {
    const MARK: &str = "data-ac-print";
    const STYLE_ID: &str = "ac-print-style";
    if let Ok(style) = document().create_element("style") {
        style.set_id(STYLE_ID);
        style.set_text_content(Some(
            "@media print{body *{visibility:hidden!important}\
             [data-ac-print]{visibility:visible!important;position:absolute!important;\
             left:0!important;top:0!important;width:100%!important}}",
        ));
        if let Some(body) = document().body() {
            let _ = body.append_child(&style);
        }
    }
    Effect::new(move || {
        let Some(section) = section.get() else {
            return;
        };
        let shadow_host = section
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|root| root.host());
        if let Some(element) = shadow_host {
            let _ = element.set_attribute(MARK, "");
        }
    });
    // Found again rather than kept: DOM nodes cannot live in the reactive
    // owner's (thread-safe) storage.
    on_cleanup(move || {
        let document = document();
        if let Some(style) = document.get_element_by_id(STYLE_ID) {
            style.remove();
        }
        if let Ok(Some(host)) = document.query_selector("[data-ac-print]") {
            let _ = host.remove_attribute(MARK);
        }
    });
}
