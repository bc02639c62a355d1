//! The terminal: set up, restore on every exit path (panics and signals
//! included), and the event loop that turns events into actions.
//! The loop blocks on input, so the app idles at zero CPU and draws only
//! after something happened.

use crate::app::{self, Action, App, Settings, keymap};
use crate::cli::{CliError, Globals};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::execute;
use std::io::stdout;

/// Puts the terminal back: leaves raw mode and the alternate screen, shows
/// the cursor, ends bracketed paste. Safe to call more than once.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGINT and SIGHUP: restore the terminal and exit.
fn install_signal_thread() -> Result<(), CliError> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]).map_err(|e| CliError::Failed(e.to_string()))?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Runs the full-screen app until the user quits.
pub fn run(g: &Globals) -> Result<(), CliError> {
    let mut store = g.open()?;
    install_panic_hook();
    install_signal_thread()?;
    let mut terminal = ratatui::try_init().map_err(|e| CliError::Failed(e.to_string()))?;
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut store, g);
    restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, store: &mut crate::store::Store, g: &Globals) -> Result<(), CliError> {
    let io_err = |e: std::io::Error| CliError::Failed(e.to_string());
    let size = terminal.size().map_err(io_err)?;
    let settings = Settings { lang: g.lang, ascii: g.ascii, color: !g.no_color, today: g.today, db_path: g.db.display().to_string() };
    let rules = crate::cli::load_rules(&g.db)?;
    let mut app = App::new(settings, rules, size.width, size.height);
    app::start(&mut app, store);
    loop {
        terminal.draw(|f| crate::ui::draw(f, &app)).map_err(io_err)?;
        if app.quit {
            return Ok(());
        }
        if app.pending.is_some() {
            app::update(&mut app, store, Action::RunPending);
            continue;
        }
        let action = match event::read().map_err(io_err)? {
            Event::Key(k) if k.kind != KeyEventKind::Release => keymap::lookup(app.mode(), &k),
            Event::Paste(s) => Some(Action::Paste(s)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        if let Some(action) = action {
            app::update(&mut app, store, action);
        }
    }
}
