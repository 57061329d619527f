//! The shape of the house, kept by a test. Every `crate::…` path in `src/` (in `use` lines and
//! inline, grouped `crate::{a, b}` included, and `super::…` chains that climb out of a top-level
//! module) is an arrow between two top-level modules. An arrow must point down the layers below;
//! two modules on one floor don't know each other; a few arrows that skip floors are forbidden
//! by name. A cycle is impossible when every arrow points strictly down, and the test says which
//! files make one if it appears.
//!
//! ```text
//! 8 cli                        the command line: parses arguments, calls app and services
//! 7 app                        wires the pieces for `thidua run`
//! 6 bot notify scheduler       transports: Telegram, the outbox worker, cron wake-ups
//! 5 ui export                  buttons and keyboards; XLSX/CSV tables, minutes, and the
//!                              presenter the services are wired with (services::present)
//! 4 texts                      every user-visible sentence
//! 3 services                   one function per intent; exports the view types texts render
//! 2 storage                    every SQL statement
//! 1 config org                 settings and the organisation file
//! 0 domain clock               pure types and rules; the injected "now"
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[&[&str]] = &[
    &["domain", "clock", "private_files"],
    &["config", "org"],
    &["storage"],
    &["services"],
    &["texts"],
    &["ui", "export"],
    &["bot", "notify", "scheduler"],
    &["app"],
    &["sandbox"],
    &["cli"],
];

/// Arrows that point down but skip what they must go through: the chat transport talks to the
/// services only, so every read it makes is authorised and errors are explained the same way.
const FORBIDDEN: &[(&str, &str)] = &[("bot", "storage")];

fn floor(module: &str) -> Option<usize> {
    LAYERS.iter().position(|floor| floor.contains(&module))
}

/// One arrow and the file that draws it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Arrow {
    from: String,
    to: String,
    file: String,
}

/// The module path of a source file: `src/services/ballot/papers.rs` → `services::ballot::papers`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        *last = last.trim_end_matches(".rs").to_owned();
    }
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

/// Drops `//` comments (doc comments included) so prose that names a module draws no arrow.
fn code_only(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string literal ("http://…") is rare in paths; cutting there only
            // loses the rest of that line, never invents an arrow.
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn identifier_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The top-level module names a piece of code reaches, given the file's own module path.
fn targets(code: &str, own: &[String]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let close = group.find('}').unwrap_or(group.len());
            for item in group[..close].split(',') {
                let name = identifier_at(item.trim());
                if !name.is_empty() {
                    found.insert(name.to_owned());
                }
            }
        } else {
            let name = identifier_at(rest);
            if !name.is_empty() {
                found.insert(name.to_owned());
            }
        }
    }
    // `super::super::x` climbs; once it reaches the crate root, `x` is a top-level module.
    let mut rest = code;
    while let Some(at) = rest.find("super::") {
        let chain = &rest[at..];
        let mut depth = 0;
        let mut tail = chain;
        while let Some(next) = tail.strip_prefix("super::") {
            depth += 1;
            tail = next;
        }
        rest = &chain["super::".len()..];
        // A file's own module is `own`; `super` from it is its parent.
        if depth >= own.len() {
            let name = identifier_at(tail);
            if !name.is_empty() {
                found.insert(name.to_owned());
            }
        }
    }
    found
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

/// Every arrow between two different top-level modules of the tree under `src`.
fn arrows(sources: &[(String, String)]) -> Vec<Arrow> {
    let mut arrows = BTreeSet::new();
    for (relative, source) in sources {
        let own = module_path(Path::new(relative));
        let Some(from) = own.first().filter(|top| *top != "lib" && *top != "main") else {
            continue;
        };
        for to in targets(&code_only(source), &own) {
            if &to != from && floor(&to).is_some() {
                arrows.insert(Arrow {
                    from: from.clone(),
                    to,
                    file: relative.clone(),
                });
            }
        }
    }
    arrows.into_iter().collect()
}

/// What is wrong with a set of arrows, one line each; empty when the shape holds.
fn violations(sources: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (relative, _) in sources {
        let own = module_path(Path::new(relative));
        if let Some(top) = own.first().filter(|top| *top != "lib" && *top != "main")
            && floor(top).is_none()
        {
            problems.push(format!(
                "{relative}: top-level module `{top}` has no floor in LAYERS; give it one"
            ));
        }
    }
    let arrows = arrows(sources);
    for arrow in &arrows {
        let (Some(from), Some(to)) = (floor(&arrow.from), floor(&arrow.to)) else {
            continue;
        };
        if to >= from {
            problems.push(format!(
                "{}: `{}` (floor {from}) imports `{}` (floor {to}): arrows point down only",
                arrow.file, arrow.from, arrow.to
            ));
        }
        if FORBIDDEN.contains(&(arrow.from.as_str(), arrow.to.as_str())) {
            problems.push(format!(
                "{}: `{}` must not import `{}` directly",
                arrow.file, arrow.from, arrow.to
            ));
        }
    }
    for cycle in cycles(&arrows) {
        problems.push(format!("cycle between top-level modules: {cycle}"));
    }
    problems
}

