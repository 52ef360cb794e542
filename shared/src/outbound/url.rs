//! Where the edge may POST a merchant's events: [`WebhookUrl`].
//!
//! The edge fetches this URL from inside Cloudflare's network with a
//! signed body, so a URL naming a private, loopback or link-local address
//! (a cloud metadata service at 169.254.169.254, a router, another tenant's
//! internal name) would turn the merchant's setting into a request forgery
//! tool. Only public `https:` hosts pass, checked on what the fetch itself
//! will read: every spelling a URL parser takes as an IP address (`2130706433`,
//! `0x7f.1`, `127.1`) is refused unless it is the plain dotted form, which is
//! then classified.
//!
//! A name that resolves to a private address later (DNS rebinding) is not
//! caught here; that needs the resolver, which a Worker does not control.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde::{Serialize, Serializer};

/// The longest URL accepted, in bytes.
pub const MAX_WEBHOOK_URL_LEN: usize = 2048;

/// Which hosts a [`WebhookUrl`] may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookHosts {
    /// Public `https:` hosts only: production.
    PublicOnly,
    /// Also private, loopback and local hosts, and plain `http:` to them
    /// (a public host still needs `https:`): local development and the
    /// end-to-end suite, whose receivers listen on 127.0.0.1. Only the Worker var `ALLOW_PRIVATE_WEBHOOK_URLS = "true"`
    /// selects it.
    AllowPrivate,
}

/// Why a webhook URL was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WebhookUrlError {
    #[error("is longer than {MAX_WEBHOOK_URL_LEN} bytes")]
    TooLong,
    #[error("contains whitespace, a control character or a fragment")]
    BadCharacter,
    #[error("must be https:// (http:// only to a local receiver in development)")]
    NotHttps,
    #[error("must not carry credentials")]
    Credentials,
    #[error("has no host, or a host that is not a plain name or IP address")]
    BadHost,
    #[error("has an invalid port")]
    BadPort,
    #[error("names a private, loopback, link-local or reserved host")]
    PrivateHost,
}

/// A merchant endpoint the edge may send events to, checked under a
/// [`WebhookHosts`] policy: an absolute URL with a plain host, no
/// credentials or fragment, at most [`MAX_WEBHOOK_URL_LEN`] bytes, and
/// (under [`WebhookHosts::PublicOnly`]) `https:` to a public host.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WebhookUrl(String);

impl WebhookUrl {
    pub fn parse(raw: &str, hosts: WebhookHosts) -> Result<Self, WebhookUrlError> {
        if raw.len() > MAX_WEBHOOK_URL_LEN {
            return Err(WebhookUrlError::TooLong);
        }
        // `\` counts as `/` to a URL parser, and a fragment is never sent.
        if raw.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '\\' | '"' | '<' | '>' | '`' | '#' | '{' | '}' | '|' | '^'
                )
        }) {
            return Err(WebhookUrlError::BadCharacter);
        }
        let scheme_is = |scheme: &str| {
            raw.get(..scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        };
        let (scheme, rest) = if scheme_is("https://") {
            ("https", raw.get(8..).unwrap_or_default())
        } else if scheme_is("http://") && hosts == WebhookHosts::AllowPrivate {
            ("http", raw.get(7..).unwrap_or_default())
        } else {
            return Err(WebhookUrlError::NotHttps);
        };
        let secure = scheme == "https";
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if authority.contains('@') {
            return Err(WebhookUrlError::Credentials);
        }
        let authority = authority.to_ascii_lowercase();
        // The port is only checked: it is kept as written.
        let (host, _port) = split_port(&authority)?;
        let host = Host::parse(host)?;
        match (hosts, host.is_public()) {
            (WebhookHosts::PublicOnly, false) => return Err(WebhookUrlError::PrivateHost),
            // Plain http only to a local receiver, never across the internet.
            (WebhookHosts::AllowPrivate, true) if !secure => {
                return Err(WebhookUrlError::NotHttps);
            }
            _ => {}
        }
        Ok(Self(format!("{scheme}://{authority}{tail}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WebhookUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for WebhookUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// `host[:port]` or `[v6][:port]`; the port 1 to 65535 in decimal.
fn split_port(authority: &str) -> Result<(&str, Option<u16>), WebhookUrlError> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6.split_once(']').ok_or(WebhookUrlError::BadHost)?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or(WebhookUrlError::BadHost)?),
        };
        // Keep the brackets: `Host::parse` tells a v6 literal by them.
        (authority.get(..inside.len() + 2).unwrap_or_default(), port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = port
        .map(|p| {
            (!p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u16>().ok())
                .flatten()
                .filter(|&p| p > 0)
                .ok_or(WebhookUrlError::BadPort)
        })
        .transpose()?;
    Ok((host, port))
}

/// A host as a fetch reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Host<'a> {
    Name(&'a str),
    V4(Ipv4Addr),
    V6(Ipv6Addr),
}

impl<'a> Host<'a> {
    /// `host` is lowercase already.
    fn parse(host: &'a str) -> Result<Self, WebhookUrlError> {
        if let Some(inside) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            // No zone ids (`%eth0`): std refuses them.
            return inside
                .parse::<Ipv6Addr>()
                .map(Self::V6)
                .map_err(|_| WebhookUrlError::BadHost);
        }
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        // No empty labels, so no trailing dot either (`localhost.`).
        if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
            return Err(WebhookUrlError::BadHost);
        }
        // A URL parser reads a host whose last label is a number (decimal,
        // or hex with 0x) as an IPv4 address in any of its old forms; only
        // the plain dotted quad is accepted, so what is classified below is
        // what would be fetched.
        let last = host.rsplit('.').next().unwrap_or_default();
        let numeric = last.bytes().all(|b| b.is_ascii_digit())
            || last
                .strip_prefix("0x")
                .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()));
        if numeric {
            return host
                .parse::<Ipv4Addr>()
                .map(Self::V4)
                .map_err(|_| WebhookUrlError::BadHost);
        }
        Ok(Self::Name(host))
    }

    fn is_public(self) -> bool {
        match self {
            Self::Name(name) => name_is_public(name),
            Self::V4(ip) => v4_is_public(ip),
            Self::V6(ip) => v6_is_public(ip),
        }
    }
}

