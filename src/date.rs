//! Calendar dates: strict ISO 8601 parsing and the four display formats.

use jiff::civil::Date;

use crate::model::DateFormat;

/// Parses `YYYY-MM-DD`, refusing other shapes and impossible days (2024-02-30).
pub fn parse(text: &str) -> Result<Date, String> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&month) {
        return Err(format!("`{text}` has no month {month}"));
    }
    Date::new(year, month as i8, day as i8).map_err(|_| {
        let month_name = Date::new(year, month as i8, 1)
            .map(|d| d.strftime("%B").to_string())
            .unwrap_or_default();
        format!("`{text}` is not a day of the calendar: {month_name} {year} has no day {day}")
    })
}

/// Prints a date the way the policy asked for.
pub fn format(date: Date, format: DateFormat) -> String {
    let pattern = match format {
        DateFormat::Long => "%B %-d, %Y",
        DateFormat::DayMonthYear => "%-d %B %Y",
        DateFormat::MonthYear => "%B %Y",
        DateFormat::Numeric => "%-m/%-d/%Y",
        DateFormat::Iso => "%Y-%m-%d",
    };
    date.strftime(pattern).to_string()
}

/// The ISO form, as `<time datetime>` and JSON reports want it.
pub fn iso(date: Date) -> String {
    format(date, DateFormat::Iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_the_five_formats() {
        let d = parse("2024-07-01").unwrap();
        assert_eq!(format(d, DateFormat::Long), "July 1, 2024");
        assert_eq!(format(d, DateFormat::DayMonthYear), "1 July 2024");
        assert_eq!(format(d, DateFormat::MonthYear), "July 2024");
        assert_eq!(format(d, DateFormat::Numeric), "7/1/2024");
        assert_eq!(format(d, DateFormat::Iso), "2024-07-01");
    }

    #[test]
    fn refuses_impossible_days_and_other_shapes() {
        assert!(
            parse("2024-02-30")
                .unwrap_err()
                .contains("February 2024 has no day 30")
        );
        assert!(parse("2024-13-01").unwrap_err().contains("no month 13"));
        assert!(parse("1/7/2024").is_err());
        assert!(parse("2024-7-1").is_err());
        assert!(parse("2024-02-29").is_ok());
    }
}
