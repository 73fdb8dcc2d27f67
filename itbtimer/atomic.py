"""Writing a file whole or not at all, the one way every part of itbtimer does it.

A leaf module (standard library only): the history's pending records, the editor's
saving, the voice cache, the settings and the recent files all call `write_atomic`, so
a power cut or a full disk leaves the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from itbtimer.errors import WriteError

# What a name can point at that is no file to read or write, in the person's words.
NOT_FILES = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8, line endings as given) to `path` atomically.

    A temporary file in the same folder (a rename never crosses file systems), fsync,
    rename over the target, fsync of the folder (so the rename itself survives a crash).
    An existing file keeps its permissions; a new one gets the usual ones (umask).
    Raises OSError; the temporary file is gone either way.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = data.encode("utf-8") if isinstance(data, str) else data
    tmp, fd = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _temporary(path: Path) -> tuple[Path, int]:
    """A new file beside `path`, hidden and named so no reader takes it for the real one."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a platform without directory descriptors: the rename is all there is
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the file itself is synced
    finally:
        os.close(fd)


def write_asked(target: Path, data: bytes, what: str, example: str) -> Path:
    """Write `data` where the person asked (`-o FILE`: a report, a card, a calendar), whole
    or not at all; the path written, absolute. Never over something that is not a file (a
    folder, a named pipe, a device) and never into a folder that is not there (a mistyped
    -o made /nonexistent at the root of the disk): WriteError, in words, naming `what`
    ("the PDF") and an `example` file name ("report.pdf")."""
    _refuse_odd(target, what, example)
    folder = target.absolute().parent
    if not folder.exists():
        raise WriteError(f"{target}: the folder {folder} does not exist (no folder is made: "
                         "name one that is there)")
    try:
        write_atomic(target, data)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise WriteError(f"{target}: cannot write {what} there ({why})") from None
    return target.absolute()


def _refuse_odd(target: Path, what: str, example: str) -> None:
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(f"{target}: cannot write {what} there ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise WriteError(f"{target}: this is a folder; name the file to write "
                         f"(for example {target / example})")
    for test, kind in NOT_FILES:
        if test(mode):
            raise WriteError(f"{target}: this is {kind}, not a file: {what} goes to a file "
                             f"(for example -o {example})")
