"""Driving the routine editor screen alone on a real Tk root: generated key events, or real
key presses through the X server (xdotool) while Tk's own loop runs, as in the program."""

from __future__ import annotations

import shutil
import subprocess
import time
import tkinter as tk
from pathlib import Path

import pytest

from itbtimer.editor.document import Document
from itbtimer.gui.editor import EditorScreen
from itbtimer.gui.widgets import Fonts

CONTROL, ALT, SHIFT, CAPS_LOCK = 0x4, 0x8, 0x1, 0x2
QUIET = 0.3  # seconds without a key event after xdotool ended: every key has been handled


class EditorHarness:
    """The editor screen alone on a real Tk root."""

    def __init__(self, path: Path, notice: str | None = None, size: str = "1366x768"):
        self.root = tk.Tk(className="itbtimer")
        self.root.geometry(f"{size}+0+0")
        self.root.pack_propagate(False)
        self.fonts = Fonts(self.root)
        self.fonts.fit(int(size.split("x")[1]))
        self.closed: list[Path | None] = []
        self.screen = EditorScreen(self.root, self.fonts, self.closed.append)
        self.screen.frame.pack(fill="both", expand=True)
        self.errors: list = []
        self.root.report_callback_exception = lambda *exc: self.errors.append(exc)
        self.document = Document.open(path)
        self.root.update()
        self.root.focus_force()  # as a person clicks the window
        self.root.update()
        self.screen.show(self.document, notice)
        self.root.update()

    def key(self, keysym: str, state: int = 0) -> None:
        target = self.root.focus_get() or self.root
        target.event_generate("<KeyPress>", keysym=keysym, state=state, when="now")
        self.root.update()

    def type(self, text: str) -> None:
        for char in text:
            self.key({" ": "space", "-": "minus"}.get(char, char), SHIFT if char.isupper() else 0)

    def real_keys(self, *commands: str) -> None:
        """Run xdotool (e.g. "key", "ctrl+n", "type", "--delay", "0", "text": a command
        chains after key, not after type, which types the rest of its line) while Tk's main
        loop handles what arrives, one event at a time and idle work only when no event
        waits, as in the program; back once every key is handled."""
        if shutil.which("xdotool") is None:
            pytest.skip("xdotool is not installed (make test installs it)")
        # The X focus, where xdotool types, on this window; Tk's focus stays where it is.
        (self.root.focus_get() or self.root).focus_force()
        self.root.update()
        last_key = [time.monotonic()]
        self.root.bind_all("<KeyPress>", lambda event: last_key.__setitem__(0, time.monotonic()),
                           add="+")
        proc = subprocess.Popen(["xdotool", *commands])
        started = time.monotonic()

        def watch() -> None:
            now = time.monotonic()
            if proc.poll() is None or now - last_key[0] < QUIET:
                if now - started > 60:
                    proc.kill()
                    self.root.quit()
                    return
                self.root.after(10, watch)
            else:
                self.root.quit()

        self.root.after(10, watch)
        self.root.mainloop()
        assert proc.wait(timeout=10) == 0
        self.root.unbind_all("<KeyPress>")
        self.root.update()

    def down_to(self, name: str) -> None:
        """↑/↓ in the outline until the row named `name` is selected."""
        rows = [r.name for r in self.screen.rows]
        target = rows.index(name)
        while (current := self.screen.outline.index) != target:
            self.key("Down" if current < target else "Up")

    def tab_to(self, key: str) -> None:
        """Tab from field to field until `key` has the focus."""
        for _ in range(len(self.screen.entries)):
            if self.focused_field == key:
                return
            self.key("Tab")
        assert self.focused_field == key

    @property
    def focused_field(self) -> str | None:
        focused = self.root.focus_get()
        return next((e.field.key for e in self.screen.entries if e.widget is focused), None)

    def close(self) -> None:
        self.root.destroy()
