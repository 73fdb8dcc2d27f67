"""Which keys each screen lists: the start screen's line and the ? overlay (pure).

Only keys that act on the screen showing are listed (core/navigation.py's table for
the moves; the screen's own keys, such as the pain score, beside them);
tests/unit/test_keys_help.py checks each listed move against that table.
"""

from __future__ import annotations

from itbtimer.core.navigation import Action, Screen

EVERYWHERE = ("M mute", "V voice", "C spoken cues", "W how-tos read before each new exercise",
              "F full screen", "? keys", "Ctrl+Q quit")

# (what is shown, the action it asks for; None: the screen's own key, not a move)
KEYS: dict[Screen, tuple[tuple[str, Action | None], ...]] = {
    Screen.START: (("Space start", Action.TOGGLE), ("H history", Action.HISTORY),
                   ("E edit", Action.EDIT), ("L log a run", Action.LOG_RUN)),
    Screen.RUNNING: (("Space pause/resume", Action.TOGGLE), ("→ next/Done", Action.NEXT),
                     ("← back", Action.BACK), ("R restart step", Action.RESTART),
                     ("+ 10 s", Action.EXTEND), ("S stop and record", Action.STOP),
                     ("I how to do it", Action.HOW), ("O its video or page", Action.LINK)),
    Screen.FINISHED: (("0–10 pain score", None), ("Enter save it, then Enter done", Action.NEXT),
                      ("N note", Action.NOTE),
                      ("Space back to start", Action.TOGGLE),
                      ("Esc no score", Action.ESCAPE), ("H history", Action.HISTORY)),
    Screen.HISTORY: (("← → weeks", None), ("A whole history", None), ("↑ ↓ choose", None),
                     ("P pain score", None), ("Delete delete", None),
                     ("H or Esc back", Action.ESCAPE)),
    Screen.EDITOR: (),  # the editor lists its own keys (gui/editor/)
    Screen.RUN: (("Tab next box", None), ("Enter save", Action.NEXT),
                 ("Esc cancel", Action.ESCAPE)),
}

# the start screen's, first, while it asks the morning-after question
MORNING: tuple[tuple[str, Action | None], ...] = (("0–10 this morning's score", None),
                                                   ("Esc skip it", Action.ESCAPE))

# a routine with mistakes: nothing to start, and E opens the file in a text editor
BROKEN = {Action.TOGGLE: None, Action.EDIT: "E open in your text editor"}


def keys_help(screen: Screen, extendable: bool = True, routine_ok: bool = True,
              morning: bool = False) -> tuple[str, ...]:
    """The keys that act on `screen`; `extendable`: the running step is timed (+ 10 s
    adds to it; a hold or reps has no end to add to); not `routine_ok`: the routine has
    mistakes (BROKEN); `morning`: the start screen asks the morning-after question."""
    shown: list[str] = []
    asking = MORNING if morning and screen == Screen.START else ()
    for text, action in asking + KEYS[screen]:
        if action == Action.EXTEND and not extendable:
            continue
        if not routine_ok and action in BROKEN:
            text = BROKEN[action] or ""
        if text:
            shown.append(text)
    return tuple(shown) + EVERYWHERE


def keys_line(screen: Screen, extendable: bool = True, routine_ok: bool = True,
              morning: bool = False) -> str:
    return " · ".join(keys_help(screen, extendable, routine_ok, morning))


def overlay_text(screen: Screen, extendable: bool = True, routine_ok: bool = True,
                 morning: bool = False) -> str:
    return ("Keys\n\n" + "\n".join(keys_help(screen, extendable, routine_ok, morning))
            + "\n\n(? or Esc closes)")
