"""`itbtimer history`: recent sessions, each routine's weeks, holds and pain; corrections,
import and export.

Exit codes: 0 done, 1 nothing matched (`--routine`, an unknown id), 2 the history
cannot be read or written (the message says why).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from itbtimer.atomic import write_atomic
from itbtimer.cli.terminal import shorten, utf8_text
from itbtimer.core.counting import counted
from itbtimer.core.durations import format_clock, format_hms
from itbtimer.core.enums import StrEnum
from itbtimer.core.escaping import escaped, spreadsheet_cell
from itbtimer.core.runs import METRES, DistanceUnit, RunEntryError, check_note, format_distance
from itbtimer.history import HistoryError, HistoryStore, Listed, Recorded, SessionRecord
from itbtimer.history.figures import (
    ASYMMETRY_WEEKS,
    Progress,
    hold_lines,
    pain_label,
    reps_lines,
)
from itbtimer.history.records import DamagedRow, RunRecord

RECENT = 15
NAME_WIDTH = 26
SESSION_FIELDS = ("date", "time", "week", "routine", "minutes", "completed", "practice",
                  "pain", "morning")  # then one column per held exercise, then note and session_id
RUN_FIELDS = ("date", "time", "week", "distance_km", "distance_mi", "unit", "minutes", "pain",
              "pain_from_km", "pain_free_km", "note", "run_id")
STEP_FIELDS = ("session_id", "session_start", "session_end", "routine", "completed", "pain",
              "morning", "practice", "speed", "name", "side", "set", "round", "mode",
              "planned_seconds", "active_seconds", "skipped", "status", "added_seconds", "reps",
              "until", "time_seconds", "reps_done")


class ExportFormat(StrEnum):
    """What `--export FILE` writes, chosen by the ending of FILE."""

    JSON_LINES = "jsonl"  # one record a line, as the history keeps it (FILE.jsonl, FILE.json)
    SESSIONS_CSV = "csv"  # one row a session, for a spreadsheet of weeks (FILE.csv)
    STEPS_CSV = "steps.csv"  # one row a step, with its session's fields (FILE.steps.csv)
    RUNS_CSV = "runs.csv"  # one row a run (FILE.runs.csv)


EXPORT_FORMATS = {".jsonl": ExportFormat.JSON_LINES, ".json": ExportFormat.JSON_LINES,
                  ".csv": ExportFormat.SESSIONS_CSV, ".steps.csv": ExportFormat.STEPS_CSV,
                  ".runs.csv": ExportFormat.RUNS_CSV}


def export_format(target: Path) -> ExportFormat | None:
    """What FILE's ending asks for: the longest ending that matches (.steps.csv before .csv)."""
    name = target.name.lower()
    endings = sorted(EXPORT_FORMATS, key=len, reverse=True)
    return next((EXPORT_FORMATS[e] for e in endings if name.endswith(e) and name != e), None)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--routine", type=utf8_text, metavar="NAME",
                        help="only routines whose name or file contains NAME (any case)")
    parser.add_argument("--export", metavar="FILE",
                        help="write every session: FILE.jsonl (one record a line, runs too), "
                             "FILE.csv (one row per session: date, routine, minutes, "
                             "completed, practice, pain, morning, the longest hold of each "
                             "exercise, note), FILE.steps.csv (one row per step) or FILE.runs.csv "
                             "(one row per run)")
    parser.add_argument("--import", dest="import_file", metavar="FILE.jsonl",
                        help="merge sessions from another machine (ids already here skipped)")
    parser.add_argument("--delete", type=utf8_text, metavar="ID",
                        help="delete a session (undo: --undelete)")
    parser.add_argument("--undelete", type=utf8_text, metavar="ID",
                        help="restore a deleted session")
    parser.add_argument("--pain", type=utf8_text, nargs=2, metavar=("ID", "SCORE"),
                        help="set a session's pain score, its answer to the routine's question "
                             "(0-10, or 'none')")
    parser.add_argument("--morning", type=utf8_text, nargs=2, metavar=("ID", "SCORE"),
                        help="set a session's morning-after score, the same question asked "
                             "the next morning (0-10, or 'none')")
    parser.add_argument("--note", type=utf8_text, nargs=2, metavar=("ID", "TEXT"),
                        help="set a session's or a run's note, one line ('' removes it)")


