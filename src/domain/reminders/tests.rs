//! Due-reminder tables: offsets, weekends and holidays, people who acted, muted people, a moved
//! deadline, a reopened phase, downtime; then digests and escalations.

use super::notices::{ESCALATION_CATCH_UP_DAYS, plan_digests, plan_escalations};
use super::*;
use crate::domain::campaign::{Campaign, RuleSet};
use crate::domain::language::Lang;
use crate::domain::person::{Gender, Person};
use crate::domain::role::{Role, Roles};
use crate::domain::title::Title;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A local (Asia/Ho_Chi_Minh) instant.
fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    local_instant(date(y, m, d), NaiveTime::from_hms_opt(h, min, 0).unwrap())
}

/// The holidays shipped in config/default.toml for 2026.
fn holidays_2026() -> WorkCalendar {
    let mut days = vec![date(2026, 1, 1), date(2026, 4, 26), date(2026, 4, 27)];
    days.extend((16..=20).map(|d| date(2026, 2, d)));
    days.extend([
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 9, 1),
        date(2026, 9, 2),
    ]);
    WorkCalendar::new(days)
}

fn policy() -> Policy {
    Policy {
        offsets: vec![
            Offset::DaysBefore(7),
            Offset::DaysBefore(3),
            Offset::DaysBefore(1),
            Offset::LastDay,
        ],
        send_time: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        digest_time: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
        grace: Duration::hours(12),
        calendar: holidays_2026(),
    }
}

fn window(opens: DateTime<Utc>, closes: DateTime<Utc>) -> Window {
    Window { opens, closes }
}

/// The example campaign: registration 05/02 08:00 → 25/03/2026 17:00 (a Wednesday).
fn campaign_closing(closes: DateTime<Utc>) -> Campaign {
    let mut windows = BTreeMap::new();
    windows.insert(Phase::Registration, window(local(2026, 2, 5, 8, 0), closes));
    windows.insert(
        Phase::SelfAssessment,
        window(local(2026, 11, 2, 8, 0), local(2026, 11, 20, 17, 0)),
    );
    Campaign {
        year: 2026,
        name: "Thi đua 2026".into(),
        rule_set: RuleSet::Luat2022,
        titles: vec![Title::Ldtt, Title::Tldtt],
        windows,
        local_rules: Vec::new(),
    }
}

fn campaign() -> Campaign {
    campaign_closing(local(2026, 3, 25, 17, 0))
}

const MAI: PersonId = PersonId(2);
const HUNG: PersonId = PersonId(1);
const LAN: PersonId = PersonId(4);

/// Mai and Lan owe their registration, Hùng (VP's head) has registered.
fn progress() -> Progress {
    let mut progress = Progress::new();
    progress.set(Phase::Registration, HUNG, vec![]);
    progress.set(Phase::Registration, MAI, vec![Task::RegisterIndividual]);
    progress.set(Phase::Registration, LAN, vec![Task::RegisterIndividual]);
    progress
}

fn run(campaign: &Campaign, recorded: &BTreeSet<ReminderKey>, now: DateTime<Utc>) -> Vec<Planned> {
    plan(
        campaign,
        &progress(),
        &BTreeMap::new(),
        &policy(),
        recorded,
        now,
    )
}

fn sent_to(planned: &[Planned], person: PersonId) -> Vec<Offset> {
    planned
        .iter()
        .filter(|p| p.key.person == person && p.disposition == Disposition::Send)
        .map(|p| p.key.offset)
        .collect()
}

fn skipped(planned: &[Planned], person: PersonId) -> Vec<(Offset, SkipReason)> {
    planned
        .iter()
        .filter(|p| p.key.person == person)
        .filter_map(|p| match p.disposition {
            Disposition::Skip(reason) => Some((p.key.offset, reason)),
            Disposition::Send => None,
        })
        .collect()
}

