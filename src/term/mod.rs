//! The terminal: set up, restore on every exit path (panics and signals
//! included), and the event loop that turns events into actions.
//!
//! The loop blocks on input with a one-second timeout: when it passes, it
//! asks SQLite whether another connection wrote (`PRAGMA data_version`)
//! and redraws only then, so an idle app draws nothing. Before it blocks,
//! it reads the other tabs ahead, one at a time, stopping a read the moment
//! a key arrives; once all are read it uses no CPU. An open form is
//! kept as a draft at most a second after each change. A hang-up (SIGHUP,
//! or the controlling terminal gone, which a watchdog thread checks twice
//! a second because crossterm may spin on a dead tty) stores the draft from
//! another thread and exits at once.

use crate::app::{self, Action, App, Settings};
use crate::store::StoreError;
use crate::store::{Store, drafts};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::execute;
use std::io::stdout;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the app is started with (resolved by the command line).
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    pub db: &'a std::path::Path,
    pub today: chrono::NaiveDate,
    pub lang: crate::i18n::Lang,
    pub ascii: bool,
    pub no_color: bool,
    /// `--as NAME` (already checked: the real user owns the database).
    pub as_user: Option<&'a str>,
    /// The terminal's encoding (GB18030 also draws with ASCII only: such
    /// a terminal shows every non-ASCII character two cells wide). None:
    /// the terminal is asked (`probe`).
    pub encoding: Option<encoding::Encoding>,
}

/// Why the app could not run.
#[derive(Debug, thiserror::Error)]
pub enum TermError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Terminal(#[from] std::io::Error),
    /// No terminal, or one that cannot show the app (`TERM=dumb`): bad
    /// usage, exit 2, with the commands that work without it.
    #[error("{0}")]
    Unfit(String),
}

/// How long a change may wait before it is kept as a draft, and how often
/// the loop looks for other users' writes.
const TICK: Duration = Duration::from_secs(1);

mod backend;
pub mod caps;
pub mod encoding;
mod gauge;
mod probe;
mod relay;
mod scroll;
mod sgr;
pub mod terminfo;

pub use backend::Compact;

type AppTerminal = ratatui::Terminal<Compact<encoding::Encoded<std::fs::File>>>;

/// Raw mode, the alternate screen, bracketed paste; frames go out through
/// `Compact`, on its own handle of standard output: Rust's `Stdout` is line
/// buffered and would split a frame with a line feed into two writes.
fn init(encoding: encoding::Encoding, caps: terminfo::Caps) -> std::io::Result<AppTerminal> {
    use std::os::fd::AsFd;
    crossterm::terminal::enable_raw_mode()?;
    if caps.alt_screen {
        execute!(stdout(), crossterm::terminal::EnterAlternateScreen)?;
    }
    execute!(stdout(), EnableBracketedPaste)?;
    let out = std::fs::File::from(stdout().as_fd().try_clone_to_owned()?);
    ratatui::Terminal::new(Compact::new(encoding::Encoded::new(out, encoding))?.with_caps(caps))
}

/// Draws a frame: what changed goes out in one write.
fn draw(terminal: &mut AppTerminal, app: &App) -> std::io::Result<()> {
    terminal.draw(|f| crate::ui::draw(f, app)).map(|_| ())
}

/// Puts the terminal back: leaves raw mode and the alternate screen, shows
/// the cursor, ends bracketed paste. Safe to call more than once.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    relay::restore();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The open form as a draft, shared with the threads that handle a hang-up.
#[derive(Default)]
struct DraftState {
    /// The draft as JSON; None when no form is open.
    json: Option<String>,
    /// Whether `json` is what the database holds.
    stored: bool,
}

/// What a hang-up or a signal needs to keep the draft.
#[derive(Clone)]
struct Keeper {
    db: PathBuf,
    who: String,
    /// Whether this user may write at all: a reader keeps no draft in the
    /// shared file.
    writable: bool,
    state: Arc<Mutex<DraftState>>,
}

impl Keeper {
    /// Stores the draft if it is not stored yet, on a connection of its own
    /// (the main thread may be stuck in the terminal).
    fn keep(&self) {
        let Ok(mut s) = self.state.lock() else { return };
        if s.stored {
            return;
        }
        if let Some(json) = &s.json
            && let Ok(store) = Store::open(&self.db, chrono::NaiveDate::MIN)
            && drafts::save(store.conn(), &self.who, json).is_ok()
        {
            s.stored = true;
        }
    }

    /// Keeps the draft and exits: the terminal is gone, so nothing is drawn.
    fn hang_up(&self) -> ! {
        self.keep();
        std::process::exit(129);
    }
}

/// SIGHUP keeps the draft and exits; SIGTERM and SIGINT also put the
/// terminal back first.
fn install_signal_thread(keeper: Keeper) -> Result<(), TermError> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            if sig == SIGHUP {
                keeper.hang_up();
            }
            keeper.keep();
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Whether this process still has its controlling terminal.
fn tty_alive() -> bool {
    std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_ok()
}

