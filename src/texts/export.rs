//! Vietnamese words of the exported sheets, the published result files and the minutes:
//! sheet names, column headers, statuses. Exports are official records, so they are in
//! Vietnamese only.

use crate::domain::title::Title;
use chrono::{DateTime, NaiveDate, Utc};

/// dd/mm/yyyy, as every Vietnamese form writes a date.
pub fn date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// An instant as its local (Asia/Ho_Chi_Minh) date, dd/mm/yyyy.
/// The day an instant falls on in Vietnam.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive()
}

pub fn local_date(at: DateTime<Utc>) -> String {
    date(at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive())
}

pub fn title(code: &str) -> String {
    Title::parse(code)
        .map(|title| super::titles::name(super::Lang::Vi, title).to_owned())
        .unwrap_or_else(|_| code.to_owned())
}

pub fn registration_status(code: &str) -> &'static str {
    match code {
        "registered" => "Đã đăng ký",
        "withdrawn" => "Đã rút",
        _ => "Không rõ",
    }
}

pub fn assessment_status(code: &str) -> &'static str {
    match code {
        "draft" => "Đang soạn",
        "submitted" => "Đã nộp, chờ duyệt",
        "approved" => "Đã duyệt",
        "returned" => "Trả lại",
        _ => "Không rõ",
    }
}

pub fn rating(code: &str) -> &'static str {
    match code {
        "excellent" => "Hoàn thành xuất sắc nhiệm vụ",
        "good" => "Hoàn thành tốt nhiệm vụ",
        "completed" => "Hoàn thành nhiệm vụ",
        "not_completed" => "Không hoàn thành nhiệm vụ",
        _ => "",
    }
}

pub fn meeting_status(code: &str) -> &'static str {
    match code {
        "recorded" => "Đang lập biên bản",
        "submitted" => "Đã gửi Thường trực",
        "reopened" => "Được mở lại",
        _ => "Không rõ",
    }
}

pub fn nomination_status(code: &str) -> &'static str {
    match code {
        "proposed" => "Chờ thẩm định",
        "valid" => "Hợp lệ",
        "returned" => "Trả lại",
        "passed" => "Đạt (bỏ phiếu)",
        "failed" => "Không đạt",
        "approved" => "Được công nhận",
        "rejected" => "Không được công nhận",
        _ => "Không rõ",
    }
}

/// The status as the files word it: an approved title the province decides reads as proposed
/// upward, never as recognised.
pub fn nomination_outcome(title: &str, status: &str) -> &'static str {
    if status == "approved" && Title::code_decided_upward(title) {
        "Đề nghị cấp trên xét tặng"
    } else {
        nomination_status(status)
    }
}

pub fn decision_outcome(code: &str) -> &'static str {
    match code {
        "approved" => "Phê duyệt",
        "sent_back" => "Trả lại Thường trực",
        _ => "Không rõ",
    }
}

pub fn no_such_campaign(year: i32) -> String {
    format!("Không có đợt thi đua năm {year}. / There is no campaign for {year}.")
}

pub const INDIVIDUAL: &str = "Cá nhân";
pub const COLLECTIVE: &str = "Tập thể";

/// (sheet name, CSV file stem, headers) of each exported table.
pub const REGISTRATIONS: (&str, &str, &[&str]) = (
    "Đăng ký",
    "dang-ky",
    &[
        "Mã cán bộ",
        "Cá nhân / Tập thể",
        "Tên",
        "Đơn vị",
        "Danh hiệu đăng ký",
        "Trạng thái",
        "Ngày cập nhật",
    ],
);
pub const ASSESSMENTS: (&str, &str, &[&str]) = (
    "Tự đánh giá",
    "tu-danh-gia",
    &[
        "Mã cán bộ",
        "Họ và tên",
        "Đơn vị",
        "Trạng thái",
        "Lần nộp",
        "Ngày nộp",
        "Tự xếp loại",
        "Ngày duyệt",
        "Tóm tắt thành tích",
        "Sáng kiến",
        "Minh chứng",
    ],
);

