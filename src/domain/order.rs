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

/// Appends the bytes whose order is `natural`'s: for any `a` and `b`,
/// comparing `natural_key(a)` with `natural_key(b)` byte by byte gives
/// `natural(a, b)`, so SQLite can keep the order in an index. No key is a
/// prefix of another, so keys of several columns put one after another
/// order as the columns do, one by one.
///
/// Each number is `1` and its value (8 bytes); each other character `2`,
/// its pinyin, `0`, then itself in UTF-8 (an ASCII one lower-cased first);
/// then `0`. Only text with a number can equal another in all of that
/// (02号, 2号, 二号): it ends with the text itself and `0`, the last tie-break.
pub fn natural_key(s: &str, out: &mut Vec<u8>) {
    let chars: Vec<char> = s.chars().collect();
    let (mut i, mut numbers) = (0, false);
    while i < chars.len() {
        if let Some(n) = number(&chars, &mut i) {
            out.push(1);
            out.extend_from_slice(&n.to_be_bytes());
            numbers = true;
            continue;
        }
        let c = chars[i];
        out.push(2);
        out.extend_from_slice(spelled(c).0.as_bytes());
        out.push(0);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase() as u8);
        }
        let mut utf8 = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        i += 1;
    }
    out.push(0);
    if numbers {
        out.extend_from_slice(s.as_bytes());
        out.push(0);
    }
}

#[cfg(test)]
mod tests {
    use super::{natural, natural_key};

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

    #[test]
    fn the_key_orders_as_natural_does() {
        let words = [
            "第一组",
            "第十组",
            "第十一组",
            "第二十组",
            "1号",
            "01号",
            "2号",
            "10号",
            "东区",
            "东阳村",
            "湖口村",
            "桥头村",
            "a",
            "A",
            "b",
            "B",
            "ab",
            "Ab",
            "·",
            "Ａ",
            "",
            "十",
            "一百零五",
            "二零",
            "湖口村三组9号",
            "湖口村三组10号",
            "x1",
            "x01",
            "x1y",
            "12",
            "1a",
            "第八网格2幢99室",
            "第八网格2幢101室",
            "[",
            "z",
            "Z",
            "中",
            "中国",
            "钟",
        ];
        let key = |s: &str| {
            let mut k = Vec::new();
            natural_key(s, &mut k);
            k
        };
        for a in words {
            for b in words {
                assert_eq!(key(a).cmp(&key(b)), natural(a, b), "{a} vs {b}");
                // Two columns one after another order as the first, then the second.
                for (c, d) in [("1组", "二组"), ("东", "东"), ("", "a"), ("十", "10")] {
                    let joined = |x: &str, y: &str| [key(x), key(y)].concat();
                    assert_eq!(joined(a, c).cmp(&joined(b, d)), natural(a, b).then(natural(c, d)), "{a}|{c} vs {b}|{d}");
                }
            }
        }
    }
}
