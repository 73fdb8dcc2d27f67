"""One workout: the session wired to the clock, the sound player, the events log and history.

No Tk here: the window calls `tick()` and `apply(command)` and draws `view()`.
Tests and the benchmark drive the same object with a fake or real clock. Every
time it reads or logs comes from its one clock (`ScaledClock`, whose `source` is
the injected real clock).
"""

from __future__ import annotations

import json
import math
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import IO, TYPE_CHECKING, Any

from itbtimer.app.ports import Awake, HistoryStore, Player, Record
from itbtimer.core.bests import HoldKey, HoldTarget
from itbtimer.core.commands import Command, Stop
from itbtimer.core.events import (
    Cue,
    Event,
    Finished,
    Paused,
    Resumed,
    SessionStarted,
    StepDone,
    Stopped,
)
from itbtimer.core.plan import Plan
from itbtimer.core.session import Session, SessionError, SessionState, View
from itbtimer.core.stall import HELD_UP_AFTER, HoldUp, TickGuard, TickTimes, cue_too_late
from itbtimer.errors import ItbtimerError
from itbtimer.history.from_session import build_record

if TYPE_CHECKING:
    from itbtimer.voice.coach import Coach

SNAPSHOT_SECONDS = 5.0  # the in-progress mirror is rewritten this often while running ...
SNAPSHOT_CPU_SHARE = 0.002  # ... unless that would cost more than 0.2 % of a core (a routine
# of thousands of steps: its mirror is then rewritten less often, never the cues held back)
# Wake only when something visible changes: the clock's second (and a second wake-up half
# way, for the timeline's marker), a cue, a key. At --speed the clock changes faster, but
# the screen is not redrawn more than ten times a second.
FRAME_SECONDS = 0.1
WALL_STEP_SECONDS = 2.0  # the wall clock away from start + time passed by more: a step
MARKER_SECONDS = 0.5
PAUSED_SECONDS = 1.0


def suspended_seconds() -> float:
    """Seconds this computer has slept since boot: CLOCK_BOOTTIME counts a suspend,
    CLOCK_MONOTONIC does not (Linux). 0 where that cannot be known."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is None:
        return 0.0
    try:
        return time.clock_gettime(boottime) - time.monotonic()
    except OSError:
        return 0.0


class ScaledClock:
    """Routine time running `speed` times faster than real time (for --speed rehearsal)."""

    def __init__(self, speed: float = 1.0, source: Callable[[], float] = time.monotonic):
        self.speed = speed
        self.source = source
        self.base = source()

    def __call__(self) -> float:
        return self.base + (self.source() - self.base) * self.speed

    def to_real(self, t: float) -> float:
        return self.base + (t - self.base) / self.speed


class EventsLog:
    """--events FILE: one JSON object per engine event, `t` in real seconds since start."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.failed = False

    def write(self, t: float, event: str, fields: dict[str, Any] | None = None) -> None:
        if self.failed:
            return
        try:
            line = {"t": round(t, 4), "event": event, **(fields or {})}
            self.stream.write(json.dumps(line) + "\n")
            self.stream.flush()
        except (OSError, ValueError):
            self.failed = True


