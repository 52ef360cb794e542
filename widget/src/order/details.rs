//! The order itself: its heading, status and progress, its parcels, items
//! and the shopper's other orders; and what shows while it loads or when
//! it cannot.

use aftercart_shared::api::shopper::{OrderView, ReturnOptions, ReturnView};
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::tracking::Step;
use leptos::html;
use leptos::prelude::*;

use super::items::{LineItems, OtherOrders};
use super::parcels::ShipmentCard;
use crate::api::ApiError;
use crate::format;
use crate::returns::ReturnsCard;

/// A placeholder with the loader's reserved height, so nothing jumps.
#[component]
pub(super) fn Skeleton() -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <div class="ac-card ac-skeleton" role="status" aria-live="polite">
            <span class="ac-sr">{lang.text(Msg::Loading)}</span>
            <span class="ac-bone ac-bone-title" aria-hidden="true"></span>
            <span class="ac-bone" aria-hidden="true"></span>
            <span class="ac-bone ac-bone-short" aria-hidden="true"></span>
            <span class="ac-bone ac-bone-bar" aria-hidden="true"></span>
        </div>
    }
}

/// The order could not be loaded.
#[component]
pub(super) fn LoadError(
    /// What went wrong.
    error: ApiError,
    /// Re-fetch the order.
    on_retry: impl Fn() + Send + Sync + 'static,
    /// Back to the lookup form.
    on_back: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <div class="ac-card">
            <p class="ac-status ac-status-error" role="alert">
                {lang.text(error.message())}
            </p>
            <div class="ac-actions">
                {error
                    .is_transient()
                    .then(|| {
                        view! {
                            <button class="ac-button" type="button" on:click=move |_| on_retry()>
                                {lang.text(Msg::TryAgain)}
                            </button>
                        }
                    })}
                <button class="ac-button ac-button-quiet" type="button" on:click=move |_| on_back.run(())>
                    {lang.text(Msg::LookUpAnother)}
                </button>
            </div>
        </div>
    }
}

/// Everything about one loaded order.
#[component]
pub(super) fn OrderDetails(
    /// The order to show.
    order: OrderView,
    /// The order heading, focused after a lookup.
    heading: NodeRef<html::H2>,
    /// Ids of shipments whose full checkpoint list is open.
    expanded: RwSignal<Vec<String>>,
    /// The order's return options, once loaded.
    returns: RwSignal<Option<ReturnOptions>>,
    /// The engagement slot: one prompt's card, or nothing.
    engage: ViewFn,
    /// "Start a return".
    on_start: Callback<()>,
    /// Show a return's slip.
    on_slip: Callback<ReturnView>,
    /// "Look up another order".
    on_back: Callback<()>,
    /// Open one of "your other orders".
    on_open: Callback<String>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let status = &order.status;
    let problem = status.status.is_problem();
    let thanks = match &order.customer_first_name {
        Some(name) => fill(lang.text(Msg::ThankYouNamed), &[("name", name)]),
        None => lang.text(Msg::ThankYou).to_owned(),
    };
    let eta = (!order.cancelled && status.step != Step::Delivered)
        .then_some(status.estimated_delivery)
        .flatten()
        .map(|eta| {
            fill(
                lang.text(Msg::EstimatedDelivery),
                &[("date", &format::calendar_date(lang, eta))],
            )
        });
    let total = order.shipments.len();

    view! {
        <section class="ac-card ac-summary" class:ac-problem=problem>
            <h2 class="ac-title" tabindex="-1" node_ref=heading>
                {fill(lang.text(Msg::OrderHeading), &[("number", &order.order_number)])}
            </h2>
            <p class="ac-thanks">{thanks}</p>
            <p class="ac-muted">
                {fill(lang.text(Msg::PlacedOn), &[("date", &format::date(lang, order.placed_at))])}
            </p>
            {if order.cancelled {
                view! { <p class="ac-notice ac-notice-warn">{lang.text(Msg::OrderCancelled)}</p> }
                    .into_any()
            } else {
                view! {
                    <p class="ac-headline" aria-live="polite">
                        {lang.status(status.status)}
                    </p>
                    {eta
                        .map(|eta| {
                            view! {
                                <p class="ac-eta">
                                    {eta}
                                    {status
                                        .running_late
                                        .then(|| {
                                            view! {
                                                <span class="ac-badge">
                                                    {lang.text(Msg::RunningLate)}
                                                </span>
                                            }
                                        })}
                                </p>
                            }
                        })}
                    <StepBar current=status.step problem=problem />
                    {problem
                        .then(|| {
                            view! {
                                <p class="ac-notice ac-notice-warn">
                                    {lang.text(Msg::ExceptionHelp)}
                                </p>
                            }
                        })}
                }
                    .into_any()
            }}
        </section>
        {(order.shipments.is_empty() && !order.cancelled)
            .then(|| {
                view! {
                    <p class="ac-card ac-notice">{lang.text(Msg::NotShippedYet)}</p>
                }
            })}
        {order
            .shipments
            .into_iter()
            .enumerate()
            .map(|(index, shipment)| {
                view! {
                    <ShipmentCard
                        shipment=shipment
                        position=(total > 1).then_some((index + 1, total))
                        expanded=expanded
                    />
                }
            })
            .collect_view()}
        <LineItems items=order.line_items currency=order.currency total_minor=order.total_minor />
        {move || {
            returns
                .get()
                .map(|options| view! { <ReturnsCard options=options on_start=on_start on_slip=on_slip /> })
        }}
        {engage.run()}
        {(!order.can_act).then(|| {
            let number = order.order_number.clone();
            view! {
                <section class="ac-card ac-read-only">
                    <p class="ac-muted">{lang.text(Msg::ReadOnlyLink)}</p>
                    <button
                        class="ac-button ac-button-quiet"
                        type="button"
                        on:click=move |_| on_open.run(number.clone())
                    >
                        {lang.text(Msg::ConfirmItsMe)}
                    </button>
                </section>
            }
        })}
        {(!order.other_orders.is_empty())
            .then(|| view! { <OtherOrders orders=order.other_orders on_open=on_open /> })}
        <button class="ac-button ac-button-quiet ac-back" type="button" on:click=move |_| on_back.run(())>
            {lang.text(Msg::LookUpAnother)}
        </button>
    }
}

/// Ordered → Shipped → In transit → Out for delivery → Delivered.
#[component]
fn StepBar(
    /// The furthest step reached.
    current: Step,
    /// The parcel is stuck: the current step is drawn as a warning.
    problem: bool,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <ol class="ac-steps" class:ac-problem=problem aria-label=lang.text(Msg::ProgressLabel)>
            {Step::ALL
                .into_iter()
                .map(|step| {
                    view! {
                        <li
                            class="ac-step"
                            class:ac-done=step <= current
                            class:ac-current=step == current
                            aria-current=(step == current).then_some("step")
                        >
                            <span class="ac-dot" aria-hidden="true"></span>
                            <span class="ac-step-label">{lang.step(step)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
