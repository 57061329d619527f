//! The self-assessment dialogue (/tudanhgia): questions, choices, input errors and the summary.

use super::{Lang, pick};
use crate::domain::assessment::{
    Answers, Discipline, InputError, LeaveKind, Limits, Question, TaskRating,
};
use crate::domain::rules::Verdict;
use crate::domain::time::format_date;

pub fn rating(lang: Lang, rating: TaskRating) -> &'static str {
    match (lang, rating) {
        (Lang::Vi, TaskRating::Excellent) => "Hoàn thành xuất sắc nhiệm vụ",
        (Lang::Vi, TaskRating::Good) => "Hoàn thành tốt nhiệm vụ",
        (Lang::Vi, TaskRating::Completed) => "Hoàn thành nhiệm vụ",
        (Lang::Vi, TaskRating::NotCompleted) => "Không hoàn thành nhiệm vụ",
        (Lang::En, TaskRating::Excellent) => "Completed tasks excellently",
        (Lang::En, TaskRating::Good) => "Completed tasks well",
        (Lang::En, TaskRating::Completed) => "Completed tasks",
        (Lang::En, TaskRating::NotCompleted) => "Did not complete tasks",
    }
}

pub fn leave_kind(lang: Lang, kind: LeaveKind) -> &'static str {
    match (lang, kind) {
        (Lang::Vi, LeaveKind::Maternity) => "Nghỉ thai sản",
        (Lang::Vi, LeaveKind::ApprovedTraining) => "Đi học, bồi dưỡng được cử",
        (Lang::Vi, LeaveKind::InjuryOnDutyTreatment) => {
            "Điều trị do tai nạn, bệnh khi làm nhiệm vụ"
        }
        (Lang::Vi, LeaveKind::Other) => "Nghỉ khác (không lương, ốm dài ngày…)",
        (Lang::En, LeaveKind::Maternity) => "Maternity leave",
        (Lang::En, LeaveKind::ApprovedTraining) => "Approved training",
        (Lang::En, LeaveKind::InjuryOnDutyTreatment) => "Treatment after an injury on duty",
        (Lang::En, LeaveKind::Other) => "Other leave (unpaid, long sick leave…)",
    }
}

pub fn discipline(lang: Lang, discipline: Discipline) -> &'static str {
    match (lang, discipline) {
        (Lang::Vi, Discipline::None) => "Không bị kỷ luật",
        (Lang::Vi, Discipline::UnderReview) => {
            "Đang bị xem xét kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết"
        }
        (Lang::Vi, Discipline::Reprimand) => "Khiển trách",
        (Lang::Vi, Discipline::Warning) => "Cảnh cáo",
        (Lang::Vi, Discipline::Heavier) => "Hình thức nặng hơn cảnh cáo",
        (Lang::En, Discipline::None) => "No discipline",
        (Lang::En, Discipline::UnderReview) => {
            "Under discipline review, investigation or an open complaint"
        }
        (Lang::En, Discipline::Reprimand) => "Reprimand",
        (Lang::En, Discipline::Warning) => "Warning",
        (Lang::En, Discipline::Heavier) => "Heavier than a warning",
    }
}

/// The longest a button's label may be to stay on one full-width line of a phone's screen.
pub const BUTTON_CHARS: usize = 40;

/// The discipline choice as a button: the question says the rest.
pub fn discipline_button(lang: Lang, value: Discipline) -> &'static str {
    match (lang, value) {
        (Lang::Vi, Discipline::UnderReview) => "Đang bị xem xét, điều tra",
        (Lang::En, Discipline::UnderReview) => "Under review or investigation",
        (_, other) => discipline(lang, other),
    }
}

/// The leave kind as a button.
pub fn leave_kind_button(lang: Lang, kind: LeaveKind) -> &'static str {
    match (lang, kind) {
        (Lang::Vi, LeaveKind::InjuryOnDutyTreatment) => "Điều trị tai nạn, bệnh công vụ",
        (Lang::Vi, LeaveKind::Other) => "Nghỉ khác (không lương, ốm…)",
        (Lang::En, LeaveKind::InjuryOnDutyTreatment) => "Injury on duty",
        (Lang::En, LeaveKind::Other) => "Other (unpaid, sick…)",
        (_, other) => leave_kind(lang, other),
    }
}

