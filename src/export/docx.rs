//! A [`Paper`] as a Word document (Office Open XML, `.docx`), laid out as Decree 30/2020/NĐ-CP
//! asks: A4 portrait, margins of 20 mm top and bottom, 30 mm left and 15 mm right, Times New
//! Roman 13 pt, the issuer and the national motto side by side in a borderless table, body
//! paragraphs justified with an indented first line, "Nơi nhận" and the signer side by side
//! at the end, each annex on a new page.
//!
//! Written by hand rather than through a crate: the format needs four small XML parts, and a
//! paper uses a sliver of it. Every text goes through [`escape`]; the package is deterministic
//! (no timestamps), so the same data gives the same bytes.

use crate::texts::paper::{Align, Block, MOTTO, NATION, Paper, Row, Run, Table};
use std::io::Write;

pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A4 in twentieths of a point, and the decree's margins.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN_LEFT: u32 = 1701;
const MARGIN_RIGHT: u32 = 851;
const MARGIN_TOP_BOTTOM: u32 = 1134;
const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// Font sizes in half-points: 13 pt for the body, 14 pt for the kind, 12 pt for the issuer
/// and the recipients' heading, 11 pt for the recipients.
const BODY: u32 = 26;
const KIND: u32 = 28;
const SMALL: u32 = 24;
const TINY: u32 = 22;

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 has no place for other control characters; a pasted one is dropped.
            '\t' | '\n' | '\r' => out.push(' '),
            control if control.is_control() => {}
            other => out.push(other),
        }
    }
    out
}

/// The `.docx` file's bytes.
pub fn to_docx(paper: &Paper) -> std::io::Result<Vec<u8>> {
    to_docx_many(std::slice::from_ref(paper))
}

/// Several papers in one file, each from a new page (the reports of a whole list).
pub fn to_docx_many(papers: &[Paper]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", PACKAGE_RELS.to_owned()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        ("word/styles.xml", STYLES.to_owned()),
        ("word/document.xml", document(papers)),
    ];
    for (name, content) in parts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

