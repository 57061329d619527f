//! Webhook mode: the bot registers its address and secret with Telegram, each update posted
//! with the secret is stored in the durable inbox and answered by the same processor as a
//! polled one, a repeated update_id runs once, and a post without the secret (anyone on the
//! network) is refused with nothing stored.

use crate::harness::test_app_with;
use crate::support::fake_telegram::FakeTelegram;
use std::time::Duration;
use teloxide::prelude::*;
use thidua::services;

const SECRET: &str = "webhook-secret_0123456789";
const STRANGER: u64 = 9_101;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free loopback port")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_posted_with_the_secret_are_stored_then_answered_once_and_forgeries_refused() {
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/telegram/hook");
    let app = test_app_with(&[
        ("THIDUA__TELEGRAM__WEBHOOK_URL", url.clone()),
        (
            "THIDUA__TELEGRAM__WEBHOOK_LISTEN",
            format!("127.0.0.1:{port}"),
        ),
        ("THIDUA__TELEGRAM__WEBHOOK_SECRET", SECRET.to_owned()),
    ])
    .await;
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let me = bot.get_me().await.unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(thidua::app::serve_until(
        bot,
        app.ctx.clone(),
        me,
        async move {
            let _ = stopped.await;
        },
    ));
    let registered = fake
        .wait_for_requests("SetWebhook", 1, Duration::from_secs(10))
        .await;
    assert_eq!(registered[0].body["url"], url.as_str());
    assert_eq!(registered[0].body["secret_token"], SECRET);

    let client = teloxide::net::default_reqwest_settings().build().unwrap();
    let update = fake.private_text(STRANGER, "Khách", "/start");
    let body = serde_json::to_vec(&update).unwrap();
    let post = |secret: Option<&'static str>| {
        let (client, url, body) = (client.clone(), url.clone(), body.clone());
        async move {
            let mut request = client
                .post(&url)
                .header("content-type", "application/json")
                .body(body);
            if let Some(secret) = secret {
                request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            request
                .send()
                .await
                .map(|response| response.status().as_u16())
        }
    };
    // The server binds before the start goes on, but give the socket a moment under load.
    let mut first = post(Some(SECRET)).await;
    for _ in 0..50 {
        if first.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        first = post(Some(SECRET)).await;
    }
    assert_eq!(first.unwrap(), 200);
    // Telegram repeats it (our 200 was lost), or a second instance got it too.
    assert_eq!(post(Some(SECRET)).await.unwrap(), 200);
    // Anyone on the network: no secret, or another one.
    assert_eq!(post(None).await.unwrap(), 401);
    assert_eq!(post(Some("guess")).await.unwrap(), 401);

    fake.wait_for_requests("SendMessage", 1, Duration::from_secs(10))
        .await;
    stop.send(()).unwrap();
    serving.await.unwrap().expect("the bot stops cleanly");
    assert_eq!(
        services::inbox::counts(&app.ctx).await.unwrap(),
        (1, 1, 1),
        "stored once, run once"
    );
    let answers = fake.texts_to(STRANGER as i64);
    assert_eq!(answers.len(), 1, "{answers:?}");
}
