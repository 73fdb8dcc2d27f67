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

from itbtimer.core.escaping import escaped
from itbtimer.core.limits import IMAGE_BYTES, IMAGE_FRAMES, IMAGE_PIXELS, IMAGE_SIDE
from itbtimer.core.routine import Picture, PictureKind

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


def picture_bytes(path: Path) -> bytes:
    """The picture at `path` read as `check_image` reads it (a regular file, within the
    limits, a whole PNG or GIF); ImageProblem otherwise. For whoever shows it later, when
    the file may have changed since the routine was checked."""
    data = _read(path, path.name, path.parent)
    _identify(data, path, path.name)
    return data


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

