//! The award history in words: what each recorded fact is called, a person's last years for
//! /trangthai and the unit head, and `thidua history` output.

use super::{Lang, pick, titles, verdict};
use crate::domain::history::awards::AwardVerdict;
use crate::domain::history::{Award, Entry, History, Kind};
use crate::domain::rules::InitiativeScope;
use crate::domain::rules::schema::BangKhenPath;
use crate::domain::time::format_date;

pub fn kind_name(lang: Lang, kind: Kind) -> String {
    match kind {
        Kind::Title(title) => titles::name(lang, title).to_owned(),
        Kind::Award(award) => match (lang, award) {
            (Lang::Vi, Award::BangKhenTinh) => "Bằng khen của Chủ tịch UBND tỉnh",
            (Lang::Vi, Award::GiayKhen) => "Giấy khen của Giám đốc Sở",
            (Lang::Vi, Award::CoThiDuaTinh) => "Cờ thi đua của UBND tỉnh",
            (Lang::En, Award::BangKhenTinh) => "Certificate of Merit of the provincial chairman",
            (Lang::En, Award::GiayKhen) => "Certificate of Commendation of the director",
            (Lang::En, Award::CoThiDuaTinh) => {
                "Emulation Flag of the provincial People's Committee"
            }
        }
        .to_owned(),
        Kind::Rating(rating) => pick(
            lang,
            format!("Xếp loại {}", verdict::rating(lang, rating)),
            format!("Rated {}", verdict::rating(lang, rating)),
        ),
        Kind::Penalty(level) => pick(
            lang,
            format!("Kỷ luật {}", verdict::penalty(lang, level)),
            format!("Discipline: {}", verdict::penalty(lang, level)),
        ),
        Kind::Initiative(scope) => match (lang, scope) {
            (Lang::Vi, InitiativeScope::Grassroots) => "Sáng kiến cấp cơ sở".to_owned(),
            (Lang::Vi, InitiativeScope::Province) => "Sáng kiến cấp tỉnh".to_owned(),
            (Lang::En, InitiativeScope::Grassroots) => "Grassroots-level initiative".to_owned(),
            (Lang::En, InitiativeScope::Province) => "Province-level initiative".to_owned(),
        },
    }
}

/// One fact on one line: "2025: Chiến sĩ thi đua cơ sở (QĐ số 45/QĐ-SXD ngày 20/01/2026)".
pub fn entry_line(lang: Lang, entry: &Entry) -> String {
    let mut text = format!("{}: {}", entry.year, kind_name(lang, entry.kind));
    if !entry.description.is_empty() {
        text.push_str(&format!(" “{}”", entry.description));
    }
    text.push_str(&pick(
        lang,
        format!(
            " (QĐ số {} ngày {}",
            entry.decision_number,
            format_date(entry.decision_date)
        ),
        format!(
            " (decision {} of {}",
            entry.decision_number,
            format_date(entry.decision_date)
        ),
    ));
    if let Some(until) = entry.until {
        text.push_str(&pick(
            lang,
            format!(", đến hết ngày {}", format_date(until)),
            format!(", in force until {}", format_date(until)),
        ));
    }
    if let Some(backs) = &entry.backs {
        text.push_str(&pick(
            lang,
            format!(", đã dùng cho {backs}"),
            format!(", already backs {backs}"),
        ));
    }
    text.push(')');
    if !entry.basis {
        text.push_str(&format!(" — {}", not_a_basis(lang)));
    }
    text
}

/// Under an ad-hoc Giấy khen, as a sentence with its source.
pub fn not_a_basis_sentence(lang: Lang) -> String {
    pick(
        lang,
        "Khen thưởng đột xuất, không làm căn cứ xét khen thưởng cấp cao hơn (Điều 4 Nghị định 152/2025/NĐ-CP).".into(),
        "An ad-hoc commendation, not a basis for higher awards (Decree 152/2025, Art. 4).".into(),
    )
}

/// Beside an ad-hoc result (Decree 152/2025 Art. 4).
pub fn not_a_basis(lang: Lang) -> String {
    pick(
        lang,
        "khen thưởng đột xuất, không làm căn cứ xét khen thưởng cấp cao hơn".into(),
        "ad-hoc commendation, not a basis for higher awards".into(),
    )
}

/// The titles and awards of the three years before `year`, one line per year, for the
/// person's status and the head's review: "Các năm trước: 2025: CSTĐCS; 2024: LĐTT; 2023: —".
pub fn recent(lang: Lang, history: &History, year: i32) -> String {
    let years: Vec<String> = history
        .recent_awards(year, 3)
        .into_iter()
        .map(|(past, held)| {
            let names: Vec<String> = held
                .iter()
                .map(|entry| {
                    let name = kind_name(lang, entry.kind);
                    if entry.basis {
                        name
                    } else {
                        format!("{name} ({})", not_a_basis(lang))
                    }
                })
                .collect();
            let names = if names.is_empty() {
                pick(lang, "chưa ghi nhận".to_owned(), "none recorded".to_owned())
            } else {
                names.join(", ")
            };
            format!("{past}: {names}")
        })
        .collect();
    pick(
        lang,
        format!("Khen thưởng các năm trước — {}", years.join("; ")),
        format!("Earlier years — {}", years.join("; ")),
    )
}

