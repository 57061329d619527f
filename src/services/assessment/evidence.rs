//! Evidence with the self-assessment: a person attaches a PDF or a photo to their working copy
//! (it goes with the next submission, and every version keeps the files it was submitted with);
//! the person, their unit's head, the standing body and the director fetch a person's files.
//!
//! The bot checks what Telegram says of a file before fetching it; this service checks the
//! fetched bytes (type by content, size, how many) and stores them once by their hash.

use super::{Session, load};
use crate::domain::evidence::{self, EvidenceRef, FileType};
use crate::domain::person::Person;
use crate::domain::role::Role;
use crate::services::Ctx;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceResult};
use crate::services::identity::{current_campaign, linked_person};
use crate::storage::audit::{self, Actor};
use crate::storage::{self, assessments};
use serde_json::json;

/// A file as it arrived: the name to keep, the type its name and Telegram declared, its bytes.
pub struct Incoming {
    pub file_name: String,
    pub declared: FileType,
    pub bytes: Vec<u8>,
}

/// Attaches the file to the working copy; returns the session with it and the reference.
pub async fn attach(
    ctx: &Ctx,
    caller: &Caller,
    incoming: Incoming,
) -> ServiceResult<(Session, EvidenceRef)> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let person = linked_person(&mut tx, caller).await?;
    let mut session = load(&mut tx, ctx, person).await?;
    let key = storage::evidence::key_of(&incoming.bytes);
    if let Some(same) = session
        .answers
        .evidence
        .iter()
        .find(|attached| attached.sha256 == key)
    {
        return Err(Refusal::EvidenceAlreadyAttached(same.file_name.clone()).into());
    }
    evidence::check_content(
        incoming.declared,
        &incoming.bytes,
        &session.answers.evidence,
    )
    .map_err(Refusal::EvidenceRejected)?;
    storage::evidence::store(&mut tx, incoming.declared.mime_type(), &incoming.bytes, now).await?;
    let reference = EvidenceRef {
        sha256: key,
        file_name: incoming.file_name,
        file_type: incoming.declared,
        size: incoming.bytes.len() as u64,
    };
    session.answers.evidence.push(reference.clone());
    let year = session.campaign.year;
    assessments::save_answers(&mut tx, year, session.person.id, &session.answers, now).await?;
    let actor = Actor {
        person_id: Some(session.person.id.0),
        ..caller.actor()
    };
    audit::record(
        &mut tx,
        now,
        actor,
        "assessment.evidence_attached",
        Some(&session.person.employee_code),
        Some(&json!({
            "year": year,
            "sha256": reference.sha256,
            "file_name": reference.file_name,
            "size": reference.size,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok((session, reference))
}

/// A person's files, with their bytes.
pub struct Files {
    pub owner: Person,
    pub files: Vec<(EvidenceRef, Vec<u8>)>,
}

/// The files of the person with `employee_code`: their own working copy's for the person, the
/// latest submitted version's (what the reviewer reads) for anyone else allowed.
pub async fn files_of(ctx: &Ctx, caller: &Caller, employee_code: &str) -> ServiceResult<Files> {
    let mut conn = ctx.db.read().await?;
    let viewer = linked_person(&mut conn, caller).await?;
    let code = employee_code.trim().to_uppercase();
    let Some(owner) = storage::people::find_by_employee_code(&mut conn, &code).await? else {
        return Err(Refusal::UnknownPerson(code).into());
    };
    let own = viewer.id == owner.id;
    let allowed = own
        || viewer.has(Role::Secretary)
        || viewer.has(Role::Director)
        || (viewer.has(Role::UnitHead) && viewer.unit_code == owner.unit_code);
    if !allowed {
        return Err(Refusal::EvidenceNotYours.into());
    }
    let year = current_campaign(&mut conn, ctx.now()).await?.year;
    let answers = if own {
        assessments::find(&mut conn, year, owner.id)
            .await?
            .map(|row| row.answers)
    } else {
        assessments::latest_version(&mut conn, year, owner.id)
            .await?
            .map(|version| version.answers)
    };
    let references = answers.map(|answers| answers.evidence).unwrap_or_default();
    if references.is_empty() {
        return Err(Refusal::NoEvidence(owner.full_name.clone()).into());
    }
    let mut files = Vec::new();
    for reference in references {
        let bytes = storage::evidence::load(&mut conn, &reference.sha256)
            .await?
            .ok_or(storage::StorageError::Missing("evidence file"))?;
        files.push((reference, bytes));
    }
    Ok(Files { owner, files })
}
