//! The unit review meeting (/binhxet) and its reopening (/mohop).

mod result;

pub use result::preview;

use super::{Lang, pick, titles};
use crate::domain::assessment::TaskRating;
use crate::domain::time::format_date;
use crate::domain::title::Title;
use crate::services::meeting::{DateProblem, MeetingView, Preview};
use chrono::NaiveDate;

/// `today`: the local date by the injected clock, so the example date is one the rule accepts.
pub fn intro(lang: Lang, view: &MeetingView, today: NaiveDate) -> String {
    let mut text = pick(
        lang,
        format!(
            "Họp bình xét thi đua năm {} — {}\nThành viên: {} người. Số lượt đề nghị cần biểu quyết: {} (những người có bản tự đánh giá đã được duyệt và đủ điều kiện).",
            view.campaign.year,
            view.unit_name,
            view.members.len(),
            view.nominees.len()
        ),
        format!(
            "Review meeting {} — {}\nMembers: {}. Nominations to vote on: {} (people whose self-assessment is approved and meets the criteria).",
            view.campaign.year,
            view.unit_name,
            view.members.len(),
            view.nominees.len()
        ),
    );
    if view.reopened {
        text.push_str(&pick(
            lang,
            "\nCuộc họp đã được Thường trực mở lại: biên bản gửi lần này sẽ thay cho lần trước.".into(),
            "\nThe standing body reopened this meeting: what you submit now replaces the earlier minutes.".into(),
        ));
    }
    let today = format_date(today);
    text.push_str(&pick(
        lang,
        format!("\n\nBước 1: vui lòng gõ ngày họp theo dạng ngày/tháng/năm, ví dụ {today} nếu họp hôm nay (ngày họp không được sau hôm nay)."),
        format!("\n\nStep 1: please type the meeting date as day/month/year, e.g. {today} for a meeting held today (not after today)."),
    ));
    text
}

pub fn date_problem(lang: Lang, problem: DateProblem, today: NaiveDate) -> String {
    let today = format_date(today);
    match problem {
        DateProblem::NotADate => pick(
            lang,
            format!("Chưa đọc được ngày. Vui lòng gõ theo dạng ngày/tháng/năm, ví dụ {today}."),
            format!("That is not a date I can read. Please type day/month/year, e.g. {today}."),
        ),
        DateProblem::InFuture => pick(
            lang,
            "Ngày họp không được sau hôm nay. Vui lòng gõ ngày cuộc họp đã diễn ra.".into(),
            "The meeting date cannot be after today. Please type the day the meeting took place."
                .into(),
        ),
        DateProblem::BeforeCampaignYear => pick(
            lang,
            "Ngày họp phải thuộc năm của đợt thi đua trở về sau. Vui lòng kiểm tra lại.".into(),
            "The meeting date must fall in the campaign's year or later. Please check it.".into(),
        ),
    }
}

pub fn attendance(lang: Lang, held_on: NaiveDate, present: usize, members: usize) -> String {
    pick(
        lang,
        format!(
            "Ngày họp: {}.\nBước 2: bấm tên để đánh dấu những người có mặt (✅ có mặt). Đã đánh dấu {present}/{members} người. Bấm “Xong” khi đủ.",
            format_date(held_on)
        ),
        format!(
            "Meeting date: {}.\nStep 2: tap names to mark who attended (✅ present). Marked {present} of {members}. Tap “Done” when finished.",
            format_date(held_on)
        ),
    )
}

pub fn attendee(name: &str, present: bool) -> String {
    format!("{} {name}", if present { "✅" } else { "⬜" })
}

pub fn ask_rating(lang: Lang, unit_name: &str, title: Title) -> String {
    pick(
        lang,
        format!(
            "Bước 3: cuộc họp đánh giá, xếp loại {unit_name} trong năm ở mức nào? (Dùng để xét danh hiệu tập thể đã đăng ký: {}.)",
            titles::name(lang, title)
        ),
        format!(
            "Step 3: how did the meeting rate {unit_name} for the year? (Used for the registered collective title: {}.)",
            titles::name(lang, title)
        ),
    )
}

pub fn ask_votes(
    lang: Lang,
    name: &str,
    title: Title,
    present: usize,
    index: usize,
    total: usize,
) -> String {
    pick(
        lang,
        format!(
            "Biểu quyết {}/{total}: số phiếu đồng ý đề nghị {name} đạt danh hiệu {}? Vui lòng gõ một số từ 0 đến {present} (số người dự họp).",
            index + 1,
            titles::name(lang, title)
        ),
        format!(
            "Vote {} of {total}: how many yes-votes for proposing {name} for {}? Please type a number from 0 to {present} (the attendees).",
            index + 1,
            titles::name(lang, title)
        ),
    )
}

