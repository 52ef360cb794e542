//! Personal data kept no longer and no rawer than the features need.
//!
//! A browser (IP address and User-Agent) is stored only as a keyed hash,
//! [`VisitorHash`]: the same browser under the same key gives the same
//! hash, which is all the self-referral check and click counting compare,
//! while the stored value reveals neither the address nor the browser.
//! A share link counts one click per visitor, code and UTC day
//! ([`utc_day`]). [`Retention`] says how long each kind of row lives; the
//! cron purges by it.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::device::Device;
use crate::time::{SECONDS_PER_DAY, UnixTime};
use crate::token::hmac_sha256;

/// Domain separation: the visitor key is derived from a secret that also
/// signs tokens, and a hash under it must never double as a signature.
const KEY_LABEL: &[u8] = b"aftercart/visitor-hash/v1";

/// How long each kind of personal data is kept, in days: the one place
/// these ages are written (documented in ARCHITECTURE.md, "Personal data").
#[derive(Debug, Clone, Copy)]
pub struct Retention;

impl Retention {
    /// Where a shopper was seen: the self-referral check looks at most
    /// `referral::MAX_DEVICE_WINDOW_HOURS` (30 days; a test in
    /// shared/tests/referral_rules.rs holds this above it) around an order, and
    /// an order can arrive weeks after its referrer's visit.
    pub const SIGHTINGS_DAYS: i64 = 90;
    /// A click's visitor hash (the click itself stays, counted, without it).
    pub const CLICK_VISITORS_DAYS: i64 = 90;
    /// The body of a webhook delivery held for what it waits for; the
    /// delivery's record stays (it dedupes redeliveries).
    pub const HELD_BODIES_DAYS: i64 = 30;

    /// The instants before which rows are purged at `now`.
    pub fn cutoffs(now: UnixTime) -> Cutoffs {
        Cutoffs {
            sightings: now.plus_days(-Self::SIGHTINGS_DAYS),
            click_visitors: now.plus_days(-Self::CLICK_VISITORS_DAYS),
            held_bodies: now.plus_days(-Self::HELD_BODIES_DAYS),
        }
    }
}

/// Rows recorded strictly before these instants are purged; a row exactly
/// its age old is kept until the next run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    pub sightings: UnixTime,
    pub click_visitors: UnixTime,
    pub held_bodies: UnixTime,
}

impl Cutoffs {
    /// Whether a row recorded `at` is past `cutoff` (the purge's rule,
    /// written once: the SQL says `at < cutoff`).
    pub fn expired(cutoff: UnixTime, at: UnixTime) -> bool {
        at < cutoff
    }
}

/// The key visitor hashes are made under: derived from a secret the edge
/// already keeps (the token-signing secret) with [`KEY_LABEL`].
#[derive(Clone, PartialEq, Eq)]
pub struct VisitorKey([u8; 32]);

impl VisitorKey {
    pub fn derive(secret: &[u8]) -> Self {
        Self(hmac_sha256(secret, KEY_LABEL))
    }
}

impl fmt::Debug for VisitorKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VisitorKey(…)")
    }
}

/// Why a stored visitor hash could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrivacyError {
    #[error("not a visitor hash (64 lowercase hex digits): {0:?}")]
    NotAHash(String),
}

/// A browser as stored: lowercase hex HMAC-SHA256 of its network (the
/// IPv4 address, or the IPv6 /64) and its User-Agent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct VisitorHash(String);

impl VisitorHash {
    pub fn of(key: &VisitorKey, device: &Device) -> Self {
        // NUL cannot occur in a header value, so the two parts cannot run
        // into each other.
        let message = format!("{}\0{}", network(&device.ip), device.user_agent.trim());
        Self(hex(&hmac_sha256(&key.0, message.as_bytes())))
    }

