//! Values as clerks write them, made into what lianhu stores, before the
//! usual validation: names and villages trimmed of every kind of space (a
//! full-width space padding a two-character name, `王　五`, removed), line
//! breaks inside a cell (Alt+Enter) made spaces in names and addresses and
//! kept in notes, class / role / status words from `assets/import.toml`,
//! dates in the forms Chinese offices use, and phones in one canonical
//! form. A value that cannot be understood says which forms work.

use crate::i18n::t;

/// Full-width digits and letters (０-９, Ａ-Ｚ), the ideographic space and
/// NBSP, as their ASCII forms.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{A0}' => ' ',
            c => c,
        })
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{20000}'..='\u{3134F}' | '\u{F900}'..='\u{FAFF}')
}

/// A name: spaces of every kind trimmed and runs of them made one; line
/// breaks made spaces; the padding inside a Chinese name removed.
pub fn name(raw: &str) -> String {
    let spaced: String = raw.chars().map(|c| if c.is_whitespace() || c == '\u{3000}' { ' ' } else { c }).collect();
    let words: Vec<&str> = spaced.split(' ').filter(|w| !w.is_empty()).collect();
    // 王　五, 欧 阳 娜: Chinese characters with only spaces between them.
    if words.len() > 1 && words.iter().all(|w| w.chars().all(is_cjk)) {
        return words.concat();
    }
    words.join(" ")
}

/// An address: like a name, but spaces between words are kept (one each).
pub fn address(raw: &str) -> String {
    let spaced: String = raw.chars().map(|c| if c.is_whitespace() || c == '\u{3000}' { ' ' } else { c }).collect();
    spaced.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A note: line breaks kept (as `\n`), other spaces trimmed at the ends.
pub fn note(raw: &str) -> String {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// A phone in one form: a mobile as 11 digits, a landline as
/// `0579-86543210`. Spaces, dashes, brackets, `+86`/`86` and Excel's `.0`
/// are taken off; a number Excel turned into `1.38001E+10` is refused with
/// a message that says so.
pub fn phone(raw: &str) -> Result<String, String> {
    let s = half_width(raw).trim().to_string();
    if s.is_empty() {
        return Ok(s);
    }
    if s.contains(['E', 'e']) && s.contains('+') {
        return Err(t("clean.phone_destroyed").to_string());
    }
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let plus = s.starts_with('+');
    let digits = match digits.strip_prefix("86") {
        Some(rest) if (plus || digits.len() == 13) && rest.len() == 11 && rest.starts_with('1') => rest.to_string(),
        _ => digits,
    };
    if digits.len() == 11 && digits.starts_with('1') {
        return Ok(digits);
    }
    if digits.starts_with('0') && (10..=12).contains(&digits.len()) {
        // Where the dash or bracket was, else 010 / 02x have 3 digits, others 4.
        let area = match s.find([')', '）', '-', ' ']) {
            Some(_) => {
                let head: String = s.split([')', '）', '-', ' ']).next().unwrap_or("").chars().filter(char::is_ascii_digit).collect();
                head.len()
            }
            None if digits.starts_with("01") || digits.starts_with("02") => 3,
            None => 4,
        };
        if (3..=4).contains(&area) && (7..=8).contains(&(digits.len() - area)) {
            return Ok(format!("{}-{}", &digits[..area], &digits[area..]));
        }
    }
    Err(t("err.phone").to_string())
}

/// A date as `YYYY-MM-DD`, from 2026-3-5, 2026/3/5, 2026.3.5, 2026年3月5日,
/// 20260305, a date with a time, full-width digits, or an Excel serial
/// number (a date cell the file did not mark as one). A date without a
/// year or with a two-digit year is refused with the forms that work.
pub fn date(raw: &str) -> Result<String, String> {
    let s = half_width(raw).trim().to_string();
    if s.is_empty() {
        return Ok(s);
    }
    let bad = || crate::i18n::tf("clean.date", &[("value", &crate::domain::text::echo(raw))]);
    // The date part of a date with a time.
    let s = s.split([' ', 'T']).next().unwrap_or("").trim_end_matches('日').to_string();
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            8 => ymd(&s[..4], &s[4..6], &s[6..]).ok_or_else(bad),
            // An Excel serial day (1900 system): 1 is 1900-01-01.
            5 => {
                let n: i64 = s.parse().map_err(|_| bad())?;
                let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).ok_or_else(bad)?;
                base.checked_add_signed(chrono::Duration::days(n)).map(|d| d.format("%Y-%m-%d").to_string()).ok_or_else(bad)
            }
            _ => Err(bad()),
        };
    }
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => ymd(y, m, d).ok_or_else(bad),
        _ => Err(bad()),
    }
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// A household's size: `3`, `3.0`, `3人`.
pub fn count(raw: &str) -> String {
    let s = half_width(raw);
    let s = s.trim().trim_end_matches('人').trim();
    s.strip_suffix(".0").unwrap_or(s).to_string()
}

