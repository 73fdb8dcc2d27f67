"""The History screen's "Report…" on the real window: R (or the button) asks where to save
it, `itbtimer report` writes it in its own process, and the line under the charts says
where it went or why not."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from tests.helpers import wait_until
from tests.sides_helpers import side_session

pytestmark = pytest.mark.gui


def fill_short(ui, count: int = 6) -> None:
    """Sessions of the window's routine ("Short"), the last yesterday."""
    today = datetime.now().astimezone().replace(hour=7, minute=0, second=0, microsecond=0)
    for n in range(count):
        record = side_session(today - timedelta(days=2 * (count - n) - 1), 40.0 + n, 30.0 + n)
        assert ui.history.append(replace(record, routine="Short", routine_id="Short",
                                         per_week=3))


def hint(ui) -> str:
    """The line under the charts, as shown (fitted to its width: whole, on one or two lines)."""
    view = ui.window.history_view
    shown = " ".join(str(view.hint.cget("text")).split())
    assert shown == view.hint_text  # never cut
    return shown


def wait_for_report(ui) -> bool:
    return wait_until(lambda: not ui.window.history_view.reports.busy,
                      lambda: ui.advance(0.1), timeout=60)


def test_r_on_the_history_screen_saves_the_report_where_the_person_chose(ui, tmp_path):
    fill_short(ui)
    asked = []
    target = tmp_path / "short report.pdf"
    ui.window.history_view.ask_report_file = lambda proposed: asked.append(proposed) or target
    ui.key("h")
    ui.key("r")
    assert asked and asked[0].name.startswith("Short report ") and asked[0].suffix == ".pdf"
    assert hint(ui) == "Writing the report…"
    assert wait_for_report(ui)
    assert hint(ui) == f"Report written to {target}"
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Short — report" in text and "6 sessions since" in text  # counted from the first


def test_a_report_that_cannot_be_written_says_why_and_cancelling_writes_nothing(ui, tmp_path):
    fill_short(ui)
    ui.key("h")
    ui.window.history_view.ask_report_file = lambda proposed: None
    ui.key("r")
    assert not ui.window.history_view.reports.busy and "R report" in hint(ui)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    ui.window.history_view.ask_report_file = lambda proposed: pipe
    ui.key("r")
    assert wait_for_report(ui)
    assert hint(ui) == ("Report not written: pipe: this is a named pipe, not a file: the PDF "
                        "goes to a file (for example -o report.pdf)")
