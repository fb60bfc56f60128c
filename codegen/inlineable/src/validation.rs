//! Constraint validation: every violation of the model's constraints, each with its path in wire
//! names, the rule, the limit and the value found.

use std::cmp::Ordering;
use std::fmt;

/// Every constraint violation found in a value; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// The violations, in the order the members were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// How many violations there are.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// Always false: a `ValidationErrors` holds at least one violation.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        write!(f, "{count} constraint violation{}", if count == 1 { "" } else { "s" })?;
        for violation in &self.violations {
            write!(f, "\n  {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    path: String,
    rule: Rule,
    actual: Option<String>,
}

impl Violation {
    /// Where, in wire names: `autoParticipantRecordingConfiguration.mediaTypes[0]`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Which constraint, with its limits.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The value found (a length for `length`), or `None` for a missing or `@sensitive` value.
    pub fn actual(&self) -> Option<&str> {
        self.actual.as_deref()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.rule)?;
        match (&self.rule, &self.actual) {
            (Rule::Required, _) => Ok(()),
            (_, Some(actual)) => write!(f, ", got {actual}"),
            (_, None) => f.write_str(" (value redacted: sensitive)"),
        }
    }
}

/// A constraint trait of the model, with its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// `@required`: the member must be set.
    Required,
    /// `@length`: characters of a string, bytes of a blob, entries of a list or map.
    Length { min: Option<u64>, max: Option<u64> },
    /// `@range`, with the bounds as the model writes them.
    Range { min: Option<&'static str>, max: Option<&'static str> },
    /// `@pattern`, an ECMA 262 regular expression searched anywhere in the string.
    Pattern(&'static str),
    /// The value is not one of the enum's values.
    Enum,
    /// `@uniqueItems`: the list repeats an item.
    UniqueItems,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required => f.write_str("required member is missing"),
            Rule::Length { min, max } => write!(f, "length must be {}", bounds(min, max)),
            Rule::Range { min, max } => write!(f, "value must be {}", bounds(min, max)),
            Rule::Pattern(pattern) => write!(f, "must match the pattern `{pattern}`"),
            Rule::Enum => f.write_str("not a value the enum defines"),
            Rule::UniqueItems => f.write_str("items must be unique"),
        }
    }
}

fn bounds<T: fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "unbounded".to_string(),
    }
}

enum Segment<'a> {
    Member(&'static str),
    Index(usize),
    Key(&'a str),
}

/// Collects violations while generated `validate_with` methods walk a value.
#[doc(hidden)]
#[derive(Default)]
pub struct Validator<'a> {
    path: Vec<Segment<'a>>,
    violations: Vec<Violation>,
}

#[doc(hidden)]
impl<'a> Validator<'a> {
    pub fn new() -> Self {
        Validator::default()
    }

    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors { violations: self.violations })
        }
    }

    pub fn member(&mut self, name: &'static str) {
        self.path.push(Segment::Member(name));
    }

    pub fn index(&mut self, index: usize) {
        self.path.push(Segment::Index(index));
    }

    pub fn key(&mut self, key: &'a str) {
        self.path.push(Segment::Key(key));
    }

    pub fn leave(&mut self) {
        self.path.pop();
    }

    fn report(&mut self, rule: Rule, actual: Option<String>) {
        let mut path = String::new();
        for segment in &self.path {
            match segment {
                Segment::Member(name) if path.is_empty() => path.push_str(name),
                Segment::Member(name) => {
                    path.push('.');
                    path.push_str(name);
                }
                Segment::Index(i) => path.push_str(&format!("[{i}]")),
                Segment::Key(k) => path.push_str(&format!("[{k:?}]")),
            }
        }
        self.violations.push(Violation { path, rule, actual });
    }

    pub fn required(&mut self) {
        self.report(Rule::Required, None);
    }

    pub fn length(&mut self, length: usize, min: Option<u64>, max: Option<u64>) {
        let length = length as u64;
        if min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max) {
            self.report(Rule::Length { min, max }, Some(length.to_string()));
        }
    }

    /// `@range` on integers (widened to `i128`, so every integer type compares exactly).
    pub fn range_int(&mut self, value: i128, min: Option<(i128, &'static str)>, max: Option<(i128, &'static str)>, sensitive: bool) {
        if min.is_some_and(|(m, _)| value < m) || max.is_some_and(|(m, _)| value > m) {
            let rule = Rule::Range { min: min.map(|m| m.1), max: max.map(|m| m.1) };
            self.report(rule, (!sensitive).then(|| value.to_string()));
        }
    }

    /// `@range` on floats; NaN is outside every range.
    pub fn range_float(&mut self, value: f64, min: Option<(f64, &'static str)>, max: Option<(f64, &'static str)>, sensitive: bool) {
        let below = min.is_some_and(|(m, _)| value.is_nan() || value < m);
        let above = max.is_some_and(|(m, _)| value.is_nan() || value > m);
        if below || above {
            let rule = Rule::Range { min: min.map(|m| m.1), max: max.map(|m| m.1) };
            self.report(rule, (!sensitive).then(|| value.to_string()));
        }
    }

    /// `@range` on `bigInteger` and `bigDecimal`, compared exactly as decimal text.
    pub fn range_decimal(&mut self, value: &str, min: Option<&'static str>, max: Option<&'static str>, sensitive: bool) {
        let below = min.is_some_and(|m| compare_decimal(value, m) == Some(Ordering::Less));
        let above = max.is_some_and(|m| compare_decimal(value, m) == Some(Ordering::Greater));
        if below || above {
            self.report(Rule::Range { min, max }, (!sensitive).then(|| value.to_string()));
        }
    }

    /// `matched` is `None` when the pattern could not be compiled; nothing is reported then.
    pub fn pattern(&mut self, value: &str, pattern: &'static str, matched: Option<bool>, sensitive: bool) {
        if matched == Some(false) {
            self.report(Rule::Pattern(pattern), (!sensitive).then(|| format!("{value:?}")));
        }
    }

    pub fn unknown_enum(&mut self, value: &str, sensitive: bool) {
        self.report(Rule::Enum, (!sensitive).then(|| format!("{value:?}")));
    }

    pub fn unique<T: PartialEq>(&mut self, items: &[T]) {
        let repeated = items.iter().enumerate().any(|(i, a)| items.iter().take(i).any(|b| a == b));
        if repeated {
            self.report(Rule::UniqueItems, Some(format!("{} items", items.len())));
        }
    }
}

