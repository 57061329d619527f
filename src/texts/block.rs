//! Emulation blocks in words: the scoring sheet criterion by criterion, the cross-check, the
//! ranking and what each step tells the next person.

use crate::domain::block::scoring::{Criterion, PointsError};
use crate::domain::block::{AdjustmentError, Points, Proposed, ScoringTable, SheetStatus};
use crate::domain::notice::BlockResultLine;
use crate::domain::time::format_date;
use crate::texts::{Lang, pick};
use chrono::NaiveDate;
use std::collections::HashMap;

pub fn award_name(lang: Lang, code: &str) -> &'static str {
    match (lang, code) {
        (Lang::Vi, "CO_TINH") => "Cờ thi đua của Ủy ban nhân dân tỉnh",
        (Lang::En, "CO_TINH") => "Emulation Flag of the Provincial People's Committee",
        (Lang::Vi, _) => "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        (Lang::En, _) => "Certificate of Merit of the Provincial Chairman",
    }
}

pub fn proposed_name(lang: Lang, proposed: Proposed) -> &'static str {
    award_name(lang, proposed.code())
}

pub fn status(lang: Lang, status: SheetStatus) -> &'static str {
    match (lang, status) {
        (Lang::Vi, SheetStatus::Draft) => "đang tự chấm",
        (Lang::Vi, SheetStatus::Submitted) => "đã gửi, chờ kiểm tra",
        (Lang::Vi, SheetStatus::Checked) => "đã kiểm tra",
        (Lang::En, SheetStatus::Draft) => "scoring",
        (Lang::En, SheetStatus::Submitted) => "sent, to be checked",
        (Lang::En, SheetStatus::Checked) => "checked",
    }
}

/// One criterion's question, with the points already saved if any.
pub fn ask_criterion(
    lang: Lang,
    index: usize,
    table: &ScoringTable,
    criterion: &Criterion,
    saved: Option<Points>,
) -> String {
    let count = table.criteria().count();
    let group = table
        .group_of(&criterion.code)
        .map(|group| format!("{}. {}", group.code, group.name))
        .unwrap_or_default();
    let saved = saved.map(|points| {
        pick(
            lang,
            format!("\nĐã lưu: {points} điểm. Gõ số khác để sửa, hoặc bấm “Giữ nguyên”."),
            format!("\nSaved: {points} points. Type another number to change it, or press “Keep”."),
        )
    });
    pick(
        lang,
        format!(
            "Tiêu chí {}/{count} — nhóm {group}\n{} {} (tối đa {} điểm)\nMinh chứng: {}\nVui lòng gõ số điểm đơn vị tự chấm (ví dụ 8 hoặc 8,5).{}",
            index + 1,
            criterion.code,
            criterion.text,
            criterion.max,
            criterion.evidence,
            saved.clone().unwrap_or_default()
        ),
        format!(
            "Criterion {}/{count} — group {group}\n{} {} (at most {} points)\nEvidence: {}\nPlease type your unit's own points (e.g. 8 or 8,5).{}",
            index + 1,
            criterion.code,
            criterion.text,
            criterion.max,
            criterion.evidence,
            saved.unwrap_or_default()
        ),
    )
}

pub fn points_error(lang: Lang, error: PointsError) -> String {
    match error {
        PointsError::NotANumber => pick(
            lang,
            "Số điểm chưa hợp lệ: vui lòng gõ một số không âm, tối đa một chữ số thập phân (ví dụ 8 hoặc 8,5).".into(),
            "That is not a valid number of points: a non-negative number with at most one decimal (e.g. 8 or 8,5).".into(),
        ),
        PointsError::AboveMax(max) => pick(
            lang,
            format!("Số điểm vượt mức tối đa của tiêu chí ({max} điểm). Vui lòng gõ lại."),
            format!("That is above the criterion's maximum ({max} points). Please type it again."),
        ),
    }
}

