//! What `staff import` prints: the counts, then each person added, changed, reactivated or
//! deactivated by name, so a dry run can be read against the department before it is applied.

use crate::domain::language::Lang;
use crate::domain::role::Role;
use crate::domain::staff_sync::{DeactivationRisk, KEY_ROLES};
use crate::services::staff_import::{ChangeKind, ImportOutcome, PersonChange};
use crate::texts::titles::role_name;
use std::fmt::Write as _;
use std::path::Path;

pub fn outcome(file: &Path, outcome: &ImportOutcome) -> String {
    let summary = &outcome.summary;
    let mut out = if outcome.written {
        format!(
            "Đã nhập danh sách nhân sự / staff imported from {}:\n",
            file.display()
        )
    } else {
        format!(
            "Nhập thử, chưa ghi gì / dry run, nothing written: {}\n",
            file.display()
        )
    };
    let _ = write!(
        out,
        "  thêm mới / created: {}\n  cập nhật / updated: {}\n  \
         ngừng hoạt động / deactivated: {}\n  không đổi / unchanged: {}",
        summary.created, summary.updated, summary.deactivated, summary.unchanged
    );
    if summary.invites_revoked > 0 {
        let _ = write!(
            out,
            "\n  thư mời bị thu hồi / invites revoked: {}",
            summary.invites_revoked
        );
    }
    let headings = [
        "Thêm mới / created",
        "Cập nhật / updated",
        "Hoạt động lại / reactivated",
        "Ngừng hoạt động / deactivated",
    ];
    for (group, heading) in headings.into_iter().enumerate() {
        let people: Vec<&PersonChange> = outcome
            .changes
            .iter()
            .filter(|change| group_of(&change.what) == group)
            .collect();
        if people.is_empty() {
            continue;
        }
        let _ = write!(out, "\n{heading}:");
        for person in people {
            let _ = write!(out, "\n  {}", line(person));
        }
    }
    if let Some(risk) = &outcome.needs_confirmation {
        let _ = write!(
            out,
            "\n\n{}\nKhi áp dụng cần thêm --confirm-deactivations / applying it needs --confirm-deactivations.",
            risk_text(risk)
        );
    }
    out
}

/// The refusal of an unconfirmed risky import.
pub fn refused(file: &Path, risk: &DeactivationRisk) -> String {
    format!(
        "Tệp {} chưa được nhập, chưa ghi thay đổi nào.\n{}\n\
         Hãy xem trước bằng --dry-run; nếu đúng là những người này nghỉ, chạy lại với \
         --confirm-deactivations.\n\
         Nothing was written. Check with --dry-run; if these people really left, run again with \
         --confirm-deactivations.",
        file.display(),
        risk_text(risk)
    )
}

fn risk_text(risk: &DeactivationRisk) -> String {
    let mut text = format!(
        "Tệp này sẽ ngừng hoạt động {} trong {} người đang hoạt động / this file deactivates {} of {} active people",
        risk.deactivated, risk.active, risk.deactivated, risk.active
    );
    if risk.too_many() {
        text.push_str(
            " — hơn một phần năm, thường là tệp thiếu dòng (sai trang tính, còn bộ lọc) / more than a fifth, usually a partial file",
        );
    }
    if !risk.key_holders.is_empty() {
        text.push_str(", trong đó có người giữ vai trò chủ chốt / including key role holders:");
        for person in &risk.key_holders {
            let roles: Vec<Role> = person.roles.iter().collect();
            let _ = write!(
                text,
                "\n  {}  {}  ({}) — {}",
                person.employee_code,
                person.full_name,
                person.unit_code,
                roles_text(&roles)
            );
        }
    }
    text
}

/// Which heading a change is listed under, in the order the headings are printed.
fn group_of(kind: &ChangeKind) -> usize {
    match kind {
        ChangeKind::Created => 0,
        ChangeKind::Updated(_) => 1,
        ChangeKind::Reactivated => 2,
        ChangeKind::Deactivated(_) => 3,
    }
}

fn line(person: &PersonChange) -> String {
    let head = format!(
        "{}  {}  ({})",
        person.employee_code, person.full_name, person.unit_code
    );
    match &person.what {
        ChangeKind::Updated(fields) => {
            let vi: Vec<&str> = fields.iter().map(|field| field_name(field)).collect();
            format!("{head}: {} / {}", vi.join(", "), fields.join(", "))
        }
        ChangeKind::Deactivated(roles) if roles.iter().any(|role| *role != Role::Staff) => {
            format!("{head} — {}", roles_text(roles))
        }
        _ => head,
    }
}

/// The key roles first, the most senior first (the order of [`KEY_ROLES`]).
fn roles_text(roles: &[Role]) -> String {
    let mut shown: Vec<Role> = roles
        .iter()
        .copied()
        .filter(|role| *role != Role::Staff)
        .collect();
    shown.sort_by_key(|role| KEY_ROLES.iter().position(|key| key == role));
    shown
        .iter()
        .map(|role| {
            format!(
                "{} / {}",
                role_name(Lang::Vi, *role),
                role_name(Lang::En, *role)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn field_name(field: &str) -> &str {
    match field {
        "full_name" => "họ tên",
        "unit_code" => "đơn vị",
        "position" => "chức vụ",
        "email" => "e-mail",
        "gender" => "giới tính",
        "hire_date" => "ngày tuyển dụng",
        "roles" => "vai trò",
        other => other,
    }
}
