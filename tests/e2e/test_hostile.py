"""Hostile input, tried as a careful attacker of one's own files would (issue 20): the real
program in its own process, on imported records, odd routine files and oversized text.
Each asserts the exact message and that nothing already recorded changed."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from itbtimer.history import HistoryStore
from tests.helpers import wait_until
from tests.integration.dbus_helpers import bus_daemon

GOOD_ID = "0123456789abcdef0123456789abcdef"
# They end in well under a second (0.6-0.8 s, most of it Python starting); the issue's 2 s,
# with room for a machine busy with other tests. Before: never, or 3 GB in 6 s.
HANG_SECONDS = 5


def run(tmp: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"),
           "XDG_STATE_HOME": str(tmp / "state"), "XDG_CONFIG_HOME": str(tmp / "config"),
           "XDG_CACHE_HOME": str(tmp / "cache")}
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "itbtimer", *args], env=env, cwd=tmp,
                          capture_output=True, text=True, timeout=timeout)


def record(record_id: str = GOOD_ID, **fields) -> dict:
    return {"id": record_id, "start": "2026-11-02T18:00:00+01:00",
            "end": "2026-11-02T18:20:00+01:00", "routine": "Knee", "completed": True,
            "active_seconds": 1200.0, "steps": [{"name": "Squat", "status": "done",
                                                 "active_seconds": 30.0}], **fields}


def write_lines(path: Path, *lines: object) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines))
    return path


def stored(tmp: Path) -> list[dict]:
    return HistoryStore(tmp / "data" / "itbtimer").load()[0]


# --- 1 and 2: imported records ---------------------------------------------------------

HOSTILE = [
    (record("a" * 32, start="9999-12-31T23:59:59-14:00", end="9999-12-31T23:59:59-14:00"),
     "start: 9999-12-31T23:59:59-14:00 is not between the years 1970 and 2200"),
    (record("b" * 32, start="0001-01-01T00:00:00+14:00", end="0001-01-01T00:10:00+14:00"),
     "start: 0001-01-01T00:00:00+14:00 is not between the years 1970 and 2200"),
    (record("c" * 32, active_seconds=-1e9),
     "active_seconds: -1000000000.0 is not between 0 and 2592000 seconds"),
    (record("d" * 32, active_seconds=1e308),
     "active_seconds: 1e+308 is not between 0 and 2592000 seconds"),
    ('{"id": "' + "e" * 32 + '", "start": "2026-11-02T18:00:00+01:00", "routine": "Knee", '
     '"active_seconds": NaN}', "active_seconds: NaN is not a number of seconds"),
    (record("f" * 32, steps=[{"name": "Squat", "active_seconds": float("inf")}]),
     "steps[1].active_seconds: Infinity is not a number of seconds"),
    (record("1" * 32, practice="no"), "practice: must be true or false, not 'no'"),
    (record("2" * 32, completed="yes"), "completed: must be true or false, not 'yes'"),
    (record("DEADBEEF" * 4), "id: 'DEADBEEFDEADBEEF…' is not an id: 8 to 64 lowercase hex "
                             "digits (0-9, a-f)"),
    (record("3" * 32, routine="x" * 2_000),
     "routine: 2000 characters; at most 200"),
    (record("6" * 32, routine="x" * 2_000_000),
     "the line is longer than 1 MiB (a record is at most 1 MiB)"),
    (record("4" * 32, steps=[{"name": "Squat"}] * 50_001),
     "steps: 50001 steps; at most 50000"),
    (record("5" * 32, routine=7), "routine: must be text, not 7"),
]


def test_a_hostile_import_rejects_each_bad_line_with_its_reason_and_keeps_the_rest(tmp_path):
    write_lines(tmp_path / "mine.jsonl", record())
    assert run(tmp_path, "history", "--import", "mine.jsonl").returncode == 0
    before = stored(tmp_path)
    good = record("9" * 32, start="2026-11-03T18:00:00+01:00")
    source = write_lines(tmp_path / "hostile.jsonl", *[line for line, _ in HOSTILE], good,
                         record())
    done = run(tmp_path, "history", "--import", source.name)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        f"Imported 1 session from hostile.jsonl; 1 already in the history; "
        f"{len(HOSTILE)} lines rejected (1, 2, 3, 4, 5, 6, 7, 8, 9, 10 …)")
    assert "Traceback" not in done.stderr
    reasons = done.stdout.splitlines()[1:]
    assert reasons == [f"  line {n}: {why}" for n, (_, why) in enumerate(HOSTILE, start=1)]
    after = stored(tmp_path)
    assert after[0] == before[0]  # nothing already recorded changed
    assert [r["id"] for r in after] == [GOOD_ID, "9" * 32]
    assert (tmp_path / "data" / "itbtimer" / "history.sqlite3").stat().st_size < 1_000_000
    listing = run(tmp_path, "history")
    assert listing.returncode == 0, listing.stderr
    assert listing.stderr == ""


def test_a_damaged_row_in_the_database_is_shown_as_damaged_and_stops_nothing(tmp_path):
    """A row that got in some other way (an older itbtimer, an editor): the list says so
    with the id to delete it by; the figures and the rest of the history still show."""
    write_lines(tmp_path / "mine.jsonl", record())
    assert run(tmp_path, "history", "--import", "mine.jsonl").returncode == 0

    db = sqlite3.connect(tmp_path / "data" / "itbtimer" / "history.sqlite3")
    bad = record("a" * 32, start="9999-12-31T23:59:59-14:00")
    db.execute("INSERT INTO sessions SELECT ?, 253402387199.0, 253402387199.0, -840, "
               "'9999-12-27', routine, file, practice, counts, pain, 0, NULL, ? "
               "FROM sessions", ("a" * 32, json.dumps(bad)))
    db.commit()
    db.close()
    listing = run(tmp_path, "history")
    assert listing.returncode == 0, listing.stderr
    assert "aaaaaaaa  damaged record (start: 9999-12-31T23:59:59-14:00 is not between the " \
           "years 1970 and 2200); itbtimer history --delete aaaaaaaa" in listing.stdout
    assert "01234567" in listing.stdout
    assert run(tmp_path, "history", "--json").returncode == 0
    gone = run(tmp_path, "history", "--delete", "aaaaaaaa")
    assert gone.returncode == 0, gone.stderr
    assert [r["id"] for r in stored(tmp_path)] == [GOOD_ID]


def test_a_line_of_100_mb_is_rejected_without_reading_it_whole(tmp_path):
    source = tmp_path / "huge.jsonl"
    with open(source, "w") as f:
        f.write(json.dumps(record("7" * 32, routine="x" * 100_000_000)) + "\n")
        f.write(json.dumps(record()) + "\n")
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "itbtimer", "history",
         "--import", str(source)],
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"),
             "XDG_STATE_HOME": str(tmp_path / "state")},
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Imported 1 session from " + str(source) + "; 1 line rejected (1)",
        "  line 1: the line is longer than 1 MiB (a record is at most 1 MiB)"]
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    assert peak_kb < 100_000, peak_kb


def test_10k_imported_records_go_in_and_the_history_still_lists_at_once(tmp_path):
    source = tmp_path / "many.jsonl"
    with open(source, "w") as f:
        for n in range(10_000):
            f.write(json.dumps(record(f"{n:032x}", start=f"2025-{1 + n % 12:02d}-01T08:00:00"
                                      f"+01:00")) + "\n")
    done = run(tmp_path, "history", "--import", source.name, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Imported 10000 sessions from many.jsonl\n"
    listing = run(tmp_path, "history")
    assert listing.returncode == 0 and listing.stdout.count("Knee") >= 15


# --- 3: a routine that is not a regular file -------------------------------------------

ODD_FILES = {
    "zero.yaml": ("this is a character device, not a file: a routine is a .yaml file",
                  lambda p: p.symlink_to("/dev/zero")),
    "fifo.yaml": ("this is a named pipe, not a file: a routine is a .yaml file",
                  lambda p: os.mkfifo(p)),
    "loop.yaml": ("this is a symbolic link that leads back to itself; link it to a "
                  "routine file", lambda p: p.symlink_to(p.name)),
    "sock.yaml": ("this is a socket, not a file: a routine is a .yaml file",
                  lambda p: socket.socket(socket.AF_UNIX).bind(str(p))),
}


def odd_file(tmp: Path, name: str) -> tuple[Path, str]:
    message, make = ODD_FILES[name]
    path = tmp / name
    make(path)
    return path, message


def start(tmp: Path, *args: str, display: str | None = None,
          prefix: tuple[str, ...] = ()) -> subprocess.Popen[str]:
    env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"),
           "XDG_STATE_HOME": str(tmp / "state"), "XDG_CONFIG_HOME": str(tmp / "config"),
           "XDG_CACHE_HOME": str(tmp / "cache")}
    if display:
        env["DISPLAY"] = display
    return subprocess.Popen([*prefix, sys.executable, "-m", "itbtimer", *args], env=env, cwd=tmp,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def ended(proc: subprocess.Popen[str], within: float) -> tuple[int, str]:
    try:
        _, err = proc.communicate(timeout=within)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"still running after {within} s") from None
    return proc.returncode, err


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_check_on_a_device_a_fifo_or_a_link_loop_ends_at_once_with_a_plain_message(
        tmp_path, name):
    path, message = odd_file(tmp_path, name)
    rc, err = ended(start(tmp_path, "check", path.name), within=HANG_SECONDS)
    assert (rc, err) == (2, f"{path.name}: {message}\n")


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_the_window_on_a_device_a_fifo_or_a_link_loop_ends_at_once_with_rc_2(
        xdisplay, tmp_path, name):
    path, message = odd_file(tmp_path, name)
    rc, err = ended(start(tmp_path, path.name, display=xdisplay), within=HANG_SECONDS)
    assert rc == 2 and message in err and "Traceback" not in err, err


def test_a_permission_error_on_a_routine_is_a_plain_message(tmp_path):
    path = tmp_path / "locked.yaml"
    path.write_text("name: x\n")
    path.chmod(0)
    # root reads every file: as root (CI), the program runs without the two capabilities
    # that let it (setpriv, util-linux), so the file is as locked to it as to a person
    prefix = (("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")
              if os.access(path, os.R_OK) else ())
    rc, err = ended(start(tmp_path, "check", path.name, prefix=prefix), within=5)
    assert (rc, err) == (2, "locked.yaml: the file cannot be read (permission denied)\n")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_a_start_that_has_not_opened_its_window(xdisplay, tmp_path, signum):
    """A start that waits (a slow disk, a FIFO opened before this fix): a quit signal ends
    it at once, whatever it waits on."""
    os.mkfifo(tmp_path / "wait.fifo")
    code = ("import itbtimer.cli.main as m, sys; m.install_quit_signals(); "
            "print('waiting', flush=True); open(sys.argv[1]).read()")
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "wait.fifo")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    # its handlers are in, and it sleeps in open() (not a fixed 0.5 s: under load the signal
    # came before the handlers and killed it, rc -15)
    assert proc.stdout.readline() == "waiting\n"
    state = Path(f"/proc/{proc.pid}/stat")
    assert wait_until(lambda: state.read_text().rsplit(")", 1)[1].split()[0] == "S")
    proc.send_signal(signum)
    rc, err = ended(proc, within=HANG_SECONDS)
    assert rc == 128 + signum and "Traceback" not in err, err


# --- 5: reading never needs writing ----------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs of our own (as tests/integration/test_history_disks.py)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    with open(disk / "filler", "wb", buffering=0) as f:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                continue


LEFT_IN_PROGRESS = """
import sys
import time
import wave
from pathlib import Path
from itbtimer.history import HistoryStore
store = HistoryStore(Path(sys.argv[1]) / "data" / "itbtimer",
                     state=Path(sys.argv[1]) / "state" / "itbtimer")
