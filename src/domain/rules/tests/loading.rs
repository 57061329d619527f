//! Loading: malformed files are refused naming the file, the rule and the reason; local files
//! override the base without a code change.

use super::*;

fn base(rule_set: RuleSet) -> RuleSource<'static> {
    RuleSource {
        label: match rule_set {
            RuleSet::Nd91_2017 => "config/rules/nd91-2017.toml",
            RuleSet::Luat2022 => "config/rules/luat-2022.toml",
        },
        text: crate::domain::rules::load::builtin_text(rule_set),
    }
}

fn with_local(rule_set: RuleSet, text: &str) -> Result<Rules, RuleFileError> {
    parse(
        base(rule_set),
        &[RuleSource {
            label: "local/tay-ninh.toml",
            text,
        }],
    )
}

/// The base file with one piece of text replaced, parsed alone.
fn edited(from: &str, to: &str) -> RuleFileError {
    let text = crate::domain::rules::load::builtin_text(RuleSet::Luat2022);
    assert!(text.contains(from), "the fixture must exist: {from}");
    let text = text.replacen(from, to, 1);
    parse(
        RuleSource {
            label: "broken.toml",
            text: &text,
        },
        &[],
    )
    .expect_err("refused")
}

fn assert_refused(error: &RuleFileError, file: &str, rule: &str, reason: &str) {
    assert_eq!(error.file, file, "{error}");
    assert_eq!(error.rule, rule, "{error}");
    assert!(error.reason.contains(reason), "{error}");
}

#[test]
fn malformed_rule_files_are_refused_with_file_rule_and_reason() {
    let cases = [
        // (replace, with, rule, reason)
        (
            "min_months = 6",
            "min_months = \"six\"",
            "tenure",
            "min_months",
        ),
        (
            "min_months = 6",
            "min_months = 0",
            "tenure",
            "between 1 and 12",
        ),
        ("min_months = 6", "min_month = 6", "tenure", "min_month"),
        (
            "min_rating = \"good\"",
            "min_rating = \"tot\"",
            "individual.LDTT",
            "tot",
        ),
        (
            "comparator = \"ge\", value = 0.70",
            "comparator = \"gte\", value = 0.70",
            "collective.TLDTT",
            "gte",
        ),
        (
            "comparator = \"ge\", value = 0.70",
            "comparator = \"ge\", valu = 0.70",
            "collective.TLDTT",
            "valu",
        ),
        (
            "comparator = \"ge\", value = 0.70",
            "comparator = \"ge\", value = 1.70",
            "collective.TLDTT",
            "between 0 and 1",
        ),
        ("value = 0.80", "value = 0.6666667", "ballot.CSTDCS", "2/3"),
        (
            "numerator = \"yes_votes\", denominator = \"council_members\"",
            "numerator = \"yes_votes\", denominator = \"present\"",
            "ballot.CSTDCS",
            "present",
        ),
        (
            "any_of = [\"excellent_rating\", \"initiative\", \"research\"]",
            "any_of = []",
            "individual.CSTDCS",
            "at least one",
        ),
        (
            "ref = \"Điều 28 Luật Thi đua, khen thưởng 2022\"",
            "ref = \" \"",
            "collective.TLDTT",
            "legal text",
        ),
        ("[tie_break]", "[tie_breaks]", "tie_breaks", "unknown field"),
        (
            "single_use = true",
            "single_use = yes",
            "initiatives",
            "line",
        ),
    ];
    for (from, to, rule, reason) in cases {
        let error = edited(from, to);
        assert_refused(&error, "broken.toml", rule, reason);
    }
}