    /// A hash as stored.
    pub fn parse(stored: &str) -> Result<Self, PrivacyError> {
        let valid = stored.len() == 64
            && stored
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if valid {
            Ok(Self(stored.to_owned()))
        } else {
            Err(PrivacyError::NotAHash(stored.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for VisitorHash {
    type Error = PrivacyError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<VisitorHash> for String {
    fn from(value: VisitorHash) -> Self {
        value.0
    }
}

/// The network a client address stands for: an IPv4 address itself, an
/// IPv6 address its /64 (one subscriber's allocation, within which privacy
/// extensions rotate addresses), an IPv4-mapped IPv6 address its IPv4
/// address. Anything unparsable stands for itself, trimmed and lowercased.
pub fn network(ip: &str) -> String {
    let ip = ip.trim();
    match ip.parse::<IpAddr>().map(|a| a.to_canonical()) {
        Ok(IpAddr::V4(v4)) => format!("v4:{v4}"),
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("v6:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Err(_) => format!("raw:{}", ip.to_lowercase()),
    }
}

/// The UTC day `at` falls on, as days since the epoch: clicks are counted
/// once per visitor and code within one.
pub const fn utc_day(at: UnixTime) -> i64 {
    at.secs().div_euclid(SECONDS_PER_DAY)
}

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0x0f)]])
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

    use super::*;

    fn key() -> VisitorKey {
        VisitorKey::derive(b"dev-secret")
    }

    fn device(ip: &str, user_agent: &str) -> Device {
        Device {
            ip: ip.into(),
            user_agent: user_agent.into(),
        }
    }

    fn hash(ip: &str, user_agent: &str) -> VisitorHash {
        VisitorHash::of(&key(), &device(ip, user_agent))
    }

    #[test]
    fn a_hash_is_the_keyed_hmac_of_the_network_and_user_agent() {
        // Computed apart from this code (Python's hmac), so a change of the
        // message format, which would stop today's hashes matching
        // yesterday's, fails here.
        assert_eq!(
            hash("203.0.113.7", "Mozilla/5.0").as_str(),
            "a1f9f05e26cd0c92f5e34ff4fb81578c992c4d0e64327028885d8b2b4fd00a57"
        );
        assert_eq!(
            hash("2001:db8:85a3::8a2e:370:7334", "Mozilla/5.0").as_str(),
            "de121a81d95671ac2386e0b20c24bc0f21c8311cc718e7cdeba428eede5dc81b"
        );
    }

    #[test]
    fn the_same_browser_under_the_same_key_hashes_the_same_and_reveals_nothing() {
        let a = hash("203.0.113.7", "Mozilla/5.0 (Macintosh)");
        assert_eq!(a, hash(" 203.0.113.7 ", "Mozilla/5.0 (Macintosh)"));
        assert_ne!(a, hash("203.0.113.8", "Mozilla/5.0 (Macintosh)"));
        assert_ne!(a, hash("203.0.113.7", "Mozilla/5.0 (iPhone)"));
        let other_key = VisitorHash::of(
            &VisitorKey::derive(b"another-secret"),
            &device("203.0.113.7", "Mozilla/5.0 (Macintosh)"),
        );
        assert_ne!(a, other_key);
        assert!(!a.as_str().contains("203"));
        assert!(!a.as_str().contains("Mozilla"));
        assert_eq!(VisitorHash::parse(a.as_str()), Ok(a));
    }

    #[test]
    fn ipv6_is_one_visitor_per_64_and_mapped_ipv4_is_its_ipv4() {
        let ua = "Firefox";
        assert_eq!(
            hash("2001:db8:1:2:aaaa::1", ua),
            hash("2001:0db8:0001:0002:ffff:1:2:3", ua)
        );
        assert_ne!(hash("2001:db8:1:2::1", ua), hash("2001:db8:1:3::1", ua));
        assert_eq!(hash("::ffff:198.51.100.4", ua), hash("198.51.100.4", ua));
        assert_eq!(network("2001:DB8:1:2::9"), "v6:2001:db8:1:2::/64");
        assert_eq!(network("198.51.100.4"), "v4:198.51.100.4");
        // Not an address: itself, never a shared bucket with a real one.
        assert_eq!(network(" Unknown "), "raw:unknown");
        assert_ne!(hash("unknown", ua), hash("", ua));
    }

    #[test]
    fn stored_hashes_are_64_lowercase_hex_digits() {
        let ok = "a".repeat(64);
        assert!(VisitorHash::parse(&ok).is_ok());
        for bad in [
            "",
            "A".repeat(64).as_str(),
            &"a".repeat(63),
            "203.0.113.7",
            &"g".repeat(64),
        ] {
            assert!(VisitorHash::parse(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<VisitorHash>("\"198.51.100.1\"").is_err());
    }

    #[test]
    fn clicks_are_bucketed_by_utc_day() {
        let midnight = 1_800_000_000 - 1_800_000_000 % SECONDS_PER_DAY;
        let day = utc_day(UnixTime::from_secs(midnight));
        assert_eq!(
            utc_day(UnixTime::from_secs(midnight + SECONDS_PER_DAY - 1)),
            day
        );
        assert_eq!(utc_day(UnixTime::from_secs(midnight - 1)), day - 1);
        assert_eq!(
            utc_day(UnixTime::from_secs(midnight + SECONDS_PER_DAY)),
            day + 1
        );
        assert_eq!(utc_day(UnixTime::from_secs(-1)), -1);
    }

    #[test]
    fn rows_older_than_their_age_are_purged_and_not_a_second_sooner() {
        let now = UnixTime::from_secs(1_800_000_000);
        let cut = Retention::cutoffs(now);
        let days = |n: i64| now.plus_days(-n);
        assert_eq!(cut.sightings, days(90));
        assert_eq!(cut.click_visitors, days(90));
        assert_eq!(cut.held_bodies, days(30));
        assert!(!Cutoffs::expired(cut.sightings, days(90)));
        assert!(Cutoffs::expired(cut.sightings, days(90).plus_secs(-1)));
        assert!(!Cutoffs::expired(cut.held_bodies, days(30)));
        assert!(Cutoffs::expired(cut.held_bodies, days(31)));
        assert!(!Cutoffs::expired(cut.held_bodies, days(29)));
    }

    #[test]
    fn the_key_does_not_show_in_debug_output() {
        assert_eq!(format!("{:?}", key()), "VisitorKey(…)");
    }
}
