//! The award history in words: what each recorded fact is called, a person's last years for
//! /trangthai and the unit head, and `thidua history` output.

use super::{Lang, pick, titles, verdict};
use crate::domain::history::{Award, Entry, History, Kind};
use crate::domain::rules::InitiativeScope;
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
        text.push_str(&format!(" «{}»", entry.description));
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
    text
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
                .map(|entry| kind_name(lang, entry.kind))
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
