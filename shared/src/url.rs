//! Links from untrusted payloads that the widget renders as `href`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest link kept, in bytes: long enough for any carrier's tracking
/// page with its query, short enough that a payload cannot bloat a row.
pub const MAX_URL_LEN: usize = 2048;

/// Why a link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("the link is longer than {MAX_URL_LEN} bytes")]
    TooLong,
    #[error("the link contains whitespace or a control character")]
    BadCharacter,
    #[error("the link is not an absolute https: URL")]
    NotHttps,
    #[error("the link has no host, or a host that is not a plain name")]
    BadHost,
    #[error("the link carries credentials")]
    Credentials,
}

/// A carrier tracking page link that is safe to put in an `href` on the
/// merchant's page: an absolute `https:` URL with a plain host, no
/// credentials, no whitespace or control characters, at most
/// [`MAX_URL_LEN`] bytes.
///
/// Plain `http:` is refused, not upgraded: the widget runs on the merchant's
/// https page, an http link would send the shopper's tracking number in the
/// clear, and rewriting it to https could point at a page that does not
/// exist. Every carrier we ingest from serves its tracking pages over https,
/// so a refused link costs only the link: the parcel keeps its number.
///
/// Anything else (`javascript:`, `data:`, a scheme-relative `//host`, a
/// relative path) would run script on, or navigate within, the merchant's
/// origin, so it is refused however it is spelled.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TrackingUrl(String);

impl TrackingUrl {
    /// Checks `raw` as it is: no trimming, since a browser strips leading
    /// whitespace and control characters before reading a scheme, and a
    /// check that trimmed differently could be steered around.
    pub fn parse(raw: &str) -> Result<Self, UrlError> {
        if raw.len() > MAX_URL_LEN {
            return Err(UrlError::TooLong);
        }
        // Backslashes count: browsers read `\` as `/` in https URLs.
        if raw.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '\\' | '"' | '<' | '>' | '`')
        }) {
            return Err(UrlError::BadCharacter);
        }
        let rest = raw
            .get(..8)
            .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
            .and_then(|_| raw.get(8..))
            .ok_or(UrlError::NotHttps)?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if authority.contains('@') {
            return Err(UrlError::Credentials);
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        let host_ok = !host.is_empty() && host.split('.').all(label_ok);
        let port_ok = port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
        if !host_ok || !port_ok {
            return Err(UrlError::BadHost);
        }
        // The scheme is written lowercase: one spelling for what is stored.
        Ok(Self(format!(
            "https://{}{tail}",
            authority.to_ascii_lowercase()
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TrackingUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for TrackingUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TrackingUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;

    /// The spellings every source's tests try as well.
    const UNSAFE: &[&str] = &[
        "javascript:alert(document.domain)",
        "JAVASCRIPT:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "\tjavascript:alert(1)",
        "\njavascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/track",
        "/track/1Z999",
        "https://user:pw@x.example/track",
        "https://user@x.example/",
        "http://carrier.example/track?n=1",
        "https:carrier.example/track",
        "https:/carrier.example/track",
        "https:\\\\evil.example",
        "https://good.example\\@evil.example/",
        "https://",
        "https:///path",
        "https://exa mple.com/",
        "https://example.com/a b",
        "https://example.com/\u{0}",
        "https://example.com:/x",
        "https://example.com:99999x/",
        "https://-bad-.example/",
        "https://ex..ample/",
        "https://é.example/",
        "vbscript:msgbox(1)",
    ];

    #[test]
    fn unsafe_links_are_refused() {
        for raw in UNSAFE {
            assert!(TrackingUrl::parse(raw).is_err(), "{raw:?}");
        }
    }

    #[test]
    fn carrier_links_are_kept_with_a_lowercase_scheme_and_host() {
        for (raw, kept) in [
            (
                "https://www.ups.com/track?tracknum=1Z999AA10123456784",
                "https://www.ups.com/track?tracknum=1Z999AA10123456784",
            ),
            (
                "HTTPS://Tools.USPS.com/go/TrackConfirmAction?tLabels=9400",
                "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400",
            ),
            ("https://track.example:8443", "https://track.example:8443"),
            (
                "https://postnord.se/sv/spara?id=1#k%C3%B6",
                "https://postnord.se/sv/spara?id=1#k%C3%B6",
            ),
            ("https://x.example/ö", "https://x.example/ö"),
        ] {
            assert_eq!(TrackingUrl::parse(raw).unwrap().as_str(), kept, "{raw}");
        }
    }

    #[test]
    fn length_is_bounded() {
        let base = "https://x.example/";
        let fits = format!("{base}{}", "a".repeat(MAX_URL_LEN - base.len()));
        assert!(TrackingUrl::parse(&fits).is_ok());
        assert_eq!(
            TrackingUrl::parse(&format!("{fits}a")),
            Err(UrlError::TooLong)
        );
    }

    #[test]
    fn serde_refuses_what_parse_refuses() {
        let url = TrackingUrl::parse("https://x.example/t").unwrap();
        let json = serde_json::to_string(&url).unwrap();
        assert_eq!(json, r#""https://x.example/t""#);
        assert_eq!(serde_json::from_str::<TrackingUrl>(&json).unwrap(), url);
        assert!(serde_json::from_str::<TrackingUrl>(r#""javascript:alert(1)""#).is_err());
    }
}
