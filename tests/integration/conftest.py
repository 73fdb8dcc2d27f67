"""Fixtures of the integration ring."""

from __future__ import annotations

import tkinter as tk

import pytest


@pytest.fixture
def tcl():
    interp = tk.Tcl()
    errors: list = []
    interp.report_callback_exception = lambda *exc: errors.append(exc)  # type: ignore[method-assign]
    interp.errors = errors  # type: ignore[attr-defined]
    return interp
