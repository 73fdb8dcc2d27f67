"""Write docs/screenshots/*.png: every screen of the real window, on Xvfb.

Usage: python tools/screenshots.py docs/screenshots
Starts its own Xvfb when there is no DISPLAY. History is seeded with a few
sessions simulated on a fast clock, in a temporary data folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import tkinter as tk
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xvfb import start_xvfb  # noqa: E402  (tools/xvfb.py, beside this script)

from itbtimer.adapters.recent import RecentFiles  # noqa: E402
from itbtimer.adapters.settings import Placement, Settings  # noqa: E402
from itbtimer.adapters.sound import SilentPlayer  # noqa: E402
from itbtimer.app.wiring import bootstrap  # noqa: E402
from itbtimer.core.navigation import Screen  # noqa: E402
from itbtimer.core.plan import StepKind, build_plan  # noqa: E402
from itbtimer.core.session import Session  # noqa: E402
from itbtimer.gui.options import Options  # noqa: E402
from itbtimer.gui.window import Window  # noqa: E402
from itbtimer.history import HistoryStore  # noqa: E402
from itbtimer.history.from_session import build_record  # noqa: E402
from itbtimer.routine_files import load_routine  # noqa: E402
from itbtimer.routine_files.bundled import resolve_routine  # noqa: E402

SIZES = {"": "1366x768", "-small": "640x400"}  # a common laptop, and a small window
# Read from the mat (issue 22): the running screens at three window sizes, each also reduced
# to what a 20/20 eye resolves at 3 m (one pixel per minute of arc). On a 15.6-inch screen
# 1 arcmin at 3 m is 3.5 px at 1366x768 (and in an 800x600 window on it), 4.9 px at 1920x1080.
MAT_SIZES = {"1366x768": 3.5, "1920x1080": 4.9, "800x600": 3.5}


def seed_history(store: HistoryStore, routine_path: Path) -> None:
    """Five weeks of sessions simulated on a fast clock: holds grow, pain falls."""
    plan = build_plan(load_routine(routine_path))
    now = datetime.now().astimezone().replace(hour=18, minute=0, second=0, microsecond=0)
    days = [35, 33, 30, 26, 24, 21, 19, 16, 14, 12, 9, 7, 5, 2, 0]
    for n, ago in enumerate(days):
        session = Session(plan)
        t = 0.0
        session.start(t)
        while not session.over:
            step = session.step
            if step.timed:
                t += (step.seconds or 0)
                session.tick(t)
            else:
                held = 32 + n * 1.5 + (n % 3) * 2
                if step.name == "Side plank":
                    held = 20 + n * 1.2 - (n % 2) * 3
                t += held if step.until else 40
                session.next(t)
        start = now - timedelta(days=ago)
        record = build_record(session, t, start, start + timedelta(seconds=t), str(routine_path),
                              pain=max(1, 7 - n // 2))
        store.append(record)


class _NoAwake:
    window_id: int | None = None

    def hold(self) -> None:
        pass

    def release(self) -> None:
        pass


class Shooter:
    def __init__(self, out: Path, data: Path, seed: bool = True, size: str = "1366x768",
                 suffix: str = "", name: str = "itb-recovery"):
        self.out = out
        self.suffix = suffix
        self.clock_t = 1000.0
        self.root = tk.Tk(className="itbtimer")
        routine = resolve_routine(name)
        self.history = HistoryStore(data)
        if seed:
            seed_history(self.history, routine)
        settings = Settings(data / "config")
        # opened at this size, as a window left so opens (a first start fills the screen)
        width, height = (int(n) for n in size.split("x"))
        settings.save_placement(Placement(width, height, maximised=False))
        self.app = bootstrap(player=SilentPlayer(), history=self.history, awake=_NoAwake(),
                             recent=RecentFiles(data / "recent.json"),
                             real_clock=lambda: self.clock_t, settings=settings)
        self.window = Window(self.root, Options(routine=routine), self.app)
        self.root.geometry(size)
        self.pump()

    def pump(self, seconds: float = 0.4) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.root.update()
            time.sleep(0.02)

    def key(self, keysym: str) -> None:
        self.root.focus_force()
        state = 1 if keysym in ("question", "plus") else 0
        (self.root.focus_get() or self.root).event_generate("<KeyPress>", keysym=keysym,
                                                            state=state, when="now")
        self.pump(0.1)

    def advance(self, seconds: float) -> None:
        """Routine time passes in 0.1 s wake-ups, as it does in the window (one jump would
        look like the computer holding the timer up, and pause it)."""
        end = self.clock_t + seconds
        while self.clock_t < end:
            self.clock_t = min(end, self.clock_t + 0.1)
            if self.window.runner is not None:
                self.window.runner.ticker.stop()
                self.window.runner.ticker.run()
        self.pump(0.3)  # the cue pulse passes

    def go_to(self, predicate) -> None:
        for _ in range(200):
            if predicate(self.window.workout.session.step):
                return
            self.key("Right")
        raise RuntimeError("step not found")

    def shot(self, name: str) -> None:
        self.pump(0.3)
        frame = self.root.wm_frame()
        path = self.out / f"{name}{self.suffix}.png"
        subprocess.run(["import", "-window", frame, str(path)], check=True)
        print(path)


def history_at_scale(out: Path, data: Path, count: int = 20_000) -> None:
    """The History screen over 20,000 sessions (about 55 years), made by make_history.py."""
    from make_history import sessions  # tools/make_history.py, beside this script

    data.mkdir(parents=True)
    source = data / "history.jsonl"
    source.write_text("\n".join(sessions(count)) + "\n", encoding="utf-8")
    HistoryStore(data).import_jsonl(source)
    s = Shooter(out, data, seed=False)
    s.key("h")
    while not s.window.history_view.loaded:
        s.pump(0.05)
    s.shot(f"history-{count}")
    s.key("Left")  # twelve weeks earlier
    s.shot(f"history-{count}-earlier")
    s.key("a")     # the whole history
    s.shot(f"history-{count}-whole")
    s.root.destroy()


def editor_shots(out: Path, data: Path) -> None:
    """The routine editor on a personal copy of itb-recovery, at 1366x768 and 800x600."""
    import os

    os.environ["HOME"] = str(data)  # the copy goes here, not in the person's own folders
    os.environ["XDG_CONFIG_HOME"] = str(data / ".config")
    s = Shooter(out, data / "editor", seed=False)
    s.root.geometry("1366x768")
    s.pump()
    s.key("e")
    editor = s.window.screens.editor

    def key(keysym: str) -> None:  # to the widget with the focus, as typing does
        (s.root.focus_get() or s.root).event_generate("<KeyPress>", keysym=keysym,
                                                      when="now")
        s.pump(0.05)

    def select(name: str) -> None:
        target = [r.name for r in editor.rows].index(name)
        for _ in range(len(editor.rows)):
            if editor.outline.index == target:
                return
            key("Down" if editor.outline.index < target else "Up")
        raise RuntimeError(f"cannot select {name}")

    def tab_to(field: str) -> None:
        for _ in range(12):
            if any(e.widget is s.root.focus_get() and e.field.key == field
                   for e in editor.entries):
                return
            key("Tab")
        raise RuntimeError(f"cannot reach the field {field}")

    select("Plank")
    key("Return")
    tab_to("work")
    for char in "45s":
        key(char)
    key("Tab")
    s.shot("editor")
    key("Escape")
    select("Exercises")
    s.root.geometry("800x600")
    s.pump()
    s.root.focus_force()  # Xvfb has no window manager to give the resized window the focus
    editor.outline.focus()
    s.pump(0.1)
    key("Return")
    tab_to("sets")
    for char in "lots":
        key(char)
    key("Tab")
    s.shot("editor-800x600")


def series(s: Shooter) -> None:
    """Every screen, as a person reaches it."""
    s.shot("start")
    s.key("space")
    s.advance(4.0)
    s.shot("get-ready")
    s.go_to(lambda st: st.name == "Plank" and st.kind == StepKind.WORK)
    s.advance(23.0)
    s.shot("until")
    s.key("Right")
    s.advance(33.0)
    s.shot("rest")
    s.go_to(lambda st: st.name == "Kettlebell squats - goblet" and st.kind == StepKind.WORK)
    s.advance(12.3)
    s.shot("work")
    s.go_to(lambda st: st.kind == StepKind.SWITCH and st.name == "Single leg dips")
    s.advance(1.2)
    s.shot("switch")
    s.key("Right")
    s.advance(14.0)
    s.shot("reps")
    s.key("space")
    s.shot("paused")
    s.key("space")
    while s.window.screen == Screen.RUNNING:
        s.key("Right")
    s.pump(0.3)
    s.key("3")
    s.shot("finished")
    s.key("h")
    s.shot("history")
    s.root.destroy()


def report_shots(out: Path, data: Path) -> None:
    """The report (issue 24) from five weeks of sessions, with mornings after, runs and
    notes, and the routine card, each page as pdftoppm renders it 1366 px wide; and the
    History screen once R has written the report."""
    from itbtimer.core.runs import DistanceUnit
    from itbtimer.history.records import RunRecord

    s = Shooter(out, data)
    store = s.history
    listed = store.listing(newest=100)
    for n, session in enumerate(listed):
        if n % 2 and session.pain is not None:
            store.set_morning(session.id, max(0, session.pain - 2))
    store.set_note(listed[-1].id, "twinge on the lunges, left")
    store.set_note(listed[-6].id, "side plank felt easier")
    last = listed[-1].start
    for n, (km, pain, at) in enumerate(((3.0, 4, 2.0), (4.0, 3, 3.2), (5.0, 2, 4.5),
                                        (5.2, 0, None))):
        store.log_run(RunRecord(f"run-{n}", last - timedelta(days=26 - 8 * n), km * 1000,
                                DistanceUnit.KM, km * 350, pain=pain,
                                pain_from_m=at * 1000 if at else None))
    for name, extra in (("report", []), ("routine-card", ["--routine-card"])):
        pdf = data / f"{name}.pdf"
        subprocess.run([sys.executable, "-m", "itbtimer", "report", "itb-recovery", *extra,
                        "--history", str(data), "--paper", "a4", "-o", str(pdf)], check=True)
        subprocess.run(["pdftoppm", "-png", "-scale-to-x", "1366", "-scale-to-y", "-1",
                        str(pdf), str(out / name)], check=True)
        for page in sorted(out.glob(f"{name}-*.png")):
            print(page)
    home = data / "home"  # the save dialog proposes ~/Documents: a home of the shots' own
    (home / "Documents").mkdir(parents=True)
    os.environ["HOME"] = str(home)
    s.key("h")
    s.window.history_view.ask_report_file = lambda proposed: proposed  # as the dialog offers
    s.key("r")
    while s.window.history_view.reports.busy:
        s.pump(0.1)
    s.shot("history-report")
    s.root.destroy()


def mat_series(s: Shooter, px_per_arcmin: float) -> None:
    """The running screens a person reads from the mat, each with its 3-m reduction."""

    def both(name: str) -> None:
        s.shot(name)
        path = s.out / f"{name}{s.suffix}.png"
        reduced = s.out / f"{name}{s.suffix}-3m.png"
        subprocess.run(["convert", str(path), "-resize", f"{100 / px_per_arcmin:.1f}%",
                        str(reduced)], check=True)
        print(reduced)

    s.key("space")
    s.advance(4.0)
    both("mat-get-ready")
    s.go_to(lambda st: st.name == "Dynamic ITB banana stretch" and st.kind == "work")
    s.advance(6.0)
    both("mat-work")
    s.key("i")  # how to do it, large (issue 22)
    both("mat-how")
    s.key("i")
    s.go_to(lambda st: st.kind == "switch")
    s.advance(1.2)
    both("mat-switch")
    s.go_to(lambda st: st.kind == "rest")
    s.advance(12.0)
    both("mat-rest")
    s.go_to(lambda st: st.name == "Single leg dips" and st.kind == "work")
    s.advance(9.0)
    both("mat-reps")
    s.root.destroy()


def picture_series(s: Shooter, px_per_arcmin: float) -> None:
    """The bundled banana stretch with its animated picture beside the countdown."""
    s.key("space")
    s.go_to(lambda st: st.kind == "work")
    s.advance(2.0)
    s.shot("mat-picture")
    subprocess.run(["convert", str(s.out / f"mat-picture{s.suffix}.png"), "-resize",
                    f"{100 / px_per_arcmin:.1f}%", str(s.out / f"mat-picture{s.suffix}-3m.png")],
                   check=True)
    s.root.destroy()


def window_shots(out: Path, data: Path) -> None:
    """The window's screens at both sizes."""
    for suffix, size in SIZES.items():
        series(Shooter(out, data / f"shots{suffix}", size=size, suffix=suffix))