store.save_in_progress({"id": "%s", "start": "2026-11-04T18:00:00+01:00",
                        "end": "2026-11-04T18:10:00+01:00", "routine": "Knee",
                        "active_seconds": 600.0, "steps": [{"name": "Squat"}]})
""" % ("8" * 32)


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_history_reads_a_full_or_read_only_store_with_a_leftover_row_in_progress(
        small_disk, how):
    home = small_disk
    write_lines(home / "mine.jsonl", record())
    assert run(home, "history", "--import", "mine.jsonl").returncode == 0
    subprocess.run([sys.executable, "-c", LEFT_IN_PROGRESS, str(home)], check=True)
    before = (home / "data" / "itbtimer" / "history.sqlite3").read_bytes()
    if how == "full":
        fill(small_disk)
    else:
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        shown = run(home, "history")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert shown.returncode == 0, shown.stderr
    cause = "is full" if how == "full" else "is read-only"
    assert shown.stderr == (f"itbtimer: History not saved: the disk holding "
                            f"{home / 'data' / 'itbtimer'} {cause}; saving waits until it "
                            "can write\n")
    lines = shown.stdout.splitlines()
    assert lines[1].startswith("01234567  Mon 02 Nov 2026 18:00  Knee")
    assert lines[2].startswith("88888888  Wed 04 Nov 2026 18:00  Knee")
    assert lines[2].endswith("[interrupted, not yet saved]")
    assert (home / "data" / "itbtimer" / "history.sqlite3").read_bytes() == before


# --- 4: a full disk and SIGTERM --------------------------------------------------------

LONG = """\
name: Long
defaults: {get_ready: 0}
sections:
  - name: Main
    exercises:
      - {name: Squat, work: 60m}
