use clap::Parser;
use lianhu::cli::{self, Cli};

fn main() {
    let args = Cli::parse();
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
            None => match lianhu::term::run(&g) {
                Ok(()) => 0,
                Err(e) => {
                    lianhu::cli::output::line_err(format_args!("lianhu: {e}"));
                    e.exit_code()
                }
            },
        },
    };
    std::process::exit(code);
}