/// Compares two decimal numbers written as text (`-12.5e3`); `None` if either is not a number.
fn compare_decimal(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (Decimal::parse(a)?, Decimal::parse(b)?);
    Some(match (a.negative, b.negative) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => a.cmp_magnitude(&b),
        (true, true) => b.cmp_magnitude(&a),
    })
}

/// A decimal as its significant digits and the power of ten of the first digit.
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exponent: i64,
}

impl Decimal {
    fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        let (negative, unsigned) = match text.as_bytes().first()? {
            b'-' => (true, text.get(1..)?),
            b'+' => (false, text.get(1..)?),
            _ => (false, text),
        };
        let (mantissa, exp) = match unsigned.split_once(['e', 'E']) {
            Some((mantissa, exp)) => (mantissa, exp.parse::<i64>().ok()?),
            None => (unsigned, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        // Every byte is an ASCII digit (checked above), so `c - b'0'` is 0..=9.
        let all: Vec<u8> = int.bytes().chain(frac.bytes()).map(|c| c.wrapping_sub(b'0')).collect();
        let leading = all.iter().take_while(|d| **d == 0).count();
        let mut digits = all.get(leading..).unwrap_or_default().to_vec();
        while digits.last() == Some(&0) {
            digits.pop();
        }
        // A number whose exponent does not fit an `i64` is not one we can compare.
        let exponent = i64::try_from(int.len()).ok()?.checked_sub(i64::try_from(leading).ok()?)?.checked_add(exp)?;
        let negative = negative && !digits.is_empty();
        Some(Decimal { negative, digits, exponent })
    }

    fn cmp_magnitude(&self, other: &Decimal) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        self.exponent.cmp(&other.exponent).then_with(|| self.digits.cmp(&other.digits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_compare_exactly() {
        assert_eq!(compare_decimal("1e21", "999999999999999999999"), Some(Ordering::Greater));
        assert_eq!(compare_decimal("-1.5", "-1.25"), Some(Ordering::Less));
        assert_eq!(compare_decimal("0.10", "0.1"), Some(Ordering::Equal));
        assert_eq!(compare_decimal("-0", "0"), Some(Ordering::Equal));
        assert_eq!(compare_decimal("12.5e-1", "1.25"), Some(Ordering::Equal));
        assert_eq!(compare_decimal("abc", "1"), None);
        // An exponent at the edge of `i64` is refused, not overflowed.
        assert_eq!(compare_decimal("10e9223372036854775807", "1"), None);
        assert_eq!(compare_decimal("-", "1"), None);
    }

    #[test]
    fn paths_use_wire_names_indices_and_keys() {
        let mut v = Validator::new();
        v.member("config");
        v.member("mediaTypes");
        v.index(2);
        v.unknown_enum("VIDEO_ONLY", false);
        v.leave();
        v.leave();
        v.member("tags");
        v.key("team");
        v.length(300, None, Some(256));
        let errors = v.finish().expect_err("two violations");
        let paths: Vec<_> = errors.violations().iter().map(|v| v.path().to_string()).collect();
        assert_eq!(paths, ["config.mediaTypes[2]", "config.tags[\"team\"]"]);
        assert_eq!(errors.to_string(), "2 constraint violations\n  config.mediaTypes[2]: not a value the enum defines, got \"VIDEO_ONLY\"\n  config.tags[\"team\"]: length must be at most 256, got 300");
    }

    #[test]
    fn sensitive_values_are_redacted() {
        let mut v = Validator::new();
        v.member("secret");
        v.range_int(5, Some((10, "10")), None, true);
        let errors = v.finish().expect_err("one violation");
        assert_eq!(errors.violations()[0].actual(), None);
        assert_eq!(errors.to_string(), "1 constraint violation\n  secret: value must be at least 10 (value redacted: sensitive)");
    }

    #[test]
    fn nan_is_out_of_range() {
        let mut v = Validator::new();
        v.range_float(f64::NAN, Some((0.0, "0")), None, false);
        assert!(v.finish().is_err());
    }
}
