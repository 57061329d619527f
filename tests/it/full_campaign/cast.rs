//! Who takes part: the 24 people of `config/staff.example.csv` (read from the file, so the test
//! follows it), each with a Telegram account, and the plan of what each one registers and
//! reports.

use crate::harness::repo_file;
use thidua::domain::title::Title;

/// One person of the example staff file.
#[derive(Debug, Clone)]
pub struct Member {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub email: String,
    roles: Vec<String>,
    /// Their Telegram account (and private chat): 10 000 + the number in the employee code.
    pub tg: u64,
}

impl Member {
    pub fn has(&self, role: &str) -> bool {
        self.roles.iter().any(|held| held == role)
    }

    /// Whether the person holds exactly `role` and nothing else.
    pub fn roles_are_only(&self, role: &str) -> bool {
        self.roles == [role]
    }

    pub fn is_head(&self) -> bool {
        self.has("unit_head")
    }

    /// The individual title this person registers.
    pub fn title(&self) -> Title {
        if basis(&self.code).is_some() {
            Title::Cstdcs
        } else {
            Title::Ldtt
        }
    }

    /// What backs a CSTĐCS registration: an excellent rating or a recognised initiative.
    pub fn basis(&self) -> Option<Basis> {
        basis(&self.code)
    }
}

/// Reads the example staff file (plain CSV without quoted fields).
pub fn staff() -> Vec<Member> {
    let text = std::fs::read_to_string(repo_file("config/staff.example.csv")).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 8, "{line}");
            let number: u64 = fields[0].trim_start_matches("NV").parse().unwrap();
            Member {
                code: fields[0].to_owned(),
                name: fields[1].to_owned(),
                unit: fields[2].to_owned(),
                email: fields[4].to_owned(),
                roles: fields[7].split(';').map(str::to_owned).collect(),
                tg: 10_000 + number,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
pub enum Basis {
    /// Rated "hoàn thành xuất sắc nhiệm vụ" (enough for CSTĐCS under luat-2022).
    Excellent,
    /// An initiative recognised by a decision: (title, decision number).
    Initiative(&'static str, &'static str),
}

/// One CSTĐCS registrant in each unit (two in QHPTDT), half of them with an initiative; everyone
/// else registers LĐTT.
fn basis(code: &str) -> Option<Basis> {
    Some(match code {
        "NV004" => Basis::Initiative("Số hóa hồ sơ lưu trữ của Văn phòng", "45/QĐ-SXD"),
        "NV006" => Basis::Excellent,
        "NV010" => Basis::Initiative("Bản đồ số quy hoạch đô thị", "46/QĐ-SXD"),
        "NV012" => Basis::Excellent,
        "NV015" => Basis::Initiative("Kiểm tra công trình trực tuyến", "47/QĐ-SXD"),
        "NV018" => Basis::Excellent,
        "NV022" => Basis::Initiative("Phần mềm quản lý mẫu thí nghiệm", "48/QĐ-SXD"),
        _ => return None,
    })
}

/// The collective title each head registers for the unit.
pub fn collective(unit: &str) -> Title {
    match unit {
        "VP" | "QHPTDT" | "QLNVLXD" => Title::Tldxs,
        _ => Title::Tldtt,
    }
}

/// Council members voting "Không đồng ý" on a nominee: two against Đỗ Thị Phương Thảo (6/8,
/// under 80% of the council: not recognised), one against Nguyễn Hữu Nghĩa (7/8: recognised).
pub fn votes_against(nominee: &str, voter: &str) -> bool {
    matches!(
        (nominee, voter),
        ("NV018", "NV006") | ("NV018", "NV009") | ("NV022", "NV013")
    )
}

/// The CSTĐCS nominee the council does not pass: the only one of QLNVLXD, whose TLĐXS (at
/// least one CSTĐCS member) then fails with it.
pub const FAILS_BALLOT: &str = "NV018";
pub const LOSES_COLLECTIVE: &str = "QLNVLXD";

pub fn vi(title: Title) -> &'static str {
    thidua::texts::titles::name(thidua::domain::language::Lang::Vi, title)
}