def run_history(args: argparse.Namespace, store: HistoryStore | None = None,
                today: date | None = None) -> int:
    store = store or HistoryStore()
    try:
        morning: list[str] | None = getattr(args, "morning", None)
        note: list[str] | None = getattr(args, "note", None)
        writes = (args.delete or args.undelete or args.pain or morning or note
                  or args.import_file)
        for message in _start(store, reading=not writes):
            print(escaped(message), file=sys.stderr)
        if writes:
            return _write(store, args, morning, note)
        recorded = store.routines()
        chosen = _matching(recorded, args.routine)
        if not chosen and args.routine:
            known = ", ".join(escaped(r.name) for r in recorded) or "none"
            print(f"No sessions of {escaped(repr(args.routine))}. Recorded routines: {known}",
                  file=sys.stderr)
            return 1
        identities = [r.identity for r in chosen] if args.routine else None
        if args.export:
            return _export(store, identities, Path(args.export))
        return _show(store, chosen, identities, today or date.today(), args.json)
    except HistoryError as exc:
        print(f"itbtimer: {escaped(str(exc))}", file=sys.stderr)
        return 2


def _write(store: HistoryStore, args: argparse.Namespace, morning: list[str] | None,
           note: list[str] | None) -> int:
    """The corrections (--delete, --undelete, --note, --pain, --morning) and --import."""
    if args.delete:
        gone = store.delete(args.delete)
        print(f"Deleted {_which(gone)} (undo: itbtimer history --undelete {gone.short_id})")
        return 0
    if args.undelete:
        print(f"Restored {_which(store.undelete(args.undelete))}")
        return 0
    if note:
        return _set_note(store, note[0], note[1])
    answer = args.pain or morning  # after the session, or the morning after
    if answer:
        return _set_pain(store, answer[0], answer[1], morning=not args.pain)
    report = store.import_jsonl(Path(args.import_file))
    print(escaped(report.text(args.import_file)))
    for line in report.reasons():
        print(escaped(line))
    return 0


def _start(store: HistoryStore, reading: bool) -> list[str]:
    """What a start does first: import the old file and pending records, recover crashes.
    When that cannot be written (a full or read-only disk), a command that only reads
    goes on and says so: reading never needs writing."""
    recovered = store.recover()
    if store.notice and not reading:
        raise HistoryError(store.notice)
    messages = list(store.messages)
    if store.notice:
        messages.append(f"itbtimer: {store.notice}; saving waits until it can write")
    messages += [f"Recorded the session interrupted on {r.start:%a %d %b %Y %H:%M}"
                 for r in recovered]
    return messages


def _one(short_id: str, start: Any, routine: str) -> str:
    return f"{short_id} ({start:%a %d %b %Y %H:%M}, {escaped(routine)})"


def _which(record: SessionRecord | RunRecord | DamagedRow) -> str:
    """A session ("1a2b3c4d (Mon 07 Dec 2026 18:00, ITB recovery)"), a run ("the run
    1a2b3c4d (Mon 07 Dec 2026, 5.2 km)"), or a damaged one ("the damaged run 1a2b3c4d")."""
    if isinstance(record, DamagedRow):
        return f"the damaged {record.kind} {record.short_id}"
    if isinstance(record, RunRecord):
        return (f"the run {record.short_id} ({record.start:%a %d %b %Y}, "
                f"{format_distance(record.distance_m, record.unit)})")
    return _one(record.short_id, record.start, record.routine)


def _set_note(store: HistoryStore, record_id: str, text: str) -> int:
    """--note ID TEXT: a session's or a run's note; '' removes it."""
    try:
        note = check_note(text)
    except RunEntryError as exc:
        print(f"itbtimer: {exc}", file=sys.stderr)
        return 2
    changed = store.set_note(record_id, note)
    said = "removed" if note is None else escaped(repr(note))
    print(f"Note of {_which(changed)}: {said}")
    return 0


def _set_pain(store: HistoryStore, record_id: str, score: str, morning: bool = False) -> int:
    """--pain ID SCORE, or (morning) --morning ID SCORE: the same 0-10 answer, after the
    session or the morning after."""
    if score.lower() in ("none", "-"):
        pain = None
    elif score.isascii() and score.isdigit() and 0 <= int(score) <= 10:
        pain = int(score)
    else:
        print(f"itbtimer: the pain score must be a whole number from 0 to 10, or none "
              f"(not {escaped(repr(score))})", file=sys.stderr)
        return 2
    changed = (store.set_morning if morning else store.set_pain)(record_id, pain)
    which = _one(changed.short_id, changed.start, changed.routine)
    when = " the morning after" if morning else ""
    print(f"{escaped(pain_label(changed.question))}{when} of {which}: "
          f"{'none' if pain is None else pain}")
    return 0


