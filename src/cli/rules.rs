//! `thidua rules show NAME [--dir DIR] [--local FILE]… [--lang vi|en]`: print a rule set, each
//! rule with its legal reference, after merging any local files exactly as a campaign would.
//! `thidua rules check --campaign YEAR [--lang vi|en]`: every registrant's verdict with its
//! reasons, from their latest submitted self-assessment (or "chưa nộp"), under the campaign's
//! rule set and local files.

use super::InputRejected;
use crate::domain::campaign::RuleSet;
use crate::domain::language::Lang;
use crate::domain::rules;
use crate::texts;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Print a rule set (nd91-2017 or luat-2022) with each rule's legal reference.
    Show {
        /// nd91-2017 or luat-2022.
        name: String,
        /// The folder holding NAME.toml.
        #[arg(long, env = "THIDUA_RULES_DIR", default_value = "config/rules")]
        dir: PathBuf,
        /// A local rule file merged over the base; repeat to apply several, in order.
        #[arg(long = "local")]
        locals: Vec<PathBuf>,
        /// vi or en.
        #[arg(long, default_value = "vi", value_parser = ["vi", "en"])]
        lang: String,
    },
    /// Print every registrant's verdict with reasons for a campaign.
    Check {
        /// The campaign's year.
        #[arg(long)]
        campaign: i32,
        /// vi or en.
        #[arg(long, default_value = "vi", value_parser = ["vi", "en"])]
        lang: String,
    },
}

pub async fn dispatch(
    settings: crate::config::Settings,
    command: RulesCommand,
) -> anyhow::Result<()> {
    match command {
        RulesCommand::Check { campaign, lang } => {
            let ctx = super::context(settings).await?;
            let lang = Lang::parse(&lang).unwrap_or_default();
            let Some((found, lines)) = crate::services::status::rules_check(&ctx, campaign).await?
            else {
                return Err(InputRejected(format!(
                    "Không có đợt thi đua năm {campaign} / no campaign for {campaign}."
                ))
                .into());
            };
            let text =
                texts::progress::rules_check(lang, &found, &lines, |code| ctx.org.unit_name(code));
            use std::io::Write;
            match write!(std::io::stdout().lock(), "{text}") {
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                result => Ok(result?),
            }
        }
        RulesCommand::Show {
            name,
            dir,
            locals,
            lang,
        } => {
            let rule_set = RuleSet::parse(name.trim())
                .map_err(|_| InputRejected(texts::verdict::unknown_rule_set(&name)))?;
            let lang = Lang::parse(&lang).unwrap_or_default();
            let rules = rules::load_from_dir(&dir, rule_set, &locals)
                .map_err(|error| InputRejected(texts::verdict::rule_file_refused(&error)))?;
            println!("{}", texts::verdict::rule_set(lang, &rules));
            Ok(())
        }
    }
}