pub fn question_name(lang: Lang, question: Question) -> &'static str {
    match (lang, question) {
        (Lang::Vi, Question::Rating) => "Mức độ hoàn thành nhiệm vụ",
        (Lang::Vi, Question::Leave) => "Thời gian nghỉ dài ngày",
        (Lang::Vi, Question::Discipline) => "Kỷ luật",
        (Lang::Vi, Question::Initiatives) => "Sáng kiến",
        (Lang::Vi, Question::Research) => "Đề tài khoa học",
        (Lang::Vi, Question::Summary) => "Tóm tắt thành tích",
        (Lang::En, Question::Rating) => "Task rating",
        (Lang::En, Question::Leave) => "Long leave",
        (Lang::En, Question::Discipline) => "Discipline",
        (Lang::En, Question::Initiatives) => "Initiatives",
        (Lang::En, Question::Research) => "Research projects",
        (Lang::En, Question::Summary) => "Summary of achievements",
    }
}

pub fn ask_rating(lang: Lang) -> String {
    pick(
        lang,
        "Câu 1/6. Năm nay anh/chị được đánh giá, xếp loại ở mức nào?".into(),
        "Question 1 of 6. How were you rated this year?".into(),
    )
}

pub fn ask_leave_kind(lang: Lang, hire_date: chrono::NaiveDate, so_far: usize) -> String {
    if so_far > 0 {
        return pick(
            lang,
            "Chọn loại nghỉ tiếp theo, hoặc bấm “Xong”.".into(),
            "Choose the next kind of leave, or press “Done”.".into(),
        );
    }
    pick(
        lang,
        format!(
            "Câu 2/6. Theo hồ sơ, anh/chị bắt đầu công tác từ {}. Trong năm anh/chị có nghỉ dài ngày không? Nghỉ thai sản, đi học được cử và điều trị do tai nạn khi làm nhiệm vụ có thể được tính là thời gian công tác.",
            format_date(hire_date)
        ),
        format!(
            "Question 2 of 6. Our records show you started on {}. Did you take long leave this year? Maternity leave, approved training and treatment after an injury on duty may count as time worked.",
            format_date(hire_date)
        ),
    )
}

pub fn ask_leave_days(lang: Lang, kind: LeaveKind) -> String {
    pick(
        lang,
        format!(
            "{}: anh/chị đã nghỉ bao nhiêu ngày trong năm? Vui lòng gõ một số từ 1 đến {}.",
            leave_kind(lang, kind),
            Limits::MAX_LEAVE_DAYS
        ),
        format!(
            "{}: how many days this year? Please type a number from 1 to {}.",
            leave_kind(lang, kind),
            Limits::MAX_LEAVE_DAYS
        ),
    )
}

pub fn ask_leave_more(lang: Lang) -> String {
    pick(
        lang,
        "Đã ghi nhận. Anh/chị còn kỳ nghỉ dài ngày nào khác không?".into(),
        "Noted. Any other long leave?".into(),
    )
}

pub fn ask_discipline(lang: Lang) -> String {
    pick(
        lang,
        "Câu 3/6. Trong năm anh/chị có bị kỷ luật hoặc đang bị xem xét kỷ luật không?".into(),
        "Question 3 of 6. Were you disciplined, or are you under discipline review, this year?"
            .into(),
    )
}

pub fn ask_has_initiative(lang: Lang, so_far: usize) -> String {
    if so_far > 0 {
        return pick(
            lang,
            format!("Đã ghi nhận {so_far} sáng kiến. Anh/chị còn sáng kiến nào khác không?"),
            format!("{so_far} initiative(s) noted. Any other?"),
        );
    }
    pick(
        lang,
        "Câu 4/6. Anh/chị có sáng kiến được cấp có thẩm quyền công nhận trong năm không?".into(),
        "Question 4 of 6. Do you have an initiative recognised by a competent authority this year?"
            .into(),
    )
}

