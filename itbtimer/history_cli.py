"""`itbtimer history`: recent sessions, the weekly summary, holds and pain, in the terminal."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date, datetime
from typing import Any

from .durations import format_clock, format_hms
from .errors import ItbtimerError
from .history import HistoryStore
from .progress import progress

RECENT = 15
CSV_FIELDS = ("session_id", "session_start", "routine", "completed", "pain", "name", "side",
              "set", "round", "mode", "planned_seconds", "active_seconds", "skipped", "status",
              "added_seconds", "reps", "until", "time_seconds")


def _holds(record: dict[str, Any]) -> str:
    best: dict[str, float] = {}
    for step in record.get("steps") or []:
        if isinstance(step, dict) and step.get("mode") == "until" and step.get("time_seconds"):
            name = str(step.get("name"))
            best[name] = max(best.get(name, 0.0), float(step["time_seconds"]))
    return ", ".join(f"{n} {format_clock(v)}" for n, v in best.items())


def _table(records: list[dict[str, Any]]) -> list[str]:
    lines = [f"{'When':17} {'Routine':20} {'Done':5} {'Active':>8} {'Pain':>4}  Holds"]
    for record in records[-RECENT:]:
        try:
            when = datetime.fromisoformat(record["start"]).strftime("%a %d %b %H:%M")
        except (KeyError, TypeError, ValueError):
            when = str(record.get("start"))[:16]
        pain = record.get("pain")
        lines.append(
            f"{when:17} {str(record.get('routine'))[:20]:20} "
            f"{'yes' if record.get('completed') else 'no':5} "
            f"{format_hms(float(record.get('active_seconds') or 0)):>8} "
            f"{'' if pain is None else pain:>4}  {_holds(record)}")
    return lines


def run_history(args: argparse.Namespace, store: HistoryStore | None = None,
                today: date | None = None) -> int:
    store = store or HistoryStore()
    records, message = store.load()
    if message:
        print(message, file=sys.stderr)
    if args.routine:
        records = [r for r in records if r.get("routine") == args.routine]
    records.sort(key=lambda r: str(r.get("start")))
    if args.export:
        return _export(records, args.export)
    summary = progress(records, today or date.today(), args.routine)
    if args.json:
        json.dump({
            "sessions": records[-RECENT:],
            "this_week": summary.this_week,
            "per_week": summary.per_week,
            "weeks": [{"week": monday.isoformat(), "sessions": n} for monday, n in summary.weeks],
            "holds": [{"exercise": h.exercise, "best_seconds": h.best, "last_seconds": h.last}
                      for h in summary.holds],
            "pain": [{"start": t.isoformat(), "pain": p} for t, p in summary.pain],
        }, sys.stdout, ensure_ascii=False)
        print()
        return 0
    if not records:
        print(f"No sessions recorded yet ({store.path}).")
        return 0
    print("\n".join(_table(records)))
    print()
    print(summary.week_text())
    print("Weeks: " + "  ".join(f"{monday:%d %b} {n}" for monday, n in summary.weeks[-8:]))
    for hold in summary.holds:
        print(hold.text())
    if summary.pain:
        print("Knee pain: " + " → ".join(str(p) for _, p in summary.pain[-10:]))
    return 0


def _export(records: list[dict[str, Any]], target: str) -> int:
    try:
        with open(target, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=CSV_FIELDS, extrasaction="ignore")
            writer.writeheader()
            rows = 0
            for record in records:
                for step in record.get("steps") or []:
                    if not isinstance(step, dict):
                        continue
                    writer.writerow({**step, "session_id": record.get("id"),
                                     "session_start": record.get("start"),
                                     "routine": record.get("routine"),
                                     "completed": record.get("completed"),
                                     "pain": record.get("pain")})
                    rows += 1
    except OSError as exc:
        raise ItbtimerError(f"{target}: cannot write the export ({exc.strerror})") from None
    print(f"Wrote {rows} steps of {len(records)} sessions to {target}")
    return 0
