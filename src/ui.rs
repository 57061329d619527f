//! Buttons (the callback payloads that ride on inline keyboards, and the keyboards themselves)
//! and the words of typed notices. Presentation shared by the bot (which reads presses and
//! previews what will be sent) and the notifier (which sends), so neither reaches into the other.

pub mod callback_data;
pub mod keyboards;
pub mod notices;
pub mod reminder_buttons;
