//! Smithy's built-in value types that have no direct counterpart in `std`.
//!
// @section date-time
//! * [`DateTime`]: a `timestamp`, with the three wire formats Smithy defines
//!   (`date-time`, `http-date` and `epoch-seconds`);
// @end
// @section blob
//! * [`Blob`]: a `blob`, carried as base64 text in JSON;
// @end
// @section document
//! * [`Document`] and [`Number`]: an untyped, JSON-like `document`;
// @end
// @section big-numbers
//! * [`BigInteger`] and [`BigDecimal`]: arbitrary-precision numbers, stored as their
//!   decimal text so that no precision is lost;
// @end
//! * [`UnknownVariantValue`]: the raw value of an enum variant this crate does not know;
//! * [`Unit`]: the empty structure `smithy.api#Unit`.
//!
//! This file depends only on `std`; it is copied into every generated crate, without the types
//! the crate does not use. None of the parsers panic: malformed input is reported through an
//! error value.

use std::fmt;

// @section two-pow-63
/// 2^63 as a float: the smallest value above `i64::MAX`, and the negation of `i64::MIN`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
// @end

// @section date-time
// ---------------------------------------------------------------------------------------------
// DateTime
// ---------------------------------------------------------------------------------------------

use std::fmt::Write as _;

const NANOS_PER_SEC: u32 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;

const SHORT_DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_DAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A point in time, stored as seconds and nanoseconds relative to the Unix epoch
/// (1970-01-01T00:00:00Z), without leap seconds.
///
/// The value is always normalised so that the sub-second part is in `0..1_000_000_000` and
/// adds to the (possibly negative) whole seconds: `-1.5` seconds is stored as `secs == -2`
/// and `subsec_nanos == 500_000_000`. This makes the derived ordering chronological, and
/// [`Default`] is the epoch itself.
///
/// Smithy defines three textual formats for timestamps, each with a formatter and a parser:
///
/// * `date-time` (RFC 3339), e.g. `2019-12-16T23:48:18.52Z`:
///   [`to_date_time`][Self::to_date_time] and [`parse_date_time`][Self::parse_date_time];
/// * `http-date` (RFC 7231), e.g. `Mon, 16 Dec 2019 23:48:18.520 GMT`:
///   [`to_http_date`][Self::to_http_date] and [`parse_http_date`][Self::parse_http_date];
/// * `epoch-seconds`, e.g. `1576540098.52`:
///   [`to_epoch_seconds`][Self::to_epoch_seconds] and
///   [`parse_epoch_seconds`][Self::parse_epoch_seconds].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DateTime {
    // Field order matters: the derived `Ord` compares `secs` first.
    secs: i64,
    nanos: u32,
}

impl DateTime {
    /// Creates a timestamp a whole number of seconds after (or, if negative, before) the epoch.
    pub const fn from_secs(secs: i64) -> Self {
        Self { secs, nanos: 0 }
    }

    /// Creates a timestamp from whole seconds since the epoch plus a sub-second part.
    ///
    /// `nanos` is always added to `secs`, so for instants before the epoch pass the floor of
    /// the seconds (e.g. `from_parts(-2, 500_000_000)` is 1.5 seconds before the epoch).
    /// A `nanos` of one second or more carries into `secs`; should that overflow, `secs`
    /// saturates at `i64::MAX`.
    pub const fn from_parts(secs: i64, nanos: u32) -> Self {
        // At most 4 whole seconds can be carried, so the cast is lossless.
        let carry = (nanos / NANOS_PER_SEC) as i64;
        Self {
            secs: secs.saturating_add(carry),
            nanos: nanos % NANOS_PER_SEC,
        }
    }

    /// Creates a timestamp from fractional seconds since the epoch.
    ///
    /// The float is interpreted through its shortest decimal representation, which is the
    /// text a sender most likely wrote: `1576540098.52` becomes exactly 520 000 000 ns
    /// rather than the 519 999 980.9 ns its binary value implies. Digits beyond nanosecond
    /// precision are dropped.
    ///
    /// # Errors
    ///
    /// Fails for NaN, for infinities and for values whose whole seconds do not fit in an `i64`.
    pub fn from_secs_f64(secs: f64) -> Result<Self, DateTimeError> {
        if !secs.is_finite() {
            return Err(DateTimeError::new(format!(
                "epoch seconds must be a finite number, got {secs}"
            )));
        }
        if !(-TWO_POW_63..TWO_POW_63).contains(&secs) {
            return Err(DateTimeError::new(format!(
                "epoch seconds {secs} are outside the supported range"
            )));
        }
        if secs.fract() == 0.0 {
            // Whole and in range, so the cast is exact. (Every float of 2^52 or more is whole;
            // near 2^63 the shortest decimal text can round past `i64::MAX`, so it must not be
            // used for these.)
            return Ok(Self::from_secs(secs as i64));
        }
        // `Display` for floats never uses exponent notation, so the text always matches the
        // epoch-seconds grammar.
        Self::parse_epoch_seconds(&secs.to_string())
    }

    /// Whole seconds since the epoch, rounded towards negative infinity.
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// The sub-second part, in nanoseconds (`0..1_000_000_000`), to be added to [`secs`][Self::secs].
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Fractional seconds since the epoch.
    ///
    /// An `f64` has about 16 significant digits, so present-day timestamps keep roughly
    /// microsecond precision; use [`secs`][Self::secs] and [`subsec_nanos`][Self::subsec_nanos]
    /// when the exact value matters.
    pub fn as_secs_f64(&self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / f64::from(NANOS_PER_SEC)
    }

    /// Formats the timestamp as an RFC 3339 `date-time` in UTC, for example
    /// `2019-12-16T23:48:18Z`.
    ///
    /// Fractional seconds are written only when non-zero, without trailing zeros
    /// (`2019-12-16T23:48:18.52Z`). Years outside `0000..=9999`, which RFC 3339 cannot
    /// express, are written with an explicit sign and as many digits as needed
    /// (ISO 8601 expanded form, e.g. `+10000-01-01T00:00:00Z`). This is also the
    /// [`Display`][fmt::Display] form.
    pub fn to_date_time(&self) -> String {
        self.to_string()
    }

    /// Formats the timestamp as an HTTP date in the IMF-fixdate form of RFC 7231, for example
    /// `Mon, 16 Dec 2019 23:48:18 GMT`.
    ///
    /// When the timestamp has a non-zero millisecond part, it is written with exactly three
    /// digits (`Mon, 16 Dec 2019 23:48:18.520 GMT`), as Smithy permits; precision below a
    /// millisecond is dropped. Years outside `0000..=9999` use the same expanded form as
    /// [`to_date_time`][Self::to_date_time].
    // `Civil::from_secs` gives a weekday in 0..7 and a month in 1..=12, so the table indices
    // are in bounds.
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    pub fn to_http_date(&self) -> String {
        let civil = Civil::from_secs(self.secs);
        let mut out = String::with_capacity(29);
        // Writing to a `String` cannot fail.
        let _ = write!(
            out,
            "{}, {:02} {} {} {:02}:{:02}:{:02}",
            SHORT_DAY_NAMES[civil.weekday],
            civil.day,
            MONTH_NAMES[civil.month as usize - 1],
            Year(civil.year),
            civil.hour,
            civil.minute,
            civil.second,
        );
        let millis = self.nanos / 1_000_000;
        if millis != 0 {
            let _ = write!(out, ".{millis:03}");
        }
        out.push_str(" GMT");
        out
    }

