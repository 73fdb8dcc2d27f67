"""The running window after a stall (fake clock and timers): paused where it was, and why."""

from __future__ import annotations


def test_a_stall_shows_paused_with_why_and_space_goes_on_from_there(ui):
    ui.key("space")
    ui.advance(4.0)  # get ready (3 s), then 1 s into the 6 s squat
    screen = ui.window.runner.screen
    assert screen.clock.cget("text") == "0:05"
    ui.clock.t += 20.0  # the process was stopped: no timer ran for 20 s ...
    ui.timers.run_due()  # ... and then the overdue wake-up comes
    ui.root.update()
    assert ui.window.workout.state == "paused"
    assert screen.status.cget("text") == (
        "Paused: the timer was held up for 20 s — Space to resume")
    assert screen.clock.cget("text") == "0:05"  # where it was, not 20 s on
    assert ui.player.played == ["go"]  # nothing from the gap
    ui.key("space")
    assert screen.status.cget("text") == ""
    ui.advance(5.0)
    assert ui.player.played == ["go", "countdown", "countdown", "countdown", "rest"]
