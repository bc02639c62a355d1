//! The command-line contract (shared/contract.md): global options and one
//! module per command.

pub mod backup;
pub mod check;
pub mod demo;
pub mod due;
pub mod export;
pub mod import;
pub mod links;
pub mod output;
pub mod progress;
pub mod report;
pub mod score;
pub mod users;

use crate::i18n::{self, Lang};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use thiserror::Error;

use crate::io::import::ImportKind;

/// KIND of `lianhu import`: the io layer's `ImportKind`, as clap reads it
/// (its values are `ImportKind::ALL` by their codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportArg(pub ImportKind);

const IMPORT_ARGS: [ImportArg; ImportKind::ALL.len()] = {
    let mut out = [ImportArg(ImportKind::ALL[0]); ImportKind::ALL.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = ImportArg(ImportKind::ALL[i]);
        i += 1;
    }
    out
};

impl ValueEnum for ImportArg {
    fn value_variants<'a>() -> &'a [Self] {
        &IMPORT_ARGS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.code()))
    }
}

impl From<ImportArg> for ImportKind {
    fn from(a: ImportArg) -> ImportKind {
        a.0
    }
}

#[derive(Debug, Parser)]
#[command(name = "lianhu", version, about = "联户通 — 党员联户助推垃圾分类")]
pub struct Cli {
    /// Database file (default: lianhu.db in the platform's data directory).
    #[arg(long, env = "LIANHU_DB", global = true)]
    pub db: Option<PathBuf>,
    /// Fix "today" (YYYY-MM-DD) for due lists, scoring and the app.
    #[arg(long, env = "LIANHU_TODAY", global = true)]
    pub today: Option<String>,
    /// Language: zh (Simplified Chinese) or en.
    #[arg(long, env = "LIANHU_LANG", global = true)]
    pub lang: Option<String>,
    /// Draw borders and marks with ASCII only.
    #[arg(long, env = "LIANHU_ASCII", global = true)]
    pub ascii: bool,
    /// Speak as this staff member (the database's owner only: the forced
    /// command of a member's SSH key on the township server).
    #[arg(long = "as", value_name = "NAME", global = true)]
    pub as_user: Option<String>,
    /// No progress bars (they never show when stderr is not a terminal).
    #[arg(long, global = true)]
    pub quiet: bool,
    /// The terminal's encoding: utf-8 or gbk (GB18030); default: from the locale.
    #[arg(long, env = "LIANHU_ENCODING", global = true)]
    pub encoding: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with a synthetic township.
    Demo {
        #[arg(long, default_value_t = 3000)]
        households: usize,
        #[arg(long, default_value_t = 2)]
        years: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        force: bool,
    },
    /// Read a roster (.csv/.txt in any encoding, .xlsx, .xls, .xlsb, .ods): all rows or none.
    Import {
        kind: ImportArg,
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        /// The village of every row, when the sheet has no 村 column.
        #[arg(long)]
        village: Option<String>,
    },
    /// Write a roster or report (.csv or .xlsx).
    Export {
        kind: ExportKind,
        file: PathBuf,
        #[arg(long)]
        quarter: Option<String>,
        #[arg(long)]
        village: Option<String>,
        /// The month, as 2026-11 (redblack).
        #[arg(long)]
        month: Option<String>,
        /// The year, as 2026 (units, summary).
        #[arg(long)]
        year: Option<i32>,
        /// With FILE `-`: what goes to standard output (csv | xlsx | html;
        /// default csv, html for the printable kinds).
        #[arg(long)]
        format: Option<String>,
    },
    /// The monthly report (月报): .html (printable A4, with charts) or .xlsx.
    Report {
        /// The month, as 2026-11.
        #[arg(long)]
        month: String,
        file: PathBuf,
        #[arg(long)]
        village: Option<String>,
        /// With FILE `-`: html (default) or xlsx.
        #[arg(long)]
        format: Option<String>,
    },
    /// Every household overdue, due or unlinked today, most urgent first.
    Due {
        #[arg(long)]
        village: Option<String>,
        #[arg(long)]
        member: Option<String>,
        /// Whom to remind: each member with their overdue and due households
        /// (text: one reminder a line, for a WeChat group).
        #[arg(long)]
        by_member: bool,
        #[arg(long, value_enum, default_value_t)]
        format: output::Format,
    },
    /// A quarter's points, ranks, stars and warnings, village by village.
    Score {
        /// The quarter, as 2026Q2.
        #[arg(long)]
        quarter: String,
        #[arg(long)]
        village: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: output::Format,
        /// Freeze the quarter's results (the quarter must be over).
        #[arg(long)]
        finalize: bool,
        /// Reopen a finalised quarter; the reason is recorded.
        #[arg(long, value_name = "REASON")]
        reopen: Option<String>,
    },
    /// Linking: suggestions for the unlinked households.
    Links {
        #[command(subcommand)]
        action: LinksAction,
    },
    /// Write a consistent copy of the database while others keep working.
    Backup {
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Replace the database with a backup (checked first; the replaced
    /// content is kept beside it).
    Restore { file: PathBuf },
    /// SQLite's quick check (`--full`: the integrity check) and the programme's own checks.
    Check {
        #[arg(long)]
        full: bool,
    },
    /// Access by village: who may change which village.
    Users {
        #[command(subcommand)]
        action: users::UsersAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum LinksAction {
    /// Propose a member for each unlinked household (kin and acquaintance,
    /// then building, group, village), within loads; `--apply` links them.
    Suggest {
        #[arg(long)]
        village: Option<String>,
        #[arg(long)]
        apply: bool,
        #[arg(long, value_enum, default_value_t)]
        format: output::Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    Households,
    Members,
    Links,
    Visits,
    Ratings,
    Adjustments,
    Due,
    Concerns,
    Audit,
    /// The quarter's full score table (needs --quarter).
    Scores,
    /// The public board (公示), printable A4 HTML (needs --quarter).
    Board,
    /// Contact cards (联系卡), printable A4 HTML, one per linked household.
    Cards,
    /// The red/black board (红黑榜), printable A4 HTML (needs --month).
    Redblack,
    /// The year-end summary per member (年终), .csv/.xlsx (needs --year).
    Summary,
    /// 双报到: the report to each work unit, a sheet per unit (needs --year).
    Units,
}

/// Why a command failed. `Usage` exits 2, everything else 1.
#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Io(#[from] crate::io::IoError),
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// Options every command shares, resolved.
#[derive(Debug, Clone)]
pub struct Globals {
    pub db: PathBuf,
    pub today: NaiveDate,
    pub lang: Lang,
    pub ascii: bool,
    pub no_color: bool,
    /// `--as NAME`, checked: the real user owns the database.
    pub as_user: Option<String>,
    /// `--quiet`: no progress bars.
    pub quiet: bool,
    /// The terminal's encoding (`--encoding`, `LIANHU_ENCODING`, the
    /// locale); None: the app asks the terminal.
    pub encoding: Option<crate::term::encoding::Encoding>,
}

/// The default database: `lianhu.db` in the platform's data directory.
pub fn default_db() -> PathBuf {
    directories::ProjectDirs::from("", "", "lianhu").map(|d| d.data_dir().join("lianhu.db")).unwrap_or_else(|| PathBuf::from("lianhu.db"))
}

impl Cli {
    /// Resolves the global options; sets the language for every message.
    pub fn globals(&self) -> Result<Globals, CliError> {
        let lang = match &self.lang {
            None => Lang::Zh,
            Some(s) => Lang::parse(s).ok_or_else(|| CliError::Usage(format!("--lang: {s}: zh | en")))?,
        };
        i18n::set_lang(lang);
        let today = match &self.today {
            None => chrono::Local::now().date_naive(),
            Some(s) => crate::domain::text::date(s).map_err(|e| CliError::Usage(format!("--today {s}: {e}")))?,
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let db = self.db.clone().unwrap_or_else(default_db);
        if let Some(name) = &self.as_user {
            // Refused to anyone but the owner: a usage error (exit 2).
            crate::store::identity::resolve(&db, Some(name)).map_err(|e| CliError::Usage(e.to_string()))?;
        }
        let locale = crate::term::encoding::locale_vars();
        let encoding =
            crate::term::encoding::choose(self.encoding.as_deref(), [locale[0].as_deref(), locale[1].as_deref(), locale[2].as_deref()])
                .map_err(CliError::Usage)?;
        output::set_gbk(encoding == Some(crate::term::encoding::Encoding::Gb18030));
        Ok(Globals { db, today, lang, ascii: self.ascii, no_color, as_user: self.as_user.clone(), quiet: self.quiet, encoding })
    }
}

impl Globals {
    /// What the full-screen app is started with.
    pub fn app_options(&self) -> crate::term::Options<'_> {
        crate::term::Options {
            db: &self.db,
            today: self.today,
            lang: self.lang,
            ascii: self.ascii,
            no_color: self.no_color,
            as_user: self.as_user.as_deref(),
            encoding: self.encoding,
        }
    }

    /// Where long work shows its progress: a bar on stderr when it is a
    /// terminal and `--quiet` was not given, else nowhere.
    pub fn progress(&self) -> Box<dyn crate::progress::Progress> {
        progress::on_stderr(self.quiet)
    }

    pub fn open(&self) -> Result<Store, CliError> {
        Ok(Store::open_as(&self.db, self.today, self.as_user.as_deref())?)
    }
}

impl Command {
    /// Whether the command changes the database (or writes a file): its
    /// exit code then says whether that happened, whatever became of its
    /// printed output. A command that only reports fails when its output
    /// could not be written.
    pub fn writes(&self) -> bool {
        match self {
            Command::Due { .. } | Command::Check { .. } => false,
            Command::Report { file, .. } => file != std::path::Path::new("-"),
            Command::Score { finalize, reopen, .. } => *finalize || reopen.is_some(),
            Command::Links { action: LinksAction::Suggest { apply, .. } } => *apply,
            Command::Users { action } => !matches!(action, users::UsersAction::List { .. }),
            _ => true,
        }
    }
}

/// Runs a non-interactive command. A damaged database is named in the
/// error, with the backup to restore.
pub fn run(command: Command, g: &Globals) -> Result<(), CliError> {
    run_command(command, g).map_err(|e| match e {
        CliError::Store(s) => CliError::Store(s.at(&g.db)),
        other => other,
    })
}

fn run_command(command: Command, g: &Globals) -> Result<(), CliError> {
    match command {
        Command::Demo { households, years, seed, force } => demo::run(g, households, years, seed, force),
        Command::Import { kind, file, dry_run, village } => import::run(g, kind.into(), &file, dry_run, village.as_deref()),
        Command::Export { kind, file, quarter, village, month, year, format } => export::run(
            g,
            kind,
            &file,
            &export::Scope {
                quarter: quarter.as_deref(),
                village: village.as_deref(),
                month: month.as_deref(),
                year,
                format: format.as_deref(),
            },
        ),
        Command::Report { month, file, village, format } => report::run(g, &month, &file, village.as_deref(), format.as_deref()),
        Command::Due { village, member, by_member: false, format } => due::run(g, village.as_deref(), member.as_deref(), format),
        Command::Due { village, member, by_member: true, format } => due::by_member(g, village.as_deref(), member.as_deref(), format),
        Command::Score { quarter, village, format, finalize, reopen } => {
            score::run(g, &score::Options { quarter: &quarter, village: village.as_deref(), format, finalize, reopen: reopen.as_deref() })
        }
        Command::Links { action: LinksAction::Suggest { village, apply, format } } => links::suggest(g, village.as_deref(), apply, format),
        Command::Backup { to } => backup::run(g, to.as_deref()),
        Command::Restore { file } => backup::restore(g, &file),
        Command::Check { full } => check::run(g, full),
        Command::Users { action } => users::run(g, action),
    }
}

/// Parses `--quarter`; a bad one is a usage error.
pub fn quarter_arg(q: &str) -> Result<crate::domain::period::Quarter, CliError> {
    q.parse().map_err(|_| CliError::Usage(i18n::tf("err.quarter", &[("value", q)])))
}

/// The village named on the command line, by id; an unknown one is an
/// error, not an empty result.
pub fn village_arg(store: &Store, village: Option<&str>) -> Result<Option<i64>, CliError> {
    match village {
        None => Ok(None),
        Some(v) => match crate::store::places::village_id(store.conn(), v)? {
            Some(id) => Ok(Some(id)),
            None => Err(CliError::Failed(i18n::tf("err.no_village", &[("village", v)]))),
        },
    }
}

/// The rules: the embedded defaults, overridden by a `rules.toml` beside the database.
pub fn load_rules(db: &std::path::Path) -> Result<crate::domain::rules::Rules, CliError> {
    Ok(crate::store::rules_for(db)?)
}
