"""The real window on Xvfb: every screen, every key, resizing, a whole routine."""

from __future__ import annotations

import tkinter as tk

import pytest

from itbtimer.gui.theme import PHASE_COLOURS, PULSE
from tests.fakes import FakeAwake, FakePlayer
from tests.helpers import in_progress_ids
from tests.integration.gui_helpers import SHORT, Harness

pytestmark = pytest.mark.gui


@pytest.fixture
def ui(xdisplay, tmp_path):
    harness = Harness(tmp_path)
    yield harness
    harness.close()
    assert len(harness.errors) == getattr(harness, "errors_expected", 0), harness.errors


def running(ui):
    return ui.window.runner.screen


def test_start_screen_shows_the_routine_and_its_length(ui):
    texts = [w.cget("text") for w in ui.window.start.body.winfo_children()
             if w.winfo_class() == "Label"]
    assert texts[0] == "Short"
    assert ("Total 0:00:45 of timed steps, plus 2 untimed (reps or holds until done) · 10 steps"
            in texts), texts
    assert any(t == "This week: 0 of 3" for t in texts), texts
    assert ui.window.screen == "start"


def test_routine_with_mistakes_shows_them_instead_of_a_traceback(xdisplay, tmp_path):
    harness = Harness(tmp_path, SHORT.replace("work: 6s", "work: six seconds"))
    try:
        assert harness.window.plan is None
        assert "is not a duration" in harness.window.start.error_text
        assert "short.yaml:10:" in harness.window.start.error_text
        harness.key("space")  # nothing to start: nothing happens, no error
        assert harness.window.screen == "start"
    finally:
        harness.close()
    assert harness.errors == []


def test_space_starts_then_pauses_and_resumes(ui):
    ui.key("space")
    assert ui.window.screen == "running"
    assert running(ui).title.cget("text") == "Squat"  # what comes, as the headline
    assert running(ui).target.cget("text").startswith("Get ready")
    ui.advance(1.0)
    ui.key("space")
    assert running(ui).status.cget("text").startswith("PAUSED")
    assert running(ui).frame.cget("bg") == PHASE_COLOURS["paused"]
    assert running(ui).clock.cget("fg") == "#9a9a9a"  # dimmed
    clock_before = running(ui).clock.cget("text")
    ui.advance(5.0)
    assert running(ui).clock.cget("text") == clock_before  # frozen
    ui.key("space")
    assert running(ui).status.cget("text") == ""


def test_right_skips_and_left_goes_back(ui):
    ui.key("space")
    ui.key("Right")
    ui.settle()
    assert running(ui).title.cget("text") == "Squat"
    assert running(ui).cue.cget("text") == "Knees out"
    assert running(ui).frame.cget("bg") == PHASE_COLOURS["work"]
    ui.key("Right")
    ui.settle()
    assert running(ui).title.cget("text") == "Lunge"  # the rest heads with what comes
    assert running(ui).side.cget("text") == "◀ LEFT"
    assert running(ui).target.cget("text").startswith("Rest 5–8 s")
    assert running(ui).frame.cget("bg") == PHASE_COLOURS["rest"]
    ui.key("Left")
    assert running(ui).title.cget("text") == "Squat"


def test_return_is_done_on_a_reps_step(ui):
    ui.key("space")
    while ui.window.workout.session.step.name != "Dips":
        ui.key("Return")
    assert running(ui).clock.cget("text") == "0:00"
    assert running(ui).target.cget("text") == "8–12 reps"
    assert running(ui).buttons["next"].cget("text") == "Done ▶"
    ui.advance(12.0)
    assert running(ui).clock.cget("text") == "0:12"  # counts up
    ui.key("Return")
    assert ui.window.screen == "finished"


def test_one_sided_move_shows_the_side(ui):
    ui.key("space")
    for _ in range(3):
        ui.key("Right")
    assert (running(ui).title.cget("text"), running(ui).side.cget("text")) == ("Lunge", "◀ LEFT")
    ui.advance(5.0)
    ui.settle()
    assert running(ui).frame.cget("bg") == PHASE_COLOURS["switch"]
    ui.advance(2.0)
    assert running(ui).side.cget("text") == "RIGHT ▶"


