//! Time as plain data. The crate never reads a clock: callers pass `now`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Seconds since the Unix epoch, UTC. Serialized as an RFC 3339 string
/// (`2026-11-23T15:04:05Z`) so the wire stays readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(i64);

pub const SECONDS_PER_DAY: i64 = 86_400;

/// Why a timestamp could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an RFC 3339 / ISO 8601 timestamp: {0:?}")]
pub struct TimeError(pub String);

/// A calendar date, used for delivery estimates and return windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl UnixTime {
    /// `9999-12-31T23:59:59Z`, the last instant a four-digit year can
    /// write: later ones would not read back through [`UnixTime::parse`].
    pub const LATEST_ISO: Self = Self(253_402_300_799);
    /// `0000-01-01T00:00:00Z`, the first instant a four-digit year can write.
    pub const EARLIEST_ISO: Self = Self(-62_167_219_200);

    pub const fn from_secs(secs: i64) -> Self {
        Self(secs)
    }

    pub const fn secs(self) -> i64 {
        self.0
    }

    pub const fn plus_secs(self, secs: i64) -> Self {
        Self(self.0.saturating_add(secs))
    }

    pub const fn plus_days(self, days: i64) -> Self {
        self.plus_secs(days.saturating_mul(SECONDS_PER_DAY))
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    /// Saturating: instants come from stored rows and signed payloads, and
    /// two far-apart ones must not overflow.
    pub const fn days_until(self, later: Self) -> i64 {
        later.0.saturating_sub(self.0).div_euclid(SECONDS_PER_DAY)
    }

    /// The UTC calendar date of this instant.
    pub fn date(self) -> Date {
        let days = self.0.div_euclid(SECONDS_PER_DAY);
        civil_from_days(days)
    }

    /// Parses RFC 3339 and the ISO 8601 variants carriers send: `Z` or a
    /// numeric offset (`+02:00`, `+0200`), optional fractional seconds, a
    /// space instead of `T`, and offset-less local times (taken as UTC, the
    /// only safe reading without a zone). A bare date means its midnight UTC.
    ///
    /// An offset can carry a time past either end of the four-digit years
    /// (`9999-12-31T23:59:59-01:00`); that is refused, so every parsed
    /// instant writes back as RFC 3339 and reads back the same.
    pub fn parse(raw: &str) -> Result<Self, TimeError> {
        parse_iso8601(raw.trim())
            .filter(|at| (Self::EARLIEST_ISO..=Self::LATEST_ISO).contains(at))
            .ok_or_else(|| TimeError(raw.to_owned()))
    }

    pub fn to_rfc3339(self) -> String {
        let Date { year, month, day } = self.date();
        let secs_of_day = self.0.rem_euclid(SECONDS_PER_DAY);
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            secs_of_day / 3600,
            (secs_of_day % 3600) / 60,
            secs_of_day % 60
        )
    }
}

