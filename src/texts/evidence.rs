//! Evidence with the self-assessment: what the bot says when a file is attached or refused, how
//! attached files read in the summary, and how a reviewer fetches them.

use super::{Lang, pick};
use crate::domain::evidence::{EvidenceRef, MAX_FILE_BYTES, MAX_FILES, Rejected};

/// "120 KB", "1,5 MB" (a comma in Vietnamese).
pub fn size(lang: Lang, bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        let megabytes = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        let megabytes = megabytes.trim_end_matches(".0");
        match lang {
            Lang::Vi => format!("{} MB", megabytes.replace('.', ",")),
            Lang::En => format!("{megabytes} MB"),
        }
    }
}

/// What is accepted, in one sentence (in refusals and in the hint).
pub fn limits(lang: Lang) -> String {
    pick(
        lang,
        format!(
            "Bot nhận tệp PDF hoặc ảnh (JPG, PNG), mỗi tệp tối đa {}, tối đa {MAX_FILES} tệp.",
            size(lang, MAX_FILE_BYTES)
        ),
        format!(
            "The bot takes PDF files or photos (JPG, PNG), up to {} each and {MAX_FILES} in all.",
            size(lang, MAX_FILE_BYTES)
        ),
    )
}

pub fn rejected(lang: Lang, rejected: &Rejected) -> String {
    let why = match rejected {
        Rejected::WrongType => pick(
            lang,
            "Tệp này không phải PDF hoặc ảnh nên không được đính kèm.".into(),
            "This file is neither a PDF nor a photo, so it was not attached.".into(),
        ),
        Rejected::TooLarge { size: bytes } => pick(
            lang,
            format!(
                "Tệp nặng {}, vượt quá giới hạn nên không được đính kèm.",
                size(lang, *bytes)
            ),
            format!(
                "The file is {}, over the limit, so it was not attached.",
                size(lang, *bytes)
            ),
        ),
        Rejected::Empty => pick(
            lang,
            "Tệp rỗng nên không được đính kèm.".into(),
            "The file is empty, so it was not attached.".into(),
        ),
        Rejected::NotWhatItSays => pick(
            lang,
            "Nội dung tệp không đúng định dạng như tên tệp (PDF hoặc ảnh) nên không được đính kèm."
                .into(),
            "The file's content is not what its name says (PDF or photo), so it was not attached."
                .into(),
        ),
        Rejected::TooMany => pick(
            lang,
            format!("Bản tự đánh giá đã có đủ {MAX_FILES} tệp minh chứng, không nhận thêm."),
            format!("The self-assessment already carries {MAX_FILES} files; no more are taken."),
        ),
    };
    format!("{why} {}", limits(lang))
}

pub fn attached(lang: Lang, evidence: &EvidenceRef, count: usize) -> String {
    pick(
        lang,
        format!(
            "📎 Đã đính kèm “{}” ({}) vào bản tự đánh giá ({count}/{MAX_FILES} tệp). Tệp được nộp cùng bản tự đánh giá ở lần nộp tới.",
            evidence.file_name,
            size(lang, evidence.size)
        ),
        format!(
            "📎 Attached “{}” ({}) to the self-assessment ({count}/{MAX_FILES} files). It goes with the next submission.",
            evidence.file_name,
            size(lang, evidence.size)
        ),
    )
}

/// A file sent outside the self-assessment.
pub fn outside_assessment(lang: Lang) -> String {
    pick(
        lang,
        format!(
            "Để đính kèm minh chứng (quyết định công nhận sáng kiến, giấy chứng nhận…), vui lòng gõ /tudanhgia rồi gửi tệp. {}",
            limits(lang)
        ),
        format!(
            "To attach evidence (an initiative's recognition decision, a certificate…), send /assess and then the file. {}",
            limits(lang)
        ),
    )
}

/// The summary's line: "• Minh chứng: a.pdf (120 KB); ảnh 1.jpg (2 MB)".
pub fn summary_line(lang: Lang, evidence: &[EvidenceRef]) -> String {
    let listed = if evidence.is_empty() {
        pick(
            lang,
            "chưa có (có thể gửi tệp PDF hoặc ảnh bất cứ lúc nào)".into(),
            "none (send a PDF or a photo at any time)".into(),
        )
    } else {
        evidence
            .iter()
            .map(|file| format!("{} ({})", file.file_name, size(lang, file.size)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    pick(
        lang,
        format!("• Minh chứng: {listed}\n"),
        format!("• Evidence: {listed}\n"),
    )
}

/// Under a reviewer's or an appraiser's view of someone with files.
pub fn how_to_get(lang: Lang, employee_code: &str, count: usize) -> String {
    pick(
        lang,
        format!("📎 {count} tệp minh chứng: gõ /minhchung {employee_code} để nhận."),
        format!("📎 {count} evidence files: send /evidence {employee_code} to get them."),
    )
}

pub fn usage(lang: Lang) -> String {
    pick(
        lang,
        "Vui lòng gõ kèm mã nhân viên, ví dụ: /minhchung NV004".into(),
        "Please add the employee code, e.g. /evidence NV004".into(),
    )
}

/// The caption of each file sent back.
pub fn caption(lang: Lang, owner: &str, index: usize, count: usize) -> String {
    pick(
        lang,
        format!("Minh chứng của {owner} ({index}/{count})"),
        format!("Evidence of {owner} ({index}/{count})"),
    )
}
