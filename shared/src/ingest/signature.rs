//! Webhook signature checks. Every source signs the raw body with
//! HMAC-SHA256 under a shared secret; they differ in header and encoding.
//!
//! | source      | header                    | value                                   |
//! |-------------|---------------------------|-----------------------------------------|
//! | Shopify     | `X-Shopify-Hmac-Sha256`   | base64(HMAC)                            |
//! | AfterShip   | `aftership-hmac-sha256`   | base64(HMAC)                            |
//! | WooCommerce | `X-WC-Webhook-Signature`  | base64(HMAC)                            |
//! | EasyPost    | `X-Hmac-Signature`        | `hmac-sha256-hex=` + hex(HMAC)          |
//!
//! EasyPost keys the HMAC with the webhook secret after Unicode NFKD
//! normalization. This crate has no Unicode tables, so secrets are used as
//! given: ASCII secrets (what EasyPost's dashboard generates) are unchanged
//! by NFKD; a non-ASCII secret must be NFKD-normalized by the caller
//! (`secret.normalize("NFKD")` in the worker) before it is passed here.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::Source;
use crate::token::verify_hmac_sha256;

/// Why a webhook's signature was not accepted. The edge answers 401 to all
/// of them; the variants exist for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// Refusing is the only safe answer without a secret: accepting would
    /// let anyone write orders.
    #[error("no webhook secret is configured for {0}")]
    NoSecret(Source),
    #[error("{origin} request has no `{header}` header")]
    MissingHeader {
        origin: Source,
        header: &'static str,
    },
    #[error("{origin} `{header}` header is not a well-formed signature")]
    Malformed {
        origin: Source,
        header: &'static str,
    },
    #[error("{0} signature does not match the body")]
    Mismatch(Source),
}

const EASYPOST_PREFIX: &str = "hmac-sha256-hex=";

/// The signature header of `source`, lowercase.
pub const fn signature_header(source: Source) -> &'static str {
    match source {
        Source::Shopify => "x-shopify-hmac-sha256",
        Source::AfterShip => "aftership-hmac-sha256",
        Source::WooCommerce => "x-wc-webhook-signature",
        Source::EasyPost => "x-hmac-signature",
    }
}

