//! What was ordered, and the shopper's other orders from the shop.

use aftercart_shared::api::shopper::{LineItemView, OrderSummary};
use aftercart_shared::i18n::{Lang, Msg, fill};
use leptos::prelude::*;

use crate::format;

/// The items in the order, with the total.
#[component]
pub(super) fn LineItems(
    /// The order's lines.
    items: Vec<LineItemView>,
    /// ISO 4217 code for all amounts.
    currency: String,
    /// The order total in minor units.
    total_minor: i64,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let total = format::money(lang, total_minor, &currency);
    view! {
        <section class="ac-card">
            <h3 class="ac-subtitle">{lang.text(Msg::Items)}</h3>
            <ul class="ac-items">
                {items
                    .into_iter()
                    .map(|item| {
                        view! {
                            <li class="ac-item">
                                {match item.image_url {
                                    Some(src) => {
                                        view! {
                                            <img class="ac-thumb" src=src alt="" width="56" height="56" loading="lazy" decoding="async" />
                                        }
                                            .into_any()
                                    }
                                    None => view! { <span class="ac-thumb" aria-hidden="true"></span> }.into_any(),
                                }}
                                <div class="ac-item-text">
                                    <p class="ac-item-title">{item.title}</p>
                                    {item.variant_title.map(|variant| view! { <p class="ac-muted">{variant}</p> })}
                                    <p class="ac-muted">
                                        {fill(lang.text(Msg::Quantity), &[("n", &format::count(item.quantity as usize))])}
                                    </p>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="ac-total">
                <span>{lang.text(Msg::Total)}</span>
                <span>{total}</span>
            </p>
        </section>
    }
}

/// The shopper's other orders from this shop, newest first; each opens in
/// place of the current one.
#[component]
pub(super) fn OtherOrders(
    /// The orders, without tokens: each needs its own proof.
    orders: Vec<OrderSummary>,
    /// Open the chosen order, by its number.
    on_open: Callback<String>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <section class="ac-card ac-others" aria-labelledby="ac-others-title">
            <h3 class="ac-subtitle" id="ac-others-title">{lang.text(Msg::OtherOrders)}</h3>
            <ul class="ac-others-list">
                {orders
                    .into_iter()
                    .map(|other| {
                        let number = fill(lang.text(Msg::OrderHeading), &[("number", &other.order_number)]);
                        let placed = fill(
                            lang.text(Msg::PlacedOn),
                            &[("date", &format::date(lang, other.placed_at))],
                        );
                        let label = if other.cancelled {
                            lang.text(Msg::StatusCancelled)
                        } else {
                            lang.status(other.status)
                        };
                        // The spans are laid out apart but would run together
                        // in the button's accessible name.
                        let name = [number.as_str(), ", ", &placed, ", ", label].concat();
                        let order_number = other.order_number.clone();
                        view! {
                            <li>
                                <button
                                    class="ac-other"
                                    type="button"
                                    aria-label=name
                                    on:click=move |_| on_open.run(order_number.clone())
                                >
                                    <span class="ac-other-number">{number}</span>
                                    <span class="ac-other-date">{placed}</span>
                                    <span
                                        class="ac-other-status"
                                        class:ac-problem=!other.cancelled && other.status.is_problem()
                                        class:ac-muted=other.cancelled
                                    >
                                        {label}
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
