"""An exercise's picture beside the countdown: a PNG, or an animated GIF that moves.

The frames are read once per file with Pillow (which composites a GIF's frames, with their
disposal and transparency, as a browser shows them), scaled to the room the running screen
gives, and swapped on the window's timers (gui/ticker.Timers: fake time in tests) at
each frame's own delay. A picture that cannot be read now (deleted since the routine was
checked) is simply not shown.
"""

from __future__ import annotations

import io
import tkinter as tk
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from itbtimer.gui.ticker import Timers
from itbtimer.gui.widgets import Painted
from itbtimer.routine_files.images import ImageProblem, picture_bytes

if TYPE_CHECKING:  # Pillow loads with the first picture, not with the window
    from PIL import Image, ImageTk

MIN_FRAME_MS = 50  # as browsers do: a GIF that asks for 0-10 ms a frame gets a sane pace
# At most 3.3 frames a second are drawn: a faster GIF keeps its pace by skipping frames
# (make bench: each drawn frame of a 260-pixel picture costs the window about 0.1 % of a
# core a second at 1 fps; a session's whole budget is 1 %).
SWAP_MS = 300
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
    """Every frame of the picture at `path`, composited; None when it cannot be read or is
    no longer what the routine's check allowed (it may have been swapped since: a pipe
    would hang the window, a huge file fill its memory)."""
    from PIL import Image, ImageSequence

    try:
        data = picture_bytes(Path(path))
    except ImageProblem:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            images, delays = [], []
            for frame in ImageSequence.Iterator(image):
                images.append(frame.convert("RGBA"))
                delay = int(frame.info.get("duration") or DEFAULT_FRAME_MS)
                delays.append(max(MIN_FRAME_MS, delay))
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        return None
    return Frames(tuple(images), tuple(delays)) if images else None


def _on(image: Image.Image, background: str) -> Image.Image:
    """`image` (RGBA) laid on an opaque `background` colour."""
    from PIL import Image

    flat = Image.new("RGBA", image.size, background)
    flat.alpha_composite(image)
    return flat.convert("RGB")


def fitted_size(size: tuple[int, int], width: int, height: int) -> tuple[int, int]:
    """`size` scaled to fit `width` x `height`, its shape kept."""
    scale = min(width / size[0], height / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


class PictureView:
    """A canvas that shows one picture at a time, moving if it has frames. (A canvas: a new
    frame in its image item is only drawn again, where a label's new image would ask the
    grid to lay out the running screen again at every frame.)"""

    def __init__(self, parent: tk.Misc, painted: Painted, timers: Timers):
        self.timers = timers
        self.label = tk.Canvas(parent, bd=0, highlightthickness=0, width=1, height=1)
        painted.add(self.label)
        self._item = self.label.create_image(0, 0, anchor="nw")
        self._read: OrderedDict[str, Frames | None] = OrderedDict()
        self._shown: tuple[str, int, int, str] | None = None
        self._photos: list[ImageTk.PhotoImage] = []
        self._delays: tuple[int, ...] = ()
        self._at = 0
        self._debt = 0  # ms of the animation's own time passed since its frame was due
        self._timer: str | None = None
        self.swaps = 0  # frames shown since it was made (the bench counts them)

    def size_for(self, path: str, width: int, height: int) -> tuple[int, int] | None:
        """The size the picture at `path` would have in `width` x `height`; None when it
        cannot be read."""
        frames = self._frames(path)
        if frames is None or width < 1 or height < 1:
            return None
        return fitted_size(frames.size, width, height)

    def show(self, path: str, width: int, height: int, move: bool = True,
             background: str = "#000000") -> None:
        """Show the picture scaled to `width` x `height` (already fitted) on `background`
        (the phase colour: its frames are made opaque on it once, so no frame is blended
        again each time it is drawn); an animation moves unless `move` is False (paused:
        it stands still on the frame it is at)."""
        if self._shown != (path, width, height, background):
            frames = self._frames(path)
            self.stop()
            if frames is None:
                return
            from PIL import Image, ImageTk

            self._shown = (path, width, height, background)
            self._photos = [ImageTk.PhotoImage(_on(image.resize((width, height),
                                                               Image.Resampling.LANCZOS),
                                                  background), master=self.label)
                            for image in frames.images]
            self._delays = frames.delays
            self._at, self._debt = 0, 0
            self.label.configure(width=width, height=height)
            self.label.itemconfigure(self._item, image=self._photos[0])
        if move and self._timer is None and len(self._photos) > 1:
            self._wait()
        elif not move and self._timer is not None:
            self.timers.cancel(self._timer)
            self._timer = None

    def _wait(self) -> None:
        """Until the next frame is due, or SWAP_MS if that is sooner."""
        wait = max(SWAP_MS, self._delays[self._at] - self._debt)
        self._timer = self.timers.after(wait, lambda: self._next(wait))

    def _next(self, waited: int) -> None:
        """`waited` ms of the animation passed: on to the frame due now (skipping those
        whose time went by), so it moves at its own pace however few frames are drawn."""
        self._debt += waited
        while self._debt >= self._delays[self._at]:
            self._debt -= self._delays[self._at]
            self._at = (self._at + 1) % len(self._photos)
        self.label.itemconfigure(self._item, image=self._photos[self._at])
        self.swaps += 1
        self._wait()

    @property
    def image(self) -> str:
        """The name of the frame showing ("" for none)."""
        return str(self.label.tk.call(str(self.label), "itemcget", self._item, "-image"))

    @property
    def moving(self) -> bool:
        return self._timer is not None

    def stop(self) -> None:
        """No picture: nothing shown, nothing scheduled."""
        if self._timer is not None:
            self.timers.cancel(self._timer)
            self._timer = None
        if self._shown is not None:
            self.label.itemconfigure(self._item, image="")
            self.label.configure(width=1, height=1)
            self._shown = None
            self._photos = []

    def _frames(self, path: str) -> Frames | None:
        if path not in self._read:
            self._read[path] = read_frames(path)
            while len(self._read) > KEEP:
                self._read.popitem(last=False)
        self._read.move_to_end(path)
        return self._read[path]
