//! The year's papers in words (Vietnamese only: they are official records): the standing body's
//! tờ trình, the director's quyết định with its danh sách kèm theo, each person's báo cáo thành
//! tích and the proposal to the province. The council's biên bản lives with the export's minutes
//! (`texts::export::minutes`). Each builds a [`Paper`]; nothing here reads the database.

pub mod decision;
pub mod proposal;
pub mod report;
pub mod submission;

use crate::domain::title::{Holder, Title};
use crate::texts::paper::{BLANK, Block, Paper, Row, Table};

/// Who issues the department's papers, from the organisation file.
#[derive(Debug, Clone, Copy)]
pub struct Letterhead<'a> {
    /// "UBND TỈNH TÂY NINH"; may be empty.
    pub superior: &'a str,
    /// "Sở Xây dựng tỉnh Tây Ninh".
    pub department: &'a str,
    /// "SXD", in numbers like "125/QĐ-SXD"; may be empty.
    pub symbol: &'a str,
    pub place: &'a str,
}

impl Letterhead<'_> {
    /// The header's lines: the superior body, then the department without the province it is
    /// already under ("SỞ XÂY DỰNG" beneath "UBND TỈNH TÂY NINH").
    pub fn issuer(&self) -> Vec<String> {
        let superior = self.superior.trim();
        let mut department = self.department.trim().to_owned();
        if let Some(province) = superior.to_lowercase().split(" tỉnh ").nth(1)
            && let Some(stem) = department
                .to_lowercase()
                .strip_suffix(&format!(" tỉnh {province}"))
                .map(str::len)
        {
            department.truncate(stem);
        }
        let mut lines = Vec::new();
        if !superior.is_empty() {
            lines.push(superior.to_uppercase());
        }
        lines.push(department.to_uppercase());
        lines
    }

    /// "Số: 125/QĐ-SXD" when given; "Số: ……/QĐ-SXD" to fill in.
    pub fn number(&self, given: Option<&str>, kind: &str) -> String {
        match given.map(str::trim).filter(|number| !number.is_empty()) {
            Some(number) => format!("Số: {number}"),
            None if self.symbol.trim().is_empty() => format!("Số: {BLANK}/{kind}"),
            None => format!("Số: {BLANK}/{kind}-{}", self.symbol.trim()),
        }
    }
}

/// One person or collective on a list: the title (or award) code, the unit, and for a person
/// the name and position.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub title: String,
    pub unit_code: String,
    pub name: Option<String>,
    pub position: Option<String>,
}

/// "I", "II", … for the list's groups.
pub fn roman(number: usize) -> String {
    const NUMERALS: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut left = number;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while left >= value {
            out.push_str(numeral);
            left -= value;
        }
    }
    out
}

/// “Chiến sĩ thi đua cơ sở”, with the typographic quotes the law's texts use.
pub fn quoted_title(code: &str) -> String {
    format!("“{}”", super::export::title(code))
}

fn holder_word(code: &str) -> &'static str {
    match Title::parse(code).map(Title::holder) {
        Ok(Holder::Collective) => "tập thể",
        _ => "cá nhân",
    }
}

/// "- Danh hiệu “Lao động tiên tiến”: 18 cá nhân;" for each title on the list, in the list's
/// order; the last line ends with a full stop.
pub fn counts(listed: &[Listed]) -> Vec<Block> {
    let mut titles: Vec<&str> = Vec::new();
    for item in listed {
        if !titles.contains(&item.title.as_str()) {
            titles.push(&item.title);
        }
    }
    let last = titles.len().saturating_sub(1);
    titles
        .iter()
        .enumerate()
        .map(|(index, code)| {
            let count = listed.iter().filter(|item| item.title == *code).count();
            Block::text(format!(
                "- Danh hiệu {}: {count:02} {}{}",
                quoted_title(code),
                holder_word(code),
                if index == last { "." } else { ";" }
            ))
        })
        .collect()
}

/// The list grouped by title (I, II, …) and, within a title, by unit, numbered within each
/// title. `listed` comes in the order the list prints (titles, then units, then names).
pub fn grouped_table(listed: &[Listed], unit_name: &dyn Fn(&str) -> String) -> Table {
    let mut rows = Vec::new();
    let mut title: Option<&str> = None;
    let mut unit: Option<&str> = None;
    let mut groups = 0;
    let mut number = 0;
    for item in listed {
        if title != Some(item.title.as_str()) {
            groups += 1;
            number = 0;
            title = Some(&item.title);
            unit = None;
            let count = listed
                .iter()
                .filter(|other| other.title == item.title)
                .count();
            rows.push(Row::Group(format!(
                "{}. Danh hiệu {} ({count} {})",
                roman(groups),
                quoted_title(&item.title),
                holder_word(&item.title)
            )));
        }
        if item.name.is_some() && unit != Some(item.unit_code.as_str()) {
            unit = Some(&item.unit_code);
            rows.push(Row::Group(unit_name(&item.unit_code)));
        }
        number += 1;
        rows.push(Row::Cells(match &item.name {
            Some(name) => vec![
                number.to_string(),
                name.clone(),
                item.position.clone().unwrap_or_default(),
            ],
            None => vec![
                number.to_string(),
                unit_name(&item.unit_code),
                String::new(),
            ],
        }));
    }
    Table {
        header: ["STT", "Họ và tên / Tên tập thể", "Chức vụ"]
            .map(str::to_owned)
            .to_vec(),
        widths: vec![8, 52, 40],
        rows,
    }
}

/// A paper with nothing in it yet but its header, kind and subject.
pub fn blank_paper(
    letterhead: &Letterhead<'_>,
    number: String,
    place_date: String,
    kind: &str,
    subject: Vec<String>,
) -> Paper {
    Paper {
        issuer: letterhead.issuer(),
        number,
        place_date,
        kind: kind.to_owned(),
        subject,
        body: Vec::new(),
        recipients: Vec::new(),
        signers: Vec::new(),
        annexes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_names_the_department_under_its_province_once() {
        let letterhead = Letterhead {
            superior: "UBND TỈNH TÂY NINH",
            department: "Sở Xây dựng tỉnh Tây Ninh",
            symbol: "SXD",
            place: "Tây Ninh",
        };
        assert_eq!(
            letterhead.issuer(),
            ["UBND TỈNH TÂY NINH".to_owned(), "SỞ XÂY DỰNG".to_owned()]
        );
        assert_eq!(letterhead.number(None, "QĐ"), "Số: ……/QĐ-SXD");
        assert_eq!(
            letterhead.number(Some(" 125/QĐ-SXD "), "QĐ"),
            "Số: 125/QĐ-SXD"
        );
        let alone = Letterhead {
            superior: "",
            ..letterhead
        };
        assert_eq!(alone.issuer(), ["SỞ XÂY DỰNG TỈNH TÂY NINH".to_owned()]);
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
    }
}