pub fn adjustment_error(lang: Lang, error: AdjustmentError) -> String {
    match error {
        AdjustmentError::Shape | AdjustmentError::Reason => pick(
            lang,
            "Vui lòng gõ theo mẫu: mã tiêu chí, số điểm sau kiểm tra, rồi lý do (ít nhất 5 ký tự). Ví dụ: 2.1 12 Chưa có báo cáo sơ kết 6 tháng".into(),
            "Please type: the criterion's code, the checked points, then the reason (5 characters or more). E.g.: 2.1 12 No half-year report".into(),
        ),
        AdjustmentError::Points(error) => points_error(lang, error),
    }
}

pub fn unknown_criterion(lang: Lang, code: &str) -> String {
    pick(
        lang,
        format!(
            "Bảng chấm điểm không có tiêu chí “{code}”. Vui lòng gõ lại với mã tiêu chí trong bảng."
        ),
        format!(
            "The scoring table has no criterion “{code}”. Please type it again with a code from the table."
        ),
    )
}

/// The sheet, group by group: own points, the cross-check's where it changed them, totals.
pub fn sheet(
    lang: Lang,
    table: &ScoringTable,
    points: &HashMap<String, (Points, Option<Points>)>,
    reasons: &HashMap<String, String>,
) -> String {
    let mut lines = Vec::new();
    let mut total = Points::default();
    for group in &table.groups {
        lines.push(format!(
            "{}. {} (tối đa {})",
            group.code,
            group.name,
            group.max()
        ));
        for criterion in &group.criteria {
            let line = match points.get(&criterion.code) {
                None => pick(
                    lang,
                    format!("  • {} {}: chưa chấm", criterion.code, criterion.text),
                    format!("  • {} {}: not scored", criterion.code, criterion.text),
                ),
                Some((own, None)) => {
                    total = Points(total.0 + own.0);
                    format!(
                        "  • {} {}: {own}/{}",
                        criterion.code, criterion.text, criterion.max
                    )
                }
                Some((own, Some(checked))) => {
                    total = Points(total.0 + checked.0);
                    let reason = reasons.get(&criterion.code).cloned().unwrap_or_default();
                    pick(
                        lang,
                        format!(
                            "  • {} {}: {checked}/{} (tự chấm {own}; kiểm tra điều chỉnh: {reason})",
                            criterion.code, criterion.text, criterion.max
                        ),
                        format!(
                            "  • {} {}: {checked}/{} (own {own}; adjusted: {reason})",
                            criterion.code, criterion.text, criterion.max
                        ),
                    )
                }
            };
            lines.push(line);
        }
    }
    lines.push(pick(
        lang,
        format!("Tổng cộng: {total}/{} điểm", table.total),
        format!("Total: {total}/{} points", table.total),
    ));
    lines.join("\n")
}

pub fn sheet_header(lang: Lang, member: &str, block: &str, status_value: SheetStatus) -> String {
    pick(
        lang,
        format!(
            "Bảng chấm điểm thi đua của {member} — {block} ({})",
            status(lang, status_value)
        ),
        format!(
            "Scoring sheet of {member} — {block} ({})",
            status(lang, status_value)
        ),
    )
}

pub struct Buttons {
    pub keep: String,
    pub previous: String,
    pub later: String,
    pub send: String,
    pub rescore: String,
    pub confirm_send: String,
    pub back: String,
}

pub fn buttons(lang: Lang) -> Buttons {
    Buttons {
        keep: pick(lang, "✔️ Giữ nguyên".into(), "✔️ Keep".into()),
        previous: pick(lang, "⬅️ Tiêu chí trước".into(), "⬅️ Previous".into()),
        later: pick(
            lang,
            "💾 Lưu nháp, làm tiếp sau".into(),
            "💾 Save, continue later".into(),
        ),
        send: pick(
            lang,
            "📤 Gửi trưởng khối".into(),
            "📤 Send to the leader".into(),
        ),
        rescore: pick(lang, "✏️ Chấm lại từ đầu".into(), "✏️ Score again".into()),
        confirm_send: pick(lang, "✅ Xác nhận gửi".into(), "✅ Confirm and send".into()),
        back: pick(lang, "⬅️ Quay lại".into(), "⬅️ Back".into()),
    }
}

