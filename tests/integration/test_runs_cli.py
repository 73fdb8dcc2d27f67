"""Runs and notes through the command line and the SQLite store: `itbtimer run`,
`itbtimer history` (text and --json), --note, --delete/--undelete of a run, and the export
that another machine imports back whole."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sqlite3
from datetime import datetime

import pytest

from itbtimer.cli.history import run_history
from itbtimer.cli.main import main
from itbtimer.cli.run import run_run
from itbtimer.history import HistoryStore
from itbtimer.history.records import RunRecord
from tests.integration.history_helpers import TZ, args, record_of

NOW = datetime(2026, 12, 7, 18, 30, tzinfo=TZ)


def run_args(distance, **kw):
    return argparse.Namespace(**{"distance": distance, "time": "", "pain": "",
                                 "pain_from": "", "date": "", "note": "", **kw})


def history_json(store, capsys):
    capsys.readouterr()
    assert run_history(args(json=True), store) == 0
    return json.loads(capsys.readouterr().out)


def test_a_run_is_logged_and_shown_beside_the_sessions_never_among_them(tmp_path, capsys):
    store = HistoryStore(tmp_path / "h")
    store.append(record_of(datetime(2026, 12, 7, 8, tzinfo=TZ), 45.0))
    assert run_run(run_args("5.2km", pain="3", pain_from="4km", time="31:20",
                            note="outside of the left knee"), store, NOW) == 0
    said = capsys.readouterr().out
    assert "Logged a run on Mon 07 Dec 2026: 5.2 km in 31:20 (6:02 /km), pain 3 from 4.0 km" \
        in said and "4.0 km before the pain" in said
    data = history_json(store, capsys)
    assert len(data["sessions"]) == 1 and data["this_week"] == 1  # the run counts for nothing
    (run,) = data["runs"]
    assert (run["distance_m"], run["pain"], run["pain_from_m"], run["pain_free_m"],
            run["seconds"], run["unit"]) == (5200.0, 3, 4000.0, 4000.0, 1880.0, "km")
    assert run_history(args(), store) == 0
    text = capsys.readouterr().out
    assert "Runs (never counted as sessions)" in text
    assert "5.2 km    31:20     3       4.0 km  outside of the left knee" in text


def test_miles_are_shown_in_miles_and_a_bare_number_is_in_the_last_runs_unit(tmp_path,
                                                                              capsys):
    store = HistoryStore(tmp_path / "h")
    assert run_run(run_args("3.1mi", date="yesterday"), store, NOW) == 0
    assert run_run(run_args("4", pain="2", pain_from="3"), store, NOW) == 0
    runs = store.runs()
    assert [r.local_date.day for r in runs] == [6, 7]
    assert runs[1].unit == "mi" and runs[1].pain_free_m == 4828.0  # 3 miles
    assert "4.0 mi, pain 2 from 3.0 mi; 3.0 mi before the pain" in capsys.readouterr().out
    assert store.progress(NOW.date(), series=True).run_unit == "mi"


def test_a_mistake_in_a_run_is_said_plainly_and_nothing_is_kept(tmp_path, capsys):
    store = HistoryStore(tmp_path / "h")
    assert run_run(run_args("5.2 kms"), store, NOW) == 2
    assert run_run(run_args("5km", pain_from="6km"), store, NOW) == 2
    err = capsys.readouterr().err
    assert "the distance must be a distance such as 5.2km or 3.1mi, not '5.2 kms'" in err
    assert "after the end of a 5.0 km run" in err and "Traceback" not in err
    assert store.runs() == []


def test_the_run_command_is_in_the_command_table(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["run", "5km", "--pain", "0", "--note", "easy"]) == 0
    assert "5.0 km, no pain; the whole run without pain" in capsys.readouterr().out
    assert main(["run", "--help"]) == 0
    assert "--pain-from" in capsys.readouterr().out


def test_a_run_is_deleted_and_restored_by_its_id(tmp_path, capsys):
    store = HistoryStore(tmp_path / "h")
    run_run(run_args("5km"), store, NOW)
    short = store.runs()[0].short_id
    assert run_history(args(delete=short), store) == 0
    assert f"Deleted the run {short} (Mon 07 Dec 2026, 5.0 km)" in capsys.readouterr().out
    assert store.runs() == []
    assert run_history(args(undelete=short), store) == 0
    assert f"Restored the run {short}" in capsys.readouterr().out
    assert [r.short_id for r in store.runs()] == [short]


def test_a_note_is_set_on_a_session_and_a_run_and_escaped_when_shown(tmp_path, capsys):
    store = HistoryStore(tmp_path / "h")
    session = record_of(datetime(2026, 12, 7, 8, tzinfo=TZ), 45.0)
    store.append(session)
    run_run(run_args("5km"), store, NOW)
    run = store.runs()[0]
    hostile = "twinge \x1b[31mleft\u202e"
    assert run_history(args(note=[session.short_id, hostile]), store) == 0
    assert run_history(args(note=[run.short_id, "easy"]), store) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[31mleft\\u202e" in out
    assert run_history(args(), store) == 0
    out = capsys.readouterr().out
    assert '"twinge \\x1b[31mleft\\u202e"' in out and "\x1b" not in out and "  easy" in out
    data = history_json(store, capsys)
    assert data["sessions"][0]["note"] == hostile and data["runs"][0]["note"] == "easy"
    assert run_history(args(note=[session.short_id, ""]), store) == 0
    assert "removed" in capsys.readouterr().out
    assert history_json(store, capsys)["sessions"][0]["note"] is None


def test_a_note_too_long_is_refused_with_a_plain_message(tmp_path, capsys):
    store = HistoryStore(tmp_path / "h")
    session = record_of(datetime(2026, 12, 7, 8, tzinfo=TZ), 45.0)
    store.append(session)
    assert run_history(args(note=[session.short_id, "x" * 501]), store) == 2
    assert "the note is 501 characters long; a note is at most 500" in capsys.readouterr().err


def test_runs_and_notes_go_out_in_the_export_and_come_back_whole(tmp_path, capsys):
    store = HistoryStore(tmp_path / "h")
    session = record_of(datetime(2026, 12, 7, 8, tzinfo=TZ), 45.0).with_note("=1+1 lunges")
    store.append(session)
    run_run(run_args("3.1mi", pain="4", pain_from="2", time="28:00", note="-hill"), store, NOW)
    target = tmp_path / "all.jsonl"
    assert run_history(args(export=str(target)), store) == 0
    assert "Wrote 1 session and 1 run" in capsys.readouterr().out
    other = HistoryStore(tmp_path / "other")
    assert run_history(args(import_file=str(target)), other) == 0
    assert "Imported 1 session and 1 run from" in capsys.readouterr().out
    assert other.runs() == store.runs()
    assert [s.note for s in other.sessions()] == ["=1+1 lunges"]
    assert run_history(args(import_file=str(target)), other) == 0
    assert "2 already in the history" in capsys.readouterr().out
    for name, column in (("s.csv", "note"), ("s.runs.csv", "note")):
        assert run_history(args(export=str(tmp_path / name)), store) == 0
        (row,) = csv.DictReader((tmp_path / name).open(encoding="utf-8"))
        assert row[column] in ("'=1+1 lunges", "'-hill")  # never run as a formula
    (row,) = csv.DictReader((tmp_path / "s.runs.csv").open(encoding="utf-8"))
    assert (row["unit"], row["distance_mi"], row["pain_free_km"], row["minutes"]) == (
        "mi", "3.10", "3.22", "28.0")


def test_a_hostile_run_in_an_import_is_rejected_by_line_the_rest_taken(tmp_path, capsys):
    store = HistoryStore(tmp_path / "h")
    run_run(run_args("5km"), store, NOW)
    good = store.runs()[0].to_json()
    lines = [good | {"id": "b" * 32},
             good | {"id": "c" * 32, "distance_m": 1e15},
             good | {"id": "d" * 32, "note": "x" * 100_000},
             good | {"id": "e" * 32, "kind": "swim"}]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    other = HistoryStore(tmp_path / "other")
    assert run_history(args(import_file=str(source)), other) == 0
    out = capsys.readouterr().out
    assert "Imported 0 sessions and 1 run" in out and "3 lines rejected (2, 3, 4)" in out
    assert "line 2: distance_m" in out and "line 3: note: 100000 characters; at most 500" in out
    assert "line 4: kind: 'swim' is not a kind of record" in out
    assert [r.id for r in other.runs()] == ["b" * 32]


def test_a_run_changed_outside_itbtimer_is_listed_as_damaged_and_can_be_deleted(tmp_path,
                                                                               capsys):
    store = HistoryStore(tmp_path / "h")
    run_run(run_args("5km"), store, NOW)
    run_run(run_args("6km"), store, NOW)
    bad = store.runs()[0]
    db = sqlite3.connect(store.path)
    db.execute("UPDATE runs SET record = ? WHERE id = ?",
               (json.dumps(bad.to_json() | {"distance_m": -3}), bad.id))
    db.commit()
    db.close()
    capsys.readouterr()
    assert [r.distance_m for r in store.runs()] == [6000.0]  # left out of every figure
    assert run_history(args(), store) == 0
    out = capsys.readouterr().out
    assert (f"{bad.short_id}  damaged run (distance_m: -3 is not more than 0 and at most "
            f"500000 metres); itbtimer history --delete {bad.short_id}") in out
    assert run_history(args(note=[bad.short_id, "x"]), store) == 2
    assert f"the run {bad.short_id} is damaged" in capsys.readouterr().err
    assert run_history(args(delete=bad.short_id), store) == 0
    assert f"Deleted the damaged run {bad.short_id}" in capsys.readouterr().out
    assert store.damaged_runs() == []
    assert run_history(args(undelete=bad.short_id), store) == 2  # said, not restored
    assert "is damaged" in capsys.readouterr().err and store.damaged_runs() == []


def test_a_short_id_that_fits_a_session_and_a_run_is_said_to_fit_both(tmp_path, capsys):
    store = HistoryStore(tmp_path)
    session = dataclasses.replace(record_of(datetime(2026, 12, 1, 18, 0, tzinfo=TZ), 30.0),
                                  id="ab" + "1" * 30)
    assert store.append(session)
    store.log_run(RunRecord("ab" + "2" * 30, datetime(2026, 12, 2, 18, 0, tzinfo=TZ), 5000.0))
    capsys.readouterr()
    for correction in ({"delete": "ab"}, {"note": ["ab", "x"]}):
        assert run_history(args(**correction), store) == 2
        assert capsys.readouterr().err == ("itbtimer: the id 'ab' fits more than one session "
                                           "or run; give more of it\n")
    assert [s.id for s in store.sessions()] == [session.id] and len(store.runs()) == 1
    assert run_history(args(delete="ab1"), store) == 0  # more of it: the one session
    assert run_history(args(delete="ab2"), store) == 0  # and the one run
    assert list(store.sessions()) == [] and store.runs() == []


def test_an_import_with_a_run_and_a_session_of_one_id_rejects_the_later_line_and_says_so(
        tmp_path, capsys):
    session = record_of(datetime(2026, 12, 1, 18, 0, tzinfo=TZ), 30.0)
    run = {"kind": "run", "version": 6, "id": session.id, "start": "2026-12-02T18:00:00+01:00",
           "distance_m": 5000.0, "unit": "km"}
    twice = run | {"id": "f" * 32}
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in
                                (session.to_json(), run, twice, twice, run)) + "\n")
    store = HistoryStore(tmp_path / "h")
    assert run_history(args(import_file=str(source)), store) == 0
    out = capsys.readouterr().out
    assert "Imported 1 session and 1 run" in out and "3 lines rejected (2, 4, 5)" in out
    assert (f"line 2: id: {session.id} is the id of the session on line 1 too; a run and a "
            "session never share one") in out
    assert "line 4: id: the same run as on line 3" in out
    assert [s.id for s in store.sessions()] == [session.id]
    assert [r.id for r in store.runs()] == ["f" * 32]


@pytest.mark.parametrize("words", [
    ["run", "5km", "--note", "sore \udcff knee"],  # the byte 0xff, as Python reads argv
    ["run", "5km", "--time", "2\udcff:00"],
    ["run", "5\udcffkm"],
    ["history", "--note", "ab12", "sore \udcff knee"],
    ["history", "--morning", "\udcff", "2"],
    ["history", "--delete", "\udcff"],
])
def test_text_that_is_not_utf8_is_refused_with_a_plain_message(tmp_path, capsys,
                                                                 monkeypatch, words):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert main(words) == 2
    err = capsys.readouterr().err
    assert "is not UTF-8 text" in err and "internal error" not in err
    assert HistoryStore(tmp_path / "data" / "itbtimer").runs() == []


def test_a_run_with_no_pain_answer_is_not_counted_pain_free_anywhere(tmp_path, capsys):
    store = HistoryStore(tmp_path)
    assert run_run(run_args("5km"), store, NOW) == 0
    assert run_run(run_args("4km", pain="0"), store, NOW) == 0
    assert "5.0 km; pain not said" in capsys.readouterr().out
    runs = {r["distance_m"]: r for r in history_json(store, capsys)["runs"]}
    unanswered, painless = runs[5000.0], runs[4000.0]
    assert (unanswered["pain"], unanswered["pain_free_m"]) == (None, None)
    assert painless["pain_free_m"] == 4000.0
    (only,) = store.progress(NOW.date(), series=True).pain_free  # the chart: the one known
    assert only[1] == 4000.0
    assert run_history(args(), store) == 0
    (line,) = [s for s in capsys.readouterr().out.splitlines() if " 5.0 km " in s]
    assert line.split()[-1] == "?"  # before the pain: unknown


def test_a_sessions_note_is_in_its_own_column_never_under_holds(tmp_path, capsys):
    """Issue 24: a session with no hold showed its note where the holds go."""
    from datetime import timedelta

    from itbtimer.core.session import Session
    from itbtimer.history.from_session import build_record
    from tests.helpers import plan_of
    from tests.integration.history_helpers import ROUTINE

    timed_only = ROUTINE.replace("      - {name: Plank, until: shaking}\n", "")
    store = HistoryStore(tmp_path / "h")
    held = record_of(datetime(2026, 12, 6, 8, tzinfo=TZ), 45.0)
    store.append(held)
    session = Session(plan_of(timed_only))
    session.start(0.0)
    session.tick(0.0)
    session.stop(2.0)  # a routine of timed steps: no hold
    start = datetime(2026, 12, 7, 8, tzinfo=TZ)
    bare = build_record(session, 2.0, start, start + timedelta(seconds=2), "knee.yaml", 2)
    store.append(bare)
    store.set_note(held.id, "hills")
    store.set_note(bare.id, "twinge on the step-downs, left")
    capsys.readouterr()
    assert run_history(args(), store) == 0
    header, *rows = capsys.readouterr().out.split("\n\n")[0].splitlines()
    assert "Note" in header
    note_at = header.index("Note")
    by_id = {row[:8]: row for row in rows}
    bare_row, held_row = by_id[bare.id[:8]], by_id[held.id[:8]]
    assert bare_row[note_at:] == '"twinge on the step-downs, left"', bare_row
    assert held_row[note_at:] == '"hills"', held_row
    assert bare_row[header.index("Holds"):note_at].strip() == ""  # no hold: blank, not the note
    assert "Plank" in held_row[header.index("Holds"):note_at]