def test_restart_extend_mute_fullscreen_keys(ui):
    ui.key("space")
    ui.key("Right")
    ui.advance(2.0)
    ui.key("r")
    assert running(ui).clock.cget("text") == "0:06"
    ui.key("plus")
    assert running(ui).clock.cget("text") == "0:16"
    ui.key("m")
    assert ui.player.muted and running(ui).buttons["mute"].cget("text") == "Unmute"
    ui.key("M")
    assert not ui.player.muted
    ui.key("f")
    ui.root.update()
    # Xvfb has no window manager to honour the request; the window asked for it:
    assert ui.window.everywhere.fullscreen
    ui.key("Escape")
    assert not ui.window.everywhere.fullscreen


def test_buttons_do_what_the_keys_do(ui):
    ui.key("space")
    running(ui).buttons["next"].invoke()
    assert ui.window.workout.session.step.name == "Squat"
    running(ui).buttons["pause"].invoke()
    assert ui.window.workout.session.state == "paused"
    running(ui).buttons["pause"].invoke()
    running(ui).buttons["extend"].invoke()
    assert ui.window.workout.session.view(ui.clock.t).added_seconds == 10
    ui.advance(4.0)
    running(ui).buttons["back"].invoke()  # more than 3 s into the squat: from its start
    assert ui.window.workout.session.step.name == "Squat"
    assert running(ui).clock.cget("text") == "0:06"
    running(ui).buttons["next"].invoke()
    running(ui).buttons["back"].invoke()  # from the rest: back to the squat
    assert (ui.window.workout.session.step.name, running(ui).title.cget("text")) == (
        "Squat", "Squat")
    running(ui).buttons["mute"].invoke()
    assert ui.player.muted


def test_cues_reach_the_player_and_pulse_the_border_not_the_screen(ui):
    ui.key("space")
    ui.advance(3.0)  # get ready (3 s, too short for a countdown) ends: go
    assert ui.player.played == ["go"]
    ui.advance(6.0)  # the squat: 3, 2, 1, then the rest sound
    assert ui.player.played == ["go", "countdown", "countdown", "countdown", "rest"]
    frame = running(ui).frame
    assert frame.cget("highlightbackground") == PULSE  # the pulse
    assert running(ui).painted.colour == PHASE_COLOURS["rest"]  # the text stays as it was
    assert int(frame.cget("highlightthickness")) >= 4
    ui.settle()
    assert frame.cget("highlightbackground") == PHASE_COLOURS["rest"]


def test_no_flash_means_no_pulse(xdisplay, tmp_path):
    harness = Harness(tmp_path, flash=False)
    try:
        harness.key("space")
        harness.advance(3.0)
        assert harness.player.played == ["go"]
        frame = harness.window.runner.screen.frame
        assert frame.cget("highlightbackground") == PHASE_COLOURS["work"]
    finally:
        harness.close()


def test_flexible_rest_says_go_when_ready(ui):
    ui.key("space")
    ui.advance(3.0 + 6.0 + 5.1)
    assert running(ui).status.cget("text") == "Go when ready (→)"
    assert (running(ui).title.cget("text"), running(ui).side.cget("text")) == ("Lunge", "◀ LEFT")
    assert running(ui).next_up.cget("text") == "Then: switch sides 2 s, then Lunge — right side"


def test_keys_work_whatever_widget_has_focus(ui):
    ui.key("space")
    running(ui).buttons["mute"].focus_force()
    ui.root.update()
    ui.key("Right")
    assert ui.window.workout.session.step.name == "Squat"


def test_help_overlay_opens_and_closes(ui):
    ui.key("question")
    shown = ui.window.everywhere.help.label
    assert shown is not None and "Space" in shown.cget("text")
    ui.key("Escape")
    assert ui.window.everywhere.help.label is None


