//! User-facing strings: one catalogue per language in `assets/i18n/`.
//!
//! Keys are `section.name`. `t` returns the text in the current language
//! (set once at start, Chinese by default); `tf` fills `{placeholders}`.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en_us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

const ZH: &str = include_str!("../assets/i18n/zh-CN.toml");
const EN: &str = include_str!("../assets/i18n/en.toml");

static LANG: AtomicU8 = AtomicU8::new(0);

pub fn set_lang(lang: Lang) {
    LANG.store(if lang == Lang::En { 1 } else { 0 }, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == 1 { Lang::En } else { Lang::Zh }
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
}

/// Parses one catalogue into flat `section.key` entries.
pub fn parse_catalogue(text: &str) -> Result<HashMap<String, String>, toml::de::Error> {
    let table: toml::Table = text.parse()?;
    let mut out = HashMap::new();
    flatten("", &table, &mut out);
    Ok(out)
}

fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static ZH_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    static EN_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::Zh => (&ZH_MAP, ZH),
        Lang::En => (&EN_MAP, EN),
    };
    // The catalogues are embedded and checked by a unit test.
    cell.get_or_init(|| parse_catalogue(text).unwrap_or_default())
}

/// The text for `key` in the current language; the key itself if missing.
pub fn t(key: &str) -> &str {
    t_in(lang(), key)
}

/// The text for `key` in `lang`, falling back to Chinese, then to the key,
/// so a gap never hides text.
pub fn t_in(lang: Lang, key: &str) -> &str {
    if let Some(s) = catalogue(lang).get(key) {
        return s;
    }
    if let Some(s) = catalogue(Lang::Zh).get(key) {
        return s;
    }
    key
}

/// The footer's word for a key's help (`help.X`): `foot.X` when the
/// language has a shorter one, else the help's own.
pub fn t_foot(help: &str) -> &str {
    let short = help.strip_prefix("help.").map(|k| format!("foot.{k}"));
    match short.as_deref().and_then(|k| catalogue(lang()).get(k)) {
        Some(s) => s,
        None => t(help),
    }
}

/// The text for `key` with each `{name}` replaced by its value.
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    tf_in(lang(), key, args)
}

/// `tf` in a given language.
pub fn tf_in(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t_in(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_parse_and_have_the_same_keys() {
        let zh = parse_catalogue(ZH).expect("zh-CN.toml parses");
        let en = parse_catalogue(EN).expect("en.toml parses");
        let mut missing_en: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        let mut missing_zh: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        missing_en.sort_unstable();
        missing_zh.sort_unstable();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_zh.is_empty(), "missing in zh-CN: {missing_zh:?}");
    }

    #[test]
    fn lookup_and_fill() {
        assert_eq!(t_in(Lang::Zh, "tab.households"), "住户");
        assert_eq!(t_in(Lang::En, "tab.households"), "Households");
        assert_eq!(t_in(Lang::Zh, "no.such.key"), "no.such.key");
    }
}