    /// Formats the timestamp as Smithy `epoch-seconds` text: an integer when there is no
    /// sub-second part (`1576540098`), otherwise a decimal without trailing zeros
    /// (`1576540098.52`, `-1.5`).
    // `secs + 1` runs only for a negative `secs`, and `nanos` is below `NANOS_PER_SEC`.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn to_epoch_seconds(&self) -> String {
        if self.nanos == 0 {
            return self.secs.to_string();
        }
        if self.secs < 0 {
            // secs + nanos is negative here: write its magnitude, e.g. (-2, 0.5) is "-1.5".
            // `secs + 1` cannot overflow because `secs` is negative.
            let whole = (self.secs + 1).unsigned_abs();
            format!("-{whole}{}", Fraction(NANOS_PER_SEC - self.nanos))
        } else {
            format!("{}{}", self.secs, Fraction(self.nanos))
        }
    }

    /// Parses an RFC 3339 `date-time`, such as `2019-12-16T23:48:18Z` or
    /// `2019-12-16T15:48:18.52-08:00`.
    ///
    /// The offset may be `Z` or `±hh:mm`, and the `T` and `Z` may be lower-case. Fractional
    /// seconds may have any number of digits; those beyond the ninth are ignored. A leap
    /// second (`:60`) is accepted and counted as the first second of the next minute, since
    /// this type does not represent leap seconds.
    ///
    /// # Errors
    ///
    /// Fails when the text does not follow the grammar or names a date or time that does not
    /// exist (month 13, February 30th, hour 24, ...).
    pub fn parse_date_time(text: &str) -> Result<Self, DateTimeError> {
        parse_with(text, "date-time", parse_rfc3339)
    }

    /// Parses an HTTP date, such as `Mon, 16 Dec 2019 23:48:18 GMT`.
    ///
    /// Besides the IMF-fixdate form (optionally with fractional seconds, as Smithy allows),
    /// the two obsolete forms that RFC 7231 requires recipients to accept are supported:
    /// RFC 850 (`Monday, 16-Dec-19 23:48:18 GMT`) and C's `asctime` (`Mon Dec 16 23:48:18 2019`).
    /// An RFC 850 two-digit year is read as 1970–2069. The day name must be a valid name but
    /// is not checked against the date.
    ///
    /// # Errors
    ///
    /// Fails when the text matches none of the three forms or names a date or time that does
    /// not exist.
    pub fn parse_http_date(text: &str) -> Result<Self, DateTimeError> {
        parse_with(text, "HTTP date", parse_http)
    }

    /// Parses Smithy `epoch-seconds` text: an optional `-`, decimal digits and optionally a
    /// `.` followed by more digits, for example `1576540098`, `1576540098.52` or `-1.5`.
    ///
    /// Digits beyond nanosecond precision are ignored.
    ///
    /// # Errors
    ///
    /// Fails when the text does not follow that grammar (exponents, leading `+` and
    /// surrounding whitespace are rejected) or when the whole seconds do not fit in an `i64`.
    pub fn parse_epoch_seconds(text: &str) -> Result<Self, DateTimeError> {
        parse_with(text, "epoch seconds", parse_epoch)
    }
}

impl fmt::Display for DateTime {
    /// Writes the RFC 3339 `date-time` form; see [`DateTime::to_date_time`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let civil = Civil::from_secs(self.secs);
        write!(
            f,
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}{}Z",
            Year(civil.year),
            civil.month,
            civil.day,
            civil.hour,
            civil.minute,
            civil.second,
            Fraction(self.nanos),
        )
    }
}

impl std::str::FromStr for DateTime {
    type Err = DateTimeError;

    /// Parses an RFC 3339 `date-time`; see [`DateTime::parse_date_time`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse_date_time(text)
    }
}

/// The error returned when a [`DateTime`] cannot be parsed or constructed.
///
/// Its [`Display`][fmt::Display] form says which format was expected, quotes the offending
/// input (shortened if long) and explains what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeError {
    message: String,
}

impl DateTimeError {
    fn new(message: String) -> Self {
        Self { message }
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateTimeError {}

/// A calendar date and time of day in UTC, broken down from epoch seconds.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// 0 is Sunday.
    weekday: usize,
}

impl Civil {
    // `days` is at most `i64::MAX / 86_400` (about 2^47) in magnitude, so `days + 4` cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    fn from_secs(secs: i64) -> Self {
        let days = secs.div_euclid(SECS_PER_DAY);
        // In 0..86_400, so the narrowing casts below are lossless.
        let secs_of_day = secs.rem_euclid(SECS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month,
            day,
            hour: secs_of_day / 3600,
            minute: secs_of_day / 60 % 60,
            second: secs_of_day % 60,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as usize,
        }
    }
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
///
/// This is Howard Hinnant's `days_from_civil`: shifting the year to start in March puts the
/// leap day last, after which every 400-year era has the same 146 097 days and the day of
/// a shifted year follows from a linear formula in the month.
// Only called with a four-digit year, a month in 1..=12 and a day in 1..=31 (`checked_days`):
// every intermediate value is small.
#[allow(clippy::arithmetic_side_effects)]
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400; // 0..=399
    let shifted_month = i64::from((month + 9) % 12); // March is 0, February is 11
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719 468 is the number of days from 0000-03-01 to 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian `(year, month, day)` of a count of days since 1970-01-01;
/// the inverse of [`days_from_civil`] (Howard Hinnant's `civil_from_days`).
// `days` comes from `secs / 86_400`, at most about 2^47 in magnitude, so every intermediate value
// (at most `days * 5` or `era * 146_097`) stays far below `i64::MAX`.
#[allow(clippy::arithmetic_side_effects)]
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097; // 0..=146_096
                                           // Undo the leap-day corrections to find the year within the era.
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // 0..=11, March is 0
                                                     // Both values are small and non-negative, so the casts are lossless.
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Writes a year with at least four digits, signed when outside `0000..=9999`.
struct Year(i64);

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if (0..=9999).contains(&self.0) {
            write!(f, "{:04}", self.0)
        } else {
            write!(f, "{:+05}", self.0)
        }
    }
}

/// Writes nanoseconds as a decimal fraction without trailing zeros (`.52`), or nothing at all
/// when zero.
struct Fraction(u32);

impl fmt::Display for Fraction {
    // `self.0` is non-zero here, so at most eight trailing zeros are divided out of nine digits.
    #[allow(clippy::arithmetic_side_effects)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return Ok(());
        }
        let (mut digits, mut width) = (self.0, 9);
        while digits % 10 == 0 {
            digits /= 10;
            width -= 1;
        }
        write!(f, ".{digits:0width$}")
    }
}


/// Why a timestamp did not parse; combined with the input into a [`DateTimeError`].
type Reason = &'static str;

