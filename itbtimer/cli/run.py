"""`itbtimer run 5.2km [--time 31:20] [--pain 3] [--pain-from 4km] [--date yesterday]
[--note TEXT]`: log a run beside the sessions (never counted as one).

Exit codes: 0 kept, 2 a mistake in what was written, or the history cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from itbtimer.cli.terminal import utf8_text
from itbtimer.core.escaping import escaped
from itbtimer.core.runs import DAY_FORM, DISTANCE_FORM, DistanceUnit, RunEntryError, RunText
from itbtimer.history import HistoryError, HistoryStore
from itbtimer.history.from_run import newest_unit, run_record
from itbtimer.present.run_words import logged_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("distance", type=utf8_text, metavar="DISTANCE",
                        help=f"how far: {DISTANCE_FORM} (a bare number: the unit of your "
                             "last run, else km)")
    parser.add_argument("--time", type=utf8_text, default="", metavar="TIME",
                        help="how long it took: 31:20, 1:05:00, or 45 (minutes)")
    parser.add_argument("--pain", type=utf8_text, default="", metavar="SCORE",
                        help="the pain during the run, 0 (none) to 10 (worst); left out: "
                             "not said (how far before the pain: unknown)")
    parser.add_argument("--pain-from", type=utf8_text, default="", metavar="DISTANCE",
                        help="how far you had run when it began to hurt (4km)")
    parser.add_argument("--date", type=utf8_text, default="", metavar="DAY",
                        help=f"the day of the run, if not today: {DAY_FORM}")
    parser.add_argument("--note", type=utf8_text, default="", metavar="TEXT",
                        help="a few words on it (one line)")


def run_run(args: argparse.Namespace, store: HistoryStore | None = None,
            now: datetime | None = None) -> int:
    store = store or HistoryStore()
    now = now or datetime.now().astimezone()
    text = RunText(args.distance, args.time, args.pain, args.pain_from, args.date, args.note)
    try:
        entry = text.read(now.date(), unit=last_unit(store))
        run = store.log_run(run_record(entry, now))
    except RunEntryError as exc:
        print(f"itbtimer: {exc}", file=sys.stderr)
        return 2
    except HistoryError as exc:
        print(f"itbtimer: the run was not kept: {escaped(str(exc))}", file=sys.stderr)
        return 2
    print(escaped(logged_text(run)))
    print(f"  (undo: itbtimer history --delete {run.short_id})")
    return 0


def last_unit(store: HistoryStore) -> DistanceUnit:
    """The unit of the newest run: a bare number is in it (km when there is none)."""
    try:
        return newest_unit(store.runs(newest=1))
    except HistoryError:
        return DistanceUnit.KM
