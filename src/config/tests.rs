use super::*;

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

#[test]
fn the_built_in_defaults_are_valid_and_use_embedded_mail() {
    let settings = Settings::from_layers(None, env(&[])).expect("defaults load");
    assert!(!settings.smtp_configured());
    assert_eq!(settings.invites.ttl_days, 14);
    assert!(settings.telegram.token.is_none());
}

#[test]
fn environment_overrides_the_file_which_overrides_the_defaults() {
    let overlay = "[mail]\nsmtp_host = \"smtp.file\"\nsmtp_port = 2525\n";
    let settings = Settings::from_layers(
        Some(overlay),
        env(&[("THIDUA__MAIL__SMTP_PORT", "25"), ("UNRELATED", "x")]),
    )
    .expect("valid");
    assert_eq!(settings.mail.smtp_host, "smtp.file");
    assert_eq!(settings.mail.smtp_port, 25);
}

#[test]
fn an_invalid_key_fails_with_its_path() {
    let error =
        Settings::from_layers(None, env(&[("THIDUA__MAIL__SMTP_PORT", "many")])).unwrap_err();
    assert_eq!(error.key, "mail.smtp_port");
    let error = Settings::from_layers(Some("[invites]\nttl_days = 0\n"), env(&[])).unwrap_err();
    assert_eq!(error.key, "invites.ttl_days");
    let error =
        Settings::from_layers(Some("[mail]\nfrom = \"not an address\"\n"), env(&[])).unwrap_err();
    assert_eq!(error.key, "mail.from");
    let error =
        Settings::from_layers(Some("[mail]\nsmtp_security = \"ssl\"\n"), env(&[])).unwrap_err();
    assert_eq!(error.key, "mail.smtp_security");
    let error = Settings::from_layers(Some("[linking]\nmax_failure = 3\n"), env(&[])).unwrap_err();
    assert_eq!(error.key, "linking.max_failure");
}

#[test]
fn a_missing_key_fails_with_its_path() {
    let defaults_without_port = DEFAULTS.replace("smtp_port = 587\n", "");
    let merged = layers::merge(&defaults_without_port, None, env(&[])).unwrap();
    let error = layers::deserialize::<Settings>(merged).unwrap_err();
    assert_eq!(error.key, "mail.smtp_port");
    assert_eq!(error.reason, "missing");
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let settings = Settings::from_layers(
        None,
        env(&[
            ("THIDUA__TELEGRAM__TOKEN", "123:very-secret-token"),
            ("THIDUA__MAIL__SMTP_PASSWORD", "hunter2"),
        ]),
    )
    .unwrap();
    let printed = format!("{settings:?}");
    assert!(!printed.contains("very-secret-token"));
    assert!(!printed.contains("hunter2"));
    assert_eq!(
        settings.telegram.token.unwrap().expose(),
        "123:very-secret-token"
    );
}

#[test]
fn an_all_digit_secret_is_a_string_and_a_bad_value_is_never_echoed() {
    let settings = Settings::from_layers(None, env(&[("THIDUA__MAIL__SMTP_PASSWORD", "83920174")]))
        .expect("an all-digit password is accepted");
    assert_eq!(settings.mail.smtp_password.expose(), "83920174");
    let error = Settings::from_layers(
        None,
        env(&[("THIDUA__DATABASE__MAX_CONNECTIONS", "s3cr3t-value")]),
    )
    .expect_err("a string where a number belongs is refused");
    let shown = error.to_string();
    assert!(shown.contains("database.max_connections"), "{shown}");
    assert!(
        !shown.contains("s3cr3t-value"),
        "the value is echoed: {shown}"
    );
}

#[test]
fn a_malformed_ballot_key_is_refused_by_name_without_echoing_it() {
    let error = Settings::from_layers(
        None,
        env(&[(
            "THIDUA__BALLOT__SECRECY_KEY",
            "not-a-key-but-a-secret-guess",
        )]),
    )
    .expect_err("refused");
    assert_eq!(error.key, "ballot.secrecy_key");
    assert!(!error.to_string().contains("secret-guess"), "{error}");
    let good = "ab".repeat(32);
    let settings = Settings::from_layers(None, env(&[("THIDUA__BALLOT__SECRECY_KEY", &good)]))
        .expect("a 64-hex-digit key loads");
    assert!(settings.ballot.key().is_some());
    let defaults = Settings::from_layers(None, env(&[])).expect("defaults load");
    assert!(defaults.ballot.key().is_none(), "no key is shipped");
}

#[test]
fn a_webhook_needs_https_or_loopback_and_a_secret() {
    let with = |url: &str, secret: &str| {
        Settings::from_layers(
            None,
            env(&[
                ("THIDUA__TELEGRAM__WEBHOOK_URL", url),
                ("THIDUA__TELEGRAM__WEBHOOK_SECRET", secret),
            ]),
        )
    };
    assert!(with("https://thidua.example.gov.vn/telegram", "s3cret-value").is_ok());
    assert!(with("http://127.0.0.1:8443/telegram", "s3cret-value").is_ok());
    assert_eq!(
        with("http://thidua.example.gov.vn/telegram", "s3cret-value")
            .unwrap_err()
            .key,
        "telegram.webhook_url"
    );
    assert_eq!(
        with("https://thidua.example.gov.vn/telegram", "")
            .unwrap_err()
            .key,
        "telegram.webhook_secret"
    );
    assert_eq!(
        with("https://thidua.example.gov.vn/telegram", "no spaces")
            .unwrap_err()
            .key,
        "telegram.webhook_secret"
    );
}