pub fn ask_initiative_title(lang: Lang) -> String {
    pick(
        lang,
        format!(
            "Vui lòng gõ tên sáng kiến (tối đa {} ký tự).",
            Limits::INITIATIVE_TITLE_MAX_CHARS
        ),
        format!(
            "Please type the initiative's title (at most {} characters).",
            Limits::INITIATIVE_TITLE_MAX_CHARS
        ),
    )
}

pub fn ask_decision_number(lang: Lang) -> String {
    pick(
        lang,
        "Số quyết định công nhận sáng kiến (ví dụ: 125/QĐ-SXD)?".into(),
        "The number of the recognising decision (e.g. 125/QĐ-SXD)?".into(),
    )
}

pub fn ask_decision_date(lang: Lang) -> String {
    pick(
        lang,
        "Ngày ký quyết định (dd/mm/yyyy, ví dụ 12/09/2026)?".into(),
        "The decision's date (dd/mm/yyyy, e.g. 12/09/2026)?".into(),
    )
}

pub fn ask_initiative_level(lang: Lang) -> String {
    pick(
        lang,
        "Sáng kiến được công nhận ở cấp nào? Sáng kiến có phạm vi ảnh hưởng trong toàn tỉnh là căn cứ xét Chiến sĩ thi đua cấp tỉnh; Hội đồng sẽ đối chiếu với quyết định công nhận.".into(),
        "At what level was the initiative recognised? A province-wide one backs the Provincial Emulation Fighter title; the council checks it against the decision.".into(),
    )
}

pub fn ask_research(lang: Lang) -> String {
    pick(lang, "Câu 5/6. Anh/chị có bao nhiêu đề tài khoa học đã được nghiệm thu trong năm? Chọn bên dưới hoặc gõ một số.".into(), "Question 5 of 6. How many of your research projects were accepted this year? Choose below or type a number.".into())
}

pub fn ask_summary(lang: Lang) -> String {
    pick(
        lang,
        format!(
            "Câu 6/6. Vui lòng tóm tắt thành tích nổi bật của anh/chị trong năm (từ {} đến {} ký tự).",
            Limits::SUMMARY_MIN_CHARS,
            Limits::SUMMARY_MAX_CHARS
        ),
        format!(
            "Question 6 of 6. Please summarise your main achievements this year ({} to {} characters).",
            Limits::SUMMARY_MIN_CHARS,
            Limits::SUMMARY_MAX_CHARS
        ),
    )
}

pub fn input_error(lang: Lang, error: InputError) -> String {
    let reason = match error {
        InputError::Empty => pick(
            lang,
            "Câu trả lời đang để trống.".into(),
            "The answer is empty.".into(),
        ),
        InputError::TooShort { min, got } => pick(
            lang,
            format!("Câu trả lời quá ngắn ({got} ký tự, cần ít nhất {min})."),
            format!("Too short ({got} characters, at least {min} needed)."),
        ),
        InputError::TooLong { max, got } => pick(
            lang,
            format!(
                "Câu trả lời quá dài ({got} ký tự, tối đa {max}). Vui lòng rút gọn rồi gửi lại."
            ),
            format!(
                "Too long ({got} characters, at most {max}). Please shorten it and send again."
            ),
        ),
        InputError::NotANumber => pick(
            lang,
            "Vui lòng chỉ gõ một con số, ví dụ 180.".into(),
            "Please type just a number, e.g. 180.".into(),
        ),
        InputError::OutOfRange { min, max } => pick(
            lang,
            format!("Vui lòng gõ một số từ {min} đến {max}."),
            format!("Please type a number from {min} to {max}."),
        ),
        InputError::NotADate => pick(
            lang,
            "Ngày chưa đúng. Vui lòng gõ theo dạng dd/mm/yyyy, ví dụ 12/09/2026.".into(),
            "That is not a date. Please write dd/mm/yyyy, e.g. 12/09/2026.".into(),
        ),
        InputError::DateOutsideYear { year } => pick(
            lang,
            format!("Ngày quyết định phải thuộc năm {} hoặc {year}.", year - 1),
            format!("The decision date must fall in {} or {year}.", year - 1),
        ),
    };
    pick(
        lang,
        format!("{reason} Câu trả lời trước đó vẫn được giữ."),
        format!("{reason} Your earlier answers are kept."),
    )
}

