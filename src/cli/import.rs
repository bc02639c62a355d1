//! `lianhu import KIND FILE [--dry-run]`

use super::output::{errln, outln};
use super::{CliError, Globals};
use crate::i18n::tf;
use crate::io::import::{self, ImportError, ImportKind};
use std::path::Path;

pub fn run(g: &Globals, kind: ImportKind, file: &Path, dry_run: bool) -> Result<(), CliError> {
    let mut store = g.open()?;
    match import::import_file(&mut store, kind, file, dry_run) {
        Ok(c) => {
            outln!("{}", import::summary(c, dry_run));
            Ok(())
        }
        Err(ImportError::Rows(problems)) => {
            for line in import::report(file, &problems) {
                errln!("{line}");
            }
            Err(CliError::Failed(tf("err.import_rejected", &[("count", &problems.total.to_string())])))
        }
        Err(ImportError::Other(e)) => Err(e),
    }
}
