//! The `netra` binary: parse arguments, run, print `netra: {error}`, exit with 2
//! (as grep and ripgrep do: 0 and 1 say what a command found, 2 that it failed;
//! clap's usage errors exit with 2 too).

use std::io;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    quiet_panics();
    let cli = netra::cli::Cli::parse_from(netra::cli::args(std::env::args_os()));
    match netra::cli::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("netra: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A reader that closed the pipe early (`netra search … | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A panic is a bug: say so in one line, not with a backtrace (unless a developer
/// asked for one with RUST_BACKTRACE).
fn quiet_panics() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "netra: internal error{place}: {payload}. This is a bug in netra; if it happened while \
             reading an index, the index may be damaged: `netra index --rebuild` makes a new one."
        );
    }));
}
