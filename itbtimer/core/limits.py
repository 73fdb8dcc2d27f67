"""How long a text may be, wherever it comes from (a routine, a record, `itbtimer say`).

One table, so a name a routine may have is a name a record may hold. Documented in
docs/routine-format.md and docs/history-format.md.
"""

from __future__ import annotations

NAME_CHARS = 200  # a routine's, a section's or an exercise's name
CUE_CHARS = 500  # a cue, a rep or `until` text: a sentence or two said aloud
HOW_TO_CHARS = 4000  # an exercise's how-to: a paragraph shown on screen
LINK_CHARS = 2000  # an exercise's `link:`, an http(s) address
SAY_CHARS = 2000  # `itbtimer say`: what one phrase may be
NOTE_CHARS = 500  # a note on a session or a run: one line, a sentence or two
