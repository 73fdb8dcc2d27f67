"""Reading the history: sessions, the lists, and the figures (indexed queries: a start
or the History screen never reads every session)."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

import itbtimer.history.figures as figures
from itbtimer.core.progression import Answered, Grows, LevelKey, SetByHand
from itbtimer.core.runs import DistanceUnit
from itbtimer.core.states import StepStatus
from itbtimer.history.database import Database, HistoryError, record_field
from itbtimer.history.figures import (
    ASYMMETRY_WEEKS,
    Asymmetry,
    Hold,
    Listed,
    Measure,
    Progress,
    Recorded,
    Reps,
)
from itbtimer.history.limits import EARLIEST, LATEST, check_run, check_stored, why_damaged
from itbtimer.history.records import Held, RecordError, RunRecord, SessionRecord, week_start
from itbtimer.history.rows import local_time, monday_of, routine_filter, steps_of

# A row whose instant no date arithmetic can take (imported before imports were checked,
# or changed outside itbtimer) is left out of every figure and listed as damaged.
SOUND = f"start_utc BETWEEN {EARLIEST} AND {LATEST}"
# The progression rule reads the last two sessions at a level and the morning before them.
ANSWERED = 3
GROWS = frozenset(g.value for g in Grows)
# Where each per-side figure is kept: its table and the column of its value (one row per
# session, exercise and side; database.py migrations 3 and 7)
TABLES = {Measure.HOLD: ("holds", "seconds"), Measure.REPS: ("reps", "reps")}


class Queries:
    """Everything read back from the history's database."""

    def __init__(self, database: Database):
        self.database = database

    def sessions(self, routines: Iterable[str] | None = None, newest: int | None = None,
                 with_steps: bool = True, in_progress: bool = False) -> Iterator[SessionRecord]:
        """Records oldest first (by instant), optionally of some routines or the newest N;
        sessions still in progress (a window is running them) only when asked."""
        names = None if routines is None else list(routines)
        with self.database.reading() as db:
            where, args = routine_filter(names)
            if not in_progress:
                where = (where + " AND" if where else "WHERE") + " in_progress = 0"
            query = f"SELECT id, record FROM sessions {where} ORDER BY start_utc"
            if newest is not None:
                query = (f"SELECT * FROM (SELECT id, record, start_utc FROM sessions {where} "
                         f"ORDER BY start_utc DESC LIMIT {int(newest)}) ORDER BY start_utc")
            cursor = db.cursor()
            for row in db.execute(query, args):
                session = _sound(row[1])
                if session is None:
                    continue  # damaged: listed as such, never exported or shown as a figure
                if with_steps:
                    session = replace(session, steps=steps_of(cursor, row[0]))
                yield session

    def load(self) -> tuple[list[dict[str, Any]], str | None]:
        """Today's name: every record as its JSON, oldest first, and a one-time message.

        Reads everything: for tests and small histories only (the window and the
        CLI use `progress` and `listing`).
        """
        try:
            return [s.to_json() for s in self.sessions()], None
        except HistoryError as exc:
            return [], f"History cannot be read: {exc}"

    def listing(self, routines: Iterable[str] | None = None,
                newest: int = 15) -> list[Listed]:
        """The newest sessions for a list, oldest first, without their steps."""
        names = None if routines is None else list(routines)
        where, args = routine_filter(names)
        out = []
        with self.database.reading() as db:
            rows = db.execute(
                f"SELECT * FROM (SELECT id, record, in_progress, start_utc FROM sessions {where}"
                f" ORDER BY start_utc DESC LIMIT {int(newest)}) ORDER BY start_utc", args)
            holds = db.cursor()
            for record_id, text, in_progress, start_utc in rows.fetchall():
                session = _sound(text)
                if session is None:
                    out.append(_damaged(db, record_id, text, bool(in_progress), start_utc))
                    continue
                best = holds.execute("SELECT exercise, side, seconds FROM holds "
                                     "WHERE session_id = ?", (record_id,)).fetchall()
                counted = holds.execute("SELECT exercise, side, reps FROM reps "
                                        "WHERE session_id = ?", (record_id,)).fetchall()
                out.append(Listed(session.id, session.start, session.routine, session.completed,
                                  session.active_seconds, session.pain, session.practice,
                                  session.speed, bool(in_progress), session.interrupted,
                                  tuple((Held(str(n), str(d) or None), float(s))
                                        for n, d, s in best),
                                  session.question, morning=session.morning, note=session.note,
                                  reps=tuple((Held(str(n), str(d) or None), int(r))
                                             for n, d, r in counted)))
        return out

    def notes(self, routine: str, since: date) -> list[tuple[datetime, str]]:
        """The notes on a routine's sessions from a day on, oldest first: (start, note)."""
        start = datetime.combine(since, time()).astimezone().timestamp()
        note = record_field("note")
        with self.database.reading() as db:
            return [(local_time(t, m), str(n)) for t, m, n in db.execute(
                f"SELECT start_utc, offset_minutes, {note} FROM sessions WHERE routine = ? "
                f"AND start_utc >= ? AND in_progress = 0 AND {SOUND} AND {note} IS NOT NULL "
                "ORDER BY start_utc", (routine, start))]

    def runs(self, newest: int | None = None, since: date | None = None) -> list[RunRecord]:
        """Runs oldest first (the newest N; since a day); a damaged row is left out."""
        where, args = "", []
        if since is not None:
            where, args = "WHERE start_utc >= ?", [datetime.combine(since, time()).astimezone()
                                                  .timestamp()]
        query = f"SELECT record FROM runs {where} ORDER BY start_utc"
        if newest is not None:
            query = (f"SELECT record FROM (SELECT record, start_utc FROM runs {where} "
                     f"ORDER BY start_utc DESC LIMIT {int(newest)}) ORDER BY start_utc")
        with self.database.reading() as db:
            texts = [r[0] for r in db.execute(query, args)]
        return [run for run in map(_sound_run, texts) if run is not None]
    def answered(self, routine: str, newest: int = ANSWERED) -> list[Answered]:
        """The routine's newest completed, non-practice sessions as the progression rule
        reads them (their answers and the levels they ran at), oldest first."""
        with self.database.reading() as db:
            rows = db.execute(
                "SELECT record, (SELECT json_group_array(DISTINCT name) FROM steps WHERE "
                "session_id = newest.id AND status = ?) FROM (SELECT id, record, start_utc "
                f"FROM sessions WHERE routine = ? AND in_progress = 0 AND practice = 0 AND "
                f"{SOUND} AND {record_field('completed')} = 1 ORDER BY start_utc "
                f"DESC LIMIT {int(newest)}) AS newest ORDER BY start_utc",
                (StepStatus.SKIPPED.value, routine)).fetchall()
        out = []
        for text, skipped in rows:  # the record without its steps, and what it skipped
            session = _sound(text)
            if session is not None:
                out.append(replace(session.answered(),
                                   skipped=frozenset(map(str, json.loads(skipped or "[]")))))
        return out

    def levels_set(self, routine: str) -> dict[LevelKey, SetByHand]:
        """The levels set by hand for a routine (`itbtimer progress --set/--reset`)."""
        with self.database.reading() as db:
            rows = db.execute("SELECT grows, name, level, set_utc FROM levels_set "
                              "WHERE routine = ?", (routine,)).fetchall()
        return {LevelKey(Grows(g), str(n)): SetByHand(int(lv), float(at))
                for g, n, lv, at in rows if g in GROWS}

    def damaged_runs(self, newest: int | None = None) -> list[tuple[str, str]]:
        """(id, what is wrong) of each run no run could be (a row changed outside itbtimer),
        among the newest N (as `itbtimer history` lists them), or all."""
        limit = "" if newest is None else f" LIMIT {int(newest)}"
        with self.database.reading() as db:
            rows = db.execute("SELECT id, record FROM runs ORDER BY start_utc DESC"
                              + limit).fetchall()[::-1]
        out = []
        for record_id, text in rows:
            if _sound_run(text) is None:
                out.append((str(record_id), why_damaged(text, check_run)))
        return out

    def routines(self) -> list[Recorded]:
        """Every routine recorded, by identity, most recent first (name and file: those of
        its newest session — SQLite takes bare columns from the row of the MAX)."""
        with self.database.reading() as db:
            rows = db.execute(
                f"SELECT routine, {record_field('routine')}, file, COUNT(*), "
                "MAX(start_utc) AS last FROM sessions GROUP BY routine "
                "ORDER BY last DESC").fetchall()
        return [Recorded(str(r[0]), str(r[1] if r[1] is not None else r[0]), r[2], int(r[3]))
                for r in rows]

    def progress(self, today: date, routine: str | None = None, per_week: int | None = None,
                 weeks: int = 12, series: bool = False, since: date | None = None) -> Progress:
        """The figures for the start screen (series=False: a few indexed queries) or the
        History screen (series=True: all weeks, and the holds and pain over time — one
        point per session, or per week when there are more than figures.SERIES_POINTS
        sessions: the week's longest hold and its mean pain, which is what a chart can show).
        `since` (with series, for a report of some weeks): the weeks and the series from the
        week of that day on, and one point a week only when that period has that many."""
        names = None if routine is None else [routine]
        where, args = routine_filter(names, "AND")
        usable = f"in_progress = 0 AND practice = 0 AND {SOUND} {where}"
        monday = week_start(today)
        first_week = monday - timedelta(weeks=weeks - 1)
        period = ""  # the series' sessions: all, or those since the week of `since`
        if series and since is not None:
            first_week = week_start(since)
            start = datetime.combine(first_week, time()).astimezone().timestamp()
            period = f" AND start_utc >= {start!r}"  # a number: nothing to escape
        with self.database.reading() as db:
            if series:
                row = db.execute(f"SELECT MIN(week), COUNT(*) FROM sessions WHERE {usable}"
                                 f"{period}", args).fetchone()
                if row[0] and since is None:
                    first_week = min(first_week, week_start(date.fromisoformat(row[0])))
                weekly = row[1] > figures.SERIES_POINTS
            counts = dict(db.execute(
                f"SELECT week, COUNT(*) FROM sessions WHERE counts = 1 AND week >= ? "
                f"AND {usable} GROUP BY week", [first_week.isoformat(), *args]).fetchall())
            all_weeks = []
            day = first_week
            while day <= monday:
                all_weeks.append((day, int(counts.get(day.isoformat(), 0))))
                day += timedelta(weeks=1)
            last = db.execute(f"SELECT start_utc, offset_minutes, counts, id FROM sessions "
                              f"WHERE {usable} ORDER BY start_utc DESC LIMIT 1",
                              args).fetchone()
            left_out = None
            if last and not last[2]:  # why "Last:" is not in "This week"
                done, steps = db.execute(
                    "SELECT COALESCE(SUM(status = 'done'), 0), COUNT(*) FROM steps "
                    "WHERE session_id = ?", [last[3]]).fetchone()
                left_out = (int(done), int(steps))
            held = self._exercises(db, routine, Measure.HOLD)
            holds = [self._hold(db, routine, exercise, side, series and weekly, series, period)
                     for exercise, side in held]
            counted = self._exercises(db, routine, Measure.REPS)
            reps = [self._reps(db, routine, exercise, side) for exercise, side in counted]
            asymmetries = (self._asymmetries(db, routine, held, today, Measure.HOLD)
                           + self._asymmetries(db, routine, counted, today, Measure.REPS))
            pain: tuple[tuple[datetime, int], ...] = ()
            if series and weekly:
                pain = tuple((monday_of(w), int(p)) for w, p in db.execute(
                    f"SELECT week, CAST(ROUND(AVG(pain)) AS INTEGER) FROM sessions "
                    f"WHERE {usable}{period} AND pain IS NOT NULL GROUP BY week ORDER BY week",
                    args))
            elif series:
                pain = tuple((local_time(t, m), int(p)) for t, m, p in db.execute(
                    f"SELECT start_utc, offset_minutes, pain FROM sessions WHERE {usable}{period} "
                    "AND pain IS NOT NULL ORDER BY start_utc", args))
            morning = self._mornings(db, usable + period, args, series, series and weekly)
            runs, unit = self._pain_free(db) if series else ((), DistanceUnit.KM)
            first = db.execute(f"SELECT start_utc, offset_minutes FROM sessions WHERE {usable} "
                               "ORDER BY start_utc LIMIT 1", args).fetchone() if series else None
            question = db.execute(
                f"SELECT {record_field('question')} AS q FROM sessions WHERE {usable} "
                "AND q IS NOT NULL ORDER BY start_utc DESC LIMIT 1", args).fetchone()
            if per_week is None and routine is not None:
                target = db.execute(
                    f"SELECT {record_field('per_week')} FROM sessions WHERE {usable} "
                    "ORDER BY start_utc DESC LIMIT 1", args).fetchone()
                per_week = target[0] if target else None
        return Progress(
            this_week=all_weeks[-1][1],
            per_week=per_week,
            last_session=local_time(last[0], last[1]) if last else None,
            weeks=tuple(all_weeks),
            holds=tuple(h for h in holds if h is not None),
            pain=pain,
            question=question[0] if question else None,
            last_left_out=left_out,
            asymmetries=asymmetries,
            morning=morning,
            pain_free=runs,
            run_unit=unit,
            first_session=local_time(first[0], first[1]) if first else None,
            reps=tuple(r for r in reps if r is not None),
        )

    @staticmethod
    def _mornings(db: sqlite3.Connection, usable: str, args: list[str], series: bool,
                  weekly: bool) -> tuple[tuple[datetime, int], ...]:
        """The answers the morning after, over time, as the pain series is (one point per
        session, or per week: its mean); none for the start screen (series False)."""
        answer = record_field("morning")
        if not series:
            return ()
        if weekly:
            return tuple((monday_of(w), int(p)) for w, p in db.execute(
                f"SELECT week, CAST(ROUND(AVG({answer})) AS INTEGER) FROM sessions "
                f"WHERE {usable} AND {answer} IS NOT NULL GROUP BY week ORDER BY week", args))
        return tuple((local_time(t, m), int(p)) for t, m, p in db.execute(
            f"SELECT start_utc, offset_minutes, {answer} FROM sessions WHERE {usable} "
            f"AND {answer} IS NOT NULL ORDER BY start_utc", args))

    @staticmethod
    def _pain_free(db: sqlite3.Connection) -> tuple[tuple[tuple[datetime, float], ...],
                                                    DistanceUnit]:
        """Every run's distance before the pain (RunRecord.pain_free_m), over time, and the
        unit of the newest run (the one the person writes in now)."""
        points = tuple((local_time(t, m), float(d)) for t, m, d in db.execute(
            f"SELECT start_utc, offset_minutes, pain_free_m FROM runs WHERE {SOUND} AND "
            "pain_free_m IS NOT NULL ORDER BY start_utc"))
        newest = db.execute(f"SELECT {record_field('unit')} FROM runs "
                            "ORDER BY start_utc DESC LIMIT 1").fetchone()
        try:
            unit = DistanceUnit(newest[0]) if newest else DistanceUnit.KM
        except ValueError:
            unit = DistanceUnit.KM
        return points, unit

    @staticmethod
    def _exercises(db: sqlite3.Connection, routine: str | None,
                   measure: Measure) -> list[tuple[str, str]]:
        """The exercises and sides ('' on both) held (or with reps counted), in the order
        they were first recorded (left before right): index seeks only (one per exercise
        and side), never a scan of every hold."""
        table, _ = TABLES[measure]
        if routine is None:
            rows = db.execute(f"SELECT exercise, side, MIN(start_utc) AS first FROM {table} "
                              f"WHERE usable = 1 AND {SOUND} GROUP BY exercise, side "
                              "ORDER BY first, exercise, side")
            return [(str(r[0]), str(r[1])) for r in rows]
        found: list[tuple[float, str, str]] = []
        after = ("", "")
        while True:
            row = db.execute(f"SELECT exercise, side FROM {table} WHERE routine = ? AND "
                             "usable = 1 AND (exercise, side) > (?, ?) ORDER BY exercise, side "
                             "LIMIT 1", (routine, *after)).fetchone()
            if row is None:
                break
            after = (str(row[0]), str(row[1]))
            (first,) = db.execute(f"SELECT MIN(start_utc) FROM {table} WHERE routine = ? "
                                  f"AND usable = 1 AND exercise = ? AND side = ? AND {SOUND}",
                                  (routine, *after)).fetchone()
            if first is not None:
                found.append((first, *after))
        return [(name, side) for _, name, side in sorted(found)]

    @staticmethod
    def _hold(db: sqlite3.Connection, routine: str | None, exercise: str, side: str,
              weekly: bool, series: bool, period: str = "") -> Hold | None:
        """An exercise's hold on a side: its best and last ever, and its series (the
        sessions of `period`, an SQL condition on start_utc, or all)."""
        found = _best_and_last(db, "holds", "seconds", routine, exercise, side)
        if found is None:
            return None
        best, last, base, args = found
        points: tuple[tuple[datetime, float], ...] = ()
        if weekly:
            points = tuple((monday_of(w), float(v)) for w, v in db.execute(
                f"SELECT week, MAX(seconds) {base}{period} GROUP BY week ORDER BY week", args))
        elif series:
            points = tuple((local_time(t, None), float(v)) for t, v in db.execute(
                f"SELECT start_utc, seconds {base}{period} ORDER BY start_utc", args))
        return Hold(exercise, float(best), float(last), points, side or None)

    @staticmethod
    def _reps(db: sqlite3.Connection, routine: str | None, exercise: str,
              side: str) -> Reps | None:
        """A paced reps exercise's counts on a side: its last and its best (most reps
        counted in one set)."""
        found = _best_and_last(db, "reps", "reps", routine, exercise, side)
        if found is None:
            return None
        best, last, _, _ = found
        return Reps(exercise, int(best), int(last), side or None)

    @staticmethod
    def _asymmetries(db: sqlite3.Connection, routine: str | None,
                     held: list[tuple[str, str]], today: date,
                     measure: Measure) -> tuple[Asymmetry, ...]:
        """Each exercise held (or with reps counted) on both sides: the last weeks'
        asymmetry, and that of its first weeks when they are earlier (figures.Asymmetry)."""
        where, args = routine_filter(None if routine is None else [routine], "AND")
        span = timedelta(weeks=ASYMMETRY_WEEKS)
        since = datetime.combine(today + timedelta(days=1), time()).astimezone() - span
        table, value = TABLES[measure]
        out = []
        for exercise in dict.fromkeys(e for e, side in held if side):
            base = (f"FROM {table} WHERE usable = 1 AND exercise = ? AND side <> '' AND "
                    f"{SOUND} {where}")

            def means(start: float, end: float, exercise: str = exercise,
                      base: str = base) -> dict[str, float]:
                return {str(side): float(mean) for side, mean in db.execute(
                    f"SELECT side, AVG({value}) {base} AND start_utc >= ? AND start_utc < ? "
                    "GROUP BY side", [exercise, *args, start, end])}

            recent = Asymmetry.of(exercise, means(since.timestamp(), math.inf), measure)
            if recent is None:
                continue
            (first,) = db.execute(f"SELECT MIN(start_utc) {base}",
                                  [exercise, *args]).fetchone()
            if first is not None and first + span.total_seconds() <= since.timestamp():
                was = Asymmetry.of(exercise, means(first, first + span.total_seconds()),
                                   measure)
                if was is not None:
                    recent = replace(recent, was=was,
                                     was_since=local_time(first, None).date())
            out.append(recent)
        return tuple(out)


