"""The running screen: the countdown as the biggest thing, the phase as the background.

Every text is fitted to its width (shrink, wrap, ellipsise: widgets.FitLabel) at the
sizes theme.TEXT_SIZES allows at this window height; the countdown takes the height
that is left, so no text can push it, the timeline or the buttons off the window.
"""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from functools import partial

from itbtimer.core.enums import StrEnum
from itbtimer.core.navigation import Action
from itbtimer.core.plan import Plan
from itbtimer.gui.keys import Anywhere
from itbtimer.gui.picture import PictureView
from itbtimer.gui.theme import (
    DIM_TEXT,
    FAMILY,
    PAUSED_CLOCK,
    PHASE_COLOURS,
    PULSE,
    PULSE_SHARE,
    SIDE_TEXT,
    TEXT_SIZES,
)
from itbtimer.gui.ticker import Timers
from itbtimer.gui.timeline import Timeline
from itbtimer.gui.widgets import FitLabel, Fonts, Painted, button, label, row_padding, set_text
from itbtimer.present.display import Display, Phase, cue_parts, how_panel


class GiveWay(StrEnum):
    """What a row of words does when the room is short: loses a line, hides, or (the cue)
    splits into its first sentence and the rest."""

    LINE = "line"
    HIDE = "hide"
    SPLIT = "split"


PULSE_MS = 300
PADX = 16
CLOCK_MIN_SHARE = 0.22  # the countdown never gets less than this share of the height
# What gives way, in order, when the words would leave the countdown less than its share:
# a line of the how-to, then the video's address, the rest of the how-to; a cue on several
# lines becomes its first sentence large and the rest smaller below, then the rest a line, then
# the rest (I shows it whole), what comes next (a rest shows it); then a line of the cue, of
# the name, each down to one, then the routine's cue (the same all session).
GIVE_WAY: tuple[tuple[GiveWay, str], ...] = (
    *((GiveWay.LINE, "how"),) * 3, (GiveWay.HIDE, "link"), (GiveWay.HIDE, "how"),
    (GiveWay.SPLIT, "cue"), (GiveWay.LINE, "cue_rest"), (GiveWay.HIDE, "cue_rest"),
    (GiveWay.HIDE, "next"), *((GiveWay.LINE, "cue"),) * 2, (GiveWay.LINE, "title"),
    (GiveWay.HIDE, "routine_cue"))
# With the how-to open (I) it takes the place of the cue, the rest's how-to, the link and the
# routine's cue; what comes next gives way first, then its lines, then the name's; and the
# countdown may be smaller while it is open (the person asked to read).
HOW_OPEN_GIVE_WAY: tuple[tuple[GiveWay, str], ...] = (
    (GiveWay.HIDE, "next"), *((GiveWay.LINE, "how_open"),) * 7, (GiveWay.LINE, "title"))
CLOCK_MIN_SHARE_HOW_OPEN = 0.15
BUTTONS: tuple[tuple[str, str, Action | Anywhere], ...] = (  # (name, label, what it asks)
    ("back", "◀ Back", Action.BACK),
    ("pause", "Pause", Action.TOGGLE),
    ("next", "Next ▶", Action.NEXT),
    ("extend", "+10 s", Action.EXTEND),
    ("mute", "Mute", Anywhere.MUTE),
    ("fullscreen", "Full screen", Anywhere.FULLSCREEN),
)
PICTURE_GAP = 24  # between the countdown and the picture beside it
PICTURE_MIN_SHARE = 0.12  # a picture smaller than this share of the height is not shown
BUTTON_PADX = 8  # inside a button, each side
BUTTON_GAP = 4  # between buttons, each side


def _clock_colour(shown: Display) -> str:
    """Paused: the clock is dimmed as well as the background, so it can't be misread."""
    return PAUSED_CLOCK if shown.phase == Phase.PAUSED else "#ffffff"


