//! The decide-or-return dialogue that /duyet, /thamdinh and /pheduyet share: pick an item from a
//! list, read it, then decide on it or return it with a typed reason. Each dialogue says, through
//! [`DecideDialogue`], what its items are, how they are listed and shown, and which service calls
//! decide or return; those service calls re-authorise every step, so the ids a dialogue keeps in
//! its state are only requests.

use super::Turn;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::{PickStep, ResendStep, State};
use crate::bot::{BotError, ChatDialogue, HandlerResult};
use crate::domain::language::Lang;
use crate::services::ServiceError;
use crate::texts;
use crate::ui::callback_data::Action;
use std::future::Future;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// Where a decide-or-return dialogue stands. Each dialogue stores it in a serialisable step type
/// (`PickStep`, `DecideStep`) whose names dialogues saved by earlier versions use.
pub enum Step<Item> {
    /// The list; button n opens `items[n]`.
    Choose { items: Vec<Item> },
    /// One item is shown with Decide / Return; `seen` is the version of it the screen showed,
    /// where it has versions, so the decision is about what was read.
    Decide { item: Item, seen: Option<i64> },
    /// Waiting for the typed text that goes with `answer`.
    Typed {
        item: Item,
        answer: Answer,
        seen: Option<i64>,
    },
    /// A preview of what deciding with the typed text does is shown; waiting for Confirm.
    Confirm { item: Item, typed: String },
}

/// /duyet and /thamdinh keep their step as the stored [`PickStep`].
impl From<PickStep> for Step<i64> {
    fn from(step: PickStep) -> Self {
        match step {
            PickStep::Choose { items } => Step::Choose { items },
            PickStep::Decide { item, seen } => Step::Decide { item, seen },
            PickStep::Return { item, seen } => Step::Typed {
                item,
                answer: Answer::Return,
                seen,
            },
        }
    }
}

impl From<Step<i64>> for PickStep {
    fn from(step: Step<i64>) -> Self {
        match step {
            Step::Choose { items } => PickStep::Choose { items },
            // Approving a review or marking a nomination valid is a button: no text is asked,
            // and nothing is previewed.
            Step::Decide { item, seen }
            | Step::Typed {
                item,
                answer: Answer::Decide,
                seen,
            } => PickStep::Decide { item, seen },
            Step::Confirm { item, .. } => PickStep::Decide { item, seen: None },
            Step::Typed {
                item,
                answer: Answer::Return,
                seen,
            } => PickStep::Return { item, seen },
        }
    }
}

/// The decide-only dialogues (/guilai, the director's Giấy khen, a block's confirmation) keep
/// their step as the stored [`ResendStep`]: the list, one opened, the typed text, its
/// confirmation. Any typed step is the decision's text: there is nothing to return.
impl From<ResendStep> for Step<i64> {
    fn from(step: ResendStep) -> Self {
        match step {
            ResendStep::Choose { items } => Step::Choose { items },
            ResendStep::Open { item } => Step::Decide { item, seen: None },
            ResendStep::Note { item } => Step::Typed {
                item,
                answer: Answer::Decide,
                seen: None,
            },
            ResendStep::Confirm { item, typed } => Step::Confirm { item, typed },
        }
    }
}

impl From<Step<i64>> for ResendStep {
    fn from(step: Step<i64>) -> Self {
        match step {
            Step::Choose { items } => ResendStep::Choose { items },
            Step::Decide { item, .. } => ResendStep::Open { item },
            Step::Typed { item, .. } => ResendStep::Note { item },
            Step::Confirm { item, typed } => ResendStep::Confirm { item, typed },
        }
    }
}

#[derive(Clone, Copy)]
pub enum Answer {
    Decide,
    Return,
}

/// One screen of the list: its text and the buttons that open each item.
pub struct Listing<Item> {
    pub text: String,
    pub picks: Vec<(String, Item)>,
    pub picks_per_row: usize,
    /// A message can only be edited into one message: a long list is sent anew, in parts.
    pub anew: bool,
}

