"""Shared fixtures: a private Xvfb, a private D-Bus session bus, an isolated home, and no
silent skips under CI."""

from __future__ import annotations

import collections
import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Bytecode is written while the tests run, even where PYTHONDONTWRITEBYTECODE is set: the
# suite starts the program in a fresh Python some hundred times (and each xdist worker
# imports the package and the tests), and without __pycache__ each start compiled every
# module again, about 0.3 s of a 1 s start. Set here, before any test module is imported,
# it holds for this process, the xdist workers it starts and every program the tests start.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# No per-example deadline: it measures the machine, not the code. On two workers beside other
# work one example of the durations test took 1.1 s (200 ms allowed) and failed; how fast
# parsing and the engine are is measured by make bench.
settings.register_profile("itbtimer", deadline=None)
# make test-fast (--hypothesis-profile=fast): a tenth of the examples, for a ring that is
# run after every change and must take seconds. make test and CI keep the default profile:
# every property test tries its full count there (tests/helpers.examples).
settings.register_profile("fast", parent=settings.get_profile("itbtimer"), max_examples=10)
settings.load_profile("itbtimer")


def pytest_addoption(parser):
    parser.addoption("--run-soak", action="store_true", help="run the long soak test")


# The test files that wait on real time and time the program (cues within 50 ms, a stall
# of 20 s, 40 starts and quits): under xdist they are dealt into two groups, each run by
# one worker in turn, so at most two of them run at once beside the other workers' tests.
# Four at once on two cores made cues late and starts slow (seen under load).
REAL_TIME_FILES = frozenset({
    "tests/e2e/test_reliability.py", "tests/e2e/test_e2e.py", "tests/e2e/test_wall_clock.py",
    "tests/e2e/test_mpris_e2e.py", "tests/integration/test_voice_window.py",
})
REAL_TIME_GROUPS = 2


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under -n: each free worker takes the next unit of work, in the order of
    pytest_collection_modifyitems (slow first). A unit is one test of the window, sound
    and program tests (seconds each: dealt one by one, they share out evenly); a whole
    file of unit tests (milliseconds each: one by one, each test waited for a message from
    the controller, and the unit tests took twice as long as in files); and a group of the
    real-time tests. xdist's own `load` hands each worker a block of consecutive tests
    first: the slow tests all went to the first worker, one after another (508 s of a 537
    s run)."""
    if config.getvalue("dist") != "load":
        return None  # another --dist asked for: xdist's own
    from xdist.scheduler import LoadScopeScheduling

    # LoadScopeScheduling would deal the units with the most tests first (its default
    # --loadscope-reorder): the unit files, then the real-time groups. The order here is
    # pytest_collection_modifyitems's.
    config.option.loadscopereorder = False

    groups: dict[str, str] = {}

    class RealTimeInGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::")[0]
            if path.startswith("tests/unit/"):
                return path
            if path not in REAL_TIME_FILES:
                return nodeid
            if nodeid not in groups:
                groups[nodeid] = f"real-time-{len(groups) % REAL_TIME_GROUPS + 1}"
            return groups[nodeid]

    return RealTimeInGroups(config, log)


def pytest_collection_modifyitems(config, items):
    """The soak takes ten minutes: it runs with `make soak`, and is not collected otherwise.
    Tests marked slow run first, the real-time ones (REAL_TIME_FILES) first of all: `make
    test` shares them out among its workers before the many short ones, which fill in
    around them. Then the unit test files, the one with most tests first (each is dealt
    whole: the big ones early, so no worker is left with one at the end), then the rest as
    collected."""
    if not config.getoption("--run-soak"):
        soak = [item for item in items if "soak" in item.keywords]
        if soak:
            config.hook.pytest_deselected(items=soak)
            items[:] = [item for item in items if "soak" not in item.keywords]
    files = collections.Counter(item.nodeid.split("::")[0] for item in items)

    def order(item: pytest.Item) -> tuple[bool, bool, int, str]:
        path = item.nodeid.split("::")[0]
        unit = path.startswith("tests/unit/")
        return (path not in REAL_TIME_FILES, "slow" not in item.keywords,
                -files[path] if unit else 0, path if unit else "")

    items.sort(key=order)  # stable: else as collected


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI a skipped test is a failure: GUI and sound tests must not skip silently."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which counts as a failure: {report.longrepr}"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the person's own history, config, sounds or desktop bus (a test that wants
    a bus asks for `session_bus`, a private one). Each test has its own folders, so tests
    may run side by side (make test: -n 2)."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    return home


@pytest.fixture(autouse=True)
def collect_tk_here(request):
    """Tk objects a test dropped are freed here, on the main thread: freed by a garbage
    collection that happens to run on another thread (a D-Bus loop), Tcl aborts the run
    ("Fatal Python error: Aborted", seen once in make test). Only after tests with a
    display: the unit tests make no Tk objects, and a collection each costs them time."""
    yield
    if "xdisplay" in request.fixturenames:
        gc.collect()


@pytest.fixture(scope="session")
def xdisplay():
    """A private Xvfb server for the whole run (for each worker under -n); DISPLAY points at
    it."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (make test installs it)")
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        pytest.fail("Xvfb did not start")
    old = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = f":{number}"
    yield f":{number}"
    if old is None:
        os.environ.pop("DISPLAY", None)
    else:
        os.environ["DISPLAY"] = old
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def session_bus(monkeypatch) -> Iterator[str]:
    """A fresh dbus-daemon; DBUS_SESSION_BUS_ADDRESS points at it for this test."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (make test installs dbus)")
    proc = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    if not address:
        proc.kill()
        pytest.fail("dbus-daemon did not start")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    proc.terminate()
    proc.wait(timeout=10)


ROOT = Path(__file__).parent.parent


def pytest_collection_finish(session):
    """What collection made (the package, the test modules, Hypothesis's strategies) lives
    to the end: frozen out of the garbage collector, it is not walked again by every full
    collection while the tests run, nor by pytest's last ones at the end of each worker."""
    gc.freeze()
