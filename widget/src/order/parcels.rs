//! One parcel: its status, carrier and tracking link, and its timeline of
//! checkpoints.

use aftercart_shared::api::shopper::{CheckpointView, ShipmentView};
use aftercart_shared::i18n::{Lang, Msg, fill};
use leptos::prelude::*;

use crate::format::{self, aria_bool};

/// Checkpoints shown before "Show all updates".
const COLLAPSED_CHECKPOINTS: usize = 3;

/// One parcel: carrier, tracking number and link, and its checkpoints.
#[component]
pub(super) fn ShipmentCard(
    /// The parcel.
    shipment: ShipmentView,
    /// `(n, total)` when the order ships in several parcels.
    position: Option<(usize, usize)>,
    /// Ids of shipments whose full checkpoint list is open.
    expanded: RwSignal<Vec<String>>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let id = shipment.id;
    let list_id = ["ac-updates-", &id].concat();
    let open = Signal::derive({
        let id = id.clone();
        move || expanded.with(|ids| ids.contains(&id))
    });
    let toggle = move |_| {
        expanded.update(|ids| match ids.iter().position(|open| *open == id) {
            Some(at) => {
                ids.swap_remove(at);
            }
            None => ids.push(id.clone()),
        });
    };
    let when = shipment
        .delivered_at
        .map(|at| {
            fill(
                lang.text(Msg::DeliveredOn),
                &[("date", &format::date(lang, at))],
            )
        })
        .or_else(|| {
            shipment.estimated_delivery.map(|eta| {
                // A prediction from the shop's history is worded as one.
                let wording = if shipment.estimated_from_history {
                    Msg::UsuallyArrivesBy
                } else {
                    Msg::EstimatedDelivery
                };
                fill(
                    lang.text(wording),
                    &[("date", &format::calendar_date(lang, eta))],
                )
            })
        });
    let late = shipment.running_late && shipment.delivered_at.is_none();
    let more = shipment.checkpoints.len() > COLLAPSED_CHECKPOINTS;

    view! {
        <section class="ac-card ac-shipment">
            {position
                .map(|(n, total)| {
                    view! {
                        <h3 class="ac-kicker">
                            {fill(
                                lang.text(Msg::ShipmentOf),
                                &[("n", &format::count(n)), ("total", &format::count(total))],
                            )}
                        </h3>
                    }
                })}
            <p class="ac-ship-status" class:ac-problem=shipment.status.is_problem()>
                {lang.status(shipment.status)}
            </p>
            {when
                .map(|when| {
                    view! {
                        <p class="ac-eta">
                            {when}
                            {late
                                .then(|| {
                                    view! {
                                        <span class="ac-badge">{lang.text(Msg::RunningLate)}</span>
                                    }
                                })}
                        </p>
                    }
                })}
            <dl class="ac-facts">
                {shipment
                    .carrier
                    .map(|carrier| {
                        view! {
                            <div>
                                <dt>{lang.text(Msg::Carrier)}</dt>
                                <dd>{carrier}</dd>
                            </div>
                        }
                    })}
                {shipment
                    .tracking_number
                    .map(|number| {
                        view! {
                            <div>
                                <dt>{lang.text(Msg::TrackingNumber)}</dt>
                                <dd class="ac-mono">{number}</dd>
                            </div>
                        }
                    })}
            </dl>
            {shipment
                .tracking_url
                .map(|url| {
                    view! {
                        <a class="ac-link" href=url.to_string() target="_blank" rel="noopener noreferrer">
                            {lang.text(Msg::TrackOnCarrierSite)}
                        </a>
                    }
                })}
            {(!shipment.checkpoints.is_empty())
                .then(|| {
                    view! {
                        <h4 class="ac-subtitle">{lang.text(Msg::Updates)}</h4>
                        <ol class="ac-timeline" id=list_id.clone()>
                            {shipment
                                .checkpoints
                                .into_iter()
                                .enumerate()
                                .map(|(index, checkpoint)| {
                                    let hidden = move || index >= COLLAPSED_CHECKPOINTS && !open.get();
                                    view! { <CheckpointItem checkpoint=checkpoint latest=index == 0 hidden=hidden /> }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
            {more
                .then(|| {
                    view! {
                        <button
                            class="ac-toggle"
                            type="button"
                            aria-expanded=move || aria_bool(open.get())
                            aria-controls=list_id
                            on:click=toggle
                        >
                            {move || lang.text(if open.get() { Msg::ShowLess } else { Msg::ShowMore })}
                        </button>
                    }
                })}
        </section>
    }
}

/// One tracking event.
#[component]
fn CheckpointItem(
    /// The event.
    checkpoint: CheckpointView,
    /// The newest event, drawn emphasised.
    latest: bool,
    /// Collapsed away behind "Show all updates".
    hidden: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let CheckpointView {
        status,
        message,
        location,
        occurred_at,
        ..
    } = checkpoint;
    view! {
        <li class="ac-checkpoint" class:ac-latest=latest class:ac-problem=status.is_problem() hidden=hidden>
            <p class="ac-cp-status">{lang.status(status)}</p>
            {(!message.is_empty()).then(|| view! { <p class="ac-cp-message">{message}</p> })}
            <p class="ac-cp-meta">
                <time datetime=occurred_at.to_rfc3339()>{format::date_time(lang, occurred_at)}</time>
                {location.map(|location| view! { <span class="ac-cp-location">{location}</span> })}
            </p>
        </li>
    }
}