/// One path to the Bằng khen, as `rules show` lists it (individuals).
pub fn path_rule(lang: Lang, path: BangKhenPath) -> String {
    match path {
        BangKhenPath::CstdcsYears(years) => pick(
            lang,
            format!("Cá nhân: {years} năm liên tục đạt Chiến sĩ thi đua cơ sở"),
            format!("An individual: Grassroots Emulation Fighter {years} years running"),
        ),
        BangKhenPath::ExcellentYears { years, initiatives } => pick(
            lang,
            format!(
                "Hoặc cá nhân: {years} năm liên tục hoàn thành xuất sắc nhiệm vụ và {initiatives} sáng kiến được công nhận trong các năm đó, chưa dùng cho danh hiệu, hình thức khác"
            ),
            format!(
                "Or an individual: rated excellent {years} years running with {initiatives} initiatives recognised in those years, not backing anything else"
            ),
        ),
    }
}

fn years_list(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Bằng khen line of /trangthai: eligible and on what, or how far each path has come.
pub fn bang_khen(lang: Lang, verdict: &AwardVerdict, collective: bool) -> String {
    let name = kind_name(lang, Kind::Award(Award::BangKhenTinh));
    let through = verdict.through;
    let progress: Vec<String> = verdict
        .paths
        .iter()
        .filter(|path| !verdict.eligible || path.met)
        .map(|progress| {
            let have = progress.years.len();
            let shown = if progress.years.is_empty() {
                String::new()
            } else {
                format!(" ({})", years_list(&progress.years))
            };
            match (progress.path, collective) {
                (BangKhenPath::CstdcsYears(required), true) => pick(
                    lang,
                    format!("Tập thể lao động xuất sắc liên tục đến năm {through}: {have}/{required} năm{shown}"),
                    format!("Excellent Collective running up to {through}: {have}/{required} years{shown}"),
                ),
                (BangKhenPath::CstdcsYears(required), false) => pick(
                    lang,
                    format!("Chiến sĩ thi đua cơ sở liên tục đến năm {through}: {have}/{required} năm{shown}"),
                    format!("Grassroots Emulation Fighter running up to {through}: {have}/{required} years{shown}"),
                ),
                (BangKhenPath::ExcellentYears { years, initiatives }, _) => pick(
                    lang,
                    format!(
                        "hoàn thành xuất sắc nhiệm vụ liên tục đến năm {through}: {have}/{years} năm{shown}, sáng kiến chưa dùng: {}/{initiatives}",
                        progress.initiatives
                    ),
                    format!(
                        "rated excellent running up to {through}: {have}/{years} years{shown}, unused initiatives: {}/{initiatives}",
                        progress.initiatives
                    ),
                ),
            }
        })
        .collect();
    let joined = progress.join(pick(lang, "; hoặc ".into(), "; or ".into()).as_str());
    if verdict.eligible {
        pick(
            lang,
            format!(
                "{name}: đủ điều kiện đề nghị — {joined} ({})",
                verdict.legal_ref
            ),
            format!("{name}: may be proposed — {joined} ({})", verdict.legal_ref),
        )
    } else {
        pick(
            lang,
            format!(
                "{name}: chưa đủ điều kiện đề nghị — {joined} ({})",
                verdict.legal_ref
            ),
            format!("{name}: not yet — {joined} ({})", verdict.legal_ref),
        )
    }
}

/// The province's decision on a title proposed upward, to the person (or the unit's head).
pub fn province_decision(
    lang: Lang,
    title: crate::domain::title::Title,
    awarded: bool,
    number: &str,
    decided_on: chrono::NaiveDate,
    unit: Option<&str>,
) -> (String, String) {
    let name = titles::name(lang, title);
    let date = format_date(decided_on);
    let subject = pick(
        lang,
        format!("Kết quả xét tặng danh hiệu {name} của UBND tỉnh"),
        format!("The province's decision on {name}"),
    );
    let whom_vi = unit.map_or("anh/chị".to_owned(), str::to_owned);
    let whom_en = unit.map_or("you".to_owned(), |unit| unit.to_owned());
    let body = if awarded {
        pick(
            lang,
            format!(
                "Chúc mừng! Theo Quyết định số {number} ngày {date} của Chủ tịch UBND tỉnh, {whom_vi} được tặng danh hiệu {name}. Kết quả đã được ghi vào lịch sử khen thưởng."
            ),
            format!(
                "Congratulations! By the provincial chairman's decision {number} of {date}, {whom_en} received the title {name}. It is now in the award history."
            ),
        )
    } else {
        pick(
            lang,
            format!(
                "Theo Quyết định số {number} ngày {date} của Chủ tịch UBND tỉnh, đề nghị tặng danh hiệu {name} cho {whom_vi} chưa được xét tặng năm nay. Thường trực Hội đồng sẽ trao đổi thêm nếu cần."
            ),
            format!(
                "By the provincial chairman's decision {number} of {date}, the proposed title {name} for {whom_en} was not awarded this year. The standing body will follow up if needed."
            ),
        )
    };
    (subject, body)
}