def test_whole_routine_with_pause_skip_back_extend_done(ui):
    ui.key("space")
    ui.advance(3.0)           # get ready runs out
    ui.advance(2.0)
    ui.key("space")           # pause in the squat
    ui.advance(10.0)
    ui.key("space")           # resume
    ui.key("plus")            # +10 s on the squat
    ui.advance(14.0)          # squat ends (6 + 10 s)
    ui.key("Right")           # leave the flexible rest before its minimum: a skip
    ui.advance(1.0)
    ui.key("Left")            # back within 3 s: to the squat
    ui.key("Right")           # skip the squat
    ui.key("Right")           # skip the rest
    ui.advance(5.0 + 2.0 + 5.0)  # lunge left, switch, right
    ui.advance(8.0)           # rest runs out at its maximum
    ui.advance(7.0)
    ui.key("Return")          # plank held 7 s: Done
    ui.advance(6.0)
    ui.key("Right")           # go from the rest (past its 5 s minimum)
    ui.advance(4.0)
    ui.key("Return")          # dips done
    assert ui.window.screen == "finished"
    events = ui.events()
    kinds = [e["event"] for e in events]
    for name in ("session_started", "step_started", "cue", "paused", "resumed", "skipped",
                 "back", "extended", "step_done", "finished"):
        assert name in kinds, name
    assert [e["t"] for e in events] == sorted(e["t"] for e in events)
    plank = [e for e in events if e["event"] == "step_done"
             and ui.window.plan.steps[e["index"]].name == "Plank"]
    assert plank[-1]["active_seconds"] == pytest.approx(7.0, abs=0.06)
    paused = next(e for e in events if e["event"] == "paused")
    resumed = next(e for e in events if e["event"] == "resumed")
    assert resumed["t"] - paused["t"] == pytest.approx(10.0, abs=0.06)
    finish = [e for e in events if e["event"] == "cue" and e["sound"] == "finish"]
    assert len(finish) == 1


def test_finished_screen_records_the_pain_score(ui):
    ui.key("space")
    while ui.window.screen == "running":
        ui.key("Return")
    assert ui.window.screen == "finished"
    ui.key("1")
    ui.key("0")
    assert ui.window.finished.pain.score == 10
    ui.key("Return")  # kept, and the note offered
    assert ui.window.screen == "finished"
    ui.key("Return")
    assert ui.window.screen == "start"
    records, _ = ui.history.load()
    assert len(records) == 1 and records[0]["pain"] == 10 and records[0]["completed"]


def test_escape_skips_the_pain_score_and_saves_once(ui):
    ui.key("space")
    ui.key("s")  # stop early
    assert ui.window.screen == "finished"
    ui.key("Escape")
    ui.key("space")
    records, _ = ui.history.load()
    assert len(records) == 1 and records[0]["pain"] is None and not records[0]["completed"]


def test_closing_mid_session_keeps_the_partial_session(xdisplay, tmp_path):
    ui = Harness(tmp_path)
    ui.key("space")
    ui.key("Right")
    ui.advance(4.0)
    ui.key("q", state=0x4)  # Ctrl+Q
    records, _ = ui.history.load()
    assert len(records) == 1 and not records[0]["completed"]
    assert records[0]["steps"][0]["active_seconds"] == pytest.approx(4.0, abs=0.06)
    assert ui.events()[-1]["event"] == "quit"
    ui.close()


def test_history_view_draws_charts(ui):
    ui.key("space")
    while ui.window.screen == "running":
        ui.advance(5.0)  # a hold of 5 s (one under 3 s is skipped, not a hold)
        ui.key("Return")
    ui.key("4")
    ui.key("h")
    assert ui.window.screen == "history"
    while not ui.window.history_view.loaded:  # loaded on a background thread
        ui.root.update()
    items = ui.window.history_view.canvas.find_all()
    assert len(items) > 20
    texts = [ui.window.history_view.canvas.itemcget(i, "text") for i in items
             if ui.window.history_view.canvas.type(i) == "text"]
    assert any(t.startswith("Sessions per week") for t in texts)
    assert "target 3 a week" in texts  # the legend, above the plot
    assert any(t.startswith("Plank: best 0:05, last 0:05") for t in texts), texts
    ui.key("Escape")
    assert ui.window.screen == "finished"