impl Date {
    pub fn midnight_utc(self) -> UnixTime {
        UnixTime(days_from_civil(self.year, self.month, self.day) * SECONDS_PER_DAY)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for UnixTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for UnixTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the
// proleptic Gregorian calendar, no tables, no allocation.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_iso8601(s: &str) -> Option<UnixTime> {
    let date_part = s.get(..10)?;
    let year = i32::try_from(digits(date_part.get(..4)?)?).ok()?;
    let month = u8::try_from(digits(date_part.get(5..7)?)?).ok()?;
    let day = u8::try_from(digits(date_part.get(8..10)?)?).ok()?;
    if date_part.as_bytes().get(4) != Some(&b'-') || date_part.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let date_secs = days_from_civil(year, month, day) * SECONDS_PER_DAY;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(UnixTime(date_secs));
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let hour = digits(rest.get(..2)?)?;
    let minute = digits(rest.get(3..5)?)?;
    if rest.as_bytes().get(2) != Some(&b':') {
        return None;
    }
    let (second, mut tail) = if rest.as_bytes().get(5) == Some(&b':') {
        (digits(rest.get(6..8)?)?, rest.get(8..)?)
    } else {
        (0, rest.get(5..)?)
    };
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if let Some(frac) = tail.strip_prefix(['.', ',']) {
        let end = frac
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(frac.len());
        if end == 0 {
            return None;
        }
        tail = &frac[end..];
    }
    let offset = match tail {
        "" | "Z" | "z" => 0,
        _ => {
            let (sign, body) = if let Some(body) = tail.strip_prefix('+') {
                (1, body)
            } else {
                (-1, tail.strip_prefix('-')?)
            };
            // `get`, not `[..]`: the offset is untrusted text, and a byte
            // index can fall inside a multi-byte character (`+1é1`).
            let (h, m) = match (body.len(), body.as_bytes().get(2)) {
                (5, Some(b':')) => (digits(body.get(..2)?)?, digits(body.get(3..)?)?),
                (4, _) => (digits(body.get(..2)?)?, digits(body.get(2..)?)?),
                (2, _) => (digits(body)?, 0),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    Some(UnixTime(
        date_secs + hour * 3600 + minute * 60 + second.min(59) - offset,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_rfc3339() {
        let t = UnixTime::parse("2026-11-23T15:04:05Z").unwrap();
        assert_eq!(t.secs(), 1_795_446_245);
        assert_eq!(t.to_rfc3339(), "2026-11-23T15:04:05Z");
    }

    #[test]
    fn reads_carrier_variants() {
        let utc = UnixTime::parse("2014-07-07T14:07:00Z").unwrap();
        for variant in [
            "2014-07-07T16:07:00+02:00",
            "2014-07-07T16:07:00+0200",
            "2014-07-07T10:07:00-04:00",
            "2014-07-07 14:07:00",
            "2014-07-07T14:07:00.123Z",
            "2014-07-07T14:07",
        ] {
            assert_eq!(UnixTime::parse(variant).unwrap(), utc, "{variant}");
        }
        assert_eq!(
            UnixTime::parse("2014-07-07").unwrap().to_rfc3339(),
            "2014-07-07T00:00:00Z"
        );
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "yesterday",
            "2014-13-01",
            "2014-02-30T00:00:00Z",
            "2014-07-07T25:00:00Z",
            "2014-07-07Tnoon",
        ] {
            assert!(UnixTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_multibyte_offset_is_refused_not_a_panic() {
        // Found by review: `+1é1` is four bytes, and slicing it at byte 2
        // cut the `é` in half.
        for bad in [
            "2014-07-07T14:07:00+1é1",
            "2014-07-07T14:07:00-é:00",
            "2014-07-07T14:07:00+é",
            "2014-07-07T14:07:00é",
            "2014-07-0é",
            "2014-07-07T1é:00",
            "2014-07-07T14:07:0é",
        ] {
            assert!(UnixTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_latest_iso_instant_round_trips() {
        let latest = UnixTime::parse("9999-12-31T23:59:59Z").unwrap();
        assert_eq!(latest, UnixTime::LATEST_ISO);
        assert_eq!(UnixTime::parse(&latest.to_rfc3339()), Ok(latest));
    }

    #[test]
    fn an_offset_past_the_four_digit_years_is_refused() {
        // Found by the fuzzer (time_parse): these parsed, but their
        // RFC 3339 form has a five-digit or negative year and did not read
        // back.
        for beyond in ["9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+00:01"] {
            assert!(UnixTime::parse(beyond).is_err(), "{beyond}");
        }
        let first = UnixTime::parse("0000-01-01T00:00:00Z").unwrap();
        assert_eq!(first, UnixTime::EARLIEST_ISO);
        assert_eq!(UnixTime::parse(&first.to_rfc3339()), Ok(first));
    }

    #[test]
    fn days_until_saturates_at_the_ends_of_time() {
        let (min, max) = (UnixTime::from_secs(i64::MIN), UnixTime::from_secs(i64::MAX));
        assert_eq!(min.days_until(max), i64::MAX.div_euclid(SECONDS_PER_DAY));
        assert_eq!(max.days_until(min), i64::MIN.div_euclid(SECONDS_PER_DAY));
    }

    #[test]
    fn civil_dates_cover_leap_years_and_negative_days() {
        assert_eq!(
            UnixTime::from_secs(0).date(),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            UnixTime::from_secs(-1).date(),
            Date {
                year: 1969,
                month: 12,
                day: 31
            }
        );
        let leap = UnixTime::parse("2024-02-29T12:00:00Z").unwrap();
        assert_eq!(leap.date().iso(), "2024-02-29");
        assert_eq!(
            leap.date().midnight_utc().to_rfc3339(),
            "2024-02-29T00:00:00Z"
        );
        assert_eq!(leap.plus_days(1).date().iso(), "2024-03-01");
    }

    #[test]
    fn days_until_floors() {
        let a = UnixTime::from_secs(0);
        assert_eq!(a.days_until(a.plus_secs(SECONDS_PER_DAY - 1)), 0);
        assert_eq!(a.days_until(a.plus_days(2)), 2);
        assert_eq!(a.days_until(a.plus_secs(-1)), -1);
    }
}
