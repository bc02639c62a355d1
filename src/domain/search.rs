//! Finding names by Chinese substring or pinyin initials (张三丰 → zsf).
//!
//! Each searchable row stores a key built here; a query matches when it is a
//! substring of the key (case-insensitive). The first character of every word
//! contributes all its readings, so surnames with two readings (单 shan/dan,
//! 曾 zeng/ceng) match both.

use pinyin::{ToPinyin, ToPinyinMulti};

/// Lower-case initials and full pinyin variants of one text.
fn variants(text: &str) -> Vec<String> {
    let mut first_letters: Vec<String> = vec![String::new()];
    let mut full: Vec<String> = vec![String::new()];
    for (i, c) in text.chars().enumerate() {
        let readings: Vec<&'static str> = if i == 0 {
            c.to_pinyin_multi().map(|m| m.into_iter().map(|p| p.plain()).collect()).unwrap_or_default()
        } else {
            c.to_pinyin().map(|p| vec![p.plain()]).unwrap_or_default()
        };
        if readings.is_empty() {
            let lower: String = c.to_lowercase().collect();
            for v in first_letters.iter_mut().chain(full.iter_mut()) {
                v.push_str(&lower);
            }
            continue;
        }
        let mut next_initials = Vec::new();
        let mut next_full = Vec::new();
        for r in &readings {
            let initial = &r[..r.chars().next().map_or(0, char::len_utf8)];
            for v in &first_letters {
                next_initials.push(format!("{v}{initial}"));
            }
            for v in &full {
                next_full.push(format!("{v}{r}"));
            }
        }
        next_initials.dedup();
        first_letters = next_initials;
        full = next_full;
    }
    let mut out = first_letters;
    out.extend(full);
    out.sort();
    out.dedup();
    out
}

/// The search key for a row made of several texts (name, address, …).
pub fn key(parts: &[&str]) -> String {
    let mut out: Vec<String> = Vec::new();
    for p in parts.iter().filter(|p| !p.is_empty()) {
        out.push(p.to_lowercase());
        out.extend(variants(p));
    }
    out.join(" ")
}

/// Normalises what the user typed for matching against a key.
pub fn normalise_query(q: &str) -> String {
    q.trim().to_lowercase()
}

/// Whether `query` finds the row with `key`.
pub fn matches(key: &str, query: &str) -> bool {
    let q = normalise_query(query);
    q.is_empty() || key.contains(&q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_full_pinyin() {
        let k = key(&["张三丰"]);
        assert!(matches(&k, "zsf"));
        assert!(matches(&k, "ZSF"));
        assert!(matches(&k, "zhangsanfeng"));
        assert!(matches(&k, "三丰"));
        assert!(!matches(&k, "lsf"));
    }

    #[test]
    fn surnames_with_two_readings_match_both() {
        let shan = key(&["单雄信"]);
        assert!(matches(&shan, "sxx"));
        assert!(matches(&shan, "dxx"));
        let zeng = key(&["曾国藩"]);
        assert!(matches(&zeng, "zgf"));
        assert!(matches(&zeng, "cgf"));
    }

    #[test]
    fn mixed_text_and_several_parts() {
        let k = key(&["王芳", "湖口村3组12号"]);
        assert!(matches(&k, "wf"));
        assert!(matches(&k, "hkc3z12h"));
        assert!(matches(&k, "12号"));
    }
}
