# Two commands set up and run everything on a fresh Debian/Ubuntu machine:
#   make run    the workout window on the bundled ITB routine
#   make test   the whole test suite (starts its own Xvfb; sound goes to a file)
# Each does its own setup once; a second run does no setup work again.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SYS_RUN  := $(VENV)/.sysdeps-run
SYS_TEST := $(VENV)/.sysdeps-test
# Debian packages: ALSA headers for simpleaudio, Tk for the window;
# Xvfb and xdotool for the tests; a session bus (dbus), playerctl and desktop-file-validate
# (desktop-file-utils) for the MPRIS and launcher tests; faketime (libfaketime) to step the
# wall clock in the timing tests; ImageMagick's `import` for make screenshots; DejaVu Sans
# (fonts-dejavu-core) for the PDFs of `itbtimer report`, and poppler-utils (pdftotext,
# pdfinfo, pdftoppm) to read them back in the tests; systemd for systemd-analyze verify and
# systemctl (the reminder's timer and service, itbtimer remind).
PKGS_RUN  := libasound2-dev python3-tk python3-venv python3-dev gcc fonts-dejavu-core
PKGS_TEST := $(PKGS_RUN) xvfb xdotool dbus playerctl desktop-file-utils faketime imagemagick \
             poppler-utils systemd
PKGS_SHOTS := imagemagick poppler-utils

.PHONY: run test test-fast lint typecheck bench soak screenshots clean

run: $(STAMP) $(SYS_RUN)
	$(VENV)/bin/itbtimer $(ARGS)

# Four workers on two cores (-n 4): each has its own Xvfb, and every test its own home and
# D-Bus, so they run side by side. The tests that wait on real time (a 20 s stall, a 42 s
# routine spoken, 40 starts and quits) run first, in two groups of one worker each
# (tests/conftest.py), while the other workers use the cores. About 5.5 min on two
# workers, the slow tests all on one, before (issue 19).
test: $(STAMP) $(SYS_TEST)
	$(PY) -m pytest -q -n 4 $(PYTEST_ARGS)

# The pure unit tests only: no Tk, no sound, no sleeps; seconds. Hypothesis profile `fast`:
# each property test tries a tenth of its examples here (make test tries them all).
test-fast: $(STAMP)
	$(PY) -m pytest -q -n auto --hypothesis-profile=fast tests/unit $(PYTEST_ARGS)

lint: typecheck
	$(VENV)/bin/ruff check itbtimer tests tools

# mypy on the whole package, every package strictly (pyproject.toml [tool.mypy]).
typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP) $(SYS_TEST)
	$(PY) tools/bench.py

soak: $(STAMP) $(SYS_TEST)
	$(PY) -m pytest -q -s -m soak --run-soak tests/e2e/test_soak.py

screenshots: $(STAMP) $(SYS_TEST)
	@sh tools/sysdeps.sh $(PKGS_SHOTS)
	$(PY) tools/screenshots.py docs/screenshots

$(SYS_RUN):
	@sh tools/sysdeps.sh $(PKGS_RUN)
	@mkdir -p $(VENV) && touch $@

$(SYS_TEST): $(SYS_RUN)
	@sh tools/sysdeps.sh $(PKGS_TEST)
	@touch $@

$(STAMP): pyproject.toml
	@sh tools/sysdeps.sh $(PKGS_RUN)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,dev,voice]'
	@touch $@ $(SYS_RUN)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .ruff_cache