fn parse_with(
    text: &str,
    format: &str,
    parse: fn(&str) -> Result<DateTime, Reason>,
) -> Result<DateTime, DateTimeError> {
    let result = if text.is_empty() {
        Err("the input is empty")
    } else {
        parse(text)
    };
    result.map_err(|reason| {
        DateTimeError::new(format!("invalid {format} {}: {reason}", Excerpt(text)))
    })
}

/// A forward-only reader over the bytes of a timestamp.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            rest: text.as_bytes(),
        }
    }

    /// Consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        match self.rest.split_first() {
            Some((&first, rest)) if first == byte => {
                self.rest = rest;
                true
            }
            _ => false,
        }
    }

    /// Consumes and returns the next byte if it is one of `options`.
    fn eat_one_of(&mut self, options: &[u8]) -> Option<u8> {
        match self.rest.split_first() {
            Some((&first, rest)) if options.contains(&first) => {
                self.rest = rest;
                Some(first)
            }
            _ => None,
        }
    }

    fn expect(&mut self, byte: u8, reason: Reason) -> Result<(), Reason> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(reason)
        }
    }

    fn expect_bytes(&mut self, expected: &[u8], reason: Reason) -> Result<(), Reason> {
        match self.rest.strip_prefix(expected) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(reason),
        }
    }

    /// Consumes the longest run of bytes satisfying `predicate` (possibly empty).
    fn take_while(&mut self, predicate: impl Fn(u8) -> bool) -> &'a [u8] {
        let len = self.rest.iter().take_while(|&&b| predicate(b)).count();
        let (taken, rest) = self.rest.split_at(len);
        self.rest = rest;
        taken
    }

    /// Consumes exactly `count` ASCII digits (at most 9) and returns their value.
    // At most nine ASCII digits (callers ask for at most four): the value stays below 10^9.
    #[allow(clippy::arithmetic_side_effects)]
    fn fixed_digits(&mut self, count: usize, reason: Reason) -> Result<u32, Reason> {
        match self.rest.split_at_checked(count) {
            Some((digits, rest)) if digits.iter().all(u8::is_ascii_digit) => {
                self.rest = rest;
                Ok(digits
                    .iter()
                    .fold(0, |value, &d| value * 10 + u32::from(d - b'0')))
            }
            _ => Err(reason),
        }
    }

    /// Consumes an optional `.` and the digits after it, returning them as nanoseconds.
    // Nine ASCII digits at most: the value stays below 10^9.
    #[allow(clippy::arithmetic_side_effects)]
    fn optional_fraction(&mut self) -> Result<u32, Reason> {
        if !self.eat(b'.') {
            return Ok(0);
        }
        let digits = self.take_while(|b| b.is_ascii_digit());
        if digits.is_empty() {
            return Err("expected digits after the decimal point");
        }
        // Pad or cut to exactly nine digits.
        Ok((0..9).fold(0, |nanos, i| {
            nanos * 10 + digits.get(i).map_or(0, |&d| u32::from(d - b'0'))
        }))
    }

    /// Consumes `hh:mm:ss[.fraction]`, returning seconds since midnight and nanoseconds.
    // Two-digit hour, minutes and seconds: the sum stays below 100 * 3600 + 100 * 60 + 100.
    #[allow(clippy::arithmetic_side_effects)]
    fn time_of_day(&mut self) -> Result<(i64, u32), Reason> {
        let hour = self.fixed_digits(2, "expected a two-digit hour")?;
        self.expect(b':', "expected ':' after the hour")?;
        let minute = self.fixed_digits(2, "expected two-digit minutes")?;
        self.expect(b':', "expected ':' after the minutes")?;
        let second = self.fixed_digits(2, "expected two-digit seconds")?;
        let nanos = self.optional_fraction()?;
        if hour > 23 {
            return Err("the hour must be between 00 and 23");
        }
        if minute > 59 {
            return Err("the minutes must be between 00 and 59");
        }
        // 60 is a leap second; it rolls over into the next minute.
        if second > 60 {
            return Err("the seconds must be between 00 and 60");
        }
        let secs = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
        Ok((secs, nanos))
    }

    fn finish(&self) -> Result<(), Reason> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err("unexpected characters after the timestamp")
        }
    }
}

/// Validates a calendar date and converts it to days since the epoch.
fn checked_days(year: i64, month: u32, day: u32) -> Result<i64, Reason> {
    if !(1..=12).contains(&month) {
        return Err("the month must be between 01 and 12");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("the day does not exist in that month");
    }
    Ok(days_from_civil(year, month, day))
}

/// The 1-based month number of an English three-letter month abbreviation.
// The index is below `MONTH_NAMES.len()` (12).
#[allow(clippy::arithmetic_side_effects)]
fn month_from_name(name: &[u8]) -> Result<u32, Reason> {
    MONTH_NAMES
        .iter()
        .position(|m| m.as_bytes() == name)
        .map(|index| index as u32 + 1)
        .ok_or("expected a three-letter English month name such as \"Jan\"")
}

