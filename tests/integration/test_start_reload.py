"""The start screen lists your own routines and reads the routine again when you save it."""

from __future__ import annotations

import os
import tkinter as tk

from itbtimer.gui.window import Screen
from itbtimer.routine_files.bundled import personal_routines_dir
from tests.integration.gui_helpers import SHORT, Harness


def save(ui, text: str) -> None:
    """Write the file as an editor would; its time stamp moves on as a real save's does."""
    ui.routine.write_text(text)
    stat = ui.routine.stat()
    os.utime(ui.routine, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def texts(ui) -> list[str]:
    return [w.cget("text") for w in ui.window.start.body.winfo_children()
            if isinstance(w, tk.Label)]


def test_a_saved_change_shows_within_a_second(ui):
    assert ui.window.plan.routine.name == "Short"
    save(ui, SHORT.replace("name: Short", "name: Short and sweet"))
    ui.advance(0.5)
    assert ui.window.plan.routine.name == "Short"  # not yet: checked once a second
    ui.advance(0.6)
    assert ui.window.plan.routine.name == "Short and sweet"
    assert "Short and sweet" in texts(ui)


def test_a_broken_save_shows_its_mistakes_and_the_old_version_is_not_used(ui):
    save(ui, SHORT + "      - name: 'Bridge\n")
    ui.advance(1.0)
    assert ui.window.plan is None
    assert "the quote ' on line 14 is never closed" in ui.window.start.error_text
    assert ui.window.start.error_text.endswith("\n          - name: 'Bridge\n"
                                               "                  ^")
    ui.key("space")  # nothing to start: the last good version is not used silently
    assert ui.window.screen == Screen.START
    save(ui, SHORT + "      - name: 'Bridge'\n")
    ui.advance(1.0)
    assert ui.window.plan is not None
    assert [e.name for e in ui.window.plan.routine.sections[0].exercises][-1] == "Bridge"


def test_no_reload_while_a_workout_runs(ui):
    ui.key("space")
    assert ui.window.screen == Screen.RUNNING
    save(ui, SHORT.replace("name: Short", "name: Changed"))
    ui.advance(3.0)
    assert ui.window.plan.routine.name == "Short"
    assert ui.window.runner is not None and ui.window.screen == Screen.RUNNING


def test_the_chooser_lists_your_routines(xdisplay, tmp_path):
    personal_routines_dir(create=True)
    (personal_routines_dir() / "knee-physio.yaml").write_text(
        SHORT.replace("name: Short", "name: Knee physio"))
    harness = Harness(tmp_path)
    try:
        rows = harness.window.start.chooser.pack_slaves()  # as shown: row by row
        titles = [b.cget("text") for row in rows for b in row.pack_slaves()]
        assert titles[0] == "knee-physio (yours)"
        assert "itb-recovery" in titles
    finally:
        harness.close()
    assert harness.errors == []


def test_the_total_counts_the_estimates_when_the_routine_gives_them(ui):
    save(ui, SHORT.replace("{name: Plank, until: shaking}",
                           "{name: Plank, until: shaking, expect: 40s}"))
    ui.advance(1.0)
    total = next(t for t in texts(ui) if t.startswith("Total "))
    assert " ".join(total.split()) == (  # wrapped to fit the window
        "Total 0:00:45 of timed steps, about 0:01:25 with the reps and holds, "
        "plus 1 untimed without an estimate · 10 steps")
