//! Names and one-line meanings of the titles and roles.

use super::Lang;
use crate::domain::role::Role;
use crate::domain::title::Title;

pub fn name(lang: Lang, title: Title) -> &'static str {
    match (lang, title) {
        (Lang::Vi, Title::Ldtt) => "Lao động tiên tiến",
        (Lang::Vi, Title::Cstdcs) => "Chiến sĩ thi đua cơ sở",
        (Lang::Vi, Title::CstdTinh) => "Chiến sĩ thi đua cấp tỉnh",
        (Lang::Vi, Title::Tldtt) => "Tập thể lao động tiên tiến",
        (Lang::Vi, Title::Tldxs) => "Tập thể lao động xuất sắc",
        (Lang::En, Title::Ldtt) => "Advanced Worker",
        (Lang::En, Title::Cstdcs) => "Grassroots Emulation Fighter",
        (Lang::En, Title::CstdTinh) => "Provincial Emulation Fighter",
        (Lang::En, Title::Tldtt) => "Advanced Collective",
        (Lang::En, Title::Tldxs) => "Excellent Collective",
    }
}

/// What earning the title takes, in one line.
pub fn meaning(lang: Lang, title: Title) -> &'static str {
    match (lang, title) {
        (Lang::Vi, Title::Ldtt) => {
            "hoàn thành tốt nhiệm vụ trở lên, chấp hành tốt chủ trương, chính sách, tích cực học tập"
        }
        (Lang::Vi, Title::Cstdcs) => {
            "đạt Lao động tiên tiến và có sáng kiến, đề tài được công nhận (đăng ký bao gồm cả Lao động tiên tiến)"
        }
        (Lang::Vi, Title::CstdTinh) => {
            "ba năm liên tục đạt Chiến sĩ thi đua cơ sở và có sáng kiến ảnh hưởng trong toàn tỉnh"
        }
        (Lang::Vi, Title::Tldtt) => {
            "đơn vị hoàn thành tốt nhiệm vụ, phần lớn thành viên đạt Lao động tiên tiến"
        }
        (Lang::Vi, Title::Tldxs) => {
            "đơn vị hoàn thành xuất sắc nhiệm vụ, ít nhất 70% đạt Lao động tiên tiến và có Chiến sĩ thi đua cơ sở"
        }
        (Lang::En, Title::Ldtt) => "completes tasks well or better, follows policy, keeps learning",
        (Lang::En, Title::Cstdcs) => {
            "Advanced Worker plus a recognised initiative or research project (includes Advanced Worker)"
        }
        (Lang::En, Title::CstdTinh) => {
            "Grassroots Emulation Fighter three years running plus a province-wide initiative"
        }
        (Lang::En, Title::Tldtt) => {
            "the unit completes its tasks well; most members are Advanced Workers"
        }
        (Lang::En, Title::Tldxs) => {
            "the unit excels; at least 70% Advanced Workers and one Grassroots Emulation Fighter"
        }
    }
}

pub fn role_name(lang: Lang, role: Role) -> &'static str {
    match (lang, role) {
        (Lang::Vi, Role::Staff) => "cán bộ, công chức, viên chức",
        (Lang::Vi, Role::UnitHead) => "trưởng đơn vị",
        (Lang::Vi, Role::Secretary) => "Thường trực Hội đồng Thi đua – Khen thưởng",
        (Lang::Vi, Role::CouncilMember) => "thành viên Hội đồng Thi đua – Khen thưởng",
        (Lang::Vi, Role::Director) => "Giám đốc Sở",
        (Lang::En, Role::Staff) => "staff member",
        (Lang::En, Role::UnitHead) => "unit head",
        (Lang::En, Role::Secretary) => "council secretary",
        (Lang::En, Role::CouncilMember) => "council member",
        (Lang::En, Role::Director) => "director",
        (Lang::Vi, Role::BlockContact) => "người liên hệ của thành viên khối thi đua",
        (Lang::En, Role::BlockContact) => "emulation block contact",
    }
}
