//! The `thidua` binary: parse the command line and hand over to the library.

use clap::Parser;
use std::process::ExitCode;
use thidua::cli::{self, Cli, InputRejected};

#[tokio::main]
async fn main() -> ExitCode {
    thidua::app::init_logging();
    match cli::dispatch(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.downcast_ref::<InputRejected>().is_some() => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("Lỗi / error: {error:#}");
            ExitCode::from(2)
        }
    }
}
