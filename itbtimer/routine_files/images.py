"""An exercise's `image:`: a PNG or GIF file beside the routine, checked when the routine is
read, so the window only ever shows a picture that is there and is one.

Only a regular file is read (a named pipe would wait forever, a device never ends), at
most IMAGE_BYTES of it; Pillow says whether it really is a PNG or GIF, how large it is
and how many frames it has (core/limits.py sets what the window will hold).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.core.escaping import escaped
from itbtimer.core.limits import IMAGE_BYTES, IMAGE_FRAMES, IMAGE_PIXELS, IMAGE_SIDE
from itbtimer.core.routine import Picture, PictureKind
from itbtimer.errors import ItbtimerError

KINDS = {"PNG": PictureKind.PNG, "GIF": PictureKind.GIF}
# what other pictures' files start with, to say what they are
OTHER_KINDS = ((b"\xff\xd8\xff", "a JPEG"), (b"RIFF", "a WebP"), (b"<svg", "an SVG"),
               (b"<?xml", "an SVG"), (b"BM", "a BMP"))
SAVE_AS = "save it as PNG (or GIF, to move) and name that file"


class ImageProblem(Exception):
    """What is wrong with an image, in the person's words."""


def check_image(folder: Path, written: str) -> Picture:
    """The picture `written` (a path, relative to the routine's `folder` or absolute) is;
    ImageProblem saying what is wrong otherwise."""
    path = folder / written
    data = _read(path, written, folder)
    return _identify(data, path, written)


def _read(path: Path, written: str, folder: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ImageProblem(f"there is no file '{escaped(written)}' in {escaped(str(folder))} "
                           "(an image goes beside the routine file)") from None
    except IsADirectoryError:
        raise ImageProblem(f"'{escaped(written)}' is a folder, not an image") from None
    except OSError as exc:
        raise ImageProblem(f"'{escaped(written)}' cannot be read "
                           f"({escaped(exc.strerror or str(exc))})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImageProblem(f"'{escaped(written)}' is a folder, not an image")
        if not stat.S_ISREG(info.st_mode):
            raise ImageProblem(f"'{escaped(written)}' is not a file (a device, a pipe or a "
                               "socket); an image is a PNG or GIF file")
        if info.st_size > IMAGE_BYTES:
            raise ImageProblem(f"'{escaped(written)}' is {info.st_size / 1e6:.1f} MB; an "
                               f"image may be at most {IMAGE_BYTES / 1e6:.0f} MB")
        with os.fdopen(fd, "rb") as file:
            fd = -1
            data = file.read(IMAGE_BYTES + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > IMAGE_BYTES:  # it grew while it was read
        raise ImageProblem(f"'{escaped(written)}' is over {IMAGE_BYTES / 1e6:.0f} MB")
    return data


def _identify(data: bytes, path: Path, written: str) -> Picture:
    from PIL import Image, UnidentifiedImageError  # only for routines that have images

    other = next((what for start, what in OTHER_KINDS if data.startswith(start)), None)
    if other is not None:
        raise ImageProblem(f"'{escaped(written)}' is {other} image; {SAVE_AS} here")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = KINDS.get(str(image.format))
            if kind is None:
                raise ImageProblem(f"'{escaped(written)}' is a {image.format} image; "
                                   f"{SAVE_AS} here")
            width, height = image.size
            frames = int(getattr(image, "n_frames", 1))
            _limits(written, width, height, frames)
            image.seek(frames - 1)  # the frames are all there
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ImageProblem(f"'{escaped(written)}' is not a PNG or GIF image") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ImageProblem(f"'{escaped(written)}' is a damaged image (it cannot be read to "
                           "its end)") from None
    return Picture(os.path.abspath(path), kind, width, height, frames)


def _limits(written: str, width: int, height: int, frames: int) -> None:
    if width > IMAGE_SIDE or height > IMAGE_SIDE:
        raise ImageProblem(f"'{escaped(written)}' is {width}×{height} pixels; an image may be "
                           f"at most {IMAGE_SIDE}×{IMAGE_SIDE}")
    if frames > IMAGE_FRAMES:
        raise ImageProblem(f"'{escaped(written)}' has {frames} frames; an animation may have "
                           f"at most {IMAGE_FRAMES}")
    if width * height * frames > IMAGE_PIXELS:
        raise ImageProblem(f"'{escaped(written)}' is {width}×{height} pixels in {frames} "
                           "frames, too much to hold; make it smaller or shorter")


def copy_pictures(origin: Path, folder: Path) -> list[Path]:
    """A copy of the routine `origin` is written into `folder`: the images it names beside
    it go there too (whole or not at all, each), so the copy shows them as well. An image
    named by an absolute path is found from anywhere and stays where it is; one already
    in `folder` is kept. The copies made."""
    from itbtimer.routine_files.loader import load_routine

    try:
        routine = load_routine(origin)
    except ItbtimerError:
        return []  # the copy will say what is wrong, as the original does
    home = Path(os.path.abspath(origin.parent))
    made = []
    for section in routine.sections:
        for exercise in section.exercises:
            picture = exercise.image
            if picture is None or not Path(picture.path).is_relative_to(home):
                continue
            target = folder / Path(picture.path).relative_to(home)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, Path(picture.path).read_bytes())
            made.append(target)
    return made
