"""atomic_write on a real folder: the new content whole, or the old content untouched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from simtrain.atomic import PRIVATE, SHARED, atomic_write


def leftovers(folder: Path, keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


def test_writes_text_as_utf8_without_newline_translation(tmp_path: Path) -> None:
    path = tmp_path / "it.yaml"
    atomic_write(path, "uno\ndue: «tre»\n", mode=SHARED)
    assert path.read_bytes() == "uno\ndue: «tre»\n".encode()
    assert leftovers(tmp_path, "it.yaml") == []


def test_replaces_existing_content_and_accepts_bytes(tmp_path: Path) -> None:
    path = tmp_path / "codes.json"
    path.write_text("old", encoding="utf-8")
    atomic_write(path, b'{"alpha": "K7PQ"}')
    assert path.read_bytes() == b'{"alpha": "K7PQ"}'
    assert leftovers(tmp_path, "codes.json") == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_private_is_owner_only_and_shared_follows_the_umask(tmp_path: Path) -> None:
    """Join codes must not be readable by others; a translation file is made like any file."""
    before = os.umask(0o022)
    try:
        atomic_write(tmp_path / "codes.json", "{}", mode=PRIVATE)
        atomic_write(tmp_path / "it.yaml", "x", mode=SHARED)
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "codes.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "it.yaml").stat().st_mode) == 0o644


def test_text_that_cannot_be_encoded_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "it.yaml"
    path.write_text("kept\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(path, "half \ud800 a surrogate")
    assert path.read_text(encoding="utf-8") == "kept\n"
    assert leftovers(tmp_path, "it.yaml") == []


def test_a_failing_disk_mid_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file got some bytes, then the flush to disk failed (a full disk, say)."""
    path = tmp_path / "read.json"
    path.write_text('["old"]', encoding="utf-8")

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(path, '["old", "new"]')
    assert path.read_text(encoding="utf-8") == '["old"]'
    assert leftovers(tmp_path, "read.json") == []


def test_a_missing_folder_is_an_error_not_a_new_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "absent" / "x.json", "{}")
    assert leftovers(tmp_path, "") == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_none_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    """A translator's document keeps the bits they gave it, umask or not."""
    path = tmp_path / "docs" / "brief.it.md"
    path.parent.mkdir()
    path.write_text("old", encoding="utf-8")
    path.chmod(0o664)
    before = os.umask(0o022)
    try:
        atomic_write(path, "<!-- src: 1 -->\nold", mode=None)
        atomic_write(tmp_path / "new.md", "fresh", mode=None)
    finally:
        os.umask(before)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert path.read_text(encoding="utf-8") == "<!-- src: 1 -->\nold"
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644
