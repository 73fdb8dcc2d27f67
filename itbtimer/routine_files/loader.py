"""Read a routine file (YAML) into a frozen Routine, or a RoutineError listing every mistake.

The YAML is composed into nodes (never constructed into Python objects by
PyYAML) so that every value keeps its line and column, duplicate keys are
seen, aliases are never expanded beyond what the schema reads, and no tag
other than the plain YAML types is accepted.

A syntax mistake does not stop the reading: its line is mended the way the message
says (or set aside) and the file is read again, so that one `itbtimer check` lists
every mistake of the file, the syntax ones and those in the values after them.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from itbtimer.atomic import NOT_FILES
from itbtimer.core.routine import Routine
from itbtimer.errors import Problem, RoutineError
from itbtimer.routine_files.checker import Checker
from itbtimer.routine_files.keys import read_routine
from itbtimer.routine_files.place_words import with_place_words
from itbtimer.routine_files.yaml_mistakes import Mistake, mistake_in, place_of, stray_dashes

MAX_FILE_BYTES = 1024 * 1024
MAX_STEPS = 50_000
MAX_SYNTAX_MISTAKES = 25  # each one is a re-read of the file
# Re-reading stops after this much text, so a large file with many mistakes is read a few
# times only (a 1 MiB file takes seconds to read; a routine of a few KiB, milliseconds).
MAX_REREAD_CHARACTERS = MAX_FILE_BYTES

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
# Control characters typed raw into the file are moved to the private-use area so
# that the YAML reader accepts them, and reported with the field they are in.
_HIDDEN = 0xE000


def _hide_controls(text: str) -> tuple[str, bool]:
    if not any(_is_control(c) and c not in "\t\n\r" for c in text):
        return text, False
    return "".join(chr(_HIDDEN + ord(c)) if _is_control(c) and c not in "\t\n\r" and ord(c) < 0xA0
                   else c for c in text), True


def _is_control(c: str) -> bool:
    return unicodedata.category(c) == "Cc"


def _control_in(text: str, hidden: bool) -> str | None:
    for c in text:
        if _is_control(c) and c != "\n":
            return c
        if hidden and _HIDDEN <= ord(c) < _HIDDEN + 0xA0:
            return chr(ord(c) - _HIDDEN)
    return None


def _check_nodes(node: yaml.Node, path: str, checker: Checker, hidden: bool,
                 seen: set[int]) -> None:
    """Tags other than plain values, and control characters, anywhere in the file."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        checker.add(node, path, f"the tag `{node.tag}` is not allowed; a routine holds plain "
                    "values only")
        return
    if isinstance(node, yaml.ScalarNode):
        bad = _control_in(str(node.value), hidden)
        if bad is not None:
            checker.add(node, path, f"contains a control character \\x{ord(bad):02x}; remove "
                        "it (it is invisible, and could change what a terminal shows)")
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_nodes(item, f"{path}[{i}]", checker, hidden, seen)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
            if _control_in(name, hidden) is None:
                where = f"{path}.{name}" if path else name
            else:
                where = path
            _check_nodes(key, where, checker, hidden, seen)
            _check_nodes(value, where, checker, hidden, seen)


def parse_routine(text: str, source: str = "<routine>", folder: Path | None = None) -> Routine:
    """Validate routine text; raises RoutineError with every problem found. Its images are
    looked for in `folder` (by default the folder of `source`, a file's path; else the
    current folder)."""
    if "\x00" in text:
        raise RoutineError(source, [Problem("this is not a text file (it contains NUL bytes)")])
    if folder is None:
        folder = Path(source).parent if not source.startswith("<") else Path(".")
    try:
        return _parse(text, source, folder)
    except RecursionError:
        raise RoutineError(source, [Problem("the file is nested too deeply to be a routine")]
                           ) from None


def _parse(text: str, source: str, folder: Path) -> Routine:
    read = _read_past_mistakes(text)
    if read.root is None:
        raise RoutineError(source, read.problems or [Problem(
            "the file is empty; a routine needs at least `name:` and `sections:`")])
    checker = Checker(set_aside=read.set_aside, folder=folder)
    _check_nodes(read.root, "", checker, read.hidden, set())
    routine = None if checker.problems else read_routine(checker, read.root)
    if checker.problems or read.problems or routine is None:
        raise RoutineError(source, read.problems + with_place_words(read.root,
                                                                    checker.problems))
    size = _count_steps(routine)
    if size > MAX_STEPS:
        raise RoutineError(source, [Problem(
            f"this routine would have over {MAX_STEPS} steps, the most a routine may have "
            f"(about {size}); use fewer rounds or sets")])
    fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return replace(routine, source=source, fingerprint=fingerprint)