fn keys(planned: &[Planned]) -> BTreeSet<ReminderKey> {
    planned.iter().map(|p| p.key).collect()
}

#[test]
fn each_offset_falls_on_a_working_day_at_eight_moving_back_over_weekends_and_holidays() {
    let policy = policy();
    // (deadline, offset, expected local due date at 08:00)
    let table = [
        // Wednesday 25/03: plain working days, except 3d (Sunday 22/03 → Friday 20/03).
        (
            local(2026, 3, 25, 17, 0),
            Offset::DaysBefore(7),
            date(2026, 3, 18),
        ),
        (
            local(2026, 3, 25, 17, 0),
            Offset::DaysBefore(3),
            date(2026, 3, 20),
        ),
        (
            local(2026, 3, 25, 17, 0),
            Offset::DaysBefore(1),
            date(2026, 3, 24),
        ),
        (
            local(2026, 3, 25, 17, 0),
            Offset::LastDay,
            date(2026, 3, 25),
        ),
        // Monday 04/05: 1/5 and 30/4 are holidays, 27/4 the day off for Giỗ Tổ (Sunday 26/4).
        (
            local(2026, 5, 4, 17, 0),
            Offset::DaysBefore(1),
            date(2026, 4, 29),
        ),
        (
            local(2026, 5, 4, 17, 0),
            Offset::DaysBefore(3),
            date(2026, 4, 29),
        ),
        (
            local(2026, 5, 4, 17, 0),
            Offset::DaysBefore(7),
            date(2026, 4, 24),
        ),
        // Monday 23/02, just after Tết (16–20/02): the day before is Friday 13/02.
        (
            local(2026, 2, 23, 17, 0),
            Offset::DaysBefore(1),
            date(2026, 2, 13),
        ),
        // A deadline on a Saturday: the "last day" reminder goes out on Friday.
        (
            local(2026, 3, 28, 17, 0),
            Offset::LastDay,
            date(2026, 3, 27),
        ),
        // Midnight deadline: the last day is the day before (Tuesday 24/03).
        (local(2026, 3, 25, 0, 0), Offset::LastDay, date(2026, 3, 24)),
        // National Day: deadline Thursday 03/09, 1d (02/09) and 2d (01/09) are holidays.
        (
            local(2026, 9, 3, 17, 0),
            Offset::DaysBefore(1),
            date(2026, 8, 31),
        ),
    ];
    for (closes, offset, expected) in table {
        let window = window(local(2026, 1, 5, 8, 0), closes);
        assert_eq!(
            due_at(&policy, &window, offset),
            Some(local_instant(expected, policy.send_time)),
            "{offset:?} before {closes}"
        );
    }
}

#[test]
fn no_reminder_before_the_phase_opens_or_after_its_deadline() {
    let policy = policy();
    // Opened on 20/03: the 7d reminder (18/03) would precede it.
    let late_opening = window(local(2026, 3, 20, 9, 0), local(2026, 3, 25, 17, 0));
    assert_eq!(due_at(&policy, &late_opening, Offset::DaysBefore(7)), None);
    assert!(due_at(&policy, &late_opening, Offset::DaysBefore(1)).is_some());
    // Closing at 07:00 on the last day: the 08:00 reminder would come after it.
    let early_close = window(local(2026, 3, 1, 8, 0), local(2026, 3, 25, 7, 0));
    assert_eq!(due_at(&policy, &early_close, Offset::LastDay), None);
}

