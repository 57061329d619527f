//! What a queued outbox row will say when the notifier sends it. Typed rows hold a notice, not
//! text, so a test that reads the outbox before delivery renders it the way the notifier does.

use thidua::storage::Db;

/// The bodies of the rows `ids`, rendered for their recipients as the notifier would now.
pub async fn bodies(db: &Db, ids: Vec<i64>) -> Vec<String> {
    let mut conn = db.acquire().await.expect("a connection");
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
