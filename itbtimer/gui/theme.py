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
# Read from a mat three metres away. `floor` is the smallest a text may be shrunk to
# before it wraps (then is ellipsised); the floors are the sizes asked for at 1366x768
# (exercise name 56 px, side and set 40, cue 34, "Next:" 30, the top bar 22), written
# as shares of 768 so they hold at that size and scale with any other.
REFERENCE_HEIGHT = 768


@dataclass(frozen=True)
class TextSize:
    share: float  # the size it would like: font pixels per pixel of window height
    floor: float  # the smallest it may shrink to before it wraps
    bold: bool = False
    lines: int = 1  # at most this many lines; past that, an ellipsis

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
    "title": TextSize(_px(68), _px(56), bold=True, lines=2),  # the exercise name
    "side": TextSize(_px(48), _px(40), bold=True),  # LEFT / RIGHT
    "target": TextSize(_px(44), _px(40)),  # "8–12 reps · Set 2 of 2"
    "status": TextSize(_px(38), _px(34)),  # "PAUSED — Space to resume"
    "cue": TextSize(_px(40), _px(34), lines=3),
    "next": TextSize(_px(34), _px(30)),  # "Next: rest 30–45 s, then Plank (set 2 of 2)"
    "top": TextSize(_px(24), _px(22)),  # section · step n of N · time left
    "routine_cue": TextSize(_px(24), _px(22)),
    "button": TextSize(0.032, _px(18)),
    "notice": TextSize(_px(22), _px(18), lines=2),
    # the start, finished, history and editor screens (the editor's layout is made for these)
    "heading": TextSize(0.06, 0.05, bold=True, lines=2),
    "big": TextSize(0.05, 0.042),
    "medium": TextSize(0.038, 0.034),
    "small": TextSize(0.028, _px(20)),
}
