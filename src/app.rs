//! `thidua run`: wires settings, database, bot and background tasks, and shuts down cleanly.

use crate::config::Settings;

pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

pub async fn run(_settings: Settings) -> anyhow::Result<()> {
    anyhow::bail!("not yet available")
}
