//! Exports of a campaign's records: one table per subject (registrations, self-assessments, unit
//! meetings, nominations, ballot results as counts only, decisions), written as one XLSX
//! workbook or one CSV file per table, with Vietnamese headers and dd/mm/yyyy dates.
//!
//! Dates are real date cells in XLSX, shown as dd/mm/yyyy whatever the reader's locale (the
//! number format is the cell's, not the locale's), and dd/mm/yyyy text in CSV. Every table
//! starts with an STT (số thứ tự) column. The workbook is set up to print: A4 landscape, fitted
//! to the page's width, the header row repeated on every page, the table's name at the top and
//! the page number at the foot; columns are as wide as what they hold (up to a limit, beyond
//! which text wraps).

pub mod documents;
mod docx;
mod minutes;
pub mod presenter;
mod sheets;
mod statistics;

pub use docx::{DOCX_MIME, to_docx, to_docx_many};
pub use minutes::{minutes_html, minutes_paper};
pub use sheets::{campaign_sheets, public_results_sheet};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl From<NaiveDate> for Cell {
    fn from(date: NaiveDate) -> Self {
        Cell::Date(date)
    }
}

impl Cell {
    /// How the cell reads, as CSV holds it (and as wide as a column must be for it).
    fn shown(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(number) if number.fract() == 0.0 => format!("{number:.0}"),
            Cell::Number(number) => format!("{number:.2}"),
            Cell::Date(date) => date.format("%d/%m/%Y").to_string(),
            Cell::Empty => String::new(),
        }
    }
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

/// The STT header: a table's first column numbers its rows from 1.
const STT: &str = "STT";
/// The widest a column grows (in characters) before its text wraps.
const MAX_WIDTH: usize = 50;
/// A4 in Excel's paper codes.
const A4: u8 = 9;

/// The workbook's bytes: one worksheet per table, headers bold, frozen and repeated on every
/// printed page.
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        worksheet.set_paper_size(A4);
        worksheet.set_landscape();
        worksheet.set_print_fit_to_pages(1, 0);
        worksheet.set_repeat_rows(0, 0)?;
        worksheet.set_header(format!("&C&\"Times New Roman,Bold\"&12{}", sheet.name));
        worksheet.set_footer("&CTrang &P/&N");
        worksheet.set_freeze_panes(1, 0)?;
        worksheet.write_string_with_format(0, 0, STT, &bold)?;
        worksheet.set_column_width(0, 5.0)?;
        for (index, header) in sheet.headers.iter().enumerate() {
            let column = index as u16 + 1;
            worksheet.write_string_with_format(0, column, header, &bold)?;
            let widest = sheet
                .rows
                .iter()
                .filter_map(|row| row.get(index))
                .map(|cell| cell.shown().chars().count())
                .chain(std::iter::once(header.chars().count().min(20)))
                .max()
                .unwrap_or(0);
            worksheet.set_column_width(column, (widest + 2).clamp(8, MAX_WIDTH) as f64)?;
        }
        for (index, row) in sheet.rows.iter().enumerate() {
            let at = (index + 1) as u32;
            worksheet.write_number(at, 0, (index + 1) as f64)?;
            for (column, cell) in row.iter().enumerate() {
                let column = column as u16 + 1;
                match cell {
                    Cell::Text(text) if text.chars().count() + 2 > MAX_WIDTH => {
                        worksheet.write_string_with_format(at, column, text, &wrapped)?;
                    }
                    Cell::Text(text) => {
                        worksheet.write_string(at, column, text)?;
                    }
                    Cell::Number(number) => {
                        worksheet.write_number(at, column, *number)?;
                    }
                    Cell::Date(day) => {
                        let value = ExcelDateTime::from_ymd(
                            day.year() as u16,
                            day.month() as u8,
                            day.day() as u8,
                        )?;
                        worksheet.write_datetime_with_format(at, column, &value, &date)?;
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
    writer.write_record(std::iter::once(STT).chain(sheet.headers.iter().map(String::as_str)))?;
    for (index, row) in sheet.rows.iter().enumerate() {
        let cells = row.iter().map(|cell| match cell {
            Cell::Text(text) => inert(text),
            other => other.shown(),
        });
        writer.write_record(std::iter::once((index + 1).to_string()).chain(cells))?;
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