/// A single label (`intranet`) resolves through search domains to
/// something local; these suffixes are local by definition.
fn name_is_public(name: &str) -> bool {
    const LOCAL: [&str; 5] = ["localhost", "local", "internal", "localdomain", "home.arpa"];
    name.contains('.')
        && !LOCAL.iter().any(|suffix| {
            name == *suffix
                || name
                    .strip_suffix(suffix)
                    .is_some_and(|head| head.ends_with('.'))
        })
}

fn v4_is_public(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let reserved = a == 0 // "this network", with the unspecified 0.0.0.0
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64/10
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // TEST-NET-1
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // TEST-NET-2
        || (a == 203 && b == 0 && c == 113) // TEST-NET-3
        || a >= 224; // multicast, reserved, broadcast
    !reserved
}

/// Only global unicast (2000::/3) is public, less documentation, and less
/// the ranges that carry an IPv4 address a router would reach (6to4,
/// Teredo). That also refuses `::`, `::1`, link-local, unique-local,
/// multicast and every IPv4-mapped or -translated address.
fn v6_is_public(ip: Ipv6Addr) -> bool {
    let [first, second, ..] = ip.segments();
    let global = (0x2000..0x4000).contains(&first);
    let documentation = first == 0x2001 && second == 0x0db8;
    let teredo = first == 0x2001 && second == 0;
    let six_to_four = first == 0x2002;
    global && !documentation && !teredo && !six_to_four
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;

    fn public(raw: &str) -> Result<WebhookUrl, WebhookUrlError> {
        WebhookUrl::parse(raw, WebhookHosts::PublicOnly)
    }

    #[test]
    fn public_https_endpoints_pass_with_a_lowercase_scheme_and_host() {
        for (raw, kept) in [
            (
                "https://shop.example.com/hooks/aftercart",
                "https://shop.example.com/hooks/aftercart",
            ),
            (
                "HTTPS://Shop.Example.com:8443/H?x=1",
                "https://shop.example.com:8443/H?x=1",
            ),
            ("https://8.8.8.8/h", "https://8.8.8.8/h"),
            ("https://[2606:4700::1111]/h", "https://[2606:4700::1111]/h"),
            ("https://a.example", "https://a.example"),
        ] {
            assert_eq!(public(raw).unwrap().as_str(), kept, "{raw}");
        }
    }

    #[test]
    fn private_loopback_link_local_and_reserved_hosts_are_refused() {
        for raw in [
            "https://10.0.0.1/",
            "https://10.255.255.255/",
            "https://172.16.0.1/",
            "https://172.31.255.255/",
            "https://192.168.1.1/",
            "https://127.0.0.1/",
            "https://127.8.9.10/",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/",
            "https://100.127.255.255/",
            "https://0.0.0.0/",
            "https://0.1.2.3/",
            "https://255.255.255.255/",
            "https://224.0.0.1/",
            "https://240.0.0.1/",
            "https://192.0.2.1/",
            "https://198.51.100.7/",
            "https://203.0.113.9/",
            "https://198.18.0.1/",
            "https://192.0.0.8/",
            "https://[::1]/",
            "https://[::]/",
            "https://[fe80::1]/",
            "https://[febf::1]/",
            "https://[fc00::1]/",
            "https://[fd12:3456::1]/",
            "https://[ff02::1]/",
            "https://[2001:db8::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:10.0.0.1]/",
            "https://[::ffff:a9fe:a9fe]/",
            "https://[::127.0.0.1]/",
            "https://[64:ff9b::a00:1]/",
            "https://[2002:a00:1::]/",
            "https://[2001:0:a00:1::]/",
            "https://localhost/",
            "https://localhost:8443/",
            "https://api.localhost/",
            "https://metadata.google.internal/",
            "https://printer.local/",
            "https://router.home.arpa/",
            "https://intranet/",
        ] {
            assert_eq!(public(raw), Err(WebhookUrlError::PrivateHost), "{raw}");
        }
    }

    #[test]
    fn other_spellings_of_an_ip_address_are_refused() {
        for raw in [
            "https://2130706433/",
            "https://0x7f000001/",
            "https://0x7f.1/",
            "https://127.1/",
            "https://0177.0.0.1/",
            "https://127.000.000.001/",
            "https://010.0.0.1/",
            "https://1.2.3.4.5/",
            "https://example.123/",
            "https://localhost./",
            "https://[::1%25lo]/",
            "https://[::1/",
            "https://%31%32%37.0.0.1/",
            "https://ｌｏｃａｌｈｏｓｔ/",
        ] {
            assert!(
                matches!(
                    public(raw),
                    Err(WebhookUrlError::BadHost | WebhookUrlError::BadCharacter)
                ),
                "{raw}: {:?}",
                public(raw)
            );
        }
    }

    #[test]
    fn scheme_credentials_ports_and_characters_are_checked() {
        for (raw, why) in [
            ("http://shop.example.com/hook", WebhookUrlError::NotHttps),
            ("ftp://shop.example.com/", WebhookUrlError::NotHttps),
            ("shop.example.com", WebhookUrlError::NotHttps),
            ("//shop.example.com/", WebhookUrlError::NotHttps),
            (
                "https://user:pass@shop.example.com/",
                WebhookUrlError::Credentials,
            ),
            (
                "https://user@shop.example.com/",
                WebhookUrlError::Credentials,
            ),
            ("https://", WebhookUrlError::BadHost),
            ("https:///path", WebhookUrlError::BadHost),
            ("https://shop.example.com:0/", WebhookUrlError::BadPort),
            ("https://shop.example.com:99999/", WebhookUrlError::BadPort),
            ("https://shop.example.com:/", WebhookUrlError::BadPort),
            ("https://shop.example.com:1:2/", WebhookUrlError::BadPort),
            ("https://shop example.com/", WebhookUrlError::BadCharacter),
            (
                "https://shop.example.com/#frag",
                WebhookUrlError::BadCharacter,
            ),
            (
                "https://a.example\\@evil.example/",
                WebhookUrlError::BadCharacter,
            ),
            ("https://a.example/\u{0}", WebhookUrlError::BadCharacter),
            ("https://-bad-.example/", WebhookUrlError::BadHost),
            ("https://ex..ample/", WebhookUrlError::BadHost),
            ("https://é.example/", WebhookUrlError::BadHost),
        ] {
            assert_eq!(public(raw), Err(why), "{raw}");
        }
    }

    #[test]
    fn length_is_bounded() {
        let base = "https://x.example/";
        let fits = format!("{base}{}", "a".repeat(MAX_WEBHOOK_URL_LEN - base.len()));
        assert!(public(&fits).is_ok());
        assert_eq!(public(&format!("{fits}a")), Err(WebhookUrlError::TooLong));
    }

    #[test]
    fn local_set_ups_may_name_loopback_over_http_but_nothing_else_loosens() {
        let local = |raw: &str| WebhookUrl::parse(raw, WebhookHosts::AllowPrivate);
        for raw in [
            "http://127.0.0.1:9/hooks",
            "http://127.0.0.1:40123/aftercart",
            "http://localhost:8080",
            "http://[::1]:9000/",
            "https://10.0.0.1/",
        ] {
            assert_eq!(local(raw).unwrap().as_str(), raw);
        }
        assert_eq!(
            local("http://user:pw@127.0.0.1/"),
            Err(WebhookUrlError::Credentials)
        );
        assert_eq!(local("ftp://127.0.0.1/"), Err(WebhookUrlError::NotHttps));
        assert_eq!(
            local("http://shop.example.com/h"),
            Err(WebhookUrlError::NotHttps)
        );
        assert!(local("https://shop.example.com/h").is_ok());
        assert_eq!(local("http://2130706433/"), Err(WebhookUrlError::BadHost));
        // The production policy refuses the end-to-end suite's receivers.
        assert_eq!(
            public("http://127.0.0.1:9/hooks"),
            Err(WebhookUrlError::NotHttps)
        );
        assert_eq!(
            public("https://127.0.0.1:9/hooks"),
            Err(WebhookUrlError::PrivateHost)
        );
    }
}
