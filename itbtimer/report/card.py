"""The routine card: a routine on one page, to pin on the wall or send to someone. Its
sections, and for each exercise its sets, duration, sides, rest, cue and how-to; the text
made smaller until it fits one page (and past the smallest that prints readably, onto a
second)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from itbtimer.core.durations import seconds_text
from itbtimer.core.plan import build_plan
from itbtimer.core.routine import SIDE_NAMES, Exercise, ExerciseMode, Rest, Routine, Section
from itbtimer.report.ink import INK, QUIET
from itbtimer.report.paper import Paper

if TYPE_CHECKING:
    from itbtimer.report.sheet import Sheet

SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)  # pt, tried largest first
INDENT = 4.0  # mm: an exercise's lines under its name
COLUMNS, GUTTER = 2, 7.0  # mm between the columns


def what(exercise: Exercise) -> str:
    """"2 sets × 30 s, each side, rest 30-45 s", "8-12 reps", "until shaking"."""
    if exercise.mode == ExerciseMode.REPS:
        each = f"{exercise.reps} reps"
        if exercise.tempo:
            each += " at tempo " + "-".join(str(s) for s in exercise.tempo)
    elif exercise.mode == ExerciseMode.UNTIL:
        each = f"hold until {exercise.until}"
    else:
        each = seconds_text(exercise.work or 0)
    parts = [f"{exercise.sets} sets × {each}" if exercise.sets > 1 else each]
    if exercise.sides:
        sides = "each side" if exercise.sides == SIDE_NAMES else " and ".join(exercise.sides)
        parts.append(f"all sets {' then '.join(exercise.sides)}" if exercise.all_sets_per_side
                     and exercise.sets > 1 else sides)
    if exercise.sets > 1 and exercise.rest.max_seconds:
        parts.append(f"rest {rest_text(exercise.rest)} between sets")
    return " · ".join(parts)


def rest_text(rest: Rest) -> str:
    if rest.flexible:
        return f"{rest.min_seconds}-{rest.max_seconds} s"
    return seconds_text(rest.max_seconds)


def section_title(section: Section) -> str:
    rounds = f" · {section.rounds} rounds" if section.rounds > 1 else ""
    return f"{section.name}{rounds}"


@dataclass(frozen=True)
class Para:
    """A paragraph of the card: its text, its size as a share of the card's, its look."""

    text: str
    scale: float = 1.0
    bold: bool = False
    indent: float = 0.0
    quiet: bool = False
    before: float = 0.0  # mm of space above it


Block = tuple[Para, ...]  # kept together in one column: a section's title and first exercise


def blocks(routine: Routine) -> list[Block]:
    """The card's body: an exercise a block, its section's title and notes with the first."""
    out: list[Block] = []
    for section in routine.sections:
        head = [Para(section_title(section), 1.25, bold=True, before=2.5)]
        head += [Para(line, 0.9, quiet=True) for line in (section.note, section.cue) if line]
        for n, exercise in enumerate(section.exercises):
            out.append((*(head if n == 0 else ()), *_exercise(exercise)))
    return out


def _exercise(exercise: Exercise) -> list[Para]:
    paras = [Para(f"{exercise.name} — {what(exercise)}", bold=True, before=1.2)]
    if exercise.cue:
        paras.append(Para(f"Cue: {exercise.cue}", indent=INDENT))
    if exercise.how:
        paras.append(Para(" ".join(exercise.how.split()), 0.9, indent=INDENT, quiet=True))
    if exercise.link:
        paras.append(Para(exercise.link, 0.9, indent=INDENT, quiet=True))
    return paras


def header(routine: Routine) -> list[Para]:
    about = [build_plan(routine).total_text()]
    if routine.per_week:
        about.append(f"{routine.per_week} times a week")
    if routine.ask:
        about.append(f"afterwards: {routine.ask}, 0 to 10")
    paras = [Para(routine.name, 1.7, bold=True), Para(" · ".join(about), 0.9, quiet=True)]
    paras += [Para(line) for line in (routine.description,
                                      routine.cue and f"Throughout: {routine.cue}") if line]
    return paras


def card_pdf(routine: Routine, paper: Paper, made: datetime) -> bytes:
    """The card as a PDF: in two columns on one page, at the largest size that fits (and
    at the smallest, on as many pages as it takes)."""
    from itbtimer.report.sheet import Sheet  # fpdf2: loaded when a PDF is made

    sheet = Sheet(paper, routine.name, made)
    top, body = header(routine), blocks(routine)
    size = next((size for size in SIZES if _fits(sheet, top, body, size)), SIZES[-1])
    _write(sheet, top, size)
    columns = sheet.columns(COLUMNS, GUTTER)
    first = sheet.y + 2.0
    place = 0
    sheet.column(*columns[place], first)
    for block in body:
        if sheet.y > first and _height(sheet, block, size) > sheet.room:
            place = (place + 1) % COLUMNS
            if place == 0:
                sheet.pdf.add_page()
                first = sheet.y
            sheet.column(*columns[place], first)
        _write(sheet, block, size)
    return sheet.output()


def _fits(sheet: Sheet, top: list[Para], body: list[Block], size: float) -> bool:
    """Do the header and the blocks (in the columns below it) fit one page at `size`?"""
    room = sheet.room - _height(sheet, tuple(top), size) - 2.0
    columns = sheet.columns(COLUMNS, GUTTER)
    sheet.column(*columns[0], sheet.y)
    used, place = 0.0, 0
    for block in body:
        height = _height(sheet, block, size)
        if used and used + height > room:
            used, place = 0.0, place + 1
            if place == len(columns):
                break
        used += height
    sheet.whole_width()
    return place < len(columns)


def _height(sheet: Sheet, block: Block, size: float) -> float:
    return sum(p.before + sheet.paragraph_height(p.text, size * p.scale, p.indent, p.bold)
               for p in block)


def _write(sheet: Sheet, paras: Block | list[Para], size: float) -> None:
    for para in paras:
        sheet.gap(para.before)
        sheet.paragraph(para.text, size * para.scale, para.indent,
                        colour=QUIET if para.quiet else INK, bold=para.bold)
