//! Who a nomination names: its person, or for a collective title the unit.

use crate::domain::person::Person;
use crate::org::Org;
use crate::storage::nominations::Nomination;
use crate::storage::{self, Connection, StorageResult};

/// The nominee, `None` for a collective title.
pub async fn person(
    conn: &mut Connection,
    nomination: &Nomination,
) -> StorageResult<Option<Person>> {
    match nomination.person_id {
        Some(person) => storage::people::find_by_id(conn, person).await,
        None => Ok(None),
    }
}

/// The nominee's name, or the unit's for a collective title.
pub async fn name(
    conn: &mut Connection,
    org: &Org,
    nomination: &Nomination,
) -> StorageResult<String> {
    Ok(match person(conn, nomination).await? {
        Some(person) => person.full_name,
        None if nomination.person_id.is_none() => org.unit_name(&nomination.unit_code),
        // A nominee row gone from the people table: shown without a name rather than failing.
        None => String::new(),
    })
}
