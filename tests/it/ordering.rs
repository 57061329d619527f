//! Lists in Vietnamese order (issue 13): units in the organisation file's order, people by given
//! name, then middle names, then family name, with the Vietnamese alphabet and tones after the
//! letters — never by code points ("Đỗ" after "Lâm") or unit codes.

use crate::full_campaign::drive::Campaign;

#[tokio::test]
async fn people_are_listed_by_unit_in_the_files_order_then_by_given_name() {
    let campaign = Campaign::start().await;
    let mut conn = campaign.ctx().db.read().await.unwrap();
    let people = thidua::storage::people::list_active(&mut conn)
        .await
        .unwrap();
    let mut units: Vec<&str> = people.iter().map(|p| p.unit_code.as_str()).collect();
    units.dedup();
    assert_eq!(units, ["VP", "TT", "QHPTDT", "QLXD", "QLNVLXD", "TTQHGD"]);
    let in_unit = |unit: &str| -> Vec<&str> {
        people
            .iter()
            .filter(|p| p.unit_code == unit)
            .map(|p| p.full_name.as_str())
            .collect()
    };
    assert_eq!(
        in_unit("VP"),
        [
            "Trần Ngọc Ánh",
            "Nguyễn Thị Thu Hà",
            "Phạm Quốc Hùng",
            "Lê Minh Khoa",
            "Võ Đức Thịnh"
        ]
    );
    assert_eq!(
        in_unit("QLNVLXD"),
        [
            "Đỗ Thị Phương Thảo",
            "Châu Ngọc Trâm",
            "Cao Minh Tuấn",
            "Lâm Quang Vinh"
        ]
    );
    let heads: Vec<String> = thidua::storage::people::list_active_in_unit(&mut conn, "QHPTDT")
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.full_name)
        .collect();
    assert_eq!(
        heads,
        [
            "Hoàng Thị Lan Anh",
            "Ngô Trường Giang",
            "Lý Thị Kim Ngân",
            "Dương Hữu Phước"
        ]
    );
}
