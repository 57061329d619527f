//! Changing a campaign after it opened: a phase moved or extended (re-checked by the same rules
//! as the file, so no change can make the calendar one the file would refuse), and the next
//! year's file written from this one.

use super::{Campaign, CampaignFileError, CampaignSpec, WindowSpec};
use crate::domain::phase::{Phase, Window};
use crate::domain::time::LOCAL_TZ;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

impl Campaign {
    /// This campaign with `phase` open over `window`, or why the calendar would be refused
    /// (a close before its opening, a phase closing before the one before it…).
    pub fn with_window(&self, phase: Phase, window: Window) -> Result<Campaign, CampaignFileError> {
        let mut spec = self.to_spec();
        spec.phases
            .insert(phase.as_str().to_owned(), window_spec(window));
        spec.validate()
    }

    /// The campaign file for `year`, written from this one: the same titles, rule set and local
    /// rules, every phase on the same day and hour `year - self.year` years later (29 February
    /// becomes the 28th).
    pub fn file_for_year(&self, year: i32) -> Result<String, CampaignFileError> {
        let shift = year - self.year;
        let mut spec = self.to_spec();
        spec.year = year;
        spec.name = if self.name.contains(&self.year.to_string()) {
            self.name.replace(&self.year.to_string(), &year.to_string())
        } else {
            format!("{} (năm {year})", self.name)
        };
        for (phase, window) in &self.windows {
            let moved = Window {
                opens: shifted(window.opens, shift),
                closes: shifted(window.closes, shift),
            };
            spec.phases
                .insert(phase.as_str().to_owned(), window_spec(moved));
        }
        // Written and read back: the file is exactly one `campaign open` accepts.
        let text = spec.to_toml();
        CampaignSpec::parse_toml(&text)?;
        Ok(text)
    }

    /// The calendar as one person sees it: each phase reopened for them (or their unit) stays
    /// open until its reopening's end, if that is later than everyone's close.
    pub fn widened(mut self, reopened: &[(Phase, DateTime<Utc>)]) -> Campaign {
        for (phase, until) in reopened {
            if let Some(window) = self.windows.get_mut(phase)
                && *until > window.closes
            {
                window.closes = *until;
            }
        }
        self
    }

    fn to_spec(&self) -> CampaignSpec {
        CampaignSpec {
            year: self.year,
            name: self.name.clone(),
            rule_set: self.rule_set.as_str().to_owned(),
            titles: self
                .titles
                .iter()
                .map(|title| title.code().to_owned())
                .collect(),
            local_rules: self.local_rules.clone(),
            phases: self
                .windows
                .iter()
                .map(|(phase, window)| (phase.as_str().to_owned(), window_spec(*window)))
                .collect(),
        }
    }
}

impl CampaignSpec {
    /// The file's text, commented like the example, times in local time.
    fn to_toml(&self) -> String {
        let quoted = |items: &[String]| {
            items
                .iter()
                .map(|item| format!("{item:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!(
            "# Đợt thi đua năm {year}, tạo từ đợt trước bằng `thidua campaign new`; hãy xem lại các\n\
             # mốc thời gian rồi mở bằng `thidua campaign open`. Giờ địa phương (Asia/Ho_Chi_Minh).\n\
             # The {year} campaign, written from the last one; check the dates, then open it.\n\n\
             year = {year}\nname = {name:?}\nrule_set = {rule_set:?}\ntitles = [{titles}]\n",
            year = self.year,
            name = self.name,
            rule_set = self.rule_set,
            titles = quoted(&self.titles),
        );
        if !self.local_rules.is_empty() {
            text.push_str(&format!("local_rules = [{}]\n", quoted(&self.local_rules)));
        }
        for phase in Phase::ALL {
            if let Some(window) = self.phases.get(phase.as_str()) {
                text.push_str(&format!(
                    "\n[phases.{}]\nopens = {:?}\ncloses = {:?}\n",
                    phase.as_str(),
                    window.opens,
                    window.closes
                ));
            }
        }
        text
    }
}

/// A phase by its key or by the chat command that works in it (`dangky`, `/tudanhgia`…).
pub fn phase_named(raw: &str) -> Option<Phase> {
    let key = match raw.trim().trim_start_matches('/') {
        "dangky" | "register" => "registration",
        "tudanhgia" | "assess" => "self_assessment",
        "binhxet" | "meeting" => "unit_review",
        "thamdinh" | "appraise" => "appraisal",
        "bophieu" => "ballot",
        "quyetdinh" | "pheduyet" | "approve" => "decision",
        other => other,
    };
    Phase::parse(key).ok()
}

/// A deadline as people write it, in local time: "31/03/2026 17:00", "31/03/2026" (17:00, the
/// end of the working day), or the campaign file's forms.
pub fn parse_deadline(raw: &str) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    let local = chrono::NaiveDateTime::parse_from_str(raw, "%d/%m/%Y %H:%M")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(raw, "%d/%m/%Y")
                .ok()
                .and_then(|day| day.and_hms_opt(17, 0, 0))
        });
    match local {
        Some(local) => super::parse_local(&local.format("%Y-%m-%dT%H:%M").to_string()),
        None => super::parse_local(raw),
    }
}

