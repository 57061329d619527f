//! The director's publication preview: every message approving will send, word for word.

use super::super::{Lang, pick};
use crate::services::decision::{Addressee, ApprovalPreview};

pub struct PreviewButtons {
    pub confirm: String,
    pub retype: String,
    pub cancel: String,
}

pub fn preview_buttons(lang: Lang) -> PreviewButtons {
    PreviewButtons {
        confirm: pick(
            lang,
            "✅ Xác nhận phê duyệt và công bố".into(),
            "✅ Confirm: approve and publish".into(),
        ),
        retype: pick(
            lang,
            "✏️ Nhập lại số quyết định".into(),
            "✏️ Type the number again".into(),
        ),
        cancel: pick(
            lang,
            "✖️ Hủy, chưa phê duyệt".into(),
            "✖️ Cancel, do not approve".into(),
        ),
    }
}

fn addressees(lang: Lang, to: &[&Addressee]) -> String {
    let names: Vec<String> = to
        .iter()
        .map(|addressee| match addressee {
            Addressee::Group => String::new(),
            Addressee::Chat(name) => name.clone(),
            Addressee::Email {
                address,
                name: Some(name),
            } => format!("{name} <{address}>"),
            Addressee::Email {
                address,
                name: None,
            } => address.clone(),
        })
        .collect();
    let list = names.join(", ");
    let count = to.len();
    match to.first() {
        Some(Addressee::Group) | None => pick(
            lang,
            "Nhóm công bố kết quả".into(),
            "The results group".into(),
        ),
        Some(Addressee::Chat(_)) if count == 1 => pick(
            lang,
            format!("Tin nhắn riêng tới {list}"),
            format!("Private message to {list}"),
        ),
        Some(Addressee::Chat(_)) => pick(
            lang,
            format!("Tin nhắn riêng, cùng nội dung, tới {count} người: {list}"),
            format!("Private message, the same for {count} people: {list}"),
        ),
        Some(Addressee::Email { .. }) if count == 1 => format!("E-mail → {list}"),
        Some(Addressee::Email { .. }) => pick(
            lang,
            format!("E-mail, cùng nội dung, tới {count} địa chỉ: {list}"),
            format!("E-mail, the same to {count} addresses: {list}"),
        ),
    }
}

/// One distinct message of the preview: who receives it (all of one kind), then exactly what
/// they will read.
pub struct Shown<'a> {
    pub to: Vec<&'a Addressee>,
    pub subject: &'a str,
    pub body: &'a str,
    pub attachments: &'a [String],
}

/// The preview: what approving does, then every distinct message in the order it will go.
pub fn approval_preview(lang: Lang, preview: &ApprovalPreview, shown: &[Shown<'_>]) -> String {
    let date = super::super::export::date(preview.decided_on);
    let (group, private, mail) = preview
        .messages
        .iter()
        .fold((0, 0, 0), |(g, p, m), message| match message.to {
            Addressee::Group => (g + 1, p, m),
            Addressee::Chat(_) => (g, p + 1, m),
            Addressee::Email { .. } => (g, p, m + 1),
        });
    let mut text = pick(
        lang,
        format!(
            "Xem trước khi phê duyệt Quyết định số {} ngày {date}.\n\nKhi anh/chị xác nhận: {} danh hiệu được công nhận, {} danh hiệu đề nghị cấp trên xét tặng, kết quả không thể sửa trong chat, và hệ thống gửi ngay {group} tin vào nhóm, {private} tin nhắn riêng, {mail} e-mail đúng như dưới đây.",
            preview.number, preview.recognised, preview.proposed_upward
        ),
        format!(
            "Preview before approving Decision No. {} of {date}.\n\nOnce you confirm: {} titles are recognised, {} are proposed to the province, the results cannot be changed in chat, and {group} group posts, {private} private messages and {mail} e-mails go out at once, exactly as below.",
            preview.number, preview.recognised, preview.proposed_upward
        ),
    );
    for (index, message) in shown.iter().enumerate() {
        text.push_str(&format!(
            "\n\n— {}. {} —\n",
            index + 1,
            addressees(lang, &message.to)
        ));
        if !message.subject.is_empty() {
            text.push_str(&pick(
                lang,
                format!("Tiêu đề: {}\n", message.subject),
                format!("Subject: {}\n", message.subject),
            ));
        }
        text.push_str(message.body);
        if !message.attachments.is_empty() {
            text.push_str(&pick(
                lang,
                format!("\nTệp đính kèm: {}", message.attachments.join(", ")),
                format!("\nAttached: {}", message.attachments.join(", ")),
            ));
        }
    }
    text
}
