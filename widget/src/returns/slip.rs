//! The printable return slip: shop, order, the RMA with its barcode, and
//! the items with quantities and reasons.

use aftercart_shared::api::shopper::{OrderView, ReturnOptions, ReturnView};
use aftercart_shared::barcode::Code128;
use aftercart_shared::i18n::{Lang, Msg, fill};
use aftercart_shared::returns::ChosenReason;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::ItemLines;
use crate::format;
use crate::ui;

/// A printable return slip: shop, order, RMA with its barcode, and the items
/// with quantities and reasons.
#[component]
pub fn ReturnSlip(
    /// The return.
    slip: ReturnView,
    /// The order it belongs to.
    order: OrderView,
    /// For the shop's name and the reasons' labels.
    options: ReturnOptions,
    /// Back to the order.
    on_close: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    let heading = NodeRef::<html::H3>::new();
    ui::focus_each_render(heading);
    let section = NodeRef::<html::Section>::new();
    print_only(section);

    let barcode = Code128::encode(&slip.rma).ok().map(|code| {
        let view_box = ["0 0 ", &format::count(code.total_modules() as usize), " 50"].concat();
        let label = [lang.text(Msg::ReturnNumber), " ", &slip.rma].concat();
        view! {
            <svg class="ac-barcode" viewBox=view_box preserveAspectRatio="none" role="img" aria-label=label shape-rendering="crispEdges">
                <path d=code.svg_path(50) />
            </svg>
        }
    });
    let lines: Vec<(String, u32, ChosenReason)> = slip
        .approved
        .items
        .into_iter()
        .map(|item| (item.line_item_id, item.quantity, item.reason))
        .collect();
    let order_heading = fill(
        lang.text(Msg::OrderHeading),
        &[("number", &order.order_number)],
    );
    let shop_name = options.shop_name.clone();
    view! {
        <section class="ac-card ac-slip" node_ref=section>
            <h3 class="ac-title ac-step-title" tabindex="-1" node_ref=heading>
                {lang.text(Msg::ReturnSlip)}
            </h3>
            <p class="ac-item-title">{shop_name}</p>
            <p>{order_heading}</p>
            <p class="ac-muted">{lang.text(Msg::ReturnNumber)}</p>
            <p class="ac-rma ac-mono">{slip.rma.clone()}</p>
            {barcode}
            <ItemLines lines=lines order=StoredValue::new(order) options=StoredValue::new(options) />
            <div class="ac-actions ac-no-print">
                <button class="ac-button" type="button" on:click=move |_| { let _ = window().print(); }>
                    {lang.text(Msg::PrintSlip)}
                </button>
                <button class="ac-button ac-button-quiet" type="button" on:click=move |_| on_close.run(())>
                    {lang.text(Msg::BackToOrder)}
                </button>
            </div>
        </section>
    }
}

/// While the slip is open, printing the page prints the slip alone: the
/// host page is hidden by one print-only rule and the widget's host element
/// is marked, both undone when the slip closes. The shop's CSS cannot reach
/// into the shadow root, so this is the only way to keep its page out.
fn print_only(section: NodeRef<html::Section>) {
    const MARK: &str = "data-ac-print";
    const STYLE_ID: &str = "ac-print-style";
    if let Ok(style) = document().create_element("style") {
        style.set_id(STYLE_ID);
        style.set_text_content(Some(
            "@media print{body *{visibility:hidden!important}\
             [data-ac-print]{visibility:visible!important;position:absolute!important;\
             left:0!important;top:0!important;width:100%!important}}",
        ));
        if let Some(body) = document().body() {
            let _ = body.append_child(&style);
        }
    }
    Effect::new(move || {
        let Some(section) = section.get() else {
            return;
        };
        let shadow_host = section
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|root| root.host());
        if let Some(element) = shadow_host {
            let _ = element.set_attribute(MARK, "");
        }
    });
    // Found again rather than kept: DOM nodes cannot live in the reactive
    // owner's (thread-safe) storage.
    on_cleanup(move || {
        let document = document();
        if let Some(style) = document.get_element_by_id(STYLE_ID) {
            style.remove();
        }
        if let Ok(Some(host)) = document.query_selector("[data-ac-print]") {
            let _ = host.remove_attribute(MARK);
        }
    });
}
