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

/// A second instance on a database another one is using.
pub fn already_running(database: &str, holder: &str) -> String {
    let holder = if holder.is_empty() { "?" } else { holder };
    format!(
        "Cơ sở dữ liệu {database} đang được một tiến trình khác sử dụng ({holder}), nên lệnh này không chạy. \
         Hai bot trên cùng một cơ sở dữ liệu sẽ giành tin nhắn của nhau và gửi trùng nhắc hạn. \
         Nếu cần khởi động lại, hãy dừng tiến trình đó trước (kill -TERM <pid>).\n\
         The database {database} is in use by another process ({holder}), so this command does not run. \
         Two bots on one database steal each other's updates and send every reminder twice; \
         to restart, stop that process first (kill -TERM <pid>)."
    )
}

/// `thidua demo` is up: where to open it.
pub fn sandbox_ready(address: &str) -> String {
    format!(
        "Hộp cát thidua đã sẵn sàng: mở {address} trong trình duyệt, chọn một người của Sở và trò chuyện với bot thay cho người đó. \
         Dữ liệu chỉ là mẫu và sẽ bị xóa khi dừng (Ctrl-C); không cần token, không dùng mạng.\n\
         The thidua sandbox is ready: open {address} in a browser, pick a person of the department and chat with the bot as them. \
         The data is a sample, removed when you stop it (Ctrl-C); no token, no network."
    )
}

/// `telegram.bot_username` is not the name of the token's bot.
pub fn username_mismatch(configured: &str, actual: &str) -> String {
    format!(
        "Cấu hình telegram.bot_username là “{configured}” nhưng mã (token) này thuộc về bot @{actual}. \
         Thư mời (t.me/{configured}?start=…) sẽ dẫn mọi người tới nhầm bot, nên bot chưa khởi động. \
         Hãy đặt THIDUA__TELEGRAM__BOT_USERNAME={actual} (hoặc khóa telegram.bot_username trong tệp --config) rồi chạy lại; \
         các thư mời đã gửi cần gửi lại bằng `thidua staff invite`.\n\
         telegram.bot_username is “{configured}” but this token belongs to @{actual}: invites would send everyone to the \
         wrong bot, so the bot did not start. Set THIDUA__TELEGRAM__BOT_USERNAME={actual} and run again; re-issue invites \
         already sent with `thidua staff invite`."
    )
}

/// The organisation file is not where the settings say (usually: run from another folder).
pub fn org_file_missing(path: &std::path::Path) -> String {
    let here = std::env::current_dir()
        .map(|dir| dir.display().to_string())
        .unwrap_or_default();
    format!(
        "Không tìm thấy tệp tổ chức {path} (thư mục hiện tại: {here}). Các đường dẫn tương đối được tính từ \
         thư mục THIDUA_HOME, hoặc thư mục hiện tại khi chưa đặt: hãy chạy từ thư mục chứa config/, hoặc đặt \
         THIDUA_HOME=<thư mục dữ liệu>, hoặc chỉ rõ THIDUA__ORG__FILE. Muốn thử ngay không cần cấu hình: thidua demo.\n\
         The organisation file {path} was not found (current folder: {here}). Relative paths resolve against \
         THIDUA_HOME, or the current folder when it is unset: run from the folder holding config/, set \
         THIDUA_HOME=<data folder>, or THIDUA__ORG__FILE. To try the product without any setup: thidua demo.",
        path = path.display()
    )
}
