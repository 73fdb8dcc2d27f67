"""The History view: sessions per week against the target, holds over time, pain scores,
and the recent sessions (select one to delete it or set its pain score).

It shows at once and loads on a background thread (indexed queries on its own
connection), so the window never waits on the history, however long it is.
What to show (which weeks, points and labels) is decided in history/charts.py.
"""

from __future__ import annotations

import queue
import threading
import tkinter as tk
from collections.abc import Callable, Sequence
from datetime import date, datetime
from tkinter import messagebox, simpledialog
from typing import Any

from ..durations import format_clock, format_hms
from ..history import HistoryError, Listed
from ..history.charts import (
    labelled_points,
    max_back,
    mean,
    reduce_series,
    time_ticks,
    week_labels,
    week_window,
)
from ..logs import log_bug
from ..ports import HistoryStore
from ..progress import Progress
from .theme import PHASE_COLOURS
from .ticker import Timers, TkTimers
from .widgets import FitLabel, Fonts, Painted, button, label

BG = "#f7f7f5"
INK = "#222222"
GRID = "#cccccc"
SERIES = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
LISTED = 200
POLL_MS = 15

Box = tuple[float, float, float, float]


class HistoryView:
    def __init__(self, parent: tk.Misc, fonts: Fonts, on_close: Callable[[], None],
                 timers: Timers | None = None):
        self.fonts = fonts
        self.painted = Painted()
        self.painted.colour = PHASE_COLOURS["start"]
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
        self.hint = label(self.frame, self.painted, fonts["small"],
                          text="← → earlier / later weeks · A whole history · Esc back")
        self.hint.grid(row=2, column=0, sticky="w", padx=16)
        button(self.frame, "Back  (Esc)", on_close, fonts["medium"]).grid(
            row=2, column=1, pady=(0, 10), padx=16, sticky="e")
        self.store: HistoryStore | None = None
        self.routine: str | None = None
        self.per_week: int | None = None
        self.progress: Progress | None = None
        self.sessions: list[Listed] = []
        self.error: str | None = None
        self.back = 0  # screens of 12 weeks back from the newest
        self.whole = False
        self.loaded = False
        self.draws = 0
        self._results: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
        self._generation = 0
        # the dialogs, replaceable in tests
        self.confirm: Callable[[str, str], bool] = lambda title, text: bool(
            messagebox.askyesno(title, text, parent=self.frame))
        self.ask_pain: Callable[[str], int | None] = lambda text: simpledialog.askinteger(
            "Pain score", text, minvalue=0, maxvalue=10, parent=self.frame)
        self.canvas.bind("<Configure>", lambda e: self.draw())

    def _fit_title(self) -> None:
        self._title.show(self._title_text, max(100, self.frame.winfo_width() - 32))

    # --- loading ----------------------------------------------------------------------

    def show(self, store: HistoryStore, routine: str | None, per_week: int | None) -> None:
        """Show at once ("Loading…"); the figures arrive from a background thread."""
        self.store, self.routine, self.per_week = store, routine, per_week
        self._title_text = f"History — {routine}" if routine else "History"
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
                self._results.put((generation, (figures, listed)))
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
        elif isinstance(result, Exception):
            where = log_bug(result)
            self.error = f"History not read because of a bug; details in {where}"
            self.progress, self.sessions = None, []
        else:
            self.error = None
            self.progress, self.sessions = result
        self.loaded = True
        self._fill_list()
        self.draw()

    def _fill_list(self) -> None:
        self.listbox.delete(0, "end")
        for s in reversed(self.sessions):
            mark = " practice" if s.practice else " interrupted" if s.interrupted else ""
            pain = f" pain {s.pain}" if s.pain is not None else ""
            self.listbox.insert("end", f"{s.start:%d %b %Y %H:%M} {format_hms(s.active_seconds)}"
                                       f"{pain}{mark}")
        if self.sessions:
            self.listbox.selection_set(0)

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
                now = (self.listbox.curselection() or (0,))[0]
                new = max(0, min(self.listbox.size() - 1, now + (1 if keysym == "Down" else -1)))
                self.listbox.selection_clear(0, "end")
                self.listbox.selection_set(new)
                self.listbox.see(new)
        elif keysym == "Delete":
            self.delete_selected()
        elif keysym in ("p", "P"):
            self.pain_selected()
        else:
            return False
        return True

    def selected(self) -> Listed | None:
        chosen = self.listbox.curselection()
        if not chosen or not self.sessions:
            return None
        return list(reversed(self.sessions))[chosen[0]]

    def delete_selected(self) -> None:
        session = self.selected()
        if session is None or self.store is None:
            return
        text = (f"Delete the session of {session.start:%a %d %b %Y %H:%M} ({session.routine})?"
                f"\n\nIt can be restored with: itbtimer history --undelete {session.short_id}")
        if not self.confirm("Delete session", text):
            return
        self._correct(lambda store: store.delete(session.id))

    def pain_selected(self) -> None:
        session = self.selected()
        if session is None or self.store is None:
            return
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

    # --- drawing ----------------------------------------------------------------------

    def draw(self) -> None:
        c = self.canvas
        c.delete("all")
        width, height = c.winfo_width(), c.winfo_height()
        if width < 100 or height < 100:
            return
        self.draws += 1
        small = self.fonts["small"]
        if self.error:
            c.create_text(width / 2, height / 2, text=self.error, fill="#c62828", font=small,
                          width=width - 40)
            return
        if not self.loaded or self.progress is None:
            c.create_text(width / 2, height / 2, text="Loading…", fill="#888888", font=small)
            return
        line = small.metrics("linespace")
        third = height / 3
        left = 16 + small.measure("00:00")
        # each chart: title and legend on a line above, date labels below, inside its third
        boxes = [(left, i * third + line + 10, width - 16, (i + 1) * third - line - 10)
                 for i in range(3)]
        self._weeks(boxes[0], small)
        self._holds(boxes[1], small)
        self._pain(boxes[2], small)

    def _frame(self, box: Box, titles: tuple[str, str], ymax: float,
               ticks: Sequence[tuple[float, str]], font: Any,
               legend: list[tuple[str, str, str]] | None = None) -> None:
        """Axes, grid, the title top left and the legend top right: both above the plot,
        never over each other (a shorter title, then shorter legend entries, if need be)."""
        x0, y0, x1, y1 = box
        c = self.canvas
        entries = legend or []
        width = x1 - x0 - 24
        longs = [long for long, _, _ in entries]
        shorts = [short for _, short, _ in entries]
        title, texts = titles[1], shorts
        for title_choice, text_choice in ((titles[0], longs), (titles[1], longs)):
            need = font.measure(title_choice) + sum(font.measure(t) + 18 for t in text_choice)
            if need <= width:
                title, texts = title_choice, text_choice
                break
        c.create_text(x0, y0 - 6, text=title, anchor="sw", fill=INK, font=font)
        room = width - font.measure(title)
        x = x1
        for text, (_, _, colour) in reversed(list(zip(texts, entries, strict=True))):
            need = font.measure(text) + 18
            if need > room:
                break
            x -= need
            room -= need
            c.create_rectangle(x, y0 - 6 - font.metrics("linespace") * 0.7, x + 10, y0 - 8,
                               fill=colour, width=0)
            c.create_text(x + 14, y0 - 6, text=text, anchor="sw", fill=colour, font=font)
        for value, text in ticks:
            y = y1 - (y1 - y0) * value / ymax
            c.create_line(x0, y, x1, y, fill=GRID)
            c.create_text(x0 - 6, y, text=text, anchor="e", fill=INK, font=font)
        c.create_line([x0, y0, x0, y1, x1, y1], fill=INK, width=2)

    def _weeks(self, box: Box, font: Any) -> None:
        assert self.progress is not None
        window = week_window(self.progress.weeks, self.back, self.whole)
        weeks = window.shown
        target = self.progress.per_week or 0
        most = max([n for _, n in weeks] + [target, 1])
        top = most * 1.2  # room for the count above the highest bar
        x0, y0, x1, y1 = box
        fit = max(1, int((y1 - y0) / (font.metrics("linespace") * 1.3)))
        ticks = [(v, str(v)) for v in range(0, most + 1, max(1, -(-most // fit)))]
        scope = ("whole history" if window.whole and len(weeks) > 12
                 else f"{len(weeks)} weeks" + (", ← earlier" if window.first else ""))
        legend = [(f"target {target} a week", f"target {target}", "#c62828")] if target else []
        self._frame(box, (f"Sessions per week ({scope})", "Sessions per week"), top, ticks,
                    font, legend)
        slot = (x1 - x0) / max(1, len(weeks))
        gap = slot * 0.2 if slot > 6 else 0
        for i, (_, count) in enumerate(weeks):
            left, right = x0 + i * slot + gap, x0 + (i + 1) * slot - gap
            y = y1 - (y1 - y0) * count / top
            fill = "#2e7d32" if target and count >= target else "#64b5f6"
            if count:
                self.canvas.create_rectangle(left, y, max(right, left + 1), y1, fill=fill,
                                             width=0)
                if slot > font.measure("00"):
                    self.canvas.create_text((left + right) / 2, y - 2, text=str(count),
                                            anchor="s", fill=INK, font=font)
        fits = int((x1 - x0) / (font.measure("00 Mmm 0000") + 12))
        for i, text in week_labels([d for d, _ in weeks], fits, date.today().year):
            half = font.measure(text) / 2 + 2
            x = min(max(x0 + (i + 0.5) * slot, x0 + half), x1 - half)  # never cut at an edge
            self.canvas.create_text(x, y1 + 3, text=text, anchor="n", fill=INK, font=font)
        if target:
            y = y1 - (y1 - y0) * target / top
            self.canvas.create_line(x0, y, x1, y, fill="#c62828", width=2, dash=(6, 4))

    def _time_x(self, times: list[datetime], box: Box) -> Callable[[datetime], float]:
        x0, _, x1, _ = box
        first, last = min(times), max(times)
        span = (last - first).total_seconds() or 1.0

        def x(t: datetime) -> float:
            if last == first:
                return (x0 + x1) / 2
            return x0 + 10 + (x1 - x0 - 20) * (t - first).total_seconds() / span

        return x

    def _holds(self, box: Box, font: Any) -> None:
        assert self.progress is not None
        holds = self.progress.holds
        top = max([h.best for h in holds] + [30.0])
        top = (int(top // 30) + 1) * 30
        ticks = [(v, format_clock(v)) for v in range(0, top + 1, max(30, top // 4 // 30 * 30))]
        legend = [(h.text(), h.exercise, SERIES[n % len(SERIES)]) for n, h in enumerate(holds)]
        self._frame(box, ("Holds: longest per session", "Holds"), top, ticks, font, legend)
        times = [t for h in holds for t, _ in h.series]
        if not times:
            self._empty(box, "No holds recorded yet", font)
            return
        x = self._time_x(times, box)
        x0, y0, x1, y1 = box
        buckets = max(2, int((x1 - x0) / 3))
        for n, hold in enumerate(holds):
            colour = SERIES[n % len(SERIES)]
            series = reduce_series(hold.series, buckets, max)
            points = [(x(t), y1 - (y1 - y0) * v / top) for t, v in series]
            if len(points) > 1:
                self.canvas.create_line(*[c for p in points for c in p], fill=colour, width=2)
            if len(points) <= 60:
                for px, py in points:
                    self.canvas.create_oval(px - 4, py - 4, px + 4, py + 4, fill=colour, width=0)
        self._dates(box, times, x, font)

    def _pain(self, box: Box, font: Any) -> None:
        assert self.progress is not None
        pain = [(t, float(p)) for t, p in self.progress.pain]
        label = self.progress.pain_label()
        self._frame(box, (f"{label} after the session (0-10)", label), 10,
                    [(v, str(v)) for v in (0, 5, 10)], font)
        if not pain:
            self._empty(box, "No pain scores yet", font)
            return
        x = self._time_x([t for t, _ in pain], box)
        x0, y0, x1, y1 = box
        series = reduce_series(pain, max(2, int((x1 - x0) / 3)), mean)
        points = [(x(t), y1 - (y1 - y0) * v / 10) for t, v in series]
        if len(points) > 1:
            self.canvas.create_line(*[c for p in points for c in p], fill="#c62828", width=2)
        fits = int((x1 - x0) / (font.measure("10") * 3))
        for i in labelled_points([v for _, v in series], fits):
            px, py = points[i]
            self.canvas.create_oval(px - 4, py - 4, px + 4, py + 4, fill="#c62828", width=0)
            value = series[i][1]
            text = str(int(value)) if value == int(value) else f"{value:.1f}"
            self.canvas.create_text(px, py - 6, text=text, anchor="s", fill=INK, font=font)
        self._dates(box, [t for t, _ in pain], x, font)

    def _dates(self, box: Box, times: list[datetime], x: Callable[[datetime], float],
               font: Any) -> None:
        x0, _, x1, y1 = box
        fits = int((x1 - x0) / (font.measure("00 Mmm 0000") + 16))
        for t, text in time_ticks(min(times), max(times), fits):
            half = font.measure(text) / 2 + 2
            self.canvas.create_line(x(t), y1, x(t), y1 + 3, fill=INK)
            self.canvas.create_text(min(max(x(t), x0 + half), x1 - half), y1 + 3, text=text,
                                    anchor="n", fill=INK, font=font)

    def _empty(self, box: Box, text: str, font: Any) -> None:
        x0, y0, x1, y1 = box
        self.canvas.create_text((x0 + x1) / 2, (y0 + y1) / 2, text=text, fill="#888888",
                                font=font)
