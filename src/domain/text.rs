//! Text rules shared by every way in (forms, imports): cleaning, validation,
//! and measuring by terminal cells (CJK is two cells wide).

use chrono::NaiveDate;
use thiserror::Error;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Longest name or head-of-household, in characters.
pub const NAME_MAX_CHARS: usize = 20;
/// Longest free text (notes, addresses), in characters.
pub const TEXT_MAX_CHARS: usize = 200;

/// Why a value was refused. `Display` speaks the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("{}", crate::i18n::t("err.required"))]
    Required,
    #[error("{}", crate::i18n::tf("err.too_long", &[("max", &_0.to_string())]))]
    TooLong(usize),
    #[error("{}", crate::i18n::t("err.control_chars"))]
    ControlChars,
    #[error("{}", crate::i18n::t("err.phone"))]
    Phone,
    #[error("{}", crate::i18n::t("err.date"))]
    Date,
    #[error("{}", crate::i18n::t("err.future_date"))]
    FutureDate,
    #[error("{}", crate::i18n::t("err.not_after_visit"))]
    NotAfterVisit,
    #[error("{}", crate::i18n::t("err.number"))]
    Number,
    #[error("{}", crate::i18n::tf("err.choice", &[("choices", _0)]))]
    Choice(String),
    #[error("{}", crate::i18n::t("err.points"))]
    Points,
}

/// A value as a message quotes it back: at most 40 characters, then `…`
/// (a 10 MB cell is not echoed whole).
pub fn echo(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// An adjustment's points: a signed number, not zero, at most 100 either way.
pub fn adjustment_points(s: &str) -> Result<f64, TextError> {
    match s.trim().trim_start_matches('+').parse::<f64>() {
        Ok(p) if p.is_finite() && p.abs() <= 100.0 && p != 0.0 => Ok(p),
        _ if s.trim().is_empty() => Err(TextError::Required),
        _ => Err(TextError::Points),
    }
}

/// Characters that must never reach the terminal or the database: C0 and C1
/// controls, DEL, and the bidirectional overrides and isolates.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Removes forbidden characters (tabs and newlines become spaces) and trims.
/// Used where text is typed or pasted.
pub fn clean(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if is_forbidden(c) => None,
            c => Some(c),
        })
        .collect();
    mapped.trim().to_string()
}

/// Refuses forbidden characters, trims, and checks the length.
/// Used where text is imported, and on save.
fn checked(s: &str, max: usize, required: bool) -> Result<String, TextError> {
    if s.chars().any(is_forbidden) {
        return Err(TextError::ControlChars);
    }
    let t = s.trim();
    if t.is_empty() && required {
        return Err(TextError::Required);
    }
    if t.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    Ok(t.to_string())
}

/// A person's or place's name: 1–20 characters, no control characters.
pub fn name(s: &str) -> Result<String, TextError> {
    checked(s, NAME_MAX_CHARS, true)
}

/// An optional short name (group, building, unit): empty or a valid name.
pub fn optional_name(s: &str) -> Result<String, TextError> {
    checked(s, NAME_MAX_CHARS, false)
}

/// A required free text such as an address or a reason.
pub fn required_text(s: &str) -> Result<String, TextError> {
    checked(s, TEXT_MAX_CHARS, true)
}

/// An optional free text such as a note.
pub fn optional_text(s: &str) -> Result<String, TextError> {
    checked(s, TEXT_MAX_CHARS, false)
}

/// A note (a visit's situation, a concern, a household's remark): optional
/// free text in which a line break (Alt+Enter in a spreadsheet cell) is
/// kept; every other control character is refused.
pub fn note_text(s: &str) -> Result<String, TextError> {
    if s.chars().any(|c| c != '\n' && is_forbidden(c)) {
        return Err(TextError::ControlChars);
    }
    let kept: String = s.replace('\n', " ");
    checked(&kept, TEXT_MAX_CHARS, false)?;
    Ok(s.trim().to_string())
}

