use clap::Parser;
use lianhu::cli::{self, Cli};

fn main() {
    let args = match Cli::try_parse() {
        Ok(args) => forced(args),
        Err(e) => e.exit(),
    };
    let code = match args.globals() {
        Err(e) => {
            lianhu::cli::output::line_err(format_args!("lianhu: {e}"));
            e.exit_code()
        }
        Ok(g) => match args.command {
            Some(command) => match (command.writes(), cli::run(command, &g)) {
                (true, Ok(())) => 0,
                (false, Ok(())) => match cli::output::output_failure() {
                    None => 0,
                    Some(e) => {
                        let text = lianhu::i18n::tf("safety.output_failed", &[("error", &e)]);
                        lianhu::cli::output::line_err(format_args!("lianhu: {text}"));
                        1
                    }
                },
                (_, Err(e)) => {
                    let text = e.to_string();
                    if !text.is_empty() {
                        lianhu::cli::output::line_err(format_args!("lianhu: {text}"));
                    }
                    e.exit_code()
                }
            },
            None => match lianhu::term::run(&g.app_options()) {
                Ok(()) => 0,
                Err(e) => {
                    let code = if matches!(e, lianhu::term::TermError::Unfit(_)) { 2 } else { 1 };
                    let text = match e {
                        lianhu::term::TermError::Store(s) => s.at(&g.db).to_string(),
                        other => other.to_string(),
                    };
                    lianhu::cli::output::line_err(format_args!("lianhu: {text}"));
                    code
                }
            },
        },
    };
    std::process::exit(code);
}

/// The township server's forced command (`lianhu --db … --as NAME`) run
/// with the command the member typed (`ssh lianhu@town due`): sshd puts it
/// in `SSH_ORIGINAL_COMMAND`. It is split by shell rules, never given to a
/// shell, and run as NAME; `--db` and `--as` inside it are refused.
fn forced(args: Cli) -> Cli {
    let Some(typed) = std::env::var("SSH_ORIGINAL_COMMAND").ok().filter(|c| !c.trim().is_empty()) else { return args };
    if args.as_user.is_none() || args.command.is_some() {
        return args;
    }
    let refuse = |text: String| -> ! {
        lianhu::cli::output::line_err(format_args!("lianhu: {text}"));
        std::process::exit(2);
    };
    let mut words = match shell_words::split(&typed) {
        Ok(w) => w,
        Err(e) => refuse(lianhu::i18n::tf("access.bad_command", &[("error", &e.to_string())])),
    };
    if words.first().is_some_and(|w| w == "lianhu" || w.ends_with("/lianhu")) {
        words.remove(0);
    }
    if let Some(w) = words.iter().find(|w| ["--db", "--as"].iter().any(|o| *w == o || w.starts_with(&format!("{o}=")))) {
        refuse(lianhu::i18n::tf("access.forced_option", &[("option", w.split('=').next().unwrap_or(w))]));
    }
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    argv.extend(words.into_iter().map(Into::into));
    match Cli::try_parse_from(argv) {
        Ok(args) => args,
        Err(e) => e.exit(),
    }
}
