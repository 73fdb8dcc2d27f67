"""Colours and type: readable from a mat two metres away."""

from __future__ import annotations

PHASE_COLOURS = {
    "work": "#1f7a3a",       # green: work
    "rest": "#1f4e8c",       # blue: rest
    "get_ready": "#b36b00",  # amber: get ready
    "switch": "#6a2c91",     # purple: switch sides
    "paused": "#3a3a3a",     # grey: paused
    "finished": "#24323f",
    "start": "#1e2a35",
}
FLASH = "#f2f2f2"
PAUSED_CLOCK = "#9a9a9a"
TEXT = "#ffffff"
DIM_TEXT = "#d8dee4"
SIDE_TEXT = "#ffe066"
TIMELINE = {"work": "#4caf50", "rest": "#64b5f6", "switch": "#ba68c8", "get_ready": "#ffb74d",
            "untimed": "#e57373"}
FAMILY = "DejaVu Sans"
BUTTON_BG = "#e8e8e8"
BUTTON_FG = "#111111"
