"""Run under libfaketime: a 100 ms tick chain while the wall clock is stepped mid-way.

    python -m tests.e2e.wallclock_probe MODE STEP STAMP_FILE

MODE is `tcl-after` (Tk's own `after`) or `wakeups` (itbtimer.gui.wakeup). At 1 s on
the monotonic clock a helper thread writes STEP (e.g. -3600) into STAMP_FILE, which
libfaketime reads as the wall clock's offset. Prints one JSON line: the monotonic
gaps between ticks and the wall-clock offset seen after the step.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import tkinter as tk
from pathlib import Path

from itbtimer.gui.ticker import TkTimers
from itbtimer.gui.wakeup import Wakeups

TICK_MS = 100
STEP_AT = 1.0
RUN_FOR = 3.0


def main() -> int:
    mode, step, stamp = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    interp = tk.Tcl()
    timers = Wakeups(interp) if mode == "wakeups" else TkTimers(interp)
    start_mono, start_wall = time.monotonic(), time.time()
    ticks: list[float] = []
    stepped: list[float] = []

    def tick() -> None:
        ticks.append(time.monotonic() - start_mono)
        timers.after(TICK_MS, tick)

    stepped_at: list[float] = []

    def step_the_wall_clock() -> None:
        threading.Event().wait(STEP_AT)  # not time.sleep: it fails under faketime
        stamp.write_text(step + "\n")
        stepped_at.append(time.monotonic())
        stepped.append(time.time() - start_wall - (stepped_at[0] - start_mono))

    timers.after(TICK_MS, tick)
    threading.Thread(target=step_the_wall_clock, daemon=True).start()
    # Ticks are watched for RUN_FOR - STEP_AT seconds after the step, however late this
    # thread got to make it: on a loaded machine it once stepped just before RUN_FOR was
    # up, and the silence after it was never seen.
    while not stepped_at or time.monotonic() < stepped_at[0] + RUN_FOR - STEP_AT:
        interp.dooneevent(0)
    gaps = [round(b - a, 4) for a, b in zip([0.0] + ticks, ticks, strict=False)]
    print(json.dumps({"mode": mode, "ticks": len(ticks), "gaps": gaps,
                      "wall_offset": round(stepped[0], 3) if stepped else None}))
    getattr(timers, "close", lambda: None)()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
