//! Returns: the card on the order page (returns on file, "Start a return"
//! or why nothing can go back), the flow (`flow`: items → reasons →
//! resolution → summary → done) and the printable return slip (`slip`).
//!
//! Every rule comes from `aftercart_shared` (eligibility arrives decided in
//! `ReturnOptions`; reasons, resolutions and amounts are checked and
//! computed there); the server checks the request again and has the last
//! word.

mod draft;
mod flow;
mod slip;
mod steps;

use aftercart_shared::api::shopper::{OrderView, ReturnItemOption, ReturnOptions, ReturnView};
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::returns::{ChosenReason, Resolution};
use leptos::prelude::*;

pub use self::flow::ReturnFlow;
pub use self::slip::ReturnSlip;
use crate::format;

/// An item that can go back now.
pub(super) fn is_returnable(item: &ReturnItemOption) -> bool {
    item.refusal.is_none() && item.remaining > 0
}

/// The item's title, by line item id.
pub(super) fn title_of<'a>(order: &'a OrderView, line_item_id: &str) -> &'a str {
    order
        .line_items
        .iter()
        .find(|item| item.id == line_item_id)
        .map_or("", |item| item.title.as_str())
}

/// A resolution's name.
pub(super) fn resolution_label(resolution: Resolution) -> Msg {
    match resolution {
        Resolution::Refund => Msg::ResolutionRefund,
        Resolution::StoreCredit => Msg::ResolutionStoreCredit,
        Resolution::Exchange => Msg::ResolutionExchange,
    }
}

/// Returns on the order page: the returns on file with their status and
/// slip, and "Start a return" — or, when nothing can go back, why not.
#[component]
pub fn ReturnsCard(
    /// What the server says about this order's returns.
    options: ReturnOptions,
    /// Open the flow.
    on_start: Callback<()>,
    /// Show a return's slip.
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

/// Items with quantity and reason, for the summary and the slip.
#[component]
fn ItemLines(
    /// `(line item id, quantity, reason)`
    lines: Vec<(String, u32, ChosenReason)>,
    /// The order, for the items' titles.
    order: StoredValue<OrderView>,
    /// The return options, for the reasons' labels.
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
