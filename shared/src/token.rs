//! Shopper access tokens: what a successful lookup (or a signed deep link
//! from a merchant email) hands the widget so it can read one order.
//!
//! Format: `base64url(payload) "." base64url(HMAC-SHA256(payload))` where
//! payload is `v2|{shop}|{order_id}|{expires_at_secs}|{scope}|{epoch}`.
//! The signature needs no storage read and the secret can rotate, because
//! verification accepts the current and the previous secret. The epoch is
//! the shop's token epoch when the token was minted: raising it (the admin
//! API's revoke-tokens) ends every token minted before, which the edge
//! checks against the shop row it reads anyway.
//!
//! `v1` tokens (no scope, no epoch) from before are still read, as
//! read-only tokens of epoch 0, so deep links already in shoppers' inboxes
//! keep opening until they expire or the shop revokes them.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{OrderId, ShopId, UnixTime};

type HmacSha256 = Hmac<Sha256>;

const VERSION: &str = "v2";
const LEGACY_VERSION: &str = "v1";

/// How long a lookup token stays valid.
pub const LOOKUP_TOKEN_TTL_SECS: i64 = 24 * 3600;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("token is malformed")]
    Malformed,
    #[error("token signature does not match")]
    BadSignature,
    #[error("token has expired")]
    Expired,
    #[error("no signing secret is configured")]
    NoSecret,
}

/// What a token lets its holder do with the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// See the order, its tracking, returns on file and prompts. A signed
    /// deep link in an email is this unless minted for a write: links are
    /// forwarded, logged and kept in browser history.
    Read,
    /// Also act on it: start or cancel a return, review, answer NPS. What a
    /// lookup (order number + email, proven just now) grants.
    Write,
}

impl Scope {
    fn code(self) -> &'static str {
        match self {
            Self::Read => "r",
            Self::Write => "w",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "r" => Some(Self::Read),
            "w" => Some(Self::Write),
            _ => None,
        }
    }
}

/// What a valid token grants: access to one order of one shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderGrant {
    pub shop: ShopId,
    pub order: OrderId,
    pub expires_at: UnixTime,
    pub scope: Scope,
    /// The shop's token epoch at minting; older than the shop's is revoked.
    pub epoch: u32,
}

/// HMAC-SHA256 of `message` under `secret`.
pub fn hmac_sha256(secret: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// Lowercase hex SHA-256, the form in which API keys are stored.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    Sha256::digest(bytes)
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0x0f)]])
        .map(char::from)
        .collect()
}

/// Constant-time check of `signature` against HMAC-SHA256(`message`) under
/// any of `secrets` (current first, then previous during a rotation).
pub fn verify_hmac_sha256(secrets: &[&[u8]], message: &[u8], signature: &[u8]) -> bool {
    secrets.iter().filter(|s| !s.is_empty()).any(|secret| {
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
        mac.update(message);
        mac.verify_slice(signature).is_ok()
    })
}

