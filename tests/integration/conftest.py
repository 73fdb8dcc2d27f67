"""Fixtures of the integration ring."""

from __future__ import annotations

import tkinter as tk

import pytest

from tests.integration.gui_helpers import Harness


@pytest.fixture
def tcl():
    interp = tk.Tcl()
    errors: list = []
    interp.report_callback_exception = lambda *exc: errors.append(exc)  # type: ignore[method-assign]
    interp.errors = errors  # type: ignore[attr-defined]
    return interp


@pytest.fixture
def ui(xdisplay, tmp_path):
    """The real window on the short routine (gui_helpers.Harness); no Tk error by the end."""
    harness = Harness(tmp_path)
    yield harness
    harness.close()
    assert harness.errors == []
