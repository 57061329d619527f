//! A real browser at the edge of the process: headless Chromium driven through `chromedriver`
//! over the W3C WebDriver protocol, so a page's test clicks and types as a person would and reads
//! back what is actually rendered. `.ci/deps` installs both from Debian's packages (`chromium`,
//! `chromium-driver`).
//!
//! Written by hand rather than with a WebDriver crate: the handful of commands the tests need are
//! a few JSON requests over HTTP/1.1 to a loopback port, blocking `std::net::TcpStream` and
//! `serde_json` do that, and no new dependency comes into the tree. Calls block, so async tests
//! make them from `tokio::task::spawn_blocking` (or a plain thread).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key under which WebDriver hands out an element's id (W3C "web element identifier", fixed
/// by the spec; chromedriver answers with exactly this).
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const CHROMIUM: &str = "/usr/bin/chromium";

/// One chromedriver process and the one browser session it runs; both go away on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    /// Empty until the session exists, so a failed start still kills chromedriver.
    session: String,
}

impl Browser {
    /// Starts chromedriver on a free loopback port and a headless Chromium session
    /// (args: --headless=new, --no-sandbox, --disable-gpu, --disable-dev-shm-usage, --window-size=1280,900).
    /// Returns None (the caller skips, printing why) when chromedriver is not installed AND the env var
    /// THIDUA_BROWSER_REQUIRED is not "1"; panics with a clear message when it is required but missing.
    pub fn start() -> Option<Browser> {
        let Some(chromedriver) = on_path("chromedriver") else {
            if std::env::var("THIDUA_BROWSER_REQUIRED").as_deref() == Ok("1") {
                panic!(
                    "`chromedriver` is not installed but THIDUA_BROWSER_REQUIRED=1: run `.ci/deps` (as root) to install chromium and chromium-driver from Debian's packages"
                );
            }
            return None;
        };
        // A port the system just handed out is free for the instant it takes chromedriver to
        // claim it; the race with another process is negligible on a test machine.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("no free loopback port for chromedriver")
            .port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
        };

        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let ready = browser.request("GET", "/status", None);
            if matches!(&ready, Ok(v) if v["ready"] == json!(true)) {
                break;
            }
            if let Ok(Some(status)) = browser.driver.try_wait() {
                panic!("chromedriver exited before it was ready ({status})");
            }
            if Instant::now() > deadline {
                panic!("chromedriver on port {port} not ready after 10 s: {ready:?}");
            }
            sleep(Duration::from_millis(50));
        }

        let mut options = json!({ "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--window-size=1280,900",
        ]});
        if Path::new(CHROMIUM).exists() {
            options["binary"] = json!(CHROMIUM);
        }
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options,
        }}});
        let created = browser.command("POST", "/session", Some(capabilities));
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("new session without an id: {created}"))
            .to_owned();
        Some(browser)
    }

    pub fn goto(&self, url: &str) {
        self.command("POST", &self.path("url"), Some(json!({ "url": url })));
    }

    /// Waits (polling every 100 ms, up to `timeout`) for an element matching the CSS selector
    /// whose visible text contains `text` (empty = any), and returns its element id.
    pub fn wait_for(&self, css: &str, text: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            // Errors here (an element replaced between finding and reading it) just mean "not yet".
            if let Ok(elements) = self.find_all(css) {
                for element in elements {
                    if matches!(self.try_text(&element), Ok(seen) if seen.contains(text)) {
                        return element;
                    }
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "no element matching `{css}` with text containing {text:?} after {timeout:?}; elements matching `{css}` show: {:?}",
                    self.texts(css)
                );
            }
            sleep(Duration::from_millis(100));
        }
    }

    pub fn click(&self, element: &str) {
        self.command(
            "POST",
            &self.path(&format!("element/{element}/click")),
            Some(json!({})),
        );
    }

    pub fn type_into(&self, element: &str, text: &str) {
        let body = json!({ "text": text });
        self.command(
            "POST",
            &self.path(&format!("element/{element}/value")),
            Some(body),
        );
    }

    pub fn text(&self, element: &str) -> String {
        self.try_text(element)
            .unwrap_or_else(|e| panic!("text of element {element}: {e}"))
    }

    /// All texts of elements matching `css`, in document order.
    pub fn texts(&self, css: &str) -> Vec<String> {
        // The page may re-render between finding the elements and reading them: try again then.
        let mut last = String::new();
        for _ in 0..3 {
            let read = self.find_all(css).and_then(|elements| {
                elements
                    .iter()
                    .map(|element| self.try_text(element))
                    .collect()
            });
            match read {
                Ok(texts) => return texts,
                Err(e) => last = e,
            }
        }
        panic!("texts of `{css}`: {last}")
    }

    pub fn attribute(&self, element: &str, name: &str) -> Option<String> {
        let value = self.command(
            "GET",
            &self.path(&format!("element/{element}/attribute/{name}")),
            None,
        );
        value.as_str().map(str::to_owned)
    }

    fn find_all(&self, css: &str) -> Result<Vec<String>, String> {
        let body = json!({ "using": "css selector", "value": css });
        let found = self.request("POST", &self.path("elements"), Some(body))?;
        let elements = found
            .as_array()
            .ok_or_else(|| format!("elements: not a list: {found}"))?;
        elements
            .iter()
            .map(|e| {
                e[ELEMENT]
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("not an element: {e}"))
            })
            .collect()
    }

    fn try_text(&self, element: &str) -> Result<String, String> {
        let value = self.request("GET", &self.path(&format!("element/{element}/text")), None)?;
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("text not a string: {value}"))
    }

    /// `/session/{id}/{rest}`.
    fn path(&self, rest: &str) -> String {
        format!("/session/{}/{rest}", self.session)
    }

    /// A request whose failure fails the test.
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.request(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"))
    }

    /// One HTTP/1.1 exchange with chromedriver (a fresh connection each time, closed after the
    /// answer). Returns the reply's `value`, or the WebDriver error as text.
    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| format!("connect: {e}"))?;
        // Generous: creating a session or loading a page can take a few seconds on a slow machine.
        let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        );
        stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(body.as_bytes()))
            .map_err(|e| format!("send: {e}"))?;

        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader
            .read_line(&mut line)
            .map_err(|e| format!("read status: {e}"))?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| format!("bad status line {line:?}"))?;
        let mut length = None;
        loop {
            line.clear();
            reader
                .read_line(&mut line)
                .map_err(|e| format!("read header: {e}"))?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let mut raw = Vec::new();
        match length {
            Some(n) => {
                raw.resize(n, 0);
                reader
                    .read_exact(&mut raw)
                    .map_err(|e| format!("read body: {e}"))?;
            }
            // No length: the body runs to the end of the connection (we asked it to close).
            None => {
                reader
                    .read_to_end(&mut raw)
                    .map_err(|e| format!("read body: {e}"))?;
            }
        }
        let reply: Value = serde_json::from_slice(&raw).map_err(|e| {
            format!(
                "HTTP {status}, not JSON ({e}): {}",
                String::from_utf8_lossy(&raw)
            )
        })?;
        let value = reply.get("value").cloned().unwrap_or(Value::Null);
        if status == 200 {
            Ok(value)
        } else {
            let error = value["error"].as_str().unwrap_or("unknown error");
            Err(format!(
                "HTTP {status}: {error}: {}",
                value["message"].as_str().unwrap_or("")
            ))
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Deleting the session makes chromedriver close Chromium; then chromedriver itself goes.
        if !self.session.is_empty() {
            let _ = self.request("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The first `name` on `PATH` that is a file.
fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}
