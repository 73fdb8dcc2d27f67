"""An exercise's picture on the real window (issue 22): beside the countdown, an animated GIF
moves on the window's timers (fake time here), a PNG stands still, a step without one shows
none and schedules nothing, and a picture gone since the check is simply not shown."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PIL import Image

from tests.integration.gui_helpers import Harness

pytestmark = pytest.mark.gui

ROUTINE = """\
name: Pictures
defaults: {get_ready: 3, switch: 2}
sections:
  - name: Stretch
    rest: 10s
    exercises:
      - {name: Bend, work: 30s, image: bend.gif, cue: Slowly}
      - {name: Squat, work: 30s, image: squat.png}
      - {name: Plank, work: 30s}
      - {name: Skip, work: 30s, image: fast.gif}
"""


def draw(tmp_path) -> None:
    frames = [Image.new("RGB", (120, 90), (40 * n, 200, 90)) for n in range(4)]
    frames[0].save(tmp_path / "bend.gif", save_all=True, append_images=frames[1:],
                   duration=[300, 600, 300, 600], loop=0)
    frames[0].save(tmp_path / "fast.gif", save_all=True,
                   append_images=[*frames[1:], *frames[:2]], duration=100, loop=0)
    Image.new("RGB", (90, 120), "white").save(tmp_path / "squat.png")


@pytest.fixture
def ui(xdisplay, tmp_path):
    draw(tmp_path)
    harness = Harness(tmp_path, ROUTINE)
    harness.root.geometry("1366x768")
    harness.root.update()
    yield harness
    harness.close()
    assert harness.errors == []


def go_to(ui: Harness, name: str, kind: str = "work") -> None:
    while (ui.window.workout.view().step.name, ui.window.workout.view().step.kind) != (
            name, kind):
        ui.key("Right")
    ui.settle()


def test_an_animated_gif_moves_beside_the_countdown_at_its_own_pace(ui):
    ui.key("space")
    go_to(ui, "Bend")
    picture = ui.window.runner.screen.picture
    assert picture.label.winfo_ismapped() and picture.moving
    clock = ui.window.runner.screen.clock
    assert picture.label.winfo_rootx() >= clock.winfo_rootx() + clock.winfo_width()  # beside
    width, height = picture.label.winfo_width(), picture.label.winfo_height()
    assert abs(width / height - 120 / 90) < 0.03  # its shape kept
    first = picture.image
    before = picture.swaps
    seen = []
    for _ in range(36):  # 300 + 600 + 300 + 600 ms a loop (1.8 s): two loops in 3.6 s
        ui.advance(0.1)
        seen.append(picture.image)
    assert seen[17] == seen[35] == first  # back at its first frame after each loop
    assert len(set(seen)) == 4  # every frame shown
    assert picture.swaps - before == 8  # each at its own delay


def test_a_fast_gif_keeps_its_pace_with_fewer_frames_drawn(ui):
    """Six frames of 100 ms: at most SWAP_MS apart they are drawn (the CPU budget), frames
    skipped, and the loop still takes its 0.6 s."""
    from itbtimer.gui.picture import SWAP_MS

    ui.key("space")
    go_to(ui, "Skip")
    picture = ui.window.runner.screen.picture
    first, before = picture.image, picture.swaps
    seen = []
    for _ in range(36):
        ui.advance(0.1)
        seen.append(picture.image)
    assert seen[5] == seen[11] == seen[35] == first  # every 0.6 s: its own loop
    assert picture.swaps - before <= 3600 // SWAP_MS + 1


def test_a_png_stands_still_and_a_step_without_a_picture_shows_none(ui):
    ui.key("space")
    go_to(ui, "Squat")
    picture = ui.window.runner.screen.picture
    assert picture.label.winfo_ismapped() and not picture.moving
    go_to(ui, "Plank")
    assert not picture.label.winfo_ismapped() and not picture.moving


def test_the_rest_shows_the_coming_exercises_picture(ui):
    ui.key("space")
    go_to(ui, "Rest", "rest")  # the rest before the squat
    picture = ui.window.runner.screen.picture
    assert picture.label.winfo_ismapped() and not picture.moving
    assert ui.window.runner.screen.title.cget("text") == "Squat"


def test_no_room_no_picture_and_nothing_scheduled(ui):
    ui.root.geometry("640x400")
    ui.root.update()
    ui.key("space")
    go_to(ui, "Bend")
    picture = ui.window.runner.screen.picture
    if picture.label.winfo_ismapped():  # shown: it is at least the least share of the height
        assert picture.label.winfo_height() >= 0.12 * 400
    else:
        assert not picture.moving


def test_a_picture_gone_since_the_check_is_not_shown(ui, tmp_path):
    (tmp_path / "bend.gif").unlink()
    ui.key("space")
    go_to(ui, "Bend")
    picture = ui.window.runner.screen.picture
    assert not picture.label.winfo_ismapped() and not picture.moving


def test_paused_the_picture_stands_still_and_moves_again_on_resume(ui):
    ui.key("space")
    go_to(ui, "Bend")
    picture = ui.window.runner.screen.picture
    ui.key("space")  # pause
    assert not picture.moving
    swaps, image = picture.swaps, picture.image
    ui.advance(2.0)
    assert (picture.swaps, picture.image) == (swaps, image)
    ui.key("space")
    ui.advance(1.0)
    assert picture.moving and picture.swaps > swaps


@pytest.mark.parametrize("swap", ["fifo", "huge"])
def test_a_picture_swapped_since_the_check_for_a_pipe_or_a_huge_image_is_not_shown(
        ui, tmp_path, swap):
    """The window reads the picture again when it shows it, as the check read it: a named
    pipe put in its place would hang the window at open(), a 3000-pixel image go past the
    limits the check holds it to."""
    (tmp_path / "bend.gif").unlink()
    if swap == "fifo":
        os.mkfifo(tmp_path / "bend.gif")
    else:
        Image.new("RGB", (3000, 10), "white").save(tmp_path / "bend.gif", format="GIF")
    ui.key("space")
    go_to(ui, "Bend")
    picture = ui.window.runner.screen.picture
    assert not picture.label.winfo_ismapped() and not picture.moving
    go_to(ui, "Squat")  # the next picture still shows
    assert picture.label.winfo_ismapped()


def test_the_window_starts_without_loading_pillow():
    """Pillow loads with the first picture shown, not with every window."""
    program = ("import sys, itbtimer.gui.launch, itbtimer.gui.running; "
               "print(sorted(m for m in sys.modules if m == 'PIL' or m.startswith('PIL.')))")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.strip() == "[]"
