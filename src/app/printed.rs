//! Files the app writes from a key (`b` boards, `C` contact cards, the
//! year summary, the units report): beside the database, named from data
//! made safe, and on the township server told with the command that
//! fetches the same file over SSH, since the member cannot reach the
//! server's folder.

use super::effect::{Ctx, Effect};
use super::screen::{Settings, Tone};
use crate::i18n::tf;
use std::path::{Path, PathBuf};

/// The file `parts` names (`公示-湖口村-2026Q3.html`) beside the database.
pub fn beside_db(settings: &Settings, parts: &[&str], ext: &str) -> PathBuf {
    let dir = Path::new(&settings.db_path).parent().map(Path::to_path_buf).unwrap_or_default();
    dir.join(crate::store::files::name_from(parts, ext))
}

/// The status after writing `path`: `done` (what was written), or on the
/// township server the command that fetches it, short enough for 80
/// columns: `ssh lianhu@town export KIND - OPTIONS > 公示.html` (`command`
/// is `export KIND`, or `report`).
pub fn written(ctx: &Ctx, done: String, command: &str, options: &str, path: &Path) -> Effect {
    let (msg, tone) = match &ctx.settings.fetch {
        Some(ssh) => {
            let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let short = stem.split('-').next().unwrap_or_default();
            let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            let command = format!("{ssh} {command} - {options} > {short}.{ext}");
            let told = tf("msg.fetch", &[("command", &command)]);
            // The command whole matters more than its label on a narrow screen.
            let fits = crate::domain::text::width(&told) <= usize::from(ctx.width);
            (if fits { told } else { command }, Tone::Info)
        }
        None => (done, Tone::Info),
    };
    Effect::Status(msg, tone)
}

/// Writes a file with `write`, then says so (or why not).
pub fn outcome<E: std::fmt::Display>(ctx: &Ctx, result: Result<(), E>, done: String, command: &str, options: &str, path: &Path) -> Effect {
    match result {
        Ok(()) => written(ctx, done, command, options, path),
        Err(e) => Effect::Status(e.to_string(), Tone::Error),
    }
}

/// `--village` for a command line, quoted when the name needs it.
pub fn village_arg(village: &str) -> String {
    format!("--village {}", shell_words::quote(village))
}
