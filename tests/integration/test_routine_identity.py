"""A routine's history follows its identity, not its title: copies, renames and the store's
migration of sessions recorded before routines had one (issue 21.1)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from itbtimer.cli.main import main
from itbtimer.editor.copies import editable
from itbtimer.editor.document import ROUTINE, Document
from itbtimer.history import HistoryStore, SessionRecord
from itbtimer.history.database import MIGRATIONS
from itbtimer.routine_files import load_routine
from itbtimer.routine_files.bundled import personal_routines_dir, routines_dir
from tests.integration.gui_helpers import Harness, texts_in
from tests.integration.history_helpers import old_history_file


def old_record(n: int, routine: str, start: datetime, plank: float) -> dict:
    """A session as itbtimer wrote it before routines had an identity (version 2)."""
    return {"version": 2, "id": f"{n + 1:032x}",
            "start": start.isoformat(timespec="seconds"),
            "end": (start + timedelta(minutes=40)).isoformat(timespec="seconds"),
            "routine": routine, "completed": True, "active_seconds": 2400.0, "pain": 2,
            "steps": [{"name": "Plank", "mode": "until", "status": "done",
                       "active_seconds": plank, "time_seconds": plank}]}


def this_week(days_back: int) -> datetime:
    """Early on a day of this week (today on a Monday), a minute apart for each day back."""
    day = date.today() - timedelta(days=min(days_back, date.today().weekday()))
    return datetime(day.year, day.month, day.day, 0, days_back).astimezone()




def figures_lines(ui: Harness) -> list[str]:
    """The start screen's history lines: This week · Last, and the holds."""
    return [t for t in texts_in(ui.window.start.frame)
            if t.startswith("This week") or ": best " in t]


def test_adapting_the_bundled_routine_in_the_editor_keeps_its_weeks_last_and_bests(
        xdisplay, tmp_path):
    history = tmp_path / "old.jsonl"
    history.write_text("".join(json.dumps(old_record(n, "ITB recovery", this_week(n), 40.0 + n))
                               + "\n" for n in range(2)))
    ui = Harness(tmp_path)
    try:
        report = ui.history.import_jsonl(history)
        assert report.added == 2
        bundled = routines_dir() / "itb-recovery.yaml"
        ui.window.load(bundled)
        ui.root.update()
        before = figures_lines(ui)
        assert before[0].startswith("This week: 2 of 3 · Last: ")
        assert any(line.startswith("Plank: best 0:41") for line in before), before

        ui.key("e")  # the editor, on the person's own copy of the bundled routine
        copy = editable("itb-recovery").path
        assert copy.parent == personal_routines_dir()
        ui.key("Escape")
        # the physio's changes: plank 45 s, Russian twists gone (as the editor saves them)
        document = Document(copy.read_text(encoding="utf-8"), copy)
        document.set_field(ROUTINE, "name", "My knee routine")
        document.save(copy)
        adapted = load_routine(copy)
        assert adapted.name == "My knee routine" and adapted.identity == "ITB recovery"
        ui.window.load(copy)
        ui.root.update()
        assert "My knee routine" in texts_in(ui.window.start.frame)
        assert figures_lines(ui) == before
    finally:
        ui.close()


def test_sessions_recorded_before_identities_join_their_routine_when_the_store_migrates(
        tmp_path):
    """A version-1 history file holding "ITB recovery" and "ITB recovery (my copy)" rows
    (the split the editor's copy made) reads as one history after the migration."""
    folder = tmp_path / "data"
    old_history_file(folder, [SessionRecord.from_json(old_record(n, name, this_week(n), 30.0 + n))
                              for n, name in enumerate(["ITB recovery", "ITB recovery (my copy)",
                                                        "Warm-up"])], version=1)
    with sqlite3.connect(folder / "history.sqlite3") as db:  # as version 1 wrote its rows
        for table in ("sessions", "holds"):
            db.execute(f"UPDATE {table} SET routine = (SELECT json_extract(s.record, "
                       f"'$.routine') FROM sessions s WHERE s.id = {table}."
                       f"{'id' if table == 'sessions' else 'session_id'})")
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1

    store = HistoryStore(folder)
    recorded = {r.identity: (r.name, r.sessions) for r in store.routines()}
    assert recorded == {"ITB recovery": ("ITB recovery (my copy)", 2), "Warm-up": ("Warm-up", 1)}
    progress = store.progress(date.today(), "ITB recovery")
    assert progress.this_week == 2
    assert [(h.exercise, h.best) for h in progress.holds] == [("Plank", 31.0)]
    with sqlite3.connect(folder / "history.sqlite3") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)  # the newest


def test_history_routine_finds_a_renamed_copys_sessions_by_either_name(tmp_path, capsys):
    history = tmp_path / "old.jsonl"
    history.write_text(json.dumps(old_record(1, "ITB recovery", this_week(0), 40.0)) + "\n")
    assert main(["history", "--import", str(history)]) == 0
    copy = editable("itb-recovery").path
    document = Document(copy.read_text(encoding="utf-8"), copy)
    document.set_field(ROUTINE, "name", "Knee, adapted")
    document.save(copy)
    store = HistoryStore()
    plan_identity = load_routine(copy).identity
    assert plan_identity == "ITB recovery"
    capsys.readouterr()
    for wanted in ("itb recovery", "ITB"):
        assert main(["history", "--routine", wanted, "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        assert [s["routine"] for s in shown["sessions"]] == ["ITB recovery"]
        assert shown["routines"][0]["routine_id"] == "ITB recovery"
    assert store.progress(date.today(), plan_identity).this_week == 1


def test_new_from_keeps_the_history_and_fresh_starts_one_of_its_own(tmp_path, capsys):
    assert main(["new", "knee-copy", "--from", "itb-recovery"]) == 0
    assert main(["new", "knee-fresh", "--from", "itb-recovery", "--fresh"]) == 0
    folder = personal_routines_dir()
    kept, fresh = (load_routine(folder / f"{n}.yaml") for n in ("knee-copy", "knee-fresh"))
    assert kept.identity == "ITB recovery"
    assert fresh.identity == "knee-fresh" and fresh.name == "ITB recovery"
    assert main(["new", "again", "--fresh"]) == 2
    assert "--fresh is for a copy" in capsys.readouterr().err
    again = Path(folder / "knee-fresh.yaml").read_text(encoding="utf-8")
    assert again.count("\nid:") + again.startswith("id:") == 1
