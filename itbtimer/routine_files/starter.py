"""`itbtimer new NAME [--from ROUTINE] [--edit]`: a routine of the person's own to change.

The file goes into the personal routines folder: a commented starter, or a copy of
another routine with a first comment saying where it came from.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.errors import ItbtimerError
from itbtimer.routine_files.bundled import (
    is_personal,
    personal_routines_dir,
    resolve_routine,
    routines_dir,
)
from itbtimer.routine_files.loader import load_routine

STARTER = """\
# Your routine. Change anything, save, then: itbtimer check {name}
# Every key is explained in docs/routine-format.md. Indent with spaces, not tabs;
# a text containing ": " goes in quotes: cue: "Tip: back flat".
name: {title}
description: What this routine is for
ask: knee pain            # the question after the session, 0 to 10 (none: no question)
per_week: 3               # sessions a week you aim for

defaults:
  work: 30s               # how long an exercise lasts unless it says otherwise
  rest: 30-45s            # rest between exercises: go on from 30 s, on by itself at 45 s
  get_ready: 10s          # before each section
  switch: 5s              # between the left and the right side
  rep_seconds: 3s         # about how long one rep takes (for the time estimate)

sections:
  - name: Warm-up
    exercises:
      - name: Squats
        cue: Butt back and down
      - name: Lunges
        work: 45s

  - name: Strength
    sets: 2               # every exercise twice
    exercises:
      - name: Plank
        until: shaking    # you press Done; the time you held is recorded
        expect: 45s       # about how long you hold (for the time estimate)
      - name: Single leg dips
        reps: 8-12        # you press Done when the reps are done
        sides: both       # left, a switch, right
      - name: Step-downs
        reps: 10
        sides: both
        all_sets_per_side: true   # both sets on the left, then both on the right
"""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,59}")


def new_routine(name: str, source: str | None = None, fresh: bool = False) -> Path:
    """Write NAME.yaml into the personal folder; ItbtimerError if it cannot or exists.

    A copy (`source`) continues its origin's history (it keeps its `id:`, or its name);
    `fresh`: it starts a history of its own (`id: NAME`)."""
    name = name[:-5] if name.endswith(".yaml") else name
    if not _NAME.fullmatch(name) or name.endswith("."):
        raise ItbtimerError(f"'{name}' cannot be a routine name: use letters, digits, spaces, "
                            "- and _ (at most 60), like knee-physio")
    target = personal_routines_dir(create=True) / f"{name}.yaml"
    if source is None:
        text = STARTER.format(name=name, title=name.replace("-", " ").capitalize())
    else:
        origin = resolve_routine(source)
        kind = ("your routine" if is_personal(origin) else
                "the bundled routine" if origin.parent == routines_dir() else "the file")
        try:
            body = origin.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ItbtimerError(f"{origin}: cannot be read ({exc})") from None
        text = (f"# Copied from {kind} `{origin.stem}` ({origin}) by itbtimer new;\n"
                f"# change it as you like, the original stays as it is.\n"
                + (with_identity(body, name) if fresh else body))
    try:
        with open(target, "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise ItbtimerError(f"{target} already exists: change it (itbtimer edit {name}), "
                            "or choose another name") from None
    except OSError as exc:
        raise ItbtimerError(f"{target}: cannot be written ({exc.strerror})") from None
    if source is not None:
        try:
            copy_pictures(origin, target.parent)
        except OSError as exc:
            raise ItbtimerError(f"{target} is written, but its images could not be copied "
                                f"beside it ({exc.strerror})") from None
    return target


_TOP_ID = re.compile(r"^id:[^\n]*\n?", re.M)
_TOP_NAME = re.compile(r"^name:", re.M)


def with_identity(text: str, identity: str) -> str:
    """The routine text with its top-level `id:` set to `identity` (a history of its own),
    placed before its `name:` line; top-level keys of a YAML block mapping start a line."""
    text = _TOP_ID.sub("", text)
    line = f"id: {json.dumps(identity)}\n"  # quoted: any name stays one YAML string
    found = _TOP_NAME.search(text)
    at = found.start() if found else 0
    return text[:at] + line + text[at:]


def open_in_editor(path: Path) -> str:
    """Open the file in $VISUAL, $EDITOR or the desktop's editor; what happened, in words."""
    for variable in ("VISUAL", "EDITOR"):
        command = os.environ.get(variable, "").strip()
        if command:
            try:
                subprocess.call([*shlex.split(command), str(path)])
            except (OSError, ValueError) as exc:
                return f"could not start ${variable} ({command}): {exc}"
            return f"edited with {command}"
    opener = shutil.which("xdg-open")
    if opener:
        subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
        return "opened in the desktop's editor"
    return f"no editor found: set $EDITOR, or open {path} yourself"


def copy_pictures(origin: Path, folder: Path) -> list[Path]:
    """A copy of the routine `origin` is written into `folder`: the images it names beside
    it go there too (whole or not at all, each), so the copy shows them as well. An image
    named by an absolute path is found from anywhere and stays where it is; one already
    in `folder` is kept. The copies made."""
    try:
        routine = load_routine(origin)
    except ItbtimerError:
        return []  # the copy will say what is wrong, as the original does
    home = Path(os.path.abspath(origin.parent))
    made = []
    for section in routine.sections:
        for exercise in section.exercises:
            picture = exercise.image
            if picture is None or not Path(picture.path).is_relative_to(home):
                continue
            target = folder / Path(picture.path).relative_to(home)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, Path(picture.path).read_bytes())
            made.append(target)
    return made