/// Each cycle between top-level modules, written `a -> b -> a (files…)`.
fn cycles(arrows: &[Arrow]) -> Vec<String> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for arrow in arrows {
        graph.entry(&arrow.from).or_default().insert(&arrow.to);
    }
    let mut found = BTreeSet::new();
    for &start in graph.keys() {
        // Depth-first from `start`, reporting a path that comes back to it; each cycle is
        // reported once, from its smallest module name.
        let mut stack = vec![(start, vec![start])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for &next in graph.get(node).into_iter().flatten() {
                if next == start {
                    if path.iter().all(|module| *module >= start) {
                        let files: BTreeSet<&str> = path
                            .iter()
                            .zip(path.iter().skip(1).chain([&start]))
                            .flat_map(|(from, to)| {
                                arrows
                                    .iter()
                                    .filter(move |a| a.from == *from && a.to == *to)
                                    .map(|a| a.file.as_str())
                            })
                            .collect();
                        let mut names = path.clone();
                        names.push(start);
                        found.insert(format!(
                            "{} ({})",
                            names.join(" -> "),
                            files.into_iter().collect::<Vec<_>>().join(", ")
                        ));
                    }
                } else if seen.insert(next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
    found.into_iter().collect()
}

fn sources_of_this_crate() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&src)
                .expect("under src")
                .to_string_lossy()
                .into_owned();
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            (relative, source)
        })
        .collect()
}

#[test]
fn every_arrow_between_top_level_modules_points_down() {
    let sources = sources_of_this_crate();
    assert!(
        sources.len() > 100,
        "the walk found only {} files under src/",
        sources.len()
    );
    let problems = violations(&sources);
    assert!(
        problems.is_empty(),
        "the house lost its shape:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_walk_sees_the_arrows_that_exist() {
    // Guards the checker against reading nothing: these arrows are the spine of the product.
    let arrows = arrows(&sources_of_this_crate());
    for (from, to) in [
        ("services", "storage"),
        ("storage", "domain"),
        ("bot", "services"),
        ("texts", "domain"),
        ("cli", "app"),
    ] {
        assert!(
            arrows.iter().any(|a| a.from == from && a.to == to),
            "expected an arrow {from} -> {to}"
        );
    }
}

fn fixture(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(path, source)| ((*path).to_owned(), (*source).to_owned()))
        .collect()
}

#[test]
fn an_upward_import_is_caught_in_every_spelling() {
    for source in [
        "use crate::texts;",
        "use crate::{domain, texts::ballot};",
        "fn f() { crate::bot::callback_data::decode(); }",
        "use super::super::super::texts::ballot;",
    ] {
        let problems = violations(&fixture(&[
            ("services/ballot/papers.rs", source),
            ("texts/ballot.rs", "use crate::domain::title::Title;"),
        ]));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("arrows point down only")),
            "not caught: {source:?} → {problems:?}"
        );
    }
}

#[test]
fn the_cycles_the_renovation_removed_would_fail() {
    // The shapes found before the renovation: app <-> cli, config -> scheduler -> config,
    // services <-> texts, bot <-> texts.
    for (a, a_uses, b, b_uses) in [
        (
            "app.rs",
            "use crate::cli::InputRejected;",
            "cli.rs",
            "use crate::app;",
        ),
        (
            "config.rs",
            "use crate::scheduler::check_cron;",
            "scheduler.rs",
            "use crate::config::ConfigError;",
        ),
        (
            "services/appraisal.rs",
            "use crate::texts;",
            "texts/appraisal.rs",
            "use crate::services::appraisal::Overview;",
        ),
        (
            "bot/commands.rs",
            "use crate::texts::commands::description;",
            "texts/commands.rs",
            "use crate::bot::commands::MenuCommand;",
        ),
    ] {
        let problems = violations(&fixture(&[(a, a_uses), (b, b_uses)]));
        assert!(
            problems.iter().any(|p| p.starts_with("cycle")),
            "no cycle reported for {a} <-> {b}: {problems:?}"
        );
    }
}

#[test]
fn comments_and_other_crates_draw_no_arrow() {
    let problems = violations(&fixture(&[
        (
            "services/x.rs",
            "//! Renders nothing; `crate::texts` does that.\nuse sqlx::SqliteConnection;\nlet s = \"somecrate::texts\";",
        ),
        ("texts/x.rs", "use crate::services::x;"),
    ]));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn the_bot_may_not_read_storage() {
    let problems = violations(&fixture(&[(
        "bot/handlers/ballot.rs",
        "use crate::storage::people;",
    )]));
    assert!(
        problems.iter().any(|p| p.contains("must not import")),
        "{problems:?}"
    );
}

#[test]
fn a_new_top_level_module_must_be_given_a_floor() {
    let problems = violations(&fixture(&[("web/page.rs", "use crate::services;")]));
    assert!(
        problems.iter().any(|p| p.contains("has no floor")),
        "{problems:?}"
    );
}
