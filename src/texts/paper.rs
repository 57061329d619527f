//! A paper the secretary signs, as data: the administrative layout of Decree 30/2020/NĐ-CP on
//! document work (the issuing body and the national motto side by side, the number and symbol
//! under the body, the place and date line under the motto, the kind and the subject centred,
//! the body, then "Nơi nhận" on the left and the signer on the right), and annexes after a page
//! break (a "danh sách kèm theo"). `export::docx` writes it as a Word document and
//! [`html`] as a printable page, so the words live here once, whatever the file.

pub mod html;

use chrono::NaiveDate;

/// The national motto block, as the decree writes it.
pub const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// What a reader writes in by hand: a number not yet given, a name not yet known.
pub const BLANK: &str = "……";

#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    /// The issuing body's lines, top left: the body above it first ("UBND TỈNH TÂY NINH"), the
    /// issuer itself last ("SỞ XÂY DỰNG", in bold).
    pub issuer: Vec<String>,
    /// "Số: 125/QĐ-SXD", or "Số: ……/TTr-HĐTĐKT" while the number is to be given.
    pub number: String,
    /// "Tây Ninh, ngày 11 tháng 12 năm 2026".
    pub place_date: String,
    /// The kind, in capitals ("QUYẾT ĐỊNH", "TỜ TRÌNH", "BIÊN BẢN").
    pub kind: String,
    /// The subject under the kind ("Về việc công nhận danh hiệu thi đua năm 2026").
    pub subject: Vec<String>,
    pub body: Vec<Block>,
    /// "Nơi nhận:" and its lines; empty for papers without (the minutes).
    pub recipients: Vec<String>,
    pub signers: Vec<Signer>,
    pub annexes: Vec<Annex>,
}

/// One signature block: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" above, the name below.
#[derive(Debug, Clone, PartialEq)]
pub struct Signer {
    pub capacity: Vec<String>,
    pub name: String,
}

/// A list that goes with the paper, on its own pages ("DANH SÁCH … kèm theo Quyết định số …").
#[derive(Debug, Clone, PartialEq)]
pub struct Annex {
    pub heading: Vec<String>,
    pub body: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    /// A heading inside the body ("I. KẾT QUẢ KIỂM PHIẾU"), bold, left.
    Heading(String),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub align: Align,
    /// The body's paragraphs open with an indented first line; centred lines don't.
    pub indent: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Center,
    Left,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    /// Each column's share of the width, in whole parts (they need not add up to 100).
    pub widths: Vec<u32>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A bold line across every column ("I. Danh hiệu Chiến sĩ thi đua cơ sở").
    Group(String),
    Cells(Vec<String>),
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }
}

impl Block {
    /// A body paragraph: justified, its first line indented.
    pub fn text(text: impl Into<String>) -> Block {
        Block::runs(vec![Run::plain(text)])
    }

    pub fn runs(runs: Vec<Run>) -> Block {
        Block::Paragraph(Paragraph {
            runs,
            align: Align::Justify,
            indent: true,
        })
    }

    /// A centred line ("QUYẾT ĐỊNH:", "GIÁM ĐỐC SỞ XÂY DỰNG").
    pub fn centred(run: Run) -> Block {
        Block::Paragraph(Paragraph {
            runs: vec![run],
            align: Align::Center,
            indent: false,
        })
    }
}

impl Paper {
    /// Every word of the paper in reading order, one block per line: what a reader checks and
    /// what a golden file pins (the structure and the words, not the typography).
    pub fn outline(&self) -> String {
        let mut lines = Vec::new();
        lines.extend(self.issuer.iter().cloned());
        lines.push(self.number.clone());
        lines.push(NATION.to_owned());
        lines.push(MOTTO.to_owned());
        lines.push(self.place_date.clone());
        lines.push(format!("# {}", self.kind));
        lines.extend(self.subject.iter().cloned());
        outline_blocks(&self.body, &mut lines);
        if !self.recipients.is_empty() {
            lines.push("Nơi nhận:".to_owned());
            lines.extend(self.recipients.iter().map(|line| format!("- {line}")));
        }
        for signer in &self.signers {
            lines.push(format!("[{}] {}", signer.capacity.join(" / "), signer.name));
        }
        for annex in &self.annexes {
            lines.push("---".to_owned());
            lines.extend(annex.heading.iter().cloned());
            outline_blocks(&annex.body, &mut lines);
        }
        lines.join("\n") + "\n"
    }
}

fn outline_blocks(blocks: &[Block], lines: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) => lines.push(
                paragraph
                    .runs
                    .iter()
                    .map(|run| run.text.as_str())
                    .collect::<String>(),
            ),
            Block::Heading(text) => lines.push(format!("## {text}")),
            Block::Table(table) => {
                lines.push(format!("| {} |", table.header.join(" | ")));
                for row in &table.rows {
                    match row {
                        Row::Group(text) => lines.push(format!("|= {text}")),
                        Row::Cells(cells) => lines.push(format!("| {} |", cells.join(" | "))),
                    }
                }
            }
        }
    }
}

/// "Tây Ninh, ngày 08 tháng 12 năm 2026", or with blanks for the day while it is not yet
/// known (a paper prepared before it is signed).
pub fn place_date(place: &str, day: Option<NaiveDate>, year: i32) -> String {
    let place = if place.trim().is_empty() {
        "……………"
    } else {
        place.trim()
    };
    match day {
        Some(day) => format!(
            "{place}, ngày {} tháng {} năm {}",
            day.format("%d"),
            day.format("%m"),
            day.format("%Y")
        ),
        None => format!("{place}, ngày {BLANK} tháng {BLANK} năm {year}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_line_writes_the_day_in_words_or_leaves_it_to_fill_in() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert_eq!(
            place_date("Tây Ninh", Some(day), 2026),
            "Tây Ninh, ngày 08 tháng 12 năm 2026"
        );
        assert_eq!(
            place_date(" ", None, 2026),
            "……………, ngày …… tháng …… năm 2026"
        );
    }
}
