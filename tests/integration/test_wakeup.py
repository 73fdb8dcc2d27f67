"""Monotonic wake-ups into a real Tcl event loop (no display needed: Tcl alone)."""

from __future__ import annotations

import threading
import time

from itbtimer.gui.wakeup import Wakeups, monotonic_timers
from tests.integration.tcl_loop import run_until


def test_calls_run_on_the_tk_thread_in_deadline_order_not_early(tcl):
    wakeups = Wakeups(tcl)
    ran: list[tuple[str, float, bool]] = []
    start = time.monotonic()
    for name, ms in (("c", 120), ("a", 30), ("b", 60)):
        due = start + ms / 1000
        wakeups.after(ms, lambda n=name, d=due: ran.append(
            (n, time.monotonic() - d, threading.current_thread() is threading.main_thread())))
    run_until(tcl, lambda: len(ran) == 3)
    wakeups.close()
    assert [r[0] for r in ran] == ["a", "b", "c"]
    assert all(late >= 0 for _, late, _ in ran)  # never before the deadline
    assert all(main for _, _, main in ran)


def test_a_cancelled_call_never_runs(tcl):
    wakeups = Wakeups(tcl)
    ran: list[str] = []
    gone = wakeups.after(20, lambda: ran.append("cancelled"))
    wakeups.after(60, lambda: ran.append("kept"))
    wakeups.cancel(gone)
    wakeups.cancel("wakeup#unknown")  # cancelling twice or late is harmless
    run_until(tcl, lambda: ran)
    wakeups.close()
    assert ran == ["kept"] and wakeups.pending == 0


def test_a_loop_that_reschedules_itself_wakes_tk_once_per_call(tcl):
    wakeups = Wakeups(tcl)
    fired: list[float] = []

    def loop() -> None:
        fired.append(time.monotonic())
        if len(fired) < 10:
            wakeups.after(20, loop)

    wakeups.after(20, loop)
    run_until(tcl, lambda: len(fired) == 10)
    wakeups.close()
    assert len(fired) == 10 and wakeups.woken == 10


def test_an_earlier_call_added_while_the_thread_sleeps_is_not_held_back(tcl):
    wakeups = Wakeups(tcl)
    ran: list[str] = []
    wakeups.after(3000, lambda: ran.append("late"))
    # real time: give the helper thread the moment it needs to go to sleep on the 3 s
    # deadline (nothing public says it has; if it has not, the test is only less strict)
    time.sleep(0.05)
    wakeups.after(10, lambda: ran.append("soon"))
    run_until(tcl, lambda: ran, limit=1.0)
    wakeups.close()
    assert ran == ["soon"]


def test_an_error_in_a_call_is_reported_and_the_next_calls_still_run(tcl):
    wakeups = Wakeups(tcl)
    ran: list[str] = []
    wakeups.after(10, lambda: 1 / 0)
    wakeups.after(30, lambda: ran.append("after the error"))
    run_until(tcl, lambda: ran)
    wakeups.close()
    assert ran == ["after the error"]
    assert [e[0] for e in tcl.errors] == [ZeroDivisionError]


def test_close_stops_the_helper_thread(tcl):
    before = set(threading.enumerate())
    wakeups = monotonic_timers(tcl)
    assert isinstance(wakeups, Wakeups)
    wakeups.after(10_000, lambda: None)
    (helper,) = set(threading.enumerate()) - before
    assert helper.name == "itbtimer-wakeups"
    wakeups.close()
    assert not helper.is_alive()
