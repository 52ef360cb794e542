//! The order view: status, progress bar, shipments with their checkpoints,
//! and the items, kept fresh while the shopper looks at it.

use std::time::Duration;

use aftercart_shared::OrderId;
use aftercart_shared::api::{
    CheckpointView, LineItemView, OrderSummary, OrderView, ReturnOptions, ReturnView, ShipmentView,
};
use aftercart_shared::engage::Action;
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::tracking::Step;
use leptos::html;
use leptos::prelude::*;

use crate::api::{Api, ApiError, Session};
use crate::engage::{self, Slot};
use crate::format::{self, aria_bool};
use crate::returns::{return_flow, return_slip, returns_card};

/// How often an open order is re-fetched. Tracking data changes a few times
/// a day; once a minute is fresh enough and gentle on the edge.
const REFRESH_EVERY: Duration = Duration::from_secs(60);

/// Checkpoints shown before "Show all updates".
const COLLAPSED_CHECKPOINTS: usize = 3;

/// An order, loaded (or seeded from the lookup) and refreshed every minute
/// and whenever the tab is shown again, until it is delivered or cancelled.
#[component]
pub fn OrderPage(
    /// Access to the order.
    session: Session,
    /// The order from the lookup response; `None` fetches it first.
    seed: Option<OrderView>,
    /// Move focus to the order heading once it renders.
    focus: bool,
    /// Counts the times the tab became visible again (`App`).
    shown: ReadSignal<u32>,
    /// "Look up another order".
    on_back: Callback<()>,
    /// The token was refused: back to the form with an explanation. `true`
    /// when focus should move into the form (the shopper was here already).
    on_expired: Callback<bool>,
    /// Open one of the shopper's other orders instead of this one.
    on_open: Callback<Session>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let lang = expect_context::<Lang>();
    let first = match seed {
        Some(order) => Load::Ready(order),
        None => Load::Loading,
    };
    let (state, set_state) = signal(first);

    // Plain signal + task instead of `LocalResource` + `Transition` +
    // `ErrorBoundary`: same behaviour (old content stays up while
    // refreshing), at a fraction of the wasm size.
    // One request at a time: the minute tick and a return to the tab can
    // coincide.
    let in_flight = StoredValue::new(false);
    let load = {
        let api = api.clone();
        let session = session.clone();
        move || {
            if in_flight.get_value() {
                return;
            }
            in_flight.set_value(true);
            let api = api.clone();
            let session = session.clone();
            leptos::task::spawn_local(async move {
                let result = api.order(&session).await;
                // `Some`: the page was left while the request was in flight.
                if in_flight.try_set_value(false).is_some() {
                    return;
                }
                let next = match result {
                    // Unchanged (the usual refresh): keep the DOM, and the
                    // shopper's focus in it, as it is.
                    Ok(order) if state.with_untracked(|now| now.shows(&order)) => return,
                    Ok(order) => Load::Ready(order),
                    // A blip during a background refresh keeps the last good
                    // view instead of replacing the order with an error.
                    Err(error) if error.is_transient() && state.with_untracked(Load::is_ready) => {
                        return;
                    }
                    Err(ApiError::SessionExpired) => {
                        on_expired.run(focus || state.with_untracked(Load::is_ready));
                        return;
                    }
                    Err(error) => Load::Failed(error),
                };
                let _ = set_state.try_set(next);
            });
        }
    };
    if state.with_untracked(|state| matches!(state, Load::Loading)) {
        load();
    }

    // Poll politely: skip while the tab is hidden, stop once nothing can
    // change any more, and always on unmount.
    let interval = set_interval_with_handle(
        {
            let load = load.clone();
            move || {
                if !document().hidden() {
                    load();
                }
            }
        },
        REFRESH_EVERY,
    )
    .ok();
    let stop = move || {
        if let Some(handle) = interval {
            handle.clear();
        }
    };
    // Back to the tab after a while away: show what changed meanwhile
    // rather than wait for the next tick.
    Effect::new({
        let load = load.clone();
        move |seen: Option<u32>| {
            let now = shown.get();
            if seen.is_some_and(|seen| seen != now) && !state.with_untracked(Load::is_settled) {
                load();
            }
            now
        }
    });
    on_cleanup(stop);
    Effect::new(move || {
        if state.with(Load::is_settled) {
            stop();
        }
    });

    // Focus moves to the heading once, after a lookup; refreshes re-render
    // the heading and must not steal focus again.
    let heading = NodeRef::<html::H2>::new();
    let pending_focus = StoredValue::new(focus);
    Effect::new(move || {
        if let Some(heading) = heading.get()
            && pending_focus.get_value()
        {
            pending_focus.set_value(false);
            let _ = heading.focus();
        }
    });

    // Lives outside the refreshed subtree so a refresh keeps lists open.
    let expanded = RwSignal::new(Vec::<String>::new());

    // Engagement: at most one prompt, loaded with the returns, reported as
    // shown once it is on screen. No prompt, or a failed load, shows nothing.
    let engagement = RwSignal::new(None::<Slot>);
    let load_engagement = {
        let api = api.clone();
        let session = session.clone();
        move |order: OrderId, currency: String| {
            let api = api.clone();
            let session = session.clone();
            leptos::task::spawn_local(async move {
                let Some(slot) = engage::load(&api, &session, order, currency, lang).await else {
                    return;
                };
                let (order, prompt) = (slot.order.clone(), slot.view.prompt.clone());
                if engagement.try_set(Some(slot)).is_none() {
                    request_animation_frame(move || {
                        engage::report(&api, &session, &order, &prompt, Action::Shown);
                    });
                }
            });
        }
    };

    // Returns: what can go back and what is on file, loaded once the order
    // is known and again after a return is created. A shop without online
    // returns (404) or a failed load just shows no returns card.
    let returns = RwSignal::new(None::<ReturnOptions>);
    let returns_for = StoredValue::new(None::<OrderId>);
    let load_returns = {
        let session = session.clone();
        move |order: OrderId| {
            returns_for.set_value(Some(order.clone()));
            let api = api.clone();
            let session = session.clone();
            leptos::task::spawn_local(async move {
                if let Ok(found) = api.return_options(&session, &order, lang).await {
                    let _ = returns.try_set(Some(found));
                }
            });
        }
    };
    Effect::new({
        let load_returns = load_returns.clone();
        move || {
            let ready = state.with(|state| match state {
                Load::Ready(order) => Some((order.id.clone(), order.currency.clone())),
                _ => None,
            });
            if let Some((id, currency)) =
                ready.filter(|(id, _)| returns_for.with_value(|done| done.as_ref() != Some(id)))
            {
                load_returns(id.clone());
                load_engagement(id, currency);
            }
        }
    });
    // The return flow or a slip, shown in place of the order (which stays
    // mounted, hidden, so closing them returns to it as it was).
    let screen = RwSignal::new(Screen::Order);
    let close = Callback::new(move |()| {
        screen.set(Screen::Order);
        request_animation_frame(move || {
            if let Some(heading) = heading.get_untracked() {
                let _ = heading.focus();
            }
        });
    });
    let on_slip = Callback::new(move |slip| screen.set(Screen::Slip(slip)));
    let on_start = Callback::new(move |()| screen.set(Screen::Flow));
    let on_created = Callback::new({
        let load_returns = load_returns.clone();
        move |()| {
            if let Some(id) = returns_for.get_value() {
                load_returns(id);
            }
        }
    });
    // The slot's card lives in the order details, below the items.
    // `run()` builds the slot once per render of the details; the inner
    // closure follows `engagement`.
    let engage_slot = ViewFn::from({
        let session = session.clone();
        move || {
            let session = session.clone();
            move || {
                engagement.get().map(|slot| {
                    let gone = Callback::new(move |()| engagement.set(None));
                    engage::prompt_card(slot, session.clone(), gone)
                })
            }
        }
    });
    let returns_screen = move || {
        let current = screen.get();
        if current == Screen::Order {
            return None;
        }
        let order = state.with_untracked(|state| match state {
            Load::Ready(order) => Some(order.clone()),
            _ => None,
        })?;
        let options = returns.get_untracked()?;
        Some(match current {
            Screen::Slip(slip) => return_slip(slip, order, options, close).into_any(),
            _ => {
                return_flow(order, options, session.clone(), on_created, on_slip, close).into_any()
            }
        })
    };

    let order_view = move || match state.get() {
        Load::Loading => view! { <Skeleton /> }.into_any(),
        Load::Ready(order) => view! {
            <OrderDetails
                order=order
                heading=heading
                expanded=expanded
                returns=returns
                engage=engage_slot.clone()
                on_start=on_start
                on_slip=on_slip
                on_back=on_back
                on_open=on_open
            />
        }
        .into_any(),
        Load::Failed(error) => {
            let retry = load.clone();
            view! {
                <LoadError
                    error=error
                    on_retry=move || {
                        set_state.set(Load::Loading);
                        retry();
                    }
                    on_back=on_back
                />
            }
            .into_any()
        }
    };
    view! {
        {returns_screen}
        <div class="ac-contents" class:ac-hidden=move || screen.with(|s| *s != Screen::Order)>
            {order_view}
        </div>
    }
}

