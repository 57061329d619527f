//! Messages the command line prints for the operator.

pub fn missing_token() -> String {
    "Chưa có mã (token) của bot Telegram nên chưa thể khởi động.\n\
     Cách lấy: trên Telegram, nhắn cho @BotFather lệnh /newbot, đặt tên và username cho bot, BotFather sẽ gửi lại mã dạng 123456789:ABC…\n\
     Cách đặt: export TELOXIDE_TOKEN='<mã>' rồi chạy lại (hoặc đặt THIDUA__TELEGRAM__TOKEN, hoặc khóa telegram.token trong tệp --config). Nhớ cập nhật telegram.bot_username cho đúng username của bot.\n\
     \n\
     No Telegram bot token, so the bot cannot start.\n\
     To get one: in Telegram, send /newbot to @BotFather and follow its questions; it answers with a token like 123456789:ABC…\n\
     To use it: export TELOXIDE_TOKEN='<token>' and run again (or set THIDUA__TELEGRAM__TOKEN, or telegram.token in a --config file). Also set telegram.bot_username to the bot's username."
        .to_owned()
}

pub fn token_rejected(error: &str) -> String {
    format!(
        "Telegram không chấp nhận mã bot hoặc không kết nối được tới máy chủ Bot API ({error}). Vui lòng kiểm tra TELOXIDE_TOKEN và TELOXIDE_API_URL.\n\
         Telegram rejected the bot token or the Bot API server could not be reached ({error}). Please check TELOXIDE_TOKEN and TELOXIDE_API_URL."
    )
}
