"""Routine files: reading and checking the YAML, its mistakes in plain words, the bundled
routines and the person's own copies. Everything above the core reads routines through here."""

from itbtimer.routine_files.loader import (
    load_routine,
    parse_routine,
    read_routine_text,
    refuse_odd_file,
)

__all__ = ["load_routine", "parse_routine", "read_routine_text", "refuse_odd_file"]
