//! When the next Telegram send may start, and how many may be on the wire at once.
//!
//! Two rules, decided together under one lock:
//!
//! - **Telegram's flood limits**: 30 messages a second overall, one per second to a private
//!   chat, 20 in any minute to a group. A send waits for its turn instead of earning a 429.
//!   The overall rate is paced evenly (a start every 1/30 s), never as bursts of 30: bursts
//!   would leave the window's sends on the wire together and a kill would catch all of them.
//! - **An in-flight window sized to the rate**: a send holds its slot from the moment it starts
//!   until its outcome is recorded in the database. Every slot holder is a message that may
//!   already be on the recipient's screen while the outbox still says `sending`, so a kill -9
//!   re-sends those whose request already reached Telegram. The window is the number of slots
//!   that keeps 30/s flowing at the round trip we observe, `30/s × round trip` rounded to the
//!   nearest (6 at 200 ms, 3 at 100 ms, 1 on loopback): at 200 ms, half of the six have reached
//!   Telegram at any instant, so a kill re-sends about three. Rounding down a fraction costs at
//!   most half a slot of rate (≥ 28/s at 210 ms) where rounding up would add a re-send.
//!   (Handing a whole claimed batch to teloxide's Throttle put 20 on the wire; a kill re-sent all.)
//!
//! The decision is a pure function of the clock ([`Schedule::try_start`]), tested without
//! waiting; [`SendGate`] only sleeps until the instant it names or until a slot is freed.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::Instant;

/// Telegram's published limits for one bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloodLimits {
    pub overall_per_second: usize,
    pub private_chat_spacing: Duration,
    pub group_per_minute: usize,
}

impl FloodLimits {
    pub const TELEGRAM: FloodLimits = FloodLimits {
        overall_per_second: 30,
        private_chat_spacing: Duration::from_secs(1),
        group_per_minute: 20,
    };
}

/// The most sends on the wire at once, whatever the round trip: one second's worth at the rate.
const MAX_WINDOW: usize = 30;
/// The round trip assumed before the first answer: a window of 3 at 30/s.
const FIRST_GUESS: Duration = Duration::from_millis(100);
/// Weight of the newest round trip in the running estimate.
const SMOOTHING: f64 = 0.2;
const MINUTE: Duration = Duration::from_secs(60);

/// What the gate knows: when recent sends started, how many are open, the round trip.
#[derive(Debug)]
pub struct Schedule {
    limits: Option<FloodLimits>,
    /// (chat id, start) of the sends of the last minute, oldest first.
    started: VecDeque<(i64, Instant)>,
    in_flight: usize,
    round_trip: Duration,
    paused_until: Option<Instant>,
}

/// Why a send may not start yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Until this instant (a flood limit or a 429 pause).
    Until(Instant),
    /// Until an open send records its outcome.
    ForSlot,
}

impl Schedule {
    /// `None`: no flood limits and no window (tests that must not wait real seconds).
    pub fn new(limits: Option<FloodLimits>) -> Schedule {
        Schedule {
            limits,
            started: VecDeque::new(),
            in_flight: 0,
            round_trip: FIRST_GUESS,
            paused_until: None,
        }
    }

    /// How many sends may be open at once at the round trip observed so far.
    pub fn window(&self) -> usize {
        let Some(limits) = self.limits else {
            return usize::MAX;
        };
        let needed = limits.overall_per_second as f64 * self.round_trip.as_secs_f64();
        // `as` saturates; the clamp keeps at least one slot and at most a second's worth.
        (needed.round() as usize).clamp(1, MAX_WINDOW)
    }

    /// Starts a send to `chat_id` at `now` if the limits and the window allow it.
    pub fn try_start(&mut self, chat_id: i64, now: Instant) -> Result<(), Wait> {
        let Some(limits) = self.limits else {
            self.in_flight += 1;
            return Ok(());
        };
        while self
            .started
            .front()
            .is_some_and(|&(_, at)| at + MINUTE <= now)
        {
            self.started.pop_front();
        }
        if self.in_flight >= self.window() {
            return Err(Wait::ForSlot);
        }
        let earliest = [
            self.paused_until,
            self.overall_turn(&limits),
            self.chat_turn(&limits, chat_id, now),
        ]
        .into_iter()
        .flatten()
        .max();
        if let Some(at) = earliest.filter(|at| *at > now) {
            return Err(Wait::Until(at));
        }
        self.in_flight += 1;
        self.started.push_back((chat_id, now));
        Ok(())
    }

