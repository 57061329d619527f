//! The staff file HR exports from Excel, parsed into typed rows or into the complete list of what
//! is wrong with it. All-or-nothing is the rule, so the parser never stops at the first bad row:
//! the secretary fixes the whole file in one pass, guided by 1-based file line numbers (the header
//! is line 1), the numbers Excel and every text editor show.

mod email;
mod problem;
#[cfg(test)]
mod tests;

pub use email::StaffEmail;
pub use problem::{Problem, RowError};

use super::person::Gender;
use super::role::{Role, Roles};
use super::tabular::{self, TableError};
use chrono::NaiveDate;
use std::collections::HashMap;

pub const HEADER: [&str; 8] = [
    "employee_code",
    "full_name",
    "unit_code",
    "position",
    "email",
    "gender",
    "hire_date",
    "roles",
];

/// One valid line of the staff file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    /// Where it came from, so later checks (against the database) can name the line too.
    pub line: usize,
    pub employee_code: String,
    pub full_name: String,
    pub unit_code: String,
    pub position: String,
    pub email: StaffEmail,
    pub gender: Gender,
    pub hire_date: NaiveDate,
    pub roles: Roles,
}

/// Parses the file's bytes: CSV (UTF-8, with or without Excel's byte-order mark, separated by
/// commas or, as a Vietnamese-locale Excel saves it, by semicolons) or an XLSX workbook's first
/// sheet. `units` are the unit codes of the organisation (`config/org.toml`).
pub fn parse(bytes: &[u8], units: &[&str]) -> Result<Vec<StaffRow>, Vec<RowError>> {
    let table = tabular::rows(bytes).map_err(|error| {
        vec![match error {
            TableError::NotUtf8 { line } => RowError::new(line, Problem::NotUtf8),
            TableError::Csv { line, reason } => RowError::new(line, Problem::Unreadable(reason)),
            TableError::Xlsx(reason) => RowError::new(1, Problem::Unreadable(reason)),
        }]
    })?;
    let mut lines = table
        .iter()
        .enumerate()
        .map(|(index, row)| (index + 1, row));
    match lines.next() {
        Some((_, header)) if header.iter().map(String::as_str).eq(HEADER) => {}
        Some((_, header)) => {
            let found = header.join(",");
            return Err(vec![RowError::new(1, Problem::Header { found })]);
        }
        None => {
            return Err(vec![RowError::new(
                1,
                Problem::Header {
                    found: String::new(),
                },
            )]);
        }
    }

    let mut checker = Checker::new(units);
    for (line, row) in lines {
        let fields: Vec<&str> = row.iter().map(String::as_str).collect();
        // Excel keeps formatting on rows below the data and exports them as `,,,,,,,`.
        if fields.iter().all(|field| field.is_empty()) {
            continue;
        }
        checker.row(line, &fields);
    }
    checker.finish()
}

/// Collects rows and problems; remembers the first line of each code, e-mail and unit head so a
/// duplicate names both lines.
struct Checker<'a> {
    units: &'a [&'a str],
    rows: Vec<StaffRow>,
    errors: Vec<RowError>,
    codes: HashMap<String, usize>,
    emails: HashMap<StaffEmail, usize>,
    heads: HashMap<String, usize>,
    /// The line of the first director: a department has one.
    director: Option<usize>,
}

