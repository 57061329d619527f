//! The durable update inbox: an update fetched from Telegram is in the database before Telegram
//! is told it arrived, runs from there (after a restart too), runs once however often it is
//! delivered, is marked done by the first commit it causes, and, while it waits, says nothing
//! readable about a vote.

use crate::chat::{ChatTest, MEMBER};
use crate::harness::caller;
use crate::support::fake_telegram::{FaultKind, FaultSpec};
use std::time::Duration;
use thidua::app::inbox::{self, Processor};
use thidua::services;
use thidua::services::inbox::Fetched;
use tokio::sync::watch;

async fn counts(test: &ChatTest) -> (i64, i64, i64) {
    services::inbox::counts(test.ctx()).await.unwrap()
}

/// What a start does with the inbox before it polls: runs everything stored to the end.
async fn process_all(test: &ChatTest) {
    Processor::new(test.bot.clone(), test.ctx().clone(), test.me.clone())
        .catch_up()
        .await;
}

fn fetched(update: &teloxide::types::Update) -> Fetched {
    Fetched {
        update_id: i64::from(update.id.0),
        chat_key: inbox::chat_key(update),
        json: serde_json::to_vec(update).unwrap(),
    }
}

#[tokio::test]
async fn a_polled_update_is_stored_before_it_is_confirmed_and_runs_after_a_restart() {
    let test = ChatTest::linked().await;
    let update = test.fake.private_text(MEMBER, "Mai", "/trangthai");
    let update_id = i64::from(update.id.0);
    test.fake.push(update);

    // Polling alone, as if the process died before anything ran: the update is stored, and
    // only the poll after the store carries the offset that confirms it.
    let (stop, stopped) = watch::channel(false);
    let polling = tokio::spawn(inbox::poll(
        test.bot.clone(),
        test.ctx().clone(),
        std::sync::Arc::new(tokio::sync::Notify::new()),
        stopped,
    ));
    let polls = test
        .fake
        .wait_for_requests("GetUpdates", 2, Duration::from_secs(10))
        .await;
    stop.send_replace(true);
    polling.await.unwrap();
    assert_eq!(counts(&test).await, (1, 0, 0), "stored, not run");
    assert_eq!(polls[1].body["offset"].as_i64(), Some(update_id + 1));
    assert!(test.fake.texts_to(MEMBER as i64).is_empty());

    // The next start runs it from the database.
    process_all(&test).await;
    assert_eq!(counts(&test).await, (1, 1, 1));
    assert_eq!(test.fake.texts_to(MEMBER as i64).len(), 1);
    assert!(
        test.last_text(MEMBER)
            .contains("Đăng ký của chị: chưa đăng ký")
    );
}

#[tokio::test]
async fn an_update_delivered_twice_runs_once() {
    let test = ChatTest::linked().await;
    let update = test.fake.private_text(MEMBER, "Mai", "/trangthai");
    let once = services::inbox::store(test.ctx(), &[fetched(&update)])
        .await
        .unwrap();
    process_all(&test).await;
    // Telegram repeats it (the confirming poll was lost), or a second webhook delivery.
    let again = services::inbox::store(test.ctx(), &[fetched(&update), fetched(&update)])
        .await
        .unwrap();
    process_all(&test).await;
    assert_eq!((once, again), (1, 0));
    assert_eq!(test.fake.texts_to(MEMBER as i64).len(), 1, "one answer");
}

#[tokio::test]
async fn the_first_commit_an_update_causes_carries_its_done_mark() {
    let test = ChatTest::linked().await;
    let ctx = test.ctx();
    let update = test.fake.private_text(MEMBER, "Mai", "/ngonngu");
    let id = i64::from(update.id.0);
    services::inbox::store(ctx, &[fetched(&update)])
        .await
        .unwrap();
    let member = caller(ctx, MEMBER as i64).await;

    // A transaction that rolls back carries nothing.
    let processing = thidua::storage::inbox::Processing::new(id, ctx.now());
    thidua::storage::inbox::processing(processing.clone(), async {
        let tx = ctx.db.write().await.unwrap();
        tx.rollback().await.unwrap();
    })
    .await;
    assert!(!processing.is_done());
    assert_eq!(counts(&test).await, (1, 0, 0));

    // The change commits with the mark; the process dies before its reply is sent.
    thidua::storage::inbox::processing(processing.clone(), async {
        services::language::toggle(ctx, &member).await.unwrap();
    })
    .await;
    assert!(processing.is_done());
    assert_eq!(counts(&test).await, (1, 1, 0), "done, never finished");
    assert!(
        services::inbox::waiting(ctx, 0, 10)
            .await
            .unwrap()
            .is_empty(),
        "a done update is never run again"
    );

    // The next start tells the person that what they did was saved.
    assert_eq!(services::inbox::recover_interrupted(ctx).await.unwrap(), 1);
    assert_eq!(counts(&test).await, (1, 1, 1));
    let (chat, notice): (i64, String) =
        sqlx::query_as("SELECT chat_id, notice FROM outbox WHERE logical_key = ?1")
            .bind(format!("inbox:interrupted:{id}"))
            .fetch_one(ctx.db.sqlite_pool())
            .await
            .unwrap();
    assert_eq!(chat, MEMBER as i64);
    let notice: thidua::domain::notice::Notice = serde_json::from_str(&notice).unwrap();
    let rendered = thidua::ui::notices::render(&notice, thidua::domain::language::Lang::Vi);
    assert!(
        rendered.body.contains("đã được lưu đầy đủ"),
        "{}",
        rendered.body
    );
    assert!(rendered.body.contains("/trangthai"));
    assert_eq!(services::inbox::recover_interrupted(ctx).await.unwrap(), 0);
}