# Where libyaml (PyYAML's C reader) and PyYAML's own Python reader may read a text
# differently: tabs, the line breaks other than \n, a byte-order mark (columns differ), a
# comment right after a block scalar's `|` or `>` (libyaml takes it), a tag (a lone `!` is
# null in one, text in the other), and `?` in a text with a flow collection (`{a? b}`: a
# key in one, a mistake in the other). Found by comparing the two on generated texts
# (tests/unit/test_yaml_readers.py); such a text is read by the Python reader only.
# A directive (`%YAML 1.1#` is a mistake to one only) goes to the Python reader too, and so
# does a text with a flow collection where a key's value is left empty before `,` `]` or
# `}` (`{a: }`: its empty value is placed a column apart).
_READ_APART = re.compile(r"[\t\r\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#|(?:^|[\s\[{,])!|^%",
                         re.MULTILINE)
_EMPTY_IN_FLOW = re.compile(r":(?:[ \n]|#[^\n]*\n)*[,\]}]")
# libyaml refuses nesting over 1000 levels from 0.2.6 on; before, PyYAML's C composer
# recursed once a level and a file of 100,000 brackets (200 KB) crashed the process.
LIBYAML_SINCE = (0, 2, 6)


def libyaml_loader(version: tuple[int, ...] | None) -> type[yaml.SafeLoader] | None:
    """PyYAML's libyaml reader where the libyaml is one that bounds nesting; else None."""
    if version is None or tuple(version) < LIBYAML_SINCE:
        return None
    loader: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
    return loader


def _libyaml_version() -> tuple[int, ...] | None:
    try:
        from yaml import _yaml  # PyYAML's binding; absent where it was built without libyaml
    except ImportError:
        return None
    return tuple(_yaml.get_version())


LIBYAML_LOADER = libyaml_loader(_libyaml_version())


def compose(text: str) -> yaml.Node | None:
    """The text's YAML nodes, exactly as PyYAML's Python reader composes them (values, tags,
    lines and columns), or its YAMLError; RecursionError when nested too deeply to read.

    libyaml reads a routine 15 to 30 times faster (the ITB routine in 0.6 ms, not 18), so
    a text the two read alike is read by it; anything it refuses is read again by the
    Python reader, whose messages (its words, its line and column) are the ones `itbtimer
    check` mends and explains. A text must end with a line break for libyaml: without one
    the last collection ends a line later. One difference is left: nesting 450 to 1000
    levels deep, where the Python reader's recursion ends, libyaml reads on (the routine's
    keys then say what is wrong)."""
    if LIBYAML_LOADER is not None and _read_alike(text):
        try:
            return yaml.compose(text, Loader=LIBYAML_LOADER)
        except yaml.MarkedYAMLError as exc:
            if (exc.problem == "exceeded maximum nesting depth"
                    and yaml.reader.Reader.NON_PRINTABLE.search(text) is None):
                # Over libyaml's 1000 levels: the Python reader would run out of
                # recursion at about 450, after seconds (its scanner slows as it nests),
                # unless a character it refuses is there (it looks at them all first).
                raise RecursionError("nested over 1000 levels") from None
        except (yaml.YAMLError, UnicodeError):
            pass  # said below, by the Python reader
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (ValueError, OverflowError) as exc:  # PyYAML's chr() of a "\U" escape past U+10FFFF
        raise _no_character(text) from exc


def _read_alike(text: str) -> bool:
    """Whether libyaml reads the text as the Python reader does (see _READ_APART)."""
    if not text.endswith("\n") or _READ_APART.search(text) is not None:
        return False
    if "[" in text or "{" in text:
        return "?" not in text and _EMPTY_IN_FLOW.search(text) is None
    return True


def _no_character(text: str) -> yaml.MarkedYAMLError:
    """The mistake of a `\\U` escape that names no character (PyYAML raises a bare
    ValueError or OverflowError there), placed at the escape."""
    found = next((m for m in re.finditer(r"\\U([0-9A-Fa-f]{8})", text)
                  if int(m.group(1), 16) > 0x10FFFF), None)
    at = found.start() if found else 0
    line, column = place_of(text, at)
    escape = found.group(0) if found else "\\U"
    mark = yaml.Mark("<routine>", at, line, column, text, at)
    return yaml.scanner.ScannerError("while scanning a double-quoted scalar", mark,
                                     f"found the escape {escape}, which names no character",
                                     mark)


@dataclass
class _Reading:
    """The file as far as it can be read: its nodes (None when none could be), the syntax
    mistakes met on the way, and the lines set aside for them."""

    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)
    set_aside: frozenset[int] = frozenset()
    hidden: bool = False


class _Mender:
    """The file's lines as they are mended: each mistake's line mended once (or set aside,
    read as blank), each mistake said once."""

    def __init__(self, text: str, read: _Reading):
        self.lines = text.splitlines(keepends=True)
        self.read = read
        self.touched: dict[int, bool] = {}  # line (1-based) -> set aside (True) or mended
        self.aside: set[int] = set()

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def take(self, mistake: Mistake) -> bool:
        """Mend (or set aside) the mistake's line; False when that cannot help any more."""
        lines, touched = self.lines, self.touched
        line = mistake.problem.line
        if line is None or not 1 <= line <= len(lines) or touched.get(line):
            return False
        if line not in touched:
            self.read.problems.append(mistake.problem)
        mended = None if line in touched else mistake.mended
        ending = lines[line - 1][len(lines[line - 1].rstrip("\r\n")):]
        lines[line - 1] = (mended if mended is not None else "") + ending
        touched[line] = mended is None
        if mended is None:
            self.aside.add(line)
        return True


