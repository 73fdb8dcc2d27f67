"""An exercise's `image:` (issue 22): a PNG or GIF beside the routine, checked when it is read;
anything else is a routine mistake on its line, in words a person can act on."""

from __future__ import annotations

import io
import json
import os

import pytest
from PIL import Image

from itbtimer.core.limits import IMAGE_BYTES, IMAGE_FRAMES
from itbtimer.core.plan import build_plan
from itbtimer.core.routine import PictureKind
from itbtimer.errors import RoutineError
from itbtimer.routine_files import load_routine

ROUTINE = """\
name: Pictures
sections:
  - name: Stretch
    exercises:
      - name: Banana stretch
        image: {image}
        work: 30s
"""


def routine_with(tmp_path, image: str):
    path = tmp_path / "r.yaml"
    path.write_text(ROUTINE.format(image=image))
    return path


def gif(path, frames: int = 3, size: tuple[int, int] = (40, 30)) -> None:
    images = [Image.new("RGB", size, (n % 256, n // 256, 90)) for n in range(frames)]
    images[0].save(path, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)


def mistake(tmp_path, image: str) -> tuple[int | None, str]:
    with pytest.raises(RoutineError) as caught:
        load_routine(routine_with(tmp_path, image))
    [problem] = caught.value.problems
    assert problem.field == "sections[0].exercises[0].image"
    return problem.line, problem.message


def test_an_animated_gif_beside_the_routine_is_read_with_its_frames(tmp_path):
    gif(tmp_path / "bend.gif", frames=5)
    routine = load_routine(routine_with(tmp_path, "bend.gif"))
    picture = routine.sections[0].exercises[0].image
    assert picture is not None
    assert (picture.kind, picture.width, picture.height, picture.frames) == (
        PictureKind.GIF, 40, 30, 5)
    assert picture.path == os.path.abspath(tmp_path / "bend.gif")
    assert picture.describe() == "bend.gif (GIF, 40×30, animated: 5 frames)"
    plan = build_plan(routine)
    assert plan.steps[1].image == picture  # the work step carries it
    listed = json.loads(json.dumps(plan.to_json()))["exercises"][0]["image"]
    assert listed["file"] == "bend.gif" and listed["frames"] == 5
    assert "image: bend.gif (GIF, 40×30, animated: 5 frames)" in plan.describe()


def test_a_png_in_a_folder_beside_the_routine_is_read(tmp_path):
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (20, 10), "red").save(tmp_path / "pictures" / "squat.png")
    picture = load_routine(routine_with(tmp_path, "pictures/squat.png")
                           ).sections[0].exercises[0].image
    assert picture is not None and (picture.kind, picture.frames) == (PictureKind.PNG, 1)


def test_a_missing_image_is_a_mistake_on_its_line(tmp_path):
    line, message = mistake(tmp_path, "gone.gif")
    assert line == 6
    assert message.startswith("there is no file 'gone.gif' in ")


def test_what_is_no_png_or_gif_image_is_a_mistake_that_says_what_it_is(tmp_path):
    (tmp_path / "notes.gif").write_text("not a picture at all")
    assert mistake(tmp_path, "notes.gif")[1] == "'notes.gif' is not a PNG or GIF image"
    Image.new("RGB", (8, 8)).save(tmp_path / "photo.jpg")
    assert "'photo.jpg' is a JPEG image; save it as PNG" in mistake(tmp_path, "photo.jpg")[1]
    (tmp_path / "folder.png").mkdir()
    assert mistake(tmp_path, "folder.png")[1] == "'folder.png' is a folder, not an image"
    os.mkfifo(tmp_path / "pipe.gif")
    assert "is not a file (a device, a pipe or a socket)" in mistake(tmp_path, "pipe.gif")[1]


def test_a_damaged_gif_is_a_mistake(tmp_path):
    buffer = io.BytesIO()
    gif(buffer, frames=4)  # type: ignore[arg-type]
    (tmp_path / "cut.gif").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    message = mistake(tmp_path, "cut.gif")[1]
    assert message in ("'cut.gif' is a damaged image (it cannot be read to its end)",
                       "'cut.gif' is not a PNG or GIF image")


def test_an_image_too_large_to_hold_is_a_mistake(tmp_path):
    (tmp_path / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * IMAGE_BYTES)
    assert "an image may be at most 5 MB" in mistake(tmp_path, "big.png")[1]
    Image.new("1", (2500, 10)).save(tmp_path / "wide.png")
    assert "is 2500×10 pixels; an image may be at most 2000×2000" in mistake(
        tmp_path, "wide.png")[1]
    gif(tmp_path / "long.gif", frames=IMAGE_FRAMES + 1, size=(4, 4))
    assert f"an animation may have at most {IMAGE_FRAMES}" in mistake(tmp_path, "long.gif")[1]


def test_a_copy_of_a_routine_takes_its_images_along(tmp_path, monkeypatch):
    from itbtimer.routine_files.starter import copy_pictures

    (tmp_path / "pictures").mkdir()
    gif(tmp_path / "pictures" / "bend.gif")
    origin = routine_with(tmp_path, "pictures/bend.gif")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "r.yaml").write_text(origin.read_text())
    assert copy_pictures(origin, mine) == [mine / "pictures" / "bend.gif"]
    picture = load_routine(mine / "r.yaml").sections[0].exercises[0].image
    assert picture is not None and picture.path == os.path.abspath(mine / "pictures/bend.gif")
    assert copy_pictures(origin, mine) == []  # there already: kept


def test_itbtimer_new_from_the_banana_stretch_copies_its_picture(tmp_path, monkeypatch):
    from itbtimer.routine_files.starter import new_routine

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    made = new_routine("my-banana", "banana-stretch")
    assert (made.parent / "banana-stretch.gif").is_file()
    assert load_routine(made).sections[0].exercises[0].image is not None
