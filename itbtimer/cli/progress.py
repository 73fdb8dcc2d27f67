"""`itbtimer progress ROUTINE`: where each exercise that may grow stands, and why; `--set
EXERCISE LEVEL` and `--reset` put it somewhere by hand (kept in the history, never in the
routine file). The rule is core/progression.py.

Exit codes: 0 done, 2 a routine or a name that is not one, or a history that cannot be
read or written (the message says why).
"""

from __future__ import annotations

import argparse
import json
import sys

from itbtimer.cli.terminal import utf8_text
from itbtimer.core.escaping import escaped_lines
from itbtimer.core.progression import LevelKey, Progression, growing, named
from itbtimer.core.routine import Routine
from itbtimer.errors import ItbtimerError
from itbtimer.history import HistoryStore
from itbtimer.present.progress_words import figure, level_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--set", type=utf8_text, nargs=2, metavar=("EXERCISE", "LEVEL"),
                      help="set an exercise's level by hand (0: the routine's own figure; "
                           "its name in any case); a section's name sets its sets")
    what.add_argument("--reset", action="store_true",
                      help="every exercise back to the routine's own figures")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def run_progress(routine: Routine, args: argparse.Namespace,
                 store: HistoryStore | None = None) -> int:
    grows = growing(routine)
    if not grows:
        raise ItbtimerError(f"{routine.name} has no `progress:`: nothing in it grows "
                            "(docs/routine-format.md, \"Progression the knee allows\")")
    store = store or HistoryStore()
    if args.reset:
        store.set_levels(routine.identity, dict.fromkeys(grows, 0))
    elif args.set:
        key, level = _chosen(routine, grows, args.set[0], args.set[1])
        store.set_levels(routine.identity, {key: level})
    levels = store.progression(routine)
    if args.json:
        sys.stdout.write(json.dumps(_as_json(routine, levels), ensure_ascii=False) + "\n")
    else:
        print(escaped_lines(_as_text(routine, levels)))
    return 0


def _chosen(routine: Routine, grows: dict[LevelKey, int], name: str,
            level_text: str) -> tuple[LevelKey, int]:
    """The exercise (else the section) of that name that grows (any case and spacing:
    `progression.named`), and a level it may have."""
    keys = named(grows, name)
    if not keys:
        names = ", ".join(k.name for k in grows)
        raise ItbtimerError(f"{name!r} does not grow in {routine.name}; these do: {names}")
    if len(keys) > 1:
        which = " or ".join(repr(k.name) for k in keys)
        raise ItbtimerError(f"{name!r} could be {which} in {routine.name}: type the name as "
                            "the routine writes it")
    key = keys[0]
    name = key.name
    most = grows[key]
    if not (level_text.isascii() and level_text.isdigit()) or int(level_text) > most:
        raise ItbtimerError(f"{name}'s level is a whole number from 0 (the routine's own "
                            f"figure) to {most} (its up_to), not {level_text!r}")
    return key, int(level_text)


def _as_text(routine: Routine, levels: Progression) -> str:
    lines = [f"{routine.name}: the next session, by the answers after each session "
             f"(up after two at {levels.pain_at_most} or less, back above 5)"]
    for lv in levels.levels:
        lines.append(f"  level {lv.level} of {lv.most}  {level_line(routine, lv)}")
    return "\n".join(lines)


def _as_json(routine: Routine, levels: Progression) -> dict[str, object]:
    return {"routine": routine.name, "routine_id": routine.identity,
            "pain_at_most": levels.pain_at_most,
            "levels": [{"grows": lv.key.grows, "name": lv.key.name, "level": lv.level,
                        "was": lv.was, "most": lv.most, "figure": figure(routine, lv),
                        "change": lv.decision.change, "reason": lv.decision.reason,
                        "by_hand": lv.by_hand} for lv in levels.levels]}