// Years have four digits and offsets two-digit hours and minutes, so the seconds stay far
// below `i64::MAX`.
#[allow(clippy::arithmetic_side_effects)]
fn parse_rfc3339(text: &str) -> Result<DateTime, Reason> {
    let mut cursor = Cursor::new(text);
    let year = cursor.fixed_digits(4, "expected a four-digit year")?;
    cursor.expect(b'-', "expected '-' after the year")?;
    let month = cursor.fixed_digits(2, "expected a two-digit month")?;
    cursor.expect(b'-', "expected '-' after the month")?;
    let day = cursor.fixed_digits(2, "expected a two-digit day")?;
    let days = checked_days(i64::from(year), month, day)?;
    if cursor.eat_one_of(b"Tt").is_none() {
        return Err("expected 'T' between the date and the time");
    }
    let (time, nanos) = cursor.time_of_day()?;
    let offset = match cursor.eat_one_of(b"Zz+-") {
        Some(b'Z' | b'z') => 0,
        Some(sign) => {
            let hours = cursor.fixed_digits(2, "expected a two-digit offset hour")?;
            cursor.expect(b':', "expected ':' in the UTC offset")?;
            let minutes = cursor.fixed_digits(2, "expected two-digit offset minutes")?;
            if hours > 23 || minutes > 59 {
                return Err("the UTC offset is out of range");
            }
            let offset = i64::from(hours) * 3600 + i64::from(minutes) * 60;
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        None => return Err("expected 'Z' or a UTC offset such as '+01:00' after the time"),
    };
    cursor.finish()?;
    // Years are limited to four digits, so none of this can overflow.
    Ok(DateTime {
        secs: days * SECS_PER_DAY + time - offset,
        nanos,
    })
}

// Years have at most four digits, so the seconds stay far below `i64::MAX`.
#[allow(clippy::arithmetic_side_effects)]
fn parse_http(text: &str) -> Result<DateTime, Reason> {
    let mut cursor = Cursor::new(text);
    let day_name = cursor.take_while(|b| b.is_ascii_alphabetic());
    let is_short_name = SHORT_DAY_NAMES.iter().any(|n| n.as_bytes() == day_name);
    let is_long_name = LONG_DAY_NAMES.iter().any(|n| n.as_bytes() == day_name);
    let (year, month, day, (time, nanos)) = if cursor.eat(b',') {
        cursor.expect(b' ', "expected a space after the day name")?;
        if is_short_name {
            // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
            let day = cursor.fixed_digits(2, "expected a two-digit day")?;
            cursor.expect(b' ', "expected a space after the day")?;
            let month = month_from_name(cursor.take_while(|b| b.is_ascii_alphabetic()))?;
            cursor.expect(b' ', "expected a space after the month")?;
            let year = i64::from(cursor.fixed_digits(4, "expected a four-digit year")?);
            cursor.expect(b' ', "expected a space after the year")?;
            let time = cursor.time_of_day()?;
            cursor.expect_bytes(b" GMT", "expected \" GMT\" after the time")?;
            (year, month, day, time)
        } else if is_long_name {
            // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
            let day = cursor.fixed_digits(2, "expected a two-digit day")?;
            cursor.expect(b'-', "expected '-' after the day")?;
            let month = month_from_name(cursor.take_while(|b| b.is_ascii_alphabetic()))?;
            cursor.expect(b'-', "expected '-' after the month")?;
            let short_year = i64::from(cursor.fixed_digits(2, "expected a two-digit year")?);
            let year = if short_year < 70 {
                2000 + short_year
            } else {
                1900 + short_year
            };
            cursor.expect(b' ', "expected a space after the year")?;
            let time = cursor.time_of_day()?;
            cursor.expect_bytes(b" GMT", "expected \" GMT\" after the time")?;
            (year, month, day, time)
        } else {
            return Err("expected an English day name such as \"Mon\"");
        }
    } else if is_short_name {
        // asctime: "Sun Nov  6 08:49:37 1994"
        cursor.expect(b' ', "expected ',' or a space after the day name")?;
        let month = month_from_name(cursor.take_while(|b| b.is_ascii_alphabetic()))?;
        cursor.expect(b' ', "expected a space after the month")?;
        let day = if cursor.eat(b' ') {
            cursor.fixed_digits(1, "expected a day")?
        } else {
            cursor.fixed_digits(2, "expected a day")?
        };
        cursor.expect(b' ', "expected a space after the day")?;
        let time = cursor.time_of_day()?;
        cursor.expect(b' ', "expected a space after the time")?;
        let year = i64::from(cursor.fixed_digits(4, "expected a four-digit year")?);
        (year, month, day, time)
    } else {
        return Err("expected an English day name such as \"Mon\"");
    };
    cursor.finish()?;
    let days = checked_days(year, month, day)?;
    Ok(DateTime {
        secs: days * SECS_PER_DAY + time,
        nanos,
    })
}

// The digits are ASCII digits (`d - b'0'` is 0..=9), the whole part uses checked arithmetic,
// and `nanos` is a nine-digit fraction below `NANOS_PER_SEC`.
#[allow(clippy::arithmetic_side_effects)]
fn parse_epoch(text: &str) -> Result<DateTime, Reason> {
    const OUT_OF_RANGE: Reason = "the value is outside the supported range";
    let mut cursor = Cursor::new(text);
    let negative = cursor.eat(b'-');
    let digits = cursor.take_while(|b| b.is_ascii_digit());
    if digits.is_empty() {
        return Err("expected decimal digits");
    }
    let nanos = cursor.optional_fraction()?;
    cursor.finish()?;
    let whole = digits.iter().try_fold(0u64, |value, &d| {
        value
            .checked_mul(10)
            .and_then(|value| value.checked_add(u64::from(d - b'0')))
            .ok_or(OUT_OF_RANGE)
    })?;
    let (secs, nanos) = match (negative, nanos) {
        (false, _) => (i64::try_from(whole).map_err(|_| OUT_OF_RANGE)?, nanos),
        (true, 0) => (0i64.checked_sub_unsigned(whole).ok_or(OUT_OF_RANGE)?, 0),
        // -(whole + fraction) == -(whole + 1) + (1 - fraction)
        (true, _) => (
            (-1i64).checked_sub_unsigned(whole).ok_or(OUT_OF_RANGE)?,
            NANOS_PER_SEC - nanos,
        ),
    };
    Ok(DateTime { secs, nanos })
}

// @end

// @section blob
// ---------------------------------------------------------------------------------------------
// Blob
// ---------------------------------------------------------------------------------------------

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// An opaque sequence of bytes: Smithy's `blob`.
///
/// Text formats such as JSON carry blobs as base64 (RFC 4648, standard alphabet); see
/// [`to_base64`][Self::to_base64] and [`from_base64`][Self::from_base64].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Blob {
    inner: Vec<u8>,
}

