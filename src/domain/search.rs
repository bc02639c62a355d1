//! Finding names by Chinese substring or pinyin initials (张三丰 → zsf).
//!
//! Each searchable row stores a key built here; a query matches when it is a
//! substring of the key (case-insensitive). The first character of every word
//! contributes all its readings, so surnames with two readings (单 shan/dan,
//! 曾 zeng/ceng) match both.

use pinyin::ToPinyin;

/// Surnames read more than one way (单 Shàn, also read Dān; 曾 Zēng / Céng):
/// a word's first character, as a surname, is found by every reading here.
/// A table of the surnames that need it, instead of every character's
/// readings, which would add a large table to the binary for nothing.
const SURNAME_READINGS: &[(char, &[&str])] = &[
    ('单', &["shan", "dan"]),
    ('曾', &["zeng", "ceng"]),
    ('解', &["xie", "jie"]),
    ('仇', &["qiu", "chou"]),
    ('区', &["ou", "qu"]),
    ('朴', &["piao", "pu"]),
    ('查', &["zha", "cha"]),
    ('盖', &["ge", "gai"]),
    ('尉', &["yu", "wei"]),
    ('乐', &["yue", "le"]),
    ('覃', &["qin", "tan"]),
    ('翟', &["zhai", "di"]),
    ('缪', &["miao", "mou"]),
    ('万', &["wan", "mo"]),
    ('繁', &["po", "fan"]),
    ('员', &["yun", "yuan"]),
    ('秘', &["bi", "mi"]),
    ('种', &["chong", "zhong"]),
    ('折', &["she", "zhe"]),
    ('召', &["shao", "zhao"]),
    ('长', &["chang", "zhang"]),
    ('重', &["chong", "zhong"]),
    ('薄', &["bo", "bao"]),
    ('那', &["na", "nuo"]),
    ('沈', &["shen"]),
    ('宁', &["ning"]),
    ('和', &["he"]),
    ('相', &["xiang"]),
    ('会', &["hui", "kuai"]),
    ('隗', &["wei", "kui"]),
];

/// Lower-case initials and full pinyin variants of one text.
fn variants(text: &str) -> Vec<String> {
    let mut first_letters: Vec<String> = vec![String::new()];
    let mut full: Vec<String> = vec![String::new()];
    for (i, c) in text.chars().enumerate() {
        let surname = if i == 0 { SURNAME_READINGS.iter().find(|(s, _)| *s == c) } else { None };
        let readings: Vec<&'static str> = match surname {
            Some((_, all)) => all.to_vec(),
            None => c.to_pinyin().map(|p| vec![p.plain()]).unwrap_or_default(),
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
    out.sort_unstable();
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

/// A query made ready once for matching many keys (a list of 30,000 rows is
/// narrowed on every keystroke): normalised, one substring searcher per
/// word. Every word must be found: `hkc zw` is 湖口村's rows of 朱文.
pub struct Matcher {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Matcher {
    pub fn new(query: &str) -> Matcher {
        let q = normalise_query(query);
        Matcher { finders: q.split_whitespace().map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned()).collect() }
    }

    pub fn matches(&self, key: &str) -> bool {
        self.finders.iter().all(|f| f.find(key.as_bytes()).is_some())
    }
}

/// Whether every row `old` finds is among those `new` could find, so a new
/// filter may narrow the old one's rows instead of all (more was typed).
pub fn narrows(old: &str, new: &str) -> bool {
    let (old, new) = (normalise_query(old), normalise_query(new));
    !old.is_empty() && new.starts_with(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(key: &str, query: &str) -> bool {
        Matcher::new(query).matches(key)
    }

    #[test]
    fn every_word_of_a_query_must_be_found() {
        let row = format!("{} {}", key(&["张三", "湖口村三组1号", "湖口村"]), key(&["朱文"]));
        assert!(matches(&row, "hkc zw"), "{row}");
        assert!(matches(&row, "zw hkc"), "in any order");
        assert!(!matches(&row, "dyc zw"), "{row}");
        assert!(matches(&row, "  "), "blank finds all");
    }

    #[test]
    fn a_filter_narrows_the_last_one_only_when_more_was_typed() {
        assert!(narrows("z", "zs"));
        assert!(narrows("Zs", "zsf "));
        assert!(!narrows("zs", "z"), "a deletion widens");
        assert!(!narrows("", "z"), "nothing to narrow from");
        assert!(!narrows("zs", "zf"));
        let m = Matcher::new(" ZSF ");
        assert!(m.matches(&key(&["张三丰"])) && !m.matches(&key(&["李四"])));
        assert!(Matcher::new("").matches("anything"));
    }

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
