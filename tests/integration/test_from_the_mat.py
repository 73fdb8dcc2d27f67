"""Read from the mat: on every running screen at 1366x768, each text's capital letters are
measured as drawn (a capital H in the label's own font, grabbed from the X server and trimmed
to its ink) against the floors of issue 22, in minutes of arc at three metres from a 15.6-inch
screen (3.5 px each): the name and the side 12, the cues, what comes next and the set line 8,
anything else needed mid-exercise 6. The notice line and the buttons are for a hand at the
laptop, not for the mat, and are not held to these.
"""

from __future__ import annotations

import shutil
import subprocess
import tkinter as tk

import pytest

from itbtimer.gui.theme import PX_PER_ARCMIN
from itbtimer.routine_files.bundled import resolve_routine
from tests.integration.gui_helpers import Harness

pytestmark = pytest.mark.gui

FLOORS = {"title": 12, "side": 12, "target": 8, "cue": 8, "routine_cue": 8, "next": 8,
          "status": 6, "section": 6, "position": 6, "time_left": 6, "how": 6}  # arcmin


class CapHeights:
    """The drawn height of a capital H in a font, in pixels, one grab per font size."""

    def __init__(self, root: tk.Misc):
        self.root = root
        self.known: dict[tuple, int] = {}
        root.update()  # mapped now, so it cannot be drawn over a probe later

    def __call__(self, font: str) -> int:
        actual = self.root.tk.call("font", "actual", font)
        key = tuple(str(x) for x in self.root.tk.splitlist(actual))
        if key not in self.known:
            self.known[key] = self._draw(font)
        return self.known[key]

    def _draw(self, font: str) -> int:
        top = tk.Toplevel(self.root, bg="#ffffff")
        top.overrideredirect(True)
        top.geometry("+0+0")
        probe = tk.Label(top, text="H", font=font, fg="#000000", bg="#ffffff", padx=20, pady=20)
        probe.pack()
        probe.wait_visibility()  # drawn on the X server before it is grabbed
        top.lift()
        top.update()
        grab = subprocess.run(["import", "-window", str(probe.winfo_id()), "png:-"],
                              capture_output=True, check=True, timeout=30).stdout
        size = subprocess.run(["convert", "png:-", "-trim", "-format", "%h", "info:"],
                              input=grab, capture_output=True, check=True, timeout=30).stdout
        top.destroy()
        return int(size)


def texts(screen) -> dict[str, tk.Label]:
    """The running screen's texts by their role, those showing words only."""
    found = {name: f.widget for name, f in screen.fit.items()}
    found |= {"position": screen.position, "time_left": screen.time_left}
    return {name: w for name, w in found.items()
            if name in FLOORS and w.winfo_ismapped() and str(w.cget("text")).strip()}


def screens(ui: Harness):
    """Every kind of running screen of the bundled routine, as a person reaches it."""
    ui.key("space")
    yield "get ready"
    ui.key("Right")
    yield "work with a cue"
    while ui.window.workout.view().step.kind != "switch":
        ui.key("Right")
    yield "switch"
    ui.advance(1.0)
    ui.key("space")
    yield "paused"
    ui.key("space")
    while ui.window.workout.view().step.name != "Plank":
        ui.key("Right")
    yield "until shaking"
    ui.key("Right")
    yield "rest"
    while ui.window.workout.view().step.name != "Single leg dips":
        ui.key("Right")
    yield "reps, one side"


@pytest.mark.skipif(shutil.which("import") is None, reason="ImageMagick is needed")
def test_every_text_on_every_running_screen_is_readable_from_three_metres(xdisplay, tmp_path):
    ui = Harness(tmp_path, resolve_routine("itb-recovery").read_text(encoding="utf-8"))
    try:
        ui.root.geometry("1366x768")
        ui.root.update()
        caps = CapHeights(ui.root)
        too_small, seen = [], set()
        for screen in screens(ui):
            ui.settle()
            ui.root.update_idletasks()
            for name, widget in texts(ui.window.runner.screen).items():
                seen.add(name)
                arcmin = caps(str(widget.cget("font"))) / PX_PER_ARCMIN
                if arcmin < FLOORS[name]:
                    too_small.append(f"{screen}: {name} {widget.cget('text')!r} "
                                     f"{arcmin:.1f} arcmin, needs {FLOORS[name]}")
        assert too_small == []
        assert seen >= {"title", "side", "target", "cue", "routine_cue", "next", "status", "how"}
    finally:
        ui.close()
    assert ui.errors == []


def test_a_capital_is_measured_as_drawn(xdisplay):
    root = tk.Tk()
    try:
        assert 70 <= CapHeights(root)("-family {DejaVu Sans} -size -100") <= 76  # 0.73 em
    finally:
        root.destroy()


@pytest.mark.skipif(shutil.which("import") is None, reason="ImageMagick is needed")
def test_a_picture_beside_the_countdown_takes_no_text_below_its_floor(xdisplay, tmp_path):
    """The bundled banana stretch with its animated GIF: on its get-ready, work, switch and
    rest screens the picture shows beside the countdown, and every text still measures up."""
    from itbtimer.routine_files.bundled import routines_dir

    shutil.copy(routines_dir() / "banana-stretch.gif", tmp_path / "banana-stretch.gif")
    ui = Harness(tmp_path, (routines_dir() / "banana-stretch.yaml").read_text(encoding="utf-8"))
    try:
        ui.root.geometry("1366x768")
        ui.root.update()
        caps = CapHeights(ui.root)
        too_small, kinds = [], set()
        ui.key("space")
        for _ in range(5):  # get ready, left, switch, right, rest
            ui.settle()
            ui.root.update_idletasks()
            screen = ui.window.runner.screen
            kind = ui.window.workout.view().step.kind
            kinds.add(kind)
            assert screen.picture.label.winfo_ismapped(), kind
            for name, widget in texts(screen).items():
                arcmin = caps(str(widget.cget("font"))) / PX_PER_ARCMIN
                if arcmin < FLOORS[name]:
                    too_small.append(f"{kind}: {name} {arcmin:.1f} arcmin")
            ui.key("Right")
        assert too_small == []
        assert kinds == {"get_ready", "work", "switch", "rest"}
    finally:
        ui.close()
    assert ui.errors == []
