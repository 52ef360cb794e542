//! The root component: switches between the lookup form and an order.

use aftercart_shared::api::shopper::{LookupRequest, OrderView};
use aftercart_shared::i18n::{Lang, Msg};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::api::{Api, ApiError, Session};
use crate::lookup::LookupForm;
use crate::order::OrderPage;

/// Which screen is showing.
#[allow(
    clippy::large_enum_variant,
    reason = "within the limit on wasm32, the only target the widget runs on"
)]
#[derive(Debug, Clone)]
enum Screen {
    Lookup {
        /// Move focus into the form (when the shopper came back from an order).
        focus: bool,
        /// The order number to fill in: an order the shopper chose to open
        /// or to act on, which needs its own proof.
        number: Option<String>,
    },
    Order {
        session: Session,
        /// The order that came with the lookup response, so it is not
        /// fetched twice.
        seed: Option<OrderView>,
        /// Move focus to the order heading (after a lookup, not on page load).
        focus: bool,
    },
}

/// The whole widget.
#[component]
pub fn App(
    /// The shop's API.
    api: Api,
    /// The negotiated language; every string and date uses it.
    lang: Lang,
    /// A session from a signed deep link: show that order right away.
    session: Option<Session>,
) -> impl IntoView {
    provide_context(lang);
    provide_context(api.clone());

    let (screen, set_screen) = signal(match session {
        Some(session) => Screen::Order {
            session,
            seed: None,
            focus: false,
        },
        None => Screen::Lookup {
            focus: false,
            number: None,
        },
    });
    // The email of the last successful lookup, in memory only: with it,
    // one of "your other orders" opens by its own number and this email,
    // the same proof a lookup asks for.
    let (proven_email, set_proven_email) = signal(None::<String>);

    let (busy, set_busy) = signal(false);
    // The form's error: the last lookup's, or why the order page sent the
    // shopper back (`SessionExpired`).
    let (error, set_error) = signal(None::<ApiError>);

    // A plain task rather than an `Action`: one in-flight flag and one
    // error are all the form needs (ARCHITECTURE.md, "The widget's size").
    let lookup = move |request: LookupRequest| {
        let api = api.clone();
        set_error.set(None);
        set_busy.set(true);
        leptos::task::spawn_local(async move {
            let result = api.lookup(&request).await;
            set_busy.set(false);
            match result {
                Ok(found) => {
                    set_error.set(None);
                    set_proven_email.set(Some(request.email.clone()));
                    set_screen.set(Screen::Order {
                        session: Session {
                            order_id: Some(found.order.id.as_str().to_owned()),
                            token: found.token,
                        },
                        seed: Some(found.order),
                        focus: true,
                    });
                }
                Err(failure) => set_error.set(Some(failure)),
            }
        });
    };

    // Counts the tab becoming visible again, for the open order to refresh.
    // Listened to on the document (where the event is fired); registered
    // once, like the widget itself never unmounted.
    let (shown, set_shown) = signal(0u32);
    let on_visibility = Closure::<dyn Fn()>::new(move || {
        if !document().hidden() {
            set_shown.update(|n| *n = n.wrapping_add(1));
        }
    });
    let _ = document().add_event_listener_with_callback(
        "visibilitychange",
        on_visibility.as_ref().unchecked_ref(),
    );
    on_visibility.forget();

    let back_to_form = move |reason: Option<ApiError>, focus: bool| {
        set_error.set(reason);
        set_screen.set(Screen::Lookup {
            focus,
            number: None,
        });
    };
    // One of "your other orders", or this order when its link is
    // read-only: proven by its own number and the email proven before, or
    // the form with the number filled in.
    let open = {
        let lookup = lookup.clone();
        move |number: String| match proven_email.get_untracked() {
            Some(email) => lookup(LookupRequest {
                order_number: number,
                email,
            }),
            None => {
                set_error.set(Some(ApiError::ProofNeeded));
                set_screen.set(Screen::Lookup {
                    focus: true,
                    number: Some(number),
                });
            }
        }
    };

    view! {
        <div class="ac-app">
            {move || match screen.get() {
                Screen::Lookup { focus, number } => {
                    view! {
                        <LookupForm
                            on_submit=Callback::new(lookup.clone())
                            busy=busy.into()
                            error=error.into()
                            focus=focus
                            number=number
                        />
                    }
                        .into_any()
                }
                Screen::Order { session, seed, focus } => {
                    view! {
                        <OrderPage
                            session=session
                            seed=seed
                            focus=focus
                            shown=shown
                            on_back=Callback::new(move |()| back_to_form(None, true))
                            on_expired=Callback::new(move |focus| {
                                back_to_form(Some(ApiError::SessionExpired), focus)
                            })
                            on_open=Callback::new(open.clone())
                        />
                    }
                        .into_any()
                }
            }}
            <p class="ac-powered">{lang.text(Msg::PoweredBy)}</p>
        </div>
    }
}
