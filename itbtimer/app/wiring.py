"""The one place that wires itbtimer together: real adapters by default, fakes injectable.

`bootstrap(...)` builds the clock, the player, the history store, the screen-awake
adapter and the recent-files list, and hands out workouts already wired to them
(`App.new_workout`). The window receives an `App` and builds nothing itself;
tests and tools pass fakes for whatever they replace.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from itbtimer.adapters.awake import ScreenAwake
from itbtimer.adapters.opener import open_in_browser, open_in_text_editor
from itbtimer.adapters.recent import RecentFiles
from itbtimer.adapters.settings import Settings
from itbtimer.adapters.sound import make_player
from itbtimer.app.ports import Awake, HistoryStore, Player, Record, RemoteControl
from itbtimer.app.workout import AwakeWhileRunning, EventsLog, ScaledClock, Workout
from itbtimer.core.bests import HoldKey, HoldTarget
from itbtimer.core.enums import StrEnum
from itbtimer.core.escaping import escaped
from itbtimer.core.plan import Plan, build_plan
from itbtimer.core.progression import NO_PROGRESSION, Progression
from itbtimer.core.routine import Routine
from itbtimer.core.runs import DistanceUnit, RunText
from itbtimer.errors import ItbtimerError
from itbtimer.history import HistoryError, Progress
from itbtimer.history import HistoryStore as FileHistory
from itbtimer.history.from_run import newest_unit, run_record
from itbtimer.history.from_session import is_practice
from itbtimer.history.morning import MORNING_LOOK_BACK, morning_due
from itbtimer.history.records import RunRecord
from itbtimer.paths import user_sounds_dir
from itbtimer.present.display import interrupted_notice, mute_status, notice_line
from itbtimer.present.morning_words import MorningQuestion
from itbtimer.present.progress_words import next_time_line
from itbtimer.present.unsaved_words import kept_elsewhere, kept_nowhere
from itbtimer.routine_files import load_routine
from itbtimer.routine_files.bundled import assets_dir
from itbtimer.voice.control import STATUS_SECONDS, VoiceControl

if TYPE_CHECKING:  # imported when the editor opens: ruamel.yaml costs the start-up
    from itbtimer.editor.document import Document


def local_now() -> datetime:
    return datetime.now().astimezone()


class UnsavedAnswer(StrEnum):
    """What to do, at quit, with sessions that could be saved nowhere."""

    RETRY = "retry"
    SAVE = "save"  # to a file the person chooses
    QUIT = "quit"  # without saving


@dataclass
class App:
    """Everything a window needs from the world, already built."""

    player: Player
    history: HistoryStore | None
    awake: Awake
    recent: RecentFiles | None
    real_clock: Callable[[], float] = time.monotonic
    events: EventsLog | None = None
    speed: float = 1.0
    practice: bool = False  # --practice (any speed other than 1 is practice as well)
    warnings: list[str] = field(default_factory=list)
    voice: VoiceControl | None = None
    remote: RemoteControl | None = None  # media remotes on the desktop bus (Linux)
    settings: Settings | None = None  # remembered choices and window placement
    # the person's own text editor: None when asked to open the file, else why not
    open_file: Callable[[Path], str | None] = open_in_text_editor
    # the person's browser, for an exercise's link (O): None when asked, else why not
    open_url: Callable[[str], str | None] = open_in_browser
    wallclock: Callable[[], datetime] = local_now  # the date and time where the person is

    def __post_init__(self) -> None:
        self.keep_awake = AwakeWhileRunning(self.awake)
        self._status: tuple[str, float] | None = None  # after M or O: what it did, when

    @property
    def practice_run(self) -> bool:
        """Workouts of this app are practice runs (--practice, --speed other than 1)."""
        return is_practice(self.practice, self.speed)

    def new_workout(self, plan: Plan, routine_file: str | None) -> Workout:
        """A workout on this app's clock, player, history and events log, keeping the
        screen awake while it runs."""
        coach = self.voice.new_coach(plan, self.player) if self.voice else None
        workout = Workout(plan, self.player, ScaledClock(self.speed, self.real_clock),
                          self.history, self.events, routine_file, coach=coach,
                          practice=self.practice, targets=self.targets(plan))
        workout.listeners.append(self.keep_awake)
        return workout

    def targets(self, plan: Plan) -> dict[HoldKey, HoldTarget]:
        """The holds to beat in a workout of `plan`: each hold's best and last, per side,
        from its history. None in a practice run (its holds are no bests), nor when the
        history cannot be read (the workout goes on without them)."""
        if self.practice_run or self.history is None:
            return {}
        try:
            progress = self.history.progress(self.today(), plan.routine.identity)
        except HistoryError:
            return {}
        return {(h.exercise, h.side): HoldTarget(h.best, h.last) for h in progress.holds}

    def open_routine(self, path: Path) -> Plan:
        """The plan of a routine file as it will run, at the levels its history has reached
        (core/progression.py), kept among the recent ones; ItbtimerError if not a routine."""
        routine = load_routine(path)
        plan = build_plan(routine, self.progression(routine))
        if self.recent is not None:
            self.recent.add(path)
        if self.voice is not None:
            self.voice.prepare(plan)  # the worker renders its phrases while Start waits
        return plan

    def next_time(self, plan: Plan, record: Record) -> str | None:
        """The finished screen's line: what changes next time and why, as if this session
        were kept with the answers it has now (core/progression.py)."""
        if not plan.progression or self.history is None:
            return None
        routine = plan.as_written
        try:
            levels = self.history.progression(routine, record)
        except HistoryError:
            return None
        return next_time_line(routine, levels, record.moves_levels)

    def progression(self, routine: Routine) -> Progression:
        """The levels the routine runs at; none when the history cannot be read (the
        routine's own figures: the reading problem shows on the start screen's figures)."""
        if self.history is None:
            return NO_PROGRESSION
        try:
            return self.history.progression(routine)
        except HistoryError:
            return NO_PROGRESSION

    def open_for_editing(self, path: Path) -> tuple[Document, str | None]:
        """The routine at `path` as a document to edit (a bundled one: an announced personal
        copy), and the notice that says so; ItbtimerError with the reason if it cannot be."""
        from itbtimer.editor.copies import editable
        from itbtimer.editor.document import Document

        try:
            target = editable(str(path))
            return Document.open(target.path), target.notice
        except OSError as exc:
            raise ItbtimerError(f"cannot make a copy to edit ({exc.strerror})") from None

    def toggle_mute(self) -> None:
        """M: sound off or on, said in the notice line for a moment (as V says the voice's)."""
        if self.player.muted:
            self.player.unmute()
        else:
            self.player.mute()
        self._status = (mute_status(self.player.muted), self.real_clock())

    def open_link(self, name: str, url: str) -> None:
        """O: an exercise's link in the browser, said in the notice line for a moment."""
        if not url:
            said = f"{name or 'This step'} has no video or page (`link:`)"
        else:
            why = self.open_url(url)
            said = f"Opening {url} in your browser" if why is None else (
                f"Could not open {url}: {why}")
        self._status = (escaped(said), self.real_clock())

    def progress(self, plan: Plan | None, notices: list[str]) -> Progress | None:
        """This routine's progress for the start screen; a reading problem goes to
        `notices`."""
        if self.history is None or plan is None:
            return None
        try:
            return self.history.progress(self.today(), plan.routine.identity,
                                         plan.routine.per_week)
        except HistoryError as exc:
            notices.append(f"History not read: {exc}")
            return None

    def today(self) -> date:
        return self.wallclock().date()

    def run_unit(self) -> DistanceUnit:
        """The unit a bare number of the run form is in: the newest run's (km if none)."""
        if self.history is None:
            return DistanceUnit.KM
        try:
            return newest_unit(self.history.runs(newest=1))
        except HistoryError:
            return DistanceUnit.KM

    def log_run(self, text: RunText) -> RunRecord:
        """Keep the run the form says. RunEntryError says what is wrong with what was
        written; HistoryError why it could not be kept."""
        entry = text.read(self.today(), self.run_unit())
        if self.history is None:
            raise HistoryError("there is no history to keep it in")
        return self.history.log_run(run_record(entry, self.wallclock()))

    def morning_question(self) -> MorningQuestion | None:
        """The morning-after question this start asks (history/morning.py), or None; None
        too when the history cannot be read (the start screen goes on without it)."""
        if self.history is None:
            return None
        asked = self.settings.morning_asked() if self.settings else []
        try:
            due = morning_due(self.history.listing(None, MORNING_LOOK_BACK), self.today(),
                              asked)
        except HistoryError:
            return None
        if due is None or due.question is None:
            return None
        return MorningQuestion(due.id, due.question, due.start.date())

    def answer_morning(self, question: MorningQuestion, score: int) -> str | None:
        """Keep the answer as the session's `morning`; why not, when it cannot be (then it
        is not remembered as asked: the next start asks again)."""
        if self.history is None:
            return "there is no history"
        try:
            self.history.set_morning(question.session_id, score)
        except HistoryError as exc:
            return str(exc)
        if self.settings is not None:
            self.settings.remember_morning_asked(question.session_id)
        return None

    def skip_morning(self, question: MorningQuestion) -> None:
        """Esc: not answered, and not asked again (remembered in the preferences: a skip
        says nothing about the knee, so the history keeps no trace of it)."""
        if self.settings is not None:
            self.settings.remember_morning_asked(question.session_id)

    def recover(self) -> list[str]:
        """Record sessions the last run could not (a crash); the notices that say so."""
        if self.history is None:
            return []
        notices = [interrupted_notice(record) for record in self.history.recover()]
        return notices + self.history.messages

    def retry_unsaved(self) -> None:
        if self.history is not None and self.history.unsaved:
            self.history.retry()

    def keep_unsaved(self, ask: Callable[[str], UnsavedAnswer] | None = None,
                     choose_file: Callable[[], Path | None] | None = None) -> str | None:
        """At quit: records that could not be saved go where the next start imports them
        (the state folder, the runtime folder, the temp folder). What the terminal is told:
        where they went, or that they could be kept nowhere (with their figures); None when
        there was nothing to keep, or the person chose.

        If even that fails (the data and state folders both unwritable) and the person
        asked to quit (`ask` given; a signal does not wait), they choose an UnsavedAnswer:
        retry, save (to a file from `choose_file`) or quit without saving."""
        history = self.history
        while history is not None and history.unsaved:
            place = history.keep_pending()
            if place is not None:
                return kept_elsewhere(history.notice, place, len(history.unsaved))
            if ask is None:
                return kept_nowhere(history.notice, history.unsaved.values())
            count = len(history.unsaved)
            choice = ask(f"{count} session{'s' if count > 1 else ''} could not be saved"
                         f" ({history.notice or 'the history cannot be written'}).")
            if choice == UnsavedAnswer.RETRY:
                history.retry()
            elif choice == UnsavedAnswer.SAVE:
                target = choose_file() if choose_file else None
                try:
                    if target is not None:
                        history.save_to(target)
                        history.unsaved.clear()
                except HistoryError as exc:
                    history.notice = str(exc)
            else:
                history.unsaved.clear()  # quit without saving, as chosen
        return None

    def voice_rendering(self) -> bool:
        """True while the voice worker renders the loaded routine's phrases."""
        return self.voice is not None and self.voice.rendering()

    def notice_line(self, notices: list[str], workout: Workout | None) -> str:
        if self.voice is not None:
            notices = notices + self.voice.notices()
        status = self._status
        if status is not None and self.real_clock() - status[1] < STATUS_SECONDS:
            notices = notices + [status[0]]
        return notice_line(notices, workout.notice if workout else None, self.player.notice,
                           self.history.notice if self.history else None, workout is not None)

    def window_mapped(self, frame: str) -> float:
        """The window is on screen (`frame`: its X id in hex): log when, and let screen-awake
        use its id."""
        mapped_at = self.real_clock()
        if self.events is not None:
            self.events.write(0.0, "window_mapped", {"monotonic": mapped_at})
        try:
            self.keep_awake.window_ready(int(frame, 16))
        except ValueError:
            pass  # no X id (another windowing system): screen-awake does without
        return mapped_at


def bootstrap(*, mute: bool = False, volume: int = 100, speed: float = 1.0,
              practice: bool = False,
              events: EventsLog | None = None, player: Player | None = None,
              history: HistoryStore | None = None, awake: Awake | None = None,
              recent: RecentFiles | None = None, remote: RemoteControl | None = None,
              settings: Settings | None = None,
              real_clock: Callable[[], float] = time.monotonic,
              voice: VoiceControl | None = None, voice_option: bool | None = None,
              cues_option: bool | None = None,
              wallclock: Callable[[], datetime] = local_now) -> App:
    """The real adapters, except those given. The voice speaks through the player: it is
    the real one with the real player, and only what a test passes with a fake one.
    The desktop bus is connected by `run_window` (`desktop_remote()`), so a test window
    never owns a bus name."""
    warnings: list[str] = []
    if player is None:
        player, warnings = make_player(assets_dir() / "sounds", user_sounds_dir(), mute)
        player.set_volume(volume)
        if voice is None:
            voice = VoiceControl.real(voice_option, cues_option, speed, real_clock)
    return App(player=player, history=FileHistory() if history is None else history,
               awake=awake or ScreenAwake(), recent=RecentFiles() if recent is None else recent,
               real_clock=real_clock, events=events, speed=speed, practice=practice,
               warnings=warnings,
               voice=voice, remote=remote,
               settings=Settings() if settings is None else settings, wallclock=wallclock)


def desktop_remote() -> RemoteControl | None:
    """MPRIS and notifications on the session bus (Linux; None elsewhere), connecting in the
    background: no bus is one line in the log."""
    from itbtimer.adapters.desktop_bus import connect

    return connect()
