//! Fakes that sit at the edge of the process (principle 8): a Telegram Bot API server over real
//! HTTP and an SMTP server over real TCP. The code under test talks to them exactly as it talks
//! to the real services, so serialisation, retries and timeouts are exercised for real.
//!
//! Every test module shares these helpers but none uses all of them, hence `dead_code` is allowed
//! here rather than sprinkled over each item.
#![allow(dead_code)]

pub mod browser;
pub mod fake_telegram;
pub mod forensics;
pub mod office;
pub mod outbox_text;
pub mod smtp_sink;