#[test]
fn at_each_offsets_instant_only_people_who_still_owe_are_reminded() {
    let campaign = campaign();
    let mut recorded = BTreeSet::new();
    for (instant, offset) in [
        (local(2026, 3, 18, 8, 0), Offset::DaysBefore(7)),
        (local(2026, 3, 20, 8, 0), Offset::DaysBefore(3)),
        (local(2026, 3, 24, 8, 0), Offset::DaysBefore(1)),
        (local(2026, 3, 25, 8, 0), Offset::LastDay),
    ] {
        // A minute before: nothing new.
        assert!(run(&campaign, &recorded, instant - Duration::minutes(1)).is_empty());
        let planned = run(&campaign, &recorded, instant);
        assert_eq!(sent_to(&planned, MAI), [offset]);
        assert_eq!(sent_to(&planned, LAN), [offset]);
        assert!(
            planned.iter().all(|p| p.key.person != HUNG),
            "Hùng registered"
        );
        assert_eq!(planned[0].tasks, [Task::RegisterIndividual]);
        assert_eq!(planned[0].due_at, instant);
        recorded.extend(keys(&planned));
        // Decided once: the same instant again plans nothing.
        assert!(run(&campaign, &recorded, instant).is_empty());
    }
}

#[test]
fn muted_people_get_only_the_last_day_reminder() {
    let campaign = campaign();
    let mut mutes = BTreeMap::new();
    mutes.insert(
        MAI,
        Mute {
            mode: MuteMode::DigestOnly,
            paused_until: None,
        },
    );
    // Lan paused for a week from 17/03 08:00: the 7d reminder is muted, the 1d one is not.
    mutes.insert(
        LAN,
        Mute {
            mode: MuteMode::All,
            paused_until: Some(local(2026, 3, 24, 8, 0)),
        },
    );
    let at = |now| {
        plan(
            &campaign,
            &progress(),
            &mutes,
            &policy(),
            &BTreeSet::new(),
            now,
        )
    };
    let week_before = at(local(2026, 3, 18, 8, 0));
    assert_eq!(
        skipped(&week_before, MAI),
        [(Offset::DaysBefore(7), SkipReason::Muted)]
    );
    assert_eq!(
        skipped(&week_before, LAN),
        [(Offset::DaysBefore(7), SkipReason::Muted)]
    );
    let day_before = plan(
        &campaign,
        &progress(),
        &mutes,
        &policy(),
        &keys(&at(local(2026, 3, 20, 8, 0))),
        local(2026, 3, 24, 8, 0),
    );
    assert_eq!(
        skipped(&day_before, MAI),
        [(Offset::DaysBefore(1), SkipReason::Muted)]
    );
    assert_eq!(
        sent_to(&day_before, LAN),
        [Offset::DaysBefore(1)],
        "the pause is over"
    );
    let last = at(local(2026, 3, 25, 8, 0));
    assert_eq!(sent_to(&last, MAI), [Offset::LastDay], "never muted");
}

#[test]
fn downtime_within_grace_sends_once_beyond_it_skips_with_the_reason() {
    let campaign = campaign();
    let none = BTreeSet::new();
    // Down from 07:00 to 19:59 on 18/03: still within 12 hours of 08:00.
    assert_eq!(
        sent_to(&run(&campaign, &none, local(2026, 3, 18, 19, 59)), MAI),
        [Offset::DaysBefore(7)]
    );
    // Up again at 20:01: too late for that reminder.
    assert_eq!(
        skipped(&run(&campaign, &none, local(2026, 3, 18, 20, 1)), MAI),
        [(Offset::DaysBefore(7), SkipReason::GraceExpired)]
    );
    // Down from 17/03 to 24/03 08:30: the 7d and 3d reminders are skipped, the 1d one is sent.
    let back = run(&campaign, &none, local(2026, 3, 24, 8, 30));
    assert_eq!(sent_to(&back, MAI), [Offset::DaysBefore(1)]);
    assert_eq!(
        skipped(&back, MAI),
        [
            (Offset::DaysBefore(7), SkipReason::GraceExpired),
            (Offset::DaysBefore(3), SkipReason::GraceExpired)
        ]
    );
    // Down until after the deadline: every one of them is recorded, none sent.
    let after = run(&campaign, &none, local(2026, 3, 25, 17, 30));
    assert!(sent_to(&after, MAI).is_empty());
    assert_eq!(
        skipped(&after, MAI).last(),
        Some(&(Offset::LastDay, SkipReason::DeadlinePassed))
    );
}

