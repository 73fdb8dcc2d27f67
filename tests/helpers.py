"""Builders shared by tests of more than one ring (unit, integration, e2e).

Fakes of the adapters are in tests/fakes.py; what only one ring shares is in that ring's
`*_helpers.py`. No test imports another test file."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st

from itbtimer.core.plan import Plan, build_plan
from itbtimer.core.progression import Progression
from itbtimer.core.routine import Routine
from itbtimer.editor.document import Document, EditorError, locate
from itbtimer.editor.fields import Kind, fields
from itbtimer.history import HistoryStore, Progress, SessionRecord
from itbtimer.history.database import MemoryDatabase
from itbtimer.history.records import RunRecord
from itbtimer.routine_files import load_routine, parse_routine


def examples(thorough: int) -> int:
    """How many examples a property test tries: `thorough` in make test (and CI), a tenth
    (at least 10) in make test-fast, whose profile `fast` (tests/conftest.py) tries 10 where
    Hypothesis's default tries 100. Read when the test module is imported, after the
    profile is loaded."""
    return max(10, thorough * settings.default.max_examples // 100)


def plan_of(text: str) -> Plan:
    return build_plan(parse_routine(text))


def names(events) -> list[str]:
    return [e.name if e.name != "cue" else f"cue:{e.sound}" for e in events]


def wait_until(condition: Callable[[], object], pump: Callable[[], None] | None = None,
               timeout: float = 10.0) -> bool:
    """Poll `condition` (turning a Tk loop with `pump` if given) until it holds or `timeout`
    real seconds pass; whether it held. The suite's one way to wait for something another
    thread or process does: never a fixed sleep."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pump is not None:
            pump()
        if condition():
            return True
        time.sleep(0.01)
    return bool(condition())


def in_progress_ids(store) -> list[str]:
    """The ids of the sessions a window is running, as the history lists them."""
    return [s.id for s in store.listing() if s.in_progress]


def figures_of(records: Iterable[SessionRecord], today: date, routine: str | None = None,
               per_week: int | None = None, weeks: int = 12, series: bool = False,
               runs: Iterable[RunRecord] = (), since: date | None = None) -> Progress:
    """The history's figures for these finished sessions (and runs): the SQLite store's own
    queries, on a database in memory."""
    store = HistoryStore(database=MemoryDatabase())
    for record in records:
        store.append(record)
    for run in runs:
        store.log_run(run)
    return store.progress(today, routine, per_week, weeks, series, since)


def progression_of(records: Iterable[SessionRecord], routine: Routine,
                   assumed: SessionRecord | None = None) -> Progression:
    """The levels the SQLite store derives from these finished sessions, in memory."""
    store = HistoryStore(database=MemoryDatabase())
    for record in records:
        store.append(record)
    return store.progression(routine, assumed)


# --- random edits of a routine in the editor (unit and integration rings) -------------

# A routine as a person writes it: comments, folded text, quoting, flow maps (the editor
# must keep them all).
COMMENTED = """\
# My knee routine, from the physio (March)
name: Knee   # short
description: >-
  Strength for the knee,
  folded over two lines.
cue: 'Back straight'
defaults: {work: 30s, rest: 30-45s}

# Two parts: warm up, then strength
sections:
  - name: Warm-up   # easy
    exercises:
      - name: Squat
        work: 30s    # chosen

      # lunges: keep the knee out
      - name: Lunge
        sides: [right, left]
      - name: "Step-ups"
        reps: "8-12"

  - name: Strength
    sets: 2
    exercises:
      - name: Plank
        until: shaking
      - name: Bridge
        work: 45s
# the end
"""



_TYPED = st.one_of(
    st.sampled_from(["", "0", "1", "3", "45", "45s", "2m", "1m30s", "30-45s", "8-12", "12-8",
                     "both", "x", "Tip: back flat", "- dash", "#hash", "'quoted'", "yes",
                     "99999", "1h", "  spaced  ", "null", "~"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
)


@st.composite
def edits(draw):
    return draw(st.lists(st.tuples(
        st.sampled_from(["set", "check", "add_exercise", "add_section", "duplicate", "delete",
                         "move", "undo", "redo"]),
        st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), _TYPED, st.booleans()),
        max_size=12))


def apply_edit(document: Document, edit) -> None:
    """One random edit (from `edits()`); one the document refuses leaves it as it was."""
    try:
        _operate(document, edit)
    except EditorError:  # refused, said so; the document is as it was
        pass


def _operate(document: Document, edit) -> None:
    op, a, b, c, typed, flag = edit
    rows = document.outline()
    path = rows[a % len(rows)].path
    if op in ("set", "check"):
        level_fields = fields(rows[a % len(rows)].level)
        candidates = [f for f in level_fields
                      if (f.kind in (Kind.SIDES, Kind.FLAG)) == (op == "check")]
        if not candidates:
            return
        field = candidates[b % len(candidates)]
        document.set_field(path, field.key, flag if op == "check" else typed)
    elif op == "add_exercise":
        document.add_exercise(path)
    elif op == "add_section":
        document.add_section(path or None)
    elif op == "duplicate" and path:
        document.duplicate(path)
    elif op == "delete" and path:
        document.delete(path)
    elif op == "move" and path:
        document.move(path, 1 if flag else -1)
    elif op == "undo":
        document.undo()
    elif op == "redo":
        document.redo()


def random_edits_leave_a_valid_routine_or_an_error(original: str, target: Path, steps) -> None:
    target.write_text(original)
    document = Document.open(target)
    for step in steps:
        apply_edit(document, step)
        if document.problems:
            for problem in document.problems:
                where, key = locate(problem)
                assert problem.field, problem
                assert document.exists(where), problem
                assert key in document.errors(where)
                row = next(r for r in document.outline() if r.path == where)
                assert row.has_error
        else:
            document.save()
            routine = load_routine(target)
            assert routine == document.routine.__class__(
                **{**document.routine.__dict__, "source": str(target)})
    while document.can_undo:
        document.undo()
    assert document.text == original