def _matching(recorded: list[Recorded], wanted: str | None) -> list[Recorded]:
    """The routines whose identity, newest name or file contains `wanted`, any case (a
    copy's or a renamed routine's sessions are found by either name); all without it."""
    if not wanted:
        return recorded
    return [r for r in recorded if routine_matches(wanted, r.identity, None)
            or routine_matches(wanted, r.name, r.file)]


def routine_matches(wanted: str, name: str, file: str | None) -> bool:
    """Any part of the name or of the file path, any case: `tabata` finds
    "Tabata - squats and mountain climbers"."""
    key = wanted.casefold()
    return key in name.casefold() or (file is not None and key in file.casefold())


# --- showing -------------------------------------------------------------------------


def _show(store: HistoryStore, chosen: list[Recorded], identities: list[str] | None,
          today: date, as_json: bool) -> int:
    listed = store.listing(identities, RECENT)
    runs = store.runs(RECENT)
    figures = [(r, store.progress(today, r.identity, series=as_json)) for r in chosen]
    if as_json:
        return _json(listed, figures, runs)
    if not listed and not runs:
        print(escaped(f"No sessions recorded yet ({store.path})."))
        return 0
    if listed:
        print("\n".join(_table(listed)))
    for routine, summary in figures:
        if summary.last_session is None and summary.this_week == 0:
            continue  # only practice runs
        print()
        print(escaped(routine.name))
        print("  " + summary.week_text())
        print("  Weeks: " + "  ".join(f"{monday:%d %b} {n}" for monday, n in summary.weeks[-8:]))
        for line in hold_lines(summary.holds) + reps_lines(summary.reps):
            print("  " + escaped(line))
        for asymmetry in summary.asymmetries:
            print("  " + escaped(asymmetry.text()))
        _print_answers(store, routine.identity, summary.pain_label())
    damaged = store.damaged_runs(RECENT)  # among the runs listed, as the sessions' are
    if runs or damaged:
        print()
        print("\n".join(_run_table(runs)))
    for record_id, why in damaged:
        print(f"{record_id[:8]:8}  damaged run ({escaped(why)}); "
              f"itbtimer history --delete {record_id[:8]}")
    return 0


def _run_table(runs: list[RunRecord]) -> list[str]:
    """The newest runs: how far, how long, the pain and how far before it, the note."""
    lines = ["Runs (never counted as sessions)",
             f"{'ID':8}  {'Day':15}  {'Distance':>8}  {'Time':>7}  {'Pain':>4}  "
             f"{'Before pain':>11}  Note"]
    for run in runs:
        free = run.pain_free_m
        lines.append(
            f"{run.short_id:8}  {run.start:%a %d %b %Y}  "
            f"{format_distance(run.distance_m, run.unit):>8}  "
            f"{format_clock(run.seconds) if run.seconds else '':>7}  "
            f"{'' if run.pain is None else run.pain:>4}  "
            f"{'?' if free is None else format_distance(free, run.unit):>11}  "
            f"{escaped(run.note or '')}".rstrip())
    return lines


def _print_answers(store: HistoryStore, routine: str, label: str) -> None:
    """The last answers after the session, then the morning after ("Knee pain: 3 → 2")."""
    recent = [s for s in store.listing([routine], 40) if not s.practice and not s.in_progress]
    for when, answers in (("", [s.pain for s in recent]),
                          (" the morning after", [s.morning for s in recent])):
        scores = [str(a) for a in answers if a is not None][-10:]
        if scores:
            print(f"  {escaped(label)}{when}: " + " → ".join(scores))


def _table(listed: list[Listed]) -> list[str]:
    """One row a session; the holds in a column as wide as the widest, so the note (and
    what the session was: practice, interrupted) stands in a column of its own."""
    rows = [(s, _holds_text(s), _notes_text(s)) for s in listed]
    width = max([len(HOLDS), *(len(holds) for s, holds, _ in rows if not s.damaged)])
    noted = any(notes for s, _, notes in rows if not s.damaged)
    lines = [(f"{'ID':8}  {'When':21}  {'Routine':{NAME_WIDTH}}  {'Done':4}  {'Active':>8}  "
              f"{'Pain':>4}  {'Morning':>7}  {HOLDS:{width}}  {'Note' if noted else ''}")
             .rstrip()]
    for s, holds, notes in rows:
        if s.damaged:
            lines.append(f"{s.short_id:8}  damaged record ({escaped(s.damaged)}); "
                         f"itbtimer history --delete {s.short_id}")
            continue
        lines.append((
            f"{s.short_id:8}  {s.start:%a %d %b %Y %H:%M}  "
            f"{shorten(escaped(s.routine), NAME_WIDTH):{NAME_WIDTH}}  "
            f"{'yes' if s.completed else 'no':4}  {format_hms(s.active_seconds):>8}  "
            f"{'' if s.pain is None else s.pain:>4}  {'' if s.morning is None else s.morning:>7}"
            f"  {holds:{width}}  {notes}").rstrip())
    return lines


