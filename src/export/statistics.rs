//! The yearly statistics the province asks for: how many titles and awards, by kind, by the
//! level that decides them and by unit, with the women among those recognised. A title the
//! director decides counts as recognised once approved; one decided upward once the
//! province's decision says so; a Giấy khen once published in the year.
//!
//! The staff file says nothing about who is a front-line worker (người lao động trực tiếp), so
//! the statistics cannot count them; the sheet says so rather than print a zero.

use super::{Cell, Sheet};
use crate::domain::commendation::{Recipient, Status};
use crate::domain::person::Gender;
use crate::domain::title::{Holder, Title};
use crate::org::Org;
use crate::storage::{self, Connection, StorageResult};
use chrono::Datelike;
use std::collections::HashMap;

/// One counted recognition: who (a person's gender, or a collective) and where.
struct Counted {
    kind: String,
    unit_code: String,
    woman: bool,
    recognised: bool,
}

pub async fn sheets(conn: &mut Connection, org: &Org, year: i32) -> StorageResult<Vec<Sheet>> {
    let rows = storage::exports::nominations(conn, year).await?;
    let results: HashMap<i64, String> = storage::proposals::items(conn, year)
        .await?
        .into_iter()
        .map(|item| (item.nomination_id, item.result))
        .collect();
    let mut counted = Vec::new();
    for row in &rows {
        let upward = Title::code_decided_upward(&row.title);
        let proposed = if upward {
            row.status == "approved"
        } else {
            matches!(
                row.status.as_str(),
                "passed" | "valid" | "approved" | "rejected"
            )
        };
        if !proposed {
            continue;
        }
        let recognised = if upward {
            results
                .get(&row.id)
                .is_some_and(|result| result == "awarded")
        } else {
            row.status == "approved"
        };
        counted.push(Counted {
            kind: crate::texts::export::title(&row.title),
            unit_code: row.unit_code.clone(),
            woman: row.gender.as_deref() == Some("female"),
            recognised,
        });
    }
    let people = storage::people::list_active(conn).await?;
    let by_id: HashMap<i64, (Gender, String)> = people
        .iter()
        .map(|person| (person.id.0, (person.gender, person.unit_code.clone())))
        .collect();
    let giay_khen = crate::texts::history::kind_name(
        crate::texts::Lang::Vi,
        crate::domain::history::Kind::Award(crate::domain::history::Award::GiayKhen),
    );
    for commendation in storage::commendations::list_all(conn).await? {
        let in_year = commendation
            .decision_date
            .is_some_and(|day| day.year() == year);
        if commendation.status != Status::Published || !in_year {
            continue;
        }
        let (woman, unit_code) = match &commendation.recipient {
            Recipient::Person(id) => match by_id.get(id) {
                Some((gender, unit)) => (*gender == Gender::Female, unit.clone()),
                None => (false, String::new()),
            },
            Recipient::Unit(code) => (false, code.clone()),
        };
        counted.push(Counted {
            kind: giay_khen.clone(),
            unit_code,
            woman,
            recognised: true,
        });
    }
    Ok(vec![
        by_kind(&counted, &giay_khen),
        by_unit(org, &people, &counted, &giay_khen),
    ])
}

fn by_kind(counted: &[Counted], giay_khen: &str) -> Sheet {
    let mut sheet = Sheet::new((
        "Thống kê theo danh hiệu",
        "thong-ke-danh-hieu",
        &[
            "Danh hiệu, hình thức khen thưởng",
            "Cấp quyết định",
            "Đối tượng",
            "Số đề nghị",
            "Số được công nhận, khen thưởng",
            "Trong đó nữ",
            "Người lao động trực tiếp",
        ],
    ));
    let mut kinds: Vec<(String, &str, &str)> = Title::ALL
        .into_iter()
        .map(|title| {
            (
                crate::texts::export::title(title.code()),
                if title.decided_upward() {
                    "Chủ tịch UBND tỉnh"
                } else {
                    "Giám đốc Sở"
                },
                match title.holder() {
                    Holder::Individual => "Cá nhân",
                    Holder::Collective => "Tập thể",
                },
            )
        })
        .collect();
    kinds.push((giay_khen.to_owned(), "Giám đốc Sở", "Cá nhân, tập thể"));
    for (kind, level, holder) in kinds {
        let of_kind = counted.iter().filter(|item| item.kind == kind);
        let proposed = of_kind.clone().count() as i64;
        let recognised = of_kind.clone().filter(|item| item.recognised).count() as i64;
        let women = of_kind.filter(|item| item.recognised && item.woman).count() as i64;
        sheet.rows.push(vec![
            kind.into(),
            level.into(),
            holder.into(),
            proposed.into(),
            recognised.into(),
            women.into(),
            "Không có số liệu".into(),
        ]);
    }
    sheet
}

fn by_unit(
    org: &Org,
    people: &[crate::domain::person::Person],
    counted: &[Counted],
    giay_khen: &str,
) -> Sheet {
    let titles: Vec<String> = Title::ALL
        .into_iter()
        .map(|title| crate::texts::export::title(title.code()))
        .collect();
    let mut headers: Vec<&str> = vec!["Đơn vị", "Số người"];
    headers.extend(titles.iter().map(String::as_str));
    headers.extend([giay_khen, "Trong đó nữ"]);
    let mut sheet = Sheet::new(("Thống kê theo đơn vị", "thong-ke-don-vi", &headers));
    for unit in &org.units {
        let here: Vec<&Counted> = counted
            .iter()
            .filter(|item| item.recognised && item.unit_code == unit.code)
            .collect();
        let mut row: Vec<Cell> = vec![
            unit.name.as_str().into(),
            (people
                .iter()
                .filter(|person| person.unit_code == unit.code)
                .count() as i64)
                .into(),
        ];
        for kind in titles.iter().map(String::as_str).chain([giay_khen]) {
            row.push((here.iter().filter(|item| item.kind == kind).count() as i64).into());
        }
        row.push((here.iter().filter(|item| item.woman).count() as i64).into());
        sheet.rows.push(row);
    }
    sheet
}
