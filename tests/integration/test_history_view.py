"""The History screen alone on a real Tk root, its timers on a fake clock."""

from __future__ import annotations

import tkinter as tk
from datetime import date, datetime, timedelta, timezone

import pytest

from itbtimer.adapters.logs import log_path
from itbtimer.core.session import Session
from itbtimer.gui.history_view import HistoryView
from itbtimer.gui.widgets import Fonts
from itbtimer.history import HistoryError, Progress
from itbtimer.history.from_session import build_record
from tests.fakes import FakeClock, FakeTimers, MemoryHistory
from tests.helpers import plan_of

pytestmark = pytest.mark.gui


class BrokenHistory(MemoryHistory):
    """A store whose reading fails: `error` is raised from `progress`."""

    def __init__(self, error: Exception):
        super().__init__()
        self.error = error

    def progress(self, today: date, routine: str | None = None, per_week: int | None = None,
                 weeks: int = 12, series: bool = False) -> Progress:
        raise self.error


@pytest.fixture
def screen(xdisplay):
    root = tk.Tk(className="itbtimer")
    root.geometry("1000x600+0+0")
    fonts = Fonts(root)
    fonts.fit(600)
    clock = FakeClock(0.0)
    timers = FakeTimers(clock)
    view = HistoryView(root, fonts, lambda: None, timers)
    view.frame.pack(fill="both", expand=True)
    root.update()
    yield view, timers
    root.destroy()


def load(view: HistoryView, timers: FakeTimers, store: MemoryHistory) -> None:
    view.show(store, "Knee", 3)
    assert view.worker is not None
    view.worker.join(5)
    timers.advance(1.0)


@pytest.mark.parametrize("error", [ValueError("bad row"), KeyError("steps")])
def test_a_bug_while_loading_is_said_logged_and_the_polling_stops(screen, error):
    view, timers = screen
    load(view, timers, BrokenHistory(error))
    assert view.loaded and view.error is not None
    assert view.error.startswith("History not read because of a bug; details in")
    assert type(error).__name__ in log_path().read_text()
    assert timers.pending == {}  # no poll every 15 ms for ever
    texts = [view.canvas.itemcget(i, "text") for i in view.canvas.find_all()
             if view.canvas.type(i) == "text"]
    assert view.error in texts and "Loading…" not in texts


def test_a_history_error_is_said_as_it_is(screen):
    view, timers = screen
    load(view, timers, BrokenHistory(HistoryError("the disk is gone")))
    assert view.loaded and view.error == "History not read: the disk is gone"
    assert timers.pending == {}


def test_a_good_load_stops_polling(screen):
    view, timers = screen
    load(view, timers, MemoryHistory())
    assert view.loaded and view.error is None and timers.pending == {}


def scored(ask: str | None, day: int):
    plan = plan_of("name: Knee\n" + (f"ask: {ask}\n" if ask else "")
                   + "sections:\n  - name: A\n    exercises:\n      - {name: Plank, work: 5s}\n")
    session = Session(plan)
    session.start(0.0)
    session.tick(100.0)
    start = datetime(2026, 11, day, 18, tzinfo=timezone.utc)
    return build_record(session, 100.0, start, start + timedelta(seconds=100), pain=3)


@pytest.mark.parametrize(("ask", "label"), [("hip pain", "Hip pain"), (None, "Pain")])
def test_the_pain_question_is_the_sessions_own(screen, ask, label):
    view, timers = screen
    store = MemoryHistory([scored(ask, 23)])
    load(view, timers, store)
    asked: list[str] = []
    view.ask_pain = lambda text: asked.append(text) or None
    view.pain_selected()
    assert asked[0].startswith(f"{label} after the session of Mon 23 Nov 2026")