pub fn summary_prompt(lang: Lang) -> String {
    pick(
        lang,
        "Đơn vị đã chấm đủ các tiêu chí. Bấm “Gửi trưởng khối” khi đã sẵn sàng, hoặc chấm lại."
            .into(),
        "Every criterion is scored. Press “Send to the leader” when ready, or score again.".into(),
    )
}

pub fn confirm_send(lang: Lang, total: Points, checker: &str) -> String {
    pick(
        lang,
        format!(
            "Đơn vị sẽ gửi bảng tự chấm {total} điểm cho {checker} kiểm tra. Sau khi gửi, đơn vị không tự sửa được nữa; mọi điều chỉnh do người kiểm tra thực hiện và ghi rõ lý do. Xác nhận gửi?"
        ),
        format!(
            "Your unit will send its sheet of {total} points to {checker} for cross-checking. After sending you can no longer change it; any adjustment is made by the checker, with its reason. Send it?"
        ),
    )
}

pub fn saved_for_later(lang: Lang) -> String {
    pick(
        lang,
        "Đã lưu nháp. Gõ /chamdiem để làm tiếp khi thuận tiện.".into(),
        "Draft saved. Send /score to continue when convenient.".into(),
    )
}

pub fn sent(lang: Lang, total: Points, checker: &str) -> String {
    pick(
        lang,
        format!(
            "Đã gửi bảng tự chấm {total} điểm cho {checker} kiểm tra. Xin cảm ơn; đơn vị sẽ nhận thông báo khi bảng được kiểm tra."
        ),
        format!(
            "Your sheet of {total} points was sent to {checker}. Thank you; you will be told when it is checked."
        ),
    )
}

pub fn checker_leader(lang: Lang) -> String {
    pick(lang, "trưởng khối".into(), "the block's leader".into())
}

pub fn checker_deputy(lang: Lang) -> String {
    pick(lang, "phó khối".into(), "the block's deputy".into())
}

pub fn checker_standing_body(lang: Lang) -> String {
    pick(
        lang,
        "Thường trực Hội đồng Thi đua – Khen thưởng Sở".into(),
        "the council's standing body".into(),
    )
}

// --- cross-check ---

pub fn check_overview(lang: Lang, lines: &[(String, String, SheetStatus)]) -> String {
    let mut text = pick(
        lang,
        "Bảng chấm điểm các thành viên khối — chọn một bảng đã gửi để kiểm tra:".into(),
        "The block members' sheets — choose a sent one to cross-check:".into(),
    );
    for (block, member, value) in lines {
        text.push_str(&format!("\n• {member} ({block}): {}", status(lang, *value)));
    }
    text
}

pub struct CheckButtons {
    pub confirm: String,
    pub adjust: String,
    pub back: String,
}

pub fn check_buttons(lang: Lang) -> CheckButtons {
    CheckButtons {
        confirm: pick(
            lang,
            "✅ Xác nhận đã kiểm tra".into(),
            "✅ Mark as checked".into(),
        ),
        adjust: pick(lang, "✏️ Điều chỉnh điểm".into(), "✏️ Adjust points".into()),
        back: pick(lang, "⬅️ Danh sách".into(), "⬅️ List".into()),
    }
}

pub fn ask_adjustment(lang: Lang) -> String {
    pick(
        lang,
        "Vui lòng gõ mã tiêu chí, số điểm sau kiểm tra và lý do điều chỉnh. Ví dụ: 2.1 12 Chưa có báo cáo sơ kết 6 tháng".into(),
        "Please type the criterion's code, the checked points and the reason. E.g.: 2.1 12 No half-year report".into(),
    )
}