fn document(papers: &[Paper]) -> String {
    let mut body = String::new();
    for (index, paper) in papers.iter().enumerate() {
        if index > 0 {
            body.push_str(PAGE_BREAK);
        }
        one(paper, &mut body);
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/><w:pgMar w:top=\"{MARGIN_TOP_BOTTOM}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_TOP_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

const PAGE_BREAK: &str = "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";

fn one(paper: &Paper, body: &mut String) {
    header(paper, body);
    body.push_str(&paragraph(
        &[Run::bold(paper.kind.clone())],
        Align::Center,
        false,
        Some(KIND),
        240,
    ));
    for line in &paper.subject {
        body.push_str(&paragraph(
            &[Run::bold(line.clone())],
            Align::Center,
            false,
            None,
            0,
        ));
    }
    blocks(&paper.body, body);
    signatures(paper, body);
    for annex in &paper.annexes {
        body.push_str(PAGE_BREAK);
        for line in &annex.heading {
            body.push_str(&paragraph(
                &[Run::bold(line.clone())],
                Align::Center,
                false,
                None,
                0,
            ));
        }
        blocks(&annex.body, body);
    }
}

/// The issuer with its number on the left, the motto with the date line on the right; a short
/// rule under the issuer's name and under the motto.
fn header(paper: &Paper, out: &mut String) {
    if paper.issuer.is_empty() && paper.number.is_empty() {
        // A personal paper (a báo cáo thành tích): the motto alone, centred on the page.
        out.push_str(&ruled(&Run::bold(NATION), false, 0, SMALL));
        out.push_str(&ruled(&Run::bold(MOTTO), true, 3000, BODY));
        out.push_str(&paragraph(
            &[Run::italic(paper.place_date.clone())],
            Align::Center,
            false,
            None,
            120,
        ));
        return;
    }
    let mut left = String::new();
    let last = paper.issuer.len().saturating_sub(1);
    for (index, line) in paper.issuer.iter().enumerate() {
        let run = if index == last {
            Run::bold(line.clone())
        } else {
            Run::plain(line.clone())
        };
        // A long line ("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG") is set a point smaller to stay on one.
        let size = if line.chars().count() > 26 {
            TINY
        } else {
            SMALL
        };
        left.push_str(&ruled(&run, index == last, 1100, size));
    }
    if !paper.number.is_empty() {
        left.push_str(&paragraph(
            &[Run::plain(paper.number.clone())],
            Align::Center,
            false,
            None,
            120,
        ));
    }
    if left.is_empty() {
        // A cell needs a paragraph, even an empty one.
        left.push_str("<w:p/>");
    }
    let mut right = ruled(&Run::bold(NATION), false, 0, SMALL);
    right.push_str(&ruled(&Run::bold(MOTTO), true, 900, BODY));
    right.push_str(&paragraph(
        &[Run::italic(paper.place_date.clone())],
        Align::Center,
        false,
        None,
        120,
    ));
    // The motto's line needs the room: the header is a little wider than the text.
    let total = TEXT_WIDTH + 800;
    let widths = [total * 9 / 20, total - total * 9 / 20];
    out.push_str(&borderless(&widths, &[left, right]));
}

/// A centred line, followed by a short rule when `rule` is set: an empty, tiny paragraph whose
/// top border is narrowed by `inset` on both sides, so the rule is shorter than the text above
/// it and never squeezes it.
fn ruled(run: &Run, rule: bool, inset: u32, size: u32) -> String {
    let mut out = format!(
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
        run_xml(run, Some(size))
    );
    if rule {
        out.push_str(&format!(
            "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"20\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/><w:ind w:left=\"{inset}\" w:right=\"{inset}\"/><w:rPr><w:sz w:val=\"4\"/></w:rPr></w:pPr></w:p>"
        ));
    }
    out
}

fn signatures(paper: &Paper, out: &mut String) {
    let mut cells = Vec::new();
    let mut widths = Vec::new();
    if !paper.recipients.is_empty() {
        let mut left = paragraph(
            &[Run {
                text: "Nơi nhận:".to_owned(),
                bold: true,
                italic: true,
            }],
            Align::Left,
            false,
            Some(SMALL),
            240,
        );
        for line in &paper.recipients {
            left.push_str(&paragraph(
                &[Run::plain(format!("- {line}"))],
                Align::Left,
                false,
                Some(TINY),
                0,
            ));
        }
        cells.push(left);
        widths.push(TEXT_WIDTH / 2);
    }
    let share = (TEXT_WIDTH - widths.iter().sum::<u32>()) / paper.signers.len().max(1) as u32;
    for signer in &paper.signers {
        let mut cell = String::new();
        for (index, line) in signer.capacity.iter().enumerate() {
            cell.push_str(&paragraph(
                &[Run::bold(line.clone())],
                Align::Center,
                false,
                None,
                if index == 0 { 240 } else { 0 },
            ));
        }
        // Room for the signature and the seal.
        for _ in 0..4 {
            cell.push_str("<w:p/>");
        }
        cell.push_str(&paragraph(
            &[Run::bold(signer.name.clone())],
            Align::Center,
            false,
            None,
            0,
        ));
        cells.push(cell);
        widths.push(share);
    }
    out.push_str(&borderless(&widths, &cells));
}

fn blocks(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.push_str(&paragraph(&p.runs, p.align, p.indent, None, 120)),
            Block::Heading(text) => out.push_str(&paragraph(
                &[Run::bold(text.clone())],
                Align::Left,
                false,
                None,
                120,
            )),
            Block::Table(table) => out.push_str(&bordered(table)),
        }
    }
}

fn paragraph(runs: &[Run], align: Align, indent: bool, size: Option<u32>, before: u32) -> String {
    let jc = match align {
        Align::Justify => "both",
        Align::Center => "center",
        Align::Left => "left",
    };
    let indent = if indent {
        "<w:ind w:firstLine=\"567\"/>"
    } else {
        ""
    };
    let text: String = runs.iter().map(|run| run_xml(run, size)).collect();
    format!(
        "<w:p><w:pPr><w:spacing w:before=\"{before}\" w:after=\"0\"/>{indent}<w:jc w:val=\"{jc}\"/></w:pPr>{text}</w:p>"
    )
}

