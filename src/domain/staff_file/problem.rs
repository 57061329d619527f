//! What can be wrong with a line of the staff file, said the way the secretary who fixes the file
//! needs to read it: Vietnamese first, English after a slash, the offending value quoted.

use std::fmt;

/// One problem on one line. A line with several problems gets several of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line in the file; the header is line 1.
    pub line: usize,
    pub problem: Problem,
}

impl RowError {
    pub fn new(line: usize, problem: Problem) -> Self {
        Self { line, problem }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Dòng {} / line {}: {}",
            self.line, self.line, self.problem
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NotUtf8,
    /// The first line is not exactly the expected header.
    Header {
        found: String,
    },
    /// The csv reader could not read the line (e.g. an unclosed quote).
    Unreadable(String),
    /// Nothing but a header.
    NoRows,
    ColumnCount {
        found: usize,
    },
    Missing(&'static str),
    UnknownUnit(String),
    BadEmail(String),
    BadGender(String),
    BadDate(String),
    UnknownRole(String),
    EmptyRoles,
    DuplicateCode {
        code: String,
        first_line: usize,
    },
    DuplicateEmail {
        email: String,
        first_line: usize,
    },
    SecondUnitHead {
        unit: String,
        first_line: usize,
    },
    /// A department has one director.
    SecondDirector {
        first_line: usize,
    },
    /// The e-mail already belongs to another person in the database.
    EmailTaken {
        email: String,
        employee_code: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotUtf8 => write!(
                f,
                "tệp không phải UTF-8 — trong Excel hãy lưu bằng “CSV UTF-8” / the file is not UTF-8 \
                 (in Excel, save as “CSV UTF-8”)"
            ),
            Problem::Header { found } => write!(
                f,
                "dòng tiêu đề phải đúng là `{}`, nhưng là `{found}` / the header must be exactly `{}`, found `{found}`",
                super::HEADER.join(","),
                super::HEADER.join(",")
            ),
            Problem::Unreadable(reason) => {
                write!(f, "không đọc được dòng này / unreadable line: {reason}")
            }
            Problem::NoRows => write!(
                f,
                "tệp không có dòng dữ liệu nào / the file has no data rows"
            ),
            Problem::ColumnCount { found } => write!(
                f,
                "có {found} cột, cần đúng {} cột / {found} columns, expected {}",
                super::HEADER.len(),
                super::HEADER.len()
            ),
            Problem::Missing(column) => write!(
                f,
                "thiếu giá trị cột `{column}` / missing value for `{column}`"
            ),
            Problem::UnknownUnit(unit) => write!(
                f,
                "mã đơn vị `{unit}` không có trong config/org.toml / unknown unit `{unit}`"
            ),
            Problem::BadEmail(email) => write!(
                f,
                "địa chỉ e-mail `{email}` không hợp lệ / invalid e-mail `{email}`"
            ),
            Problem::BadGender(gender) => write!(
                f,
                "giới tính `{gender}` không hợp lệ (dùng nam hoặc nữ) / invalid gender `{gender}` (use nam/nữ or male/female)"
            ),
            Problem::BadDate(date) => write!(
                f,
                "ngày tuyển dụng `{date}` không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd, ví dụ 15/01/2020) / invalid hire date `{date}` (use dd/mm/yyyy or yyyy-mm-dd)"
            ),
            Problem::UnknownRole(role) => write!(
                f,
                "vai trò `{role}` không tồn tại (dùng staff, unit_head, secretary, council_member, director) / unknown role `{role}`"
            ),
            Problem::EmptyRoles => write!(f, "chưa có vai trò nào / no role given"),
            Problem::DuplicateCode { code, first_line } => write!(
                f,
                "mã nhân viên `{code}` trùng với dòng {first_line} / employee code `{code}` repeats line {first_line}"
            ),
            Problem::DuplicateEmail { email, first_line } => write!(
                f,
                "e-mail `{email}` trùng với dòng {first_line} / e-mail `{email}` repeats line {first_line}"
            ),
            Problem::SecondUnitHead { unit, first_line } => write!(
                f,
                "đơn vị {unit} có hai trưởng đơn vị: dòng {first_line} và dòng này / unit {unit} has two heads: line {first_line} and this line"
            ),
            Problem::SecondDirector { first_line } => write!(
                f,
                "có hai người giữ vai trò director (Giám đốc): dòng {first_line} và dòng này / two directors: line {first_line} and this line"
            ),
            Problem::EmailTaken {
                email,
                employee_code,
            } => write!(
                f,
                "e-mail `{email}` đang thuộc về nhân viên mã `{employee_code}` / e-mail `{email}` belongs to employee `{employee_code}`"
            ),
        }
    }
}
