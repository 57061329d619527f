//! What the sandbox starts from: settings pointing everything into its own folder and at its
//! emulator, the sample department (the shipped organisation and staff files, built into the
//! binary so `thidua demo` runs from any folder), a campaign whose registration opens today, and
//! every person linked to a sandbox Telegram account through their own invite, as in real life.

use super::{Emulator, Persona};
use crate::config::{Secret, Settings};
use crate::domain::role::Role;
use crate::services::{self, Ctx};
use anyhow::Context as _;
use chrono::{DateTime, Duration, Utc};
use rand::Rng as _;
use std::net::SocketAddr;
use std::path::Path;

const ORG: &str = include_str!("../../config/org.toml");
const STAFF: &str = include_str!("../../config/staff.example.csv");
/// Each phase of the sandbox's campaign lasts a week; "next phase" jumps between them.
const PHASE_DAYS: i64 = 7;

/// The built-in defaults (and any `THIDUA__…` the operator set), with everything that could
/// reach outside the sandbox replaced: its own database, mail as files, the emulator as the Bot
/// API, a fresh ballot key.
pub fn settings(dir: &Path, address: SocketAddr, token: &str) -> anyhow::Result<Settings> {
    let mut settings = Settings::from_layers(None, std::iter::empty())?;
    let org = dir.join("org.toml");
    crate::private_files::write(&org, ORG.as_bytes())?;
    settings.org.file = org;
    settings.database.path = dir.join("thidua.sqlite");
    settings.mail.file_dir = dir.join("mail");
    settings.mail.smtp_host = String::new();
    settings.telegram.token = Some(Secret::new(token));
    settings.telegram.api_url = format!("http://{address}/");
    settings.telegram.bot_username = super::BOT_USERNAME.to_owned();
    settings.telegram.group_chat_id = super::GROUP_CHAT;
    let key: [u8; 32] = rand::rng().random();
    let hex: String = key.iter().map(|byte| format!("{byte:02x}")).collect();
    settings.ballot.secrecy_key = Secret::new(hex);
    Ok(settings)
}

/// The sample staff and a campaign whose registration opened at midnight today.
pub async fn department(ctx: &Ctx, now: DateTime<Utc>) -> anyhow::Result<()> {
    services::staff_import::import(ctx, STAFF.as_bytes())
        .await
        .map_err(|error| anyhow::anyhow!("the sample staff file: {error}"))?;
    services::campaign::open(ctx, &campaign_file(now))
        .await
        .map_err(|error| anyhow::anyhow!("the sandbox's campaign: {error}"))?;
    Ok(())
}

/// Six consecutive week-long phases from midnight today (local time).
pub fn campaign_file(now: DateTime<Utc>) -> String {
    let local = now.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh);
    let midnight = local.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default();
    let at = |week: i64| {
        (midnight + Duration::days(PHASE_DAYS * week))
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let year = chrono::Datelike::year(&local);
    let mut file = format!(
        "year = {year}\nname = \"Phong trào thi đua năm {year} (hộp cát)\"\nrule_set = \"luat-2022\"\n\
         titles = [\"LDTT\", \"CSTDCS\", \"CSTD_TINH\", \"TLDTT\", \"TLDXS\"]\n"
    );
    for (week, phase) in crate::domain::phase::Phase::ALL.iter().enumerate() {
        let week = week as i64;
        file.push_str(&format!(
            "\n[phases.{}]\nopens = \"{}\"\ncloses = \"{}\"\n",
            phase.as_str(),
            at(week),
            at(week + 1)
        ));
    }
    file
}

const ROLE_ORDER: [Role; 4] = [
    Role::Director,
    Role::Secretary,
    Role::UnitHead,
    Role::CouncilMember,
];

fn role_label(role: Role) -> Option<&'static str> {
    match role {
        Role::Director => Some("Giám đốc"),
        Role::Secretary => Some("Thường trực Hội đồng"),
        Role::UnitHead => Some("trưởng đơn vị"),
        Role::CouncilMember => Some("thành viên Hội đồng"),
        Role::Staff | Role::BlockContact => None,
    }
}

/// Everyone active, in the organisation file's order of units, as the page lists them.
pub async fn personas(ctx: &Ctx, user_base: i64) -> anyhow::Result<Vec<Persona>> {
    let mut conn = ctx.db.read().await?;
    let staff = crate::storage::staff::list_all(&mut conn).await?;
    drop(conn);
    let unit_order = |code: &str| ctx.org.units.iter().position(|unit| unit.code == code);
    let mut people: Vec<Persona> = staff
        .into_iter()
        .filter(|person| person.active)
        .map(|person| {
            // Short labels, the most senior first; a role the position already says is
            // not repeated ("Giám đốc Sở · Giám đốc").
            let mut roles: Vec<Role> = person.roles.iter().collect();
            roles.sort_by_key(|role| ROLE_ORDER.iter().position(|r| r == role));
            let labels: Vec<&str> = roles
                .into_iter()
                .filter_map(role_label)
                .filter(|label| !person.position.contains(label))
                .collect();
            let mut described = person.position.clone();
            if !labels.is_empty() {
                described = format!("{described} · {}", labels.join(", "));
            }
            Persona {
                user: user_base + person.id.0,
                employee_code: person.employee_code,
                name: person.full_name,
                unit: ctx.org.unit_name(&person.unit_code),
                roles: described,
            }
        })
        .collect();
    let order: std::collections::HashMap<String, Option<usize>> = ctx
        .org
        .units
        .iter()
        .map(|unit| (unit.name.clone(), unit_order(&unit.code)))
        .collect();
    people.sort_by_key(|person| order.get(&person.unit).copied().flatten());
    Ok(people)
}

/// Each person opens their own invite link in their sandbox account (`/start CODE`).
pub async fn link_everyone(
    ctx: &Ctx,
    emulator: &Emulator,
    people: &[Persona],
) -> anyhow::Result<()> {
    let issued = services::invite::issue(ctx, &services::invite::Selector::All, false)
        .await
        .context("invites for the sandbox")?;
    for invite in issued {
        let Some(person) = people
            .iter()
            .find(|person| person.employee_code == invite.employee_code)
        else {
            continue;
        };
        emulator
            .send_text(person.user, &format!("/start {}", invite.code.as_str()))
            .map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_campaign_opens_today_with_a_week_per_phase_and_is_accepted() {
        let now = "2026-12-07T08:30:00Z".parse::<DateTime<Utc>>().unwrap();
        let file = campaign_file(now);
        let campaign = crate::domain::campaign::CampaignSpec::parse_toml(&file).expect(&file);
        assert_eq!(campaign.year, 2026);
        let registration = campaign
            .window(crate::domain::phase::Phase::Registration)
            .unwrap();
        assert!(registration.opens <= now && now < registration.closes);
        assert_eq!(registration.closes - registration.opens, Duration::days(7));
    }
}
