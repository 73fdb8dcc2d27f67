"""The question asked when quitting with a session that could be saved nowhere."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import filedialog

from itbtimer.app.wiring import UnsavedAnswer

CHOICES = (("Retry", UnsavedAnswer.RETRY), ("Save to…", UnsavedAnswer.SAVE),
           ("Quit without saving", UnsavedAnswer.QUIT))


class UnsavedDialog:
    """Retry / Save to… / Quit without saving, in a small modal window."""

    def __init__(self, root: tk.Misc):
        self.root = root

    def ask(self, text: str) -> UnsavedAnswer:
        top = tk.Toplevel(self.root)
        top.title("Session not saved")
        top.transient(self.root)  # type: ignore[call-overload]
        chosen = [UnsavedAnswer.QUIT]
        tk.Label(top, text=text + "\n\nRetry when the disk has room again, or save the "
                 "session to a file (itbtimer history --import FILE adds it later).",
                 wraplength=420, justify="left", padx=16, pady=12).pack()
        row = tk.Frame(top)
        row.pack(pady=(0, 12))
        for label, value in CHOICES:
            def choose(value: UnsavedAnswer = value) -> None:
                chosen[0] = value
                top.destroy()
            tk.Button(row, text=label, command=choose).pack(side="left", padx=6)
        top.protocol("WM_DELETE_WINDOW", top.destroy)  # closing it: quit without saving
        top.grab_set()
        self.root.wait_window(top)
        return chosen[0]

    def choose_file(self) -> Path | None:
        name = filedialog.asksaveasfilename(parent=self.root, title="Save the session to",
                                            defaultextension=".jsonl",
                                            filetypes=[("JSON lines", "*.jsonl")])
        return Path(name) if name else None