/// A dialogue's next step is a change too. The council's kill test once killed a head right
/// after their last vote count moved the meeting to its result, before the result was shown:
/// the count ran again against the new step and met "use the buttons", and the result never
/// appeared. Saving the state carries the done mark; moving the keyboard (bookkeeping) does not.
#[tokio::test]
async fn a_dialogue_that_moved_on_is_a_saved_change_and_is_not_run_again() {
    let test = ChatTest::linked().await;
    let ctx = test.ctx();
    let update = test.fake.private_text(MEMBER, "Mai", "3");
    let id = i64::from(update.id.0);
    services::inbox::store(ctx, &[fetched(&update)])
        .await
        .unwrap();

    let processing = thidua::storage::inbox::Processing::new(id, ctx.now());
    thidua::storage::inbox::processing(processing.clone(), async {
        services::dialogues::keyboard_moved(ctx, MEMBER as i64, Some(7))
            .await
            .unwrap();
    })
    .await;
    assert!(
        !processing.is_done(),
        "the keyboard's place is not the change"
    );

    thidua::storage::inbox::processing(processing.clone(), async {
        services::dialogues::save(ctx, MEMBER as i64, "{}")
            .await
            .unwrap();
    })
    .await;
    assert!(processing.is_done());
    assert!(
        services::inbox::waiting(ctx, 0, 10)
            .await
            .unwrap()
            .is_empty(),
        "killed before its answer left, it is not run against the step it moved to"
    );
    assert_eq!(services::inbox::recover_interrupted(ctx).await.unwrap(), 1);
}

#[tokio::test]
async fn a_waiting_ballot_press_is_sealed_on_disk_and_erased_once_done() {
    let test = ChatTest::linked().await;
    let ctx = test.ctx();
    let press = test.fake.callback(MEMBER, 77, "ballot-choice-yes-marker");
    let id = i64::from(press.id.0);
    services::inbox::store(ctx, &[fetched(&press)])
        .await
        .unwrap();
    let (body, sealed): (Vec<u8>, bool) =
        sqlx::query_as("SELECT body, sealed FROM update_inbox WHERE update_id = ?1")
            .bind(id)
            .fetch_one(ctx.db.sqlite_pool())
            .await
            .unwrap();
    assert!(sealed);
    for needle in [
        "ballot-choice-yes-marker",
        &MEMBER.to_string(),
        "callback_query",
    ] {
        assert!(
            !body.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} readable in the stored body"
        );
    }
    let waiting = services::inbox::waiting(ctx, 0, 10).await.unwrap();
    let opened = waiting[0].json.as_ref().unwrap();
    assert_eq!(
        serde_json::from_slice::<teloxide::types::Update>(opened).unwrap(),
        press
    );

    services::inbox::finished(ctx, id).await.unwrap();
    let body: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT body FROM update_inbox WHERE update_id = ?1")
            .bind(id)
            .fetch_one(ctx.db.sqlite_pool())
            .await
            .unwrap();
    assert_eq!(body, None);
}

#[tokio::test]
async fn the_answer_to_a_saved_change_waits_out_telegrams_too_many_requests() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/dangky").await;
    test.press(MEMBER, "Lao động tiên tiến").await;
    for method in ["EditMessageText", "SendMessage"] {
        test.fake.fail_next(
            FaultSpec::new(method, FaultKind::TooManyRequests { retry_after: 0 })
                .in_chat(MEMBER as i64),
        );
    }
    test.press(MEMBER, "Xác nhận").await;
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("LDTT".into(), "registered".into()))
    );
    let refused = test
        .fake
        .requests()
        .into_iter()
        .filter(|request| request.failed())
        .count();
    assert!(refused >= 1, "the 429 was met");
    assert!(
        test.last_text(MEMBER).contains("Đã lưu đăng ký danh hiệu"),
        "{}",
        test.last_text(MEMBER)
    );
}

#[tokio::test]
async fn finished_updates_are_forgotten_after_a_day_except_the_newest() {
    let test = ChatTest::linked().await;
    let ctx = test.ctx();
    let first = test.fake.private_text(MEMBER, "Mai", "/trangthai");
    let second = test.fake.private_text(MEMBER, "Mai", "/trangthai");
    services::inbox::store(ctx, &[fetched(&first), fetched(&second)])
        .await
        .unwrap();
    process_all(&test).await;
    assert_eq!(
        services::inbox::prune(ctx).await.unwrap(),
        0,
        "a day not yet over"
    );
    test.app.clock.advance(chrono::Duration::hours(26));
    assert_eq!(services::inbox::prune(ctx).await.unwrap(), 1);
    assert_eq!(
        services::inbox::last_update_id(ctx).await.unwrap(),
        Some(i64::from(second.id.0)),
        "the newest id stays, so polling resumes after it"
    );
}
