//! Rate limiting as a pure function: the generic cell rate algorithm
//! (GCRA). One number of state per key, no background refill, and it
//! spreads requests evenly instead of allowing a double burst at a fixed
//! window's edge.

use serde::{Deserialize, Serialize};

/// A burst of up to `max` requests, then one per `window_ms / max`: in the
/// long run `max` per window, and never more than `2 * max - 1` within any
/// one window (the burst plus the steady rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Limit {
    pub max: u32,
    pub window_ms: i64,
}

/// A key's state: the theoretical arrival time of the next request, in ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Tat(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    pub allowed: bool,
    /// When refused: how long until a request would be allowed.
    pub retry_after_ms: i64,
}

impl Limit {
    pub const fn per_minutes(max: u32, minutes: i64) -> Self {
        Self {
            max,
            window_ms: minutes * 60_000,
        }
    }

    fn interval_ms(self) -> i64 {
        (self.window_ms / i64::from(self.max.max(1))).max(1)
    }

    /// Decides one request at `now_ms` and returns the state to store. A
    /// refused request does not consume capacity.
    pub fn check(self, state: Tat, now_ms: i64) -> (Verdict, Tat) {
        if self.max == 0 {
            return (
                Verdict {
                    allowed: false,
                    retry_after_ms: self.window_ms,
                },
                state,
            );
        }
        let interval = self.interval_ms();
        let tolerance = self.window_ms - interval;
        let tat = state.0.max(now_ms);
        let earliest = tat - tolerance;
        if now_ms < earliest {
            return (
                Verdict {
                    allowed: false,
                    retry_after_ms: earliest - now_ms,
                },
                state,
            );
        }
        (
            Verdict {
                allowed: true,
                retry_after_ms: 0,
            },
            Tat(tat + interval),
        )
    }
}

/// Whom a per-address limit counts, from the address Cloudflare reports
/// (`CF-Connecting-IP`): an IPv4 address, or an IPv6 /64, the prefix one
/// subscriber gets (rotating within it is free, so a /128 key counted
/// nothing). `None` when the header is not an address.
pub fn client_key(reported: &str) -> Option<String> {
    match reported.trim().parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(v4) => Some(format!("ip4:{v4}")),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => Some(format!("ip4:{v4}")),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                Some(format!("ip6:{a:x}:{b:x}:{c:x}:{d:x}::/64"))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_in_one_slash_64_share_a_key() {
        let one = client_key("2001:db8:1:2:aaaa::1").unwrap();
        assert_eq!(client_key("2001:db8:1:2:ffff:1:2:3"), Some(one.clone()));
        assert_eq!(client_key(" 2001:0db8:0001:0002::9 "), Some(one));
        assert_ne!(client_key("2001:db8:1:3::1"), client_key("2001:db8:1:2::1"));
        assert_eq!(
            client_key("203.0.113.7").as_deref(),
            Some("ip4:203.0.113.7")
        );
        // A v4 client seen through a v6 socket is the v4 client.
        assert_eq!(client_key("::ffff:203.0.113.7"), client_key("203.0.113.7"));
        for junk in ["", "unknown", "203.0.113.7, 10.0.0.1", "1.2.3.4.5", "é"] {
            assert_eq!(client_key(junk), None, "{junk}");
        }
    }

    fn run(limit: Limit, times: &[i64]) -> Vec<bool> {
        let mut state = Tat::default();
        times
            .iter()
            .map(|&now| {
                let (verdict, next) = limit.check(state, now);
                state = next;
                verdict.allowed
            })
            .collect()
    }

    #[test]
    fn allows_a_burst_of_max_then_refuses() {
        let limit = Limit::per_minutes(5, 10);
        let at_once = run(limit, &[1_000; 7]);
        assert_eq!(at_once, [true, true, true, true, true, false, false]);
    }

    #[test]
    fn capacity_returns_at_the_steady_rate() {
        let limit = Limit::per_minutes(5, 10); // one per two minutes
        let mut state = Tat::default();
        for _ in 0..5 {
            state = limit.check(state, 0).1;
        }
        let (refused, _) = limit.check(state, 60_000);
        assert!(!refused.allowed);
        assert_eq!(refused.retry_after_ms, 60_000);
        assert!(limit.check(state, 120_000).0.allowed);
    }

    #[test]
    fn bounded_in_any_window_and_steady_over_time() {
        let limit = Limit::per_minutes(10, 10);
        // A request every 5 seconds for an hour.
        let times: Vec<i64> = (0..720).map(|i| i * 5_000).collect();
        let allowed: Vec<i64> = times
            .iter()
            .zip(run(limit, &times))
            .filter_map(|(t, ok)| ok.then_some(*t))
            .collect();
        for (i, start) in allowed.iter().enumerate() {
            let in_window = allowed[i..]
                .iter()
                .take_while(|t| **t < start + limit.window_ms)
                .count();
            assert!(
                in_window < 20,
                "{in_window} requests in the window from {start}"
            );
        }
        // An hour is six windows: the burst plus the steady rate.
        assert_eq!(allowed.len(), 10 + 59);
    }

    #[test]
    fn a_zero_limit_refuses_everything() {
        let limit = Limit {
            max: 0,
            window_ms: 1_000,
        };
        assert_eq!(run(limit, &[0, 10_000]), [false, false]);
    }
}
