//! What the product writes is the operator's only. Attacker: another local account on the
//! server, reading whatever file mode lets it. It finds the data folder, the mail folder and
//! every file in them closed: folders 0700, the database, its WAL and shared memory, and each
//! written e-mail (which carries an invite link) 0600.

use crate::harness::test_app_with;
use crate::staff_import::import_example;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use thidua::services::invite::{self, Selector};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test]
async fn the_database_its_companions_the_mail_folder_and_each_email_are_the_operators_only() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("data/thidua.sqlite");
    let app = test_app_with(&[("THIDUA__DATABASE__PATH", db.display().to_string())]).await;
    import_example(&app).await;
    // No SMTP host: the invite e-mails are written as .eml files in the mail folder.
    invite::issue(&app.ctx, &Selector::Unit("TT".into()), true)
        .await
        .unwrap();
    let report = thidua::notify::deliver_pending_email(&app.ctx)
        .await
        .expect("delivered");
    assert_eq!(report.sent, 3);

    assert_eq!(mode(&data.path().join("data")), 0o700);
    for file in ["thidua.sqlite", "thidua.sqlite-wal", "thidua.sqlite-shm"] {
        assert_eq!(mode(&data.path().join("data").join(file)), 0o600, "{file}");
    }
    let mail = app.dir.path().join("mail");
    assert_eq!(mode(&mail), 0o700);
    let emails: Vec<_> = std::fs::read_dir(&mail)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .collect();
    assert_eq!(emails.len(), 3);
    for email in &emails {
        assert_eq!(mode(email), 0o600, "{}", email.display());
    }
}
