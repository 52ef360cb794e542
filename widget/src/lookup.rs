//! The order lookup form: order number + email.

use aftercart_shared::api::shopper::LookupRequest;
use aftercart_shared::i18n::{Lang, Msg};
use aftercart_shared::{Email, OrderNumber};
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::format::aria_bool;
use crate::ui::{self, Spinner};

/// Which field failed the local check, so it can be marked and focused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Invalid {
    OrderNumber,
    Email,
}

/// The first field that cannot be right. The edge parses authoritatively
/// (`LookupRequest::parse`); this mirrors its rules without its Unicode
/// case tables (ARCHITECTURE.md, "The widget's size").
fn check(request: &LookupRequest) -> Option<Invalid> {
    let number = request.order_number.trim();
    let number = number.strip_prefix('#').unwrap_or(number);
    if number.trim().is_empty() || number.len() > OrderNumber::MAX_LEN {
        return Some(Invalid::OrderNumber);
    }
    let email = request.email.trim();
    let plausible = email.len() <= Email::MAX_LEN
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain
                    .split_once('.')
                    .is_some_and(|(name, tld)| !name.is_empty() && !tld.is_empty())
        });
    (!plausible).then_some(Invalid::Email)
}

/// The lookup form. Checks the fields locally first, so most typos never
/// cost a request.
#[component]
pub fn LookupForm(
    /// Called with a request that passed the local check.
    on_submit: Callback<LookupRequest>,
    /// A lookup is in flight: the button shows it and ignores clicks.
    busy: Signal<bool>,
    /// The last lookup's error, or why the shopper was sent back here.
    error: Signal<Option<ApiError>>,
    /// Focus the first field on mount (not on page load: that would steal
    /// focus from the host page).
    focus: bool,
    /// An order number to fill in (the shopper chose that order).
    number: Option<String>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let number_input = NodeRef::<html::Input>::new();
    let email_input = NodeRef::<html::Input>::new();
    let (invalid, set_invalid) = signal(None::<Invalid>);

    let prefilled = number.is_some();
    if focus {
        // With the number filled in, what is left to type is the email.
        ui::focus_first_render(if prefilled { email_input } else { number_input });
    }

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (Some(number), Some(email)) = (number_input.get(), email_input.get()) else {
            return;
        };
        let request = LookupRequest {
            order_number: number.value(),
            email: email.value(),
        };
        match check(&request) {
            None => {
                set_invalid.set(None);
                on_submit.run(request);
            }
            Some(which) => {
                set_invalid.set(Some(which));
                let input = if which == Invalid::Email {
                    email
                } else {
                    number
                };
                let _ = input.focus();
            }
        }
    };

    // The local check wins over a stale server error; busy wins over both.
    let status = move || {
        if busy.get() {
            Some(Msg::LookingUp)
        } else if invalid.get().is_some() {
            Some(Msg::InvalidInput)
        } else {
            error.get().map(ApiError::message)
        }
    };
    let is_error = move || !busy.get() && (invalid.get().is_some() || error.get().is_some());
    let can_retry = move || {
        !busy.get() && invalid.get().is_none() && error.get().is_some_and(ApiError::is_transient)
    };
    let marked = move |which: Invalid| move || aria_bool(invalid.get() == Some(which));

    view! {
        <form class="ac-card ac-lookup" novalidate on:submit=submit>
            <h2 class="ac-title">{lang.text(Msg::LookupTitle)}</h2>
            // A status takes the intro's place, so the form with an error
            // still fits the loader's reserved 480px on a narrow phone.
            <p class="ac-muted" class:ac-hidden=move || status().is_some()>
                {lang.text(Msg::LookupIntro)}
            </p>
            <div class="ac-field">
                <label for="ac-number">{lang.text(Msg::OrderNumberLabel)}</label>
                <input
                    id="ac-number"
                    name="orderNumber"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    placeholder=lang.text(Msg::OrderNumberHint)
                    aria-describedby="ac-number-hint"
                    aria-invalid=marked(Invalid::OrderNumber)
                    prop:value=number.unwrap_or_default()
                    node_ref=number_input
                />
                // Shown as the placeholder; read as the description.
                <p id="ac-number-hint" class="ac-hint ac-sr">
                    {lang.text(Msg::OrderNumberHint)}
                </p>
            </div>
            <div class="ac-field">
                <label for="ac-email">{lang.text(Msg::EmailLabel)}</label>
                <input
                    id="ac-email"
                    name="email"
                    type="email"
                    inputmode="email"
                    autocomplete="email"
                    spellcheck="false"
                    aria-invalid=marked(Invalid::Email)
                    node_ref=email_input
                />
            </div>
            <div class="ac-status" class:ac-status-error=is_error role="status" aria-live="polite">
                {move || status().map(|msg| lang.text(msg))}
            </div>
            <button class="ac-button" type="submit" aria-disabled=move || aria_bool(busy.get())>
                <Spinner busy=busy />
                {move || lang.text(if busy.get() { Msg::LookingUp } else if can_retry() { Msg::TryAgain } else { Msg::LookupSubmit })}
            </button>
        </form>
    }
}