/// A phone: an 11-digit mobile starting with 1, or a landline such as
/// 0519-87654321 (area code 0 + 2–3 digits, a dash, 7–8 digits). Empty is allowed.
/// Spaces are ignored. Returns the normalised number.
pub fn phone(s: &str) -> Result<String, TextError> {
    if s.chars().any(is_forbidden) {
        return Err(TextError::ControlChars);
    }
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Ok(t);
    }
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let mobile = t.len() == 11 && t.starts_with('1') && digits(&t);
    let landline = match t.split_once('-') {
        Some((area, local)) => {
            digits(area) && digits(local) && area.starts_with('0') && (3..=4).contains(&area.len()) && (7..=8).contains(&local.len())
        }
        None => false,
    };
    if mobile || landline { Ok(t) } else { Err(TextError::Phone) }
}

/// The common two-character (compound) surnames: 欧阳娜娜's surname is 欧阳.
const COMPOUND_SURNAMES: [&str; 20] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "南宫",
    "西门", "独孤", "端木",
];

/// Whether these two characters are a compound surname.
pub fn compound_surname(first_two: &[char]) -> bool {
    let s: String = first_two.iter().collect();
    COMPOUND_SURNAMES.contains(&s.as_str())
}

/// Masks the middle of a phone for lists: 138****5678.
pub fn mask_phone(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    if chars.len() < 8 {
        return p.to_string();
    }
    let keep_tail = 4;
    let keep_head = 3;
    let mut out: String = chars[..keep_head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - keep_head - keep_tail));
    out.extend(&chars[chars.len() - keep_tail..]);
    out
}

/// Parses `YYYY-MM-DD`, also `YYYY/M/D` and `YYYY-M-D`.
pub fn date(s: &str) -> Result<NaiveDate, TextError> {
    let t = s.trim();
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(TextError::Date);
    }
    let y: i32 = parts[0].parse().map_err(|_| TextError::Date)?;
    let m: u32 = parts[1].parse().map_err(|_| TextError::Date)?;
    let d: u32 = parts[2].parse().map_err(|_| TextError::Date)?;
    if parts[0].len() != 4 {
        return Err(TextError::Date);
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or(TextError::Date)
}

/// A date that may not lie after `today` (visits, link starts). A clerk
/// copying a paper log may write the day alone (`24`: the latest 24th not
/// after today) or month and day (`11-24`, `11/24`, `11月24日`: the latest
/// such day not after today).
pub fn past_date(s: &str, today: NaiveDate) -> Result<NaiveDate, TextError> {
    if let Some(d) = recent_day(s, today) {
        return Ok(d);
    }
    let d = date(s)?;
    if d > today { Err(TextError::FutureDate) } else { Ok(d) }
}

