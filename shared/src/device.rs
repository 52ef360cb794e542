//! Where a browser was seen, for "is this the same person" checks: the
//! checkout of an ingested order and the referrer's visits carry one.

use serde::{Deserialize, Serialize};

/// Where a browser was seen: the IP address and User-Agent header, as the
/// edge recorded them (compared exactly).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub ip: String,
    pub user_agent: String,
}