impl OrderGrant {
    pub fn mint(&self, secret: &[u8]) -> Result<String, TokenError> {
        if secret.is_empty() {
            return Err(TokenError::NoSecret);
        }
        let payload = format!(
            "{VERSION}|{}|{}|{}|{}|{}",
            self.shop,
            self.order,
            self.expires_at.secs(),
            self.scope.code(),
            self.epoch
        );
        let mac = hmac_sha256(secret, payload.as_bytes());
        Ok(format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(mac)
        ))
    }

    /// Verifies `token` against the current and previous secrets and checks
    /// expiry against `now`. The signature is checked before anything in the
    /// payload is believed.
    pub fn verify(token: &str, secrets: &[&[u8]], now: UnixTime) -> Result<Self, TokenError> {
        if secrets.iter().all(|s| s.is_empty()) {
            return Err(TokenError::NoSecret);
        }
        let (payload_b64, mac_b64) = token.trim().split_once('.').ok_or(TokenError::Malformed)?;
        let payload = URL_SAFE_NO_PAD
            .decode(payload_b64)
            .map_err(|_| TokenError::Malformed)?;
        let mac = URL_SAFE_NO_PAD
            .decode(mac_b64)
            .map_err(|_| TokenError::Malformed)?;
        if !verify_hmac_sha256(secrets, &payload, &mac) {
            return Err(TokenError::BadSignature);
        }
        let payload = std::str::from_utf8(&payload).map_err(|_| TokenError::Malformed)?;
        let parts: Vec<&str> = payload.split('|').collect();
        let (shop, order, exp, scope, epoch) = match parts.as_slice() {
            [VERSION, shop, order, exp, scope, epoch] => (
                *shop,
                *order,
                *exp,
                Scope::from_code(scope).ok_or(TokenError::Malformed)?,
                epoch.parse().map_err(|_| TokenError::Malformed)?,
            ),
            [LEGACY_VERSION, shop, order, exp] => (*shop, *order, *exp, Scope::Read, 0),
            _ => return Err(TokenError::Malformed),
        };
        let grant = Self {
            shop: ShopId::parse(shop).map_err(|_| TokenError::Malformed)?,
            order: OrderId::parse(order).map_err(|_| TokenError::Malformed)?,
            expires_at: UnixTime::from_secs(exp.parse().map_err(|_| TokenError::Malformed)?),
            scope,
            epoch,
        };
        if now >= grant.expires_at {
            return Err(TokenError::Expired);
        }
        Ok(grant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant() -> OrderGrant {
        OrderGrant {
            shop: ShopId::parse("demo").unwrap(),
            order: OrderId::parse("1001").unwrap(),
            expires_at: UnixTime::from_secs(2_000),
            scope: Scope::Write,
            epoch: 3,
        }
    }

    fn signed(payload: &str, secret: &[u8]) -> String {
        let mac = hmac_sha256(secret, payload.as_bytes());
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(mac)
        )
    }

    #[test]
    fn scope_and_epoch_survive_the_round_trip() {
        let now = UnixTime::from_secs(1_000);
        for scope in [Scope::Read, Scope::Write] {
            let minted = OrderGrant { scope, ..grant() };
            let token = minted.mint(b"secret").unwrap();
            assert_eq!(OrderGrant::verify(&token, &[b"secret"], now), Ok(minted));
        }
    }

    #[test]
    fn legacy_tokens_read_only_at_epoch_zero() {
        let token = signed("v1|demo|1001|2000", b"secret");
        let grant = OrderGrant::verify(&token, &[b"secret"], UnixTime::from_secs(1_000)).unwrap();
        assert_eq!((grant.scope, grant.epoch), (Scope::Read, 0));
    }

    #[test]
    fn signed_but_odd_payloads_are_malformed() {
        let now = UnixTime::from_secs(1_000);
        for payload in [
            "v2|demo|1001|2000|x|0",
            "v2|demo|1001|2000|w|-1",
            "v2|demo|1001|2000|w",
            "v2|demo|1001|2000|w|0|extra",
            "v1|demo|1001|2000|w|0",
            "v3|demo|1001|2000|w|0",
            "v2|demo|1001|20é0|w|0",
        ] {
            assert_eq!(
                OrderGrant::verify(&signed(payload, b"secret"), &[b"secret"], now),
                Err(TokenError::Malformed),
                "{payload}"
            );
        }
    }

    #[test]
    fn minted_tokens_verify_until_expiry() {
        let token = grant().mint(b"secret").unwrap();
        let now = UnixTime::from_secs(1_000);
        assert_eq!(OrderGrant::verify(&token, &[b"secret"], now), Ok(grant()));
        assert_eq!(
            OrderGrant::verify(&token, &[b"secret"], UnixTime::from_secs(2_000)),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn rotation_accepts_previous_secret() {
        let token = grant().mint(b"old").unwrap();
        let now = UnixTime::from_secs(1_000);
        assert!(OrderGrant::verify(&token, &[b"new", b"old"], now).is_ok());
        assert_eq!(
            OrderGrant::verify(&token, &[b"new"], now),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn tampering_is_detected() {
        let token = grant().mint(b"secret").unwrap();
        let (payload, mac) = token.split_once('.').unwrap();
        let forged_payload = URL_SAFE_NO_PAD.encode("v2|demo|1002|2000|w|3");
        let now = UnixTime::from_secs(1_000);
        assert_eq!(
            OrderGrant::verify(&format!("{forged_payload}.{mac}"), &[b"secret"], now),
            Err(TokenError::BadSignature)
        );
        assert_eq!(
            OrderGrant::verify(&format!("{payload}.AAAA"), &[b"secret"], now),
            Err(TokenError::BadSignature)
        );
        for junk in ["", "abc", "a.b.c", "!!!.???"] {
            assert!(
                OrderGrant::verify(junk, &[b"secret"], now).is_err(),
                "{junk}"
            );
        }
    }

    #[test]
    fn sha256_hex_matches_the_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn empty_secret_is_refused_not_accepted() {
        assert_eq!(grant().mint(b""), Err(TokenError::NoSecret));
        assert_eq!(
            OrderGrant::verify("x.y", &[b""], UnixTime::from_secs(0)),
            Err(TokenError::NoSecret)
        );
    }
}
