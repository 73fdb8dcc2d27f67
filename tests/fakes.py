"""The one home of the tests' fakes: the adapters in itbtimer.app.ports (and the clock and
timers the window runs on), in memory, inspectable, no disk, no sleeping.

- FakeClock: a monotonic clock that moves only when told (never_asleep: no suspend either).
- FakeTimers: the window's Tk timers (after/after_idle/cancel) on a FakeClock.
- FakePlayer: a Player that plays nothing and remembers what it was asked to play.
- FlakyBackend: a simpleaudio device that fails until it is plugged back in.
- MemoryHistory: a HistoryStore in memory.
- FakeRemote: a RemoteControl (the desktop bus) whose commands the test sends.
- FakeAwake: screen-awake that records hold and release.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from itbtimer.adapters.sound import SilentPlayer
from itbtimer.app.ports import Record
from itbtimer.core.progression import Progression
from itbtimer.core.routine import Routine
from itbtimer.history import HistoryError, Listed, Progress
from itbtimer.history.records import RunRecord
from itbtimer.present.now_playing import NowPlaying, Remote
from tests.helpers import figures_of, progression_of

FULL = "History not saved: the disk holding memory is full"


class FakeClock:
    """A real (monotonic) clock that only moves when told; far from zero, as such clocks are."""

    def __init__(self, t: float = 1000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def set(self, t: float) -> None:
        self.t = t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def never_asleep() -> float:
    """A Workout's `slept` on a fake clock: the computer never suspended (the real one reads
    CLOCK_BOOTTIME and CLOCK_MONOTONIC, whose difference jumps when the test is descheduled
    between the two reads on a loaded machine)."""
    return 0.0


class FakePlayer(SilentPlayer):
    """A Player that plays nothing and remembers what it was asked to play and say: the
    program's own SilentPlayer (what `played`, `spoken`, `hushed` and `volume` hold)."""


class FlakyBackend:
    """A simpleaudio device that fails until `back` is set: a headset unplugged and plugged
    in again."""

    class Playing:
        def is_playing(self) -> bool:
            return False

        def stop(self) -> None:
            pass

    def __init__(self) -> None:
        self.back = False
        self.calls = 0

    def play_buffer(self, data: object, channels: int, width: int, rate: int) -> Playing:
        self.calls += 1
        if not self.back:
            raise RuntimeError("Error opening PCM device. -- CODE: -2 -- MSG: No such file")
        return self.Playing()


class MemoryHistory:
    """A HistoryStore in memory. `fail` makes every write fail as a full disk would."""

    def __init__(self, records: list[Record] | None = None, fail: bool = False):
        self.records: list[Record] = list(records or [])
        self.in_progress: Record | None = None
        self.fail = fail
        self.notice: str | None = None
        self.unsaved: dict[str, Record] = {}
        self.messages: list[str] = []
        self.pending: list[Record] = []
        self.snapshots = 0
        self.kept_runs: list[RunRecord] = []
        self.folder: Path | None = None  # in memory: nothing a report's process could read

    def save_in_progress(self, record: Record) -> None:
        if self.fail:
            self.notice = FULL
            return
        self.snapshots += 1
        self.in_progress = record
        if not self.unsaved:
            self.notice = None  # as the real store: a write that works clears the notice

    def append(self, record: Record) -> bool:
        self.unsaved[record.id] = record
        return self.retry()

    def retry(self) -> bool:
        if self.fail:
            self.notice = FULL
            return False
        for record in self.unsaved.values():
            self.records = [r for r in self.records if r.id != record.id] + [record]
            if self.in_progress is not None and self.in_progress.id == record.id:
                self.in_progress = None
        self.unsaved.clear()
        self.notice = None
        return True

    def keep_pending(self) -> Path | None:
        self.pending.extend(self.unsaved.values())
        return Path("/memory/pending") if self.unsaved else None

    def save_to(self, target: Path) -> int:
        return len(self.unsaved)

    def recover(self) -> list[Record]:
        record, self.in_progress = self.in_progress, None
        if record is None:
            return []
        record = replace(record, interrupted=True)
        return [record] if self.append(record) else []

    def progress(self, today: date, routine: str | None = None, per_week: int | None = None,
                 weeks: int = 12, series: bool = False, since: date | None = None) -> Progress:
        """The SQLite store's own figures over these records, in a database in memory."""
        return figures_of(self.records, today, routine, per_week, weeks, series, self.kept_runs,
                          since)

    def progression(self, routine: Routine, assumed: Record | None = None) -> Progression:
        """The SQLite store's own levels over these records, in a database in memory."""
        return progression_of(self.records, routine, assumed)

    def listing(self, routines: Iterable[str] | None = None, newest: int = 15) -> list[Listed]:
        names = None if routines is None else set(routines)
        chosen = sorted((r for r in self.records if names is None or r.identity in names),
                        key=lambda r: r.start)[-newest:]
        return [Listed(r.id, r.start, r.routine, r.completed, r.active_seconds, r.pain,
                       r.practice, r.speed, False, r.interrupted,
                       tuple(r.side_holds().items()), r.question, morning=r.morning,
                       note=r.note) for r in chosen]

    def _find(self, record_id: str) -> Record:
        found = [r for r in self.records if r.id.startswith(record_id)]
        if len(found) != 1:
            raise HistoryError(f"no session with the id {record_id!r}")
        return found[0]

    def _find_run(self, record_id: str) -> RunRecord | None:
        found = [r for r in self.kept_runs if r.id.startswith(record_id)]
        return found[0] if len(found) == 1 else None

    def delete(self, record_id: str) -> Record | RunRecord:
        run = self._find_run(record_id)
        if run is not None:
            self.kept_runs.remove(run)
            return run
        record = self._find(record_id)
        self.records.remove(record)
        return record

    def set_note(self, record_id: str, note: str | None) -> Record | RunRecord:
        run = self._find_run(record_id)
        if run is not None:
            changed = run.with_note(note)
            self.kept_runs = [changed if r.id == run.id else r for r in self.kept_runs]
            return changed
        record = self._find(record_id).with_note(note)
        self.records = [record if r.id == record.id else r for r in self.records]
        return record

    def log_run(self, run: RunRecord) -> RunRecord:
        if self.fail:
            raise HistoryError(FULL)
        self.kept_runs = [r for r in self.kept_runs if r.id != run.id] + [run]
        return run

    def runs(self, newest: int | None = None, since: date | None = None) -> list[RunRecord]:
        chosen = sorted((r for r in self.kept_runs if since is None or r.local_date >= since),
                        key=lambda r: r.start)
        return chosen[-newest:] if newest is not None else chosen

    def set_pain(self, record_id: str, pain: int | None) -> Record:
        record = self._find(record_id).with_pain(pain)
        self.records = [record if r.id == record.id else r for r in self.records]
        return record

    def set_morning(self, record_id: str, morning: int | None) -> Record:
        if self.fail:
            raise HistoryError("the disk holding memory is full")
        record = self._find(record_id).with_morning(morning)
        self.records = [record if r.id == record.id else r for r in self.records]
        return record


