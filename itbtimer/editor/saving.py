"""Reading the person's file, and saving it: only the lines an edit touched change, and
the file is written whole or not at all (itbtimer.atomic)."""

from __future__ import annotations

import difflib
from pathlib import Path

from itbtimer.errors import RoutineError
from itbtimer.routine_files import parse_routine, read_routine_text


def read_text(path: Path) -> str:
    """A routine file's text, or a RoutineError saying why it cannot be read."""
    return read_routine_text(path)


def same_meaning(a: str, b: str) -> bool:
    """Both texts load to the same routine (or fail with the same messages)."""
    def meaning(text: str) -> object:
        try:
            routine = parse_routine(text)
        except RoutineError as exc:
            return [(p.field, p.message) for p in exc.problems]
        return {**routine.__dict__, "fingerprint": ""}

    return meaning(a) == meaning(b)


def carry_over(original: str, unchanged: str, changed: str) -> str:
    """Apply the edits (unchanged -> changed) to the person's original text.

    ruamel.yaml may write an untouched file a little differently from how the
    person wrote it (spacing inside a line, say). The lines the edit did not
    touch are taken from the original, so only the edited lines differ.
    Falls back to the changed text when a changed region cannot be placed.
    """
    old_lines = unchanged.splitlines(keepends=True)
    new_lines = changed.splitlines(keepends=True)
    mine = original.splitlines(keepends=True)
    # Where each line of the unchanged dump is in the original.
    where: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, old_lines, mine, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                where[i1 + k] = j1 + k
    out: list[str] = []
    cursor = 0  # next line of the original not yet written
    edits = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in edits:
        if tag == "equal":
            continue
        start = where.get(i1) if i1 < len(old_lines) else len(mine)
        end = where.get(i2 - 1, -2) + 1 if i2 > i1 else start
        if start is None or end is None or start < cursor or (i2 > i1 and end - start != i2 - i1):
            return changed
        out.extend(mine[cursor:start])
        out.extend(new_lines[j1:j2])
        cursor = end
    out.extend(mine[cursor:])
    return "".join(out)
