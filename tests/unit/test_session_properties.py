"""Property-based tests of the engine: random routines, random commands at random times."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itbtimer.core.events import Cue, Paused, Resumed, StepStarted
from itbtimer.core.session import Session
from tests.helpers import examples, plan_of


@st.composite
def routines(draw, timed_only: bool = False, max_work: int = 90) -> str:
    modes = ["timed"] if timed_only else ["timed", "timed", "reps", "until"]
    lines = ["name: Random",
             f"defaults: {{get_ready: {draw(st.integers(0, 10))}, "
             f"switch: {draw(st.integers(0, 6))}}}",
             "sections:"]
    for s in range(draw(st.integers(1, 3))):
        rest = draw(st.sampled_from(["0", "5", "10-20s", "3"]))
        lines += [f"  - name: S{s}", f"    rounds: {draw(st.integers(1, 2))}",
                  f"    rest: {rest}", "    exercises:"]
        for e in range(draw(st.integers(1, 3))):
            mode = draw(st.sampled_from(modes))
            what = {"timed": f"work: {draw(st.integers(1, max_work))}", "reps": "reps: 8-12",
                    "until": "until: shaking"}[mode]
            sides = ", sides: both" if draw(st.booleans()) else ""
            lines.append(f"      - {{name: E{e}, {what}, sets: {draw(st.integers(1, 2))}"
                         f"{sides}}}")
    return "\n".join(lines) + "\n"


COMMANDS = ["tick", "tick", "tick", "toggle", "next", "back", "restart_step", "extend", "pause",
            "resume"]


def run_commands(session: Session, start: float, steps) -> list:
    events = session.start(start)
    now = start
    for gap, command in steps:
        now += gap
        if session.over:
            break
        if command == "extend":
            events += session.extend(now, 10)
        else:
            events += getattr(session, command)(now)
        view = session.view(now)
        assert 0 <= view.index < len(session.steps)
        assert view.remaining is None or view.remaining >= 0
        assert 0.0 <= view.session_progress <= 1.0
        if not session.over:
            wall = now - start
            total = session.active_seconds(now) + session.paused_seconds(now)
            assert abs(total - wall) < 1e-6, (total, wall)
    return events


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines(), st.lists(st.tuples(st.floats(0, 40), st.sampled_from(COMMANDS)),
                            max_size=60))
def test_random_commands_keep_the_invariants(text, steps):
    session = Session(plan_of(text))
    events = run_commands(session, 1000.0, steps)
    # due times never go backwards (beyond float rounding of the pause arithmetic)
    ats = [e.at for e in events]
    assert all(b >= a - 1e-9 for a, b in zip(ats, ats[1:], strict=False))
    # every cue fires at most once per step visit, and never while paused
    per_visit: dict[str, int] = {}
    paused_from = None
    for e in events:
        if isinstance(e, StepStarted):
            per_visit = {}
        elif isinstance(e, Paused):
            paused_from = e.at
        elif isinstance(e, Resumed):
            paused_from = None
        elif isinstance(e, Cue):
            # the one exception: Done on the last step while paused finishes the session
            assert paused_from is None or e.sound == "finish", "cue while paused"
            per_visit[e.sound] = per_visit.get(e.sound, 0) + 1
            limit = 3 if e.sound == "countdown" else 1
            assert per_visit[e.sound] <= limit, (e, per_visit)


@settings(max_examples=examples(200), deadline=None)
@given(routines(timed_only=True))
def test_without_commands_steps_start_exactly_at_the_plan_offsets(text):
    plan = plan_of(text)
    session = Session(plan)
    events = session.start(500.0) + session.tick(500.0 + plan.total_seconds + 1)
    started = [e.at - 500.0 for e in events if isinstance(e, StepStarted)]
    assert started == [float(s.offset) for s in plan.steps]
    assert session.state == "finished"


@settings(max_examples=examples(15), deadline=None)
@given(routines(timed_only=True, max_work=12), st.lists(st.floats(0, 5), min_size=1,
                                                        max_size=50))
def test_tick_rate_does_not_change_events_or_due_times(text, gaps):
    plan = plan_of(text)
    end = plan.total_seconds + 2.0
    fine = Session(plan)
    fine_events = fine.start(0.0)
    for cs in range(1, int(end * 100) + 1):  # every 10 ms, a fast screen's rate
        fine_events += fine.tick(cs / 100)
    fine_events += fine.tick(end)
    coarse = Session(plan)
    coarse_events = coarse.start(0.0)
    now = 0.0
    i = 0
    while now < end:
        now = min(end, now + gaps[i % len(gaps)] + 0.001)
        coarse_events += coarse.tick(now)
        i += 1
    key = [(type(e).__name__, e.at, getattr(e, "sound", None)) for e in fine_events]
    assert key == [(type(e).__name__, e.at, getattr(e, "sound", None)) for e in coarse_events]


def test_due_times_match_the_plan_however_the_clock_is_read():
    """Step starts fall due exactly on the plan's offsets, read at uneven moments.

    How promptly the real program notices them is measured by `make bench` (engine).
    """
    plan = plan_of("name: R\ndefaults: {get_ready: 1, switch: 1}\nsections:\n"
                   "  - name: A\n    rest: 1\n    exercises:\n"
                   "      - {name: X, work: 1, sides: both}\n      - {name: Y, work: 1}\n")
    session = Session(plan)
    start = 5000.123
    due = [e.at for e in session.start(start) if isinstance(e, StepStarted)]
    now, gaps = start, [0.0013, 0.0007, 0.011, 0.0003]
    while not session.over:
        now += gaps[len(due) % len(gaps)]
        due += [e.at for e in session.tick(now) if isinstance(e, StepStarted)]
    assert due == pytest.approx([start + step.offset for step in plan.steps], abs=1e-9)
