"""YAML syntax errors in plain words: the line to change, how to change it, and a caret.

PyYAML says where it noticed a problem in its own terms ("expected <block end>",
"mapping values are not allowed here"), often a line after the mistake. Here each
kind of error is matched to the mistake a person makes (indentation, a colon in a
text, a missing colon, a tab, an unclosed quote or bracket, `-name`), pointed at
the line that must change, and said without parser words.

Each mistake also says how its line would read mended (the colon added, the text
quoted, the line lined up), so that the loader can read on past it and list every
mistake of the file at once; a line that cannot be mended is set aside (read as blank).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from itbtimer.core.escaping import HIDDEN
from itbtimer.errors import Problem

_ITEM = re.compile(r"^(\s*)-(?:\s+|$)")
_KEY = re.compile(r"""^\s*(?:-\s+)*([^\s:#'"{}\[\],][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)""")


def excerpt(lines: list[str], line: int, column: int) -> str:
    """The line (1-based) as the person wrote it, and a caret under the column; a hidden
    character (core.escaping.HIDDEN) shows as one "?", so the caret stays under it."""
    if not 1 <= line <= len(lines):
        return ""
    text = "".join("→" if c == "\t" else "?" if unicodedata.category(c) in HIDDEN else c
                   for c in lines[line - 1])
    col = max(1, column) - 1
    if len(text) > 90:
        start = max(0, min(col - 40, len(text) - 90))
        text, col = ("…" if start else "") + text[start:start + 90], col - start + bool(start)
    return f"    {text}\n    {' ' * col}^"


@dataclass(frozen=True)
class Mistake:
    """A syntax mistake: what to tell the person, and its line as it would read mended."""

    problem: Problem
    mended: str | None = None  # None: the line cannot be mended; set it aside


def _problem(lines: list[str], message: str, line: int, column: int,
             mended: str | None = None) -> Mistake:
    return Mistake(Problem(message, "", line, column, excerpt(lines, line, column)), mended)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_column(text: str) -> int:
    """Where the key of a line starts: after the `- ` of a list entry (of each: `- - x`)."""
    match = _ITEM.match(text)
    if match is None:
        return _indent(text)
    column = 0
    while match:  # each match takes at least the dash: this ends
        column += match.end()
        match = _ITEM.match(text[column:])
    return column


def _meaningful(lines: list[str], before: int) -> list[int]:
    """0-based indexes of the lines above `before` that hold something, nearest first."""
    return [i for i in range(min(before, len(lines)) - 1, -1, -1)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")]


def _first_word(text: str) -> str:
    body = text.strip()
    body = body[2:].strip() if body.startswith("- ") else body
    return body.split(":")[0].strip() if ":" in body else body.split(" ")[0]


def _indentation(lines: list[str], index: int) -> Mistake:
    """Line `index` (0-based) is not lined up with its neighbours."""
    text = lines[index]
    is_item = bool(_ITEM.match(text))
    own = _indent(text) if is_item else _key_column(text)
    best: tuple[int, int] | None = None  # (line index, its column)
    for i in _meaningful(lines, index):
        other = lines[i]
        if is_item and not _ITEM.match(other):
            continue
        column = _indent(other) if is_item else _key_column(other)
        if column != own and abs(column - own) <= 3 and (is_item or _KEY.match(other)):
            best = (i, column)
            break
        if column < own - 3:
            break
    word = _first_word(text)
    if best is None:
        message = (f"line {index + 1} is not indented like the lines around it: line up each "
                   "`key:` with the other keys of its group, and each `- ` entry with the "
                   "other entries")
    elif is_item:
        entry = f"`- {word}:`" if _KEY.match(text) else "`- `"
        message = (f"line {index + 1} is indented {own} spaces, its neighbours {best[1]}: "
                   f"line the {entry} entries up")
    else:
        above = _first_word(lines[best[0]])
        message = (f"line {index + 1} is indented {own} spaces, its neighbours {best[1]}: "
                   f"line `{word}:` up under `{above}:` (line {best[0] + 1})")
    mended = None if best is None else " " * (best[1] - own + _indent(text)) + text.lstrip(" ")
    return _problem(lines, message, index + 1, own + 1, mended)


def _missing_colon(lines: list[str], index: int) -> Mistake:
    text = lines[index]
    body = text.strip()
    prefix = "- " if body.startswith("- ") else ""
    body = body[len(prefix):].strip()
    word, _, rest = body.partition(" ")
    fixed = f"{prefix}{word}: {rest.strip()}".rstrip()
    return _problem(lines, f"line {index + 1} has no colon after `{word}`: write `{fixed}`",
                    index + 1, _key_column(text) + 1, " " * _indent(text) + fixed)


def _looks_like_missing_colon(text: str) -> bool:
    body = text.strip()
    body = body[2:].strip() if body.startswith("- ") else body
    return bool(body) and ":" not in body and not body.startswith(("#", "-", "[", "{", "'", '"'))


def _colon_in_text(lines: list[str], index: int, column: int) -> Mistake | None:
    text = lines[index]
    match = _KEY.match(text)
    if not match or match.end() > column:
        return None
    key = match.group(1)
    value = text[match.end():].split(" #")[0].strip()
    quoted = f"'{value}'" if '"' in value else f'"{value}"'
    message = (f"a text containing `: ` must be in quotes: {key}: {quoted}")
    return _problem(lines, message, index + 1, column + 1, text[:match.end()] + quoted)


def _mapping_values(lines: list[str], index: int, column: int) -> Mistake:
    found = _colon_in_text(lines, index, column)
    if found:
        return found
    above = _meaningful(lines, index)
    if above and _looks_like_missing_colon(lines[above[0]]):
        return _missing_colon(lines, above[0])
    return _indentation(lines, index)


def _flow_openers(text: str, end: int) -> list[tuple[int, int, str]]:
    """The `[` and `{` still open at `end`, as (line, column, bracket), 0-based."""
    stack: list[int] = []  # where each open bracket is, in `text`
    quote = ""
    comment = False
    previous = "\n"
    for i, ch in enumerate(text[:end]):
        if ch == "\n":
            comment, previous = False, "\n"
            if not quote:
                continue
        if comment:
            continue
        if quote:
            quote = "" if ch == quote else quote
        elif ch == "#" and previous in " \t\n":
            comment = True
            continue
        elif ch in "'\"" and (previous in ":-[{,\n" or (stack and previous in " ,[{")):
            quote = ch
        else:
            _track_bracket(stack, text, i)
        if ch not in " \t":
            previous = ch
    return [(*place_of(text, i), text[i]) for i in stack]


def place_of(text: str, index: int) -> tuple[int, int]:
    """(line, column) of a character of `text`, both from 0, as PyYAML's marks count."""
    return text.count("\n", 0, index), index - (text.rfind("\n", 0, index) + 1)


def _track_bracket(stack: list[int], text: str, i: int) -> None:
    """`[` and `{` open a list or a group where a value may start; `]` and `}` close one."""
    if text[i] in "[{" and (stack or _starts_value(text, i)):
        stack.append(i)
    elif text[i] in "]}" and stack:
        stack.pop()


def _starts_value(text: str, i: int) -> bool:
    before = text[:i].rstrip(" ")
    return not before or before[-1] in "\n:-,[{"


def _unclosed_bracket(lines: list[str], text: str, end: int) -> Mistake | None:
    openers = _flow_openers(text, end)
    if not openers:
        return None
    line, column, bracket = openers[-1]
    close, what = ("]", "list") if bracket == "[" else ("}", "group")
    return _problem(lines, f"the `{bracket}` on line {line + 1} is never closed: end the "
                    f"{what} with `{close}` on the same line", line + 1, column + 1)


def _unclosed_quote(lines: list[str], mark: yaml.Mark) -> Mistake:
    line = lines[mark.line] if mark.line < len(lines) else ""
    quote = line[mark.column] if mark.column < len(line) else '"'
    return _problem(lines, f"the quote {quote} on line {mark.line + 1} is never closed: put "
                    f"a {quote} at the end of the text too", mark.line + 1, mark.column + 1,
                    line.rstrip() + quote)


def _without_tabs(lines: list[str], index: int) -> str:
    """The line with its tabs turned into spaces; a tab-indented line is lined up with the
    nearest line above (a key under its neighbours' keys, a `- ` entry under the entries)."""
    text = lines[index]
    body = text.lstrip(" \t")
    if body == text.lstrip(" "):
        return text.replace("\t", " ")
    above = _meaningful(lines, index)
    if not above:
        return body.replace("\t", " ")
    other = lines[above[0]].replace("\t", " ")
    if other.split(" #")[0].rstrip().endswith(":"):
        column = _indent(other) + 2 if _ITEM.match(body) else _key_column(other) + 2
    elif _ITEM.match(body):
        column = next((_indent(lines[i]) for i in above if _ITEM.match(lines[i])),
                      _indent(other))
    else:
        column = _key_column(other)
    return " " * column + body.replace("\t", " ")


def mistake_in(exc: yaml.YAMLError, text: str) -> Mistake:
    """The mistake behind a YAML syntax error in `text`, in plain words."""
    lines = text.splitlines()
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = (n + 1 for n in place_of(text, exc.position))
        return _problem(lines, f"line {line} has a character that cannot be in a text file "
                        f"(U+{exc.character:04X}); remove it", line, column)
    problem = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None)
    if mark is None:
        return Mistake(Problem("this file cannot be read as a routine; check its "
                               "indentation, colons and quotes"))
    index, column = mark.line, mark.column
    found = _explain_marked(lines, text, problem, context, mark, start)
    if found:
        return found
    return _problem(lines, f"line {index + 1} cannot be read: check the indentation, the "
                    "colons (`key: value`) and the quotes on this line and the one above it",
                    index + 1, column + 1)


@dataclass(frozen=True)
class _Marked:
    """A PyYAML error that says where it happened: its words, and the place."""

    lines: list[str]
    text: str
    problem: str
    context: str
    mark: yaml.Mark
    start: yaml.Mark | None  # where the construct it was reading began (a quote, a key)

    @property
    def index(self) -> int:
        return int(self.mark.line)

    @property
    def column(self) -> int:
        return int(self.mark.column)

    @property
    def on_a_line(self) -> bool:
        return self.index < len(self.lines)

    def here(self, message: str, mended: str | None = None) -> Mistake:
        return _problem(self.lines, message, self.index + 1, self.column + 1, mended)


def _tab(m: _Marked) -> Mistake:
    where = "starts with" if m.column <= _indent(m.lines[m.index]) else "has"
    return m.here(f"line {m.index + 1} {where} a tab: indent with spaces only (an editor can "
                  "be set to insert spaces for the Tab key)", _without_tabs(m.lines, m.index))


def _in_quotes(m: _Marked) -> Mistake:
    assert m.start is not None
    if "escape" in m.problem:
        return m.here("a `\\` inside \"double quotes\" starts a special character: use "
                      "'single quotes', or write `\\\\`")
    return _unclosed_quote(m.lines, m.start)


def _no_colon(m: _Marked) -> Mistake:
    assert m.start is not None
    return _missing_colon(m.lines, m.start.line)


def _open_bracket(m: _Marked) -> Mistake | None:
    return _unclosed_bracket(m.lines, m.text, m.mark.index)


def _values_not_allowed(m: _Marked) -> Mistake:
    return _mapping_values(m.lines, m.index, m.column)


def _block_ends_early(m: _Marked) -> Mistake:
    if "'<scalar>'" in m.problem and m.column > _key_column(m.lines[m.index]):
        return m.here(f"line {m.index + 1} has more text after a closing quote: put the whole "
                      "text inside the quotes")
    above = _meaningful(m.lines, m.index)
    if above and _looks_like_missing_colon(m.lines[above[0]]) and not _ITEM.match(
            m.lines[above[0]]):
        return _missing_colon(m.lines, above[0])
    return _indentation(m.lines, m.index)


def _bad_start(m: _Marked) -> Mistake:
    line = m.lines[m.index]
    ch = line[m.column] if m.column < len(line) else "?"
    key = _KEY.match(line)
    value = line[key.end():].strip() if key else ""
    like = f'{key.group(1)}: "{value}"' if key else f'"{ch}…"'
    mended = f'{line[:key.end()]}"{value}"' if key and '"' not in value else None
    return m.here(f"a text cannot start with `{ch}`: put the text in quotes, like {like}",
                  mended)


def _undefined_alias(m: _Marked) -> Mistake:
    return m.here("this `*name` refers to an `&name` that is not defined above it")


def _text_after_quote(m: _Marked) -> Mistake:
    return m.here(f"line {m.index + 1} has more text after a closing quote or bracket: put the "
                  "whole text inside the quotes")


# What PyYAML said -> the mistake a person made, in this order; the first whose test holds
# explains the error (its explanation may still be None: then nothing more is tried).
_MARKED: tuple[tuple[Callable[[_Marked], bool], Callable[[_Marked], Mistake | None]], ...] = (
    (lambda m: "'\\t'" in m.problem, _tab),
    (lambda m: "quoted scalar" in m.context and m.start is not None, _in_quotes),
    (lambda m: "could not find expected ':'" in m.problem and m.start is not None, _no_colon),
    (lambda m: "flow" in m.context or "flow" in m.problem, _open_bracket),
    (lambda m: "mapping values are not allowed" in m.problem and m.on_a_line,
     _values_not_allowed),
    (lambda m: (m.problem.startswith("expected <block end>")
                or "did not find expected" in m.problem) and m.on_a_line, _block_ends_early),
    (lambda m: "cannot start any token" in m.problem and m.on_a_line, _bad_start),
    (lambda m: "undefined alias" in m.problem, _undefined_alias),
    (lambda m: "expected a comment or a line break" in m.problem, _text_after_quote),
    (lambda m: "end of stream" in m.problem and not m.on_a_line, _open_bracket),
)


def _explain_marked(lines: list[str], text: str, problem: str, context: str,
                    mark: yaml.Mark, start: yaml.Mark | None) -> Mistake | None:
    marked = _Marked(lines, text, problem, context, mark, start)
    for applies, explanation in _MARKED:
        if applies(marked):
            return explanation(marked)
    return None


def stray_dashes(text: str) -> list[Mistake]:
    """`-name: B` (no space after the dash) reads as a key called `-name`; find each one."""
    lines = text.splitlines()
    found = []
    block_indent: int | None = None  # inside a `|` or `>` text, lines deeper than this
    for i, line in enumerate(lines):
        indent = _indent(line)
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        match = re.match(r"^(\s*)-([A-Za-z_\"'])", line)
        if match and not line.startswith("---"):
            word = _first_word(line[indent + 1:])
            rest = line[indent + 1:].strip()
            found.append(_problem(lines, f"`-{word}` needs a space after the `-`: write "
                                  f"`- {rest}`", i + 1, indent + 1,
                                  f"{line[:indent]}- {line[indent + 1:]}"))
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line):
            block_indent = indent
    return found
