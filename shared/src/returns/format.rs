//! Dates, periods and money in the shopper's language, without a locale
//! library: the crate must stay pure and small for wasm, and six languages
//! are few enough to spell out.

use crate::Date;
use crate::i18n::Lang;
use crate::money::minor_units;

const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const NB: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const RO: [&str; 12] = [
    "ianuarie",
    "februarie",
    "martie",
    "aprilie",
    "mai",
    "iunie",
    "iulie",
    "august",
    "septembrie",
    "octombrie",
    "noiembrie",
    "decembrie",
];

/// A date the way each language writes it in running text:
/// en `12 March 2026`, sv `12 mars 2026`, nb `12. mars 2026`,
/// da `12. marts 2026`, de `12. März 2026`, ro `12 martie 2026`.
pub fn date(date: Date, lang: Lang) -> String {
    let months = match lang {
        Lang::En => &EN,
        Lang::Sv => &SV,
        Lang::Nb => &NB,
        Lang::Da => &DA,
        Lang::De => &DE,
        Lang::Ro => &RO,
    };
    let month = months[usize::from(date.month.clamp(1, 12) - 1)];
    // The Scandinavian-German ordinal dot; English and Romanian use none.
    let dot = if matches!(lang, Lang::Nb | Lang::Da | Lang::De) {
        "."
    } else {
        ""
    };
    format!("{}{dot} {month} {}", date.day, date.year)
}

/// A number of days with the noun agreeing: `1 day`, `30 days`.
///
/// German is given in the dative (`30 Tagen`) because every catalog string
/// that uses `{period}` puts it after `innerhalb von` / `von`. Romanian puts
/// `de` between numbers from 20 on and the noun (`14 zile`, `30 de zile`,
/// `101 zile`), the rule being the last two digits.
pub fn period_days(days: u32, lang: Lang) -> String {
    let one = days == 1;
    let noun = match lang {
        Lang::En if one => "day",
        Lang::En => "days",
        Lang::Sv if one => "dag",
        Lang::Sv => "dagar",
        Lang::Nb if one => "dag",
        Lang::Nb => "dager",
        Lang::Da if one => "dag",
        Lang::Da => "dage",
        Lang::De if one => "Tag",
        Lang::De => "Tagen",
        Lang::Ro if one => "zi",
        Lang::Ro if (days != 0 && days.is_multiple_of(100)) || days % 100 >= 20 => "de zile",
        Lang::Ro => "zile",
    };
    format!("{days} {noun}")
}

/// An amount in minor units with its ISO 4217 code: en `SEK 1,049.50`,
/// sv/nb `1 049,50 SEK` (no-break space), da/de/ro `1.049,50 SEK`. Whole
/// amounts drop the decimals (`49 SEK`), as shops write fees.
pub fn money(minor: i64, currency: &str, lang: Lang) -> String {
    let exponent = minor_units(currency);
    let scale = 10_u64.pow(exponent);
    let magnitude = minor.unsigned_abs();
    let (whole, fraction) = (magnitude / scale, magnitude % scale);
    let (group_sep, decimal_sep) = match lang {
        Lang::En => (',', '.'),
        Lang::Sv | Lang::Nb => ('\u{a0}', ','),
        Lang::Da | Lang::De | Lang::Ro => ('.', ','),
    };
    let digits = whole.to_string();
    let mut number = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if minor < 0 {
        number.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            number.push(group_sep);
        }
        number.push(c);
    }
    if fraction != 0 {
        number.push(decimal_sep);
        number.push_str(&format!("{fraction:0width$}", width = exponent as usize));
    }
    let code = currency.trim().to_ascii_uppercase();
    match lang {
        Lang::En => format!("{code}\u{a0}{number}"),
        _ => format!("{number}\u{a0}{code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn dates_per_language() {
        let day = d(2026, 3, 12);
        let expected = [
            (Lang::En, "12 March 2026"),
            (Lang::Sv, "12 mars 2026"),
            (Lang::Nb, "12. mars 2026"),
            (Lang::Da, "12. marts 2026"),
            (Lang::De, "12. März 2026"),
            (Lang::Ro, "12 martie 2026"),
        ];
        for (lang, text) in expected {
            assert_eq!(date(day, lang), text, "{lang:?}");
        }
        assert_eq!(date(d(2028, 2, 29), Lang::Da), "29. februar 2028");
        assert_eq!(date(d(2026, 12, 1), Lang::Ro), "1 decembrie 2026");
    }

    #[test]
    fn periods_agree_in_number() {
        assert_eq!(period_days(1, Lang::En), "1 day");
        assert_eq!(period_days(30, Lang::En), "30 days");
        assert_eq!(period_days(30, Lang::De), "30 Tagen");
        assert_eq!(period_days(30, Lang::Nb), "30 dager");
        assert_eq!(period_days(14, Lang::Ro), "14 zile");
        assert_eq!(period_days(19, Lang::Ro), "19 zile");
        assert_eq!(period_days(20, Lang::Ro), "20 de zile");
        assert_eq!(period_days(101, Lang::Ro), "101 zile");
        assert_eq!(period_days(200, Lang::Ro), "200 de zile");
        assert_eq!(period_days(1, Lang::Ro), "1 zi");
    }

    #[test]
    fn money_per_language() {
        assert_eq!(money(4_900, "SEK", Lang::En), "SEK\u{a0}49");
        assert_eq!(money(4_900, "SEK", Lang::Sv), "49\u{a0}SEK");
        assert_eq!(money(104_950, "SEK", Lang::En), "SEK\u{a0}1,049.50");
        assert_eq!(money(104_950, "sek", Lang::Sv), "1\u{a0}049,50\u{a0}SEK");
        assert_eq!(money(104_950, "EUR", Lang::De), "1.049,50\u{a0}EUR");
        assert_eq!(money(1_234_567, "JPY", Lang::En), "JPY\u{a0}1,234,567");
        assert_eq!(money(-5, "EUR", Lang::Ro), "-0,05\u{a0}EUR");
    }
}
