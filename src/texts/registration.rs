//! The registration dialogue (/dangky) and the status view (/trangthai).

use super::{Lang, pick, titles};
use crate::domain::assessment::Status;
use crate::domain::phase::Phase;
use crate::domain::registration::RegistrationStatus;
use crate::domain::time::format_local;
use crate::domain::title::Title;
use crate::services::registration::RegistrationView;
use crate::services::status::{OwnAssessment, StatusView};
use crate::storage::registrations::Registration;

fn current(lang: Lang, registration: Option<Registration>) -> String {
    match registration {
        Some(Registration {
            title,
            status: RegistrationStatus::Registered,
        }) => titles::name(lang, title).to_owned(),
        Some(Registration {
            status: RegistrationStatus::Withdrawn,
            ..
        }) => pick(lang, "đã rút đăng ký".into(), "withdrawn".into()),
        None => pick(lang, "chưa đăng ký".into(), "not registered".into()),
    }
}

pub fn choose_individual(lang: Lang, view: &RegistrationView) -> String {
    let closes = view
        .campaign
        .window(Phase::Registration)
        .map(|window| format_local(window.closes))
        .unwrap_or_default();
    let mut list = String::new();
    for title in &view.individual_choices {
        list.push_str(&format!(
            "• {}: {}\n",
            titles::name(lang, *title),
            titles::meaning(lang, *title)
        ));
    }
    pick(
        lang,
        format!(
            "{}\nĐăng ký hiện tại của anh/chị: {}.\nHạn đăng ký: {}.\n\nVui lòng chọn danh hiệu cá nhân anh/chị phấn đấu đạt trong năm:\n{}",
            view.campaign.name,
            current(lang, view.individual),
            closes,
            list
        ),
        format!(
            "{}\nYour current registration: {}.\nRegistration closes: {}.\n\nPlease choose the individual title you aim for this year:\n{}",
            view.campaign.name,
            current(lang, view.individual),
            closes,
            list
        ),
    )
}

pub fn choose_collective(lang: Lang, unit_name: &str, view: &RegistrationView) -> String {
    let mut list = String::new();
    for title in &view.collective_choices {
        list.push_str(&format!(
            "• {}: {}\n",
            titles::name(lang, *title),
            titles::meaning(lang, *title)
        ));
    }
    pick(
        lang,
        format!(
            "Là trưởng đơn vị, anh/chị đăng ký danh hiệu tập thể cho {unit_name} (hiện tại: {}):\n{}",
            current(lang, view.collective),
            list
        ),
        format!(
            "As unit head, please register the collective title for {unit_name} (currently: {}):\n{}",
            current(lang, view.collective),
            list
        ),
    )
}

pub fn confirm(
    lang: Lang,
    individual: Title,
    collective: Option<Title>,
    unit_name: &str,
) -> String {
    let included: Vec<&str> = individual
        .includes()
        .iter()
        .skip(1)
        .map(|title| titles::name(lang, *title))
        .collect();
    let mut text = pick(
        lang,
        format!(
            "Anh/chị xác nhận đăng ký:\n• Danh hiệu cá nhân: {}",
            titles::name(lang, individual)
        ),
        format!(
            "Please confirm your registration:\n• Individual title: {}",
            titles::name(lang, individual)
        ),
    );
    if !included.is_empty() {
        text.push_str(&pick(
            lang,
            format!(" (bao gồm {})", included.join(", ")),
            format!(" (includes {})", included.join(", ")),
        ));
    }
    if let Some(title) = collective {
        text.push_str(&pick(
            lang,
            format!(
                "\n• Danh hiệu tập thể của {unit_name}: {}",
                titles::name(lang, title)
            ),
            format!(
                "\n• Collective title of {unit_name}: {}",
                titles::name(lang, title)
            ),
        ));
    }
    text
}