HOLDS = "Holds and reps"  # the column of a session's holds and paced reps counted


def _holds_text(s: Listed) -> str:
    """"Side plank (left) 0:40, Single leg dips (left) 10 reps": the longest hold and the
    most reps counted per exercise and side."""
    return ", ".join([f"{escaped(n.label)} {format_clock(v)}" for n, v in s.holds]
                     + [f"{escaped(n.label)} {r} reps" for n, r in s.reps])


def _notes_text(s: Listed) -> str:
    """The note column: what the session was (practice, interrupted), then its note."""
    notes = []
    if s.practice:
        notes.append(f"practice ×{s.speed:g}")
    if s.interrupted:
        notes.append("interrupted")
    if s.left:
        notes.append("interrupted, not yet saved")
    elif s.in_progress:
        notes.append("in progress")
    said = ["[" + ", ".join(notes) + "]"] if notes else []
    if s.note:
        said.append(f'"{escaped(s.note)}"')
    return "  ".join(said)


def _json(listed: list[Listed], figures: list[tuple[Recorded, Progress]],
          runs: list[RunRecord]) -> int:
    def summary(routine: Recorded, p: Progress) -> dict[str, Any]:
        return {
            "routine": routine.name,
            "routine_id": routine.identity,
            "this_week": p.this_week,
            "per_week": p.per_week,
            "last_session": p.last_session.isoformat() if p.last_session else None,
            "weeks": [{"week": monday.isoformat(), "sessions": n} for monday, n in p.weeks],
            "holds": [{"exercise": h.exercise, "side": h.side, "best_seconds": h.best,
                       "last_seconds": h.last} for h in p.holds],
            "reps": [{"exercise": r.exercise, "side": r.side, "best_reps": r.best,
                      "last_reps": r.last} for r in p.reps],
            "asymmetry": [{"exercise": a.exercise, "measure": a.measure,
                           "shorter": a.shorter, "longer": a.longer,
                           "percent": a.percent, "weeks": ASYMMETRY_WEEKS,
                           "was_percent": a.was.percent if a.was else None,
                           "was_shorter": a.was.shorter if a.was else None,
                           "was_since": a.was_since.isoformat() if a.was_since else None,
                           "text": a.text()} for a in p.asymmetries],
            "pain": [{"start": t.isoformat(), "pain": v} for t, v in p.pain],
            "morning": [{"start": t.isoformat(), "morning": v} for t, v in p.morning],
        }

    out: dict[str, Any] = {"sessions": [_listed_json(s) for s in listed],
                           "routines": [summary(n, p) for n, p in figures],
                           "runs": [run.to_json() | {"pain_free_m": run.pain_free_m}
                                    for run in runs]}
    if len(figures) == 1:  # one routine: its figures at the top as well
        out.update({k: v for k, v in out["routines"][0].items()
                    if k not in ("routine", "routine_id")})
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


def _listed_json(s: Listed) -> dict[str, Any]:
    return {"id": s.id, "start": s.start.isoformat(), "routine": s.routine,
            "completed": s.completed, "active_seconds": s.active_seconds, "pain": s.pain,
            "morning": s.morning, "note": s.note,
            "practice": s.practice, "speed": s.speed, "interrupted": s.interrupted,
            "in_progress": s.in_progress,
            "holds": [{"exercise": n.exercise, "side": n.side, "seconds": v}
                      for n, v in s.holds],
            "reps": [{"exercise": n.exercise, "side": n.side, "reps": r}
                     for n, r in s.reps]} | (
                {"damaged": s.damaged} if s.damaged else {})


# --- export --------------------------------------------------------------------------


def _export(store: HistoryStore, routines: list[str] | None, target: Path) -> int:
    export = export_format(target)
    if export is None:
        print(f"itbtimer: {escaped(str(target))}: export to FILE.jsonl or FILE.csv (one row "
              "per session; FILE.steps.csv: one row per step; FILE.runs.csv: one row per run)",
              file=sys.stderr)
        return 2
    f = io.StringIO(newline="")  # written whole or not at all: never half an export
    if export == ExportFormat.STEPS_CSV:
        sessions, steps = _write_steps_csv(f, store.sessions(routines))
        what = f"{counted(steps, 'step')} of {counted(sessions, 'session')}"
    elif export == ExportFormat.SESSIONS_CSV:
        what = counted(_write_sessions_csv(f, store.sessions(routines)), "session")
    elif export == ExportFormat.RUNS_CSV:
        what = counted(_write_runs_csv(f, store.runs()), "run")
    else:  # the runs too, unless only some routines' sessions are asked for
        sessions = _write_json_lines(f, store.sessions(routines))
        runs = _write_json_lines(f, store.runs() if routines is None else [])
        what = counted(sessions, "session") + (f" and {counted(runs, 'run')}" if runs else "")
    try:
        write_atomic(target, f.getvalue())
    except OSError as exc:
        raise HistoryError(f"{target}: cannot write the export ({exc.strerror})") from None
    print(f"Wrote {what} to {escaped(str(target))}")
    return 0