def _read_past_mistakes(text: str) -> _Reading:
    """Compose the file; at a syntax mistake, mend its line (or set it aside) and read
    again, until the file reads or a line will not mend."""
    read = _Reading()
    mender = _Mender(text, read)
    for stray in stray_dashes(text):
        mender.take(stray)
    budget = MAX_REREAD_CHARACTERS + len(text)
    while True:
        current = mender.text
        budget -= len(current)
        readable, read.hidden = _hide_controls(current)
        try:
            read.root = compose(readable)
            break
        except yaml.YAMLError as exc:
            mistake = mistake_in(exc, current)
        if len(read.problems) >= MAX_SYNTAX_MISTAKES or (budget < 0 and read.problems):
            read.problems.append(Problem(
                f"there may be more mistakes from here on: mend the {len(read.problems)} "
                "above and check again", "", mistake.problem.line or len(mender.lines)))
            break
        if not mender.take(mistake):
            if mistake.problem.line not in mender.touched:
                read.problems.append(mistake.problem)
            break
    read.set_aside = frozenset(mender.aside)
    return read


def _count_steps(routine: Routine) -> int:
    """Steps the plan will have, at most (one rest after every unit)."""
    total = 0
    for section in routine.sections:
        steps = sum(e.sets * (3 if e.sides else 1) for e in section.exercises)
        units = sum(e.sets * (2 if e.sides else 1) for e in section.exercises)
        total += 1 + section.rounds * (steps + units)
    return total


def load_routine(path: str | Path) -> Routine:
    """Read and validate a routine file; RoutineError for anything a person can fix."""
    return parse_routine(read_routine_text(Path(path)), str(path))


def read_routine_text(path: Path) -> str:
    """A routine file's text, or a RoutineError saying why it is not one.

    Only a regular file is a routine. It is opened without blocking (a named pipe would
    wait for a writer forever), checked on the open file (`fstat`: what was opened, not
    what the name pointed at a moment before), and read to at most the limit + 1 bytes
    whatever its size says (/dev/zero says 0 and never ends)."""
    data = _read_limited(path, str(path))
    return _decode(data, str(path))


def refuse_odd_file(path: Path) -> None:
    """RoutineError when `path` is there but is no file at all (a device, a named pipe, a
    socket, a link loop): the window refuses it at once, as `check` does. A missing or
    broken file is left to the window, which says what is wrong and offers others."""
    try:
        os.close(_open_regular(path, str(path)))
    except RoutineError as exc:
        if any(kind in str(exc) for _, kind in NOT_FILES) or "leads back" in str(exc):
            raise
    except OSError:
        pass


def _open_regular(path: Path, source: str) -> int:
    """An open descriptor on a regular file (blocking reads), or a RoutineError."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise RoutineError(source, [Problem(_missing(path))]) from None
    except IsADirectoryError:
        raise RoutineError(source, [Problem("this is a folder, not a routine file")]) from None
    except PermissionError:
        raise RoutineError(source, [Problem("the file cannot be read (permission denied)")]
                           ) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket cannot even be opened: say what it is
            with contextlib.suppress(OSError):
                _refuse_odd_mode(os.stat(path).st_mode, source)
        raise RoutineError(source, [Problem(_unreadable(exc))]) from None
    try:
        _refuse_odd_mode(os.fstat(fd).st_mode, source)
        os.set_blocking(fd, True)  # a regular file: blocking reads are safe and whole
    except BaseException:
        os.close(fd)
        raise
    return fd


def _refuse_odd_mode(mode: int, source: str) -> None:
    """RoutineError when the file is a folder, a device, a named pipe or a socket."""
    if stat.S_ISDIR(mode):
        raise RoutineError(source, [Problem("this is a folder, not a routine file")])
    for test, kind in NOT_FILES:
        if test(mode):
            raise RoutineError(source, [Problem(
                f"this is {kind}, not a file: a routine is a .yaml file")])


def _read_limited(path: Path, source: str) -> bytes:
    fd = _open_regular(path, source)
    try:
        chunks, total = [], 0
        while total <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise RoutineError(source, [Problem(_unreadable(exc))]) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:
        raise RoutineError(source, [Problem("the file is over 1 MiB; a routine file may be "
                                            "at most 1 MiB")])
    return data


def _missing(path: Path) -> str:
    if path.is_symlink():
        return f"this is a symbolic link to {os.readlink(path)}, which does not exist"
    return "no such file"


def _unreadable(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return ("this is a symbolic link that leads back to itself; link it to a "
                "routine file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "the file cannot be read (permission denied)"
    return f"the file cannot be read ({exc.strerror})"


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise RoutineError(source, [Problem("a routine file may be at most 1 MiB")])
    if b"\x00" in data:
        raise RoutineError(source, [Problem("this is not a text file (it contains NUL bytes)")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RoutineError(source, [Problem(
            f"byte 0x{data[exc.start]:02x} is not UTF-8 text; save the file as UTF-8",
            "", line, column)]) from None