pub fn saved(lang: Lang, individual: Title, collective: Option<Title>) -> String {
    let collective = collective
        .map(|title| {
            pick(
                lang,
                format!(" và danh hiệu tập thể {}", titles::name(lang, title)),
                format!(" and the collective title {}", titles::name(lang, title)),
            )
        })
        .unwrap_or_default();
    pick(
        lang,
        format!(
            "Đã lưu đăng ký danh hiệu {}{collective}. Anh/chị có thể thay đổi hoặc rút đăng ký bằng /dangky cho đến khi hết hạn đăng ký.",
            titles::name(lang, individual)
        ),
        format!(
            "Saved: {}{collective}. You can change or withdraw with /register until registration closes.",
            titles::name(lang, individual)
        ),
    )
}

pub fn withdrawn(lang: Lang) -> String {
    pick(
        lang,
        "Đã rút đăng ký danh hiệu thi đua của anh/chị. Anh/chị vẫn có thể đăng ký lại bằng /dangky trong thời hạn đăng ký.".into(),
        "Your registration has been withdrawn. You can register again with /register while registration is open.".into(),
    )
}

/// What withdrawing removes, before the person confirms it.
pub fn withdraw_preview(
    lang: Lang,
    view: &RegistrationView,
    individual: Title,
    collective: Option<Title>,
    unit: &str,
) -> String {
    let closes = view
        .campaign
        .window(Phase::Registration)
        .map(|window| format_local(window.closes))
        .unwrap_or_default();
    let collective = collective
        .map(|title| {
            pick(
                lang,
                format!(
                    "\n• Đăng ký danh hiệu tập thể {} của {unit} cũng được rút theo.",
                    titles::name(lang, title)
                ),
                format!(
                    "\n• {unit}'s registration for the collective title {} is withdrawn with it.",
                    titles::name(lang, title)
                ),
            )
        })
        .unwrap_or_default();
    pick(
        lang,
        format!(
            "Anh/chị có chắc muốn rút đăng ký?\n\nSau khi rút:\n• Đăng ký danh hiệu {} của anh/chị không còn hiệu lực; anh/chị sẽ không được đưa vào danh sách xét danh hiệu này.{collective}\n• Anh/chị vẫn có thể đăng ký lại bằng /dangky trước {closes}.",
            titles::name(lang, individual)
        ),
        format!(
            "Do you really want to withdraw?\n\nOnce withdrawn:\n• Your registration for {} no longer stands; you will not be considered for it.{collective}\n• You can register again with /register before {closes}.",
            titles::name(lang, individual)
        ),
    )
}

pub struct Buttons {
    pub confirm: String,
    /// Confirms a withdrawal; on its own row.
    pub confirm_withdraw: String,
    /// Leaves the registration as it is and goes back to the titles.
    pub keep: String,
    pub choose_again: String,
    pub cancel: String,
    pub withdraw: String,
    pub no_collective: String,
}

pub fn buttons(lang: Lang) -> Buttons {
    Buttons {
        confirm: pick(lang, "✅ Xác nhận".into(), "✅ Confirm".into()),
        choose_again: pick(lang, "↩️ Chọn lại".into(), "↩️ Choose again".into()),
        cancel: pick(lang, "✖️ Hủy".into(), "✖️ Cancel".into()),
        withdraw: pick(lang, "Rút đăng ký…".into(), "Withdraw…".into()),
        confirm_withdraw: pick(
            lang,
            "⚠️ Xác nhận rút đăng ký".into(),
            "⚠️ Confirm: withdraw".into(),
        ),
        keep: pick(
            lang,
            "↩️ Giữ đăng ký, quay lại".into(),
            "↩️ Keep it, go back".into(),
        ),
        no_collective: pick(
            lang,
            "Không đăng ký tập thể".into(),
            "No collective title".into(),
        ),
    }
}

