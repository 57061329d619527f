//! `thidua demo`: the sandbox started as the command starts it, its page driven in headless
//! Chromium the way a newcomer uses it — pick a person, register a title by typing and pressing
//! the bot's buttons, see the confirmation, move the clock to the next phase — and its API
//! refusing what no real client could send.

use crate::support::browser::Browser;
use std::time::Duration;
use thidua::sandbox;

const WAIT: Duration = Duration::from_secs(20);

async fn registration_of(running: &sandbox::Running, code: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT r.title FROM registrations r JOIN people p ON p.id = r.person_id
          WHERE p.employee_code = ?1 AND r.status = 'registered'",
    )
    .bind(code)
    .fetch_optional(running.sandbox.ctx.db.sqlite_pool())
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_registers_a_title_through_the_page_in_a_real_browser() {
    let Some(browser) = tokio::task::spawn_blocking(Browser::start).await.unwrap() else {
        eprintln!(
            "skipped: chromedriver is not installed (run .ci/deps; THIDUA_BROWSER_REQUIRED=1 makes this a failure)"
        );
        return;
    };
    let running = sandbox::start(0).await.expect("the sandbox starts");
    let page = format!("http://{}/", running.address);
    let browser = tokio::task::spawn_blocking(move || {
        browser.goto(&page);
        let anh = browser.wait_for(".persona", "Trần Ngọc Ánh", WAIT);
        browser.click(&anh);
        // Her chat opens on the bot's welcome, which her own invite brought.
        browser.wait_for(".message.bot", "Xin chào Trần Ngọc Ánh", WAIT);
        let input = browser.wait_for("#input", "", WAIT);
        browser.type_into(&input, "/dangky");
        let send = browser.wait_for("#send", "Gửi", WAIT);
        browser.click(&send);
        browser.wait_for(".message.me", "/dangky", WAIT);
        let title = browser.wait_for("button.inline", "Lao động tiên tiến", WAIT);
        browser.click(&title);
        let confirm = browser.wait_for("button.inline", "Xác nhận", WAIT);
        browser.click(&confirm);
        browser.wait_for(
            ".message.bot",
            "Đã lưu đăng ký danh hiệu Lao động tiên tiến",
            WAIT,
        );
        browser
    })
    .await
    .unwrap();
    assert_eq!(
        registration_of(&running, "NV004").await.as_deref(),
        Some("LDTT"),
        "the page's registration is the product's"
    );

    // The demo-only control: the clock moves to the next phase, and the header says so.
    let browser = tokio::task::spawn_blocking(move || {
        browser.wait_for("#phase", "Đăng ký danh hiệu thi đua", WAIT);
        let next = browser.wait_for("#next-phase", "", WAIT);
        browser.click(&next);
        browser.wait_for("#phase", "Tự đánh giá", WAIT);
        browser
    })
    .await
    .unwrap();
    drop(browser);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_api_takes_only_what_a_real_client_could_send() {
    let running = sandbox::start(0).await.expect("the sandbox starts");
    let base = format!("http://{}", running.address);
    let client = teloxide::net::default_reqwest_settings().build().unwrap();
    let anh = running
        .sandbox
        .people
        .iter()
        .find(|person| person.employee_code == "NV004")
        .unwrap()
        .user;
    let post = |path: String, body: serde_json::Value| {
        let client = client.clone();
        async move {
            client
                .post(path)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // Empty input, a stranger's chat, a button no message shows: refused, nothing sent.
    assert_eq!(
        post(
            format!("{base}/api/chat/{anh}/send"),
            serde_json::json!({"text": "  "})
        )
        .await,
        422
    );
    assert_eq!(
        post(
            format!("{base}/api/chat/999/send"),
            serde_json::json!({"text": "/dangky"})
        )
        .await,
        404
    );
    assert_eq!(
        post(
            format!("{base}/api/chat/{anh}/press"),
            serde_json::json!({"message_id": 1, "data": "forged:i:CSTD_TINH"})
        )
        .await,
        422
    );
    running.settle(WAIT).await;
    let chat = running.sandbox.emulator.chat(anh);
    assert!(
        chat.iter()
            .all(|message| !message.text.contains("CSTD_TINH"))
    );
    // The Bot API side wants the sandbox's token.
    let wrong = client
        .post(format!("{base}/botWRONG/getMe"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(wrong, 401);
    running.stop().await;
}