    /// When the overall rate lets the next send start: one pace after the last start. The pace
    /// is rounded up to the nanosecond so that 30 paces are never shorter than a second.
    fn overall_turn(&self, limits: &FloodLimits) -> Option<Instant> {
        let per_second = limits.overall_per_second.max(1) as u64;
        let pace = Duration::from_nanos(1_000_000_000u64.div_ceil(per_second));
        let (_, last) = self.started.back()?;
        Some(*last + pace)
    }

    /// When this chat's limit lets the next send to it start.
    fn chat_turn(&self, limits: &FloodLimits, chat_id: i64, now: Instant) -> Option<Instant> {
        let mut to_chat = self
            .started
            .iter()
            .rev()
            .filter(|(chat, _)| *chat == chat_id);
        if chat_id > 0 {
            let (_, last) = to_chat.next()?;
            Some(*last + limits.private_chat_spacing)
        } else {
            let recent: Vec<Instant> = to_chat
                .map(|(_, at)| *at)
                .take_while(|at| *at + MINUTE > now)
                .take(limits.group_per_minute)
                .collect();
            (recent.len() >= limits.group_per_minute).then(|| recent[recent.len() - 1] + MINUTE)
        }
    }

    /// An open send recorded its outcome; `round_trip` is how long Telegram took to answer it,
    /// `None` when it did not answer (a timeout says nothing about the usual round trip).
    pub fn finish(&mut self, round_trip: Option<Duration>) {
        self.in_flight = self.in_flight.saturating_sub(1);
        if let Some(sample) = round_trip {
            let blended = self.round_trip.as_secs_f64() * (1.0 - SMOOTHING)
                + sample.as_secs_f64() * SMOOTHING;
            self.round_trip = Duration::from_secs_f64(blended);
        }
    }

    /// Telegram answered 429: nothing starts before `until`.
    pub fn pause_until(&mut self, until: Instant) {
        self.paused_until = self.paused_until.max(Some(until));
    }
}

/// The shared gate every Telegram send of the outbox passes.
#[derive(Debug)]
pub struct SendGate {
    schedule: Mutex<Schedule>,
    freed: Notify,
}