pub fn needs_text(lang: Lang) -> String {
    pick(lang, "Câu hỏi này cần câu trả lời bằng văn bản. Vui lòng gõ câu trả lời, hoặc /huy để tạm dừng (bản nháp được giữ).".into(), "This question needs a typed answer. Please type it, or /cancel to pause (your draft is kept).".into())
}

pub fn resumed(lang: Lang) -> String {
    pick(
        lang,
        "Tiếp tục bản tự đánh giá đang dở của anh/chị.".into(),
        "Continuing your unfinished self-assessment.".into(),
    )
}

pub fn returned_with(lang: Lang, comment: &str) -> String {
    pick(
        lang,
        format!(
            "Trưởng đơn vị đã trả lại bản tự đánh giá với ý kiến: “{comment}”. Vui lòng sửa và nộp lại."
        ),
        format!(
            "Your unit head returned your self-assessment: “{comment}”. Please correct it and submit again."
        ),
    )
}

pub fn paused(lang: Lang) -> String {
    pick(
        lang,
        "Đã tạm dừng. Bản nháp được giữ lại; gõ /tudanhgia để tiếp tục khi thuận tiện.".into(),
        "Paused. Your draft is kept; send /assess to continue any time.".into(),
    )
}

/// `owner`: whose assessment it is when the reader is someone else (a reviewer), named so the
/// heading is not addressed to the reader as if it were theirs; `None` for the reader's own.
pub fn summary(lang: Lang, answers: &Answers, verdicts: &[Verdict], owner: Option<&str>) -> String {
    let none = pick(lang, "không".into(), "none".into());
    let unanswered = pick(lang, "(chưa trả lời)".into(), "(not answered)".into());
    let mut text = match owner {
        None => pick(
            lang,
            "Bản tự đánh giá của anh/chị:\n".into(),
            "Your self-assessment:\n".into(),
        ),
        Some(name) => pick(
            lang,
            format!("Bản tự đánh giá của {name}:\n"),
            format!("{name}'s self-assessment:\n"),
        ),
    };
    let rating_text = answers
        .rating
        .map_or(unanswered.clone(), |value| rating(lang, value).to_owned());
    text.push_str(&format!(
        "• {}: {rating_text}\n",
        question_name(lang, Question::Rating)
    ));
    let leave_text = match &answers.leave {
        None => unanswered.clone(),
        Some(periods) if periods.is_empty() => none.clone(),
        Some(periods) => periods
            .iter()
            .map(|period| {
                pick(
                    lang,
                    format!("{} {} ngày", leave_kind(lang, period.kind), period.days),
                    format!("{} {} days", leave_kind(lang, period.kind), period.days),
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    };
    text.push_str(&format!(
        "• {}: {leave_text}\n",
        question_name(lang, Question::Leave)
    ));
    let discipline_text = answers.discipline.map_or(unanswered.clone(), |value| {
        discipline(lang, value).to_owned()
    });
    text.push_str(&format!(
        "• {}: {discipline_text}\n",
        question_name(lang, Question::Discipline)
    ));
    let initiatives_text = match &answers.initiatives {
        None => unanswered.clone(),
        Some(list) if list.is_empty() => none,
        Some(list) => list
            .iter()
            .map(|item| {
                pick(
                    lang,
                    format!(
                        "“{}” (QĐ số {} ngày {}{})",
                        item.title,
                        item.decision_number,
                        format_date(item.decision_date),
                        if item.scope == Some(crate::domain::rules::InitiativeScope::Province) {
                            ", cấp tỉnh"
                        } else {
                            ", cấp cơ sở"
                        }
                    ),
                    format!(
                        "“{}” (decision {} of {}{})",
                        item.title,
                        item.decision_number,
                        format_date(item.decision_date),
                        if item.scope == Some(crate::domain::rules::InitiativeScope::Province) {
                            ", province-wide"
                        } else {
                            ", grassroots"
                        }
                    ),
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    };
    text.push_str(&format!(
        "• {}: {initiatives_text}\n",
        question_name(lang, Question::Initiatives)
    ));
    let research_text = answers
        .research_projects
        .map_or(unanswered.clone(), |count| count.to_string());
    text.push_str(&format!(
        "• {}: {research_text}\n",
        question_name(lang, Question::Research)
    ));
    let summary_text = answers.summary.clone().unwrap_or(unanswered);
    text.push_str(&format!(
        "• {}: {summary_text}\n",
        question_name(lang, Question::Summary)
    ));
    text.push_str(&super::evidence::summary_line(lang, &answers.evidence));
    text.push_str(&pick(
        lang,
        "\nKết quả đối chiếu tiêu chuẩn:\n".into(),
        "\nAgainst the criteria:\n".into(),
    ));
    for verdict in verdicts {
        let mark = if verdict.eligible { "✅" } else { "❌" };
        text.push_str(&format!(
            "{mark} {}\n",
            super::verdict::verdict(lang, verdict)
        ));
    }
    text.trim_end().to_owned()
}

pub fn choose_change(lang: Lang) -> String {
    pick(
        lang,
        "Anh/chị muốn sửa câu trả lời nào?".into(),
        "Which answer do you want to change?".into(),
    )
}

pub fn submitted(lang: Lang, version: i64) -> String {
    pick(
        lang,
        format!(
            "Đã nộp bản tự đánh giá (lần {version}). Trưởng đơn vị sẽ xem xét; anh/chị vẫn có thể sửa và nộp lại bằng /tudanhgia cho đến khi hết hạn hoặc khi bản đã được duyệt."
        ),
        format!(
            "Self-assessment submitted (version {version}). Your unit head will review it; you can still change and resubmit with /assess until the deadline or until it is approved."
        ),
    )
}

/// To the reviewer: (e-mail subject, message).
pub fn submitted_notice(lang: Lang, name: &str, unit: &str, version: i64) -> (String, String) {
    let subject = pick(
        lang,
        format!("{name} đã nộp bản tự đánh giá"),
        format!("{name} submitted a self-assessment"),
    );
    let body = pick(
        lang,
        format!(
            "{name} ({unit}) vừa nộp bản tự đánh giá (lần {version}). Anh/chị vui lòng xem xét bằng lệnh /duyet."
        ),
        format!(
            "{name} ({unit}) has submitted a self-assessment (version {version}). Please review it with /review."
        ),
    );
    (subject, body)
}

pub struct Buttons {
    pub submit: String,
    pub change: String,
    pub cancel: String,
    pub yes_more: String,
    pub done: String,
    pub no_leave: String,
    pub has_initiative: String,
    pub no_initiative: String,
    pub no_research: String,
    pub level_grassroots: String,
    pub level_province: String,
    /// Empties a list question already answered in part, to enter it again.
    pub start_over: String,
}

pub fn buttons(lang: Lang) -> Buttons {
    Buttons {
        submit: pick(lang, "📨 Nộp".into(), "📨 Submit".into()),
        change: pick(
            lang,
            "✏️ Sửa một câu trả lời".into(),
            "✏️ Change one answer".into(),
        ),
        cancel: pick(lang, "✖️ Tạm dừng".into(), "✖️ Pause".into()),
        yes_more: pick(lang, "Thêm".into(), "Add another".into()),
        start_over: pick(
            lang,
            "🗑 Xoá danh sách đã ghi, nhập lại".into(),
            "🗑 Clear the list, enter it again".into(),
        ),
        done: pick(lang, "Xong".into(), "Done".into()),
        no_leave: pick(lang, "Không nghỉ dài ngày".into(), "No long leave".into()),
        has_initiative: pick(lang, "Có".into(), "Yes".into()),
        no_initiative: pick(lang, "Không có".into(), "None".into()),
        no_research: pick(lang, "Không có".into(), "None".into()),
        level_grassroots: pick(lang, "Cấp cơ sở".into(), "Grassroots".into()),
        level_province: pick(
            lang,
            "Cấp tỉnh (ảnh hưởng toàn tỉnh)".into(),
            "Province-wide".into(),
        ),
    }
}
