//! teloxide's dialogue `Storage` on the application's own SQLite pool and `dialogues` table, so a
//! conversation survives a restart and lives in the same database (and backups) as everything
//! else. teloxide's bundled sqlite storage is deliberately not used: it brings a second sqlx and a
//! second pool.

use super::state::State;
use crate::services::{Ctx, dialogues};
use futures::future::BoxFuture;
use std::sync::Arc;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

pub struct SqliteDialogueStorage {
    ctx: Ctx,
}

#[derive(Debug, thiserror::Error)]
pub enum DialogueStorageError {
    #[error("database: {0}")]
    Database(#[from] crate::services::ServiceError),
    #[error("stored dialogue state cannot be read: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("no dialogue for this chat")]
    NotFound,
}

impl SqliteDialogueStorage {
    pub fn new(ctx: Ctx) -> Arc<Self> {
        Arc::new(Self { ctx })
    }
}

impl Storage<State> for SqliteDialogueStorage {
    type Error = DialogueStorageError;

    fn remove_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            if dialogues::remove(&self.ctx, chat_id.0).await? {
                Ok(())
            } else {
                Err(DialogueStorageError::NotFound)
            }
        })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: State,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let json = serde_json::to_string(&dialogue)?;
            dialogues::save(&self.ctx, chat_id.0, &json).await?;
            Ok(())
        })
    }

    fn get_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<Option<State>, Self::Error>> {
        Box::pin(async move {
            let Some(json) = dialogues::load(&self.ctx, chat_id.0).await? else {
                return Ok(None);
            };
            // A state written by an older version that no longer parses restarts the dialogue
            // instead of wedging the chat: the person is simply idle again.
            match serde_json::from_str(&json) {
                Ok(state) => Ok(Some(state)),
                Err(error) => {
                    tracing::warn!(chat_id = chat_id.0, %error, "unreadable dialogue state reset");
                    Ok(None)
                }
            }
        })
    }
}
