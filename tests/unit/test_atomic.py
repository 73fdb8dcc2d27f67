"""write_atomic: the one way a file is written whole or not at all."""

from __future__ import annotations

import os
import stat

import pytest

from itbtimer.atomic import write_atomic


def test_text_and_bytes_are_written_whole_and_nothing_else_is_left(tmp_path):
    target = tmp_path / "deep" / "settings.json"
    write_atomic(target, "{\"flash\": false}\r\n")
    assert target.read_bytes() == b"{\"flash\": false}\r\n"  # line endings as given
    write_atomic(target, b"RIFF")
    assert target.read_bytes() == b"RIFF"
    assert os.listdir(target.parent) == ["settings.json"]


def test_the_file_and_then_its_folder_are_synced_before_and_after_the_rename(tmp_path,
                                                                             monkeypatch):
    target = tmp_path / "a.json"
    synced: list[tuple[str, bool]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file",
                       target.exists()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(target, "x")
    assert synced == [("file", False), ("folder", True)]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "recent.json"
    target.write_text("old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["recent.json"]


def test_an_existing_file_keeps_its_permissions_a_new_one_follows_the_umask(tmp_path):
    kept = tmp_path / "mine.yaml"
    kept.write_text("a")
    kept.chmod(0o640)
    write_atomic(kept, "b")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.yaml", "c")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644
