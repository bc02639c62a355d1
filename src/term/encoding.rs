//! The terminal's encoding: UTF-8, or GB18030 (a superset of GBK, what a
//! Chinese Windows PC's code page 936 sends and shows). Chosen by
//! `--encoding` / `LIANHU_ENCODING`, else by the locale (`LC_ALL`,
//! `LC_CTYPE`, `LANG` naming GBK, GB2312 or GB18030), else UTF-8.
//! Frames are written in it (`Encoded`); a character it cannot carry is
//! written as `?`, never dropped with its neighbour.

use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    /// `utf-8`, `utf8`, `gbk`, `gb2312`, `gb18030`, `cp936` (any case).
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gbk" | "gb2312" | "gb18030" | "cp936" | "936" => Some(Encoding::Gb18030),
            _ => None,
        }
    }

    /// From a locale name such as `zh_CN.GBK` or `zh_CN.UTF-8`: None when
    /// it names no encoding (`C`, `POSIX`, `zh_CN`).
    pub fn of_locale(locale: &str) -> Option<Encoding> {
        let charset = locale.split('@').next()?.split_once('.')?.1;
        Encoding::parse(charset)
    }
}

/// The encoding chosen: the option (or its variable) first, then the first
/// locale variable that is set, as the C library reads them. None: neither
/// says (the terminal is then asked, see `probe`).
pub fn choose(option: Option<&str>, locale: [Option<&str>; 3]) -> Result<Option<Encoding>, String> {
    if let Some(o) = option.filter(|o| !o.trim().is_empty()) {
        return Encoding::parse(o).map(Some).ok_or_else(|| crate::i18n::tf("err.bad_encoding", &[("value", o)]));
    }
    let set = locale.into_iter().flatten().find(|l| !l.is_empty());
    Ok(set.and_then(Encoding::of_locale))
}

/// This process's locale variables, in the C library's order.
pub fn locale_vars() -> [Option<String>; 3] {
    ["LC_ALL", "LC_CTYPE", "LANG"].map(|v| std::env::var(v).ok())
}

/// A writer that takes UTF-8 and writes the terminal's encoding.
pub struct Encoded<W: Write> {
    out: W,
    encoding: Encoding,
    /// The start of a character cut by the end of the last write.
    pending: Vec<u8>,
}

impl<W: Write> Encoded<W> {
    pub fn new(out: W, encoding: Encoding) -> Encoded<W> {
        Encoded { out, encoding, pending: Vec::new() }
    }
}

/// UTF-8 text in GB18030; what it cannot carry (nothing in Unicode, but a
/// broken byte) becomes `?`.
pub fn to_gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    bytes.into_owned()
}

impl<W: Write> Write for Encoded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.encoding == Encoding::Utf8 {
            return self.out.write(buf);
        }
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        // Keep a character cut at the end for the next write.
        let cut = match std::str::from_utf8(&bytes) {
            Ok(_) => bytes.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => bytes.len(),
        };
        self.pending = bytes.split_off(cut);
        let text = String::from_utf8_lossy(&bytes).replace('\u{FFFD}', "?");
        self.out.write_all(&to_gb18030(&text))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_wins_then_the_first_locale_variable_set() {
        use Encoding::*;
        assert_eq!(choose(Some("gbk"), [None, None, Some("en_US.UTF-8")]), Ok(Some(Gb18030)));
        assert_eq!(choose(Some("UTF-8"), [Some("zh_CN.GBK"), None, None]), Ok(Some(Utf8)));
        assert_eq!(choose(None, [None, Some("zh_CN.GB2312"), Some("en_US.UTF-8")]), Ok(Some(Gb18030)));
        assert_eq!(choose(None, [Some("zh_CN.gb18030"), None, None]), Ok(Some(Gb18030)));
        assert_eq!(choose(None, [None, None, Some("zh_CN.UTF-8")]), Ok(Some(Utf8)));
        assert_eq!(choose(None, [None, None, Some("C")]), Ok(None), "the terminal is asked");
        assert_eq!(choose(None, [None, None, None]), Ok(None));
        assert_eq!(choose(None, [Some(""), None, Some("zh_CN.GBK@euro")]), Ok(Some(Gb18030)));
        assert!(choose(Some("big5"), [None, None, None]).is_err());
    }

    #[test]
    fn gb18030_output_reads_back_and_a_character_cut_between_writes_survives() {
        let mut w = Encoded::new(Vec::new(), Encoding::Gb18030);
        let text = "逾期 3 户 ok";
        let bytes = text.as_bytes();
        // Cut inside 逾 (three bytes in UTF-8).
        w.write_all(&bytes[..1]).unwrap();
        w.write_all(&bytes[1..]).unwrap();
        let (back, _, bad) = encoding_rs::GB18030.decode(&w.out);
        assert!(!bad);
        assert_eq!(back, text);
        // Two bytes a character instead of three.
        assert_eq!(w.out.len(), "逾期".len() / 3 * 2 + " 3 ".len() + "户".len() / 3 * 2 + " ok".len());
    }
}
