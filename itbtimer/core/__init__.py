"""The pure core: a routine, its plan, and the session that walks it against a clock it is
given. Standard library only (and itbtimer.errors): no Tk, no sound, no files, no `time`."""