/// The labels of an opened item's buttons. `back` ends the second row of the item and is the only
/// button under a prompt for typed text.
pub struct Buttons {
    pub decide: String,
    /// `None`: a dialogue that only decides (nothing to return).
    pub return_it: Option<String>,
    pub back: (String, Action),
}

/// What became of a decision or a return.
pub enum Answered<Item = i64> {
    /// The dialogue is over; the text says what was done.
    Done(String),
    /// Done, and the list follows in a new message: there may be more to decide on.
    ThenList(String),
    /// Done; `next` (its button label and item) is offered under the text, to go on without
    /// the list; `None`: nothing is left to decide, and the text says so.
    ThenNext {
        text: String,
        next: Option<(String, Item)>,
    },
    /// The typed text cannot be used; the text asks again and the dialogue waits.
    AskAgain(String),
    /// The service refused (or failed): the dialogue ends with the explanation.
    Refused(ServiceError),
    /// Deciding with `typed` cannot be undone: show `preview` (what will happen) and wait for
    /// a confirmation before [`DecideDialogue::confirmed`] does it.
    ConfirmFirst { preview: String, typed: String },
}

pub trait DecideDialogue {
    /// What is decided on: a member, a nomination, the one set of results.
    type Item: Copy + Send + Sync;
    /// The action of the Return button.
    const RETURN: Action;
    /// Deciding needs typed text too (the decision's number and date), asked for first.
    const DECIDE_TYPED: bool;
    /// A message without text is asked to be text even while the dialogue waits for a button.
    const TEXT_BEFORE_STEP: bool;

    fn step(state: State) -> Option<(u32, Step<Self::Item>)>;
    fn state(nonce: u32, step: Step<Self::Item>) -> State;
    fn buttons(lang: Lang) -> Buttons;
    /// `None`: a dialogue about one item, with no list to go back to.
    fn list(
        turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<Self::Item>, ServiceError>> + Send>;
    /// The item's text, once the service has authorised opening it, and the version shown
    /// (`None` for what has no versions).
    fn open(
        turn: &Turn,
        item: Self::Item,
    ) -> impl Future<Output = Result<(String, Option<i64>), ServiceError>> + Send;
    /// What to type for `answer`.
    fn prompt(turn: &Turn, item: Self::Item, answer: Answer)
    -> impl Future<Output = String> + Send;
    /// The service call that decides or returns; `text` is `None` for a decision by button.
    /// Where a typed decision is previewed ([`Answered::ConfirmFirst`]), making the preview
    /// changes nothing, so [`resume`] can make it again.
    fn answer(
        turn: &Turn,
        item: Self::Item,
        seen: Option<i64>,
        answer: Answer,
        text: Option<&str>,
    ) -> impl Future<Output = Answered<Self::Item>> + Send;
    /// After [`Answered::ConfirmFirst`]: the confirmed decision with the text typed before. A
    /// dialogue that never previews has nothing to confirm: the press is stale.
    fn confirmed(
        _turn: &Turn,
        _item: Self::Item,
        _typed: &str,
    ) -> impl Future<Output = Answered<Self::Item>> + Send {
        async { Answered::Refused(crate::services::Refusal::StaleButton.into()) }
    }
    /// Whether a preview offers to retype its text (none where nothing was typed).
    const RETYPE: bool = true;
    /// The label of the button that confirms a preview.
    fn confirm_label(lang: Lang) -> String {
        texts::decision::preview_buttons(lang).confirm
    }
}

/// The command: the list, in a new dialogue.
pub async fn start<D: DecideDialogue>(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    match D::list(turn) {
        Some(listing) => list::<D>(turn, dialogue, Screen::New, listing.await).await,
        None => Ok(()),
    }
}

async fn list<D: DecideDialogue>(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    listing: Result<Listing<D::Item>, ServiceError>,
) -> HandlerResult {
    let listing = match listing {
        Ok(listing) => listing,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    // Each screen of the dialogue carries a nonce of its own, so a button of an earlier screen
    // (a Decide under another member's text, an old list) is stale, never a press on this one.
    let nonce = turn.screen_nonce();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = listing
        .picks
        .chunks(listing.picks_per_row)
        .enumerate()
        .map(|(chunk, picks)| {
            (picks.iter().enumerate())
                .map(|(offset, (label, _))| {
                    let index = chunk * listing.picks_per_row + offset;
                    // Lists are bounded by the dialogue, far below 256.
                    button(label.clone(), nonce, Action::Pick(index as u8))
                })
                .collect()
        })
        .collect();
    rows.push(vec![button(
        texts::review::buttons(turn.lang).close,
        nonce,
        Action::Cancel,
    )]);
    let items = listing.picks.iter().map(|(_, item)| *item).collect();
    dialogue
        .update(D::state(nonce, Step::Choose { items }))
        .await?;
    let screen = if listing.anew { Screen::New } else { screen };
    show(
        turn,
        screen,
        &listing.text,
        Some(InlineKeyboardMarkup::new(rows)),
    )
    .await
}

/// Decide / Return, and the way back.
pub fn keyboard<D: DecideDialogue>(lang: Lang, nonce: u32) -> InlineKeyboardMarkup {
    let Buttons {
        decide,
        return_it,
        back: (back, back_action),
    } = D::buttons(lang);
    let mut first = vec![button(decide, nonce, Action::Confirm)];
    first.extend(return_it.map(|label| button(label, nonce, D::RETURN)));
    InlineKeyboardMarkup::new(vec![first, vec![button(back, nonce, back_action)]])
}

async fn open<D: DecideDialogue>(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    item: D::Item,
) -> HandlerResult {
    let (text, seen) = match D::open(turn, item).await {
        Ok(shown) => shown,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let nonce = turn.screen_nonce();
    dialogue
        .update(D::state(nonce, Step::Decide { item, seen }))
        .await?;
    show(turn, screen, &text, Some(keyboard::<D>(turn.lang, nonce))).await
}

/// Waits for the text of `answer`.
async fn ask<D: DecideDialogue>(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    (item, seen): (D::Item, Option<i64>),
    answer: Answer,
) -> HandlerResult {
    let prompt = D::prompt(turn, item, answer).await;
    let nonce = turn.screen_nonce();
    dialogue
        .update(D::state(nonce, Step::Typed { item, answer, seen }))
        .await?;
    let (back, back_action) = D::buttons(turn.lang).back;
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(back, nonce, back_action)]]);
    show(turn, screen, &prompt, Some(keyboard)).await
}