impl Blob {
    /// Wraps the given bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            inner: bytes.into(),
        }
    }

    /// The bytes, borrowed.
    pub fn as_bytes(&self) -> &[u8] {
        &self.inner
    }

    /// Unwraps the bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.inner
    }

    /// Encodes the bytes as padded base64 with the standard alphabet (RFC 4648 section 4).
    // A sextet (0..=63) indexes the 64-entry alphabet; `index` is below 4 so `18 - 6 * index`
    // cannot underflow; the capacity is about 4/3 of a slice's length.
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    pub fn to_base64(&self) -> String {
        let mut out = String::with_capacity(self.inner.len().div_ceil(3) * 4);
        for chunk in self.inner.chunks(3) {
            let mut group = [0u8; 3];
            for (slot, &byte) in group.iter_mut().zip(chunk) {
                *slot = byte;
            }
            let bits =
                (u32::from(group[0]) << 16) | (u32::from(group[1]) << 8) | u32::from(group[2]);
            // n input bytes need n + 1 characters; the rest of the group of four is padding.
            for index in 0..4 {
                if index <= chunk.len() {
                    let sextet = (bits >> (18 - 6 * index)) & 0x3f;
                    out.push(char::from(BASE64_ALPHABET[sextet as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Decodes base64 with the standard alphabet (RFC 4648 section 4).
    ///
    /// Trailing `=` padding is optional, but when present it must complete the final group
    /// of four characters. Unused bits in the last character are ignored.
    ///
    /// # Errors
    ///
    /// Fails on characters outside the alphabet (including whitespace and URL-safe `-`/`_`),
    /// on misplaced padding, and on a length that cannot encode whole bytes.
    // `data` is a prefix of `bytes`; `index` is below 4 (so `18 - 6 * index` cannot underflow) and
    // `group.len()` is at least 2 where one is subtracted; positions are below a slice's length.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn from_base64(text: &str) -> Result<Self, Base64Error> {
        let bytes = text.as_bytes();
        let data = bytes
            .strip_suffix(b"==")
            .or_else(|| bytes.strip_suffix(b"="))
            .unwrap_or(bytes);
        let padding = bytes.len() - data.len();
        if padding > 0 && data.len() % 4 + padding != 4 {
            return Err(Base64Error::new(format!(
                "padding must complete a group of four characters, but the input has {} characters",
                bytes.len()
            )));
        }
        let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
        for (group_index, group) in data.chunks(4).enumerate() {
            let mut bits = 0u32;
            for (index, &byte) in group.iter().enumerate() {
                let sextet = base64_sextet(byte)
                    .ok_or_else(|| Base64Error::invalid_character(text, group_index * 4 + index))?;
                bits |= u32::from(sextet) << (18 - 6 * index);
            }
            if group.len() == 1 {
                // Six bits cannot make a byte.
                return Err(Base64Error::new(format!(
                    "{} characters of data cannot encode whole bytes",
                    data.len()
                )));
            }
            // A group of n characters carries n - 1 bytes.
            out.extend(bits.to_be_bytes().into_iter().skip(1).take(group.len() - 1));
        }
        Ok(Self { inner: out })
    }
}

// Each arm's range keeps the result within 0..=63.
#[allow(clippy::arithmetic_side_effects)]
fn base64_sextet(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.inner
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self { inner: bytes }
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self {
            inner: bytes.to_vec(),
        }
    }
}

impl From<&str> for Blob {
    /// Takes the UTF-8 bytes of the string (no base64 decoding).
    fn from(text: &str) -> Self {
        Self {
            inner: text.as_bytes().to_vec(),
        }
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.inner
    }
}

/// The error returned by [`Blob::from_base64`] for text that is not valid base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base64Error {
    message: String,
}

impl Base64Error {
    fn new(message: String) -> Self {
        Self { message }
    }

    fn invalid_character(text: &str, offset: usize) -> Self {
        // Everything before `offset` was ASCII, so it is a character boundary; `get` keeps
        // this panic-free regardless.
        let found = text.get(offset..).and_then(|rest| rest.chars().next());
        match found {
            Some(c) => Self::new(format!(
                "invalid base64 character {c:?} at byte offset {offset}"
            )),
            None => Self::new(format!("invalid base64 character at byte offset {offset}")),
        }
    }
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Base64Error {}

// @end

// @section document
// ---------------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------------

use std::collections::BTreeMap;

/// An untyped value, Smithy's `document`: the data model of JSON.
///
/// Object keys are kept sorted. Non-finite floats, which JSON cannot express, are written to
/// JSON as the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (and therefore read back as
/// strings).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Document {
    /// The absence of a value (`null`).
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; see [`Number`].
    Number(Number),
    /// A string.
    String(String),
    /// An ordered list of values.
    Array(Vec<Document>),
    /// A map from string keys to values.
    Object(BTreeMap<String, Document>),
}

impl Document {
    /// Whether this is [`Document::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The boolean, if this is a [`Document::Bool`].
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The number, if this is a [`Document::Number`].
    pub fn as_number(&self) -> Option<Number> {
        match self {
            Self::Number(value) => Some(*value),
            _ => None,
        }
    }

    /// The string, if this is a [`Document::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(value) => Some(value),
            _ => None,
        }
    }

    /// The elements, if this is a [`Document::Array`].
    pub fn as_array(&self) -> Option<&[Document]> {
        match self {
            Self::Array(values) => Some(values),
            _ => None,
        }
    }

    /// The entries, if this is a [`Document::Object`].
    pub fn as_object(&self) -> Option<&BTreeMap<String, Document>> {
        match self {
            Self::Object(entries) => Some(entries),
            _ => None,
        }
    }
}

impl From<bool> for Document {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl From<&str> for Document {
    fn from(value: &str) -> Self {
        Self::String(value.to_owned())
    }
}

impl From<String> for Document {
    fn from(value: String) -> Self {
        Self::String(value)
    }
}

impl From<Number> for Document {
    fn from(value: Number) -> Self {
        Self::Number(value)
    }
}

impl From<i64> for Document {
    fn from(value: i64) -> Self {
        Self::Number(Number::from(value))
    }
}

impl From<u64> for Document {
    fn from(value: u64) -> Self {
        Self::Number(Number::from(value))
    }
}

impl From<f64> for Document {
    fn from(value: f64) -> Self {
        Self::Number(Number::from(value))
    }
}

impl From<Vec<Document>> for Document {
    fn from(values: Vec<Document>) -> Self {
        Self::Array(values)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(entries: BTreeMap<String, Document>) -> Self {
        Self::Object(entries)
    }
}

/// A number inside a [`Document`].
///
/// Integers are kept exactly: [`PosInt`][Self::PosInt] holds non-negative integers and
/// [`NegInt`][Self::NegInt] negative ones (the `From` conversions maintain that split).
/// Everything else is a [`Float`][Self::Float].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A floating-point number, possibly NaN or infinite.
    Float(f64),
}

impl Number {
    /// The value as a float, rounded to the nearest `f64` for integers beyond 2^53.
    pub fn as_f64(&self) -> f64 {
        match *self {
            Self::PosInt(v) => v as f64,
            Self::NegInt(v) => v as f64,
            Self::Float(v) => v,
        }
    }

    /// The value as an `i64`, if it is an integer in range. A float qualifies only when it
    /// is a whole number, so no information is lost.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Self::PosInt(v) => i64::try_from(v).ok(),
            Self::NegInt(v) => Some(v),
            // The cast is exact: the value is whole and within -2^63..2^63.
            Self::Float(v) if v.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&v) => {
                Some(v as i64)
            }
            Self::Float(_) => None,
        }
    }

    /// The value as a `u64`, if it is a non-negative integer in range. A float qualifies only
    /// when it is a whole number, so no information is lost.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Self::PosInt(v) => Some(v),
            Self::NegInt(v) => u64::try_from(v).ok(),
            // The cast is exact: the value is whole and within 0..2^64.
            Self::Float(v) if v.fract() == 0.0 && (0.0..2.0 * TWO_POW_63).contains(&v) => {
                Some(v as u64)
            }
            Self::Float(_) => None,
        }
    }
}

impl From<i64> for Number {
    /// Produces [`Number::PosInt`] for non-negative values and [`Number::NegInt`] otherwise.
    fn from(value: i64) -> Self {
        match u64::try_from(value) {
            Ok(positive) => Self::PosInt(positive),
            Err(_) => Self::NegInt(value),
        }
    }
}

impl From<u64> for Number {
    fn from(value: u64) -> Self {
        Self::PosInt(value)
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Self::Float(value)
    }
}

// @end

// @section big-numbers
// ---------------------------------------------------------------------------------------------
// BigInteger and BigDecimal
// ---------------------------------------------------------------------------------------------

/// An integer of any size: Smithy's `bigInteger`, kept as its decimal text.
///
/// The text is validated on construction (an optional `+` or `-` followed by ASCII digits)
/// but otherwise stored as given, so equality and hashing compare text: `"007"` and `"7"`
/// are different values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BigInteger {
    text: String,
}

impl BigInteger {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Default for BigInteger {
    /// Zero.
    fn default() -> Self {
        Self {
            text: "0".to_owned(),
        }
    }
}

impl std::str::FromStr for BigInteger {
    type Err = BigNumberError;

    /// Accepts an optional sign followed by one or more ASCII digits.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if is_integer_syntax(text) {
            Ok(Self {
                text: text.to_owned(),
            })
        } else {
            Err(BigNumberError::new(format!(
                "invalid big integer {}: expected an optional sign followed by decimal digits",
                Excerpt(text)
            )))
        }
    }
}

