//! What a notice says, in words: typed notices become text and keyboards here, in the reader's
//! language. Pure: the notifier renders at send time, and a preview (the director's, before
//! publishing) renders the very same rows before anything is sent.

use crate::domain::language::Lang;
use crate::domain::notice::Notice;
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
        Notice::NominationResent {
            unit_name,
            nominee,
            title,
            head,
            note,
        } => text(texts::resubmission::resent_notice(
            lang, unit_name, nominee, *title, head, note,
        )),
        Notice::OwnNominationReturned {
            gender,
            title,
            reason,
            secretary,
        } => text(texts::appraisal::own_returned_notice(
            lang, *gender, *title, reason, secretary,
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
        Notice::ProvinceDecision {
            title,
            awarded,
            decision_number,
            decided_on,
            unit,
        } => text(texts::history::province_decision(
            lang,
            *title,
            *awarded,
            decision_number,
            *decided_on,
            unit.as_deref(),
        )),
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
            proposed_upward,
        } => text(texts::publication::email(
            *year,
            decision_number.as_deref(),
            *decided_on,
            *recognised,
            *proposed_upward,
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
        Notice::UpdateInterrupted { at } => text(texts::common::interrupted_notice(lang, *at)),
        Notice::PhaseReopened { year, phase, until } => text(
            texts::schedule::phase_reopened_notice(lang, *year, *phase, *until),
        ),
        Notice::PhaseMoved {
            year,
            phase,
            opens,
            closes,
            later,
        } => text(texts::schedule::phase_moved_notice(
            lang, *year, *phase, *opens, *closes, *later,
        )),
        Notice::AccountMoved { full_name, at } => {
            text(texts::link::moved_notice(lang, full_name, *at))
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
        Notice::CommendationProposed {
            recipient,
            unit,
            occasion,
            proposer,
        } => text(texts::commendation::proposed_notice(
            lang, recipient, unit, *occasion, proposer,
        )),
        Notice::CommendationAgreed {
            recipient,
            unit,
            occasion,
            secretary,
        } => text(texts::commendation::agreed_notice(
            lang, recipient, unit, *occasion, secretary,
        )),
        Notice::CommendationRefused {
            recipient,
            reason,
            secretary,
        } => text(texts::commendation::refused_notice(
            lang, recipient, reason, secretary,
        )),
        Notice::CommendationPublished {
            recipient,
            unit,
            collective,
            occasion,
            achievement,
            decision_number,
            decided_on,
        } => text(texts::commendation::group_post(
            lang,
            &texts::commendation::Published {
                recipient,
                unit,
                collective: *collective,
                occasion: *occasion,
                achievement,
                decision_number,
                decided_on: *decided_on,
            },
        )),
        Notice::CommendationAwarded {
            unit,
            occasion,
            achievement,
            decision_number,
            decided_on,
        } => text(texts::commendation::awarded_notice(
            lang,
            unit.as_deref(),
            *occasion,
            achievement,
            decision_number,
            *decided_on,
        )),
        Notice::BlockSheetSent {
            block,
            member,
            total,
        } => text(texts::block::sheet_sent_notice(lang, block, member, total)),
        Notice::BlockSheetAdjusted {
            member,
            criterion,
            own,
            checked,
            reason,
        } => text(texts::block::adjusted_notice(
            lang, member, criterion, own, checked, reason,
        )),
        Notice::BlockSheetChecked { member, total } => {
            text(texts::block::checked_notice(lang, member, total))
        }
        Notice::BlockResults { year, block, lines } => {
            text(texts::block::results_notice(lang, *year, block, lines))
        }
        Notice::BlockProvinceDecision {
            member,
            award,
            awarded,
            decision_number,
            decided_on,
        } => text(texts::block::province_decision_notice(
            lang,
            member,
            award,
            *awarded,
            decision_number,
            *decided_on,
        )),
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