async fn answered<D: DecideDialogue>(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    item: D::Item,
    answered: Answered<D::Item>,
) -> HandlerResult {
    match answered {
        Answered::ConfirmFirst { preview, typed } => {
            let nonce = turn.screen_nonce();
            dialogue
                .update(D::state(nonce, Step::Confirm { item, typed }))
                .await?;
            // Confirm alone on its row; changing the text and cancelling below, apart.
            let labels = texts::decision::preview_buttons(turn.lang);
            let mut rows = vec![vec![button(
                D::confirm_label(turn.lang),
                nonce,
                Action::Submit,
            )]];
            if D::RETYPE {
                rows.push(vec![button(labels.retype, nonce, Action::ChangeAnswer)]);
            }
            rows.push(vec![button(labels.cancel, nonce, Action::Cancel)]);
            let keyboard = InlineKeyboardMarkup::new(rows);
            // A preview may be long: sent anew, in parts, the buttons under the last.
            show(turn, Screen::New, &preview, Some(keyboard)).await
        }
        Answered::Done(text) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &text, None).await
        }
        Answered::ThenList(text) => {
            show(turn, screen, &text, None).await?;
            match D::list(turn) {
                Some(listing) => list::<D>(turn, dialogue, Screen::New, listing.await).await,
                None => Ok(()),
            }
        }
        Answered::ThenNext { text, next: None } => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &text, None).await
        }
        Answered::ThenNext {
            text,
            next: Some((label, next)),
        } => {
            // A one-item list: its button opens the next one the way the list's would.
            let nonce = turn.screen_nonce();
            dialogue
                .update(D::state(nonce, Step::Choose { items: vec![next] }))
                .await?;
            let rows = vec![
                vec![button(label, nonce, Action::Pick(0))],
                vec![button(
                    texts::review::buttons(turn.lang).close,
                    nonce,
                    Action::Cancel,
                )],
            ];
            show(turn, screen, &text, Some(InlineKeyboardMarkup::new(rows))).await
        }
        Answered::AskAgain(text) => turn.say(&text).await,
        Answered::Refused(error) => refuse(turn, dialogue, screen, error).await,
    }
}

