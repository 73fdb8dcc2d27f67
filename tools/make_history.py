"""Make a realistic history of the bundled ITB routine: `tools/make_history.py N FILE`.

N sessions (20,000 is about 55 years of daily use) written as JSONL, the
documented exchange format, ready for `itbtimer history --import FILE` (or
`--into DATA_FOLDER` to import it straight into a store). Deterministic (seeded).

What is in it, as a real history would have: sessions on most days (some weeks
missed), evenings mostly, a few finished early or stopped, skipped exercises,
holds that grow and plateau, pain that falls with noise, some not scored, a
move between time zones (and every daylight-saving change of Europe/Berlin and
America/New_York), a practice run at --speed 10 now and then, and records
written by the first version (no practice flag) at the start.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itbtimer.core.plan import Step, StepKind, build_plan  # noqa: E402
from itbtimer.core.routine import ExerciseMode  # noqa: E402
from itbtimer.core.states import StepStatus  # noqa: E402
from itbtimer.routine_files import load_routine  # noqa: E402
from itbtimer.routine_files.bundled import resolve_routine  # noqa: E402

ZONES = (ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo"))


def sessions(count: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    path = resolve_routine("itb-recovery")
    plan = build_plan(load_routine(path))
    work = [s for s in plan.steps if s.kind == StepKind.WORK]
    lines = []
    gaps = [1 if rng.random() < 0.95 else rng.randint(2, 4) for _ in range(count)]
    day = datetime.now() - timedelta(days=sum(gaps))  # the last session is today
    zone = ZONES[0]
    for n in range(count):
        day += timedelta(days=gaps[n])
        if n % 2000 == 1999:
            zone = ZONES[(ZONES.index(zone) + 1) % len(ZONES)]  # moved, or a long trip
        start = datetime(day.year, day.month, day.day, rng.choice((7, 18, 19, 20)),
                         rng.randint(0, 59), tzinfo=zone)
        practice = rng.random() < 0.03
        speed = 10.0 if practice else 1.0
        stop_at = len(work) if rng.random() < 0.93 else rng.randint(3, len(work) - 1)
        progress = min(1.0, n / 400) * (0.9 + 0.1 * rng.random())
        steps, active = _steps(rng, work, stop_at, progress)
        active += sum(s.seconds or 0 for s in plan.steps if s.kind != StepKind.WORK)
        end = start + timedelta(seconds=active / speed + rng.uniform(0, 120))
        pain = None
        if rng.random() < 0.85 and not practice:
            pain = max(0, min(10, round(7 - 6 * progress + rng.gauss(0, 1.2))))
        record = {
            "version": 1 if n < 500 else 2,
            "id": uuid.UUID(int=rng.getrandbits(128)).hex,
            "start": start.isoformat(timespec="seconds"),
            "end": end.isoformat(timespec="seconds"),
            "routine": plan.routine.name, "file": str(path),
            "fingerprint": plan.routine.fingerprint, "per_week": plan.routine.per_week,
            "completed": stop_at == len(work), "active_seconds": round(active, 2),
            "paused_seconds": round(rng.uniform(0, 60), 2) if rng.random() < 0.2 else 0.0,
            "pain": pain,
        }
        if n >= 500:
            record |= {"practice": practice, "speed": speed,
                       "active_real_seconds": round(active / speed, 2), "interrupted": False}
        record["steps"] = steps
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return lines


def _steps(rng: random.Random, work: list[Step], stop_at: int,
           progress: float) -> tuple[list[dict[str, object]], float]:
    """One session's work steps as records write them, and the active seconds they took."""
    steps: list[dict[str, object]] = []
    active = 0.0
    for i, step in enumerate(work):
        status = StepStatus.DONE if i < stop_at else StepStatus.NOT_REACHED
        if status == StepStatus.DONE and rng.random() < 0.04:
            status = StepStatus.SKIPPED
        if i == stop_at and stop_at < len(work):
            status = StepStatus.STOPPED
        held = None
        if step.mode == ExerciseMode.UNTIL and status == StepStatus.DONE:
            base = 25 + 50 * progress if step.name == "Plank" else 15 + 35 * progress
            held = round(max(5.0, rng.gauss(base, 6)), 2)
            seconds = held
        elif step.mode == ExerciseMode.REPS and status == StepStatus.DONE:
            seconds = round(rng.uniform(25, 50), 2)
        else:
            seconds = float(step.seconds or 0) if status == StepStatus.DONE else 0.0
        if status == StepStatus.SKIPPED:
            seconds = round(rng.uniform(0, 3), 2)
        active += seconds
        steps.append({
            "name": step.name, "side": step.side, "set": step.set, "round": step.round,
            "mode": step.mode, "planned_seconds": step.seconds,
            "active_seconds": round(seconds, 2), "skipped": status == StepStatus.SKIPPED,
            "status": status, "added_seconds": 10 if rng.random() < 0.01 else 0,
            "reps": step.reps, "until": step.until, "time_seconds": held,
        })
    return steps, active


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many sessions (20000: ~55 years)")
    parser.add_argument("out", type=Path, help="the JSONL file to write")
    parser.add_argument("--into", type=Path, metavar="DATA_FOLDER",
                        help="also import it into the store in this folder")
    args = parser.parse_args()
    lines = sessions(args.count)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = args.out.stat().st_size / 1e6
    print(f"{args.count} sessions, {size:.1f} MB: {args.out}")
    if args.into:
        from itbtimer.history import HistoryStore

        report = HistoryStore(args.into).import_jsonl(args.out)
        print(report.text(args.out.name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
