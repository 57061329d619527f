//! Typed notices become text here, when they are sent: in the language the recipient has chosen
//! by then (not when the notice was queued), with the keyboard the notice calls for.

use crate::domain::language::Lang;
use crate::domain::notice::Notice;
use crate::storage::outbox::{Destination, OutboxRow};
use crate::storage::people;
use crate::storage::{Connection, StorageResult};
use crate::texts;
use crate::texts::reminders as text;
use crate::ui::callback_data::Action;
use crate::ui::keyboards;

mod reminders;

/// One message ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// Used when the row goes by e-mail.
    pub subject: String,
    pub body: String,
    /// Bot API inline keyboard JSON, as the outbox stores it.
    pub keyboard: Option<String>,
}

/// What `notice` says in `lang`.
pub fn render(notice: &Notice, lang: Lang) -> Rendered {
    let text = |(subject, body): (String, String)| Rendered {
        subject,
        body,
        keyboard: None,
    };
    match notice {
        Notice::AssessmentSubmitted {
            name,
            unit,
            version,
        } => text(texts::assessment::submitted_notice(
            lang, name, unit, *version,
        )),
        Notice::ReviewDecision {
            reviewer,
            returned_with,
        } => text(texts::review::decision_notice(
            lang,
            reviewer,
            returned_with.as_deref(),
        )),
        Notice::MeetingSubmitted {
            unit_name,
            head,
            held_on,
            individual,
            collective,
        } => text(texts::meeting::submitted_notice(
            lang,
            unit_name,
            head,
            *held_on,
            *individual,
            *collective,
        )),
        Notice::MeetingReopened {
            unit_name,
            secretary,
        } => text(texts::meeting::reopened_notice(lang, unit_name, secretary)),
        Notice::NominationReturned {
            nominee,
            title,
            reason,
            secretary,
        } => text(texts::appraisal::returned_notice(
            lang, nominee, *title, reason, secretary,
        )),
        Notice::DecisionSentBack { director, comment } => {
            text(texts::decision::sent_back_notice(lang, director, comment))
        }
        Notice::BallotPaper {
            paper,
            index,
            total,
            nonce,
        } => {
            let nomination = paper.nomination;
            Rendered {
                subject: String::new(),
                body: texts::ballot::paper(lang, paper, *index, *total),
                keyboard: Some(
                    keyboards::ballot_paper(lang, *nonce, |yes| Action::Vote { nomination, yes })
                        .to_string(),
                ),
            }
        }
        Notice::PublicationResult {
            title,
            status,
            decision_number,
            decided_on,
        } => text(texts::publication::private_result(
            lang,
            *title,
            status,
            decision_number.as_deref(),
            *decided_on,
        )),
        Notice::PublicationEmail {
            year,
            decision_number,
            decided_on,
            recognised,
        } => text(texts::publication::email(
            *year,
            decision_number.as_deref(),
            *decided_on,
            *recognised,
        )),
        Notice::BallotAbsence { year, secretary } => {
            text(texts::ballot::absence_notice(lang, *year, secretary))
        }
        Notice::WrittenVotesEntered {
            year,
            secretary,
            items,
        } => text(texts::ballot::written_entered_notice(
            lang, *year, secretary, *items,
        )),
        Notice::BallotClosed { items, passed } => {
            text(texts::ballot::closed_notice(lang, *items, *passed))
        }
        Notice::Reminder { .. } => reminders::reminder(notice, lang),
        Notice::UnitDigest {
            unit_name,
            date,
            blocks,
        } => {
            let blocks: Vec<_> = blocks.iter().map(reminders::lines).collect();
            Rendered {
                subject: text::digest_subject(lang, unit_name, *date),
                body: text::digest(lang, unit_name, *date, &blocks),
                keyboard: None,
            }
        }
        Notice::Escalation { missed } => Rendered {
            subject: text::escalation_subject(lang, missed.phase, missed.deadline),
            body: text::escalation(lang, &reminders::lines(missed)),
            keyboard: None,
        },
        Notice::InviteEmail {
            full_name,
            gender,
            link,
            expires_at,
            bot_username,
            department,
            contact,
        } => {
            let email = texts::invite::render(&texts::invite::InviteEmailInput {
                full_name,
                gender: *gender,
                link,
                expires_at: *expires_at,
                bot_username,
                department,
                contact,
            });
            Rendered {
                subject: email.subject,
                body: email.body,
                keyboard: None,
            }
        }
        Notice::ProgressReport {
            year,
            campaign_name,
            date,
            lines,
        } => {
            let lines: Vec<text::ReportLine<'_>> = lines
                .iter()
                .map(|line| text::ReportLine {
                    phase: line.phase,
                    state: line.state,
                    unit_name: &line.unit_name,
                    done: line.done,
                    concerned: line.concerned,
                })
                .collect();
            Rendered {
                subject: text::report_subject(lang, *year, *date),
                body: text::report(lang, campaign_name, *date, &lines),
                keyboard: None,
            }
        }
    }
}

/// The language `person_id` has chosen now; Vietnamese for a group or somebody unknown.
pub async fn lang_of(conn: &mut Connection, person_id: Option<i64>) -> StorageResult<Lang> {
    let Some(person_id) = person_id else {
        return Ok(Lang::default());
    };
    let person = people::find_by_id(conn, crate::domain::person::PersonId(person_id)).await?;
    Ok(person.map(|person| person.lang).unwrap_or_default())
}

/// What `row` sends to a recipient reading `lang`: its notice rendered, or, for text queued as
/// text (the worker's own messages and every row queued before typed notices), the text as
/// queued.
pub fn in_lang(row: &OutboxRow, lang: Lang) -> Rendered {
    match &row.notice {
        Some(notice) => render(notice, lang),
        None => as_queued(row),
    }
}

/// [`in_lang`] for the row's own recipient, looking up their language now.
pub async fn row(conn: &mut Connection, row: &OutboxRow) -> StorageResult<Rendered> {
    let lang = match row.notice {
        Some(_) => lang_of(conn, row.person_id).await?,
        None => Lang::default(),
    };
    Ok(in_lang(row, lang))
}

fn as_queued(row: &OutboxRow) -> Rendered {
    let subject = match &row.destination {
        Destination::Email { subject, .. } => subject.clone(),
        Destination::Telegram { .. } => String::new(),
    };
    Rendered {
        subject,
        body: row.body.clone(),
        keyboard: row.reply_markup.clone(),
    }
}
