//! Secrecy by schema: no table links a voter to a choice, and the ballot box keeps no order.

use super::*;

#[tokio::test]
async fn no_table_links_a_voter_to_a_choice_and_the_box_keeps_no_order() {
    let council = Council::new(0).await;
    let db = &council.ctx().db;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(db.sqlite_pool())
    .await
    .unwrap();
    let person_like = [
        "person",
        "voter",
        "member",
        "people",
        "user",
        "telegram",
        "entered_by",
        "actor",
    ];
    for table in &tables {
        let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT name FROM pragma_table_info('{table}')"
        )))
        .fetch_all(db.sqlite_pool())
        .await
        .unwrap();
        let holds_choice = columns.iter().any(|column| column == "choice");
        if !holds_choice {
            continue;
        }
        assert_eq!(table, "ballot_box", "only the ballot box holds choices");
        assert!(
            columns
                .iter()
                .all(|column| !person_like.iter().any(|word| column.contains(word))),
            "{table} has a person column: {columns:?}"
        );
        assert!(
            columns.iter().all(|column| !column.ends_with("_at")
                && !column.contains("time")
                && column != "id"),
            "{table} has a time or an ordered id: {columns:?}"
        );
        let references: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT \"table\" FROM pragma_foreign_key_list('{table}')"
        )))
        .fetch_all(db.sqlite_pool())
        .await
        .unwrap();
        assert_eq!(
            references,
            ["nominations"],
            "the box refers to nominations only"
        );
    }
    // The roll names voters but holds no choice.
    let roll: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('ballot_roll')")
        .fetch_all(db.sqlite_pool())
        .await
        .unwrap();
    assert!(roll.contains(&"person_id".to_owned()) && !roll.contains(&"choice".to_owned()));
    // WITHOUT ROWID: there is no hidden insertion order to read.
    assert!(
        sqlx::query("SELECT rowid FROM ballot_box")
            .fetch_all(db.sqlite_pool())
            .await
            .is_err()
    );
    let sql: String =
        sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = 'ballot_roll'")
            .fetch_one(db.sqlite_pool())
            .await
            .unwrap();
    assert!(sql.contains("CONSTRAINT ballot_roll_one_vote UNIQUE (nomination_id, person_id)"));
    // No view or trigger joins them behind the scenes.
    let joins: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type IN ('view', 'trigger') AND sql LIKE '%ballot_box%'",
    )
    .fetch_one(db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(joins, 0);
}