pub fn adjusted(lang: Lang, member: &str, criterion: &str, points: Points) -> String {
    pick(
        lang,
        format!(
            "Đã điều chỉnh tiêu chí {criterion} của {member} thành {points} điểm; đơn vị được thông báo kèm lý do. Bảng chờ anh/chị xác nhận đã kiểm tra."
        ),
        format!(
            "Criterion {criterion} of {member} is now {points} points; the unit is told with the reason. The sheet waits for you to mark it checked."
        ),
    )
}

pub fn checked(lang: Lang, member: &str, total: Points) -> String {
    pick(
        lang,
        format!("Đã xác nhận kiểm tra bảng chấm điểm của {member}: {total} điểm."),
        format!("The sheet of {member} is checked: {total} points."),
    )
}

// --- the council's confirmation ---

pub fn blocks_overview(lang: Lang, lines: &[(String, usize, usize, bool)]) -> String {
    let mut text = pick(
        lang,
        "Kết quả chấm điểm các khối thi đua — chọn khối để xem xếp hạng:".into(),
        "The emulation blocks' scoring — choose a block to see its ranking:".into(),
    );
    for (block, checked, total, confirmed) in lines {
        let state = match (lang, confirmed) {
            (Lang::Vi, true) => "đã xác nhận".to_owned(),
            (Lang::En, true) => "confirmed".to_owned(),
            (Lang::Vi, false) => format!("đã kiểm tra {checked}/{total} bảng"),
            (Lang::En, false) => format!("{checked} of {total} sheets checked"),
        };
        text.push_str(&format!("\n• {block}: {state}"));
    }
    text
}

pub fn ranking(lang: Lang, year: i32, block: &str, lines: &[BlockResultLine]) -> String {
    let mut text = pick(
        lang,
        format!("Xếp hạng thi đua năm {year} — {block}:"),
        format!("Emulation ranking {year} — {block}:"),
    );
    for line in lines {
        let proposed = line
            .proposed
            .as_deref()
            .map(|code| {
                pick(
                    lang,
                    format!(" — đề nghị {}", award_name(lang, code)),
                    format!(" — proposed for the {}", award_name(lang, code)),
                )
            })
            .unwrap_or_default();
        text.push_str(&pick(
            lang,
            format!(
                "\n{}. {}: {} điểm{proposed}",
                line.rank, line.member, line.total
            ),
            format!(
                "\n{}. {}: {} points{proposed}",
                line.rank, line.member, line.total
            ),
        ));
    }
    text
}

pub fn confirm_buttons(lang: Lang) -> (String, String) {
    (
        pick(
            lang,
            "✅ Xác nhận kết quả".into(),
            "✅ Confirm the results".into(),
        ),
        pick(lang, "⬅️ Danh sách".into(), "⬅️ List".into()),
    )
}

pub fn confirm_preview(lang: Lang, ranking_text: &str, has_group: bool) -> String {
    let group = match (lang, has_group) {
        (Lang::Vi, true) => " đăng lên nhóm của khối,",
        (Lang::En, true) => " posted to the block's group,",
        _ => "",
    };
    pick(
        lang,
        format!(
            "{ranking_text}\n\nKhi xác nhận, kết quả được{group} gửi tới người liên hệ và hộp thư của từng thành viên, và danh sách đề nghị cấp tỉnh được lập. Việc này không hoàn tác được. Xác nhận?"
        ),
        format!(
            "{ranking_text}\n\nConfirming{group} sends the results to each member's contact and mailbox and prepares the proposal to the province. This cannot be undone. Confirm?"
        ),
    )
}

