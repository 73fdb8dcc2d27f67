"""The font a PDF is written in: DejaVu Sans, from the system.

A PDF's own fonts (Helvetica and the like) hold Latin-1 only, and a routine's names are
the person's: any script. DejaVu Sans covers Latin, Greek, Cyrillic, Armenian, Georgian,
Hebrew and many signs; it is the font the window's text is drawn in already on Debian and
Ubuntu, where the `fonts-dejavu-core` package brings it (the Makefile installs it). It is
taken from the system rather than shipped: the distribution keeps it, and the wheel stays
small. A character it has no glyph for is written as its escape (sheet.py), never dropped.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from itbtimer.errors import ReportError

FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu (fonts-dejavu-core)
    "/usr/share/fonts/dejavu-sans-fonts",  # Fedora (dejavu-sans-fonts)
    "/usr/share/fonts/TTF",  # Arch (ttf-dejavu)
    "/usr/share/fonts/dejavu",  # openSUSE, older Fedora
    "/usr/local/share/fonts",
)
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
MISSING = ("no font for the PDF: it needs DejaVu Sans (Debian and Ubuntu: sudo apt-get "
           "install fonts-dejavu-core; Fedora: dejavu-sans-fonts)")


@dataclass(frozen=True)
class Fonts:
    regular: Path
    bold: Path


def find_fonts(folders: tuple[str, ...] = FOLDERS) -> Fonts:
    """DejaVu Sans and its bold: in the usual folders, else where fontconfig says."""
    for folder in folders:
        regular, bold = Path(folder) / REGULAR, Path(folder) / BOLD
        if regular.is_file() and bold.is_file():
            return Fonts(regular, bold)
    regular_path, bold_path = _fontconfig("DejaVu Sans"), _fontconfig("DejaVu Sans:bold")
    if regular_path is None:
        raise ReportError(MISSING)
    return Fonts(regular_path, bold_path or regular_path)


def _fontconfig(pattern: str) -> Path | None:
    """The TrueType file fontconfig has for `pattern`, when it is DejaVu (fc-match gives
    its nearest font for any name: another family would not be the one asked for)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        found = subprocess.run([fc_match, "-f", "%{file}", pattern], capture_output=True,
                               text=True, timeout=5, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(found)
    if path.suffix.lower() == ".ttf" and path.name.startswith("DejaVuSans") and path.is_file():
        return path
    return None