#[test]
fn a_later_reminder_supersedes_an_earlier_one_due_at_the_same_time() {
    // Deadline Monday 04/05: 3d and 1d both fall on Wednesday 29/04 (30/4 and 1/5 are holidays).
    let campaign = campaign_closing(local(2026, 5, 4, 17, 0));
    let planned = run(&campaign, &BTreeSet::new(), local(2026, 4, 29, 8, 0));
    assert_eq!(sent_to(&planned, MAI), [Offset::DaysBefore(1)]);
    assert_eq!(
        skipped(&planned, MAI),
        [
            (Offset::DaysBefore(7), SkipReason::GraceExpired),
            (
                Offset::DaysBefore(3),
                SkipReason::SupersededBy(Offset::DaysBefore(1))
            )
        ]
    );
}

#[test]
fn a_moved_deadline_starts_a_new_round_and_stops_the_old_one() {
    let original = campaign();
    let recorded = keys(&run(&original, &BTreeSet::new(), local(2026, 3, 18, 8, 0)));
    // On 19/03 the secretary extends registration to Wednesday 01/04 17:00.
    let moved = campaign_closing(local(2026, 4, 1, 17, 0));
    assert!(
        run(&moved, &recorded, local(2026, 3, 20, 8, 0)).is_empty(),
        "old 3d is gone"
    );
    let planned = run(&moved, &recorded, local(2026, 3, 25, 8, 0));
    assert_eq!(sent_to(&planned, MAI), [Offset::DaysBefore(7)]);
    assert_eq!(planned[0].key.deadline, local(2026, 4, 1, 17, 0));
    assert_ne!(
        planned[0].key.logical_key(),
        recorded.iter().next().unwrap().logical_key()
    );
}

#[test]
fn a_reopened_phase_reminds_again_for_its_new_deadline() {
    let original = campaign();
    let mut recorded = BTreeSet::new();
    for instant in [
        local(2026, 3, 18, 8, 0),
        local(2026, 3, 20, 8, 0),
        local(2026, 3, 24, 8, 0),
        local(2026, 3, 25, 8, 0),
    ] {
        recorded.extend(keys(&run(&original, &recorded, instant)));
    }
    assert!(run(&original, &recorded, local(2026, 3, 26, 8, 0)).is_empty());
    // Reopened on Friday 27/03 at 10:00 until Tuesday 31/03 17:00.
    let reopened = campaign_closing(local(2026, 3, 31, 17, 0));
    let now = local(2026, 3, 27, 10, 0);
    let planned = run(&reopened, &recorded, now);
    // 3d → Saturday 28/03 → Friday 27/03 08:00, two hours ago: sent; 7d (24/03) is too old.
    assert_eq!(sent_to(&planned, MAI), [Offset::DaysBefore(3)]);
    assert_eq!(
        skipped(&planned, MAI),
        [(Offset::DaysBefore(7), SkipReason::GraceExpired)]
    );
    recorded.extend(keys(&planned));
    let monday = run(&reopened, &recorded, local(2026, 3, 30, 8, 0));
    assert_eq!(sent_to(&monday, MAI), [Offset::DaysBefore(1)]);
}