/// An assessment's initiatives for its sheet: "Tên (QĐ số …, ngày …, cấp …)", one per line.
pub fn initiatives(list: &[crate::domain::assessment::Initiative]) -> String {
    list.iter()
        .map(|item| {
            let level = match item.scope {
                Some(crate::domain::rules::InitiativeScope::Province) => "cấp tỉnh",
                _ => "cấp cơ sở",
            };
            format!(
                "{} (QĐ số {} ngày {}, {level})",
                item.title,
                item.decision_number,
                date(item.decision_date)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
pub const MEETINGS: (&str, &str, &[&str]) = (
    "Họp bình xét",
    "hop-binh-xet",
    &[
        "Đơn vị",
        "Ngày họp",
        "Số thành viên",
        "Số có mặt",
        "Trạng thái",
        "Xếp loại tập thể",
    ],
);
pub const NOMINATIONS: (&str, &str, &[&str]) = (
    "Đề nghị",
    "de-nghi",
    &[
        "Đơn vị",
        "Mã cán bộ",
        "Cá nhân / Tập thể",
        "Danh hiệu",
        "Số phiếu tại đơn vị",
        "Trạng thái",
        "Ý kiến thẩm định",
    ],
);
pub const BALLOT: (&str, &str, &[&str]) = (
    "Kết quả bỏ phiếu",
    "ket-qua-bo-phieu",
    &[
        "Đơn vị",
        "Cá nhân / Tập thể",
        "Danh hiệu",
        "Tổng số thành viên Hội đồng",
        "Đồng ý",
        "Không đồng ý",
        "Tỷ lệ đồng ý (%)",
        "Kết quả",
    ],
);
pub const DECISIONS: (&str, &str, &[&str]) = (
    "Quyết định",
    "quyet-dinh",
    &[
        "Kết quả",
        "Số quyết định",
        "Ngày quyết định",
        "Ý kiến",
        "Người quyết định",
        "Ngày ghi nhận",
    ],
);
/// Every fact of the award history, whatever its year: the basis of multi-year criteria.
pub const HISTORY: (&str, &str, &[&str]) = (
    "Lịch sử khen thưởng",
    "lich-su-khen-thuong",
    &[
        "Mã cán bộ / đơn vị",
        "Họ và tên / Tên đơn vị",
        "Năm",
        "Danh hiệu, hình thức, xếp loại, kỷ luật, sáng kiến",
        "Số quyết định",
        "Ngày quyết định",
        "Kỷ luật đến hết ngày",
        "Nội dung",
        "Đã dùng làm căn cứ cho",
        "Nguồn",
    ],
);

/// Where a history row came from.
pub fn history_source(source: crate::domain::history::Source) -> &'static str {
    match source {
        crate::domain::history::Source::Import => "Nhập từ hồ sơ các năm trước",
        crate::domain::history::Source::Campaign => "Đợt thi đua trên hệ thống",
    }
}

/// The recognised titles attached to the e-mails to the units and the province.
pub const PUBLIC_RESULTS: (&str, &str, &[&str]) = (
    "Kết quả thi đua",
    "ket-qua-thi-dua",
    &[
        "STT",
        "Đơn vị",
        "Cá nhân / Tập thể",
        "Danh hiệu",
        "Hình thức",
        "Số quyết định",
        "Ngày quyết định",
    ],
);

pub mod minutes;

pub const BLOCK_RANKING: (&str, &str, &[&str]) = (
    "Khối thi đua – xếp hạng",
    "khoi-thi-dua-xep-hang",
    &[
        "Khối thi đua",
        "Mã thành viên",
        "Thành viên",
        "Nhiệm vụ trong khối",
        "Người liên hệ",
        "Tình trạng bảng điểm",
        "Tổng điểm",
        "Xếp hạng",
        "Đề nghị",
        "Kết quả",
    ],
);

pub const BLOCK_SCORES: (&str, &str, &[&str]) = (
    "Khối thi đua – bảng điểm",
    "khoi-thi-dua-bang-diem",
    &[
        "Khối thi đua",
        "Mã thành viên",
        "Thành viên",
        "Tiêu chí",
        "Nội dung tiêu chí",
        "Điểm tối đa",
        "Tự chấm",
        "Sau kiểm tra",
        "Lý do điều chỉnh",
    ],
);

pub fn block_duty(duty: crate::domain::block::Duty) -> &'static str {
    match duty {
        crate::domain::block::Duty::Leader => "Trưởng khối",
        crate::domain::block::Duty::Deputy => "Phó khối",
        crate::domain::block::Duty::Member => "Thành viên",
    }
}

pub fn block_result(result: Option<&str>) -> &'static str {
    match result {
        Some("awarded") => "Được tặng",
        Some("not_awarded") => "Không được tặng",
        Some(_) => "Chờ quyết định",
        None => "",
    }
}