def _write_json_lines(f: IO[str], records: Iterable[SessionRecord | RunRecord]) -> int:
    sessions = 0
    for record in records:
        f.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        sessions += 1
    return sessions


def _cells(row: dict[str, Any]) -> dict[str, Any]:
    """Every text of a row as a spreadsheet shows it as text (never run as a formula)."""
    return {spreadsheet_cell(k): spreadsheet_cell(v) if isinstance(v, str) else v
            for k, v in row.items()}


def _write_sessions_csv(f: IO[str], records: Iterable[SessionRecord]) -> int:
    """One row a session: when, which routine, how long, how it went, the longest hold
    of each "until" exercise and side (a column each, "Side plank (left) hold (s)", in the
    order they first appear), then the most reps counted of each paced reps exercise and
    side ("Single leg dips (left) reps"; un-paced reps have no count, no column)."""
    sessions = list(records)
    held = list(dict.fromkeys(name for r in sessions for name in r.side_holds()))
    columns = {name: spreadsheet_cell(f"{name.label} hold (s)") for name in held}
    counted = list(dict.fromkeys(name for r in sessions for name in r.side_reps()))
    reps = {name: spreadsheet_cell(f"{name.label} reps") for name in counted}
    writer = csv.DictWriter(f, fieldnames=[*SESSION_FIELDS, *columns.values(), *reps.values(),
                                           "note", "session_id"])
    writer.writeheader()
    for record in sessions:
        holds = record.side_holds()
        done = {reps[name]: str(count) for name, count in record.side_reps().items()}
        writer.writerow(_cells({
            "date": record.local_date.isoformat(), "time": f"{record.start:%H:%M}",
            "week": record.week.isoformat(), "routine": record.routine,
            "minutes": round(record.active_seconds / 60, 1),
            "completed": "yes" if record.completed else "no",
            "practice": "yes" if record.practice else "no",
            "pain": "" if record.pain is None else record.pain,
            "morning": "" if record.morning is None else record.morning,
            "note": record.note or "",
            "session_id": record.id,
        }) | {columns[name]: f"{round(seconds, 1):g}" for name, seconds in holds.items()}
            | done)
    return len(sessions)


def _write_runs_csv(f: IO[str], runs: list[RunRecord]) -> int:
    """One row a run: its distance in km and in miles (`unit`: the one it was written in),
    minutes, the pain, where it began and how far before it."""
    writer = csv.DictWriter(f, fieldnames=RUN_FIELDS)
    writer.writeheader()

    def km(metres: float | None) -> str:
        return "" if metres is None else f"{metres / 1000:.2f}"

    for run in runs:
        writer.writerow(_cells({
            "date": run.local_date.isoformat(), "time": f"{run.start:%H:%M}",
            "week": run.week.isoformat(), "distance_km": km(run.distance_m),
            "distance_mi": f"{run.distance_m / METRES[DistanceUnit.MI]:.2f}", "unit": run.unit,
            "minutes": "" if run.seconds is None else round(run.seconds / 60, 1),
            "pain": "" if run.pain is None else run.pain,
            "pain_from_km": km(run.pain_from_m), "pain_free_km": km(run.pain_free_m),
            "note": run.note or "", "run_id": run.id}))
    return len(runs)


def _write_steps_csv(f: IO[str], records: Iterable[SessionRecord]) -> tuple[int, int]:
    writer = csv.DictWriter(f, fieldnames=STEP_FIELDS, extrasaction="ignore")
    writer.writeheader()
    sessions = steps = 0
    for record in records:
        sessions += 1
        head = {"session_id": record.id, "session_start": record.start.isoformat(),
                "session_end": record.end.isoformat(), "routine": record.routine,
                "completed": record.completed, "pain": record.pain, "morning": record.morning,
                "practice": record.practice, "speed": record.speed}
        for step in record.steps:
            writer.writerow(_cells({**step.to_json(), **head}))
            steps += 1
    return sessions, steps