/// `24`, `11-24`, `11/24`, `11月24日` as the latest such day not after `today`.
fn recent_day(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let t = s.trim().trim_end_matches(['日', '号']);
    let parts: Vec<&str> = t.split(['-', '/', '.', '月']).collect();
    let num = |p: &str| (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten();
    match parts.as_slice() {
        [d] => {
            let d = num(d)?;
            // This month, else the month before, … (a 31st skips short months).
            let (mut y, mut m) = (today.year(), today.month());
            for _ in 0..12 {
                if let Some(day) = NaiveDate::from_ymd_opt(y, m, d).filter(|x| *x <= today) {
                    return Some(day);
                }
                (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
            }
            None
        }
        [m, d] => {
            let (m, d) = (num(m)?, num(d)?);
            [today.year(), today.year() - 1].into_iter().find_map(|y| NaiveDate::from_ymd_opt(y, m, d).filter(|x| *x <= today))
        }
        _ => None,
    }
}

/// An optional positive whole number (household size).
pub fn optional_count(s: &str) -> Result<Option<u32>, TextError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // Spreadsheets write whole numbers as 3.0.
    let t = t.strip_suffix(".0").unwrap_or(t);
    match t.parse::<u32>() {
        Ok(n) if (1..=99).contains(&n) => Ok(Some(n)),
        _ => Err(TextError::Number),
    }
}

/// Terminal cells that `s` occupies.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Truncates and then pads with spaces to exactly `cells` cells.
pub fn pad(s: &str, cells: usize) -> String {
    let mut out = truncate(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Cells occupied by the first `chars` characters of `s` (caret placement).
pub fn width_of_prefix(s: &str, chars: usize) -> usize {
    s.chars().take(chars).map(|c| c.width().unwrap_or(0)).sum()
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_day_or_month_and_day_is_the_latest_such_day_not_after_today() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let d = |y, m, d| Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(past_date("24", today), d(2026, 11, 24), "the 24th of last month: December's is to come");
        assert_eq!(past_date("1", today), d(2026, 12, 1));
        assert_eq!(past_date("31", today), d(2026, 10, 31), "November has no 31st");
        assert_eq!(past_date("11-24", today), d(2026, 11, 24));
        assert_eq!(past_date("12/25", today), d(2025, 12, 25), "last year's: this year's is to come");
        assert_eq!(past_date("11月24日", today), d(2026, 11, 24));
        assert_eq!(past_date("2026-11-24", today), d(2026, 11, 24));
        assert_eq!(past_date("2026-12-02", today), Err(TextError::FutureDate));
        assert_eq!(past_date("32", today), Err(TextError::Date));
        assert_eq!(past_date("2-30", today), Err(TextError::Date));
    }

    use super::*;

    #[test]
    fn names() {
        assert_eq!(name(" 张三丰 ").as_deref(), Ok("张三丰"));
        assert_eq!(name(""), Err(TextError::Required));
        assert_eq!(name(&"王".repeat(21)), Err(TextError::TooLong(20)));
        assert!(name(&"王".repeat(20)).is_ok());
        assert_eq!(name("张\u{1b}[31m三"), Err(TextError::ControlChars));
        assert_eq!(name("张\u{202E}三"), Err(TextError::ControlChars));
        assert_eq!(name("张\u{9b}三"), Err(TextError::ControlChars));
    }

    #[test]
    fn cleaning_strips_controls_and_bidi() {
        assert_eq!(clean("张\u{1b}三\u{202E}丰\n"), "张三丰");
        assert_eq!(clean("a\tb"), "a b");
    }

    #[test]
    fn phones() {
        assert_eq!(phone("13812345678").as_deref(), Ok("13812345678"));
        assert_eq!(phone("138 1234 5678").as_deref(), Ok("13812345678"));
        assert_eq!(phone("0519-87654321").as_deref(), Ok("0519-87654321"));
        assert_eq!(phone("010-1234567").as_deref(), Ok("010-1234567"));
        assert_eq!(phone("").as_deref(), Ok(""));
        assert_eq!(phone("23812345678"), Err(TextError::Phone));
        assert_eq!(phone("1381234567"), Err(TextError::Phone));
        assert_eq!(phone("519-87654321"), Err(TextError::Phone));
        assert_eq!(phone("0519-876"), Err(TextError::Phone));
        assert_eq!(mask_phone("13812345678"), "138****5678");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 3).unwrap();
        assert_eq!(date("2026-02-03"), Ok(d));
        assert_eq!(date("2026/2/3"), Ok(d));
        assert_eq!(date("2026-02-30"), Err(TextError::Date));
        assert_eq!(date("26-02-03"), Err(TextError::Date));
        assert_eq!(date("tomorrow"), Err(TextError::Date));
        let today = NaiveDate::from_ymd_opt(2026, 2, 2).unwrap();
        assert_eq!(past_date("2026-02-03", today), Err(TextError::FutureDate));
        assert!(past_date("2026-02-02", today).is_ok());
    }

    #[test]
    fn counts() {
        assert_eq!(optional_count(""), Ok(None));
        assert_eq!(optional_count("4"), Ok(Some(4)));
        assert_eq!(optional_count("4.0"), Ok(Some(4)));
        assert_eq!(optional_count("0"), Err(TextError::Number));
        assert_eq!(optional_count("x"), Err(TextError::Number));
    }

    #[test]
    fn widths() {
        assert_eq!(width("张三丰"), 6);
        assert_eq!(width("ab张"), 4);
        assert_eq!(truncate("张三丰", 5), "张三…");
        assert_eq!(width(&truncate("张三丰", 4)), 3);
        assert_eq!(pad("张", 4), "张  ");
        assert_eq!(pad("张三丰李四", 6), "张三… ");
        assert_eq!(width_of_prefix("a张b", 2), 3);
    }
}
