"""The History view: sessions per week against the target, holds over time, pain scores,
and the recent sessions (select one to delete it or set its pain score).

It shows at once and loads on a background thread (indexed queries on its own
connection), so the window never waits on the history, however long it is.
What to show (which weeks, points and labels) is decided in history/charts.py.
"""

from __future__ import annotations

import math
import queue
import threading
import tkinter as tk
from collections.abc import Callable
from datetime import date
from pathlib import Path
from tkinter import filedialog, messagebox, simpledialog
from typing import Any

from itbtimer.adapters.logs import log_bug
from itbtimer.app.ports import HistoryStore
from itbtimer.gui.history_charts import INK, HistoryCharts
from itbtimer.gui.report_maker import ReportMaker, report_command, report_file
from itbtimer.gui.theme import SCREEN_BG
from itbtimer.gui.ticker import Timers, TkTimers
from itbtimer.gui.widgets import FitLabel, Fonts, Painted, button, chosen_rows
from itbtimer.history import HistoryError, Listed
from itbtimer.history.charts import (
    max_back,
)
from itbtimer.history.figures import Progress
from itbtimer.history.records import RunRecord
from itbtimer.present.history_words import LIST_SHARE, list_rows

BG = "#f7f7f5"
LISTED = 200
POLL_MS = 15
KEYS_HINT = "← → earlier / later weeks · A whole history · R report · Esc back"


