"""An exercise's picture beside the countdown: a PNG, or an animated GIF that moves.

The frames are read once per file with Pillow (which composites a GIF's frames, with their
disposal and transparency, as a browser shows them), scaled to the room the running screen
gives, and swapped on the window's timers (gui/ticker.Timers: fake time in tests) at
each frame's own delay. A picture that cannot be read now (deleted since the routine was
checked) is simply not shown.
"""

from __future__ import annotations

import tkinter as tk
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageSequence, ImageTk

from itbtimer.gui.ticker import Timers
from itbtimer.gui.widgets import Painted

MIN_FRAME_MS = 50  # as browsers do: a GIF that asks for 0-10 ms a frame gets a sane pace
DEFAULT_FRAME_MS = 100
KEEP = 3  # files whose frames are kept read (the exercise showing and the next ones)


@dataclass(frozen=True)
class Frames:
    images: tuple[Image.Image, ...]  # RGBA, full size
    delays: tuple[int, ...]  # ms

    @property
    def size(self) -> tuple[int, int]:
        return self.images[0].size


def read_frames(path: str) -> Frames | None:
    """Every frame of the picture at `path`, composited; None when it cannot be read."""
    try:
        with Image.open(path) as image:
            images, delays = [], []
            for frame in ImageSequence.Iterator(image):
                images.append(frame.convert("RGBA"))
                delay = int(frame.info.get("duration") or DEFAULT_FRAME_MS)
                delays.append(max(MIN_FRAME_MS, delay))
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        return None
    return Frames(tuple(images), tuple(delays)) if images else None


def fitted_size(size: tuple[int, int], width: int, height: int) -> tuple[int, int]:
    """`size` scaled to fit `width` x `height`, its shape kept."""
    scale = min(width / size[0], height / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


class PictureView:
    """A label that shows one picture at a time, moving if it has frames."""

    def __init__(self, parent: tk.Misc, painted: Painted, timers: Timers):
        self.timers = timers
        self.label = tk.Label(parent, bd=0, highlightthickness=0)
        painted.add(self.label)
        self._read: OrderedDict[str, Frames | None] = OrderedDict()
        self._shown: tuple[str, int, int] | None = None
        self._photos: list[ImageTk.PhotoImage] = []
        self._delays: tuple[int, ...] = ()
        self._at = 0
        self._timer: str | None = None
        self.swaps = 0  # frames shown since it was made (the bench counts them)

    def size_for(self, path: str, width: int, height: int) -> tuple[int, int] | None:
        """The size the picture at `path` would have in `width` x `height`; None when it
        cannot be read."""
        frames = self._frames(path)
        if frames is None or width < 1 or height < 1:
            return None
        return fitted_size(frames.size, width, height)

    def show(self, path: str, width: int, height: int, move: bool = True) -> None:
        """Show the picture scaled to `width` x `height` (already fitted); an animation
        moves unless `move` is False (paused: it stands still on the frame it is at)."""
        if self._shown != (path, width, height):
            frames = self._frames(path)
            self.stop()
            if frames is None:
                return
            self._shown = (path, width, height)
            self._photos = [ImageTk.PhotoImage(
                image.resize((width, height), Image.Resampling.LANCZOS), master=self.label)
                for image in frames.images]
            self._delays = frames.delays
            self._at = 0
            self.label.configure(image=self._photos[0], width=width, height=height)
        if move and self._timer is None and len(self._photos) > 1:
            self._timer = self.timers.after(self._delays[self._at], self._next)
        elif not move and self._timer is not None:
            self.timers.cancel(self._timer)
            self._timer = None

    def _next(self) -> None:
        self._at = (self._at + 1) % len(self._photos)
        self.label.configure(image=self._photos[self._at])
        self.swaps += 1
        self._timer = self.timers.after(self._delays[self._at], self._next)

    @property
    def moving(self) -> bool:
        return self._timer is not None

    def stop(self) -> None:
        """No picture: nothing shown, nothing scheduled."""
        if self._timer is not None:
            self.timers.cancel(self._timer)
            self._timer = None
        if self._shown is not None:
            self.label.configure(image="", width=0, height=0)
            self._shown = None
            self._photos = []

    def _frames(self, path: str) -> Frames | None:
        if path not in self._read:
            self._read[path] = read_frames(path)
            while len(self._read) > KEEP:
                self._read.popitem(last=False)
        self._read.move_to_end(path)
        return self._read[path]
