use clap::Parser;
use lianhu::cli::{self, Cli};

fn main() {
    let args = Cli::parse();
    let code = match args.globals() {
        Err(e) => {
            eprintln!("lianhu: {e}");
            e.exit_code()
        }
        Ok(g) => match args.command {
            Some(command) => match cli::run(command, &g) {
                Ok(()) => 0,
                Err(e) => {
                    let text = e.to_string();
                    if !text.is_empty() {
                        eprintln!("lianhu: {text}");
                    }
                    e.exit_code()
                }
            },
            None => match lianhu::term::run(&g) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("lianhu: {e}");
                    e.exit_code()
                }
            },
        },
    };
    std::process::exit(code);
}