#[test]
fn a_bad_local_file_is_blamed_not_the_base() {
    let error = with_local(
        RuleSet::Nd91_2017,
        "[quota.CSTDCS]\nref = \"QĐ 1/2020\"\nshare = \"mười lăm phần trăm\"\n",
    )
    .unwrap_err();
    assert_refused(&error, "local/tay-ninh.toml", "quota.CSTDCS", "share");

    let error = with_local(
        RuleSet::Luat2022,
        "[quota.CSTDCS]\nref = \"QĐ 1/2024\"\nof = \"ldtt_achievers\"\nshare = 0.15\nscope = \"department\"\n",
    )
    .unwrap_err();
    assert_refused(&error, "local/tay-ninh.toml", "quota.CSTDCS", "rounding");

    let error = with_local(
        RuleSet::Luat2022,
        "[quota.CSTDCS]\nref = \"QĐ 1/2024\"\nof = \"ldtt_achievers\"\nshare = 0.15\nrounding = \"none\"\nscope = \"department\"\n",
    )
    .unwrap_err();
    assert_refused(
        &error,
        "local/tay-ninh.toml",
        "quota.CSTDCS",
        "whole number",
    );

    let error = with_local(RuleSet::Luat2022, "[tenure]\nmin_months = 8\n").unwrap_err();
    assert_refused(&error, "local/tay-ninh.toml", "tenure", "`ref`");

    let error = with_local(RuleSet::Luat2022, "[rule_set]\nname = \"khac\"\n").unwrap_err();
    assert_refused(&error, "local/tay-ninh.toml", "rule_set", "cannot change");

    let error = with_local(RuleSet::Luat2022, "[tenure\nref = 1").unwrap_err();
    assert_refused(&error, "local/tay-ninh.toml", "(file)", "line 1");
}

#[test]
fn a_local_file_changes_the_cstdcs_cap_without_code() {
    // The province caps CSTĐCS at 10% under the 2022 law, which has no national cap.
    let local = "[quota.CSTDCS]\nref = \"Quyết định số 12/2024/QĐ-UBND tỉnh Tây Ninh\"\nof = \"ldtt_achievers\"\nshare = \"10%\"\nrounding = \"floor\"\nscope = \"department\"\n";
    let rules = with_local(RuleSet::Luat2022, local).expect("valid");
    assert_eq!(
        quota(&rules, crate::domain::title::Title::Cstdcs, 20),
        Some(2)
    );
    assert_eq!(
        quota(&rules, crate::domain::title::Title::Cstdcs, 19),
        Some(1)
    );
    assert_eq!(
        rules.files,
        ["config/rules/luat-2022.toml", "local/tay-ninh.toml"]
    );
    // Everything else is the base's.
    assert_eq!(rules.tenure.min_months, 6);

    // Under nd91 the province lowers the share; the base's rounding and scope stay.
    let rules = with_local(
        RuleSet::Nd91_2017,
        "[quota.CSTDCS]\nref = \"Quyết định số 3/2020/QĐ-UBND\"\nshare = 0.10\n",
    )
    .expect("valid");
    assert_eq!(
        quota(&rules, crate::domain::title::Title::Cstdcs, 29),
        Some(2)
    );
    let cap = rules.quota.cstdcs.as_ref().unwrap();
    assert_eq!(
        (cap.rounding, cap.scope),
        (Rounding::Floor, Scope::Department)
    );
    assert_eq!(cap.legal_ref, "Quyết định số 3/2020/QĐ-UBND");
}

#[test]
fn a_file_for_another_rule_set_is_refused() {
    let error = parse_named(
        RuleSet::Luat2022,
        RuleSource {
            label: "config/rules/luat-2022.toml",
            text: crate::domain::rules::load::builtin_text(RuleSet::Nd91_2017),
        },
        &[],
    )
    .unwrap_err();
    assert_refused(
        &error,
        "config/rules/luat-2022.toml",
        "rule_set",
        "nd91-2017",
    );
}

#[test]
fn a_missing_file_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let error = load_from_dir(dir.path(), RuleSet::Luat2022, &[]).unwrap_err();
    assert!(error.file.ends_with("luat-2022.toml"), "{error}");
    assert_eq!(error.rule, "(file)");
}
