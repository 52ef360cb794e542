//! The policy in plain language, in three parts (what and until when; how;
//! general rules), built only from catalog strings and the merchant's own
//! labels, so it can never disagree with the engine that applies it.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg, fill};

use super::format;
use super::policy::{ItemRule, ReturnPolicy, WindowStart};
use super::reasons::LocalizedText;
use super::resolution::{Resolution, Terms};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PolicySummary {
    pub what_and_until: Vec<String>,
    pub how: Vec<String>,
    pub rules: Vec<String>,
}

pub fn explain(policy: &ReturnPolicy, lang: Lang) -> PolicySummary {
    let label = |text: Option<&LocalizedText>, fallback: &str| -> String {
        text.and_then(|t| t.get(lang, policy.default_lang))
            .unwrap_or(fallback)
            .to_owned()
    };
    let group = |rule: &ItemRule| label(rule.label.as_ref(), rule.selector.value());
    let period = |days: u16| format::period_days(u32::from(days), lang);

    let mut what_and_until = Vec::new();
    let basis = match policy.window.starts_at {
        WindowStart::Delivery => Msg::ReturnExplainWindowFromDelivery,
        WindowStart::Fulfillment => Msg::ReturnExplainWindowFromShipping,
        WindowStart::OrderDate => Msg::ReturnExplainWindowFromOrder,
    };
    what_and_until.push(fill(
        lang.text(basis),
        &[("period", &period(policy.window.days))],
    ));
    // Only group windows that differ from the default say anything new; a
    // final-sale group has no window at all and is listed under rules.
    for rule in &policy.rules {
        if let Some(days) = rule.window_days.filter(|d| *d != policy.window.days)
            && !rule.final_sale
        {
            what_and_until.push(fill(
                lang.text(Msg::ReturnExplainGroupWindow),
                &[("group", &group(rule)), ("period", &period(days))],
            ));
        }
    }
    if !policy.excluded.is_empty() {
        let items: Vec<String> = policy
            .excluded
            .iter()
            .map(|e| label(e.label.as_ref(), e.selector.value()))
            .collect();
        what_and_until.push(fill(
            lang.text(Msg::ReturnExplainNotReturnable),
            &[("items", &items.join(", "))],
        ));
    }
    what_and_until.push(fill(
        lang.text(Msg::ReturnExplainWindowEnds),
        &[("offset", &policy.utc_offset_minutes.label())],
    ));

    let mut how = vec![lang.text(Msg::ReturnExplainHowStart).to_owned()];
    for (resolution, terms) in policy.resolutions.offered() {
        how.push(offer(resolution, terms, &policy.currency, lang));
    }
    how.push(lang.text(Msg::ReturnExplainHowProcessed).to_owned());

    let mut rules: Vec<String> = policy
        .condition_notes
        .iter()
        .filter_map(|note| note.get(lang, policy.default_lang))
        .map(str::to_owned)
        .collect();
    for rule in &policy.rules {
        if rule.final_sale {
            rules.push(fill(
                lang.text(Msg::ReturnExplainFinalSale),
                &[("group", &group(rule))],
            ));
        } else if rule.exchange_only {
            rules.push(fill(
                lang.text(Msg::ReturnExplainExchangeOnly),
                &[("group", &group(rule))],
            ));
        }
    }
    PolicySummary {
        what_and_until,
        how,
        rules,
    }
}

/// "Refund to your original payment method. Return fee: SEK 49."
fn offer(resolution: Resolution, terms: Terms, currency: &str, lang: Lang) -> String {
    let what = match resolution {
        Resolution::Refund => lang.text(Msg::ReturnExplainRefund).to_owned(),
        Resolution::StoreCredit if terms.bonus_percent > 0 => fill(
            lang.text(Msg::ReturnExplainCreditBonus),
            &[("percent", &terms.bonus_percent.to_string())],
        ),
        Resolution::StoreCredit => lang.text(Msg::ReturnExplainCredit).to_owned(),
        Resolution::Exchange => lang.text(Msg::ReturnExplainExchange).to_owned(),
    };
    let fee = if terms.fee_minor > 0 {
        fill(
            lang.text(Msg::ReturnExplainFee),
            &[("amount", &format::money(terms.fee_minor, currency, lang))],
        )
    } else {
        lang.text(Msg::ReturnExplainNoFee).to_owned()
    };
    format!("{what} {fee}")
}