/// The /trangthai line on the person's own self-assessment.
fn own_assessment(lang: Lang, assessment: Option<OwnAssessment>) -> String {
    let Some(OwnAssessment {
        status,
        submitted_version,
    }) = assessment
    else {
        return pick(
            lang,
            "\nBản tự đánh giá: chưa làm.".into(),
            "\nSelf-assessment: not started.".into(),
        );
    };
    let version = submitted_version.unwrap_or(1);
    match (status, submitted_version) {
        (Status::Draft, None) => pick(
            lang,
            "\nBản tự đánh giá: đang làm dở, chưa nộp; gõ /tudanhgia để làm tiếp.".into(),
            "\nSelf-assessment: in progress, not submitted; send /assess to carry on.".into(),
        ),
        (Status::Draft, Some(last)) => pick(
            lang,
            format!(
                "\nBản tự đánh giá: đang sửa, chưa nộp lại (bản đã nộp gần nhất: lần {last}); gõ /tudanhgia để làm tiếp."
            ),
            format!(
                "\nSelf-assessment: being changed, not resubmitted (last submitted: version {last}); send /assess to carry on."
            ),
        ),
        (Status::Submitted, _) => pick(
            lang,
            format!("\nBản tự đánh giá: đã nộp (lần {version}), đang chờ trưởng đơn vị xem xét."),
            format!("\nSelf-assessment: submitted (version {version}), awaiting your unit head."),
        ),
        (Status::Approved, _) => pick(
            lang,
            format!("\nBản tự đánh giá: đã được trưởng đơn vị duyệt (lần {version})."),
            format!("\nSelf-assessment: approved by your unit head (version {version})."),
        ),
        (Status::Returned, _) => pick(
            lang,
            "\nBản tự đánh giá: được trưởng đơn vị trả lại để bổ sung; gõ /tudanhgia để sửa và nộp lại.".into(),
            "\nSelf-assessment: returned by your unit head for changes; send /assess to change and resubmit.".into(),
        ),
    }
}

pub fn status(lang: Lang, view: &StatusView) -> String {
    let Some(campaign) = &view.campaign else {
        return pick(
            lang,
            "Hiện chưa có đợt thi đua nào được mở.".into(),
            "No campaign has been opened yet.".into(),
        );
    };
    let mut text = format!("{} ({})", campaign.name, campaign.year);
    // Someone who registers no title (the director) has no registration line to read.
    if view.individual.is_some() || crate::domain::registration::may_register(&view.person.roles) {
        text.push_str(&pick(
            lang,
            format!("\nĐăng ký của anh/chị: {}.", current(lang, view.individual)),
            format!("\nYour registration: {}.", current(lang, view.individual)),
        ));
    }
    let own_registered = matches!(
        view.individual,
        Some(Registration {
            status: RegistrationStatus::Registered,
            ..
        })
    );
    if own_registered || view.assessment.is_some() {
        text.push_str(&own_assessment(lang, view.assessment));
    }
    if crate::domain::registration::may_register(&view.person.roles) {
        text.push('\n');
        text.push_str(&super::history::recent(lang, &view.history, campaign.year));
        text.push('.');
    }
    if let Some(verdict) = &view.bang_khen {
        text.push('\n');
        text.push_str(&super::history::bang_khen(lang, verdict, false));
        text.push('.');
    }
    if let Some(unit) = &view.unit {
        text.push_str(&pick(
            lang,
            format!(
                "\n\n{} — danh hiệu tập thể: {}.\nThành viên:",
                unit.unit_name,
                current(lang, unit.collective)
            ),
            format!(
                "\n\n{} — collective title: {}.\nMembers:",
                unit.unit_name,
                current(lang, unit.collective)
            ),
        ));
        let mut registered = 0;
        for (member, registration) in &unit.members {
            if matches!(
                registration,
                Some(Registration {
                    status: RegistrationStatus::Registered,
                    ..
                })
            ) {
                registered += 1;
            }
            text.push_str(&format!(
                "\n• {}: {}",
                member.full_name,
                current(lang, *registration)
            ));
        }
        text.push_str(&pick(
            lang,
            format!("\nĐã đăng ký: {registered}/{} người.", unit.members.len()),
            format!("\nRegistered: {registered} of {}.", unit.members.len()),
        ));
        text.push_str(&super::progress::unit(lang, &unit.progress));
        if let Some(verdict) = &view.unit_bang_khen {
            text.push('\n');
            text.push_str(&super::history::bang_khen(lang, verdict, true));
            text.push('.');
        }
    }
    if let Some(units) = &view.department {
        text.push_str(&super::progress::department(lang, units));
    }
    if let Some(ballot) = view.ballot {
        text.push_str(&super::ballot::status_line(lang, ballot));
    }
    text
}