impl<'a> Checker<'a> {
    fn new(units: &'a [&'a str]) -> Self {
        Self {
            units,
            rows: Vec::new(),
            errors: Vec::new(),
            codes: HashMap::new(),
            emails: HashMap::new(),
            heads: HashMap::new(),
            director: None,
        }
    }

    fn row(&mut self, line: usize, fields: &[&str]) {
        if fields.len() != HEADER.len() {
            self.problem(
                line,
                Problem::ColumnCount {
                    found: fields.len(),
                },
            );
            return;
        }
        let before = self.errors.len();
        for (column, value) in HEADER.iter().zip(fields) {
            if value.is_empty() {
                self.problem(line, Problem::Missing(column));
            }
        }
        let [code, name, unit, position, email, gender, hire_date, roles] = fields else {
            return;
        };
        if !code.is_empty() {
            match self.codes.get(*code) {
                Some(first) => {
                    let problem = Problem::DuplicateCode {
                        code: (*code).to_owned(),
                        first_line: *first,
                    };
                    self.problem(line, problem);
                }
                None => {
                    self.codes.insert((*code).to_owned(), line);
                }
            }
        }
        if !unit.is_empty() && !self.units.contains(unit) {
            self.problem(line, Problem::UnknownUnit((*unit).to_owned()));
        }
        let email_parsed = parse_field(email, StaffEmail::parse);
        match &email_parsed {
            Some(Some(parsed)) => {
                if let Some(first) = self.emails.get(parsed) {
                    let problem = Problem::DuplicateEmail {
                        email: parsed.to_string(),
                        first_line: *first,
                    };
                    self.problem(line, problem);
                } else {
                    self.emails.insert(parsed.clone(), line);
                }
            }
            Some(None) => self.problem(line, Problem::BadEmail((*email).to_owned())),
            None => {}
        }
        let gender_parsed = parse_field(gender, Gender::parse);
        if gender_parsed == Some(None) {
            self.problem(line, Problem::BadGender((*gender).to_owned()));
        }
        let date = parse_field(hire_date, parse_date);
        if date == Some(None) {
            self.problem(line, Problem::BadDate((*hire_date).to_owned()));
        }
        let roles = if roles.is_empty() {
            None
        } else {
            self.roles(line, roles)
        };
        if let Some(roles) = &roles
            && roles.has(Role::UnitHead)
            && self.units.contains(unit)
        {
            match self.heads.get(*unit) {
                Some(first) => {
                    let problem = Problem::SecondUnitHead {
                        unit: (*unit).to_owned(),
                        first_line: *first,
                    };
                    self.problem(line, problem);
                }
                None => {
                    self.heads.insert((*unit).to_owned(), line);
                }
            }
        }
        if let Some(roles) = &roles
            && roles.has(Role::Director)
        {
            match self.director {
                Some(first_line) => self.problem(line, Problem::SecondDirector { first_line }),
                None => self.director = Some(line),
            }
        }
        if self.errors.len() != before {
            return;
        }
        if let (Some(Some(email)), Some(Some(gender)), Some(Some(hire_date)), Some(roles)) =
            (email_parsed, gender_parsed, date, roles)
        {
            self.rows.push(StaffRow {
                line,
                employee_code: (*code).to_owned(),
                full_name: collapse_spaces(name),
                unit_code: (*unit).to_owned(),
                position: collapse_spaces(position),
                email,
                gender,
                hire_date,
                roles,
            });
        }
    }

    /// `staff;council_member`, tolerating spaces and a trailing `;` (Excel users add them).
    fn roles(&mut self, line: usize, raw: &str) -> Option<Roles> {
        let mut roles = Vec::new();
        let mut bad = false;
        for piece in raw
            .split(';')
            .map(str::trim)
            .filter(|piece| !piece.is_empty())
        {
            match Role::parse(&piece.to_lowercase()) {
                // Contacts of block members come from the block file, never the staff file.
                Ok(Role::BlockContact) | Err(_) => {
                    bad = true;
                    self.problem(line, Problem::UnknownRole(piece.to_owned()));
                }
                Ok(role) => roles.push(role),
            }
        }
        if roles.is_empty() && !bad {
            self.problem(line, Problem::EmptyRoles);
        }
        (!bad && !roles.is_empty()).then(|| Roles::new(roles))
    }

    fn problem(&mut self, line: usize, problem: Problem) {
        self.errors.push(RowError::new(line, problem));
    }

    fn finish(self) -> Result<Vec<StaffRow>, Vec<RowError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        if self.rows.is_empty() {
            // An empty import would deactivate everybody: almost certainly the wrong file.
            return Err(vec![RowError::new(2, Problem::NoRows)]);
        }
        Ok(self.rows)
    }
}

/// `None` when the field is empty (already reported as missing), `Some(parsed)` otherwise.
fn parse_field<T>(raw: &str, parse: impl FnOnce(&str) -> Option<T>) -> Option<Option<T>> {
    (!raw.is_empty()).then(|| parse(raw))
}

/// `dd/mm/yyyy` as Vietnamese write it (and Excel in a Vietnamese locale saves it), or
/// `yyyy-mm-dd`; a date in Vietnam is never month-first, so `05/01/2020` is 5 January.
fn parse_date(raw: &str) -> Option<NaiveDate> {
    tabular::parse_date(raw)
}

fn collapse_spaces(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}
