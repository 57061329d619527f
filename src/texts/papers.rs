//! /vanban and `thidua document`: the list of the year's papers, the caption of a sent file, and
//! why a paper cannot be written yet.

use super::{Lang, pick};
use crate::domain::paper::{PaperKind, PaperMissing};

/// What each paper is, in a line.
pub fn describe(lang: Lang, kind: PaperKind) -> &'static str {
    match (lang, kind) {
        (Lang::Vi, PaperKind::Submission) => "Tờ trình của Thường trực Hội đồng",
        (Lang::Vi, PaperKind::Minutes) => "Biên bản họp Hội đồng",
        (Lang::Vi, PaperKind::Decision) => "Quyết định công nhận và danh sách kèm theo",
        (Lang::Vi, PaperKind::Reports) => "Báo cáo thành tích của từng người được đề nghị",
        (Lang::Vi, PaperKind::Proposal) => "Tờ trình đề nghị cấp trên",
        (Lang::Vi, PaperKind::Statistics) => "Thống kê thi đua – khen thưởng (Excel)",
        (Lang::En, PaperKind::Submission) => "The standing body's submission",
        (Lang::En, PaperKind::Minutes) => "The council meeting's minutes",
        (Lang::En, PaperKind::Decision) => "The decision with its list",
        (Lang::En, PaperKind::Reports) => "Each nominee's achievement report",
        (Lang::En, PaperKind::Proposal) => "The proposal to the province",
        (Lang::En, PaperKind::Statistics) => "The statistics (Excel)",
    }
}

/// The list shown by a bare /vanban.
pub fn menu(lang: Lang, year: i32) -> String {
    let mut text = pick(
        lang,
        format!("Văn bản năm {year} (tệp Word, khổ A4, sẵn để ký). Gõ lệnh tương ứng:"),
        format!("The papers of {year} (Word files, A4, ready to sign). Type the command:"),
    );
    for kind in PaperKind::ALL {
        text.push_str(&format!(
            "\n• /vanban {} — {}",
            kind.slug(),
            describe(lang, kind)
        ));
    }
    text.push_str(&pick(
        lang,
        "\nBáo cáo thành tích của một người: /vanban bao-cao-thanh-tich NV010 (mã nhân viên)."
            .into(),
        "\nOne person's report: /papers bao-cao-thanh-tich NV010 (the employee code).".into(),
    ));
    text
}

pub fn unknown_kind(lang: Lang, typed: &str) -> String {
    pick(
        lang,
        format!("Không có văn bản “{typed}”. Gõ /vanban để xem danh sách."),
        format!("There is no paper “{typed}”. Type /papers for the list."),
    )
}

/// Only the reports take a second word (the employee code).
pub fn usage(lang: Lang) -> String {
    pick(
        lang,
        "Chỉ báo cáo thành tích mới kèm mã nhân viên, ví dụ: /vanban bao-cao-thanh-tich NV010"
            .into(),
        "Only the reports take an employee code, e.g. /papers bao-cao-thanh-tich NV010".into(),
    )
}

pub fn caption(lang: Lang, kind: PaperKind, year: i32) -> String {
    pick(
        lang,
        format!(
            "{} năm {year}. Số và ngày còn để trống là phần văn thư điền khi vào sổ.",
            describe(lang, kind)
        ),
        format!(
            "{} for {year}. A number or date left blank is filled in when the paper is registered.",
            describe(lang, kind)
        ),
    )
}

pub fn missing(lang: Lang, year: i32, missing: &PaperMissing) -> String {
    match missing {
        PaperMissing::Proposal => pick(
            lang,
            format!(
                "Năm {year} chưa có đề nghị cấp trên: đề nghị được lập khi Giám đốc phê duyệt kết quả."
            ),
            format!(
                "There is no proposal to the province for {year} yet: it is prepared when the director approves the results."
            ),
        ),
        PaperMissing::Reports => pick(
            lang,
            format!(
                "Năm {year} chưa có ai được đề nghị danh hiệu cần báo cáo thành tích (Chiến sĩ thi đua)."
            ),
            format!(
                "Nobody is proposed in {year} for a title that needs an achievement report (an emulation fighter)."
            ),
        ),
        PaperMissing::PersonNotNominated(code) => pick(
            lang,
            format!("Mã nhân viên {code} không có đề nghị danh hiệu nào năm {year}."),
            format!("Employee {code} has no nomination in {year}."),
        ),
    }
}

/// For the command line: both languages on one line.
pub fn missing_both(year: i32, what: &PaperMissing) -> String {
    format!(
        "{} / {}",
        missing(Lang::Vi, year, what),
        missing(Lang::En, year, what)
    )
}
