"""Progression the knee allows, end to end through the command line (issue 23): a routine
with `progress:` and an imported history answered 2 then 2 plans the next level; a 6 steps
it back; `itbtimer progress --reset` restores the routine's own figures. The command line's
own entry point (one real process, to see the whole program), in the conftest's isolated
home."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from itbtimer.cli.main import main

KNEE = """\
name: Knee physio
ask: knee pain
defaults: {get_ready: 0}
sections:
  - name: Strength
    sets: 2
    progress: {sets_up_to: 3}
    exercises:
      - name: Plank
        work: 30s
        progress: {by: 5s, up_to: 60s}
      - name: Step-downs
        reps: 8-12
        progress: {by: 2, up_to: 15}
"""


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def itbtimer(capsys):
    """`itbtimer ARGS` through the command line's entry point, as Done."""

    def run(*args: str) -> Done:
        capsys.readouterr()
        code = main(list(args))
        out = capsys.readouterr()
        return Done(code, out.out, out.err)

    return run


def session(day: int, pain: int, level: int | None = None) -> str:
    record = {"id": f"{day:032x}", "start": f"2026-11-{day:02d}T18:00:00+01:00",
              "end": f"2026-11-{day:02d}T18:30:00+01:00", "routine": "Knee physio",
              "completed": True, "pain": pain, "question": "knee pain", "steps": []}
    if level is not None:
        record["levels"] = {"exercises": {"Plank": level, "Step-downs": level},
                            "sections": {"Strength": min(level, 1)}}
    return json.dumps(record)


def imported(itbtimer, tmp: Path, *lines: str) -> None:
    file = tmp / "sessions.jsonl"
    file.write_text("\n".join(lines) + "\n")
    done = itbtimer("history", "--import", str(file))
    assert done.returncode == 0, done.stderr


def plank_steps(itbtimer, routine: Path) -> list[int]:
    data = json.loads(itbtimer("plan", str(routine), "--json").stdout)
    return [s["seconds"] for s in data["steps"] if s["name"] == "Plank" and s["kind"] == "work"]


def test_answers_2_then_2_plan_the_next_level_a_6_steps_back_and_reset_restores(
        tmp_path, itbtimer):
    routine = tmp_path / "knee.yaml"
    routine.write_text(KNEE)
    assert plank_steps(itbtimer, routine) == [30, 30]

    imported(itbtimer, tmp_path, session(2, 2), session(4, 2))
    plan = subprocess.run([sys.executable, "-m", "itbtimer", "plan", str(routine)],
                          capture_output=True, text=True, timeout=60)  # the whole program
    assert plan.returncode == 0, plan.stderr
    lines = plan.stdout.splitlines()
    assert lines[0].startswith("At the levels your history has reached")
    assert "  Plank 35 s (+5 s: pain 2 and 2)" in lines
    assert "  Step-downs 10-14 reps (+2 reps: pain 2 and 2)" in lines
    assert "  Strength 3 sets (+1 set: pain 2 and 2)" in lines
    assert any("Plank · set 3/3  [35s]" in line for line in lines)
    assert plank_steps(itbtimer, routine) == [35, 35, 35]

    imported(itbtimer, tmp_path, session(6, 2, level=1), session(8, 2, level=1))
    assert plank_steps(itbtimer, routine) == [40, 40, 40]  # two more at level 1: level 2
    imported(itbtimer, tmp_path, session(10, 6, level=2))
    plan = itbtimer("plan", str(routine))
    assert "  Plank 35 s (−5 s: pain 6 after the last session)" in plan.stdout.splitlines()
    assert "  Strength 2 sets (−1 set: pain 6 after the last session)" in (
        plan.stdout.splitlines())
    assert plank_steps(itbtimer, routine) == [35, 35]

    listed = itbtimer("progress", str(routine))
    assert listed.returncode == 0, listed.stderr
    assert "  level 1 of 6  Plank 35 s (−5 s: pain 6 after the last session)" in (
        listed.stdout.splitlines())

    reset = itbtimer("progress", str(routine), "--reset")
    assert reset.returncode == 0, reset.stderr
    assert "  level 0 of 6  Plank 30 s (reset by hand)" in (
        reset.stdout.splitlines())
    assert plank_steps(itbtimer, routine) == [30, 30]


def test_a_level_set_by_hand_runs_and_a_wrong_one_says_why(tmp_path, itbtimer):
    routine = tmp_path / "knee.yaml"
    routine.write_text(KNEE)
    done = itbtimer("progress", str(routine), "--set", "Plank", "4")
    assert done.returncode == 0, done.stderr
    assert "  level 4 of 6  Plank 50 s (set by hand)" in done.stdout.splitlines()
    assert plank_steps(itbtimer, routine) == [50, 50]
    data = json.loads(itbtimer("plan", str(routine), "--json").stdout)
    plank = next(lv for lv in data["progress"]["levels"] if lv["name"] == "Plank")
    assert (plank["level"], plank["by_hand"], plank["reason"]) == (4, True, "set by hand")

    typed = itbtimer("progress", str(routine), "--set", " plank ", "1")
    assert typed.returncode == 0, typed.stderr
    assert "  level 1 of 6  Plank 35 s (set by hand)" in typed.stdout.splitlines()

    too_far = itbtimer("progress", str(routine), "--set", "Plank", "7")
    assert too_far.returncode == 2
    assert too_far.stderr.strip() == ("Plank's level is a whole number from 0 (the routine's "
                                      "own figure) to 6 (its up_to), not '7'")
    unknown = itbtimer("progress", str(routine), "--set", "Plonk", "1")
    assert unknown.returncode == 2
    assert "'Plonk' does not grow in Knee physio; these do: Strength, Plank, Step-downs" in (
        unknown.stderr)
    plain = itbtimer("progress", "warm-up")
    assert plain.returncode == 2 and "has no `progress:`" in plain.stderr


def test_a_name_two_exercises_share_but_for_case_is_refused_unless_typed_as_written(
        tmp_path, itbtimer):
    routine = tmp_path / "knee.yaml"
    routine.write_text(KNEE.replace("Step-downs", "PLANK"))
    both = itbtimer("progress", str(routine), "--set", "plank", "1")
    assert both.returncode == 2
    assert both.stderr.strip() == ("'plank' could be 'PLANK' or 'Plank' in Knee physio: type "
                                   "the name as the routine writes it")
    exact = itbtimer("progress", str(routine), "--set", "PLANK", "1")
    assert exact.returncode == 0, exact.stderr
    assert "  level 1 of 2  PLANK 10-14 reps (set by hand)" in exact.stdout.splitlines()


def test_a_bad_morning_that_holds_back_a_step_up_is_said_by_progress_and_plan(tmp_path,
                                                                            itbtimer):
    routine = tmp_path / "knee.yaml"
    routine.write_text(KNEE)
    imported(itbtimer, tmp_path, session(2, 2), session(4, 2))
    morning = itbtimer("history", "--morning", f"{4:032x}", "5")
    assert morning.returncode == 0, morning.stderr
    why = "step up held back: 5 the morning after, 2 after the session"
    listed = itbtimer("progress", str(routine)).stdout.splitlines()
    assert f"  level 0 of 6  Plank 30 s ({why})" in listed
    assert itbtimer("plan", str(routine)).stdout.splitlines()[0] == (
        f"At the routine's own figures so far ({why}); itbtimer progress lists each level")
    assert plank_steps(itbtimer, routine) == [30, 30]
