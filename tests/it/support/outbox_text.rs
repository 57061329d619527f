//! What a queued outbox row will say when the notifier sends it. Typed rows hold a notice, not
//! text, so a test that reads the outbox before delivery renders it the way the notifier does.

use sqlx::SqliteConnection;
use thidua::storage::Db;
use thidua::storage::outbox::{Destination, OutboxRow};

/// The bodies of the rows `ids`, rendered for their recipients as the notifier would now.
pub async fn bodies(db: &Db, ids: Vec<i64>) -> Vec<String> {
    let mut conn = db.read().await.expect("a connection");
    let mut bodies = Vec::with_capacity(ids.len());
    for id in ids {
        let row = thidua::storage::outbox::find(&mut conn, id)
            .await
            .expect("outbox row reads")
            .expect("outbox row exists");
        let rendered = thidua::notify::render::row(&mut conn, &row)
            .await
            .expect("outbox row renders");
        bodies.push(rendered.body);
    }
    bodies
}

/// `row` with its body, keyboard and e-mail subject filled in as the notifier would send them.
pub async fn as_sent(conn: &mut SqliteConnection, mut row: OutboxRow) -> OutboxRow {
    let rendered = thidua::notify::render::row(conn, &row)
        .await
        .expect("outbox row renders");
    row.body = rendered.body;
    row.reply_markup = rendered.keyboard;
    if let Destination::Email { subject, .. } = &mut row.destination {
        *subject = rendered.subject;
    }
    row
}