class RunningScreen:
    def __init__(self, parent: tk.Misc, fonts: Fonts, plan: Plan,
                 on_button: Callable[[Action | Anywhere], None], timers: Timers):
        self.timers = timers
        self.fonts = fonts
        self.painted = Painted()
        self.painted.colour = PHASE_COLOURS[Phase.GET_READY]
        # the border is always there, in the phase colour: a cue lights it up, never the text
        self.frame = tk.Frame(parent, bd=0, highlightthickness=4)
        self.painted.add(self.frame)
        self.pulse = True  # --no-flash or "flash": false turns it off
        self._border(self.painted.colour)
        f = self.frame
        f.columnconfigure(0, weight=1)
        fit: dict[str, FitLabel] = {}
        self.fit = fit

        top = self.painted.add(tk.Frame(f))
        top.grid(row=0, column=0, sticky="ew", padx=PADX, pady=(6, 0))
        top.columnconfigure(0, weight=1)
        fit["section"] = FitLabel(top, self.painted, fonts, "top", fg=DIM_TEXT, anchor="w")
        self.position = label(top, self.painted, fonts["top"], fg=DIM_TEXT)
        self.time_left = label(top, self.painted, fonts["top"], fg=DIM_TEXT, anchor="e")
        fit["section"].widget.grid(row=0, column=0, sticky="w")
        self.position.grid(row=0, column=1, padx=12)
        self.time_left.grid(row=0, column=2, sticky="e")

        head = self.painted.add(tk.Frame(f))
        head.grid(row=1, column=0, sticky="ew", padx=PADX)
        head.columnconfigure(0, weight=1)
        fit["title"] = FitLabel(head, self.painted, fonts, "title", anchor="w", justify="left")
        # the side in the same place on every screen, the top right, as large as the name
        fit["side"] = FitLabel(head, self.painted, fonts, "side", fg=SIDE_TEXT, anchor="e")
        self.side = fit["side"].widget
        fit["title"].widget.grid(row=0, column=0, sticky="w")
        self.side.grid(row=0, column=1, sticky="ne", padx=(12, 0))
        fit["target"] = FitLabel(f, self.painted, fonts, "target", anchor="w")
        fit["target"].widget.grid(row=2, column=0, sticky="ew", padx=PADX)

        clock_style = TEXT_SIZES["clock"]
        self.clock_font = tkfont.Font(root=f, family=FAMILY, size=-100, weight="bold")
        self._clock_probe = tkfont.Font(root=f, family=FAMILY, size=-100, weight="bold")
        self._clock_style = clock_style
        # the countdown, and beside it the exercise's picture in the width it does not need
        self.middle = self.painted.add(tk.Frame(f))
        self.middle.grid(row=3, column=0, sticky="nsew", padx=PADX)
        self.middle.columnconfigure(0, weight=1)
        self.middle.rowconfigure(0, weight=1)
        self.clock = label(self.middle, self.painted, self.clock_font)
        self.clock.grid(row=0, column=0, sticky="nsew")
        self.picture = PictureView(self.middle, self.painted, timers)
        self.picture.label.grid(row=0, column=1, padx=(PICTURE_GAP, 0))
        self.picture.label.grid_remove()
        f.rowconfigure(3, weight=1)
        fit["status"] = FitLabel(f, self.painted, fonts, "status", fg=SIDE_TEXT)
        fit["status"].widget.grid(row=4, column=0, sticky="ew", padx=PADX)
        fit["cue"] = FitLabel(f, self.painted, fonts, "cue", justify="center")
        fit["cue"].widget.grid(row=5, column=0, sticky="ew", padx=PADX)
        # a cue too long for its lines: the first sentence above, large; the rest here
        fit["cue_rest"] = FitLabel(f, self.painted, fonts, "cue_rest", justify="center")
        fit["cue_rest"].widget.grid(row=6, column=0, sticky="ew", padx=PADX)
        fit["cue_rest"].widget.grid_remove()
        # I: the how-to of the exercise showing, large, where the cue was (hidden until I)
        fit["how_open"] = FitLabel(f, self.painted, fonts, "how_open", justify="left",
                                   anchor="w")
        fit["how_open"].widget.grid(row=5, column=0, sticky="ew", padx=PADX)
        fit["how_open"].widget.grid_remove()
        self.how_open = False
        fit["how"] = FitLabel(f, self.painted, fonts, "how", justify="left", anchor="w")
        fit["how"].widget.grid(row=7, column=0, sticky="ew", padx=PADX, pady=(4, 0))
        fit["link"] = FitLabel(f, self.painted, fonts, "link", fg=DIM_TEXT, anchor="w")
        fit["link"].widget.grid(row=8, column=0, sticky="ew", padx=PADX)
        fit["routine_cue"] = FitLabel(f, self.painted, fonts, "routine_cue", fg=DIM_TEXT)
        fit["routine_cue"].widget.grid(row=9, column=0, sticky="ew", padx=PADX)
        fit["next"] = FitLabel(f, self.painted, fonts, "next", fg=DIM_TEXT)
        fit["next"].widget.grid(row=10, column=0, sticky="ew", padx=PADX, pady=(2, 4))

        self.timeline = Timeline(f, plan)
        self.timeline.canvas.grid(row=11, column=0, sticky="ew", padx=PADX, pady=4)
        self.bar = bar = self.painted.add(tk.Frame(f))
        bar.grid(row=12, column=0, sticky="ew", padx=PADX - BUTTON_GAP, pady=(4, 8))
        self.buttons: dict[str, tk.Button] = {}
        for name, text, command in BUTTONS:
            self.buttons[name] = button(bar, text, partial(on_button, command),
                                        fonts["button"], padx=BUTTON_PADX)
        self._place_buttons(extendable=True)
        fit["notice"] = FitLabel(f, self.painted, fonts, "notice", fg=SIDE_TEXT)
        fit["notice"].widget.grid(row=13, column=0, sticky="ew", padx=PADX)

        self.title = fit["title"].widget
        self.target = fit["target"].widget
        self.status = fit["status"].widget
        self.cue = fit["cue"].widget
        self.routine_cue = fit["routine_cue"].widget
        self.how = fit["how"].widget
        self.link = fit["link"].widget
        self.next_up = fit["next"].widget
        self.section = fit["section"].widget
        self.notice = fit["notice"].widget
        self.shown: Display | None = None
        self._notice = ""
        self._flash_after: str | None = None
        self._last: tuple[Display, str, str] | None = None
        self._size = (0, 0)
        self._notice_shown = ""
        self.frame.bind("<Configure>", self._on_resize)

    # --- drawing ---------------------------------------------------------------------

    def render(self, shown: Display, index: int, step_fraction: float,
               notice: str, mute_label: str) -> None:
        """Copy the presenter's words into the widgets; only what changed is touched."""
        self.timeline.show(index, step_fraction)
        if (shown, notice, mute_label) == self._last:
            return  # most wake-ups: the shown second has not changed
        before = self.shown
        self._last = (shown, notice, mute_label)
        colour = PHASE_COLOURS[shown.phase]
        self.painted.paint(colour)
        if self._flash_after is None:
            self._border(colour)
        self.clock.configure(fg=_clock_colour(shown))
        set_text(self.clock, shown.clock)
        set_text(self.position, shown.position)
        set_text(self.time_left, shown.time_left)
        set_text(self.buttons["next"], f"{shown.next_label} ▶")
        set_text(self.buttons["pause"], shown.pause_label)
        set_text(self.buttons["mute"], mute_label)
        if before is None or before.extendable != shown.extendable:
            self._place_buttons(shown.extendable)
        self.shown, self._notice = shown, notice
        if before is None or _words(before) != _words(shown) or len(before.clock) != len(
                shown.clock) or notice != self._notice_shown:
            self.layout()

    def _place_buttons(self, extendable: bool) -> None:
        """The buttons that act on this step, in equal columns: no +10 s on a hold or reps
        (no end to add to), and the others share its room."""
        shown = [b for name, b in self.buttons.items() if extendable or name != "extend"]
        for column in range(len(self.buttons)):
            used = column < len(shown)
            self.bar.columnconfigure(column, weight=int(used), uniform="buttons" if used else "")
        for b in self.buttons.values():
            b.grid_forget()
        for column, b in enumerate(shown):
            b.grid(row=0, column=column, sticky="ew", padx=BUTTON_GAP)

    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is self.frame and (event.width, event.height) != self._size:
            self._size = (event.width, event.height)
            self.layout()

    def layout(self) -> None:
        """Fit every text to its width, then give the countdown the height that is left."""
        shown = self.shown
        width, height = self._size
        if shown is None or width <= 1 or height <= 1:
            return
        border = max(4, round(PULSE_SHARE * self.fonts.height))
        if int(self.frame.cget("highlightthickness")) != border:
            self.frame.configure(highlightthickness=border)
        inner_w, inner_h = width - 2 * border, height - 2 * border
        room = inner_w - 2 * PADX
        fit = self.fit
        top_room = room - self.position.winfo_reqwidth() - self.time_left.winfo_reqwidth() - 24
        fit["section"].show(shown.section, top_room)
        fit["side"].show(shown.side, room // 2)
        side_room = self.side.winfo_reqwidth() + 12 if shown.side else 0
        fit["target"].show(shown.target, room)
        fit["status"].show(shown.status, room)
        fit["routine_cue"].show(shown.routine_cue, room)
        fit["next"].show(shown.next_up, room)
        fit["notice"].show(self._notice, room)
        self._notice_shown = self._notice
        self._show_or_hide(fit["notice"].widget, bool(self._notice))
        self._fit_buttons(inner_w)
        left = self._fit_rows(shown, room, side_room, inner_h)
        size = self._fit_clock(shown.clock, room, left)
        self._place_picture(shown.image, room, left, size)

    def toggle_how(self) -> bool:
        """I: the how-to large in place of the cues, or hidden again; True when shown."""
        self.how_open = not self.how_open
        self.layout()
        return self.how_open

    def _rows(self, shown: Display) -> tuple[dict[str, str], dict[str, bool]]:
        """The texts that may give way a line at a time, and which rows show."""
        if self.how_open:
            return ({"title": shown.title, "how_open": how_panel(shown)},
                    {"cue": False, "cue_rest": False, "how": False, "link": False,
                     "routine_cue": False, "how_open": True, "next": True})
        return ({"title": shown.title, "cue": shown.cue, "cue_rest": "", "how": shown.how},
                {"cue": True, "cue_rest": False, "how": bool(shown.how),
                 "link": bool(shown.link), "routine_cue": bool(shown.routine_cue),
                 "how_open": False, "next": True})

    def _give_way(self, way: GiveWay, name: str, texts: dict[str, str], lines: dict[str, int],
                  showing: dict[str, bool]) -> bool:
        """One step of GIVE_WAY; False when it changes nothing here. "split": a cue on more
        than one line becomes its first sentence, large, and the rest below it, smaller
        (present.display.cue_parts), before it loses a line."""
        if way == GiveWay.LINE and lines[name] > 1:
            lines[name] -= 1
        elif way == GiveWay.HIDE and showing[name]:
            showing[name] = False
        elif way == GiveWay.SPLIT:
            first, rest = cue_parts(texts["cue"])
            fitted = self.fit["cue"].fitted
            if not rest or texts["cue_rest"] or fitted is None or fitted.lines < 2:
                return False
            texts["cue"], texts["cue_rest"], showing["cue_rest"] = first, rest, True
        else:
            return False
        return True

    def _fit_rows(self, shown: Display, room: int, side_room: int, inner_h: int) -> int:
        """Fit the rows of words, giving way one step at a time (GIVE_WAY) until the countdown
        has its least share of the height; never a size below a floor. The height left."""
        fit = self.fit
        texts, showing = self._rows(shown)
        lines = {name: fit[name].max_lines for name in texts}
        rooms = {name: room for name in texts} | {"title": room - side_room}
        fit["link"].show(shown.link, room)
        least = (CLOCK_MIN_SHARE_HOW_OPEN if self.how_open else CLOCK_MIN_SHARE) * inner_h
        for way, name in ((None, ""), *(HOW_OPEN_GIVE_WAY if self.how_open else GIVE_WAY)):
            if way is not None and not self._give_way(way, name, texts, lines, showing):
                continue
            for each in texts:
                fit[each].show(texts[each], rooms[each], lines[each])
            for each, shows in showing.items():
                self._show_or_hide(fit[each].widget, shows)
            left = inner_h - self._rows_height()
            if left >= least:
                break
        return left

    def _rows_height(self) -> int:
        """The height every row but the countdown asks for, with its padding."""
        total = 0
        for widget in self.frame.grid_slaves():
            if widget is self.middle or not widget.winfo_manager():
                continue
            total += row_padding(widget)
            children = widget.winfo_children()
            if isinstance(widget, tk.Frame) and children:
                height = max(c.winfo_reqheight() for c in children)
            else:
                height = widget.winfo_reqheight()
            total += height
        return total

    def _place_picture(self, path: str, room: int, height: int, clock_size: int) -> None:
        """The picture beside the countdown, in the width the countdown does not need and
        the countdown's height: never at the countdown's or any text's cost. Not shown when
        that room would make it too small to make out from the mat."""
        probe = self._clock_probe
        probe.configure(size=-clock_size)
        clock_w = probe.measure(_digits(self.shown.clock if self.shown else "0:00"))
        box_w, box_h = room - clock_w - PICTURE_GAP - 8, height - 8
        size = self.picture.size_for(path, box_w, box_h) if path else None
        if size is None or size[1] < PICTURE_MIN_SHARE * self.fonts.height:
            self.picture.stop()
            self._show_or_hide(self.picture.label, False)
            return
        still = self.shown is not None and self.shown.phase in (Phase.PAUSED, Phase.FINISHED)
        self.picture.show(path, *size, move=not still, background=self.painted.colour)
        self._show_or_hide(self.picture.label, True)

    def _fit_clock(self, text: str, width: int, height: int) -> int:
        """As big as its style asks, as the height left allows and as the width allows;
        the size it has."""
        probe = self._clock_probe
        probe.configure(size=-100)
        per_px_height = int(probe.metrics("linespace")) / 100
        per_px_width = max(1, probe.measure(_digits(text))) / 100
        chrome = 2 * sum(int(float(str(self.clock.cget(o))))
                         for o in ("pady", "bd", "highlightthickness"))
        size = min(self._clock_style.pixels(self.fonts.height),
                   int(max(0, height - chrome) / per_px_height), int(width / per_px_width))
        size = max(8, size)
        if self.clock_font.cget("size") != -size:
            self.clock_font.configure(size=-size)
        return size

    def _fit_buttons(self, width: int) -> None:
        """One size for every button: the largest at which the longest label fits its column."""
        shown = [b for b in self.buttons.values() if b.winfo_manager()]
        column = (width - 2 * (PADX - BUTTON_GAP)) / len(shown) - 2 * BUTTON_GAP
        room = int(column - 2 * BUTTON_PADX - 4)
        font = self.fonts["button"]
        longest = max(shown, key=lambda b: len(str(b.cget("text"))))
        text = str(longest.cget("text"))
        style = TEXT_SIZES["button"]
        probe = self._clock_probe
        size = style.sizes(self.fonts.height)[-1]
        for candidate in style.sizes(self.fonts.height):
            probe.configure(size=-candidate, weight="normal")
            if probe.measure(text) <= room:
                size = candidate
                break
        probe.configure(weight="bold")
        if font.cget("size") != -size:
            font.configure(size=-size)

    @staticmethod
    def _show_or_hide(widget: tk.Widget, show: bool) -> None:
        if show and not widget.winfo_manager():
            widget.grid()
        elif not show and widget.winfo_manager():
            widget.grid_remove()

    # --- the cue pulse ---------------------------------------------------------------

    def flash(self, milliseconds: int = PULSE_MS) -> None:
        """On a cue the border lights up for a moment: seen from the mat in a noisy room,
        and no flash of the whole screen (a photosensitivity concern in a Tabata)."""
        if self.shown is None or not self.pulse:
            return
        if self._flash_after is not None:
            self.timers.cancel(self._flash_after)  # one pulse at a time: three pips, one after
        self._border(PULSE)
        self._flash_after = self.timers.after(milliseconds, self._end_flash)

    def _end_flash(self) -> None:
        self._flash_after = None
        self._border(self.painted.colour)

    def _border(self, colour: str) -> None:
        self.frame.configure(highlightbackground=colour, highlightcolor=colour)

    def destroy(self) -> None:
        self.picture.stop()
        if self._flash_after is not None:
            self.timers.cancel(self._flash_after)
            self._flash_after = None
        self.frame.destroy()


def _words(shown: Display) -> tuple[str, ...]:
    """Everything but the countdown: when none of it changed, the layout stands."""
    return (shown.title, shown.side, shown.target, shown.cue, shown.routine_cue, shown.status,
            shown.next_up, shown.section, shown.position, shown.time_left, shown.next_label,
            shown.pause_label, str(shown.extendable), shown.how, shown.link, shown.image,
            shown.phase)


def _digits(text: str) -> str:
    """The widest the countdown can be at this length (every digit as wide as 0)."""
    return "".join("0" if c.isdigit() else c for c in text)
