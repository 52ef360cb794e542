//! Shopper access tokens: what a successful lookup (or a signed deep link
//! from a merchant email) hands the widget so it can read one order.
//!
//! Format: `base64url(payload) "." base64url(HMAC-SHA256(payload))` where
//! payload is `v1|{shop}|{order_id}|{expires_at_secs}`. Stateless on purpose:
//! the edge verifies without a storage read, and the secret can rotate
//! because verification accepts the current and the previous secret.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{OrderId, ShopId, UnixTime};

type HmacSha256 = Hmac<Sha256>;

const VERSION: &str = "v1";

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

/// What a valid token grants: read access to one order of one shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderGrant {
    pub shop: ShopId,
    pub order: OrderId,
    pub expires_at: UnixTime,
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
            "{VERSION}|{}|{}|{}",
            self.shop,
            self.order,
            self.expires_at.secs()
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
        let mut parts = payload.split('|');
        let (Some(VERSION), Some(shop), Some(order), Some(exp), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(TokenError::Malformed);
        };
        let grant = Self {
            shop: ShopId::parse(shop).map_err(|_| TokenError::Malformed)?,
            order: OrderId::parse(order).map_err(|_| TokenError::Malformed)?,
            expires_at: UnixTime::from_secs(exp.parse().map_err(|_| TokenError::Malformed)?),
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
        let forged_payload = URL_SAFE_NO_PAD.encode("v1|demo|1002|2000");
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