impl From<i64> for BigInteger {
    fn from(value: i64) -> Self {
        Self {
            text: value.to_string(),
        }
    }
}

impl From<u64> for BigInteger {
    fn from(value: u64) -> Self {
        Self {
            text: value.to_string(),
        }
    }
}

impl fmt::Display for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A decimal number of any size and precision: Smithy's `bigDecimal`, kept as its text.
///
/// The text is validated on construction (an optional sign, digits with an optional
/// fractional part such as `1.5`, `1.` or `.5`, and an optional exponent such as `e-7`) but
/// otherwise stored as given, so equality and hashing compare text: `"1.0"` and `"1"` are
/// different values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BigDecimal {
    text: String,
}

impl BigDecimal {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Default for BigDecimal {
    /// Zero.
    fn default() -> Self {
        Self {
            text: "0".to_owned(),
        }
    }
}

impl std::str::FromStr for BigDecimal {
    type Err = BigNumberError;

    /// Accepts an optional sign, a mantissa with at least one digit and at most one decimal
    /// point, and an optional exponent (`e` or `E`, an optional sign and digits).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if is_decimal_syntax(text) {
            Ok(Self {
                text: text.to_owned(),
            })
        } else {
            Err(BigNumberError::new(format!(
                "invalid big decimal {}: expected a decimal number such as \"-12.5e3\"",
                Excerpt(text)
            )))
        }
    }
}

impl From<i64> for BigDecimal {
    fn from(value: i64) -> Self {
        Self {
            text: value.to_string(),
        }
    }
}

impl From<u64> for BigDecimal {
    fn from(value: u64) -> Self {
        Self {
            text: value.to_string(),
        }
    }
}