/// What the order page shows.
#[derive(Debug, Clone, PartialEq)]
enum Screen {
    Order,
    Flow,
    Slip(ReturnView),
}

/// Where the order page is.
#[derive(Debug, Clone)]
enum Load {
    Loading,
    Ready(OrderView),
    Failed(ApiError),
}

impl Load {
    fn is_ready(&self) -> bool {
        matches!(self, Self::Ready(_))
    }

    /// Already showing exactly this order.
    fn shows(&self, order: &OrderView) -> bool {
        matches!(self, Self::Ready(shown) if shown == order)
    }

    /// Nothing more to poll for: delivered, cancelled, or a hard error.
    fn is_settled(&self) -> bool {
        match self {
            Self::Loading => false,
            Self::Ready(order) => order.cancelled || order.status.step == Step::Delivered,
            Self::Failed(error) => !error.is_transient(),
        }
    }
}

/// A placeholder with the loader's reserved height, so nothing jumps.
#[component]
fn Skeleton() -> impl IntoView {
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
fn LoadError(
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
fn OrderDetails(
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
    on_open: Callback<Session>,
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
                .map(|options| returns_card(options, on_start, on_slip))
        }}
        {engage.run()}
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

/// One parcel: carrier, tracking number and link, and its checkpoints.
#[component]
fn ShipmentCard(
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
                        <a class="ac-link" href=url target="_blank" rel="noopener noreferrer">
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

/// The items in the order, with the total.
#[component]
fn LineItems(
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
fn OtherOrders(
    /// The orders, each with its own token.
    orders: Vec<OrderSummary>,
    /// Open the chosen order.
    on_open: Callback<Session>,
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
                        let session = Session {
                            order_id: Some(other.id.as_str().to_owned()),
                            token: other.token,
                        };
                        view! {
                            <li>
                                <button
                                    class="ac-other"
                                    type="button"
                                    aria-label=name
                                    on:click=move |_| on_open.run(session.clone())
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
