//! The history file: past years' titles, awards, ratings, penalties and initiatives as the
//! secretary keeps them, one fact per row, parsed into typed rows or into the complete list of
//! what is wrong with it (all or nothing, like the staff file).
//!
//! ```text
//! employee_code,unit_code,year,kind,decision_number,decision_date,until,description,backs
//! VP02,,2025,CSTDCS,45/QĐ-SXD,20/01/2026,,,
//! VP02,,2025,SANG_KIEN_TINH,12/QĐ-UBND,10/10/2025,,Số hóa hồ sơ cấp phép,CSTDCS 2025
//! VP04,,2024,KHIEN_TRACH,07/QĐ-SXD,01/03/2024,28/02/2025,,
//! ,TT,2025,TLDXS,88/QĐ-UBND,15/02/2026,,,
//! ```

use super::{Entry, Kind, Source};
use crate::domain::tabular::{self, TableError};
use std::collections::HashMap;
use std::fmt;

pub const HEADER: [&str; 9] = [
    "employee_code",
    "unit_code",
    "year",
    "kind",
    "decision_number",
    "decision_date",
    "until",
    "description",
    "backs",
];

const MAX_TEXT: usize = 300;

/// Whose fact a row is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Holder {
    Person(String),
    Unit(String),
}

/// One valid row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub holder: Holder,
    pub entry: Entry,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Table(TableError),
    Header { found: String },
    NoRows,
    ColumnCount { found: usize },
    HolderMissing,
    BothHolders,
    UnknownPerson(String),
    UnknownUnit(String),
    BadYear(String),
    FutureYear { year: i32, this_year: i32 },
    UnknownKind(String),
    NotForPerson(&'static str),
    NotForUnit(&'static str),
    Missing(&'static str),
    BadDate { column: &'static str, value: String },
    UntilBeforeDecision,
    UntilNotAllowed,
    BacksNotAllowed,
    BadBacks(String),
    TooLong(&'static str),
    Duplicate { first_line: usize },
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Dòng {} / line {}: {}",
            self.line, self.line, self.problem
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds = || {
            Kind::ALL
                .iter()
                .map(|kind| kind.code())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Problem::Table(error) => write!(f, "{error}"),
            Problem::Header { found } => write!(
                f,
                "dòng tiêu đề phải là \"{}\", tệp có \"{found}\" / the header must be \"{}\", found \"{found}\"",
                HEADER.join(","),
                HEADER.join(",")
            ),
            Problem::NoRows => write!(f, "tệp không có dòng dữ liệu nào / the file has no rows"),
            Problem::ColumnCount { found } => write!(
                f,
                "cần {} cột, dòng có {found} / {} columns expected, found {found}",
                HEADER.len(),
                HEADER.len()
            ),
            Problem::HolderMissing => write!(
                f,
                "cần mã cán bộ (employee_code) hoặc mã đơn vị (unit_code) / an employee_code or a unit_code is required"
            ),
            Problem::BothHolders => write!(
                f,
                "chỉ ghi một trong hai: mã cán bộ hoặc mã đơn vị / give either an employee_code or a unit_code, not both"
            ),
            Problem::UnknownPerson(code) => write!(
                f,
                "không có cán bộ mã \"{code}\" trong danh sách (nhập danh sách cán bộ trước) / no person with code \"{code}\" (import the staff first)"
            ),
            Problem::UnknownUnit(code) => write!(
                f,
                "không có đơn vị mã \"{code}\" trong config/org.toml / no unit \"{code}\" in config/org.toml"
            ),
            Problem::BadYear(value) => {
                write!(f, "năm \"{value}\" không hợp lệ / invalid year \"{value}\"")
            }
            Problem::FutureYear { year, this_year } => write!(
                f,
                "năm {year} chưa kết thúc (năm nay là {this_year}); kết quả năm nay do đợt thi đua ghi nhận / {year} has not ended (this is {this_year}); this year's results come from the campaign"
            ),
            Problem::UnknownKind(value) => write!(
                f,
                "loại \"{value}\" không hợp lệ; dùng một trong: {} / unknown kind \"{value}\"; use one of: {}",
                kinds(),
                kinds()
            ),
            Problem::NotForPerson(kind) => write!(
                f,
                "{kind} là danh hiệu, hình thức của tập thể: ghi mã đơn vị / {kind} is for a collective: give a unit_code"
            ),
            Problem::NotForUnit(kind) => write!(
                f,
                "{kind} chỉ dành cho cá nhân: ghi mã cán bộ / {kind} is for an individual: give an employee_code"
            ),
            Problem::Missing(column) => write!(f, "thiếu {column} / {column} is missing"),
            Problem::BadDate { column, value } => write!(
                f,
                "{column} \"{value}\" không phải ngày (dd/mm/yyyy) / {column} \"{value}\" is not a date (dd/mm/yyyy)"
            ),
            Problem::UntilBeforeDecision => write!(
                f,
                "ngày hết hiệu lực kỷ luật (until) trước ngày quyết định / the penalty ends (until) before its decision date"
            ),
            Problem::UntilNotAllowed => write!(
                f,
                "cột until chỉ dành cho kỷ luật / until is for penalties only"
            ),
            Problem::BacksNotAllowed => write!(
                f,
                "cột backs chỉ dành cho sáng kiến / backs is for initiatives only"
            ),
            Problem::BadBacks(value) => write!(
                f,
                "backs \"{value}\" phải có dạng \"MÃ NĂM\", ví dụ \"CSTDCS 2025\" / backs \"{value}\" must read \"CODE YEAR\", e.g. \"CSTDCS 2025\""
            ),
            Problem::TooLong(column) => write!(
                f,
                "{column} dài quá {MAX_TEXT} ký tự / {column} is longer than {MAX_TEXT} characters"
            ),
            Problem::Duplicate { first_line } => {
                write!(f, "trùng với dòng {first_line} / repeats line {first_line}")
            }
        }
    }
}

/// What the rows are checked against.
pub struct Known<'a> {
    pub employee_codes: &'a [&'a str],
    pub unit_codes: &'a [&'a str],
    /// The current year: only ended years are history.
    pub this_year: i32,
}