pub fn votes_out_of_range(lang: Lang, present: usize) -> String {
    pick(
        lang,
        format!(
            "Số phiếu phải là một số nguyên từ 0 đến {present} (số người dự họp). Vui lòng gõ lại."
        ),
        format!(
            "The votes must be a whole number from 0 to {present} (the attendees). Please type it again."
        ),
    )
}

pub fn submitted(lang: Lang, preview: &Preview, collective: Option<Title>) -> String {
    let count = preview.outcome.standing_entries(&preview.entries).count();
    let mut text = pick(
        lang,
        format!(
            "Đã gửi kết quả họp bình xét của {} tới Thường trực Hội đồng Thi đua – Khen thưởng: {count} đề nghị cá nhân",
            preview.view.unit_name
        ),
        format!(
            "The review meeting of {} was sent to the council's standing body: {count} individual nomination(s)",
            preview.view.unit_name
        ),
    );
    if let Some(title) = collective {
        text.push_str(&pick(
            lang,
            format!(" và danh hiệu {}", titles::name(lang, title)),
            format!(" and {}", titles::name(lang, title)),
        ));
    }
    text.push_str(&pick(
        lang,
        ". Việc duyệt bản tự đánh giá của đơn vị đã khóa; nếu cần sửa, vui lòng đề nghị Thường trực mở lại.".into(),
        ". The unit's reviews are now locked; to change anything, please ask the standing body to reopen.".into(),
    ));
    text
}

pub fn submitted_notice(
    lang: Lang,
    unit_name: &str,
    head: &str,
    held_on: NaiveDate,
    individual: usize,
    collective: Option<Title>,
) -> (String, String) {
    let collective_vi = collective.map_or(
        "không đề nghị danh hiệu tập thể".to_owned(),
        |title| format!("đề nghị danh hiệu {}", titles::name(Lang::Vi, title)),
    );
    let collective_en = collective.map_or("no collective title".to_owned(), |title| {
        format!("proposes {}", titles::name(Lang::En, title))
    });
    (
        pick(
            lang,
            format!("{unit_name} đã gửi kết quả họp bình xét"),
            format!("{unit_name} submitted its review meeting"),
        ),
        pick(
            lang,
            format!(
                "{unit_name} đã gửi kết quả họp bình xét ngày {} (trưởng đơn vị: {head}): {individual} đề nghị cá nhân; {collective_vi}. Nếu cần đơn vị sửa lại, gõ /mohop kèm mã đơn vị.",
                format_date(held_on)
            ),
            format!(
                "{unit_name} submitted its review meeting of {} (head: {head}): {individual} individual nomination(s); {collective_en}. To give it back for changes, send /reopen with the unit's code.",
                format_date(held_on)
            ),
        ),
    )
}

pub fn reopened(lang: Lang, unit_name: &str) -> String {
    pick(
        lang,
        format!(
            "Đã mở lại cuộc họp bình xét của {unit_name}. Trưởng đơn vị đã được thông báo và có thể duyệt, ghi và gửi lại."
        ),
        format!(
            "The review meeting of {unit_name} is reopened. The head has been told and may review, record and submit again."
        ),
    )
}

pub fn reopened_notice(lang: Lang, unit_name: &str, secretary: &str) -> (String, String) {
    (
        pick(
            lang,
            format!("Cuộc họp bình xét của {unit_name} đã được mở lại"),
            format!("The review meeting of {unit_name} was reopened"),
        ),
        pick(
            lang,
            format!(
                "{secretary} (Thường trực Hội đồng Thi đua – Khen thưởng) đã mở lại cuộc họp bình xét của {unit_name}. Anh/chị có thể duyệt lại bản tự đánh giá và gõ /binhxet để ghi, gửi lại kết quả."
            ),
            format!(
                "{secretary} (council's standing body) reopened the review meeting of {unit_name}. You may review again and send /meeting to record and submit it again."
            ),
        ),
    )
}

