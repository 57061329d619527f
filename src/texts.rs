//! Every sentence a person reads, Vietnamese first and English alongside. Nothing else in the
//! program builds user-visible text, so wording is reviewed — and translated — in one place.
//!
//! Each function takes the reader's [`Lang`] and the values to show; none performs I/O.

pub mod address;
pub mod appraisal;
pub mod assessment;
pub mod ballot;
pub mod block;
pub mod cli;
pub mod commands;
pub mod commendation;
pub mod common;
pub mod decision;
pub mod delivery;
pub mod documents;
pub mod evidence;
pub mod export;
pub mod history;
pub mod invite;
pub mod link;
pub mod meeting;
pub mod paper;
pub mod papers;
pub mod progress;
pub mod publication;
pub mod refusal;
pub mod registration;
pub mod reminders;
pub mod resubmission;
pub mod review;
pub mod schedule;
pub mod titles;
pub mod verdict;

pub use crate::domain::language::Lang;

/// Picks the sentence for the reader's language.
pub(crate) fn pick(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}
