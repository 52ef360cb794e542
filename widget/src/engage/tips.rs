//! Links to follow: products that go with the order, and tips on using it.

use aftercart_shared::engage::{RecommendedProduct, UsageTip};
use aftercart_shared::i18n::{Lang, Msg, fill};
use leptos::prelude::*;

use super::Card;
use crate::format;

/// A row of products that scrolls sideways, snapping to each.
#[component]
pub(super) fn Recommendations(
    /// The prompt's card; following a product answers it.
    card: Card,
    /// The products, in the merchant's order.
    products: Vec<RecommendedProduct>,
    /// A code for them, after delivery, when the merchant attached one.
    discount_code: Option<String>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <ul class="ac-carousel">
            {products
                .into_iter()
                .map(|product| {
                    let price = format::money(lang, product.price_minor, &product.currency);
                    let image = product.image_url.map(|src| {
                        view! { <img src=src alt="" width="144" height="144" loading="lazy" decoding="async" /> }
                    });
                    view! {
                        <li>
                            <a class="ac-product" href=product.url target="_blank" rel="noopener noreferrer" on:click=card.on_follow()>
                                <span class="ac-product-image">{image}</span>
                                <span class="ac-item-title">{product.title}</span>
                                <span class="ac-muted">{price}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {discount_code
            .map(|code| {
                view! { <p class="ac-notice">{fill(lang.text(Msg::RecommendationsCode), &[("code", &code)])}</p> }
            })}
    }
}

/// A few tips on using what was bought.
#[component]
pub(super) fn UsageTips(
    /// The prompt's card; following a tip's link answers it.
    card: Card,
    /// The tips, in the merchant's order.
    tips: Vec<UsageTip>,
) -> impl IntoView {
    let lang = expect_context::<Lang>();
    view! {
        <ul class="ac-list">
            {tips
                .into_iter()
                .map(|tip| {
                    let more = tip.url.map(|url| {
                        let name = [lang.text(Msg::TipReadMore), ": ", &tip.title].concat();
                        view! {
                            <a class="ac-link" href=url target="_blank" rel="noopener noreferrer" aria-label=name on:click=card.on_follow()>
                                {lang.text(Msg::TipReadMore)}
                            </a>
                        }
                    });
                    view! {
                        <li>
                            <span class="ac-item-title">{tip.title}</span>
                            <span>{tip.body}</span>
                            {more}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