"""


@pytest.mark.gui
@pytest.mark.parametrize("elsewhere", [True, False], ids=["temp-folder", "nowhere"])
def test_sigterm_on_a_full_disk_keeps_the_session_elsewhere_and_says_where(
        xdisplay, tmp_path, small_disk, elsewhere):
    from tests.e2e.program import App

    temp = tmp_path / "temp" if elsewhere else small_disk / "temp"
    temp.mkdir()
    env = {"XDG_DATA_HOME": str(small_disk / "data"), "XDG_STATE_HOME": str(small_disk / "state"),
           "TMPDIR": str(temp), "XDG_RUNTIME_DIR": ""}
    app = App(tmp_path, xdisplay, LONG, "--autostart", env=env)
    try:
        app.wait_for(lambda e: any(x["event"] == "step_started" for x in e))
        fill(small_disk)
        time.sleep(7.0)  # real time on purpose: the session runs on a full disk
        app.proc.send_signal(signal.SIGTERM)
        code = app.proc.wait(timeout=10)
        out, err = app.proc.communicate(timeout=10)
    finally:
        app.close()
    cause = f"the disk holding {small_disk / 'data' / 'itbtimer'} is full"
    assert code == 3, err
    if not elsewhere:
        assert err.startswith(f"itbtimer: History not saved: {cause}. The session of ")
        assert "could not be kept anywhere: Long, active 0:00:0" in err
        return
    kept = temp / f"itbtimer-pending-{os.getuid()}"
    assert err == (f"itbtimer: History not saved: {cause}. The session is kept in {kept} "
                   "and recorded at the next start.\n")
    locks = small_disk / "state" / "itbtimer" / "locks"
    assert not list(locks.glob("*.lock"))  # its session is pending: no lock file left over
    (small_disk / "filler").unlink()
    # the next start imports it
    env_run = subprocess.run([sys.executable, "-m", "itbtimer", "history", "--json"],
                             env={**os.environ, **env, "HOME": str(tmp_path)},
                             capture_output=True, text=True, timeout=30)
    assert env_run.returncode == 0, env_run.stderr
    (session,) = json.loads(env_run.stdout)["sessions"]
    assert session["active_seconds"] >= 6.5 and not session["in_progress"]
    assert not list(kept.glob("*.json"))


# --- 6: unbounded text -----------------------------------------------------------------

@pytest.mark.slow
def test_say_on_the_longest_text_allowed_stays_under_200_mb(tmp_path):
    """Before: 215-236 MB (the lexicons, the model and the audio all at once); now the
    lexicons are let go before the model loads: ~140 MB. About 10 s of rendering."""
    from itbtimer.core.limits import SAY_CHARS

    words = "squat down slowly, keep your back straight and breathe out as you rise. "
    text = (words * (SAY_CHARS // len(words) + 1))[:SAY_CHARS - 1] + "."
    out = tmp_path / "longest.wav"
    say = subprocess.Popen([sys.executable, "-m", "itbtimer", "say", text, "-o", str(out)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "HOME": str(tmp_path),
                                "XDG_CACHE_HOME": str(tmp_path / "cache")})
    _, status, usage = os.wait4(say.pid, 0)  # this process's own peak, not the others'
    assert say.stderr is not None
    assert os.waitstatus_to_exitcode(status) == 0, say.stderr.read()
    assert usage.ru_maxrss / 1024 < 200
    # nothing of the engine's own left behind: onnxruntime's telemetry writes a device id
    # into ~/.cache/Microsoft unless told not to
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["longest.wav"]
    with wave.open(str(out)) as w:  # all of it said: over a minute and a half
        assert w.getnframes() / w.getframerate() > 90


def test_say_refuses_digits_that_would_take_22_minutes_to_say_before_rendering_them(tmp_path):
    """2,000 characters of digits are read out in full: ~18,700 phonemes. Before, `say`
    rendered them for 35 s and peaked at 437 MB (its 500-phoneme chunks alone cost the
    model ~140 MB each)."""
    started = time.monotonic()
    done = run(tmp_path, "say", ("1234567890 " * 200)[:2000], "-o", "x.wav")
    assert (done.returncode, done.stderr) == (
        2, "itbtimer say: the text would take about 22 minutes to say; at most 4 minutes can "
           "be said at once (split it)\n")
    assert time.monotonic() - started < 15  # read, not rendered (about 3 s)
    assert not (tmp_path / "x.wav").exists()


def test_say_refuses_a_text_over_2000_characters_at_once(tmp_path):
    started = time.monotonic()
    done = run(tmp_path, "say", "word " * 20_000, "-o", "x.wav")
    assert (done.returncode, done.stderr) == (
        2, "itbtimer say: the text is 99999 characters long; at most 2000 can be said at once "
           "(split it)\n")
    assert time.monotonic() - started < 5 and not (tmp_path / "x.wav").exists()


def test_a_routine_with_a_190_kb_cue_does_not_pass_check(tmp_path):
    (tmp_path / "big.yaml").write_text(
        "name: Big\nsections:\n  - name: A\n    exercises:\n      - name: Squat\n"
        f"        work: 30s\n        cue: {'a' * 190_000}\n")
    done = run(tmp_path, "check", "big.yaml")
    assert (done.returncode, done.stderr) == (
        2, 'big.yaml:7:14: cue of exercise "Squat" (line 5) in section "A" (line 3): is 190000 '
           "characters long; a cue (it is said aloud) may have at most 500\n")


# --- 8: the session bus killed mid-session ---------------------------------------------

BUS_CLIENT = """
import gc, sys, time
from itbtimer.adapters import logs
from itbtimer.adapters.desktop_bus import DesktopBus
logs.setup()
bus = DesktopBus()
bus.start()
assert bus.ready.wait(10) and bus.name, "not connected"
print("connected", flush=True)
sys.stdin.readline()  # the bus is killed now
time.sleep(1.0)
gc.collect()
print("gone", flush=True)
sys.stdin.readline()  # a bus is back at the same address
deadline = time.monotonic() + 15
while time.monotonic() < deadline and not bus.connections > 1:
    time.sleep(0.05)
print("again" if bus.connections > 1 else "not again", flush=True)
bus.close()
"""


def test_a_killed_session_bus_is_logged_once_never_printed_and_reconnected(tmp_path):
    address = f"unix:path={tmp_path / 'bus'}"
    daemon = bus_daemon(address)
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address,
           "XDG_STATE_HOME": str(tmp_path / "state")}
    client = subprocess.Popen([sys.executable, "-c", BUS_CLIENT], env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    assert client.stdin is not None and client.stdout is not None
    try:
        assert client.stdout.readline() == "connected\n"
        daemon.kill()
        daemon.wait()
        client.stdin.write("\n")
        client.stdin.flush()
        assert client.stdout.readline() == "gone\n"
        daemon = bus_daemon(address)
        client.stdin.write("\n")
        client.stdin.flush()
        assert client.stdout.readline() == "again\n"
        _, err = client.communicate(timeout=15)
    finally:
        client.kill()
        daemon.kill()
        daemon.wait()
    assert "Task exception was never retrieved" not in err and "Traceback" not in err, err
    log = (tmp_path / "state" / "itbtimer" / "itbtimer.log").read_text()
    assert log.count("MPRIS: the session bus went away") == 1, log
