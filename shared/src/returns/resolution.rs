//! How a return can be settled, and the terms of each resolution a
//! policy offers.

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

wire_enum! {
    /// How a return can be settled.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Resolution {
        /// Money back to the original payment method.
        Refund = "refund",
        StoreCredit = "store_credit",
        /// Another variant of the same product.
        Exchange = "exchange",
    }
}

/// The terms of one offered resolution. `bonusPercent` only means something
/// for store credit and must be 0 elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Terms {
    /// Charged once per return, in the policy currency's minor units.
    #[serde(default)]
    pub fee_minor: i64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub bonus_percent: u16,
}

fn is_zero(n: &u16) -> bool {
    *n == 0
}

/// The resolutions on offer; an absent one is not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Resolutions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<Terms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_credit: Option<Terms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<Terms>,
}

impl Resolutions {
    pub fn terms(&self, resolution: Resolution) -> Option<Terms> {
        match resolution {
            Resolution::Refund => self.refund,
            Resolution::StoreCredit => self.store_credit,
            Resolution::Exchange => self.exchange,
        }
    }

    /// Offered resolutions in display order.
    pub fn offered(&self) -> impl Iterator<Item = (Resolution, Terms)> + '_ {
        Resolution::ALL
            .into_iter()
            .filter_map(|r| self.terms(r).map(|t| (r, t)))
    }
}
