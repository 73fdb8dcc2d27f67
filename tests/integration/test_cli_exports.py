"""What the command line writes for a person's own use: a spreadsheet of sessions, the
steps of each, a WAV of the coach's voice; and what it says about what it wrote."""

from __future__ import annotations

import csv
import io
import wave
from datetime import datetime

from itbtimer.cli.history import run_history
from itbtimer.history import HistoryStore
from tests.integration.history_helpers import ROUTINE, TZ, args, record_of


def three_sessions(folder) -> HistoryStore:
    store = HistoryStore(folder)
    store.append(record_of(datetime(2026, 11, 23, 18, tzinfo=TZ), 45.0, pain=4).with_morning(2))
    store.append(record_of(datetime(2026, 11, 25, 18, tzinfo=TZ), 52.0, pain=None,
                           finish=False))
    store.append(record_of(datetime(2026, 11, 26, 7, tzinfo=TZ), 20.0, speed=10.0))
    return store


def test_a_csv_export_has_one_row_per_session_for_a_spreadsheet_of_weeks(tmp_path, capsys):
    store = three_sessions(tmp_path / "h")
    target = tmp_path / "weeks.csv"
    assert run_history(args(export=str(target)), store) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["date"] for r in rows] == ["2026-11-23", "2026-11-25", "2026-11-26"]
    first = rows[0]
    assert (first["routine"], first["completed"], first["practice"], first["pain"],
            first["morning"]) == ("Knee", "yes", "no", "4", "2")
    assert first["week"] == "2026-11-23" and first["time"] == "18:00"
    assert first["minutes"] == "2.4"  # 45 + 40 s of planks, 60 s of squats
    assert first["Plank hold (s)"] == "45"  # the longest of the session
    assert rows[1]["completed"] == "no" and rows[1]["pain"] == rows[1]["morning"] == ""
    assert rows[2]["practice"] == "yes"
    assert list(rows[0])[:10] == ["date", "time", "week", "routine", "minutes", "completed",
                                  "practice", "pain", "morning", "Plank hold (s)"]
    assert f"Wrote 3 sessions to {target}" in capsys.readouterr().out


def test_a_steps_csv_export_has_one_row_per_step(tmp_path, capsys):
    store = three_sessions(tmp_path / "h")
    target = tmp_path / "weeks.steps.csv"
    assert run_history(args(export=str(target)), store) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows[0]["name"] == "Plank" and rows[0]["time_seconds"] == "45.0"
    assert (rows[0]["pain"], rows[0]["morning"]) == ("4", "2")
    assert len({r["session_id"] for r in rows}) == 3
    assert f"steps of 3 sessions to {target}" in capsys.readouterr().out


def test_no_csv_cell_is_run_as_a_formula_by_a_spreadsheet(tmp_path):
    evil = ROUTINE.replace("name: Knee", "name: \"=HYPERLINK(\\\"http://x\\\",\\\"a\\\")\"")
    evil = evil.replace("{name: Plank, until: shaking}", "{name: \"@Plank\", until: \"+1\"}")
    evil = evil.replace("{name: Squat, work: 30s}", "{name: \"-Squat\", work: 30s}")
    store = HistoryStore(tmp_path / "h")
    store.append(record_of(datetime(2026, 11, 23, 18, tzinfo=TZ), 45.0, routine=evil))
    for name in ("s.csv", "s.steps.csv"):
        assert run_history(args(export=str(tmp_path / name)), store) == 0
        cells = [c for row in csv.reader((tmp_path / name).open(encoding="utf-8"))
                 for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@")
                    or (c[:1] == "-" and not c[1:].replace(".", "").isdigit())]
    sessions = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert sessions[0]["routine"] == "'=HYPERLINK(\"http://x\",\"a\")"
    assert "'@Plank hold (s)" in sessions[0]
    steps = list(csv.DictReader((tmp_path / "s.steps.csv").open(encoding="utf-8")))
    assert {s["name"] for s in steps} == {"'@Plank", "'-Squat"}
    assert {s["until"] for s in steps} >= {"'+1"}


def test_say_to_a_file_prints_the_path_and_its_length(tmp_path, monkeypatch, capsys):
    from itbtimer.cli.main import main
    from itbtimer.voice import say

    class TwoSecondEngine:
        def render(self, text: str) -> bytes:
            out = io.BytesIO()
            with wave.open(out, "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(24000)
                w.writeframes(b"\0\0" * 24000 * 2)
            return out.getvalue()

    monkeypatch.setattr(say, "make_engine", TwoSecondEngine)
    target = tmp_path / "said.wav"
    assert main(["say", "Well done.", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"Wrote {target} (2.0 s)\n"
    assert target.stat().st_size > 96000
