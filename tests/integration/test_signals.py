"""Quit signals reach the Tk loop through the wakeup fd, never inside a running callback."""

from __future__ import annotations

import os
import signal

import pytest

from itbtimer.adapters.quit_signals import QUIT_SIGNALS
from itbtimer.gui.signals import QuitOnSignals
from tests.integration.tcl_loop import run_until


@pytest.mark.parametrize("signum", QUIT_SIGNALS)
def test_each_quit_signal_calls_quit_once_from_the_tk_loop(tcl, signum):
    quits: list[int] = []
    guard = QuitOnSignals(tcl, quits.append)
    try:
        os.kill(os.getpid(), signum)
        run_until(tcl, lambda: quits)
    finally:
        guard.close()
    assert quits == [signum] and tcl.errors == []


def test_a_signal_during_a_long_callback_does_not_break_into_it(tcl):
    quits: list[int] = []
    finished: list[bool] = []
    guard = QuitOnSignals(tcl, quits.append)

    def busy_callback() -> None:
        os.kill(os.getpid(), signal.SIGINT)  # arrives while this callback runs
        total = sum(range(200_000))  # Python code keeps running: no KeyboardInterrupt here
        finished.append(total > 0)

    try:
        tcl.after(1, busy_callback)
        run_until(tcl, lambda: quits)
    finally:
        guard.close()
    assert finished == [True] and quits == [signal.SIGINT] and tcl.errors == []


def test_twenty_sigints_in_a_burst_quit_exactly_once(tcl):
    quits: list[int] = []
    guard = QuitOnSignals(tcl, quits.append)
    try:
        for _ in range(20):
            os.kill(os.getpid(), signal.SIGINT)
        run_until(tcl, lambda: quits)
        settled: list[bool] = []
        tcl.after(100, lambda: settled.append(True))  # let any late signal bytes arrive
        run_until(tcl, lambda: settled)
    finally:
        guard.close()
    assert quits == [signal.SIGINT] and len(guard.received) >= 1


def test_close_puts_back_the_handlers_that_were_there(tcl):
    before = {s: signal.getsignal(s) for s in QUIT_SIGNALS}
    QuitOnSignals(tcl, lambda n: None).close()
    assert {s: signal.getsignal(s) for s in QUIT_SIGNALS} == before
    assert signal.set_wakeup_fd(-1) == -1