def _sound(text: str) -> SessionRecord | None:
    """A stored record (without its steps), or None when it holds what no session could."""
    try:
        data = json.loads(text)
        check_stored(data)
        return SessionRecord.from_json(data | {"steps": []})
    except (ValueError, RecordError, RecursionError):
        return None


def _sound_run(text: str) -> RunRecord | None:
    """A stored run, or None when it holds what no run could."""
    try:
        data = json.loads(text)
        check_run(data)
        return RunRecord.from_json(data)
    except (ValueError, RecordError, RecursionError):
        return None


def _damaged(db: sqlite3.Connection, record_id: str, text: str, in_progress: bool,
             start_utc: float) -> Listed:
    """A damaged row as the list shows it: its id (to delete it by) and what is wrong."""
    why = why_damaged(text, check_stored)
    (routine,) = db.execute("SELECT routine FROM sessions WHERE id = ?", (record_id,)).fetchone()
    start = local_time(min(max(float(start_utc), EARLIEST), LATEST), 0)
    return Listed(record_id, start, str(routine), False, 0.0, None, False, 1.0, in_progress,
                  False, (), None, damaged=why)


def _best_and_last(db: sqlite3.Connection, table: str, column: str, routine: str | None,
                   exercise: str, side: str) -> tuple[Any, Any, str, list[Any]] | None:
    """An exercise's best and last figure on a side in a per-side table (`holds`' seconds,
    `reps`' counts), with the query's FROM clause and its arguments for more of it; None
    when it has none."""
    where, args = routine_filter(None if routine is None else [routine], "AND")
    args = [exercise, side, *args]
    base = f"FROM {table} WHERE usable = 1 AND exercise = ? AND side = ? AND {SOUND} {where}"
    best = db.execute(f"SELECT MAX({column}) {base}", args).fetchone()[0]
    last = db.execute(f"SELECT {column} {base} ORDER BY start_utc DESC LIMIT 1",
                      args).fetchone()
    if best is None or last is None:
        return None
    return best, last[0], base, args
