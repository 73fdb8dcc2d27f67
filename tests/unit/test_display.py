"""The presenter: what the running screen says, decided without a screen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from itbtimer.core.session import Session
from itbtimer.history.records import SessionRecord, StepResult
from itbtimer.present.display import (
    PainQuestion,
    countdown_text,
    interrupted_notice,
    mute_label,
    notice_line,
    show,
    summary_lines,
    timeline_fraction,
)
from tests.helpers import plan_of

START = datetime(2026, 11, 20, 18, 5, tzinfo=timezone(timedelta(hours=1)))
ROUTINE = """\
name: Shown
cue: Back straight
defaults: {get_ready: 5, switch: 3}
sections:
  - name: Strength
    cue: Slow and steady
    rest: 30-45s
    exercises:
      - {name: Squat, work: 30s, sets: 2, cue: Knees out}
      - {name: Lunge, work: 20s, sides: both}
      - {name: Plank, until: shaking}
"""


def walk(to: str, kind: str = "work") -> tuple[Session, float]:
    s = Session(plan_of(ROUTINE))
    now = 100.0
    s.start(now)
    while (s.step.name, s.step.kind) != (to, kind):
        now += 1
        s.next(now)
    return s, now


def test_countdown_rounds_up_to_the_whole_second():
    assert [countdown_text(x) for x in (3.0, 2.001, 2.0, 0.2, 0.0)] == [
        "0:03", "0:03", "0:02", "0:01", "0:00"]


def test_get_ready_heads_with_the_coming_exercise_and_names_the_section():
    s = Session(plan_of(ROUTINE))
    s.start(100.0)
    shown = show(s.view(101.2), "Back straight")
    assert (shown.phase, shown.title, shown.target, shown.clock) == (
        "get_ready", "Squat", "Get ready: Strength — then Set 1 of 2", "0:04")
    assert shown.next_up == "Next: Squat (set 1 of 2)" and shown.cue == "Knees out"
    assert shown.routine_cue == "Slow and steady · Back straight"
    assert (shown.position, shown.time_left) == ("Step 1 of 10", "4:02 left")


def test_work_step_shows_its_cue_sets_and_the_next_rest():
    s, now = walk("Squat")
    shown = show(s.view(now), None)
    assert (shown.phase, shown.title, shown.cue, shown.target) == (
        "work", "Squat", "Knees out", "Set 1 of 2")
    assert (shown.next_up, shown.next_label, shown.pause_label) == (
        "Next: Rest, then Squat", "Next", "Pause")
    assert shown.status == "" and shown.side == ""


def test_flexible_rest_says_go_when_ready_from_its_minimum():
    s, now = walk("Rest", "rest")
    before = show(s.view(now + 29), None)
    assert before.target == "Rest 30–45 s: go from 30 s — then Set 2 of 2"
    assert before.next_label == "Next"
    s.tick(now + 30)
    after = show(s.view(now + 30), None)
    assert (after.status, after.next_label) == ("Go when ready (→)", "Go")


def test_one_sided_moves_and_the_switch():
    s, now = walk("Lunge")
    shown = show(s.view(now), None)
    assert (shown.side, shown.next_up) == ("◀ LEFT", "Next: Switch to the right side: Lunge")
    s.tick(now + 20)
    switch = show(s.view(now + 20), None)
    assert (switch.phase, switch.title, switch.side, switch.target) == (
        "switch", "Lunge", "RIGHT ▶", "Switch sides")


def test_a_rest_heads_with_the_next_exercise_its_side_and_cue():
    plan = plan_of(ROUTINE)
    s, now = walk("Rest", "rest")
    s.next(now + 1)  # on to set 2 of the squat, then to the rest after it, before the lunge
    while s.step.kind != "rest":
        now += 1
        s.next(now + 1)
    shown = show(s.view(now + 2), None, steps=plan.steps)
    assert (shown.phase, shown.title, shown.side) == ("rest", "Lunge", "◀ LEFT")
    assert shown.target.startswith("Rest 30–45 s")
    assert shown.next_up == "Then: switch sides 3 s, then Lunge — right side"


def test_a_rest_before_the_last_exercise_says_the_end_follows_it():
    plan = plan_of(ROUTINE)
    s, now = walk("Plank")
    rest = max(i for i, st in enumerate(plan.steps) if st.kind == "rest")
    s, now = walk("Rest", "rest")
    while s.view(now).index != rest:
        now += 1
        s.next(now)
    shown = show(s.view(now), None, steps=plan.steps)
    assert (shown.title, shown.side, shown.next_up) == ("Plank", "", "Then the end")
    assert shown.target == "Rest 30–45 s: go from 30 s — then until shaking"


def test_an_untimed_hold_counts_up_and_waits_for_done():
    s, now = walk("Plank")
    shown = show(s.view(now + 75), None)
    assert (shown.clock, shown.target, shown.status) == ("1:15", "until shaking",
                                                         "Press → when done")
    assert (shown.next_label, shown.next_up) == ("Done", "Last one!")


def test_paused_and_over_change_the_phase_and_the_words():
    s, now = walk("Squat")
    s.pause(now + 2)
    paused = show(s.view(now + 50), None)
    assert (paused.phase, paused.status, paused.pause_label) == (
        "paused", "PAUSED — Space to resume", "Resume")
    s.stop(now + 60)
    stopped = show(s.view(now + 60), None)
    assert (stopped.phase, stopped.status) == ("finished", "Stopped")


def test_paused_by_a_stall_says_why_and_how_to_go_on():
    s, now = walk("Squat")
    s.pause(now + 2)
    shown = show(s.view(now + 30), None, "Paused: the timer was held up for 20 s")
    assert (shown.phase, shown.status, shown.pause_label) == (
        "paused", "Paused: the timer was held up for 20 s — Space to resume", "Resume")


def test_summary_of_a_stopped_session_with_holds_and_skips():
    record = SessionRecord(
        id="r1", start=START, end=START, routine="Shown", completed=False,
        active_seconds=754.0, paused_seconds=65.0, steps=(
            StepResult("Plank", "done", "until", time_seconds=45.0),
            StepResult("Side plank", "done", "until", side="left", time_seconds=30.0),
            StepResult("Squat", "skipped", "timed")))
    assert summary_lines(record) == [
        "Stopped in 0:12:34 (+1:05 paused)", "2 of 3 exercises done, 1 skipped",
        "Plank: 0:45", "Side plank (left): 0:30", "Skipped: Squat"]


def test_the_small_words():
    assert (mute_label(True), mute_label(False)) == ("Unmute", "Mute")
    knee = PainQuestion("knee pain")
    assert knee.state(None, asked=True) == ""
    assert knee.state(None) == "No knee pain score this time."
    assert knee.state(4) == "Knee pain 4/10 — Enter to save"
    assert knee.state(4, saved=True) == "Knee pain 4/10 — saved · N add a note · Enter done"
    assert knee.state(4, saved=True, noted=True) == (
        "Knee pain 4/10 — saved · N change the note · Enter done")
    assert interrupted_notice(SessionRecord("r", START, START, "Shown")) == (
        "Recorded the session interrupted on Fri 20 Nov 18:05")


def test_untimed_steps_put_the_timeline_marker_halfway():
    s, now = walk("Plank")
    assert timeline_fraction(s.view(now + 30)) == 0.5
    s, now = walk("Squat")
    assert timeline_fraction(s.view(now + 15)) == 0.5  # 15 of 30 s, by its progress
    assert timeline_fraction(s.view(now + 6)) == 0.2


def test_notice_priority():
    assert notice_line(["a", "b", "c"], "workout", "player", "history", True) == (
        "b · c · workout")
    assert notice_line([], None, "player", "history", False) == "player · history"
    assert notice_line(["same"], "same", None, None, True) == "same"


def test_the_question_after_the_session_is_the_routines_label():
    hip = PainQuestion("hip pain")
    assert hip.asked
    assert hip.prompt() == ("Hip pain now, 0 (none) to 10 (worst)? Type or click it, then "
                            "Enter. Esc skips.")
    assert hip.state(None, asked=True) == ""
    assert hip.state(4) == "Hip pain 4/10 — Enter to save"
    assert hip.state(4, saved=True) == "Hip pain 4/10 — saved · N add a note · Enter done"
    assert hip.state(None) == "No hip pain score this time."
    assert PainQuestion("knee pain").prompt().startswith("Knee pain now, 0 (none) to 10")


def test_no_question_says_nothing_about_pain():
    none = PainQuestion(None)
    assert not none.asked
    assert none.prompt() == ""
    assert [none.state(s) for s in (None, 0, 4)] == ["", "", ""]
    assert none.state(4, saved=True) == ""
