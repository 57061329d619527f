//! Buttons: the callback payloads that ride on inline keyboards, and the keyboards themselves.
//! Presentation shared by the bot (which reads presses) and the notifier (which sends messages
//! with buttons), so neither the services nor the notifier reach into the bot for them.

pub mod callback_data;
pub mod keyboards;
pub mod reminder_buttons;
