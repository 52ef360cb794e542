//! The order page: the order, kept fresh while the shopper looks at it,
//! with its returns card and engagement prompt, and the return flow or a
//! return slip shown in its place.

mod details;
mod items;
mod parcels;

use std::time::Duration;

use aftercart_shared::OrderId;
use aftercart_shared::api::shopper::{OrderView, ReturnOptions, ReturnView};
use aftercart_shared::engage::Action;
use aftercart_shared::i18n::Lang;
use aftercart_shared::tracking::Step;
use leptos::html;
use leptos::prelude::*;

use self::details::{LoadError, OrderDetails, Skeleton};
use crate::api::{Api, ApiError, Session};
use crate::engage::{self, PromptCard, Slot};
use crate::load::load;
use crate::returns::{ReturnFlow, ReturnSlip};
use crate::ui;

/// How often an open order is re-fetched. Tracking data changes a few times
/// a day; once a minute is fresh enough and gentle on the edge.
const REFRESH_EVERY: Duration = Duration::from_secs(60);

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
    on_open: Callback<String>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let lang = expect_context::<Lang>();
    // The order once known, with its currency: what the returns card and
    // the engagement slot load for. Set once; refreshes do not change it.
    let known = RwSignal::new(
        seed.as_ref()
            .map(|order| (order.id.clone(), order.currency.clone())),
    );
    let seeded = StoredValue::new(seed.is_some());
    let (state, set_state) = signal(seed.map_or(Load::Loading, Load::Ready));

    let order = load(
        {
            let (api, session) = (api.clone(), session.clone());
            move || {
                // The lookup brought the order: no need to fetch it now.
                if seeded.get_value() {
                    seeded.set_value(false);
                    return None;
                }
                let (api, session) = (api.clone(), session.clone());
                Some(async move { api.order(&session).await })
            }
        },
        move |result: Result<OrderView, ApiError>| {
            let next = match result {
                // Unchanged (the usual refresh): keep the DOM, and the
                // shopper's focus in it, as it is.
                Ok(order) if state.with_untracked(|now| now.shows(&order)) => return,
                Ok(order) => {
                    if known.with_untracked(Option::is_none) {
                        known.set(Some((order.id.clone(), order.currency.clone())));
                    }
                    Load::Ready(order)
                }
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
            set_state.set(next);
        },
    );
    // One request at a time: the minute tick and a return to the tab can
    // coincide.
    let refresh = move || {
        if !order.busy() {
            order.reload();
        }
    };

    // Poll politely: skip while the tab is hidden, stop once nothing can
    // change any more, and always on unmount.
    let interval = set_interval_with_handle(
        move || {
            if !document().hidden() {
                refresh();
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
    Effect::new(move |seen: Option<u32>| {
        let now = shown.get();
        if seen.is_some_and(|seen| seen != now) && !state.with_untracked(Load::is_settled) {
            refresh();
        }
        now
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
    if focus {
        ui::focus_first_render(heading);
    }

    // Lives outside the refreshed subtree so a refresh keeps lists open.
    let expanded = RwSignal::new(Vec::<String>::new());

    // Returns: what can go back and what is on file, loaded once the order
    // is known and again after a return is created. A shop without online
    // returns (404) or a failed load just shows no returns card.
    let returns = RwSignal::new(None::<ReturnOptions>);
    let reload_returns = load(
        {
            let (api, session) = (api.clone(), session.clone());
            move || {
                let order: OrderId =
                    known.with(|known| known.as_ref().map(|(id, _)| id.clone()))?;
                let (api, session) = (api.clone(), session.clone());
                Some(async move { api.return_options(&session, &order, lang).await })
            }
        },
        move |found: Result<ReturnOptions, ApiError>| {
            if let Ok(found) = found {
                returns.set(Some(found));
            }
        },
    );

    // Engagement: at most one prompt, loaded after the returns, reported as
    // shown once it is on screen. No prompt, or a failed load, shows nothing.
    let engagement = RwSignal::new(None::<Slot>);
    load(
        {
            let (api, session) = (api.clone(), session.clone());
            move || {
                let (order, currency) = known.get()?;
                let (api, session) = (api.clone(), session.clone());
                Some(async move { engage::load(&api, &session, order, currency, lang).await })
            }
        },
        {
            let session = session.clone();
            move |slot: Option<Slot>| {
                let Some(slot) = slot else {
                    return;
                };
                let (order, prompt) = (slot.order.clone(), slot.view.prompt.clone());
                if engagement.try_set(Some(slot)).is_none() {
                    let (api, session) = (api.clone(), session.clone());
                    request_animation_frame(move || {
                        engage::report(&api, &session, &order, &prompt, Action::Shown);
                    });
                }
            }
        },
    );

    // The return flow or a slip, shown in place of the order (which stays
    // mounted, hidden, so closing them returns to it as it was).
    let screen = RwSignal::new(Screen::Order);
    let close = Callback::new(move |()| {
        screen.set(Screen::Order);
        request_animation_frame(move || {
            if let Some(heading) = heading.get_untracked() {
                ui::focus(&heading);
            }
        });
    });
    let on_slip = Callback::new(move |slip| screen.set(Screen::Slip(slip)));
    let on_start = Callback::new(move |()| screen.set(Screen::Flow));
    let on_created = Callback::new(move |()| reload_returns.reload());
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
                    view! { <PromptCard prompt=slot session=session.clone() on_gone=gone /> }
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
            Screen::Slip(slip) => {
                view! { <ReturnSlip slip=slip order=order options=options on_close=close /> }
                    .into_any()
            }
            _ => view! {
                <ReturnFlow
                    order=order
                    options=options
                    session=session.clone()
                    on_created=on_created
                    on_slip=on_slip
                    on_close=close
                />
            }
            .into_any(),
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
        Load::Failed(error) => view! {
            <LoadError
                error=error
                on_retry=move || {
                    set_state.set(Load::Loading);
                    refresh();
                }
                on_back=on_back
            />
        }
        .into_any(),
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
#[allow(
    clippy::large_enum_variant,
    reason = "within the limit on wasm32, the only target the widget runs on"
)]
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
