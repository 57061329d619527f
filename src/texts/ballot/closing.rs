//! Closing the ballot: the preview the secretary confirms, and the tally shown to them.

use super::super::{Lang, pick, titles};
use crate::domain::time::format_local;
use crate::services::ballot::{ClosePreview, Tallied};

pub fn confirm_close_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "✅ Xác nhận kết thúc và kiểm phiếu",
        Lang::En => "✅ Confirm: close and count",
    }
}

/// Turnout, what closing does, and a warning when it is early; a refusal when closing now would
/// show one member's vote.
pub fn close_preview(lang: Lang, preview: &ClosePreview) -> String {
    let ClosePreview {
        year,
        membership,
        items,
        turnout,
        ..
    } = preview;
    let missing = membership.saturating_sub(turnout.finished);
    let ends = preview
        .ends_at
        .map(format_local)
        .unwrap_or_else(|| "—".into());
    let head = pick(
        lang,
        format!(
            "Kết thúc bỏ phiếu kín năm {year} và kiểm phiếu?\nSố đề nghị trên phiếu: {items}\nĐã bỏ phiếu đủ: {}/{membership} thành viên\nĐã bắt đầu bỏ phiếu: {}/{membership} thành viên",
            turnout.finished, turnout.started
        ),
        format!(
            "Close the {year} secret ballot and count it?\nNominations on the paper: {items}\nMembers who have voted on all: {}/{membership}\nMembers who have started: {}/{membership}",
            turnout.finished, turnout.started
        ),
    );
    if preview.would_reveal {
        return pick(
            lang,
            format!(
                "{head}\n\n⛔ Chưa thể kết thúc sớm: có đề nghị mới chỉ có một thành viên bỏ phiếu, nên kết quả kiểm phiếu sẽ cho biết lựa chọn của thành viên đó. Vui lòng chờ thêm phiếu; cuộc bỏ phiếu tự kết thúc lúc {ends}."
            ),
            format!(
                "{head}\n\n⛔ The ballot cannot close early: a nomination has a single member's vote, so its count would show how that member voted. Please wait for more votes; the ballot closes by itself at {ends}."
            ),
        );
    }
    let warning = if preview.early {
        pick(
            lang,
            format!(
                "\n\n⚠️ Kết thúc sớm: thời hạn bỏ phiếu đến {ends}, còn {missing} thành viên chưa bỏ phiếu đủ. Nếu kết thúc bây giờ, các thành viên này không bỏ phiếu được nữa; tỷ lệ đồng ý vẫn tính trên tổng số {membership} thành viên Hội đồng."
            ),
            format!(
                "\n\n⚠️ Closing early: the ballot runs until {ends} and {missing} members have not voted on everything. If you close now they can no longer vote; the share of agreement still counts all {membership} council members."
            ),
        )
    } else {
        String::new()
    };
    pick(
        lang,
        format!(
            "{head}{warning}\n\nSau khi kết thúc: phiếu được kiểm ngay, kết quả gửi Giám đốc và Thư ký Hội đồng, và cuộc bỏ phiếu không mở lại được."
        ),
        format!(
            "{head}{warning}\n\nOnce closed: the papers are counted at once, the results go to the director and the council's secretaries, and the ballot cannot be reopened."
        ),
    )
}

/// The tally the secretary just closed, nominee by nominee (the council's eyes only).
pub fn closed_with_tally(lang: Lang, tallied: &Tallied) -> String {
    let lines: Vec<String> = tallied
        .lines
        .iter()
        .map(|line| {
            let title = titles::name(lang, line.title);
            let verdict = match (lang, line.passed) {
                (Lang::Vi, true) => "đạt",
                (Lang::Vi, false) => "không đạt",
                (Lang::En, true) => "passed",
                (Lang::En, false) => "not passed",
            };
            pick(
                lang,
                format!(
                    "• {} — {title}: {} đồng ý, {} không đồng ý → {verdict}",
                    line.nominee, line.yes, line.no
                ),
                format!(
                    "• {} — {title}: {} agree, {} disagree → {verdict}",
                    line.nominee, line.yes, line.no
                ),
            )
        })
        .collect();
    let passed = tallied.lines.iter().filter(|line| line.passed).count();
    pick(
        lang,
        format!(
            "Đã kết thúc bỏ phiếu và kiểm phiếu năm {} ({} thành viên Hội đồng):\n{}\n\n{passed}/{} đề nghị đạt tỷ lệ theo quy định. Giám đốc gõ /pheduyet để xem và phê duyệt kết quả.",
            tallied.year,
            tallied.membership,
            lines.join("\n"),
            tallied.lines.len()
        ),
        format!(
            "The {} ballot is closed and counted ({} council members):\n{}\n\n{passed} of {} nominations reached the threshold. The director sends /approve to see and approve the results.",
            tallied.year,
            tallied.membership,
            lines.join("\n"),
            tallied.lines.len()
        ),
    )
}
