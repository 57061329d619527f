//! A spreadsheet's rows as text cells, whichever form the secretary saved it in: XLSX (the first
//! sheet), CSV in UTF-8 with or without Excel's byte-order mark, separated by commas or, as a
//! Vietnamese-locale Excel writes it, by semicolons. Pure: the caller reads the file.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// Why the file could not be read as a table at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error(
        "tệp không phải UTF-8 (dòng {line}); hãy lưu dạng \"CSV UTF-8\" hoặc XLSX / not UTF-8 (line {line}); save as \"CSV UTF-8\" or XLSX"
    )]
    NotUtf8 { line: usize },
    #[error("không đọc được tệp XLSX: {0} / unreadable XLSX file: {0}")]
    Xlsx(String),
    #[error("không đọc được dòng {line}: {reason} / unreadable line {line}: {reason}")]
    Csv { line: usize, reason: String },
}

/// Every row, the header included, cells trimmed. Row `i` is line `i + 1`, as a spreadsheet
/// and a text editor number them.
pub fn rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, TableError> {
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx_rows(bytes)
    } else {
        csv_rows(bytes)
    }
}

fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, TableError> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| TableError::Xlsx(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| TableError::Xlsx("no sheet".to_owned()))?
        .map_err(|e| TableError::Xlsx(e.to_string()))?;
    // Rows keep their sheet position so a line number names the row Excel shows.
    let skipped = range.start().map_or(0, |(row, _)| row as usize);
    let mut out = vec![Vec::new(); skipped];
    out.extend(
        range
            .rows()
            .map(|row| row.iter().map(cell_text).collect::<Vec<_>>()),
    );
    Ok(out)
}

/// A cell as the text a CSV would hold: whole numbers without ".0", dates as yyyy-mm-dd.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.trim().to_owned(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{}", *number as i64)
        }
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        // Excel counts days from 30 December 1899 (its 1900 leap-year bug folded in).
        Data::DateTime(moment) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|epoch| {
                epoch.checked_add_signed(chrono::TimeDelta::days(moment.as_f64().floor() as i64))
            })
            .map(|day| day.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(text) | Data::DurationIso(text) => {
            text.get(..10).unwrap_or(text).to_owned()
        }
        Data::Error(error) => format!("#{error:?}"),
    }
}

fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, TableError> {
    let text = std::str::from_utf8(bytes).map_err(|error| TableError::NotUtf8 {
        line: 1 + bytes[..error.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    // Line numbers come from byte offsets: the reader skips blank lines, and the secretary's
    // editor does not.
    // (A record's position is where the reader started looking, before the blank lines it
    // skipped, so those are stepped over first.)
    let line_at = |byte: u64| {
        let bytes = text.as_bytes();
        let mut end = (byte as usize).min(bytes.len());
        while end < bytes.len() && matches!(bytes[end], b'\n' | b'\r') {
            end += 1;
        }
        1 + bytes[..end].iter().filter(|b| **b == b'\n').count()
    };
    let mut out: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| TableError::Csv {
            line: error
                .position()
                .map_or(out.len() + 1, |position| line_at(position.byte())),
            reason: error.to_string(),
        })?;
        let line = record
            .position()
            .map_or(out.len() + 1, |position| line_at(position.byte()));
        while out.len() + 1 < line {
            out.push(Vec::new());
        }
        out.push(record.iter().map(str::to_owned).collect());
    }
    Ok(out)
}

/// A date as a secretary types it: `dd/mm/yyyy` (also `d/m/yyyy`) or `yyyy-mm-dd`.
pub fn parse_date(raw: &str) -> Option<chrono::NaiveDate> {
    let raw = raw.trim();
    chrono::NaiveDate::parse_from_str(raw, "%d/%m/%Y")
        .ok()
        .or_else(|| {
            let shaped = raw.len() == 10 && raw.as_bytes()[4] == b'-';
            shaped
                .then(|| chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok())
                .flatten()
        })
        .filter(|date| chrono::Datelike::year(date) >= 1900)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_a_byte_order_mark_and_semicolons_reads_like_a_plain_one() {
        let plain = rows(b"a,b\n1,2\n").unwrap();
        let excel = rows("\u{feff}a;b\r\n1;2\r\n".as_bytes()).unwrap();
        assert_eq!(plain, excel);
        assert_eq!(plain, vec![vec!["a", "b"], vec!["1", "2"]]);
    }

    #[test]
    fn blank_lines_keep_the_numbering() {
        let table = rows(b"a,b\n\n1,2\n").unwrap();
        assert_eq!(table[2], vec!["1", "2"]);
    }

    #[test]
    fn a_latin1_file_is_refused_with_its_line() {
        assert_eq!(
            rows(b"a,b\nb\xe9,1\n"),
            Err(TableError::NotUtf8 { line: 2 })
        );
    }

    #[test]
    fn an_xlsx_sheet_reads_numbers_and_dates_as_a_csv_would() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "year").unwrap();
        sheet.write_string(0, 1, "date").unwrap();
        sheet.write_number(1, 0, 2024.0).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 15).unwrap();
        sheet
            .write_datetime_with_format(1, 1, &date, &format)
            .unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(
            rows(&bytes).unwrap(),
            vec![vec!["year", "date"], vec!["2024", "2025-01-15"]]
        );
    }

    #[test]
    fn dates_in_both_forms() {
        let day = chrono::NaiveDate::from_ymd_opt(2025, 9, 15);
        assert_eq!(parse_date("15/09/2025"), day);
        assert_eq!(parse_date("2025-09-15"), day);
        assert_eq!(parse_date("15/9/2025"), day);
        assert_eq!(parse_date("2025-9-15"), None);
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("x"), None);
    }
}