/// Parses the file's bytes (CSV or XLSX).
pub fn parse(bytes: &[u8], known: &Known<'_>) -> Result<Vec<Row>, Vec<LineError>> {
    let table = tabular::rows(bytes).map_err(|error| {
        let line = match &error {
            TableError::NotUtf8 { line } | TableError::Csv { line, .. } => *line,
            TableError::Xlsx(_) => 1,
        };
        vec![LineError {
            line,
            problem: Problem::Table(error),
        }]
    })?;
    let mut lines = table.iter().enumerate();
    match lines.next() {
        Some((_, header)) if header.iter().map(|cell| cell.to_lowercase()).eq(HEADER) => {}
        found => {
            let found = found.map(|(_, row)| row.join(",")).unwrap_or_default();
            return Err(vec![LineError {
                line: 1,
                problem: Problem::Header { found },
            }]);
        }
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<(Holder, i32, &'static str, String, String), usize> = HashMap::new();
    for (index, cells) in lines {
        let line = index + 1;
        if cells.iter().all(|cell| cell.is_empty()) {
            continue;
        }
        match parse_row(line, cells, known) {
            Ok(row) => {
                let key = (
                    row.holder.clone(),
                    row.entry.year,
                    row.entry.kind.code(),
                    row.entry.decision_number.to_lowercase(),
                    row.entry.description.to_lowercase(),
                );
                if let Some(first_line) = seen.get(&key) {
                    errors.push(LineError {
                        line,
                        problem: Problem::Duplicate {
                            first_line: *first_line,
                        },
                    });
                } else {
                    seen.insert(key, line);
                    rows.push(row);
                }
            }
            Err(problems) => errors.extend(
                problems
                    .into_iter()
                    .map(|problem| LineError { line, problem }),
            ),
        }
    }
    if errors.is_empty() && rows.is_empty() {
        errors.push(LineError {
            line: 1,
            problem: Problem::NoRows,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn parse_row(line: usize, cells: &[String], known: &Known<'_>) -> Result<Row, Vec<Problem>> {
    let [
        person,
        unit,
        year,
        kind,
        number,
        date,
        until,
        description,
        backs,
    ] = cells
    else {
        return Err(vec![Problem::ColumnCount { found: cells.len() }]);
    };
    let mut problems = Vec::new();
    let holder = match (person.is_empty(), unit.is_empty()) {
        (true, true) => {
            problems.push(Problem::HolderMissing);
            None
        }
        (false, false) => {
            problems.push(Problem::BothHolders);
            None
        }
        (false, true) if known.employee_codes.contains(&person.as_str()) => {
            Some(Holder::Person(person.clone()))
        }
        (false, true) => {
            problems.push(Problem::UnknownPerson(person.clone()));
            None
        }
        (true, false) if known.unit_codes.contains(&unit.as_str()) => {
            Some(Holder::Unit(unit.clone()))
        }
        (true, false) => {
            problems.push(Problem::UnknownUnit(unit.clone()));
            None
        }
    };
    let year = match year.parse::<i32>() {
        Ok(year) if (1945..=2100).contains(&year) && year < known.this_year => Some(year),
        Ok(year) if (1945..=2100).contains(&year) => {
            problems.push(Problem::FutureYear {
                year,
                this_year: known.this_year,
            });
            None
        }
        _ => {
            problems.push(Problem::BadYear(year.clone()));
            None
        }
    };
    let kind = match Kind::parse(kind) {
        Ok(kind) => {
            match &holder {
                Some(Holder::Person(_)) if !kind.for_person() => {
                    problems.push(Problem::NotForPerson(kind.code()));
                }
                Some(Holder::Unit(_)) if !kind.for_unit() => {
                    problems.push(Problem::NotForUnit(kind.code()));
                }
                _ => {}
            }
            Some(kind)
        }
        Err(_) if kind.is_empty() => {
            problems.push(Problem::Missing("kind"));
            None
        }
        Err(_) => {
            problems.push(Problem::UnknownKind(kind.clone()));
            None
        }
    };
    if number.is_empty() {
        problems.push(Problem::Missing("decision_number"));
    } else if number.chars().count() > 100 {
        problems.push(Problem::TooLong("decision_number"));
    }
    let date = required_date(&mut problems, "decision_date", date);
    let is_penalty = matches!(kind, Some(Kind::Penalty(_)));
    let is_initiative = matches!(kind, Some(Kind::Initiative(_)));
    let until = match (is_penalty, until.is_empty()) {
        (true, true) => {
            problems.push(Problem::Missing("until"));
            None
        }
        (true, false) => {
            let until = required_date(&mut problems, "until", until);
            if let (Some(until), Some(date)) = (until, date)
                && until < date
            {
                problems.push(Problem::UntilBeforeDecision);
            }
            until
        }
        (false, true) => None,
        (false, false) => {
            problems.push(Problem::UntilNotAllowed);
            None
        }
    };
    let description = description.split_whitespace().collect::<Vec<_>>().join(" ");
    if description.chars().count() > MAX_TEXT {
        problems.push(Problem::TooLong("description"));
    }
    if is_initiative && description.is_empty() {
        problems.push(Problem::Missing("description"));
    }
    let backs = match (is_initiative, backs.is_empty()) {
        (_, true) => None,
        (false, false) => {
            problems.push(Problem::BacksNotAllowed);
            None
        }
        (true, false) => match parse_backs(backs) {
            Some(backs) => Some(backs),
            None => {
                problems.push(Problem::BadBacks(backs.clone()));
                None
            }
        },
    };
    match (holder, year, kind, date) {
        (Some(holder), Some(year), Some(kind), Some(decision_date)) if problems.is_empty() => {
            Ok(Row {
                line,
                holder,
                entry: Entry {
                    year,
                    kind,
                    decision_number: number.clone(),
                    decision_date,
                    until,
                    description,
                    backs,
                    source: Source::Import,
                    basis: true,
                },
            })
        }
        _ => Err(problems),
    }
}

fn required_date(
    problems: &mut Vec<Problem>,
    column: &'static str,
    raw: &str,
) -> Option<chrono::NaiveDate> {
    if raw.is_empty() {
        problems.push(Problem::Missing(column));
        return None;
    }
    let date = tabular::parse_date(raw);
    if date.is_none() {
        problems.push(Problem::BadDate {
            column,
            value: raw.to_owned(),
        });
    }
    date
}

/// "CSTDCS 2025": a title or award code and a year, normalised.
pub fn parse_backs(raw: &str) -> Option<String> {
    let mut parts = raw.split_whitespace();
    let (code, year) = (parts.next()?, parts.next()?);
    let kind = Kind::parse(code).ok()?;
    let year: i32 = year.parse().ok()?;
    let backs_something = matches!(kind, Kind::Title(_) | Kind::Award(_));
    (parts.next().is_none() && backs_something && (1945..=2100).contains(&year))
        .then(|| format!("{} {year}", kind.code()))
}

/// The year a "CODE YEAR" backing names.
pub fn backs_year(backs: &str) -> Option<i32> {
    backs.split_whitespace().nth(1)?.parse().ok()
}