class HistoryView:
    def __init__(self, parent: tk.Misc, fonts: Fonts, on_close: Callable[[], None],
                 timers: Timers | None = None):
        self.fonts = fonts
        self.painted = Painted()
        self.painted.colour = SCREEN_BG
        self.frame = self.painted.add(tk.Frame(parent))
        self.timers = timers or TkTimers(self.frame)
        self._poll_timer: str | None = None
        self.worker: threading.Thread | None = None
        self.frame.columnconfigure(0, weight=1)
        self.frame.rowconfigure(1, weight=1)
        self._title = FitLabel(self.frame, self.painted, fonts, "big", anchor="w")
        self.title = self._title.widget
        self.title.grid(row=0, column=0, columnspan=2, sticky="w", padx=16, pady=(8, 0))
        self._title_text = "History"
        self.frame.bind("<Configure>", lambda e: self._fit_title(), add="+")
        self.canvas = tk.Canvas(self.frame, bg=BG, highlightthickness=0)
        self.charts = HistoryCharts(self.canvas, fonts)
        self.canvas.grid(row=1, column=0, sticky="nsew", padx=(16, 8), pady=8)
        side = self.painted.add(tk.Frame(self.frame))
        side.grid(row=1, column=1, sticky="ns", padx=(0, 16), pady=8)
        side.rowconfigure(0, weight=1)
        self.listbox = tk.Listbox(side, font=fonts["small"], width=30, activestyle="none",
                                  exportselection=False, takefocus=0, bg=BG, fg=INK,
                                  highlightthickness=0, selectbackground="#1f77b4")
        self.listbox.grid(row=0, column=0, columnspan=2, sticky="ns")
        button(side, "Delete… (Del)", self.delete_selected, fonts["small"]).grid(
            row=1, column=0, sticky="ew", pady=(6, 0), padx=(0, 3))
        button(side, "Pain… (P)", self.pain_selected, fonts["small"]).grid(
            row=1, column=1, sticky="ew", pady=(6, 0), padx=(3, 0))
        button(side, "Report… (R)", self.make_report, fonts["small"]).grid(
            row=2, column=0, columnspan=2, sticky="ew", pady=(6, 0))
        # the keys, or what became of a report: shrunk, then on two lines, to fit
        self._hint = FitLabel(self.frame, self.painted, fonts, "small", anchor="w",
                              justify="left")
        self.hint = self._hint.widget
        self.hint_text = KEYS_HINT
        self.hint.grid(row=2, column=0, sticky="we", padx=16)
        button(self.frame, "Back  (Esc)", on_close, fonts["medium"]).grid(
            row=2, column=1, pady=(0, 10), padx=16, sticky="e")
        self.store: HistoryStore | None = None
        self.routine: str | None = None
        self.name: str | None = None
        self.per_week: int | None = None
        self.progress: Progress | None = None
        self.sessions: list[Listed] = []
        self.runs: list[RunRecord] = []  # listed among the sessions, by time
        self.error: str | None = None
        self.back = 0  # screens of 12 weeks back from the newest
        self.whole = False
        self.loaded = False
        self.draws = 0
        self._list_key: tuple[int, int, int] | None = None
        self._results: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
        self._generation = 0
        # the dialogs, replaceable in tests
        self.confirm: Callable[[str, str], bool] = lambda title, text: bool(
            messagebox.askyesno(title, text, parent=self.frame))
        self.ask_pain: Callable[[str], int | None] = lambda text: simpledialog.askinteger(
            "Pain score", text, minvalue=0, maxvalue=10, parent=self.frame)
        self.ask_report_file: Callable[[Path], Path | None] = self._ask_report_file
        self.source: str | None = None  # the routine's file: its report's name, target, levels
        self.reports = ReportMaker(self.timers, self.say)
        self.canvas.bind("<Configure>", lambda e: self.draw())

    def _fit_title(self) -> None:
        self._title.show(self._title_text, max(100, self.frame.winfo_width() - 32))

    def say(self, text: str) -> None:
        """The line under the charts: the keys, or what became of a report."""
        self.hint_text = text
        self._fit_hint()

    def _fit_hint(self) -> None:
        """As wide as the charts above it (again when they change size)."""
        self._hint.show(self.hint_text, max(100, self.canvas.winfo_width()), max_lines=2)

    # --- loading ----------------------------------------------------------------------

    def show(self, store: HistoryStore, routine: str | None, per_week: int | None,
             name: str | None = None, source: str | None = None) -> None:
        """Show at once ("Loading…"); the figures arrive from a background thread.
        `routine`: the identity its sessions are recorded under; `name`: its name now;
        `source`: its file (what a report is made of)."""
        self.store, self.routine, self.per_week = store, routine, per_week
        self.source = source
        self.say(KEYS_HINT)
        name = name or routine
        self.name = name
        self._title_text = f"History — {name}" if name else "History"
        self._fit_title()
        self.back, self.whole = 0, False
        self.reload()

    def reload(self) -> None:
        if self.store is None:
            return
        self.loaded = False
        self._generation += 1
        generation, store = self._generation, self.store
        routine, per_week, today = self.routine, self.per_week, date.today()
        self.draw()

        def work() -> None:
            try:
                figures = store.progress(today, routine, per_week, series=True)
                listed = store.listing(None if routine is None else [routine], LISTED)
                runs = store.runs(LISTED)
                self._results.put((generation, (figures, listed, runs)))
            except Exception as exc:  # a bug too: handed over, so the screen never hangs
                self._results.put((generation, exc))

        self.worker = threading.Thread(target=work, name="history-load", daemon=True)
        self.worker.start()
        self._schedule_poll()

    def _schedule_poll(self) -> None:
        if self._poll_timer is not None:
            self.timers.cancel(self._poll_timer)
        self._poll_timer = self.timers.after(POLL_MS, self._poll)

    def _poll(self) -> None:
        """Take the loader's result when it is there; poll again until then, and stop."""
        self._poll_timer = None
        try:
            generation, result = self._results.get_nowait()
        except queue.Empty:
            if not self.loaded:
                self._schedule_poll()
            return
        if generation != self._generation:
            self._schedule_poll()
            return
        if isinstance(result, HistoryError):
            self.error, self.progress, self.sessions = f"History not read: {result}", None, []
            self.runs = []
        elif isinstance(result, Exception):
            where = log_bug(result)
            self.error = f"History not read because of a bug; details in {where}"
            self.progress, self.sessions, self.runs = None, [], []
        else:
            self.error = None
            self.progress, self.sessions, self.runs = result
        self.loaded = True
        self._fill_list()
        self.draw()

    def _fill_list(self) -> None:
        self._list_key = None
        self._fit_list()
        if self.sessions or self.runs:
            self.listbox.selection_set(0)

    def _fit_list(self) -> None:
        """Rows whole, the list as wide as its longest: the long rows when they fit the
        list's share of the width, else the short ones, each note shortened to the room
        left (present.history_words.list_rows). Again when the fonts or the width change."""
        font = self.fonts["small"]
        width = max(self.frame.winfo_width(), self.frame.winfo_reqwidth())
        key = (self.fonts.height, width, len(self.sessions) + len(self.runs))
        if key == self._list_key:
            return
        self._list_key = key
        rows = list_rows(self.rows(), lambda line: font.measure(line) <= LIST_SHARE * width)
        chosen = chosen_rows(self.listbox)
        self.listbox.delete(0, "end")
        for row in rows:
            self.listbox.insert("end", row)
        widest = min(max((font.measure(row) for row in rows), default=0), LIST_SHARE * width)
        self.listbox.configure(width=max(20, math.ceil(widest / max(1, font.measure("0"))) + 1))
        if chosen and chosen[0] < len(rows):
            self.listbox.selection_set(chosen[0])

    # --- keys and corrections ---------------------------------------------------------

    def key(self, keysym: str) -> bool:
        """A key on this screen; True when it meant something here."""
        if keysym in ("Left", "Right") and self.progress is not None:
            limit = max_back(self.progress.weeks)
            self.back = min(limit, self.back + 1) if keysym == "Left" else max(0, self.back - 1)
            self.whole = False
            self.draw()
        elif keysym in ("a", "A") and self.progress is not None:
            self.whole = not self.whole
            self.draw()
        elif keysym in ("Up", "Down"):
            if self.listbox.size():
                now = (chosen_rows(self.listbox) or (0,))[0]
                new = max(0, min(self.listbox.size() - 1, now + (1 if keysym == "Down" else -1)))
                self.listbox.selection_clear(0, "end")
                self.listbox.selection_set(new)
                self.listbox.see(new)
        elif keysym == "Delete":
            self.delete_selected()
        elif keysym in ("p", "P"):
            self.pain_selected()
        elif keysym in ("r", "R"):
            self.make_report()
        else:
            return False
        return True

    def make_report(self) -> None:
        """Report…: where to save it (a dialog), then `itbtimer report` in its own process;
        the line under the charts says where it went, or why not."""
        if self.store is None or self.reports.busy:
            return
        if self.source is None or self.routine is None or self.store.folder is None:
            self.say("A report is of one routine's history on disk: open the History from "
                     "that routine")
            return
        target = self.ask_report_file(report_file(self.name or self.routine, date.today(),
                                                  Path.home()))
        if target is None:
            return
        self.say("Writing the report…")
        self.reports.start(report_command(self.source, target, self.store.folder), target)

    def _ask_report_file(self, proposed: Path) -> Path | None:
        name = filedialog.asksaveasfilename(
            parent=self.frame, title="Save the report as", initialdir=str(proposed.parent),
            initialfile=proposed.name, defaultextension=".pdf",
            filetypes=[("PDF", "*.pdf"), ("All files", "*")])
        return Path(name) if name else None

    def rows(self) -> list[Listed | RunRecord]:
        """The list's rows, newest first: the sessions and the runs among them by time."""
        merged: list[Listed | RunRecord] = [*self.sessions, *self.runs]
        return sorted(merged, key=lambda row: row.start.timestamp(), reverse=True)

    def selected(self) -> Listed | RunRecord | None:
        chosen = chosen_rows(self.listbox)
        rows = self.rows()
        if not chosen or chosen[0] >= len(rows):
            return None
        return rows[chosen[0]]

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.store is None:
            return
        what = (f"the run of {chosen.start:%a %d %b %Y}" if isinstance(chosen, RunRecord) else
                f"the session of {chosen.start:%a %d %b %Y %H:%M} ({chosen.routine})")
        text = (f"Delete {what}?\n\nIt can be restored with: itbtimer history --undelete "
                f"{chosen.short_id}")
        if not self.confirm("Delete run" if isinstance(chosen, RunRecord) else "Delete session",
                            text):
            return
        self._correct(lambda store: store.delete(chosen.id))

    def pain_selected(self) -> None:
        session = self.selected()
        if session is None or self.store is None or isinstance(session, RunRecord):
            return  # a run's pain is part of the run as logged: delete it and log it again
        now = "none" if session.pain is None else str(session.pain)
        score = self.ask_pain(f"{session.pain_label()} after the session of "
                              f"{session.start:%a %d %b %Y %H:%M}, 0 (none) to 10 (worst)? "
                              f"Now: {now}")
        if score is None:
            return
        self._correct(lambda store: store.set_pain(session.id, score))

    def _correct(self, change: Callable[[HistoryStore], object]) -> None:
        assert self.store is not None
        try:
            change(self.store)
        except HistoryError as exc:
            self.error = f"Not changed: {exc}"
            self.draw()
            return
        self.reload()

    def draw(self) -> None:
        self._fit_list()
        self._fit_hint()
        if self.charts.draw(self.progress if self.loaded else None, self.error, self.back,
                            self.whole):
            self.draws += 1