class FakeAwake:
    """Records whether the screen is being kept awake."""

    def __init__(self) -> None:
        self.window_id: int | None = None
        self.active = False
        self.calls: list[str] = []

    def hold(self) -> None:
        self.calls.append("hold")
        self.active = True

    def release(self) -> None:
        self.calls.append("release")
        self.active = False


class FakeTimers:
    """The window's timers on a fake clock: callbacks run when `advance` reaches them."""

    def __init__(self, clock: FakeClock):
        self.clock = clock
        self.pending: dict[str, tuple[float, int, Callable[[], None]]] = {}
        self.count = 0

    def after(self, ms: int, callback: Callable[[], None]) -> str:
        self.count += 1
        timer = f"fake-after#{self.count}"
        due = round(self.clock() + ms / 1000, 6)  # no float creep over many frames
        self.pending[timer] = (due, self.count, callback)
        return timer

    def after_idle(self, callback: Callable[[], None]) -> str:
        return self.after(0, callback)

    def cancel(self, timer: str) -> None:
        self.pending.pop(timer, None)

    def run_due(self) -> None:
        """Every callback due by now, in the order they fall due."""
        self.advance(0.0)

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass, running each callback at its own due time."""
        end = self.clock() + seconds
        while self.pending:
            timer, (due, _, callback) = min(self.pending.items(), key=lambda kv: kv[1][:2])
            if due > end:
                break
            del self.pending[timer]
            self.clock.set(max(self.clock(), due))
            callback()
        self.clock.set(max(self.clock(), end))


class FakeRemote:
    """The desktop bus's media remote in memory: `send` is a remote command arriving from
    another thread (the pipe turns readable, as the real bus's does); what the window
    publishes and notifies is kept in `published` and `notified`."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        self._lock = threading.Lock()
        self._inbox: list[Remote] = []
        self.published: list[NowPlaying] = []
        self.notified: list[tuple[str, str]] = []
        self.closed = False
        self.gone = False  # the session bus went away (`went` wakes the window to say so)

    @property
    def wake_fd(self) -> int:
        return self._read

    def went(self, gone: bool) -> None:
        """The bus goes away (True) or comes back (False), seen from the bus thread."""
        self.gone = gone
        os.write(self._write, b"!")

    def send(self, command: Remote) -> None:
        with self._lock:
            self._inbox.append(command)
        os.write(self._write, b"!")

    def take(self) -> list[Remote]:
        try:
            while os.read(self._read, 512):
                pass
        except BlockingIOError:
            pass  # drained: the pipe turns readable again only with the next command
        with self._lock:
            taken, self._inbox = self._inbox, []
        return taken

    def publish(self, now_playing: NowPlaying) -> None:
        self.published.append(now_playing)

    def notify(self, summary: str, body: str) -> None:
        self.notified.append((summary, body))

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            os.close(self._read)
            os.close(self._write)


class FakeSystemctl:
    """`systemctl --user` of a session systemd runs (or not, available=False): each call is
    kept in `calls`, and every call succeeds."""

    def __init__(self, available: bool = True) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.is_available = available

    def available(self) -> bool:
        return self.is_available

    def run(self, *args: str) -> str | None:
        self.calls.append(args)
        return "enabled" if args[:1] == ("is-enabled",) else ""
