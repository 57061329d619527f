//! Exports of a campaign's records: one table per subject (registrations, self-assessments, unit
//! meetings, nominations, ballot results as counts only, decisions), written as one XLSX
//! workbook or one CSV file per table, with Vietnamese headers and dd/mm/yyyy dates.
//!
//! Dates are written as dd/mm/yyyy text in both formats: identical in XLSX and CSV, and never
//! reinterpreted as month/day by a spreadsheet's locale.

mod minutes;
pub mod presenter;
mod sheets;

pub use minutes::minutes_html;
pub use sheets::{campaign_sheets, public_results_sheet};

use rust_xlsxwriter::{Format, Workbook};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<i64> for Cell {
    fn from(number: i64) -> Self {
        Cell::Number(number as f64)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// A table: a sheet in the workbook, a file in CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// The CSV file's stem (ASCII).
    pub file_stem: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new((name, stem, headers): (&str, &str, &[&str])) -> Sheet {
        Sheet {
            name: name.to_owned(),
            file_stem: stem.to_owned(),
            headers: headers.iter().map(|header| (*header).to_owned()).collect(),
            rows: Vec::new(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const CSV_MIME: &str = "text/csv; charset=utf-8";

/// The workbook's bytes: one worksheet per table, headers bold and frozen.
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        for (column, header) in sheet.headers.iter().enumerate() {
            worksheet.write_string_with_format(0, column as u16, header, &bold)?;
            worksheet
                .set_column_width(column as u16, (header.chars().count() + 4).max(12) as f64)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        for (index, row) in sheet.rows.iter().enumerate() {
            let at = (index + 1) as u32;
            for (column, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(text) => {
                        worksheet.write_string(at, column as u16, text)?;
                    }
                    Cell::Number(number) => {
                        worksheet.write_number(at, column as u16, *number)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// One table as CSV: UTF-8 with a byte-order mark, so spreadsheet programs read the diacritics.
/// A text cell that a spreadsheet would read as a formula (`=HYPERLINK(…)`, `+1`, `@SUM`, a
/// leading tab or carriage return) gets a leading apostrophe, so opening the export in Excel or
/// LibreOffice never runs what someone typed as their name or an initiative's title. XLSX needs
/// no such care: its text cells are written as strings, never as formulas.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

pub fn to_csv(sheet: &Sheet) -> Result<Vec<u8>, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    writer.write_record(&sheet.headers)?;
    for row in &sheet.rows {
        writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) => inert(text),
            Cell::Number(number) if number.fract() == 0.0 => format!("{number:.0}"),
            Cell::Number(number) => format!("{number:.2}"),
            Cell::Empty => String::new(),
        }))?;
    }
    writer
        .into_inner()
        .map_err(|error| ExportError::Io(error.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_cell_that_looks_like_a_formula_is_kept_as_text() {
        let sheet = Sheet {
            name: "x".to_owned(),
            file_stem: "x".to_owned(),
            headers: vec!["Họ tên".to_owned(), "Số".to_owned()],
            rows: vec![
                vec![
                    Cell::Text("=HYPERLINK(\"http://x\",\"Mai\")".to_owned()),
                    Cell::Number(-3.0),
                ],
                vec![Cell::Text("@SUM(A1)".to_owned()), Cell::Empty],
                vec![Cell::Text("Nguyễn Thị Mai".to_owned()), Cell::Number(2.5)],
            ],
        };
        let csv = String::from_utf8(to_csv(&sheet).unwrap()).unwrap();
        assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
        assert!(csv.contains("'@SUM(A1)"), "{csv}");
        assert!(csv.contains("Nguyễn Thị Mai,2.50"), "{csv}");
        // Numbers are numbers: a negative figure keeps its sign.
        assert!(csv.contains(",-3"), "{csv}");
    }
}
