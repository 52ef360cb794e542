//! The return flow: items → reasons → resolution → summary → done.
//!
//! The draft lives in signals above the step views, so Back keeps
//! everything the shopper entered; each step checks what it asked for
//! before moving on (with `aftercart_shared`'s rules; the server checks
//! again and has the last word).

use aftercart_shared::OrderId;
use aftercart_shared::api::shopper::{OrderView, ReturnItemOption, ReturnOptions, ReturnView};
use aftercart_shared::i18n::{Lang, Msg};
use aftercart_shared::returns::{
    Amounts, ChosenReason, RequestedItem, Resolution, ReturnRequest, common_resolutions,
    line_amount,
};
use leptos::html;
use leptos::prelude::*;

use super::draft::Draft;
use super::steps::{
    AmountRows, ExchangeField, FailureText, PickItem, PolicyDetails, ReasonFields, RefusedItem,
    ResolutionChoice,
};
use super::{ItemLines, is_returnable, resolution_label};
use crate::api::{Api, ReturnFailure, Session};
use crate::format;
use crate::ui::{self, Alert, Spinner};

/// The steps before confirmation, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Items,
    Reasons,
    Resolution,
    Summary,
}

/// The return flow, from choosing items to the RMA number.
#[component]
pub fn ReturnFlow(
    /// The order being returned from.
    order: OrderView,
    /// Its return options.
    options: ReturnOptions,
    /// Access to the order.
    session: Session,
    /// A return was created: reload what is on file.
    on_created: Callback<()>,
    /// Show a return's slip.
    on_slip: Callback<ReturnView>,
    /// Back to the order.
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
    ui::focus_each_render(heading);

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
    let notice_text = move || notice.get().map(|msg| lang.text(msg));

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
                <StepTitle heading=heading text=Msg::ReturnStepItems />
                <ul class="ac-list">
                    {items.with_value(|items| {
                        items
                            .iter()
                            .map(|(item, draft)| view! { <PickItem item=item.clone() draft=*draft /> })
                            .collect_view()
                    })}
                    {options.with_value(|options| {
                        options
                            .items
                            .iter()
                            .filter(|item| !is_returnable(item))
                            .map(|item| view! { <RefusedItem item=item.clone() /> })
                            .collect_view()
                    })}
                </ul>
                <Alert message=notice_text />
                <StepNav back=on_close next=Callback::new(move |()| from_items()) />
            }
            .into_any(),
            Step::Reasons => view! {
                <StepTitle heading=heading text=Msg::ReturnStepReasons />
                {chosen()
                    .into_iter()
                    .map(|(item, draft)| view! { <ReasonFields item=item draft=draft options=options /> })
                    .collect_view()}
                <StepNav back=Callback::new(move |()| go(Step::Items)) next=Callback::new(move |()| from_reasons()) />
            }
            .into_any(),
            Step::Resolution => {
                let offered = allowed();
                view! {
                    <StepTitle heading=heading text=Msg::ReturnStepResolution />
                    {if offered.is_empty() {
                        view! { <p class="ac-notice ac-notice-warn">{lang.text(Msg::ReturnNoCommonResolution)}</p> }.into_any()
                    } else {
                        view! {
                            <fieldset class="ac-fieldset">
                                <legend class="ac-sr">{lang.text(Msg::ReturnStepResolution)}</legend>
                                {offered
                                    .into_iter()
                                    .map(|(option, terms)| {
                                        view! {
                                            <ResolutionChoice
                                                option=option
                                                terms=terms
                                                currency=currency.clone()
                                                chosen=resolution
                                            />
                                        }
                                    })
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
                                    .map(|(item, draft)| view! { <ExchangeField item=item draft=draft /> })
                                    .collect_view()
                            })
                    }}
                    <Alert message=notice_text />
                    <StepNav back=Callback::new(move |()| go(Step::Reasons)) next=Callback::new(move |()| from_resolution()) />
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
                    <StepTitle heading=heading text=Msg::ReturnStepSummary />
                    <ItemLines lines=lines order=order options=options />
                    <p class="ac-muted">{lang.text(resolution_label(chosen_resolution))}</p>
                    <AmountRows amounts=amounts currency=currency.clone() />
                    <div class="ac-status ac-status-error" role="alert">
                        {move || failure.get().map(|failure| view! { <FailureText failure=failure order=order /> })}
                    </div>
                    <div class="ac-actions">
                        <button
                            class="ac-button"
                            type="button"
                            aria-disabled=move || format::aria_bool(busy.get())
                            on:click=move |_| confirm.run(())
                        >
                            <Spinner busy=busy />
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
                options.with_value(|options| view! { <PolicyDetails policy=options.policy.clone() /> })
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

/// A step's title, focused as the step appears.
#[component]
fn StepTitle(
    /// The flow's title element.
    heading: NodeRef<html::H3>,
    /// What it says.
    text: Msg,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! { <h3 class="ac-title ac-step-title" tabindex="-1" node_ref=heading>{lang.text(text)}</h3> }
}

/// Continue (after the step's check) and Back.
#[component]
fn StepNav(
    /// The previous step, or out of the flow.
    back: Callback<()>,
    /// Check this step and go on.
    next: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <div class="ac-actions">
            <button class="ac-button" type="button" on:click=move |_| next.run(())>
                {lang.text(Msg::Continue)}
            </button>
            <button class="ac-button ac-button-quiet" type="button" on:click=move |_| back.run(())>
                {lang.text(Msg::Back)}
            </button>
        </div>
    }
}
