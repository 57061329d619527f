//! The council meeting's minutes (biên bản họp Hội đồng Thi đua – Khen thưởng) as a simple,
//! printable HTML page: the administrative header, the ballot's frame, the count per nominee
//! against the threshold of the whole membership, and the signature blocks. Counts only: the
//! minutes never say who voted how.

use super::{date, local_date, nomination_status, title};
use crate::domain::title::Title;
use crate::storage::exports::{BallotFrame, DecisionRow, NominationRow};

/// Everything the minutes show, gathered by the caller.
pub struct Minutes<'a> {
    pub department: &'a str,
    pub year: i32,
    pub frame: Option<&'a BallotFrame>,
    pub members: &'a [String],
    /// Each ballot title with its approval share in percent, e.g. (CSTĐCS, 80.0).
    pub thresholds: &'a [(Title, f64)],
    pub rows: &'a [NominationRow],
    pub unit_name: &'a dyn Fn(&str) -> String,
    pub approval: Option<&'a DecisionRow>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn who(row: &NominationRow, unit_name: &dyn Fn(&str) -> String) -> String {
    row.full_name
        .clone()
        .unwrap_or_else(|| format!("Tập thể {}", unit_name(&row.unit_code)))
}

pub fn html(minutes: &Minutes<'_>) -> String {
    let unit_name = minutes.unit_name;
    let mut page = String::from(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n<title>Biên bản họp Hội đồng Thi đua – Khen thưởng</title>\n<style>\nbody{font-family:'Times New Roman',serif;font-size:13pt;margin:2cm;}\ntable{border-collapse:collapse;width:100%;margin:8pt 0;}\nth,td{border:1px solid #000;padding:3pt 5pt;vertical-align:top;}\n.head{display:flex;justify-content:space-between;text-align:center;}\n.center{text-align:center;} .sign{display:flex;justify-content:space-around;margin-top:30pt;text-align:center;}\n@media print{body{margin:1.5cm;}}\n</style></head><body>\n",
    );
    page.push_str(&format!(
        "<div class=\"head\"><div><b>{}</b><br><b>HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG</b></div><div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập – Tự do – Hạnh phúc</b></div></div>\n",
        escape(&minutes.department.to_uppercase())
    ));
    page.push_str(&format!(
        "<h2 class=\"center\">BIÊN BẢN</h2>\n<p class=\"center\"><b>Họp Hội đồng Thi đua – Khen thưởng xét danh hiệu thi đua năm {}</b></p>\n",
        minutes.year
    ));
    match minutes.frame {
        Some(frame) => {
            let closed = frame
                .closed_at
                .map(local_date)
                .unwrap_or_else(|| "(chưa kết thúc)".into());
            page.push_str(&format!(
                "<p>Thời gian bỏ phiếu kín: từ ngày {} đến ngày {closed}.</p>\n<p>Tổng số thành viên Hội đồng: <b>{}</b>. Số thành viên tham gia bỏ phiếu: <b>{}</b> (trong đó {} thành viên vắng mặt gửi phiếu bằng văn bản).</p>\n",
                local_date(frame.opened_at),
                frame.membership,
                frame.voters,
                frame.written_voters
            ));
        }
        None => page.push_str("<p>Năm nay không có danh hiệu nào phải bỏ phiếu kín.</p>\n"),
    }
    if !minutes.members.is_empty() {
        let names: Vec<String> = minutes.members.iter().map(|name| escape(name)).collect();
        page.push_str(&format!(
            "<p>Thành viên Hội đồng: {}.</p>\n",
            names.join("; ")
        ));
    }
    page.push_str("<p>Hình thức: bỏ phiếu kín. Tỷ lệ đồng ý được tính trên tổng số thành viên Hội đồng:</p>\n<ul>\n");
    for (threshold_title, percent) in minutes.thresholds {
        page.push_str(&format!(
            "<li>{}: từ {:.0}% tổng số thành viên trở lên;</li>\n",
            escape(title(threshold_title.code()).as_str()),
            percent
        ));
    }
    page.push_str("</ul>\n<h3>I. Kết quả kiểm phiếu</h3>\n<table><tr><th>STT</th><th>Cá nhân / Tập thể</th><th>Đơn vị</th><th>Danh hiệu</th><th>Đồng ý</th><th>Không đồng ý</th><th>Tỷ lệ đồng ý</th><th>Kết quả</th></tr>\n");
    let balloted = minutes
        .rows
        .iter()
        .filter(|row| row.membership.is_some() && row.ballot_yes.is_some());
    for (index, row) in balloted.enumerate() {
        let membership = row.membership.unwrap_or(0);
        let yes = row.ballot_yes.unwrap_or(0);
        let share = if membership > 0 {
            yes as f64 * 100.0 / membership as f64
        } else {
            0.0
        };
        page.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{yes}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            index + 1,
            escape(&who(row, unit_name)),
            escape(&unit_name(&row.unit_code)),
            escape(&title(&row.title)),
            row.ballot_no.unwrap_or(0),
            crate::texts::common::percent(crate::texts::Lang::Vi, share),
            nomination_status(&row.status)
        ));
    }
    page.push_str("</table>\n<h3>II. Các danh hiệu không phải bỏ phiếu kín (hợp lệ sau thẩm định)</h3>\n<table><tr><th>STT</th><th>Cá nhân / Tập thể</th><th>Đơn vị</th><th>Danh hiệu</th><th>Kết quả</th></tr>\n");
    let others = minutes.rows.iter().filter(|row| {
        row.membership.is_none() && matches!(row.status.as_str(), "valid" | "approved" | "rejected")
    });
    for (index, row) in others.enumerate() {
        page.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            index + 1,
            escape(&who(row, unit_name)),
            escape(&unit_name(&row.unit_code)),
            escape(&title(&row.title)),
            nomination_status(&row.status)
        ));
    }
    page.push_str("</table>\n");
    if let Some(approval) = minutes.approval {
        page.push_str(&format!(
            "<p>Kết quả đã được Giám đốc Sở phê duyệt tại Quyết định số {} ngày {}.</p>\n",
            escape(approval.number.as_deref().unwrap_or("")),
            approval.decided_on.map(date).unwrap_or_default()
        ));
    }
    page.push_str("<p>Biên bản được lập thành 02 bản, có giá trị như nhau.</p>\n<div class=\"sign\"><div><b>THƯ KÝ HỘI ĐỒNG</b><br><i>(Ký, ghi rõ họ tên)</i></div><div><b>CHỦ TỊCH HỘI ĐỒNG</b><br><i>(Ký, ghi rõ họ tên)</i></div></div>\n</body></html>\n");
    page
}
