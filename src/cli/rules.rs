//! `thidua rules show NAME [--dir DIR] [--local FILE]… [--lang vi|en]`: print a rule set, each
//! rule with its legal reference, after merging any local files exactly as a campaign would.
//! (`rules check --campaign YEAR` waits for stored self-assessments.)

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
}

pub fn dispatch(command: RulesCommand) -> anyhow::Result<()> {
    match command {
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