/// The cell of `field` as lianhu will validate it.
pub fn cell(field: &str, raw: &str) -> Result<String, String> {
    let words = super::layout::words();
    match field {
        "village" | "head" | "name" | "member" | "group" | "building" | "unit" | "party_group" => Ok(name(raw)),
        "address" => Ok(address(raw)),
        "note" | "concern" | "suggestion" | "reason" => Ok(note(raw)),
        "phone" | "member_phone" => phone(raw),
        "date" | "since" | "next" => date(raw),
        "size" => Ok(count(raw)),
        "class" | "role" | "status" => Ok(words.value(field, raw).map_or_else(|| name(raw), str::to_string)),
        _ => Ok(half_width(raw).trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_padding() {
        assert_eq!(name("王　五"), "王五");
        assert_eq!(name("\u{A0}张三丰\u{3000}"), "张三丰");
        assert_eq!(name("欧阳\n娜娜"), "欧阳娜娜");
        assert_eq!(name("Li  Ming"), "Li Ming");
        assert_eq!(address("湖口村\n三组 5号"), "湖口村 三组 5号");
        assert_eq!(note("门口\r\n有桶"), "门口\n有桶");
    }

    #[test]
    fn phones_in_one_form() {
        for (raw, want) in [
            ("138 0013 8000", "13800138000"),
            ("138-0013-8000", "13800138000"),
            ("１３８００１３８０００", "13800138000"),
            ("+86 13800138000", "13800138000"),
            ("8613800138000", "13800138000"),
            ("13800138000.0", "13800138000"),
            ("(0579)86543210", "0579-86543210"),
            ("0579-86543210", "0579-86543210"),
            ("057986543210", "0579-86543210"),
            ("01062345678", "010-62345678"),
            ("", ""),
        ] {
            assert_eq!(phone(raw).as_deref(), Ok(want), "{raw}");
        }
        assert!(phone("1.38001E+10").unwrap_err().contains("科学计数"));
        assert!(phone("12345").is_err());
    }

    #[test]
    fn dates_in_every_office_form() {
        for raw in ["2026-3-5", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305", "2026-03-05 14:30", "２０２６-３-５", "46086"]
        {
            assert_eq!(date(raw).as_deref(), Ok("2026-03-05"), "{raw}");
        }
        for raw in ["3月5日", "26-3-5", "2026-2-30", "明天"] {
            assert!(date(raw).unwrap_err().contains("2026-03-05"), "{raw}");
        }
    }

    #[test]
    fn words_become_stored_values() {
        assert_eq!(cell("class", "一般").unwrap(), "一般户");
        assert_eq!(cell("class", " 难点 ").unwrap(), "难点户");
        assert_eq!(cell("role", "支委").unwrap(), "两委干部");
        assert_eq!(cell("role", "正式党员").unwrap(), "普通党员");
        assert_eq!(cell("status", "流动党员").unwrap(), "流动");
        assert_eq!(cell("size", "4人").unwrap(), "4");
    }
}
