"""Draw the itbtimer icon, a stopwatch face, sharp at any size (a tiny PNG writer, no dependencies).

    python tools/make_icon.py [FOLDER]     writes icon.png (64 px, the window's) and
                                           icon-48.png, icon-128.png, icon-256.png
                                           (the desktop entry's) into FOLDER
                                           (default assets)

The face is described in unit coordinates and sampled 4x4 times per pixel, so
every size is drawn from the shape itself (anti-aliased), never scaled from another.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from pathlib import Path

SIZES = (48, 64, 128, 256)
SAMPLES = 4  # per pixel and axis
GREEN = (31, 122, 58)
FACE = (250, 250, 250)
CROWN = (240, 240, 240)
TICK = (60, 60, 60)
Colour = tuple[int, int, int] | None


def shape(x: float, y: float) -> Colour:
    """The colour at (x, y) in a unit square (0..1, y down), or None for transparent."""
    dx, dy = x - 0.5, y - 0.5 - 0.047
    r = math.hypot(dx, dy)
    if r > 0.4375:
        if abs(dx) < 0.0625 and -0.516 < dy < -0.42:
            return CROWN  # the button on top
        if abs(dx) < 0.03 and -0.44 < dy < -0.4:
            return GREEN  # its stem
        return None
    if r > 0.375:
        return GREEN  # the rim
    angle = math.atan2(dy, dx)
    if r < 0.047:
        return GREEN  # the hub
    if r < 0.31 and abs(_wrap(angle + math.pi / 4)) < 0.11 * 0.3 / max(r, 0.05):
        return GREEN  # the hand, pointing up and to the right
    # twelve ticks, longer at 12, 3, 6 and 9
    hour = angle / (math.pi / 6)
    near = abs(hour - round(hour))
    long_tick = round(hour) % 3 == 0
    inner = 0.29 if long_tick else 0.32
    if inner < r < 0.355 and near * (math.pi / 6) * r < (0.018 if long_tick else 0.011):
        return TICK
    return FACE


def _wrap(angle: float) -> float:
    return (angle + math.pi) % (2 * math.pi) - math.pi


def draw(size: int) -> list[bytes]:
    """RGBA rows of the icon at `size` pixels, each pixel the average of its samples."""
    rows = []
    step = 1.0 / (size * SAMPLES)
    for py in range(size):
        row = bytearray()
        for px in range(size):
            r = g = b = a = 0
            for sy in range(SAMPLES):
                y = (py * SAMPLES + sy + 0.5) * step
                for sx in range(SAMPLES):
                    colour = shape((px * SAMPLES + sx + 0.5) * step, y)
                    if colour is not None:
                        r, g, b, a = r + colour[0], g + colour[1], b + colour[2], a + 1
            if a:
                row += bytes((r // a, g // a, b // a, 255 * a // (SAMPLES * SAMPLES)))
            else:
                row += b"\x00\x00\x00\x00"
        rows.append(bytes(row))
    return rows


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def file_name(size: int) -> str:
    return "icon.png" if size == 64 else f"icon-{size}.png"


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "assets")
    for size in SIZES:
        out = folder / file_name(size)
        out.write_bytes(png(size, size, draw(size)))
        print(out)


if __name__ == "__main__":
    main()
