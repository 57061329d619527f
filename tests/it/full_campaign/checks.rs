//! Reading what the campaign produced: the group posts parsed back into units, titles and
//! names; the attachments of a received e-mail; the database's invariants at the end.

use super::cast::{self, FAILS_BALLOT, LOSES_COLLECTIVE};
use super::drive::{Campaign, PROVINCE};
use crate::support::smtp_sink::ReceivedMail;
use base64::Engine;
use std::collections::BTreeMap;
use std::time::Duration;
use thidua::domain::title::Title;

/// The group post's two parts: what the director recognises, what goes to the province.
pub const RECOGNISED: &str = "CÔNG NHẬN DANH HIỆU THI ĐUA";
pub const UPWARD: &str = "ĐỀ NGHỊ CẤP TRÊN XÉT TẶNG";

/// (part, unit name, title name) → the names listed under it.
pub type Published = BTreeMap<(&'static str, String, String), Vec<String>>;

/// The group posts put back together (part headers "(2/3)" removed) and parsed; also checks
/// that no unit appears twice within a part (so each is listed under one heading).
pub fn parse_group(posts: &[String]) -> Published {
    let total = posts.len();
    let mut published = Published::new();
    let mut units_seen: Vec<String> = Vec::new();
    let (mut unit, mut title) = (String::new(), String::new());
    let mut part = "";
    for (index, post) in posts.iter().enumerate() {
        let body = if total > 1 {
            let header = format!("({}/{total})\n", index + 1);
            assert!(
                post.starts_with(&header),
                "part {index} out of order: {post:.60}"
            );
            &post[header.len()..]
        } else {
            post.as_str()
        };
        for line in body.lines() {
            if let Some(heading) = [RECOGNISED, UPWARD]
                .into_iter()
                .find(|heading| line.starts_with(heading))
            {
                part = heading;
                units_seen.clear();
                unit.clear();
                title.clear();
            } else if let Some(name) = line.strip_prefix("▪️ ") {
                assert!(!units_seen.contains(&name.to_owned()), "{name} twice");
                units_seen.push(name.to_owned());
                unit = name.to_owned();
            } else if let Some(more) = line.strip_prefix("    ") {
                // A long list continues on the next line.
                assert!(!title.is_empty(), "{line}");
                push_names(&mut published, (part, unit.clone(), title.clone()), more);
            } else if let Some((label, names)) =
                line.strip_prefix("  ").and_then(|l| l.split_once(": "))
            {
                assert!(!part.is_empty() && !unit.is_empty(), "{line}");
                title = label.split(" (").next().unwrap().to_owned();
                push_names(&mut published, (part, unit.clone(), title.clone()), names);
            }
        }
    }
    published
}

fn push_names(published: &mut Published, key: (&'static str, String, String), names: &str) {
    let names = names.trim_end_matches(['.', ',']);
    published
        .entry(key)
        .or_default()
        .extend(names.split(", ").map(str::to_owned));
}

/// What the group should read: every recognised person under their unit and title, each unit's
/// collective title; TLĐXS in the part proposed to the province, never as recognised.
pub fn expected_group(campaign: &Campaign) -> Published {
    let mut expected = Published::new();
    let org = &campaign.ctx().org;
    for member in &campaign.staff {
        let unit = org.unit_name(&member.unit);
        let mut entry = |title: Title, line: String| {
            expected
                .entry((RECOGNISED, unit.clone(), cast::vi(title).to_owned()))
                .or_default()
                .push(line);
        };
        // Names only, each once: under CSTĐCS when recognised for it (the LĐTT it includes
        // is not repeated), else under LĐTT.
        if member.title() == Title::Cstdcs && member.code != FAILS_BALLOT {
            entry(Title::Cstdcs, member.name.clone());
        } else {
            entry(Title::Ldtt, member.name.clone());
        }
    }
    for unit in campaign
        .units()
        .into_iter()
        .filter(|u| u != LOSES_COLLECTIVE)
    {
        let name = org.unit_name(&unit);
        let title = cast::collective(&unit);
        let part = if title.decided_upward() {
            UPWARD
        } else {
            RECOGNISED
        };
        expected
            .entry((part, name.clone(), cast::vi(title).to_owned()))
            .or_default()
            .push(format!("Tập thể {name}"));
    }
    for names in expected.values_mut() {
        names.sort();
    }
    expected
}

/// The e-mails of the publication: one to every unit head and one to the provincial council,
/// each with the recognised titles as XLSX and CSV: everyone holds one, none who failed is named
/// beside the title they were refused, and no vote figure is sent.
pub async fn results_by_mail(
    campaign: &Campaign,
    recognised: usize,
    upward: usize,
) -> Vec<ReceivedMail> {
    let mut addresses: Vec<String> = campaign
        .with_role("unit_head")
        .iter()
        .map(|head| head.email.clone())
        .collect();
    addresses.push(PROVINCE.to_owned());
    addresses.sort();
    let mails = campaign
        .smtp
        .wait_for_mails(addresses.len(), Duration::from_secs(10))
        .await;
    let mut received: Vec<String> = mails.iter().flat_map(|mail| mail.to.clone()).collect();
    received.sort();
    assert_eq!(received, addresses);
    for mail in &mails {
        assert!(
            mail.subject()
                .contains("Kết quả thi đua – khen thưởng năm 2026 (125/QĐ-SXD)"),
            "{}",
            mail.subject()
        );
        assert!(
            mail.text_body().contains(&format!(
                "{recognised} danh hiệu được công nhận và {upward} danh hiệu đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng"
            )),
            "{}",
            mail.text_body()
        );
        assert!(
            mail.data.contains("ket-qua-thi-dua-2026.xlsx")
                && mail.data.contains("ket-qua-thi-dua-2026.csv")
        );
        let csv = String::from_utf8(attachment(mail, "text/csv")).expect("UTF-8 CSV");
        let sheet = xlsx_rows(attachment(
            mail,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ));
        for member in &campaign.staff {
            assert!(csv.contains(&member.name), "{} not in the CSV", member.name);
            assert!(
                sheet.iter().flatten().any(|cell| cell == &member.name),
                "{} not in the XLSX",
                member.name
            );
        }
        // Recognised titles only: the candidate who failed the ballot is named for the LĐTT
        // they hold, never beside the CSTĐCS they were refused; and no vote figure is sent.
        let failed = campaign
            .staff
            .iter()
            .find(|member| member.code == FAILS_BALLOT)
            .expect("the failing candidate");
        let cstdcs = cast::vi(Title::Cstdcs);
        for line in csv.lines() {
            assert!(
                !(line.contains(&failed.name) && line.contains(cstdcs)),
                "a failed candidate in a unit's e-mail: {line}"
            );
        }
        for row in &sheet {
            assert!(
                !(row.iter().any(|cell| cell == &failed.name)
                    && row.iter().any(|cell| cell == cstdcs)),
                "a failed candidate in a unit's e-mail: {row:?}"
            );
        }
        // TLĐXS is the provincial chairman's: the files say it is proposed, not recognised.
        let tldxs = cast::vi(Title::Tldxs);
        let tldxs_rows: Vec<&Vec<String>> = sheet
            .iter()
            .filter(|row| row.iter().any(|cell| cell == tldxs))
            .collect();
        assert_eq!(tldxs_rows.len(), upward, "{sheet:?}");
        for row in tldxs_rows {
            assert!(
                row.iter().any(|cell| cell == "Đề nghị cấp trên xét tặng")
                    && !row.iter().any(|cell| cell == "Được công nhận"),
                "{row:?}"
            );
        }
        let header = csv.lines().next().unwrap_or_default();
        assert!(
            !header.contains("Đồng ý") && !header.contains("Không đồng ý"),
            "{header}"
        );
    }
    mails
}

/// The decoded body of the attachment of `mime` type.
pub fn attachment(mail: &ReceivedMail, mime: &str) -> Vec<u8> {
    for part in mail.data.split("\r\n--") {
        let Some((head, body)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let head = head.to_lowercase();
        if head.contains(&format!("content-type: {mime}")) {
            assert!(head.contains("base64"), "{head}");
            let encoded: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            return base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .expect("base64 attachment");
        }
    }
    panic!("no {mime} attachment in the mail to {:?}", mail.to);
}

/// Every text cell of the workbook's first sheet, row by row.
pub fn xlsx_rows(bytes: Vec<u8>) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).expect("the XLSX opens");
    let sheet = workbook.sheet_names()[0].clone();
    let range = workbook
        .worksheet_range(&sheet)
        .expect("the first sheet reads");
    range
        .rows()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect()
}

pub async fn scalar(campaign: &Campaign, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(campaign.ctx().db.sqlite_pool())
        .await
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
}

/// The database at the end: every step left its rows in the state the cycle promises.
pub async fn invariants(campaign: &Campaign) {
    let people = campaign.staff.len() as i64;
    let cstdcs = campaign
        .staff
        .iter()
        .filter(|member| member.title() == Title::Cstdcs)
        .count() as i64;
    let council = campaign.with_role("council_member").len() as i64;
    let units = campaign.units().len() as i64;
    for (sql, expected) in [
        (
            "SELECT count(*) FROM people WHERE telegram_user_id IS NOT NULL",
            people,
        ),
        (
            "SELECT count(*) FROM registrations WHERE status = 'registered'",
            people,
        ),
        (
            "SELECT count(*) FROM unit_registrations WHERE status = 'registered'",
            units,
        ),
        (
            "SELECT count(*) FROM assessments WHERE status = 'approved'",
            people,
        ),
        (
            "SELECT count(*) FROM unit_meetings WHERE status = 'submitted' AND present_count = member_count",
            units,
        ),
        ("SELECT count(*) FROM meeting_attendance", people),
        ("SELECT count(*) FROM nominations", people + cstdcs + units),
        (
            "SELECT count(*) FROM nominations WHERE status = 'approved'",
            people + cstdcs + units - 2,
        ),
        (
            "SELECT count(*) FROM nominations WHERE status = 'failed'",
            2,
        ),
        (
            "SELECT count(*) FROM nominations WHERE status = 'failed' AND person_id IS NULL
               AND unit_code = 'QLNVLXD' AND title = 'TLDXS' AND appraisal_note LIKE '%Hội đồng%'",
            1,
        ),
        (
            "SELECT count(*) FROM audit_log WHERE action = 'nomination.collective_failed'",
            1,
        ),
        (
            "SELECT count(*) FROM audit_log WHERE action = 'nomination.valid'",
            people + cstdcs + units,
        ),
        ("SELECT count(*) FROM ballots WHERE status = 'closed'", 1),
        ("SELECT membership FROM ballots", council),
        ("SELECT count(*) FROM ballot_electorate", council),
        ("SELECT count(*) FROM ballot_items", cstdcs),
        ("SELECT count(*) FROM ballot_roll", cstdcs * council),
        // Counted at the close, then emptied: no paper outlives the tally.
        ("SELECT count(*) FROM ballot_box", 0),
        (
            "SELECT count(*) FROM nominations WHERE ballot_yes + ballot_no = (SELECT membership FROM ballots)",
            cstdcs,
        ),
        (
            "SELECT count(*) FROM nominations WHERE title <> 'CSTDCS' AND ballot_yes IS NOT NULL",
            0,
        ),
        (
            "SELECT count(*) FROM decisions WHERE outcome = 'approved' AND number = '125/QĐ-SXD' AND decided_on = '2026-12-15'",
            1,
        ),
        ("SELECT count(*) FROM outbox WHERE status <> 'sent'", 0),
    ] {
        assert_eq!(scalar(campaign, sql).await, expected, "{sql}");
    }
    // Every member is on the roll of every nominee, and the close emptied the box (the figures
    // above were counted from it).
    let per_nominee: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT n.id, (SELECT count(*) FROM ballot_roll r WHERE r.nomination_id = n.id),
                (SELECT count(*) FROM ballot_box b WHERE b.nomination_id = n.id)
           FROM nominations n JOIN ballot_items i ON i.nomination_id = n.id",
    )
    .fetch_all(campaign.ctx().db.sqlite_pool())
    .await
    .unwrap();
    for (id, roll, box_count) in per_nominee {
        assert_eq!((roll, box_count), (council, 0), "nomination {id}");
    }
}
