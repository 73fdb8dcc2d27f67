"""Run in a subprocess with HOME pointing at a folder holding an .asoundrc.

ALSA reads its configuration once per process, so each sound test gets a
process of its own. Prints one JSON line: latencies, notice, warnings.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from itbtimer.adapters.sound import SimpleaudioPlayer, make_player
from itbtimer.routine_files.bundled import assets_dir


def main() -> None:
    args = json.loads(sys.argv[1])
    custom = Path(args["custom"]) if args.get("custom") else None
    player, warnings = make_player(assets_dir() / "sounds", custom)
    if args.get("volume") is not None:
        player.set_volume(args["volume"])
    if args.get("mute"):
        player.mute()
    latencies = []
    notices = []
    for cue in args["cues"]:
        started = time.perf_counter()
        player.play(cue)
        latencies.append(time.perf_counter() - started)
        notices.append(player.notice)
        if isinstance(player, SimpleaudioPlayer) and args.get("wait", True):
            player.wait_done()
    print(json.dumps({
        "player": type(player).__name__,
        "median_ms": statistics.median(latencies) * 1000 if latencies else None,
        "max_ms": max(latencies) * 1000 if latencies else None,
        "notices": notices,
        "warnings": warnings,
    }))


if __name__ == "__main__":
    main()