#[test]
fn offsets_parse_from_the_settings_spelling() {
    assert_eq!(Offset::parse("7d"), Ok(Offset::DaysBefore(7)));
    assert_eq!(Offset::parse("last_day"), Ok(Offset::LastDay));
    for bad in ["0d", "7", "d", "seven days", "61d", ""] {
        assert!(Offset::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(Offset::DaysBefore(3).code(), "3d");
}

fn person(id: i64, unit: &str, roles: &[Role]) -> Person {
    Person {
        id: PersonId(id),
        employee_code: format!("E{id}"),
        full_name: format!("Người {id}"),
        unit_code: unit.into(),
        position: "Chuyên viên".into(),
        email: format!("p{id}@example.gov.vn"),
        gender: Gender::Female,
        hire_date: date(2015, 1, 1),
        active: true,
        telegram_user_id: Some(id),
        lang: Lang::Vi,
        roles: Roles::new(roles.iter().copied()),
    }
}

fn people() -> Vec<Person> {
    vec![
        person(1, "VP", &[Role::Staff, Role::UnitHead]),
        person(2, "VP", &[Role::Staff]),
        person(3, "VP", &[Role::Staff, Role::Secretary]),
        person(4, "TT", &[Role::Staff]),
        person(5, "TT", &[Role::Staff, Role::UnitHead]),
    ]
}

#[test]
fn unit_heads_get_a_digest_on_working_days_while_their_unit_owes_something() {
    let campaign = campaign();
    let mut progress = progress();
    progress.set(Phase::Registration, PersonId(5), vec![]);
    let none = BTreeMap::new();
    let digests = |now| plan_digests(&campaign, &progress, &people(), &none, &policy(), now);
    // Monday 02/03 at 08:30.
    let monday = digests(local(2026, 3, 2, 8, 30));
    assert_eq!(monday.len(), 2);
    assert_eq!(monday[0].key, "digest:2026-03-02:VP:1");
    assert_eq!(
        monday[0].phases[0].owing,
        [(MAI, vec![Task::RegisterIndividual])]
    );
    assert_eq!(
        monday[1].phases[0].owing,
        [(LAN, vec![Task::RegisterIndividual])]
    );
    assert!(digests(local(2026, 3, 2, 8, 29)).is_empty(), "not yet");
    assert!(
        digests(local(2026, 3, 2, 20, 31)).is_empty(),
        "beyond the grace window"
    );
    assert!(digests(local(2026, 3, 1, 8, 30)).is_empty(), "Sunday");
    assert!(
        digests(local(2026, 4, 30, 8, 30)).is_empty(),
        "closed phase (and a holiday)"
    );
    // A paused head gets none.
    let mut mutes = BTreeMap::new();
    mutes.insert(
        HUNG,
        Mute {
            mode: MuteMode::All,
            paused_until: Some(local(2026, 3, 9, 0, 0)),
        },
    );
    let paused = plan_digests(
        &campaign,
        &progress,
        &people(),
        &mutes,
        &policy(),
        local(2026, 3, 2, 8, 30),
    );
    assert_eq!(paused.len(), 1);
    assert_eq!(paused[0].head, PersonId(5));
}

#[test]
fn the_secretary_hears_on_the_first_working_day_after_a_missed_deadline() {
    // Deadline Friday 27/03: the escalation is due Monday 30/03 08:00.
    let campaign = campaign_closing(local(2026, 3, 27, 17, 0));
    let escalations = |now| plan_escalations(&campaign, &progress(), &people(), &policy(), now);
    assert!(escalations(local(2026, 3, 28, 8, 0)).is_empty(), "Saturday");
    assert!(escalations(local(2026, 3, 30, 7, 59)).is_empty());
    let monday = escalations(local(2026, 3, 30, 8, 0));
    assert_eq!(monday.len(), 1, "one secretary");
    assert_eq!(monday[0].secretary, PersonId(3));
    assert_eq!(monday[0].units, ["TT", "VP"]);
    assert_eq!(
        monday[0].key,
        "escalation:2026:registration:20260327T1700:3"
    );
    let late = local(2026, 3, 30, 8, 0) + Duration::days(ESCALATION_CATCH_UP_DAYS + 1);
    assert!(escalations(late).is_empty(), "too old to be news");
    // Everyone registered: nothing to escalate.
    let mut done = Progress::new();
    done.set(Phase::Registration, MAI, vec![]);
    assert!(
        plan_escalations(
            &campaign,
            &done,
            &people(),
            &policy(),
            local(2026, 3, 30, 9, 0)
        )
        .is_empty()
    );
}
