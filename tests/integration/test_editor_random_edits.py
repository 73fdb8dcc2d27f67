"""Random edit sequences, on the commented example and on the bundled ITB routine (ten times
larger): always a routine the loader accepts, or an error on a field; undo gives back the file.
Each step saves to a file and loads it back, so they are not in the fast ring."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from itbtimer.routine_files.bundled import routines_dir
from tests.helpers import COMMENTED, edits, random_edits_leave_a_valid_routine_or_an_error


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_random_edits_of_the_itb_routine_save_it_valid_or_show_an_error_on_a_field(
        tmp_path_factory, steps):
    random_edits_leave_a_valid_routine_or_an_error(
        (routines_dir() / "itb-recovery.yaml").read_text(),
        tmp_path_factory.mktemp("edit") / "itb.yaml", steps)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_random_edits_save_a_valid_routine_or_show_an_error_on_a_field(tmp_path_factory, steps):
    """On the commented example (comments, folding, quoting kept through every edit).
    Each step saves to a file and loads it back: this ring, not the fast one."""
    random_edits_leave_a_valid_routine_or_an_error(
        COMMENTED, tmp_path_factory.mktemp("edit") / "knee.yaml", steps)
