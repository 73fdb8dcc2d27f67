"""Colours and type: readable from a mat two metres away."""

from __future__ import annotations

from dataclasses import dataclass

from itbtimer.present.display import Phase

PHASE_COLOURS = {
    Phase.WORK: "#1f7a3a",       # green: work
    Phase.REST: "#1f4e8c",       # blue: rest
    Phase.GET_READY: "#b36b00",  # amber: get ready
    Phase.SWITCH: "#6a2c91",     # purple: switch sides
    Phase.PAUSED: "#3a3a3a",     # grey: paused
    Phase.FINISHED: "#24323f",
}
SCREEN_BG = "#1e2a35"  # the screens without a phase: start, history, editor
PULSE = "#ffe066"  # the border on a cue: warm yellow, bright on every phase colour
PULSE_SHARE = 0.014  # its thickness, as a share of the window height (11 px at 768)
PAUSED_CLOCK = "#9a9a9a"
TEXT = "#ffffff"
DIM_TEXT = "#d8dee4"
SIDE_TEXT = "#ffe066"
TIMELINE = {"work": "#4caf50", "rest": "#64b5f6", "switch": "#ba68c8", "get_ready": "#ffb74d",
            "untimed": "#e57373"}
FAMILY = "DejaVu Sans"
PRACTICE_BAND = ("#ffffff", "#111111")  # a practice run's band: white, unlike every phase
BUTTON_BG = "#e8e8e8"
BUTTON_FG = "#111111"

# --- type: every text size in one place, as a share of the window height --------------
# Read from a mat three metres away, where one minute of arc is 0.87 mm: on a 15.6-inch
# 1366x768 screen about 3.5 px. The floors (the smallest a text may shrink to before it
# wraps, then is ellipsised) are set by cap height, 0.73 of the font's pixel size in
# DejaVu Sans: the exercise name and its side at least 12 arcmin (58 px font, 42 px
# capitals), the cues and "Next:" at least 8 arcmin (39 px, 28 px capitals), nothing
# needed mid-exercise under 6 arcmin (29 px, 21 px capitals). Written as shares of 768
# so they hold at that size and scale with any other.
REFERENCE_HEIGHT = 768
CAP_HEIGHT = 0.729  # DejaVu Sans: capital height per pixel of font size
PX_PER_ARCMIN = 3.5  # at 1366x768 on 15.6 inches, seen from 3 m


@dataclass(frozen=True)
class TextSize:
    share: float  # the size it would like: font pixels per pixel of window height
    floor: float  # the smallest it may shrink to before it wraps
    bold: bool = False
    lines: int = 1  # at most this many lines; past that, an ellipsis
    wrap_first: bool = False  # a paragraph: wrapped large rather than shrunk onto one line

    def pixels(self, height: int) -> int:
        return max(10, int(self.share * height + 1e-6))

    def sizes(self, height: int, steps: int = 4) -> list[int]:
        """The sizes to try, largest first, down to the floor at this height."""
        top = self.pixels(height)
        bottom = max(10, int(self.floor * height + 1e-6))
        if top <= bottom:
            return [top]
        return sorted({top - (top - bottom) * i // steps for i in range(steps + 1)},
                      reverse=True)


def _px(pixels: float) -> float:
    """A size at 1366x768 as a share of the window height."""
    return pixels / REFERENCE_HEIGHT


TEXT_SIZES: dict[str, TextSize] = {
    # the running screen
    "clock": TextSize(0.30, 0.12, bold=True),
    "title": TextSize(_px(68), _px(58), bold=True, lines=2),  # the exercise name: 12 arcmin
    "side": TextSize(_px(68), _px(58), bold=True),  # ◀ LEFT / RIGHT ▶: as large as the name
    "target": TextSize(_px(44), _px(39)),  # "8–12 reps · Set 2 of 2": 8 arcmin
    "status": TextSize(_px(38), _px(34)),  # "PAUSED — Space to resume": 6 arcmin
    "cue": TextSize(_px(46), _px(39), lines=3),  # 8 arcmin
    # a cue too long for that: its first sentence as a cue, the rest as this, 6 arcmin
    "cue_rest": TextSize(_px(36), _px(30), lines=2),
    "next": TextSize(_px(42), _px(39)),  # "Next: rest 30–45 s, then Plank (set 2 of 2)"
    "top": TextSize(_px(30), _px(29)),  # section · step n of N · time left: 6 arcmin
    "routine_cue": TextSize(_px(40), _px(39)),  # "Back straight": a cue like the others
    "how": TextSize(_px(34), _px(30), lines=4),  # a rest's how-to for what comes: 6 arcmin
    "link": TextSize(_px(24), _px(20)),  # its video's address: for the hand at the laptop
    # I: the how-to of the exercise showing, large: a cue's size, 6 arcmin at least
    "how_open": TextSize(_px(46), _px(30), lines=9, wrap_first=True),
    "button": TextSize(0.032, _px(18)),
    "notice": TextSize(_px(22), _px(18), lines=2),
    # the start, finished, history and editor screens (the editor's layout is made for these)
    "heading": TextSize(0.06, 0.05, bold=True, lines=2),
    "big": TextSize(0.05, 0.042),
    "medium": TextSize(0.038, 0.034),
    "small": TextSize(0.028, _px(20)),
}