/// Checks twice a second that the terminal is still there.
fn install_watchdog(keeper: Keeper) {
    if !tty_alive() {
        return; // no controlling terminal to lose (run under a test harness)
    }
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if !tty_alive() {
                keeper.hang_up();
            }
        }
    });
}

/// The daily backup: started once the app is idle, so that it never
/// competes with the first screen (nor, when the last start cut it short,
/// does its retry); its error said on the status line.
struct Daily {
    db: Option<std::path::PathBuf>,
    done: Option<std::sync::mpsc::Receiver<Option<String>>>,
}

impl Daily {
    fn new(db: &std::path::Path, writable: bool) -> Daily {
        Daily { db: writable.then(|| db.to_path_buf()), done: None }
    }

    /// Starts it (once).
    fn start(&mut self) {
        let Some(db) = self.db.take() else { return };
        let (tx, rx) = std::sync::mpsc::channel();
        self.done = Some(rx);
        std::thread::spawn(move || {
            let failed = crate::store::backup::daily(&db).err();
            // The copy's memory back to the system (glibc keeps a thread's
            // freed memory in that thread's arena otherwise).
            #[cfg(all(target_os = "linux", target_env = "gnu"))]
            // SAFETY: malloc_trim only releases free memory.
            unsafe {
                libc::malloc_trim(0);
            }
            let _ = tx.send(failed.map(|e| crate::i18n::tf("err.daily_backup", &[("error", &e.to_string())])));
        });
    }

    /// Its error, once, when it failed.
    fn failed(&mut self) -> Option<String> {
        self.done.as_ref().and_then(|rx| rx.try_recv().ok()).flatten()
    }
}

/// Runs the full-screen app until the user quits.
pub fn run(g: &Options<'_>) -> Result<(), TermError> {
    if let Some(why) = caps::here() {
        return Err(TermError::Unfit(why));
    }
    let mut store = Store::open_as(g.db, g.today, g.as_user)?;
    // The first start of the day keeps a copy (the newest 14 stay), made on
    // a thread of its own once the first screen is up and read ahead.
    let backup = Daily::new(store.path(), store.read_only.is_none());
    let warning = store.read_only.clone().or_else(|| crate::store::perms::warning(store.path()));
    let keeper =
        Keeper { db: g.db.to_path_buf(), who: store.who.clone(), writable: store.why_no_writes().is_none(), state: Arc::default() };
    install_panic_hook();
    install_signal_thread(keeper.clone())?;
    install_watchdog(keeper.clone());
    // What neither the options nor the locale said, the terminal is asked:
    // its encoding, and whether it draws box drawing two cells wide.
    let caps = terminfo::caps(&std::env::var("TERM").unwrap_or_default());
    let probed =
        if g.encoding.is_none() || !g.ascii { probe::ask(g.encoding.is_none(), caps.alt_screen) } else { probe::Probed::default() };
    let chosen = g.encoding.or(probed.encoding).unwrap_or(encoding::Encoding::Utf8);
    let gbk = chosen == encoding::Encoding::Gb18030;
    let wide = probed.wide_boxes && !gbk && !g.ascii;
    // Asked, it answered, and it is neither UTF-8 nor GBK: it cannot show
    // Chinese at all. ASCII borders, and a message in ASCII first.
    let no_chinese = g.encoding.is_none() && probed.answered && probed.encoding.is_none();
    let resolved = Options { encoding: Some(chosen), ascii: g.ascii || gbk || wide || no_chinese, ..*g };
    let g = &resolved;
    if gbk {
        // Keys typed in GBK reach crossterm as UTF-8.
        relay::start().map_err(TermError::Terminal)?;
    }
    let mut terminal = init(chosen, caps).map_err(|e| {
        restore();
        TermError::Terminal(e)
    })?;
    // Said once: why the borders are ASCII, and how to change the terminal.
    let warning = warning
        .or_else(|| no_chinese.then(|| crate::i18n::t("msg.no_chinese").to_string()))
        .or_else(|| wide.then(|| crate::i18n::t("msg.wide_boxes").to_string()));
    let result = event_loop(&mut terminal, &mut store, g, &keeper, warning, backup);
    restore();
    result
}

