//! The shopper-facing widget: a Leptos client-side app compiled to wasm32
//! and mounted into a shadow root by `loader.js`.
//!
//! The only export is [`mount`]; the loader calls it once per script tag.

mod api;
mod app;
mod engage;
mod format;
#[cfg(test)]
mod inert;
mod load;
mod lookup;
mod order;
mod returns;
mod ui;

use aftercart_shared::i18n::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

use crate::api::{Api, Session};
use crate::app::App;

/// Mounts the widget into `root`.
///
/// `config` is a plain JS object:
/// `{ shop: string, apiBase: string, lang?: string, token?: string, orderId?: string }`.
/// With `token` the lookup form is skipped and the order is loaded directly:
/// the one the token names (a signed deep link, `?t=` on the shop's page),
/// or `orderId` when given.
#[wasm_bindgen]
pub fn mount(root: ShadowRoot, config: JsValue) {
    let (Some(shop), Some(api_base)) = (field(&config, "shop"), field(&config, "apiBase")) else {
        // A developer error in the embed code, not something a shopper can fix.
        wasm_bindgen::throw_str("aftercart: mount() needs `shop` and `apiBase`");
    };
    let lang = negotiate_lang(field(&config, "lang").as_deref());
    let session = field(&config, "token").map(|token| Session {
        order_id: field(&config, "orderId"),
        token,
    });

    let Some(host) = leptos::prelude::document()
        .create_element("div")
        .ok()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    host.set_class_name("ac-root");
    // Screen readers and `Intl` pick the language up from here.
    let _ = host.set_attribute("lang", lang.tag());
    if root.append_child(&host).is_err() {
        return;
    }

    let api = Api::new(&api_base, &shop);
    leptos::mount::mount_to(host, move || {
        leptos::view! { <App api=api lang=lang session=session /> }
    })
    // The widget lives as long as the page; nothing ever unmounts it.
    .forget();
}

/// A non-empty string property of the config object.
fn field(config: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(config, &JsValue::from_str(name))
        .ok()?
        .as_string()
        .filter(|value| !value.trim().is_empty())
}

/// The embed's `data-lang` first, then the browser's preference list.
fn negotiate_lang(explicit: Option<&str>) -> Lang {
    let preferred: Vec<String> = leptos::prelude::window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    Lang::negotiate(explicit, preferred.iter().map(String::as_str))
}
