"""What the start screen says about progress, decided without Tk (pure)."""

from __future__ import annotations

from pathlib import Path

from itbtimer.history.figures import Progress


def progress_line(progress: Progress) -> str:
    """ "This week: 1 of 3 · Last: Mon 07 Dec 18:00"."""
    parts = [progress.week_text()]
    if progress.last_session:
        parts.append(f"Last: {progress.last_session:%a %d %b %H:%M}")
    return " · ".join(parts)


def left_out_line(progress: Progress) -> str | None:
    """Why the last session is not in "This week" (SessionRecord.counts_for_week); None
    when it counts."""
    if progress.last_left_out is None:
        return None
    done, steps = progress.last_left_out
    if steps == 0:
        return "Last session not counted: it stopped before its first exercise."
    return (f"Last session not counted: {done} of {steps} exercises done; a session counts "
            "for its week when at least half are done.")


def opened_words(path: Path, error: str | None) -> str:
    """After E on a routine with mistakes: where to fix it, or why it could not be opened
    (and where the file is, to open it by hand)."""
    if error is None:
        return (f"Opened {path.name} in your text editor: fix it there and save; it is read "
                "again here.")
    return f"Could not open a text editor ({error}): open {path} in any text editor."
