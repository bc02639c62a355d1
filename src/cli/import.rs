//! `lianhu import KIND FILE [--village V] [--dry-run]`: the report begins
//! with what was understood of the file (sheets, header row, mapping,
//! ignored columns), then the counts or the problems.

use super::output::{errln, outln};
use super::{CliError, Globals};
use crate::i18n::tf;
use crate::io::import::{self, ImportError, ImportKind, Options};
use std::path::Path;

pub fn run(g: &Globals, kind: ImportKind, file: &Path, dry_run: bool, village: Option<&str>) -> Result<(), CliError> {
    let mut store = g.open()?;
    let progress = g.progress();
    if dry_run {
        // The same preview the app shows before Enter.
        // What was understood and the problems go to stderr, as in a real
        // import; the counts it would make, to stdout.
        let (mut lines, ok) = import::preview(&mut store, kind, file, &Options { dry_run: true, village, progress: &*progress });
        // The bar is taken away before the report is printed.
        drop(progress);
        let last = if ok { lines.pop() } else { None };
        for line in &lines {
            errln!("{line}");
        }
        if let Some(summary) = last {
            outln!("{summary}");
        }
        return if ok { Ok(()) } else { Err(CliError::Failed(String::new())) };
    }
    let (understood, result) = import::import(&mut store, kind, file, &Options { dry_run, village, progress: &*progress });
    drop(progress);
    for line in &understood {
        errln!("{line}");
    }
    match result {
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
        Err(ImportError::Store(e)) => Err(CliError::Store(e)),
        Err(ImportError::File(e)) => Err(CliError::Failed(e)),
    }
}
