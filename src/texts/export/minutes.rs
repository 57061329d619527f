//! The council meeting's minutes (biên bản họp Hội đồng Thi đua – Khen thưởng) as a simple,
//! printable HTML page: the administrative header, the ballot's frame, the count per nominee
//! against the threshold of the whole membership, and the signature blocks. Counts only: the
//! minutes never say who voted how.

use super::{date, nomination_status, title};
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
    /// The place line's place ("Tây Ninh"); empty leaves a line to fill in.
    pub place: &'a str,
    /// The council's chair (the director) and secretary, for the signature blocks.
    pub chair: Option<&'a str>,
    pub secretary: Option<&'a str>,
}

/// What the council decided about a nominee, as its minutes say it: the council only
/// recommends; recognising is the director's (or the province's) decision.
fn council_result(row: &NominationRow) -> &'static str {
    match (row.membership.is_some(), row.status.as_str()) {
        (true, "failed") => "Không đạt",
        (true, "passed" | "approved" | "rejected") => "Đạt, đề nghị công nhận",
        (false, "valid" | "approved" | "rejected") => "Hợp lệ, đề nghị công nhận",
        (_, other) => nomination_status(other),
    }
}

/// "ngày 08/12/2026, từ 08:00 đến 10:30", or the two days with their times.
fn ballot_span(
    opened: chrono::DateTime<chrono::Utc>,
    closed: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh);
    let opened = local(opened);
    match closed.map(local) {
        None => format!(
            "từ {} ngày {} (chưa kết thúc)",
            opened.format("%H:%M"),
            opened.format("%d/%m/%Y")
        ),
        Some(closed) if closed.date_naive() == opened.date_naive() => format!(
            "ngày {}, từ {} đến {}",
            opened.format("%d/%m/%Y"),
            opened.format("%H:%M"),
            closed.format("%H:%M")
        ),
        Some(closed) => format!(
            "từ {} ngày {} đến {} ngày {}",
            opened.format("%H:%M"),
            opened.format("%d/%m/%Y"),
            closed.format("%H:%M"),
            closed.format("%d/%m/%Y")
        ),
    }
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
    // The number is the secretary's to give when the minutes are registered; the date is the
    // ballot's close (or left to fill in).
    let day = minutes
        .frame
        .and_then(|frame| frame.closed_at)
        .map(|at| at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive());
    let place = if minutes.place.trim().is_empty() {
        "……………".to_owned()
    } else {
        escape(minutes.place.trim())
    };
    let dated = match day {
        Some(day) => format!(
            "{place}, ngày {} tháng {} năm {}",
            day.format("%d"),
            day.format("%m"),
            day.format("%Y")
        ),
        None => format!("{place}, ngày …… tháng …… năm {}", minutes.year),
    };
    page.push_str(&format!(
        "<div class=\"head\"><div>Số: ……/BB-HĐTĐKT</div><div><i>{dated}</i></div></div>\n<h2 class=\"center\">BIÊN BẢN</h2>\n<p class=\"center\"><b>Họp Hội đồng Thi đua – Khen thưởng xét danh hiệu thi đua năm {}</b></p>\n",
        minutes.year
    ));
    let chair = minutes.chair.map(escape).unwrap_or_else(|| "……………".into());
    let secretary = minutes
        .secretary
        .map(escape)
        .unwrap_or_else(|| "……………".into());
    page.push_str(&format!(
        "<p>Địa điểm: ……………………</p>\n<p>Chủ trì: {chair}, Chủ tịch Hội đồng. Thư ký: {secretary}.</p>\n"
    ));
    match minutes.frame {
        Some(frame) => {
            let written = if frame.written_voters > 0 {
                format!(
                    " (trong đó {} thành viên vắng mặt gửi phiếu bằng văn bản)",
                    frame.written_voters
                )
            } else {
                String::new()
            };
            page.push_str(&format!(
                "<p>Thời gian bỏ phiếu kín: {}.</p>\n<p>Tổng số thành viên Hội đồng: <b>{}</b>. Số thành viên tham gia bỏ phiếu: <b>{}</b>{written}.</p>\n",
                ballot_span(frame.opened_at, frame.closed_at),
                frame.membership,
                frame.voters,
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
    let heading = if minutes.frame.is_some() {
        // The ballot's form and thresholds, and its count, only when there was a ballot.
        page.push_str("<p>Hình thức: bỏ phiếu kín. Tỷ lệ đồng ý được tính trên tổng số thành viên Hội đồng:</p>\n<ul>\n");
        for (threshold_title, percent) in minutes.thresholds {
            page.push_str(&format!(
                "<li>{}: từ {} tổng số thành viên trở lên;</li>\n",
                escape(title(threshold_title.code()).as_str()),
                crate::texts::common::percent(crate::texts::Lang::Vi, *percent)
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
                council_result(row)
            ));
        }
        page.push_str("</table>\n");
        "II. Các danh hiệu không phải bỏ phiếu kín (hợp lệ sau thẩm định)"
    } else {
        "Các danh hiệu đề nghị công nhận (hợp lệ sau thẩm định)"
    };
    page.push_str(&format!("<h3>{heading}</h3>\n<table><tr><th>STT</th><th>Cá nhân / Tập thể</th><th>Đơn vị</th><th>Danh hiệu</th><th>Kết quả</th></tr>\n"));
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
            council_result(row)
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
    page.push_str(&format!("<p>Biên bản được lập thành 02 bản, có giá trị như nhau.</p>\n<div class=\"sign\"><div><b>THƯ KÝ HỘI ĐỒNG</b><br><i>(Ký, ghi rõ họ tên)</i><br><br><br><b>{secretary}</b></div><div><b>CHỦ TỊCH HỘI ĐỒNG</b><br><i>(Ký, ghi rõ họ tên)</i><br><br><br><b>{chair}</b></div></div>\n</body></html>\n"));
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn row(name: &str, title: &str, status: &str, ballot: Option<(i64, i64)>) -> NominationRow {
        NominationRow {
            id: 1,
            unit_code: "VP".into(),
            employee_code: Some("VP02".into()),
            full_name: Some(name.into()),
            person_id: Some(2),
            title: title.into(),
            meeting_yes_votes: Some(3),
            status: status.into(),
            appraisal_note: None,
            ballot_yes: ballot.map(|(yes, _)| yes),
            ballot_no: ballot.map(|(_, no)| no),
            membership: ballot.map(|(yes, no)| yes + no),
        }
    }

    fn page(frame: Option<&BallotFrame>, rows: &[NominationRow]) -> String {
        html(&Minutes {
            department: "Sở Xây dựng tỉnh Tây Ninh",
            year: 2026,
            frame,
            members: &[],
            thresholds: &[(Title::Cstdcs, 80.0)],
            rows,
            unit_name: &|_| "Văn phòng".to_owned(),
            approval: None,
            place: "Tây Ninh",
            chair: Some("Võ Minh Đức"),
            secretary: Some("Lê Quốc Bảo"),
        })
    }

    #[test]
    fn a_one_day_ballot_reads_as_one_day_and_the_council_only_recommends() {
        // 08:00 to 10:30 in Vietnam on 8 December.
        let frame = BallotFrame {
            membership: 4,
            opened_at: chrono::Utc.with_ymd_and_hms(2026, 12, 8, 1, 0, 0).unwrap(),
            closed_at: Some(chrono::Utc.with_ymd_and_hms(2026, 12, 8, 3, 30, 0).unwrap()),
            voters: 4,
            written_voters: 0,
        };
        let rows = [
            row("Nguyễn Thị Mai", "CSTDCS", "approved", Some((4, 0))),
            row("Phạm Thị Lan", "CSTDCS", "failed", Some((2, 2))),
        ];
        let page = page(Some(&frame), &rows);
        assert!(
            page.contains("Thời gian bỏ phiếu kín: ngày 08/12/2026, từ 08:00 đến 10:30."),
            "{page}"
        );
        assert!(!page.contains("đến ngày"));
        assert!(
            !page.contains("trong đó 0"),
            "no written votes: nothing to say"
        );
        assert!(page.contains("Tây Ninh, ngày 08 tháng 12 năm 2026"));
        assert!(page.contains("Chủ trì: Võ Minh Đức, Chủ tịch Hội đồng. Thư ký: Lê Quốc Bảo."));
        assert!(
            page.contains("<td>100%</td><td>Đạt, đề nghị công nhận</td>"),
            "{page}"
        );
        assert!(page.contains("<td>50%</td><td>Không đạt</td>"));
        assert!(!page.contains("Được công nhận"));
    }

    #[test]
    fn without_a_ballot_the_minutes_say_so_once_and_show_no_ballot_form() {
        let rows = [row("Nguyễn Thị Mai", "LDTT", "approved", None)];
        let page = page(None, &rows);
        assert!(page.contains("Năm nay không có danh hiệu nào phải bỏ phiếu kín."));
        assert!(!page.contains("Hình thức: bỏ phiếu kín"), "{page}");
        assert!(!page.contains("Kết quả kiểm phiếu"));
        assert!(page.contains("<h3>Các danh hiệu đề nghị công nhận (hợp lệ sau thẩm định)</h3>"));
        assert!(page.contains("Hợp lệ, đề nghị công nhận"));
        assert!(page.contains("Tây Ninh, ngày …… tháng …… năm 2026"));
    }
}