/// Shows the screen `state` waits on again, as a new message (after a press on an older one).
/// A preview waiting for its confirmation is made again from the text typed before.
pub async fn resume<D: DecideDialogue>(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
) -> HandlerResult {
    let Some((_, step)) = D::step(state) else {
        return Ok(());
    };
    let screen = Screen::New;
    match step {
        Step::Choose { .. } => match D::list(turn) {
            Some(listing) => list::<D>(turn, dialogue, screen, listing.await).await,
            None => Ok(()),
        },
        // Shown again, the item is read again: what the new screen shows is what is decided.
        Step::Decide { item, .. } => open::<D>(turn, dialogue, screen, item).await,
        Step::Typed { item, answer, seen } => {
            ask::<D>(turn, dialogue, screen, (item, seen), answer).await
        }
        Step::Confirm { item, typed } => {
            let outcome = D::answer(turn, item, None, Answer::Decide, Some(&typed)).await;
            answered::<D>(turn, dialogue, screen, item, outcome).await
        }
    }
}

/// A press whose nonce matched the dialogue.
pub async fn press<D: DecideDialogue>(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let Some((_, step)) = D::step(state) else {
        return Ok(Pressed::DoesNotFit);
    };
    let done = match (step, action) {
        (_, Action::Cancel) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::common::cancelled(turn.lang), None).await
        }
        (Step::Choose { items }, Action::Pick(index)) => match items.get(usize::from(index)) {
            Some(item) => open::<D>(turn, dialogue, screen, *item).await,
            None => return Ok(Pressed::DoesNotFit),
        },
        (Step::Decide { item, seen }, Action::Confirm) if D::DECIDE_TYPED => {
            ask::<D>(turn, dialogue, screen, (item, seen), Answer::Decide).await
        }
        (Step::Decide { item, seen }, Action::Confirm) => {
            let outcome = D::answer(turn, item, seen, Answer::Decide, None).await;
            answered::<D>(turn, dialogue, screen, item, outcome).await
        }
        (Step::Confirm { item, typed }, Action::Submit) => {
            let outcome = D::confirmed(turn, item, &typed).await;
            answered::<D>(turn, dialogue, screen, item, outcome).await
        }
        (Step::Confirm { item, .. }, Action::ChangeAnswer) if D::RETYPE => {
            ask::<D>(turn, dialogue, Screen::New, (item, None), Answer::Decide).await
        }
        (Step::Decide { item, seen }, action)
            if action == D::RETURN && D::buttons(turn.lang).return_it.is_some() =>
        {
            ask::<D>(turn, dialogue, screen, (item, seen), Answer::Return).await
        }
        (Step::Decide { .. } | Step::Typed { .. }, Action::ChooseAgain) => match D::list(turn) {
            Some(listing) => list::<D>(turn, dialogue, screen, listing.await).await,
            None => return Ok(Pressed::DoesNotFit),
        },
        _ => return Ok(Pressed::DoesNotFit),
    };
    done.map(|()| Pressed::Handled)
}

/// Typed text: the reason of a return, or what a decision needs.
pub async fn message<D: DecideDialogue>(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    text: Option<&str>,
) -> HandlerResult {
    let use_the_buttons = texts::common::use_the_buttons(turn.lang);
    let needs_text = texts::assessment::needs_text(turn.lang);
    let Some((_, step)) = D::step(state) else {
        return turn.say(&use_the_buttons).await;
    };
    if D::TEXT_BEFORE_STEP && text.is_none() {
        return turn.say(&needs_text).await;
    }
    let Step::Typed { item, answer, seen } = step else {
        return turn.say(&use_the_buttons).await;
    };
    let Some(text) = text else {
        return turn.say(&needs_text).await;
    };
    let outcome = D::answer(turn, item, seen, answer, Some(text)).await;
    answered::<D>(turn, dialogue, Screen::New, item, outcome).await
}
