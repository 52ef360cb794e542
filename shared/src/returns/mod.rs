//! Returns: a transparent policy engine.
//!
//! The merchant's [`ReturnPolicy`] is data. Whether an item can go back is
//! decided by small [validators](eligibility::VALIDATORS), each giving a
//! stable [`RefusalCode`] and a plain-language reason in the shopper's
//! language. [`check_request`] checks a whole request and computes the
//! money in integer minor units; [`explain`] renders the same policy for
//! shoppers; [`RmaNumber`] names a return; [`lifecycle`] moves it along.
//!
//! Like the rest of the crate this reads no clock: `now` is passed in, and
//! deadlines are computed in the shop's fixed UTC offset (see
//! [`UtcOffset`] for daylight saving time).

mod catalog;
pub mod eligibility;
mod explain;
pub mod format;
pub mod lifecycle;
mod policy;
pub mod reasons;
mod request;
mod resolution;
mod rma;

pub use catalog::{ProductCatalog, ProductFacts, Selector};
pub use eligibility::{Refusal, RefusalCode};
pub use explain::{PolicySummary, explain};
pub use lifecycle::{
    Actor, LifecycleError, ReturnEvent, ReturnHistoryEntry, ReturnStatus, Transition, available,
    transition,
};
pub use policy::{
    Deadline, Exclusion, ItemRule, ItemTerms, MAX_WINDOW_DAYS, PolicyError, ReturnPolicy,
    UtcOffset, Window, WindowStart,
};
pub use reasons::{ChosenReason, LocalizedText, Reason, ReasonError, Requirements, SubReason};
pub use request::{
    Amounts, ApprovedItem, ApprovedReturn, EarlierReturn, ItemAssessment, ItemRefusal,
    RequestedItem, ReturnRequest, Returnable, ReturnableOrder, ReturnedUnits, assess,
    check_request, common_resolutions, line_amount, units_in_earlier_returns,
};
pub use resolution::{Resolution, Resolutions, Terms};
pub use rma::{RmaError, RmaNumber};