def mat_shots(out: Path, data: Path) -> None:
    """The running screens at three sizes and from 3 m."""
    for size, px in MAT_SIZES.items():
        mat_series(Shooter(out, data / f"mat{size}", seed=False, size=size,
                           suffix=f"-{size}"), px)
        picture_series(Shooter(out, data / f"pic{size}", seed=False, size=size,
                               suffix=f"-{size}", name="banana-stretch"), px)


# `tools/screenshots.py OUT PART`: that part only; without PART, all of them in this order
PARTS = {"window": window_shots, "mat": mat_shots,
         "scale": lambda out, data: history_at_scale(out, data / "big"),
         "editor": editor_shots, "report": lambda out, data: report_shots(out, data / "report")}


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    only = sys.argv[2] if len(sys.argv) > 2 else ""  # one of PARTS: those shots only
    out.mkdir(parents=True, exist_ok=True)
    if shutil.which("import") is None:
        print("ImageMagick's `import` is needed (apt-get install imagemagick)", file=sys.stderr)
        return 2
    xvfb = start_xvfb()
    data = Path(tempfile.mkdtemp(prefix="itbtimer-shots-"))
    try:
        for name, part in PARTS.items():
            if not only or name == only:
                part(out, data)
    finally:
        shutil.rmtree(data, ignore_errors=True)
        if xvfb is not None:
            xvfb.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