def _rows(frame):
    rows = [w for w in frame.grid_slaves() if w.winfo_ismapped()]
    return sorted(rows, key=lambda w: int(w.grid_info()["row"]))


@pytest.mark.parametrize("size", [(640, 400), (1366, 768), (1920, 1080)])
def test_layout_fits_and_the_countdown_is_the_biggest_thing(ui, size):
    ui.root.geometry(f"{size[0]}x{size[1]}")
    ui.key("space")
    ui.key("Right")
    ui.root.update()
    ui.root.update_idletasks()
    assert ui.window.workout.session.step.name == "Squat"  # with its cue row filled
    height = ui.root.winfo_height()
    assert (ui.root.winfo_width(), height) == size
    r = running(ui)
    rows = _rows(r.frame)
    for upper, lower in zip(rows, rows[1:], strict=False):
        assert upper.winfo_y() + upper.winfo_height() <= lower.winfo_y() + 1, (upper, lower)
    last = rows[-1]
    assert last.winfo_y() + last.winfo_height() <= height
    assert r.clock.winfo_height() >= 0.22 * height
    others = [w for w in (r.title, r.side, r.status, r.cue, r.next_up)]
    assert all(r.clock.winfo_height() > w.winfo_height() for w in others)
    assert r.clock.winfo_reqheight() <= r.clock.winfo_height() + 2  # not cut
    for name, widget in r.buttons.items():
        assert widget.winfo_height() >= 0.05 * height, name  # hit with a knuckle


def _pixels(widget) -> int:
    return -int(widget.tk.call("font", "configure", widget.cget("font"), "-size"))


def test_the_size_floors_hold_at_1366_by_768(ui):
    """Readable from three metres: the sizes asked for in issues 14 and 22, on a real window
    (cap heights are measured in test_readable.py)."""
    ui.root.geometry("1366x768")
    ui.key("space")
    ui.key("Right")  # the squat: a name, a cue, what comes next
    ui.root.update()
    r = running(ui)
    assert _pixels(r.title) >= 58
    assert _pixels(r.cue) >= 39
    assert _pixels(r.next_up) >= 39
    assert all(_pixels(w) >= 22 for w in (r.section, r.position, r.time_left))
    for _ in range(2):
        ui.key("Right")  # the lunge: a side
    assert r.side.cget("text") == "◀ LEFT" and _pixels(r.side) >= 58  # as large as the name
    assert _pixels(r.target) >= 39  # the set line, drawn at its floor


def test_countdown_font_grows_with_the_window(ui):
    ui.key("space")
    sizes = []
    for geometry in ("640x400", "1920x1080"):
        ui.root.geometry(geometry)
        ui.root.update()
        sizes.append(-int(ui.root.tk.call("font", "configure", running(ui).clock.cget("font"),
                                          "-size")))
    assert sizes[1] > sizes[0] * 2


def test_no_display_is_one_clear_line_and_exit_2(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "itbtimer"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "itbtimer: no display found: itbtimer needs a desktop session; "
        "`itbtimer plan` prints the routine"]


