"""How long a text may be, wherever it comes from (a routine, a record, `itbtimer say`).

One table, so a name a routine may have is a name a record may hold. Documented in
docs/routine-format.md and docs/history-format.md.
"""

from __future__ import annotations

NAME_CHARS = 200  # a routine's, a section's or an exercise's name
CUE_CHARS = 500  # a cue, a rep or `until` text: a sentence or two said aloud
HOW_TO_CHARS = 4000  # an exercise's how-to: a paragraph shown on screen
LINK_CHARS = 2000  # an exercise's `link:`, an http(s) address
IMAGE_PATH_CHARS = 1000  # an exercise's `image:`, a file name beside the routine
IMAGE_BYTES = 5_000_000  # an image file: a picture of a move, not a film
IMAGE_SIDE = 2000  # pixels, its width and its height
IMAGE_FRAMES = 200  # an animated GIF's frames
IMAGE_PIXELS = 50_000_000  # width x height x frames: what the window holds in memory (x4 B)
SAY_CHARS = 2000  # `itbtimer say`: what one phrase may be
SAY_SECONDS = 240  # ... and how long it may take to say (numbers are read out in full:
#                    2,000 characters of digits are 17 minutes of speech)
NOTE_CHARS = 500  # a note on a session or a run: one line, a sentence or two
