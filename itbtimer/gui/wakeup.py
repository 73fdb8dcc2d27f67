"""Wake-ups on the monotonic clock for the Tk loop, whatever the wall clock does.

Tcl 8.6 schedules `after` on wall-clock time: when NTP (or a person) steps the
clock back by N seconds, a pending `after` fires N seconds late, and the timer
falls silent. `Wakeups` offers the same `after`/`after_cancel` calls, but a helper
thread sleeps until each deadline on `time.monotonic()` (poll's timeout is
relative, so a clock step cannot stretch it) and wakes the Tk thread through a
pipe registered with `createfilehandler`. Callbacks run on the Tk thread only.

It is one of the window's `Timers` (gui/ticker.py). Linux and other Unix systems
only (`createfilehandler`); elsewhere Tk's own timers are the fallback.
"""

from __future__ import annotations

import heapq
import itertools
import math
import os
import select
import sys
import threading
import time
import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass, field

from itbtimer.gui.ticker import Timers, TkTimers

PREFIX = "wakeup#"


@dataclass(order=True)
class _Call:
    deadline: float
    seq: int
    func: Callable[[], object] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)


class Wakeups:
    """`after(ms, func)` on the monotonic clock, run on the Tk thread (a `Timers`)."""

    def __init__(self, root: tk.Tk, clock: Callable[[], float] = time.monotonic):
        self.root = root
        self.clock = clock
        self.woken = 0  # how many times the Tk thread was woken (for the bench)
        self._calls: list[_Call] = []
        self._by_id: dict[str, _Call] = {}
        self._seq = itertools.count()
        self._lock = threading.Lock()
        self._closed = False
        self._wake_r, self._wake_w = os.pipe()  # thread -> Tk: something is due
        self._tell_r, self._tell_w = os.pipe()  # Tk -> thread: the earliest deadline changed
        for fd in (self._wake_r, self._wake_w, self._tell_r, self._tell_w):
            os.set_blocking(fd, False)
        root.tk.createfilehandler(self._wake_r, tk.READABLE, self._on_wake)
        self._thread = threading.Thread(target=self._sleep_until_due, name="itbtimer-wakeups",
                                        daemon=True)
        self._thread.start()

    # --- the Tk side -----------------------------------------------------------------

    def after(self, ms: int, func: Callable[[], object]) -> str:
        return self.call_at(self.clock() + max(0, ms) / 1000, func)

    def after_idle(self, func: Callable[[], object]) -> str:
        """When Tk is idle: no clock involved, so Tk's own idle queue."""
        return self.root.after_idle(func)

    def call_at(self, deadline: float, func: Callable[[], object]) -> str:
        call = _Call(deadline, next(self._seq), func)
        call_id = f"{PREFIX}{call.seq}"
        with self._lock:
            earliest = self._calls[0].deadline if self._calls else math.inf
            heapq.heappush(self._calls, call)
            self._by_id[call_id] = call
        if deadline < earliest:
            self._tell()
        return call_id

    def cancel(self, timer: str) -> None:
        if not timer.startswith(PREFIX):  # an idle call: Tk's
            try:
                self.root.after_cancel(timer)
            except tk.TclError:
                pass  # the root is already gone, and its calls with it
            return
        with self._lock:
            call = self._by_id.pop(timer, None)
        if call is not None:
            call.cancelled = True  # left in the heap; skipped when due

    @property
    def pending(self) -> int:
        with self._lock:
            return sum(not c.cancelled for c in self._calls)

    def _on_wake(self, fd: int, mask: int) -> None:
        _drain(self._wake_r)
        self.woken += 1
        try:
            for call in self._take_due():
                try:
                    call.func()
                except Exception:  # as Tk reports an `after` callback's error, and go on
                    self.root.report_callback_exception(*sys.exc_info())
        finally:
            self._tell()  # the thread sleeps again until the new earliest deadline

    def _take_due(self) -> list[_Call]:
        now = self.clock()
        due: list[_Call] = []
        with self._lock:
            while self._calls and (self._calls[0].deadline <= now or self._calls[0].cancelled):
                call = heapq.heappop(self._calls)
                if not call.cancelled:
                    self._by_id.pop(f"{PREFIX}{call.seq}", None)
                    due.append(call)
        return due

    def _tell(self) -> None:
        try:
            os.write(self._tell_w, b".")
        except (BlockingIOError, OSError):
            pass  # the pipe is full: the thread has been told already

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._tell()
        self._thread.join(timeout=2.0)
        try:
            self.root.tk.deletefilehandler(self._wake_r)
        except tk.TclError:
            pass
        for fd in (self._wake_r, self._wake_w, self._tell_r, self._tell_w):
            os.close(fd)

    # --- the helper thread -----------------------------------------------------------

    def _sleep_until_due(self) -> None:
        poller = select.poll()
        poller.register(self._tell_r, select.POLLIN)
        signalled: float | None = None  # the deadline Tk was last woken for
        while not self._closed:
            with self._lock:
                while self._calls and self._calls[0].cancelled:
                    heapq.heappop(self._calls)
                earliest = self._calls[0].deadline if self._calls else None
            if earliest is not None and earliest != signalled:
                left = earliest - self.clock()
                if left <= 0:
                    signalled = earliest
                    try:
                        os.write(self._wake_w, b"!")
                    except (BlockingIOError, OSError):
                        pass
                    continue
                timeout = math.ceil(left * 1000)  # never early: wake at or just after it
            else:
                timeout = -1  # nothing due (or Tk not done with it): wait to be told
            if poller.poll(timeout):
                _drain(self._tell_r)
                signalled = None


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 512):
            pass
    except (BlockingIOError, OSError):
        pass


def monotonic_timers(root: tk.Tk) -> Timers:
    """The best timers this platform allows: monotonic wake-ups where Tk can watch a pipe."""
    if not hasattr(root.tk, "createfilehandler"):
        return TkTimers(root)
    return Wakeups(root)
