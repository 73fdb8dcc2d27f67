"""The voice coach: says what comes next, so nobody has to look at the screen.

The pure parts (what is said and when) are `words`, `phrases` and `announcer`; the
speech engine (`engine`) runs only in a separate worker process
(`python -m itbtimer.voice render ...`), never in the window's process, which only
plays the WAV files the worker left in the cache (`cache`).
"""