impl SendGate {
    pub fn new(limits: Option<FloodLimits>) -> Arc<SendGate> {
        Arc::new(SendGate {
            schedule: Mutex::new(Schedule::new(limits)),
            freed: Notify::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Schedule> {
        // The schedule is only counters and instants: a panic elsewhere leaves it usable.
        self.schedule
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits until a send to `chat_id` may start, and opens it. Hold the slot until the send's
    /// outcome is recorded.
    pub async fn enter(self: &Arc<Self>, chat_id: i64) -> Slot {
        loop {
            // Registered before looking, so a slot freed in between wakes us.
            let freed = self.freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            let decision = self.lock().try_start(chat_id, Instant::now());
            match decision {
                Ok(()) => {
                    return Slot {
                        gate: self.clone(),
                        started: Instant::now(),
                        answered_after: None,
                    };
                }
                Err(Wait::ForSlot) => freed.await,
                Err(Wait::Until(at)) => {
                    tokio::select! {
                        () = &mut freed => {}
                        () = tokio::time::sleep_until(at) => {}
                    }
                }
            }
        }
    }

    /// Telegram asked us to wait: every send waits, not only the one that was refused.
    pub fn pause_for(&self, retry_after: Duration) {
        self.lock().pause_until(Instant::now() + retry_after);
    }

    pub fn window(&self) -> usize {
        self.lock().window()
    }
}

/// One open send. Dropping it (after the outcome is recorded) frees the slot.
#[derive(Debug)]
pub struct Slot {
    gate: Arc<SendGate>,
    started: Instant,
    answered_after: Option<Duration>,
}

impl Slot {
    /// Telegram answered (success or a refusal): the round trip counts towards the window.
    pub fn answered(&mut self) {
        self.answered_after = Some(self.started.elapsed());
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.gate.lock().finish(self.answered_after);
        self.gate.freed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    fn telegram() -> Schedule {
        Schedule::new(Some(FloodLimits::TELEGRAM))
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn the_window_is_the_rate_times_the_round_trip() {
        let mut schedule = telegram();
        assert_eq!(schedule.window(), 3, "first guess 100 ms");
        for _ in 0..60 {
            schedule.in_flight += 1;
            schedule.finish(Some(ms(200)));
        }
        assert_eq!(schedule.window(), 6, "200 ms at 30/s");
        for _ in 0..60 {
            schedule.in_flight += 1;
            schedule.finish(Some(ms(210)));
        }
        assert_eq!(
            schedule.window(),
            6,
            "a fraction of a slot rounds to the nearest"
        );
        for _ in 0..60 {
            schedule.in_flight += 1;
            schedule.finish(Some(ms(2)));
        }
        assert_eq!(schedule.window(), 1, "loopback still gets one");
        for _ in 0..60 {
            schedule.in_flight += 1;
            schedule.finish(Some(Duration::from_secs(5)));
        }
        assert_eq!(schedule.window(), MAX_WINDOW);
        schedule.in_flight += 1;
        schedule.finish(None);
        assert_eq!(
            schedule.window(),
            MAX_WINDOW,
            "an unanswered send is not a sample"
        );
    }

    #[test]
    fn a_full_window_waits_for_a_slot_not_for_time() {
        let mut schedule = telegram();
        let t0 = Instant::now();
        for chat in 1..=3 {
            assert_eq!(schedule.try_start(chat, t0 + ms(40 * chat as u64)), Ok(()));
        }
        assert_eq!(schedule.try_start(4, t0 + ms(500)), Err(Wait::ForSlot));
        schedule.finish(Some(ms(100)));
        assert_eq!(schedule.try_start(4, t0 + ms(500)), Ok(()));
    }

    #[test]
    fn a_private_chat_gets_one_message_per_second() {
        let mut schedule = telegram();
        let t0 = Instant::now();
        assert_eq!(schedule.try_start(7, t0), Ok(()));
        schedule.finish(Some(ms(100)));
        assert_eq!(
            schedule.try_start(7, t0 + ms(400)),
            Err(Wait::Until(t0 + SECOND))
        );
        assert_eq!(schedule.try_start(8, t0 + ms(400)), Ok(()), "others go on");
        schedule.finish(Some(ms(100)));
        assert_eq!(schedule.try_start(7, t0 + SECOND), Ok(()));
    }

    #[test]
    fn thirty_a_second_evenly_paced_and_twenty_a_minute_to_a_group() {
        let mut schedule = telegram();
        schedule.round_trip = Duration::from_secs(2); // a window wide enough not to interfere
        let t0 = Instant::now();
        let mut at = t0;
        for chat in 1..=31 {
            match schedule.try_start(chat, at) {
                Ok(()) => {}
                Err(Wait::Until(turn)) => {
                    assert!(turn > at, "a turn is in the future");
                    at = turn;
                    assert_eq!(schedule.try_start(chat, at), Ok(()));
                }
                Err(Wait::ForSlot) => panic!("the window is wide enough"),
            }
            schedule.finish(None);
        }
        assert!(
            at - t0 >= SECOND,
            "31 starts span at least a second: {:?}",
            at - t0
        );
        assert!(at - t0 < SECOND + ms(1), "and not much more: {:?}", at - t0);
        assert_eq!(
            schedule.try_start(32, t0 + SECOND + ms(10)),
            Err(Wait::Until(at + Duration::from_nanos(33_333_334))),
            "one start every 1/30 s, never a burst"
        );

        let mut schedule = telegram();
        let t1 = Instant::now();
        for i in 0..20 {
            assert_eq!(schedule.try_start(-5, t1 + Duration::from_secs(i)), Ok(()));
            schedule.finish(None);
        }
        assert_eq!(
            schedule.try_start(-5, t1 + Duration::from_secs(30)),
            Err(Wait::Until(t1 + MINUTE))
        );
        assert_eq!(schedule.try_start(-5, t1 + MINUTE), Ok(()));
    }

    #[test]
    fn a_429_pauses_every_send() {
        let mut schedule = telegram();
        let t0 = Instant::now();
        schedule.pause_until(t0 + Duration::from_secs(3));
        assert_eq!(
            schedule.try_start(1, t0),
            Err(Wait::Until(t0 + Duration::from_secs(3)))
        );
        assert_eq!(schedule.try_start(2, t0 + Duration::from_secs(3)), Ok(()));
    }

    #[test]
    fn without_limits_nothing_waits() {
        let mut schedule = Schedule::new(None);
        let t0 = Instant::now();
        for _ in 0..100 {
            assert_eq!(schedule.try_start(1, t0), Ok(()));
        }
    }

    #[tokio::test]
    async fn a_freed_slot_wakes_a_waiting_send() {
        let gate = SendGate::new(Some(FloodLimits::TELEGRAM));
        let mut held = Vec::new();
        for chat in 1..=3 {
            held.push(gate.enter(chat).await);
        }
        let waiting = tokio::spawn({
            let gate = gate.clone();
            async move { gate.enter(4).await }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        held.pop();
        let slot = tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("woken by the freed slot")
            .unwrap();
        drop(slot);
    }
}
