use super::*;

const GOOD: &str = r#"
year = 2026
name = "Phong trào thi đua năm 2026"
rule_set = "luat-2022"
titles = ["LDTT", "CSTDCS", "TLDTT", "TLDXS"]
[phases.registration]
opens = "2026-02-05T08:00"
closes = "2026-03-25T17:00"
[phases.self_assessment]
opens = "2026-11-01T08:00"
closes = "2026-11-20T17:00"
[phases.unit_review]
opens = "2026-11-21T08:00"
closes = "2026-12-02T17:00"
[phases.appraisal]
opens = "2026-12-03T08:00"
closes = "2026-12-07T17:00"
[phases.ballot]
opens = "2026-12-08T08:00"
closes = "2026-12-10T17:00"
[phases.decision]
opens = "2026-12-11T08:00"
closes = "2026-12-20T17:00"
"#;

#[test]
fn a_consistent_file_parses_in_local_time() {
    let campaign = CampaignSpec::parse_toml(GOOD).expect("valid");
    assert_eq!(campaign.year, 2026);
    assert_eq!(campaign.rule_set, RuleSet::Luat2022);
    let registration = campaign.window(Phase::Registration).unwrap();
    // 17:00 in Hồ Chí Minh City is 10:00 UTC.
    assert_eq!(
        registration.closes.to_rfc3339(),
        "2026-03-25T10:00:00+00:00"
    );
    assert_eq!(campaign.offered(Holder::Collective).count(), 2);
}

fn rejected(from: &str, to: &str) -> CampaignFileError {
    let text = GOOD.replacen(from, to, 1);
    assert_ne!(text, GOOD, "the replacement must change the file");
    CampaignSpec::parse_toml(&text).expect_err("must be rejected")
}

#[test]
fn inconsistent_files_are_rejected_naming_the_field() {
    let cases = [
        (
            r#"closes = "2026-03-25T17:00""#,
            r#"closes = "2026-02-01T17:00""#,
            "phases.registration.closes",
        ),
        (
            r#"opens = "2026-11-21T08:00""#,
            r#"opens = "2026-10-21T08:00""#,
            "phases.unit_review.opens",
        ),
        (
            r#"closes = "2026-12-10T17:00""#,
            r#"closes = "2026-12-05T17:00""#,
            "phases.ballot.closes",
        ),
        (
            r#"opens = "2026-12-11T08:00""#,
            r#"opens = "next week""#,
            "phases.decision.opens",
        ),
        (
            "rule_set = \"luat-2022\"",
            "rule_set = \"luat-2030\"",
            "rule_set",
        ),
        ("\"TLDXS\"]", "\"TLDXS\", \"LDTT\"]", "titles[4]"),
        ("\"TLDXS\"]", "\"FLAG\"]", "titles[3]"),
        ("year = 2026", "year = 2025", "phases.registration.opens"),
        ("[phases.ballot]", "[phases.vote]", "phases.vote"),
        (
            "name = \"Phong trào thi đua năm 2026\"",
            "name = \"  \"",
            "name",
        ),
        ("year = 2026", "year = \"2026\"", "year"),
    ];
    for (from, to, field) in cases {
        let error = rejected(from, to);
        assert_eq!(error.field, field, "{from} -> {to}: {error}");
    }
}

#[test]
fn a_missing_phase_is_named() {
    let text = GOOD.replace(
        "[phases.appraisal]\nopens = \"2026-12-03T08:00\"\ncloses = \"2026-12-07T17:00\"\n",
        "",
    );
    let error = CampaignSpec::parse_toml(&text).expect_err("missing phase");
    assert_eq!(error.field, "phases.appraisal");
}