class Workout:
    def __init__(self, plan: Plan, player: Player, clock: ScaledClock,
                 history: HistoryStore | None = None, events_log: EventsLog | None = None,
                 routine_file: str | None = None,
                 wallclock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
                 coach: Coach | None = None,
                 slept: Callable[[], float] = suspended_seconds, practice: bool = False,
                 cpu_clock: Callable[[], float] = time.thread_time,
                 targets: Mapping[HoldKey, HoldTarget] | None = None):
        self.plan = plan
        self.coach = coach
        self.practice = practice  # a rehearsal, kept apart in the history (so is speed != 1)
        # the holds to beat (the history's bests, by exercise and side), as they were at
        # the start: the finished screen names the holds that beat them
        self.targets: dict[HoldKey, HoldTarget] = dict(targets or {})
        self.session = Session(plan, self.targets)
        self.player = player
        self.clock = clock
        self.history = history
        self.events_log = events_log
        self.routine_file = routine_file
        self.wallclock = wallclock
        self.listeners: list[Callable[[Event], None]] = []
        self.saved = False
        self._started_wall: datetime | None = None
        self._ended_wall: datetime | None = None
        self._real_start: float | None = None
        self._wall_step = 0.0  # how far the wall clock has stepped since the start (noted)
        self._slept_at_start = 0.0
        self._record_id = uuid.uuid4().hex
        self._last_snapshot = -SNAPSHOT_SECONDS
        self._snapshot_every = SNAPSHOT_SECONDS
        self._snapshot_failed = False
        self._cpu_clock = cpu_clock  # what a mirror write costs the processor
        self.guard = TickGuard()  # a tick that came too late pauses the session
        self._slept = slept
        self._slept_before = slept()
        self._wake_at: float | None = None  # real time the next tick was asked for
        self._saved_pain: int | None = None
        self._pain: int | None = None  # the pain last given to save (kept if it failed)
        self.note: str | None = None  # the person's words on it (the finished screen's N)

    # --- driving ---------------------------------------------------------------------

    def now(self) -> float:
        return self.clock()

    def view(self) -> View:
        return self.session.view(self.now())

    def tick(self) -> list[Event]:
        """Advance to now; a tick that came more than 2 s after it was asked for (the
        process was held up) or after the computer slept pauses the session instead."""
        slept = self._slept()
        times = TickTimes(at=self.clock.source(), scheduled=self._wake_at,
                          asleep=slept - self._slept_before)
        self._slept_before, self._wake_at = slept, None
        events = self.guard.tick(self.session, self.now(), times)
        held = self.guard.hold_up is not None and any(isinstance(e, Paused) for e in events)
        events = self._dispatch(events)
        if held and self.guard.hold_up is not None:  # after the pause it explains (log order)
            self._log_hold_up(self.guard.hold_up)
        self._snapshot()  # a long hold is mirrored too, not only when a step ends
        return events

    @property
    def hold_up(self) -> HoldUp | None:
        """Why the session paused by itself, while it stays paused."""
        return self.guard.hold_up if self.session.state == SessionState.PAUSED else None

    @property
    def state(self) -> SessionState:
        return self.session.state

    def apply(self, command: Command) -> list[Event]:
        """The one way in for keys, buttons and remote controls."""
        held: list[Event] = []
        if self._tick_overdue():
            # a key pressed during a stall reaches us before the loop's own late tick: the
            # stall is seen first, so the command applies to the session paused where it was
            held = self.tick()
        now = self.now()
        try:
            events = self.session.apply(command, now)
        except SessionError:
            return held  # a key pressed when it means nothing (before start, after the end)
        if self._started_wall is None and self.session.started_at is not None:
            self._started_wall = self.wallclock()
            self._real_start = self.clock.to_real(self.session.started_at)
            self._slept_at_start = self._slept()
        return held + self._dispatch(events)

    def read_how(self, how: str | None, reading: bool) -> None:
        """I: the voice reads this how-to now (`reading`), or stops reading it."""
        if self.coach is None or self.session.over:
            return
        if reading:
            self.coach.read(how, self.now())
        else:
            self.coach.stop_reading(self.now())
        self._speak()

    def _tick_overdue(self) -> bool:
        return (self.session.state == SessionState.RUNNING and self._wake_at is not None
                and self.clock.source() - self._wake_at > HELD_UP_AFTER)

    def next_wake(self) -> float | None:
        """Real seconds until the screen should tick and redraw: the engine's next
        deadline or the next frame, whichever is first. None once the session is over."""
        if self.session.over or self.session.started_at is None:
            return None
        if self.session.state == SessionState.PAUSED:
            wait = PAUSED_SECONDS
        else:
            wait = self._until_the_clock_changes()
        voice_due = self.coach.next_due() if self.coach is not None else None
        real = self.clock.source()
        for due in (self.session.next_due(), voice_due):
            if due is not None:
                wait = min(wait, max(0.0, self.clock.to_real(due) - real))
        wait = round(wait, 6)  # no float noise: 0.4990000000000236 s is 499 ms, not 500
        self._wake_at = real + wait
        return wait

    def _until_the_clock_changes(self) -> float:
        """Real seconds until the shown clock's next second, or the marker's next half
        second; never less than a frame."""
        view = self.view()
        if view.remaining is not None:  # counting down: shows whole seconds rounded up
            shown = math.ceil(view.remaining - 1e-9)
            routine = view.remaining - (shown - 1)
        else:  # counting up
            routine = math.floor(view.elapsed) + 1 - view.elapsed
        real = routine / self.clock.speed
        if real > MARKER_SECONDS:
            real -= MARKER_SECONDS
        return max(FRAME_SECONDS, real)

    def _dispatch(self, events: list[Event]) -> list[Event]:
        """Play, log and announce each event in order; write history once, after them all:
        a history write (tens of ms with its fsync) must never hold back a cue."""
        snapshot: bool | None = None  # None: no snapshot due; True: forced (a pause)
        over = False
        for event in events:
            if not self._play_and_log(event):
                continue
            if isinstance(event, StepDone | Paused):
                snapshot = bool(snapshot) or isinstance(event, Paused)
            if isinstance(event, Finished | Stopped):
                self._ended_wall = self._wall_now()
                over = True
            self._tell(event)
        self._speak()
        if over and self.history is not None and not self.saved:
            # the whole session is safe on disk while the pain score is asked
            self.history.save_in_progress(self.record())
        elif snapshot is not None:
            self._snapshot(force=snapshot)
        return events

    def _play_and_log(self, event: Event) -> bool:
        """Play a cue and log the event; False: a cue dropped, too late to mean anything."""
        played = None
        if isinstance(event, Cue):
            played = self.clock.source()  # when play() is called: the bench's measure
            if cue_too_late(self.clock.to_real(event.at), played):
                self._log(event, None, dropped=True)  # a stale beep would mislead
                return False
            self.player.play(event.sound)
        self._log(event, played)
        return True

    def _tell(self, event: Event) -> None:
        """The coach hears the event first (it may hush what it is saying), then the window."""
        if self.coach is not None:
            for hush in self.coach.hear(event):
                self.coach.act(hush)
        for listener in self.listeners:
            listener(event)

    def _speak(self) -> None:
        """Say the phrases due; once the session is over, all that is left, each after its
        lead-in of silence (nothing wakes the workout after the finish)."""
        if self.coach is None:
            return
        over = self.session.over
        for say in self.coach.flush() if over else self.coach.due(self.now()):
            lead = max(0.0, self.clock.to_real(say.at) - self.clock.source()) if over else 0.0
            played = None
            if self.coach.speak(say, lead):
                played = self.clock.source() + lead
            if self.coach.on:
                self._log(say, played)

    def _log(self, event: Event, played: float | None, dropped: bool = False) -> None:
        if self.events_log is None or self._real_start is None:
            return
        fields = event.to_json()
        name = fields.pop("event")
        t = self.clock.to_real(event.at) - self._real_start
        if dropped:
            fields.update(dropped=True, played_t=None)
        elif played is not None:
            fields["played_t"] = round(played - self._real_start, 4)
        self.events_log.write(t, name, fields)

    def _log_hold_up(self, hold_up: HoldUp) -> None:
        if self.events_log is not None and self._real_start is not None:
            self.events_log.write(self.clock.source() - self._real_start, "held_up",
                                  hold_up.to_json())

    # --- recording -------------------------------------------------------------------

    def _wall_now(self) -> datetime:
        """The start's wall-clock time plus the (monotonic) time since: a record's end never
        precedes its start, whatever the wall clock did. A step of the wall clock (NTP, the
        person setting it) is noted in the events log instead."""
        if self._started_wall is None or self._real_start is None:
            return self.wallclock()
        passed = self.clock.source() - self._real_start + self._slept() - self._slept_at_start
        now = self._started_wall + timedelta(seconds=passed)  # a suspend counts: it passed
        step = (self.wallclock() - now).total_seconds()
        if abs(step - self._wall_step) > WALL_STEP_SECONDS:
            self._wall_step = step
            if self.events_log is not None:
                self.events_log.write(self.clock.source() - self._real_start,
                                      "wall_clock_step", {"seconds": round(step, 3)})
        return now

    def record(self, pain: int | None = None) -> Record:
        start = self._started_wall or self.wallclock()
        return build_record(self.session, self.now(), start, self._ended_wall or
                            self._wall_now(), self.routine_file, pain, self._record_id,
                            speed=self.clock.speed, practice=self.practice).with_note(self.note)

    def _snapshot(self, force: bool = False) -> None:
        """Mirror the session in progress to disk, so a crash loses at most ~5 s of it."""
        if self.history is None or self.saved or self.session.over or (
                self.session.started_at is None):
            return
        real = self.clock.source()
        if force or self._snapshot_failed or real - self._last_snapshot >= self._snapshot_every:
            self._last_snapshot = real
            cpu = self._cpu_clock()
            self.history.save_in_progress(self.record())
            # failed (a full disk): tried again at every step end, not 5 s later, so once
            # there is room what is on disk is at most a step old
            self._snapshot_failed = self.history.notice is not None
            # processor time, not time passed: waiting on a busy disk costs no processor, and
            # must not stretch what a crash loses beyond the 5 s
            spent = self._cpu_clock() - cpu
            self._snapshot_every = max(SNAPSHOT_SECONDS, spent / SNAPSHOT_CPU_SHARE)

    def save(self, pain: int | None = None) -> bool:
        """Append this session's one record (once); True when it is on disk."""
        if self.saved or self.history is None or self.session.started_at is None:
            return self.saved
        self._pain = pain
        self.saved = self.history.append(self.record(pain))
        if self.saved:
            self._saved_pain = pain
        return self.saved

    def keep_pain(self, pain: int | None) -> bool:
        """The pain score with this session's one record: saved with it, or corrected in it
        when the record was saved before the person chose (History opened first)."""
        if not self.saved:
            return self.save(pain)
        if self.history is None or pain == self._saved_pain:
            return True
        try:
            self.history.set_pain(self._record_id, pain)
        except ItbtimerError:
            return False  # the store says why in its notice
        self._saved_pain = pain
        return True

    def keep_note(self, note: str | None) -> str | None:
        """The person's note on this session (None: none): with its record when that is
        saved later, or set in the record already saved. Why not, when the history could
        not take it; None when kept."""
        self.note = note
        if self.history is None:
            return None
        if not self.saved and self._record_id not in self.history.unsaved:
            return None  # not recorded yet: its record will have it
        try:
            self.history.set_note(self._record_id, note)
        except ItbtimerError as exc:
            return f"Note not saved: {exc}"
        return None

    def quit(self) -> None:
        """Closing the window: stop the session and keep what was done."""
        if self.session.started_at is not None and not self.session.over:
            self.apply(Stop())
        if self.events_log is not None and self._real_start is not None:
            self.events_log.write(self.clock.source() - self._real_start, "quit")
        self.save(self._pain)  # a save that failed before is tried again as it was

    @property
    def notice(self) -> str | None:
        notices = [n for n in (self.player.notice, self.history and self.history.notice) if n]
        if self.coach is not None and self.coach.notice:
            notices.append(self.coach.notice)
        return " · ".join(notices) if notices else None


class AwakeWhileRunning:
    """Keeps the screen awake while a workout runs, and only then (a workout listener)."""

    def __init__(self, awake: Awake):
        self.awake = awake
        self.running = False

    def __call__(self, event: Event) -> None:
        if isinstance(event, SessionStarted | Resumed):
            self.running = True
            self.awake.hold()
        elif isinstance(event, Paused | Finished | Stopped):
            self.running = False
            self.awake.release()

    def window_ready(self, window_id: int) -> None:
        """The window has an id now (--autostart may have begun before it had one)."""
        self.awake.window_id = window_id
        if self.running:
            self.awake.hold()