fn event_loop(
    terminal: &mut AppTerminal,
    store: &mut Store,
    g: &Options<'_>,
    keeper: &Keeper,
    warning: Option<String>,
    mut backup: Daily,
) -> Result<(), TermError> {
    let io_err = TermError::Terminal;
    let size = terminal.size().map_err(io_err)?;
    let settings =
        Settings { ascii: g.ascii, color: !g.no_color, today: g.today, db_path: g.db.display().to_string(), fetch: fetch_prefix(g) };
    let rules = crate::store::rules_for(g.db)?;
    let mut app = App::new(settings, rules, size.width, size.height);
    // The warning first: what the start finds (a damaged file) says more.
    if let Some(w) = warning {
        app.status = Some((w, app::Tone::Error));
    }
    app::start(&mut app, store);
    let mut drafts = Drafts::default();
    drafts.track(&app, keeper);
    let mut seen = data_version(store);
    let mut dirty = true;
    // Whether other tabs may still need reading ahead.
    let mut ahead = true;
    loop {
        if dirty {
            draw(terminal, &app).map_err(io_err)?;
            dirty = false;
        }
        if app.quit {
            drafts.finish(store, keeper);
            return Ok(());
        }
        if let Some(app::Pending::Clipboard(text)) = &app.pending {
            // OSC 52: the terminal puts it on the clipboard (over SSH too);
            // a terminal that does not know it ignores it.
            clipboard(text);
            app.pending = None;
            continue;
        }
        if app.pending.is_some() {
            // Drawn first (the announcement), then the work with its gauge.
            draw(terminal, &app).map_err(io_err)?;
            let gauge = gauge::Gauge::new(terminal, &app);
            app::run_pending_shown(&mut app, store, &gauge);
            let shown = gauge.shown();
            drop(gauge);
            if shown {
                // The gauge drew over the screen: all of it is drawn again.
                terminal.clear().map_err(io_err)?;
            }
            dirty = true;
            continue;
        }
        if ahead && !matches!(event::poll(Duration::ZERO), Ok(true)) {
            // Stopped the moment a key (or any terminal event) arrives.
            ahead = app::read_ahead(&mut app, store, || matches!(event::poll(Duration::ZERO), Ok(true)));
            continue;
        }
        // Everything read ahead and nothing typed: the daily backup may start.
        backup.start();
        let wait = drafts.due().map_or(TICK, |at| at.saturating_duration_since(Instant::now()));
        let ready = match event::poll(wait) {
            Ok(ready) => ready,
            Err(_) => keeper.hang_up(),
        };
        if !ready {
            drafts.store_if_due(store, keeper);
            if let Some(failed) = backup.failed() {
                app.status = Some((failed, app::Tone::Error));
                dirty = true;
            }
            let now = data_version(store);
            if now != seen {
                seen = now;
                app::refresh(&mut app, store);
                dirty = true;
                ahead = true;
            }
            continue;
        }
        let action = match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => crate::app::keys::lookup(app.mode(), &k),
            Ok(Event::Paste(s)) => Some(Action::Paste(s)),
            Ok(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
            Ok(_) => None,
            Err(_) => keeper.hang_up(),
        };
        if let Some(action) = action {
            app::update(&mut app, store, action);
            dirty = true;
            ahead = true;
            drafts.track(&app, keeper);
            // Our own writes move data_version too: take them as seen.
            seen = data_version(store);
        }
    }
}

/// On the township server (`--as` given by a key's forced command, and
/// sshd's `SSH_CONNECTION` set): `ssh SERVICE@HOST`, for the command that
/// fetches a file the app wrote. A hint only; no access depends on it.
fn fetch_prefix(g: &Options<'_>) -> Option<String> {
    g.as_user?;
    std::env::var_os("SSH_CONNECTION")?;
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most buf.len() bytes into buf.
    let host = if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0 {
        let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
        String::from_utf8_lossy(&buf[..end]).into_owned()
    } else {
        "server".to_string()
    };
    Some(format!("ssh {}@{host}", crate::store::identity::real_user()))
}

/// SQLite's counter of commits by other connections.
fn data_version(store: &Store) -> i64 {
    store.conn().query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap_or(0)
}

/// When the open form changed and must be kept as a draft.
#[derive(Default)]
struct Drafts {
    /// The first unstored change, and when it must be stored by.
    due: Option<Instant>,
}

impl Drafts {
    fn due(&self) -> Option<Instant> {
        self.due
    }

    /// Takes the form as it is now after an action.
    fn track(&mut self, app: &App, keeper: &Keeper) {
        if !keeper.writable {
            return;
        }
        let json = app.form().filter(|f| f.changed()).and_then(|f| serde_json::to_string(&f.to_draft()).ok());
        let Ok(mut s) = keeper.state.lock() else { return };
        if s.json == json {
            return;
        }
        s.json = json;
        s.stored = false;
        self.due.get_or_insert_with(|| Instant::now() + TICK);
    }

    /// Stores the draft (or clears it when the form is gone) once due.
    fn store_if_due(&mut self, store: &Store, keeper: &Keeper) {
        if self.due.is_some_and(|at| Instant::now() >= at) {
            self.store(store, keeper);
        }
    }

    fn store(&mut self, store: &Store, keeper: &Keeper) {
        self.due = None;
        let Ok(mut s) = keeper.state.lock() else { return };
        if s.stored {
            return;
        }
        let done = match &s.json {
            Some(json) => drafts::save(store.conn(), &keeper.who, json),
            None => drafts::clear(store.conn(), &keeper.who),
        };
        s.stored = done.is_ok();
    }

    /// On quitting: a form the user chose to leave is not kept.
    fn finish(&mut self, store: &Store, keeper: &Keeper) {
        if let Ok(mut s) = keeper.state.lock() {
            s.json = None;
            s.stored = false;
        }
        self.store(store, keeper);
    }
}

/// Sends `text` to the terminal's clipboard (OSC 52, base64).
fn clipboard(text: &str) {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}
