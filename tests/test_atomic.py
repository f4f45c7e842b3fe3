"""atomic_write: the written file (and its .bak) keeps sane permission bits."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pingan_writer.atomic import atomic_write, current_umask
from pingan_writer.draft.fileformat import save_draft
from pingan_writer.draft.model import Draft
from pingan_writer.errors import PinganError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def test_replacing_a_file_keeps_its_mode_and_the_backup_keeps_it_too(tmp_path):
    target = tmp_path / "稿件.pingan"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with umask(0o022):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and mode(target) == 0o640
    backup = tmp_path / "稿件.pingan.bak"
    assert backup.read_bytes() == b"old" and mode(backup) == 0o640


def test_an_existing_private_file_stays_private(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    target.chmod(0o600)
    with umask(0o000):
        atomic_write(target, b"new")
    assert mode(target) == 0o600 and mode(tmp_path / "a.txt.bak") == 0o600


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_default_mode_under_the_umask(tmp_path, mask, expected):
    target = tmp_path / "new.docx"
    with umask(mask):
        atomic_write(target, b"data", keep_backup=False)
    assert mode(target) == expected


def test_a_private_new_file_can_be_asked_for_but_an_existing_file_keeps_its_mode(tmp_path):
    with umask(0o022):
        atomic_write(tmp_path / "private", b"x", keep_backup=False, new_mode=0o600)
        (tmp_path / "shared").write_bytes(b"old")
        (tmp_path / "shared").chmod(0o644)
        atomic_write(tmp_path / "shared", b"new", keep_backup=False, new_mode=0o600)
    assert mode(tmp_path / "private") == 0o600 and mode(tmp_path / "shared") == 0o644


def test_a_saved_draft_is_not_created_owner_only(tmp_path):
    with umask(0o022):
        out = save_draft(Draft("一、总体要求\n正文。\n"), tmp_path / "稿件.pingan")
    assert mode(out) == 0o644


def test_current_umask_reads_without_changing_it_in_any_thread():
    seen: list[int] = []
    with umask(0o027):
        worker = threading.Thread(target=lambda: seen.append(current_umask()))
        worker.start()
        worker.join()
        assert current_umask() == 0o027
        assert os.umask(0o027) == 0o027  # still what was set
    assert seen == [0o027]


def test_a_failed_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "missing-folder" / "a.txt"
    with pytest.raises(PinganError):
        atomic_write(target, b"x")
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    (tmp_path / "a.txt.bak").mkdir()  # the backup cannot replace a folder
    with pytest.raises(PinganError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.bak"]
