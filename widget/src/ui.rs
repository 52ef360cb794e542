//! Small pieces several screens share: a radio group, the error line, the
//! busy spinner, and moving focus to what just appeared.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// A radio group over `(value, label)` choices bound to `value`. The group
/// is the browser's own, arrow keys and all.
#[component]
pub fn Radios(
    /// The inputs' `name`, one per group on the page.
    name: String,
    /// `(value, label)` pairs, in order.
    choices: Vec<(String, String)>,
    /// The chosen value; empty while none is.
    value: RwSignal<String>,
) -> impl IntoView {
    choices
        .into_iter()
        .map(|(id, label)| {
            let checked = id.clone();
            view! {
                <label class="ac-choice">
                    <input
                        type="radio"
                        name=name.clone()
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

/// An error line that screen readers announce when it fills.
#[component]
pub fn Alert<M, T>(
    /// What it says; nothing while it is `None`.
    message: M,
) -> impl IntoView
where
    M: Fn() -> Option<T> + Send + Sync + 'static,
    T: IntoView + 'static,
{
    view! { <p class="ac-status ac-status-error" role="alert">{message}</p> }
}

/// The spinner inside a button while what it sends is on its way.
#[component]
pub fn Spinner(
    /// Spinning (and shown) while this is true.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    view! { <span class="ac-spinner" aria-hidden="true" class:ac-hidden=move || !busy.get()></span> }
}

/// Focuses an element (a heading with `tabindex="-1"`, a field).
pub fn focus(element: &impl JsCast) {
    let _ = element.unchecked_ref::<HtmlElement>().focus();
}

/// Moves focus to `node` each time it renders anew (each step's title), so
/// keyboard and screen-reader users start reading there.
pub fn focus_each_render<E>(node: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move || {
        if let Some(element) = node.get() {
            focus(&element);
        }
    });
}

/// Moves focus to `node` when it first renders, and not again when it
/// renders anew (a refresh must not steal the shopper's focus).
pub fn focus_first_render<E>(node: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let pending = StoredValue::new(true);
    Effect::new(move || {
        if let Some(element) = node.get()
            && pending.get_value()
        {
            pending.set_value(false);
            focus(&element);
        }
    });
}
