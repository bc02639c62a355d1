//! The order a clerk counts in: numbers by their value, whether written in
//! digits or in Chinese numerals (第二组 < 第十组 < 第十一组; 2号 < 10号),
//! the rest by pinyin, then by the characters themselves.

use std::cmp::Ordering;

fn numeral(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Reads the number starting at `chars[*i]` (digits, or Chinese numerals:
/// 十一 = 11, 二十 = 20, 一百零五 = 105), moving `*i` past it.
fn number(chars: &[char], i: &mut usize) -> Option<u64> {
    let c = *chars.get(*i)?;
    if c.is_ascii_digit() {
        let mut n = 0u64;
        while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(u64::from(d));
            *i += 1;
        }
        return Some(n);
    }
    if numeral(c).is_none() && unit(c).is_none() {
        return None;
    }
    let (mut total, mut digit) = (0u64, None::<u64>);
    while let Some(&c) = chars.get(*i) {
        if let Some(d) = numeral(c) {
            digit = Some(digit.map_or(d, |x| x.saturating_mul(10).saturating_add(d)));
        } else if let Some(u) = unit(c) {
            total = total.saturating_add(digit.unwrap_or(1).saturating_mul(u));
            digit = None;
        } else {
            break;
        }
        *i += 1;
    }
    Some(total.saturating_add(digit.unwrap_or(0)))
}

/// How a character sorts among text: its pinyin, then itself.
fn spelled(c: char) -> (&'static str, char) {
    use pinyin::ToPinyin;
    (c.to_pinyin().map_or("", |p| p.plain()), c)
}

/// Compares two names as a clerk counts. It runs inside SQLite's sorts
/// (`COLLATE natural_zh`), so it allocates nothing but the two char lists.
pub fn natural(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let (si, sj) = (i, j);
        match (number(&x, &mut i), number(&y, &mut j)) {
            (Some(m), Some(n)) if m != n => return m.cmp(&n),
            (Some(_), Some(_)) => continue,
            // A number before text at the same place (1号 before 东区).
            (Some(_), None) => return Ordering::Less,
            (None, Some(_)) => return Ordering::Greater,
            (None, None) => {
                i = si;
                j = sj;
            }
        }
        let (c, d) = (x[i], y[j]);
        if c != d {
            let o = if c.is_ascii() && d.is_ascii() {
                c.to_ascii_lowercase().cmp(&d.to_ascii_lowercase()).then(c.cmp(&d))
            } else {
                spelled(c).cmp(&spelled(d))
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        i += 1;
        j += 1;
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::natural;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| natural(a, b));
        v
    }

    #[test]
    fn groups_and_houses_come_as_a_clerk_counts() {
        assert_eq!(
            sorted(&["第一组", "第七组", "第三组", "第九组", "第二组", "第十组", "第十一组", "第二十组"]),
            ["第一组", "第二组", "第三组", "第七组", "第九组", "第十组", "第十一组", "第二十组"]
        );
        assert_eq!(sorted(&["18号", "19号", "1号", "20号", "2号"]), ["1号", "2号", "18号", "19号", "20号"]);
        assert_eq!(sorted(&["湖口村三组10号", "湖口村三组9号", "湖口村二组12号"]), ["湖口村二组12号", "湖口村三组9号", "湖口村三组10号"]);
        // The rest by pinyin: 东阳 (dong) before 湖口 (hu) before 桥头 (qiao).
        assert_eq!(sorted(&["桥头村", "湖口村", "东阳村"]), ["东阳村", "湖口村", "桥头村"]);
        assert_eq!(
            sorted(&["第八网格2幢101室", "第八网格2幢99室", "第八网格10幢1室"]),
            ["第八网格2幢99室", "第八网格2幢101室", "第八网格10幢1室"]
        );
    }
}