def test_unreadable_events_file_is_an_input_error(xdisplay, tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "itbtimer", "--events",
                             str(tmp_path / "no" / "such" / "dir.jsonl")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "cannot write the events log" in result.stderr


def test_a_new_workout_while_a_cue_flash_is_pending(ui):
    """Found by the soak: the old screen's flash must not touch destroyed widgets."""
    ui.key("space")
    ui.key("Right")          # the go cue flashes
    ui.key("s")              # stop at once, flash still pending
    ui.key("Escape")
    ui.key("space")          # back to start
    ui.key("space")          # a new workout: the old running screen is destroyed
    ui.settle()
    assert ui.window.screen == "running"


def test_a_crashed_session_is_recorded_at_the_next_start(xdisplay, tmp_path):
    from itbtimer.history import HistoryStore

    crashed = HistoryStore(tmp_path / "data")
    crashed.save_in_progress(
        {"id": "crashed", "start": "2026-11-20T18:05:00+01:00", "routine": "Short",
         "steps": []})
    crashed.close()  # its window is gone
    ui = Harness(tmp_path)
    try:
        assert ui.window.start.notice.cget("text") == (
            "Recorded the session interrupted on Fri 20 Nov 18:05")
        assert [r["id"] for r in ui.history.load()[0]] == ["crashed"]
    finally:
        ui.close()


def test_a_long_name_on_a_one_sided_move_keeps_the_side_on_screen(xdisplay, tmp_path):
    text = SHORT.replace("{name: Lunge, work: 5s, sides: both}",
                         "{name: Kettlebell squats - opposite foot touch, work: 5s, sides: both}")
    ui = Harness(tmp_path, text)
    try:
        ui.root.geometry("800x480")
        ui.key("space")
        for _ in range(3):
            ui.key("Right")
        ui.root.update()
        r = ui.window.runner.screen
        step = ui.window.workout.session.step
        assert (step.name, step.side) == ("Kettlebell squats - opposite foot touch", "left")
        assert r.side.cget("text") == "◀ LEFT"
        side_right = r.side.winfo_rootx() + r.side.winfo_width()
        assert side_right <= ui.root.winfo_rootx() + ui.root.winfo_width()
        assert r.title.winfo_rootx() + r.title.winfo_reqwidth() <= r.side.winfo_rootx()
    finally:
        ui.close()
    assert ui.errors == []


def test_a_pain_score_can_be_corrected_before_it_is_saved_once(ui):
    ui.key("space")
    ui.key("s")
    assert ui.window.screen == "finished"
    assert len(in_progress_ids(ui.history)) == 1  # on disk while the score is asked
    ui.window.finished.pain_buttons[3].invoke()
    ui.window.finished.pain_buttons[2].invoke()  # a slip, corrected
    assert ui.window.finished.pain_state.cget("text") == "Knee pain 2/10 — Enter to save"
    assert ui.history.load()[0] == []
    ui.key("Return")
    records, _ = ui.history.load()
    assert [r["pain"] for r in records] == [2] and in_progress_ids(ui.history) == []


def test_the_timeline_is_drawn_once_not_per_step(ui):
    ui.key("space")
    ui.root.update()
    drawn = running(ui).timeline.draws
    assert drawn >= 1
    for _ in range(5):
        ui.key("Right")
        ui.advance(1.0)
    assert running(ui).timeline.draws == drawn  # only the marker moved


def test_a_bug_in_a_callback_is_a_notice_and_a_log_entry_not_a_traceback(ui, capfd):
    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    ui.root.after(0, broken)
    ui.root.update()
    ui.root.update()
    notice = ui.window.start.notice.cget("text")
    assert notice.startswith("Something went wrong (ZeroDivisionError: division by zero)")
    assert "Traceback" not in capfd.readouterr().err
    assert len(ui.errors) == 1 and "ZeroDivisionError" in ui.errors[0]
    ui.errors_expected = 1


def test_the_screen_is_kept_awake_while_running_and_not_while_paused_or_after(ui):
    ui.key("space")
    assert ui.awake.active
    ui.key("space")
    assert not ui.awake.active
    ui.key("space")
    assert ui.awake.active
    ui.key("s")
    assert ui.window.screen == "finished" and not ui.awake.active


def test_quitting_mid_session_leaves_nothing_queued_for_tcl(xdisplay, tmp_path, capfd):
    """Tk's own timers here: Stop queued the finished screen; quitting must cancel it."""
    import tkinter as tk

    from itbtimer.app.wiring import bootstrap
    from itbtimer.gui.options import Options
    from itbtimer.gui.window import Window
    from itbtimer.history import HistoryStore

    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    root = tk.Tk(className="itbtimer")
    app = bootstrap(player=FakePlayer(), history=HistoryStore(tmp_path / "data"),
                    awake=FakeAwake(), recent=None)
    window = Window(root, Options(routine=routine, autostart=True), app)
    root.update()
    window.quit()
    root.tk.call("update")  # what Tcl still had queued runs now
    err = capfd.readouterr().err
    assert "invalid command name" not in err and "Traceback" not in err, err
    assert len(app.history.load()[0]) == 1


def test_history_screen_deletes_and_scores_the_selected_session_after_asking(ui):
    ui.key("space")
    ui.key("s")
    ui.key("Return")  # saved without a score
    ui.key("h")
    view = ui.window.history_view
    while not view.loaded:
        ui.root.update()
    assert view.listbox.size() == 1
    asked = []
    view.ask_pain = lambda text: asked.append(text) or 4
    ui.key("p")
    while not view.loaded:
        ui.root.update()
    assert asked and [r["pain"] for r in ui.history.load()[0]] == [4]
    assert "pain 4" in view.listbox.get(0)
    view.confirm = lambda title, text: asked.append(text) and False  # the person says no
    ui.key("Delete")
    assert len(ui.history.load()[0]) == 1 and "--undelete" in asked[-1]
    view.confirm = lambda title, text: True
    ui.key("Delete")
    while not view.loaded:
        ui.root.update()
    assert ui.history.load()[0] == [] and view.listbox.size() == 0


def test_the_unsaved_session_dialog_returns_the_button_pressed(ui):
    import tkinter as tk

    from itbtimer.gui.dialogs import UnsavedDialog

    dialog = UnsavedDialog(ui.root)

    def press(label: str) -> None:
        (top,) = [w for w in ui.root.winfo_children() if isinstance(w, tk.Toplevel)]
        (row,) = [w for w in top.winfo_children() if isinstance(w, tk.Frame)]
        (button,) = [b for b in row.winfo_children() if b.cget("text") == label]
        button.invoke()

    ui.root.after(50, press, "Retry")
    assert dialog.ask("1 session could not be saved.") == "retry"
    ui.root.after(50, press, "Quit without saving")
    assert dialog.ask("1 session could not be saved.") == "quit"


def test_first_start_is_maximised_and_the_next_start_is_as_it_was_left(xdisplay, tmp_path):
    from itbtimer.adapters.settings import Placement, Settings

    settings = Settings()  # the test's own config folder (conftest)
    first = Harness(tmp_path)
    try:
        assert bool(first.root.attributes("-zoomed"))  # asked of the window manager
    finally:
        first.close()
    assert settings.placement().maximised
    settings.save_placement(Placement(1000, 700, maximised=False, fullscreen=True))
    second = Harness(tmp_path)
    try:
        assert not bool(second.root.attributes("-zoomed"))
        assert second.window.everywhere.fullscreen and bool(second.root.attributes("-fullscreen"))
        second.key("F11")  # leave full screen: the remembered size is back
        second.root.update()
        assert (second.root.winfo_width(), second.root.winfo_height()) == (1000, 700)
    finally:
        second.close()
    assert settings.placement() == Placement(1000, 700, maximised=False, fullscreen=False)


def test_escape_in_historys_pain_box_closes_the_box_and_stays_in_history(ui):
    ui.key("space")
    while ui.window.screen == "running":
        ui.key("Return")
    ui.key("Escape")  # no score now
    ui.key("space")
    assert ui.window.screen == "start"
    ui.key("h")
    assert ui.window.screen == "history"
    view = ui.window.screens.history
    ui.timers.run_due()
    while not view.loaded:  # the figures come from a background thread
        ui.root.update()
        ui.timers.run_due()
    boxes = []

    def escape_in_the_box():
        field = ui.root.focus_get()  # the box's entry has the focus
        box = field.winfo_toplevel()
        boxes.append(box.title() if isinstance(box, tk.Toplevel) else None)
        field.event_generate("<KeyPress>", keysym="Escape", when="now")

    ui.root.after(300, escape_in_the_box)  # the box is modal: the key comes from inside it
    ui.key("p")
    assert boxes == ["Pain score"]
    assert ui.window.screen == "history"
    records, _ = ui.history.load()
    assert records[0]["pain"] is None