fn window_spec(window: Window) -> WindowSpec {
    let local = |instant: DateTime<Utc>| {
        instant
            .with_timezone(&LOCAL_TZ)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    WindowSpec {
        opens: local(window.opens),
        closes: local(window.closes),
    }
}

fn shifted(instant: DateTime<Utc>, years: i32) -> DateTime<Utc> {
    let local = instant.with_timezone(&LOCAL_TZ).naive_local();
    let year = local.year() + years;
    let day = NaiveDate::from_ymd_opt(year, local.month(), local.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, local.month(), local.day() - 1))
        .unwrap_or(local.date());
    let moved = day.and_time(local.time());
    chrono::TimeZone::from_local_datetime(&LOCAL_TZ, &moved)
        .single()
        .map_or(instant, |local| local.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use crate::domain::campaign::CampaignSpec;
    use crate::domain::phase::{Phase, Window};

    const EXAMPLE: &str = include_str!("../../../config/campaign.example.toml");

    fn at(raw: &str) -> chrono::DateTime<chrono::Utc> {
        crate::domain::campaign::parse_local(raw).unwrap()
    }

    #[test]
    fn a_phase_can_be_extended_but_not_past_the_next_phases_close() {
        let campaign = CampaignSpec::parse_toml(EXAMPLE).unwrap();
        let registration = campaign.window(Phase::Registration).unwrap();
        let longer = Window {
            closes: at("2026-04-10T17:00"),
            ..registration
        };
        let moved = campaign.with_window(Phase::Registration, longer).unwrap();
        assert_eq!(moved.window(Phase::Registration), Some(longer));
        assert_eq!(
            moved.window(Phase::SelfAssessment),
            campaign.window(Phase::SelfAssessment)
        );
        // Past the self-assessment's own close: refused, naming the field.
        let too_long = Window {
            closes: at("2026-11-25T17:00"),
            ..registration
        };
        let error = campaign
            .with_window(Phase::Registration, too_long)
            .unwrap_err();
        assert_eq!(error.field, "phases.self_assessment.closes");
        let backwards = Window {
            closes: at("2026-02-01T08:00"),
            ..registration
        };
        let error = campaign
            .with_window(Phase::Registration, backwards)
            .unwrap_err();
        assert_eq!(error.field, "phases.registration.closes");
    }

    #[test]
    fn phases_and_deadlines_as_people_write_them() {
        use super::{parse_deadline, phase_named};
        assert_eq!(phase_named("/dangky"), Some(Phase::Registration));
        assert_eq!(phase_named("unit_review"), Some(Phase::UnitReview));
        assert_eq!(phase_named("vote"), None);
        assert_eq!(parse_deadline("31/03/2026"), Ok(at("2026-03-31T17:00")));
        assert_eq!(
            parse_deadline("31/03/2026 08:30"),
            Ok(at("2026-03-31T08:30"))
        );
        assert_eq!(
            parse_deadline("2026-03-31T08:30"),
            Ok(at("2026-03-31T08:30"))
        );
        assert!(parse_deadline("31/02/2026").is_err());
    }

    #[test]
    fn next_years_file_moves_every_phase_a_year_and_opens() {
        let campaign = CampaignSpec::parse_toml(EXAMPLE).unwrap();
        let text = campaign.file_for_year(2027).unwrap();
        let next = CampaignSpec::parse_toml(&text).unwrap();
        assert_eq!(next.year, 2027);
        assert!(
            next.name.contains("2027") && !next.name.contains("2026"),
            "{}",
            next.name
        );
        assert_eq!(next.titles, campaign.titles);
        assert_eq!(
            next.window(Phase::Registration).unwrap().opens,
            at("2027-02-05T08:00")
        );
        assert_eq!(
            next.window(Phase::Decision).unwrap().closes,
            at("2027-12-20T17:00")
        );
    }
}