/// Checks the signature over the raw `body` against any of `secrets`
/// (current first, then the previous one while a rotation is under way).
///
/// `headers` is called with lowercase header names. Empty secrets are
/// ignored, and if none is left the request is refused.
pub fn verify(
    source: Source,
    headers: impl Fn(&str) -> Option<String>,
    body: &[u8],
    secrets: &[&[u8]],
) -> Result<(), SignatureError> {
    if secrets.iter().all(|s| s.is_empty()) {
        return Err(SignatureError::NoSecret(source));
    }
    let header = signature_header(source);
    let value = headers(header).ok_or(SignatureError::MissingHeader {
        origin: source,
        header,
    })?;
    let value = value.trim();
    let malformed = SignatureError::Malformed {
        origin: source,
        header,
    };
    let signature = match source {
        Source::EasyPost => {
            // The prefix names the scheme; compare it case-insensitively as
            // EasyPost's own libraries do, the digest must be exact hex.
            let prefix = value
                .get(..EASYPOST_PREFIX.len())
                .filter(|p| p.eq_ignore_ascii_case(EASYPOST_PREFIX))
                .ok_or(malformed.clone())?;
            decode_hex(&value[prefix.len()..]).ok_or(malformed)?
        }
        Source::Shopify | Source::AfterShip | Source::WooCommerce => {
            STANDARD.decode(value).map_err(|_| malformed)?
        }
    };
    // A 32-byte digest is the only length that can match; refusing others
    // early is not a timing leak (the length is public).
    if signature.len() != 32 {
        return Err(SignatureError::Malformed {
            origin: source,
            header,
        });
    }
    if verify_hmac_sha256(secrets, body, &signature) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch(source))
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes()
        .chunks_exact(2)
        .map(|pair| {
            let hi = char::from(pair[0]).to_digit(16)?;
            let lo = char::from(pair[1]).to_digit(16)?;
            u8::try_from(hi * 16 + lo).ok()
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;
    use crate::token::hmac_sha256;

    const BODY: &[u8] = br#"{"id":450789469,"total_price":"409.94"}"#;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The header value each source would send for `body` under `secret`.
    fn signed(source: Source, secret: &[u8], body: &[u8]) -> String {
        let mac = hmac_sha256(secret, body);
        match source {
            Source::EasyPost => format!("{EASYPOST_PREFIX}{}", hex(&mac)),
            _ => STANDARD.encode(mac),
        }
    }

    fn check(
        source: Source,
        header: Option<String>,
        body: &[u8],
        secrets: &[&[u8]],
    ) -> Result<(), SignatureError> {
        let name = signature_header(source);
        verify(
            source,
            |h: &str| (h == name).then(|| header.clone()).flatten(),
            body,
            secrets,
        )
    }

    #[test]
    fn valid_signatures_verify_for_every_source() {
        for source in Source::ALL {
            let header = signed(source, b"current", BODY);
            assert_eq!(
                check(source, Some(header), BODY, &[b"current"]),
                Ok(()),
                "{source}"
            );
        }
    }

    #[test]
    fn previous_secret_is_accepted_during_rotation() {
        for source in Source::ALL {
            let header = signed(source, b"previous", BODY);
            assert_eq!(
                check(
                    source,
                    Some(header.clone()),
                    BODY,
                    &[b"current", b"previous"]
                ),
                Ok(())
            );
            assert_eq!(
                check(source, Some(header), BODY, &[b"current"]),
                Err(SignatureError::Mismatch(source))
            );
        }
    }

    #[test]
    fn wrong_secret_forgery_and_tampering_are_refused() {
        for source in Source::ALL {
            let wrong = signed(source, b"attacker", BODY);
            assert_eq!(
                check(source, Some(wrong), BODY, &[b"current"]),
                Err(SignatureError::Mismatch(source))
            );
            let forged = signed(source, b"current", b"{}");
            assert_eq!(
                check(source, Some(forged), BODY, &[b"current"]),
                Err(SignatureError::Mismatch(source))
            );
            let genuine = signed(source, b"current", BODY);
            let tampered = br#"{"id":450789469,"total_price":"0.01"}"#;
            assert_eq!(
                check(source, Some(genuine), tampered, &[b"current"]),
                Err(SignatureError::Mismatch(source))
            );
        }
    }

    #[test]
    fn missing_and_malformed_headers_are_refused() {
        for source in Source::ALL {
            let header = signature_header(source);
            assert_eq!(
                check(source, None, BODY, &[b"current"]),
                Err(SignatureError::MissingHeader {
                    origin: source,
                    header
                })
            );
            for junk in ["", "not base64!", "AAAA", "hmac-sha256-hex=zz"] {
                assert_eq!(
                    check(source, Some(junk.to_owned()), BODY, &[b"current"]),
                    Err(SignatureError::Malformed {
                        origin: source,
                        header
                    }),
                    "{source} {junk:?}"
                );
            }
        }
        // EasyPost without its prefix, and the base64 sources given hex.
        let bare_hex = hex(&hmac_sha256(b"current", BODY));
        assert!(matches!(
            check(
                Source::EasyPost,
                Some(bare_hex.clone()),
                BODY,
                &[b"current"]
            ),
            Err(SignatureError::Malformed { .. })
        ));
        assert!(matches!(
            check(Source::Shopify, Some(bare_hex), BODY, &[b"current"]),
            Err(SignatureError::Malformed { .. })
        ));
    }

    #[test]
    fn no_secret_means_refusal() {
        for source in Source::ALL {
            let header = signed(source, b"", BODY);
            assert_eq!(
                check(source, Some(header.clone()), BODY, &[]),
                Err(SignatureError::NoSecret(source))
            );
            assert_eq!(
                check(source, Some(header), BODY, &[b""]),
                Err(SignatureError::NoSecret(source))
            );
        }
    }

    #[test]
    fn header_lookup_uses_lowercase_names_and_tolerates_whitespace() {
        let value = format!(" {} ", signed(Source::Shopify, b"s", BODY));
        let headers = |name: &str| {
            assert_eq!(name, name.to_ascii_lowercase());
            (name == "x-shopify-hmac-sha256").then(|| value.clone())
        };
        assert_eq!(verify(Source::Shopify, headers, BODY, &[b"s"]), Ok(()));
        let upper_prefix =
            signed(Source::EasyPost, b"s", BODY).replacen("hmac-sha256-hex", "HMAC-SHA256-HEX", 1);
        assert_eq!(
            check(Source::EasyPost, Some(upper_prefix), BODY, &[b"s"]),
            Ok(())
        );
    }

    #[test]
    fn hex_decoding() {
        assert_eq!(decode_hex("00ff10Ab"), Some(vec![0, 255, 16, 171]));
        assert_eq!(decode_hex("abc"), None);
        assert_eq!(decode_hex("zz"), None);
        assert_eq!(decode_hex(""), Some(vec![]));
    }
}
