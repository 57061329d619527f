//! A paper as a printable HTML page (open it in a browser and print), laid out like its Word
//! twin: Times New Roman, the two header columns, the signer on the right.

use super::{Align, Block, Paper, Row, Run};

const STYLE: &str = "body{font-family:'Times New Roman',serif;font-size:13pt;margin:2cm;}\n\
table{border-collapse:collapse;width:100%;margin:8pt 0;}\n\
th,td{border:1px solid #000;padding:3pt 5pt;vertical-align:top;}\n\
.head{display:flex;justify-content:space-between;text-align:center;}\n\
.center{text-align:center;} .justify{text-align:justify;text-indent:1cm;}\n\
.sign{display:flex;justify-content:space-between;margin-top:24pt;}\n\
.signer{text-align:center;min-width:40%;} .annex{break-before:page;}\n\
@media print{body{margin:1.5cm;}}\n";

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn page(paper: &Paper) -> String {
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style></head><body>\n",
        escape(&format!("{} {}", paper.kind, paper.subject.join(" ")))
    );
    let issuer: Vec<String> = paper
        .issuer
        .iter()
        .map(|line| format!("<b>{}</b>", escape(line)))
        .collect();
    page.push_str(&format!(
        "<div class=\"head\"><div>{}<br>———<br>{}</div><div><b>{}</b><br><b>{}</b><br>———<br><i>{}</i></div></div>\n",
        issuer.join("<br>"),
        escape(&paper.number),
        escape(super::NATION),
        escape(super::MOTTO),
        escape(&paper.place_date)
    ));
    page.push_str(&format!(
        "<h2 class=\"center\">{}</h2>\n",
        escape(&paper.kind)
    ));
    for line in &paper.subject {
        page.push_str(&format!(
            "<p class=\"center\"><b>{}</b></p>\n",
            escape(line)
        ));
    }
    blocks(&paper.body, &mut page);
    page.push_str("<div class=\"sign\"><div>");
    if !paper.recipients.is_empty() {
        page.push_str("<b><i>Nơi nhận:</i></b>");
        for line in &paper.recipients {
            page.push_str(&format!("<br>- {}", escape(line)));
        }
    }
    page.push_str("</div>");
    for signer in &paper.signers {
        let capacity: Vec<String> = signer
            .capacity
            .iter()
            .map(|line| format!("<b>{}</b>", escape(line)))
            .collect();
        page.push_str(&format!(
            "<div class=\"signer\">{}<br><i>(Ký, ghi rõ họ tên)</i><br><br><br><b>{}</b></div>",
            capacity.join("<br>"),
            escape(&signer.name)
        ));
    }
    page.push_str("</div>\n");
    for annex in &paper.annexes {
        page.push_str("<div class=\"annex\">\n");
        for line in &annex.heading {
            page.push_str(&format!(
                "<p class=\"center\"><b>{}</b></p>\n",
                escape(line)
            ));
        }
        blocks(&annex.body, &mut page);
        page.push_str("</div>\n");
    }
    page.push_str("</body></html>\n");
    page
}

fn runs(runs: &[Run]) -> String {
    runs.iter()
        .map(|run| {
            let text = escape(&run.text);
            match (run.bold, run.italic) {
                (true, true) => format!("<b><i>{text}</i></b>"),
                (true, false) => format!("<b>{text}</b>"),
                (false, true) => format!("<i>{text}</i>"),
                (false, false) => text,
            }
        })
        .collect()
}

fn blocks(blocks: &[Block], page: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) => {
                let class = match (paragraph.align, paragraph.indent) {
                    (Align::Center, _) => " class=\"center\"",
                    (_, true) => " class=\"justify\"",
                    _ => "",
                };
                page.push_str(&format!("<p{class}>{}</p>\n", runs(&paragraph.runs)));
            }
            Block::Heading(text) => page.push_str(&format!("<h3>{}</h3>\n", escape(text))),
            Block::Table(table) => {
                page.push_str("<table><tr>");
                for header in &table.header {
                    page.push_str(&format!("<th>{}</th>", escape(header)));
                }
                page.push_str("</tr>\n");
                for row in &table.rows {
                    match row {
                        Row::Group(text) => page.push_str(&format!(
                            "<tr><td colspan=\"{}\"><b>{}</b></td></tr>\n",
                            table.header.len(),
                            escape(text)
                        )),
                        Row::Cells(cells) => {
                            page.push_str("<tr>");
                            for cell in cells {
                                page.push_str(&format!("<td>{}</td>", escape(cell)));
                            }
                            page.push_str("</tr>\n");
                        }
                    }
                }
                page.push_str("</table>\n");
            }
        }
    }
}