impl fmt::Display for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The error returned when text is not a valid [`BigInteger`] or [`BigDecimal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigNumberError {
    message: String,
}

impl BigNumberError {
    fn new(message: String) -> Self {
        Self { message }
    }
}

impl fmt::Display for BigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BigNumberError {}

fn is_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// `[+-]?[0-9]+`
fn is_integer_syntax(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    !unsigned.is_empty() && is_digits(unsigned)
}

/// `[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?`
fn is_decimal_syntax(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok =
        is_digits(whole) && is_digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = match exponent {
        Some(exponent) => is_integer_syntax(exponent),
        None => true,
    };
    mantissa_ok && exponent_ok
}

// @end

// @section excerpt
/// Writes user input quoted and escaped, cut short after 64 characters.
struct Excerpt<'a>(&'a str);

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const LIMIT: usize = 64;
        match self.0.char_indices().nth(LIMIT) {
            Some((cut, _)) => write!(f, "{:?}...", &self.0[..cut]),
            None => write!(f, "{:?}", self.0),
        }
    }
}
// @end

// ---------------------------------------------------------------------------------------------
// UnknownVariantValue
// ---------------------------------------------------------------------------------------------

/// The raw value of an enum variant that this crate does not know about, typically because
/// the service added it after the crate was generated.
///
/// Only this crate can create one, so matching on a known variant can never be bypassed by
/// constructing an "unknown" value that is actually known.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue {
    value: String,
}

impl UnknownVariantValue {
    /// Wraps a value that matched none of the enum's known variants.
    // Unused in crates whose model has no enums.
    #[allow(dead_code)]
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
        }
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl AsRef<str> for UnknownVariantValue {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for UnknownVariantValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

// ---------------------------------------------------------------------------------------------
// Unit
// ---------------------------------------------------------------------------------------------

/// The empty structure, Smithy's `smithy.api#Unit`, used for operations without input or
/// output and for union members that carry no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Unit;

#[cfg(test)]
mod tests {
    use super::*;

    /// (epoch seconds, nanos, date-time, http-date, epoch-seconds text)
    const KNOWN: &[(i64, u32, &str, &str, &str)] = &[
        (
            0,
            0,
            "1970-01-01T00:00:00Z",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "0",
        ),
        (
            1_576_540_098,
            0,
            "2019-12-16T23:48:18Z",
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "1576540098",
        ),
        (
            1_576_540_098,
            520_000_000,
            "2019-12-16T23:48:18.52Z",
            "Mon, 16 Dec 2019 23:48:18.520 GMT",
            "1576540098.52",
        ),
        (
            951_782_400,
            0,
            "2000-02-29T00:00:00Z",
            "Tue, 29 Feb 2000 00:00:00 GMT",
            "951782400",
        ),
        (
            951_955_199,
            0,
            "2000-03-01T23:59:59Z",
            "Wed, 01 Mar 2000 23:59:59 GMT",
            "951955199",
        ),
        (
            1_709_208_000,
            0,
            "2024-02-29T12:00:00Z",
            "Thu, 29 Feb 2024 12:00:00 GMT",
            "1709208000",
        ),
        (
            -1,
            0,
            "1969-12-31T23:59:59Z",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            "-1",
        ),
        (
            -2,
            500_000_000,
            "1969-12-31T23:59:58.5Z",
            "Wed, 31 Dec 1969 23:59:58.500 GMT",
            "-1.5",
        ),
        (
            -1,
            999_999_999,
            "1969-12-31T23:59:59.999999999Z",
            "Wed, 31 Dec 1969 23:59:59.999 GMT",
            "-0.000000001",
        ),
        (
            -2_208_988_800,
            0,
            "1900-01-01T00:00:00Z",
            "Mon, 01 Jan 1900 00:00:00 GMT",
            "-2208988800",
        ),
        (
            -62_135_596_800,
            0,
            "0001-01-01T00:00:00Z",
            "Mon, 01 Jan 0001 00:00:00 GMT",
            "-62135596800",
        ),
        (
            253_402_300_799,
            1_000,
            "9999-12-31T23:59:59.000001Z",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "253402300799.000001",
        ),
        (
            1_000_000_000,
            0,
            "2001-09-09T01:46:40Z",
            "Sun, 09 Sep 2001 01:46:40 GMT",
            "1000000000",
        ),
    ];

    #[test]
    fn formats_known_instants() {
        for &(secs, nanos, date_time, http_date, epoch) in KNOWN {
            let t = DateTime::from_parts(secs, nanos);
            assert_eq!(t.to_date_time(), date_time);
            assert_eq!(t.to_string(), date_time);
            assert_eq!(t.to_http_date(), http_date);
            assert_eq!(t.to_epoch_seconds(), epoch);
        }
    }

    #[test]
    fn parses_known_instants() {
        for &(secs, nanos, date_time, http_date, epoch) in KNOWN {
            let t = DateTime::from_parts(secs, nanos);
            assert_eq!(DateTime::parse_date_time(date_time), Ok(t), "{date_time}");
            assert_eq!(date_time.parse::<DateTime>(), Ok(t));
            assert_eq!(DateTime::parse_epoch_seconds(epoch), Ok(t), "{epoch}");
            // The HTTP form keeps only milliseconds.
            let millis = DateTime::from_parts(secs, nanos / 1_000_000 * 1_000_000);
            assert_eq!(
                DateTime::parse_http_date(http_date),
                Ok(millis),
                "{http_date}"
            );
        }
    }

    #[test]
    fn calendar_conversion_is_consistent_for_years_0000_to_9999() {
        let first = days_from_civil(0, 1, 1);
        let last = days_from_civil(9999, 12, 31);
        let (mut year, mut month, mut day) = (0, 1, 1);
        for days in first..=last {
            assert_eq!(civil_from_days(days), (year, month, day));
            assert_eq!(days_from_civil(year, month, day), days);
            day += 1;
            if day > days_in_month(year, month) {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
        assert_eq!(year, 10_000);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }

    #[test]
    fn normalises_parts() {
        let t = DateTime::from_parts(10, 2_500_000_000);
        assert_eq!((t.secs(), t.subsec_nanos()), (12, 500_000_000));
        let saturated = DateTime::from_parts(i64::MAX, 1_000_000_001);
        assert_eq!((saturated.secs(), saturated.subsec_nanos()), (i64::MAX, 1));
        assert_eq!(DateTime::default(), DateTime::from_secs(0));
    }

    #[test]
    fn orders_chronologically() {
        let earlier = DateTime::from_parts(-2, 500_000_000); // -1.5
        let later = DateTime::from_parts(-1, 0);
        assert!(earlier < later);
        assert!(DateTime::from_parts(5, 1) > DateTime::from_secs(5));
    }

    #[test]
    fn converts_floats() {
        let t = DateTime::from_secs_f64(1_576_540_098.52).unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (1_576_540_098, 520_000_000));
        assert_eq!(t.as_secs_f64(), 1_576_540_098.52);
        let t = DateTime::from_secs_f64(-1.5).unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
        assert_eq!(t.as_secs_f64(), -1.5);
        assert_eq!(DateTime::from_secs_f64(-0.0), Ok(DateTime::from_secs(0)));
        assert_eq!(DateTime::from_secs_f64(5e-324), Ok(DateTime::from_secs(0)));
        assert_eq!(
            DateTime::from_secs_f64(-9_223_372_036_854_775_808.0),
            Ok(DateTime::from_secs(i64::MIN))
        );
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            9.3e18,
            -9.3e18,
            1e300,
        ] {
            assert!(DateTime::from_secs_f64(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_extreme_years_without_panicking() {
        assert_eq!(
            DateTime::from_secs(253_402_300_800).to_date_time(),
            "+10000-01-01T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_secs(-62_167_219_201).to_date_time(),
            "-0001-12-31T23:59:59Z"
        );
        for secs in [i64::MIN, i64::MAX] {
            let t = DateTime::from_parts(secs, 999_999_999);
            assert!(!t.to_date_time().is_empty());
            assert!(!t.to_http_date().is_empty());
            assert_eq!(DateTime::parse_epoch_seconds(&t.to_epoch_seconds()), Ok(t));
        }
    }

    #[test]
    fn parses_date_time_variants() {
        let expected = DateTime::from_secs(1_576_540_098);
        for text in [
            "2019-12-16T23:48:18Z",
            "2019-12-16t23:48:18z",
            "2019-12-16T23:48:18+00:00",
            "2019-12-16T23:48:18-00:00",
            "2019-12-16T15:48:18-08:00",
            "2019-12-17T05:18:18+05:30",
        ] {
            assert_eq!(DateTime::parse_date_time(text), Ok(expected), "{text}");
        }
        let fractional = |text| DateTime::parse_date_time(text).map(|t| t.subsec_nanos());
        assert_eq!(fractional("2019-12-16T23:48:18.5Z"), Ok(500_000_000));
        assert_eq!(fractional("2019-12-16T23:48:18.000000001Z"), Ok(1));
        assert_eq!(
            fractional("2019-12-16T23:48:18.1234567891234Z"),
            Ok(123_456_789)
        );
        // A leap second runs into the next minute.
        assert_eq!(
            DateTime::parse_date_time("2016-12-31T23:59:60Z"),
            DateTime::parse_date_time("2017-01-01T00:00:00Z")
        );
    }

    #[test]
    fn rejects_malformed_date_times() {
        for text in [
            "",
            "garbage",
            "2019-13-16T23:48:18Z",
            "2019-00-16T23:48:18Z",
            "2019-12-32T23:48:18Z",
            "2019-12-00T23:48:18Z",
            "2019-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2019-12-16T25:00:00Z",
            "2019-12-16T24:00:00Z",
            "2019-12-16T23:60:00Z",
            "2019-12-16T23:48:61Z",
            "2019-12-16T23:48:18",
            "2019-12-16 23:48:18Z",
            "2019-12-16T23:48:18.Z",
            "2019-12-16T23:48:18Zjunk",
            "2019-12-16T23:48:18+0100",
            "2019-12-16T23:48:18+24:00",
            " 2019-12-16T23:48:18Z",
            "19-12-16T23:48:18Z",
            "2019-1-16T23:48:18Z",
            "+2019-12-16T23:48:18Z",
            "2019-12-16",
            "２０１９-12-16T23:48:18Z",
        ] {
            assert!(DateTime::parse_date_time(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn error_messages_explain_the_problem() {
        let message = |text| DateTime::parse_date_time(text).unwrap_err().to_string();
        assert_eq!(
            message("2019-13-16T23:48:18Z"),
            "invalid date-time \"2019-13-16T23:48:18Z\": the month must be between 01 and 12"
        );
        assert_eq!(message(""), "invalid date-time \"\": the input is empty");
        assert!(message("2019-12-16T25:00:00Z").contains("hour"));
        assert!(message("2019-12-32T00:00:00Z").contains("day"));
        let long = "x".repeat(200);
        assert!(message(&long).len() < 150);
    }

    #[test]
    fn parses_obsolete_http_dates() {
        let expected = DateTime::from_secs(784_111_777); // 1994-11-06T08:49:37Z
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            // The day name is not checked against the date.
            "Mon, 06 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(DateTime::parse_http_date(text), Ok(expected), "{text}");
        }
        assert_eq!(
            DateTime::parse_http_date("Tuesday, 29-Feb-00 00:00:00 GMT"),
            Ok(DateTime::from_secs(951_782_400))
        );
        assert_eq!(
            DateTime::parse_http_date("Mon Dec 16 23:48:18 2019"),
            Ok(DateTime::from_secs(1_576_540_098))
        );
    }

    #[test]
    fn rejects_malformed_http_dates() {
        for text in [
            "",
            "garbage",
            "Mon, 16 Dec 2019 23:48:18",
            "Mon, 16 Dec 2019 23:48:18 UTC",
            "Mon, 16 Dek 2019 23:48:18 GMT",
            "Mon, 16 dec 2019 23:48:18 GMT",
            "Mon, 32 Dec 2019 23:48:18 GMT",
            "Mon, 29 Feb 2019 23:48:18 GMT",
            "Mon, 16 Dec 2019 25:00:00 GMT",
            "Mon, 6 Dec 2019 23:48:18 GMT",
            "Foo, 16 Dec 2019 23:48:18 GMT",
            "Monday, 16 Dec 2019 23:48:18 GMT",
            "Mon, 16-Dec-19 23:48:18 GMT",
            "Mon, 16 Dec 2019 23:48:18 GMT ",
            "Mon Dec 16 23:48:18 19",
            "2019-12-16T23:48:18Z",
        ] {
            assert!(DateTime::parse_http_date(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn parses_and_rejects_epoch_seconds() {
        let parse =
            |text| DateTime::parse_epoch_seconds(text).map(|t| (t.secs(), t.subsec_nanos()));
        assert_eq!(parse("-0"), Ok((0, 0)));
        assert_eq!(parse("007"), Ok((7, 0)));
        assert_eq!(parse("-0.5"), Ok((-1, 500_000_000)));
        assert_eq!(parse("1.1234567899"), Ok((1, 123_456_789)));
        assert_eq!(parse("9223372036854775807"), Ok((i64::MAX, 0)));
        assert_eq!(parse("-9223372036854775808"), Ok((i64::MIN, 0)));
        for text in [
            "",
            "-",
            "+1",
            " 1",
            "1 ",
            "1.",
            ".5",
            "1e9",
            "0x10",
            "1.2.3",
            "abc",
            "9223372036854775808",
            "-9223372036854775808.5",
            "99999999999999999999999",
        ] {
            assert!(DateTime::parse_epoch_seconds(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(Blob::from(plain).to_base64(), encoded);
            assert_eq!(Blob::from_base64(encoded), Ok(Blob::from(plain)));
            let unpadded = encoded.trim_end_matches('=');
            assert_eq!(Blob::from_base64(unpadded), Ok(Blob::from(plain)));
        }
    }

    #[test]
    fn base64_round_trips_every_byte() {
        let bytes: Vec<u8> = (0..=255).collect();
        for len in 0..bytes.len() {
            let blob = Blob::new(&bytes[..len]);
            assert_eq!(Blob::from_base64(&blob.to_base64()), Ok(blob));
        }
        assert_eq!(Blob::new([0xfb, 0xff]).to_base64(), "+/8=");
    }

    #[test]
    fn base64_rejects_bad_input() {
        for text in [
            "Z", "Zg=", "Zg===", "=", "====", "Zm9v=", "Zm 9v", "Zm9v\n", "Zm-_", "Zg==Zg==",
            "Z===", "Zm9vé",
        ] {
            assert!(Blob::from_base64(text).is_err(), "{text:?}");
        }
        assert_eq!(
            Blob::from_base64("Zm9v%mFy").unwrap_err().to_string(),
            "invalid base64 character '%' at byte offset 4"
        );
        assert_eq!(
            Blob::from_base64("Zm9vé").unwrap_err().to_string(),
            "invalid base64 character 'é' at byte offset 4"
        );
    }

    #[test]
    fn blob_accessors() {
        let blob = Blob::new("abc");
        assert_eq!(blob.as_bytes(), b"abc");
        assert_eq!(blob.as_ref(), b"abc");
        assert_eq!(Blob::from(b"abc".to_vec()), blob);
        assert_eq!(Blob::from(&b"abc"[..]), blob);
        assert_eq!(blob.clone().into_inner(), b"abc".to_vec());
        assert_eq!(Vec::from(blob), b"abc".to_vec());
    }

    #[test]
    fn numbers_convert() {
        assert_eq!(Number::from(5i64), Number::PosInt(5));
        assert_eq!(Number::from(-5i64), Number::NegInt(-5));
        assert_eq!(Number::PosInt(u64::MAX).as_i64(), None);
        assert_eq!(Number::PosInt(u64::MAX).as_u64(), Some(u64::MAX));
        assert_eq!(Number::NegInt(-1).as_u64(), None);
        assert_eq!(Number::NegInt(-1).as_f64(), -1.0);
        assert_eq!(Number::Float(3.0).as_i64(), Some(3));
        assert_eq!(Number::Float(-3.0).as_u64(), None);
        assert_eq!(Number::Float(3.5).as_i64(), None);
        assert_eq!(Number::Float(f64::NAN).as_i64(), None);
        assert_eq!(Number::Float(9.3e18).as_i64(), None);
        assert_eq!(
            Number::Float(9.3e18).as_u64(),
            Some(9_300_000_000_000_000_000)
        );
        assert_eq!(Number::Float(1.9e19).as_u64(), None);
        assert_eq!(
            Number::Float(-9_223_372_036_854_775_808.0).as_i64(),
            Some(i64::MIN)
        );
    }

    #[test]
    fn documents_convert() {
        assert_eq!(Document::default(), Document::Null);
        assert!(Document::Null.is_null());
        assert_eq!(Document::from(true).as_bool(), Some(true));
        assert_eq!(Document::from("x").as_str(), Some("x"));
        assert_eq!(Document::from(String::from("x")), Document::from("x"));
        assert_eq!(Document::from(-1i64).as_number(), Some(Number::NegInt(-1)));
        assert_eq!(Document::from(1u64), Document::Number(Number::PosInt(1)));
        assert_eq!(Document::from(1.5), Document::Number(Number::Float(1.5)));
        let array = Document::from(vec![Document::Null]);
        assert_eq!(array.as_array(), Some(&[Document::Null][..]));
        let object = Document::from(BTreeMap::from([("k".to_owned(), Document::Null)]));
        assert_eq!(object.as_object().map(BTreeMap::len), Some(1));
        assert_eq!(object.as_str(), None);
    }

    #[test]
    fn big_integer_syntax() {
        for text in ["0", "-0", "+12", "123456789012345678901234567890", "007"] {
            assert_eq!(
                text.parse::<BigInteger>().map(|b| b.to_string()),
                Ok(text.to_owned())
            );
        }
        for text in [
            "", "+", "-", "1.0", "1e3", " 1", "1_000", "0x1f", "--1", "١",
        ] {
            assert!(text.parse::<BigInteger>().is_err(), "{text:?}");
        }
        assert_eq!(BigInteger::default().as_str(), "0");
        assert_eq!(BigInteger::from(-3i64).as_str(), "-3");
    }

    #[test]
    fn big_decimal_syntax() {
        for text in [
            "0", "-1.5", "+.5", "1.", "1e10", "1.5E-7", "-12.5e+3", "0.000",
        ] {
            assert_eq!(
                text.parse::<BigDecimal>().map(|b| b.to_string()),
                Ok(text.to_owned())
            );
        }
        for text in [
            "", ".", "-.", "e5", "1e", "1e+", "1.5.5", "1e5.5", "NaN", "inf", "1,5", "1 ",
        ] {
            assert!(text.parse::<BigDecimal>().is_err(), "{text:?}");
        }
        assert_eq!(BigDecimal::default().as_str(), "0");
        assert!("x"
            .parse::<BigDecimal>()
            .unwrap_err()
            .to_string()
            .contains("\"x\""));
    }

    #[test]
    fn unknown_variant_value_keeps_the_raw_text() {
        let value = UnknownVariantValue::new("NEW_VARIANT");
        assert_eq!(value.as_str(), "NEW_VARIANT");
        assert_eq!(value.to_string(), "NEW_VARIANT");
        assert_eq!(value.as_ref(), "NEW_VARIANT");
    }
}