/// /binhxet while a meeting is being recorded: it carries on rather than starting over.
pub fn carrying_on(lang: Lang) -> String {
    pick(
        lang,
        "Anh/chị đang ghi dở cuộc họp bình xét: những gì đã nhập vẫn được giữ, mời anh/chị tiếp tục từ bước dưới đây. Muốn ghi lại từ đầu, anh/chị bấm \"Hủy\" rồi gõ /binhxet.".into(),
        "You are in the middle of recording the review meeting: what you entered is kept; please carry on from the step below. To start again, press \"Cancel\" and send /meeting.".into(),
    )
}

pub fn reopen_usage(lang: Lang) -> String {
    pick(
        lang,
        "Vui lòng gõ kèm mã đơn vị cần mở lại, ví dụ: /mohop VP".into(),
        "Please add the code of the unit to reopen, e.g. /reopen VP".into(),
    )
}

/// What submitting the meeting sends and locks, before the head confirms it. `proposed` is the
/// collective title the result proposes; `registered` the one the unit registered.
pub fn submit_preview(
    lang: Lang,
    preview: &Preview,
    proposed: Option<Title>,
    registered: Option<Title>,
) -> String {
    let unit = &preview.view.unit_name;
    let nominees: Vec<String> = (preview.entries.iter())
        .zip(&preview.view.nominees)
        .zip(&preview.outcome.standings)
        .filter(|(_, standing)| **standing == crate::domain::meeting::Standing::Stands)
        .map(|((entry, nominee), _)| {
            format!(
                "\n   • {} — {}",
                nominee.person.full_name,
                titles::name(lang, entry.title)
            )
        })
        .collect();
    let individual = if nominees.is_empty() {
        pick(lang, " không có".into(), " none".into())
    } else {
        nominees.concat()
    };
    let collective = match (proposed, registered) {
        (Some(title), _) => pick(
            lang,
            format!("đề nghị {}", titles::name(lang, title)),
            format!("proposes {}", titles::name(lang, title)),
        ),
        (None, Some(title)) => pick(
            lang,
            format!(
                "⚠️ KHÔNG đề nghị {} (đơn vị đã đăng ký danh hiệu này)",
                titles::name(lang, title)
            ),
            format!(
                "⚠️ does NOT propose {} (the unit registered it)",
                titles::name(lang, title)
            ),
        ),
        (None, None) => pick(lang, "không đề nghị".into(), "none".into()),
    };
    pick(
        lang,
        format!(
            "Gửi kết quả họp bình xét của {unit} đến Thường trực Hội đồng Thi đua – Khen thưởng?\n\n• Đề nghị cá nhân:{individual}\n• Danh hiệu tập thể: {collective}\n\nSau khi gửi: biên bản họp và việc duyệt bản tự đánh giá của đơn vị bị khóa; chỉ Thường trực Hội đồng mở lại được (/mohop)."
        ),
        format!(
            "Send the review meeting of {unit} to the council's standing body?\n\n• Individual nominations:{individual}\n• Collective title: {collective}\n\nOnce sent, the minutes and the unit's reviews are locked; only the standing body can reopen them (/reopen)."
        ),
    )
}

pub struct Buttons {
    pub done: String,
    pub submit: String,
    /// Confirms the submission; on its own row.
    pub confirm_submit: String,
    /// Back from the submission preview to the result.
    pub back: String,
    pub cancel: String,
    pub propose_collective: String,
    pub drop_collective: String,
}

pub fn buttons(lang: Lang, collective: Option<Title>) -> Buttons {
    let name = collective.map_or("", |title| titles::name(lang, title));
    Buttons {
        done: pick(lang, "➡️ Xong".into(), "➡️ Done".into()),
        submit: pick(lang, "📤 Gửi đề nghị…".into(), "📤 Submit…".into()),
        confirm_submit: pick(
            lang,
            "✅ Xác nhận gửi và khóa biên bản".into(),
            "✅ Confirm: send and lock the minutes".into(),
        ),
        back: pick(
            lang,
            "↩️ Quay lại kết quả".into(),
            "↩️ Back to the result".into(),
        ),
        cancel: pick(lang, "✖️ Hủy".into(), "✖️ Cancel".into()),
        propose_collective: pick(
            lang,
            format!("☑️ Đề nghị {name}"),
            format!("☑️ Propose {name}"),
        ),
        drop_collective: pick(
            lang,
            format!("↩️ Bỏ đề nghị {name}"),
            format!("↩️ Do not propose {name}"),
        ),
    }
}

pub fn rating(lang: Lang, rating: TaskRating) -> &'static str {
    super::assessment::rating(lang, rating)
}
