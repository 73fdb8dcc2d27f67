"""`itbtimer report`: a routine's weeks, pain and holds as a PDF for the physio, or with
--routine-card the routine itself on one page.

Exit codes: 0 written, 2 it cannot be (an unknown routine, no sessions, a place the PDF
cannot go; the message says which).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from itbtimer.cli.history import routine_matches
from itbtimer.core.escaping import escaped
from itbtimer.core.routine import Routine
from itbtimer.errors import ItbtimerError, ReportError
from itbtimer.history import HistoryStore
from itbtimer.report.output import not_pdf_note, save_pdf
from itbtimer.report.paper import Paper, paper_for
from itbtimer.report.words import DEFAULT_WEEKS, MOST_WEEKS
from itbtimer.routine_files import load_routine
from itbtimer.routine_files.bundled import DEFAULT_ROUTINE, resolve_routine

PAPERS = {paper.value.lower(): paper for paper in Paper}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("routine", nargs="?", default=DEFAULT_ROUTINE, metavar="ROUTINE",
                   help=f"routine file or name, or a routine the history holds sessions of "
                        f"(default: {DEFAULT_ROUTINE})")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                   help="where to write the PDF")
    p.add_argument("--weeks", type=_weeks, default=DEFAULT_WEEKS, metavar="N",
                   help=f"the last N weeks, this one included (default {DEFAULT_WEEKS})")
    p.add_argument("--routine-card", action="store_true",
                   help="the routine on one page instead (sections, exercises, sets, "
                        "durations, sides, cues, how-to), to pin on the wall")
    p.add_argument("--history", metavar="FOLDER",
                   help="the history kept in FOLDER (default: itbtimer's own data folder)")
    p.add_argument("--paper", choices=sorted(PAPERS), type=str.lower,
                   help="a4 or letter (default: letter where the locale's country uses it, "
                        "as in en_US or fr_CA; a4 elsewhere)")


def _weeks(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MOST_WEEKS:
        raise argparse.ArgumentTypeError(
            f"a whole number of weeks from 1 to {MOST_WEEKS} (not '{text}')")
    return int(text)


def run_report(args: argparse.Namespace, store: HistoryStore | None = None,
               now: datetime | None = None) -> int:
    # the PDF library takes a moment to load: only here, never for the other commands
    from itbtimer.report.card import card_pdf
    from itbtimer.report.document import gather, report_pdf

    now = now or datetime.now().astimezone()
    paper = PAPERS[args.paper] if args.paper else paper_for(os.environ)
    target = Path(args.output).expanduser()
    if args.routine_card:
        routine = load_routine(resolve_routine(args.routine))
        written = save_pdf(target, card_pdf(routine, paper, now))
        print(escaped(f"Wrote the routine card of {routine.name} to {written}"))
        _note(target)
        return 0
    store = store or HistoryStore(Path(args.history) if args.history else None)
    identity, name, per_week, its_file = _which(args.routine, store)
    data = gather(store, identity, name, per_week, now, args.weeks, its_file)
    written = save_pdf(target, report_pdf(data, paper))
    print(escaped(f"Wrote the report of {name}, {data.period.text()}, to {written}"))
    _note(target)
    return 0


def _note(target: Path) -> None:
    note = not_pdf_note(target)
    if note:
        print(escaped(note), file=sys.stderr)


def _which(wanted: str, store: HistoryStore) -> tuple[str, str, int | None, Routine | None]:
    """The routine's identity, name, target and itself: from its file when there is one (so
    a renamed routine's report has its name now), else the history's one routine that
    matches `wanted` (a routine file deleted since)."""
    try:
        routine = load_routine(resolve_routine(wanted))
        return routine.identity, routine.name, routine.per_week, routine
    except ItbtimerError as exc:
        recorded = store.routines()
        found = [r for r in recorded if routine_matches(wanted, r.identity, None)
                 or routine_matches(wanted, r.name, r.file)]
        if len(found) == 1:
            return found[0].identity, found[0].name, None, None
        known = ", ".join(r.name for r in (found or recorded)) or "none yet"
        if found:
            raise ReportError(f"{wanted!r} matches several recorded routines: {known}; "
                              "name one of them") from None
        raise ReportError(f"{exc}\nNor has the history sessions of {wanted!r} (recorded "
                          f"routines: {known})") from None
