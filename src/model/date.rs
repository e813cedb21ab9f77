//! Dates as sources state them: a year, a month or a day, never more precise than the text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date known to the year, the month or the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(())?;
        Some(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// "14 July 1956", "July 1956" or "1956", for people to read.
    pub fn long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

pub const MONTHS: [&str; 12] = [
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

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// ISO 8601 with reduced precision: `1956`, `1956-07`, `1956-07-14`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("'{0}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct BadDate(pub String);

impl FromStr for PartialDate {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Self, BadDate> {
        let bad = || BadDate(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<i32>().ok())
                .flatten()
        };
        let year = parts.first().and_then(|p| num(p, 4)).ok_or_else(bad)?;
        match parts[1..] {
            [] => Ok(Self::year(year)),
            [m] => {
                let m = num(m, 2).filter(|m| (1..=12).contains(m)).ok_or_else(bad)?;
                Ok(Self {
                    year,
                    month: Some(m as u8),
                    day: None,
                })
            }
            [m, d] => {
                let (m, d) = (num(m, 2).ok_or_else(bad)?, num(d, 2).ok_or_else(bad)?);
                Self::ymd(year, m as u8, d as u8).ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A date as people read it with what qualifies it: `date, place (inferred: why)`. The one
/// formatter for the "role: date" lines of the reader's panel, the cards and `lectern show`.
pub fn dated(date: impl std::fmt::Display, place: Option<&str>, inferred: Option<&str>) -> String {
    let mut out = date.to_string();
    if let Some(p) = place {
        out.push_str(&format!(", {p}"));
    }
    if let Some(why) = inferred {
        out.push_str(&format!(" (inferred: {why})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_precision_round_trips() {
        for s in ["1956", "1956-07", "1956-07-14"] {
            assert_eq!(
                s.parse::<PartialDate>().map(|d| d.to_string()),
                Ok(s.to_string())
            );
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        for s in [
            "1956-13",
            "1956-02-30",
            "56-07-14",
            "1956-7-14",
            "July 1956",
            "",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
        assert!("2000-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn precision_follows_what_is_known() {
        assert_eq!(PartialDate::year(1949).precision(), Precision::Year);
        assert_eq!(
            "1961-07-06".parse::<PartialDate>().map(|d| d.long()),
            Ok("6 July 1961".into())
        );
    }
}
