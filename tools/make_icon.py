"""Write itbtimer/assets/icon.png: a 64x64 stopwatch face (a tiny PNG writer, no dependencies)."""

from __future__ import annotations

import math
import struct
import sys
import zlib
from pathlib import Path

SIZE = 64


def pixel(x: int, y: int) -> tuple[int, int, int, int]:
    cx = cy = SIZE / 2
    dx, dy = x + 0.5 - cx, y + 0.5 - cy + 3
    r = math.hypot(dx, dy)
    if r > 28:
        if abs(dx) < 4 and -33 < dy < -27:
            return (240, 240, 240, 255)  # the crown
        return (0, 0, 0, 0)
    if r > 24:
        return (31, 122, 58, 255)  # green rim
    # hand pointing to "3 o'clock minus a bit"
    angle = math.atan2(dy, dx)
    if (r < 20 and abs(angle - (-math.pi / 4)) < 0.12) or r < 3:
        return (31, 122, 58, 255)
    return (250, 250, 250, 255)


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "itbtimer/assets/icon.png")
    rows = [bytes(c for x in range(SIZE) for c in pixel(x, y)) for y in range(SIZE)]
    out.write_bytes(png(SIZE, SIZE, rows))
    print(out)


if __name__ == "__main__":
    main()
