"""Draw routines/banana-stretch.gif: a stick figure doing the banana stretch (the right leg
crossed behind the left, arms overhead, bending towards the back foot and back), white on
transparent so it sits on every phase colour. Run: python tools/draw_banana.py [OUT]."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 160
FRAMES = 10
FRAME_MS = 300  # three seconds a bend and back, slowly
BEND = math.radians(26)  # the deepest lean
PALETTE = [0, 0, 0, 255, 255, 255, 190, 200, 210]  # 0 transparent, 1 white, 2 the back leg
WIDTH = 7


def point(origin: tuple[float, float], angle: float, length: float) -> tuple[float, float]:
    """`length` up from `origin`, leaning `angle` (radians, positive: to the picture's left)."""
    return origin[0] - length * math.sin(angle), origin[1] - length * math.cos(angle)


def frame(lean: float) -> Image.Image:
    image = Image.new("P", (SIZE, SIZE), 0)
    image.putpalette(PALETTE)
    draw = ImageDraw.Draw(image)
    hip = (SIZE / 2 + 10 * lean / BEND, 100.0)  # the hips push out as the body bends
    ground = SIZE - 8
    draw.line([(hip[0] + 3, hip[1]), (SIZE / 2 - 20, ground)], fill=2, width=WIDTH)  # behind
    draw.line([(hip[0] - 3, hip[1]), (SIZE / 2 + 14, ground)], fill=1, width=WIDTH)
    shoulder = point(hip, lean, 38)
    draw.line([hip, shoulder], fill=1, width=WIDTH)
    head = point(shoulder, lean * 1.2, 15)
    draw.ellipse([head[0] - 10, head[1] - 10, head[0] + 10, head[1] + 10], fill=1)
    for side in (-1, 1):  # both arms overhead, round the head, hands together
        elbow = point(shoulder, lean * 1.3 - 0.75 * side, 28)
        hands = point(shoulder, lean * 1.5, 54)
        draw.line([shoulder, elbow, hands], fill=1, width=WIDTH - 2, joint="curve")
    return image


def main(out: Path) -> None:
    leans = [BEND * (1 - math.cos(2 * math.pi * n / FRAMES)) / 2 for n in range(FRAMES)]
    frames = [frame(lean) for lean in leans]
    frames[0].save(out, save_all=True, append_images=frames[1:], duration=FRAME_MS, loop=0,
                   disposal=2, transparency=0, optimize=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else
         Path(__file__).parents[1] / "routines" / "banana-stretch.gif")
