"""Atomic file writes: nothing a user wrote is lost when a save or export fails half-way.

A replaced file keeps its permission bits, and so does its .bak; a new file gets the mode any
program would give it (0o666 less the umask), not the 0o600 of the temporary file it starts as."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

from pingan_writer.errors import PinganError


def _umask_at_import() -> int:
    # os.umask can only be read by setting it; doing that once, here, while importing, keeps the
    # window in which another thread could create a file under the wrong umask as small as it
    # gets. Used only where /proc/self/status cannot be read (not Linux).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_IMPORT_UMASK = _umask_at_import()


def current_umask() -> int:
    """The process's umask, read without changing it (Linux's /proc/self/status "Umask:", which
    is safe in any thread); elsewhere the umask as it was when this module was imported."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _IMPORT_UMASK


def _mode_for(path: Path, new_mode: int | None) -> int:
    """The permission bits the written file should have: the existing file's, else `new_mode`,
    else the default."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode) & 0o777
    except OSError:
        return new_mode if new_mode is not None else 0o666 & ~current_umask()


def _chmod(fd: int, name: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # Windows before Python 3.13: only the read-only bit means anything there
        os.chmod(name, mode)


def atomic_write(
    path: Path,
    data: bytes,
    keep_backup: bool = True,
    error: type[PinganError] = PinganError,
    new_mode: int | None = None,
) -> None:
    """Temporary file beside the target, flush, fsync, keep the old file as .bak, replace.
    On any failure the target is as it was and the temporary files are removed. The result has
    the old file's permission bits; a new file gets `new_mode` when given (0o600 for files only
    the user should read), else 0o666 less the umask."""
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path, new_mode)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(path, f"无法在该文件夹中写入（{os_reason(exc)}）") from exc
    tmp = Path(tmp_name)
    leftovers = [tmp]
    try:
        with os.fdopen(fd, "wb") as f:
            # mkstemp creates 0o600; the mode is set before the data is written so the content is
            # never readable by anyone the finished file would not let read it.
            _chmod(f.fileno(), tmp_name, mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if keep_backup and path.exists():
            leftovers.append(_backup(path, folder))
        os.replace(tmp, path)
    except OSError as exc:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise error(path, f"保存失败（{os_reason(exc)}），原文件未改动") from exc
    _fsync_dir(folder)


def _backup(path: Path, folder: Path) -> Path:
    """Copy `path` to NAME.bak (atomically, with its mode and times); returns the temporary
    name used, which no longer exists once this returns normally."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak-tmp", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        shutil.copystat(path, tmp)  # permission bits and times of the old file
        os.replace(tmp, path.with_name(path.name + ".bak"))
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


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