fn run_xml(run: &Run, size: Option<u32>) -> String {
    let mut properties = String::new();
    if run.bold {
        properties.push_str("<w:b/>");
    }
    if run.italic {
        properties.push_str("<w:i/>");
    }
    if let Some(size) = size {
        properties.push_str(&format!(
            "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
        ));
    }
    format!(
        "<w:r><w:rPr>{properties}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(&run.text)
    )
}

/// A layout table: cells side by side, no lines.
fn borderless(widths: &[u32], cells: &[String]) -> String {
    // Centred on the text area even when wider than it (the header reaches into the margins).
    let total: u32 = widths.iter().sum();
    let indent = -((total.saturating_sub(TEXT_WIDTH) / 2) as i64);
    let grid: String = widths
        .iter()
        .map(|width| format!("<w:gridCol w:w=\"{width}\"/>"))
        .collect();
    let row: String = widths
        .iter()
        .zip(cells)
        .map(|(width, content)| {
            format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>{content}</w:tc>"
            )
        })
        .collect();
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblInd w:w=\"{indent}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid><w:tr>{row}</w:tr></w:tbl>"
    )
}

/// A data table: lines everywhere, the header bold and repeated on every page.
fn bordered(table: &Table) -> String {
    let parts: u32 = table.widths.iter().sum::<u32>().max(1);
    let widths: Vec<u32> = table
        .widths
        .iter()
        .map(|share| TEXT_WIDTH * share / parts)
        .collect();
    let grid: String = widths
        .iter()
        .map(|width| format!("<w:gridCol w:w=\"{width}\"/>"))
        .collect();
    let cell = |width: u32, span: usize, runs: &[Run], align: Align| {
        let span = if span > 1 {
            format!("<w:gridSpan w:val=\"{span}\"/>")
        } else {
            String::new()
        };
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{span}</w:tcPr>{}</w:tc>",
            paragraph(runs, align, false, Some(SMALL), 40)
        )
    };
    let mut rows = String::from("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for (header, width) in table.header.iter().zip(&widths) {
        rows.push_str(&cell(
            *width,
            1,
            &[Run::bold(header.clone())],
            Align::Center,
        ));
    }
    rows.push_str("</w:tr>");
    for row in &table.rows {
        rows.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        match row {
            Row::Group(text) => rows.push_str(&cell(
                TEXT_WIDTH,
                widths.len(),
                &[Run::bold(text.clone())],
                Align::Left,
            )),
            Row::Cells(cells) => {
                for (text, width) in cells.iter().zip(&widths) {
                    rows.push_str(&cell(*width, 1, &[Run::plain(text.clone())], Align::Left));
                }
            }
        }
        rows.push_str("</w:tr>");
    }
    let line = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"";
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders><w:top {line}/><w:left {line}/><w:bottom {line}/><w:right {line}/><w:insideH {line}/><w:insideV {line}/></w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl><w:p/>"
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";

/// Times New Roman 13 pt for every script, Vietnamese as the language (spelling, hyphenation).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style></w:styles>";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::texts::paper::Signer;

    fn paper() -> Paper {
        Paper {
            issuer: vec!["UBND TỈNH TÂY NINH".into(), "SỞ XÂY DỰNG".into()],
            number: "Số: 12/QĐ-SXD".into(),
            place_date: "Tây Ninh, ngày 11 tháng 12 năm 2026".into(),
            kind: "QUYẾT ĐỊNH".into(),
            subject: vec!["Về việc <công nhận> & \u{7}".into()],
            body: vec![Block::text("Điều 1.")],
            recipients: vec!["Như Điều 3;".into()],
            signers: vec![Signer {
                capacity: vec!["GIÁM ĐỐC".into()],
                name: "Võ Minh Đức".into(),
            }],
            annexes: vec![],
        }
    }

    #[test]
    fn the_same_paper_gives_the_same_bytes_and_text_is_escaped() {
        let first = to_docx(&paper()).unwrap();
        assert_eq!(first, to_docx(&paper()).unwrap());
        let xml = document(&[paper()]);
        assert!(
            xml.contains("Về việc &lt;công nhận&gt; &amp; </w:t>"),
            "{xml}"
        );
        assert!(!xml.contains('\u{7}'));
        assert!(xml.contains("w:w=\"11906\" w:h=\"16838\""), "A4");
    }
}