pub fn confirmed(lang: Lang, block: &str) -> String {
    pick(
        lang,
        format!(
            "Đã xác nhận kết quả của {block}. Kết quả đã được gửi đi; đề nghị cấp tỉnh đã lập (thidua block proposal)."
        ),
        format!(
            "The results of {block} are confirmed and sent; the proposal to the province is prepared (thidua block proposal)."
        ),
    )
}

// --- notices ---

pub fn sheet_sent_notice(lang: Lang, block: &str, member: &str, total: &str) -> (String, String) {
    (
        pick(
            lang,
            format!("Bảng chấm điểm chờ kiểm tra: {member}"),
            format!("Scoring sheet to check: {member}"),
        ),
        pick(
            lang,
            format!(
                "{member} ({block}) đã gửi bảng tự chấm điểm: {total} điểm. Kính đề nghị kiểm tra bằng lệnh /kiemtra."
            ),
            format!(
                "{member} ({block}) sent its scoring sheet: {total} points. Please cross-check it with /crosscheck."
            ),
        ),
    )
}

pub fn adjusted_notice(
    lang: Lang,
    member: &str,
    criterion: &str,
    own: &str,
    checked: &str,
    reason: &str,
) -> (String, String) {
    (
        pick(
            lang,
            format!("Điều chỉnh điểm thi đua của {member}"),
            format!("Points adjusted for {member}"),
        ),
        pick(
            lang,
            format!(
                "Khi kiểm tra, tiêu chí {criterion} của {member} được điều chỉnh từ {own} thành {checked} điểm. Lý do: {reason}"
            ),
            format!(
                "Cross-checking changed criterion {criterion} of {member} from {own} to {checked} points. Reason: {reason}"
            ),
        ),
    )
}

pub fn checked_notice(lang: Lang, member: &str, total: &str) -> (String, String) {
    (
        pick(
            lang,
            format!("Bảng chấm điểm của {member} đã được kiểm tra"),
            format!("The sheet of {member} is checked"),
        ),
        pick(
            lang,
            format!(
                "Bảng chấm điểm thi đua của {member} đã được kiểm tra: {total} điểm. Kết quả xếp hạng sẽ được thông báo sau khi Hội đồng xác nhận."
            ),
            format!(
                "The scoring sheet of {member} is checked: {total} points. The ranking follows once the council confirms it."
            ),
        ),
    )
}

pub fn results_notice(
    lang: Lang,
    year: i32,
    block: &str,
    lines: &[BlockResultLine],
) -> (String, String) {
    (
        pick(
            lang,
            format!("Kết quả xếp hạng thi đua năm {year} — {block}"),
            format!("Emulation ranking {year} — {block}"),
        ),
        pick(
            lang,
            format!(
                "Hội đồng Thi đua – Khen thưởng Sở đã xác nhận kết quả.\n{}",
                ranking(lang, year, block, lines)
            ),
            format!(
                "The council has confirmed the results.\n{}",
                ranking(lang, year, block, lines)
            ),
        ),
    )
}

pub fn province_decision_notice(
    lang: Lang,
    member: &str,
    award: &str,
    awarded: bool,
    decision_number: &str,
    decided_on: NaiveDate,
) -> (String, String) {
    let award = award_name(lang, award);
    let date = format_date(decided_on);
    (
        pick(
            lang,
            format!("Kết quả đề nghị {award}: {member}"),
            format!("Result of the proposal for the {award}: {member}"),
        ),
        match (lang, awarded) {
            (Lang::Vi, true) => format!(
                "Chúc mừng {member} được tặng {award} theo Quyết định số {decision_number} ngày {date}."
            ),
            (Lang::Vi, false) => format!(
                "Theo Quyết định số {decision_number} ngày {date}, {member} chưa được tặng {award} đợt này."
            ),
            (Lang::En, true) => format!(
                "Congratulations: {member} is awarded the {award} by decision {decision_number} of {date}."
            ),
            (Lang::En, false) => format!(
                "By decision {decision_number} of {date}, {member} was not awarded the {award} this time."
            ),
        },
    )
}
