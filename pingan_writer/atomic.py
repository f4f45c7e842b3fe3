"""Atomic file writes: nothing a user wrote is lost when a save or export fails half-way."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from pingan_writer.errors import PinganError


def atomic_write(
    path: Path, data: bytes, keep_backup: bool = True, error: type[PinganError] = PinganError
) -> None:
    """Temporary file beside the target, flush, fsync, keep the old file as .bak, replace.
    On any failure the target is as it was and the temporary file is removed."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(path, f"无法在该文件夹中写入（{os_reason(exc)}）") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if keep_backup and path.exists():
            backup = path.with_name(path.name + ".bak")
            shutil.copy2(path, tmp.with_suffix(".bak-tmp"))
            os.replace(tmp.with_suffix(".bak-tmp"), backup)
        os.replace(tmp, path)
    except OSError as exc:
        for leftover in (tmp, tmp.with_suffix(".bak-tmp")):
            leftover.unlink(missing_ok=True)
        raise error(path, f"保存失败（{os_reason(exc)}），原文件未改动") from exc
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the data itself is already on disk
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_REASONS = {
    errno.ENOENT: "文件夹不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘是只读的",
    errno.EDQUOT: "超出磁盘配额",
    errno.EIO: "磁盘读写错误",
    errno.ENAMETOOLONG: "文件名太长",
}


def os_reason(exc: OSError) -> str:
    """The Chinese words for the common OS errors; the system's text for the rest."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
