""".doc, .wps, .odt and .rtf sources become .docx through LibreOffice (soffice --headless), so
one reader (read_docx) handles every word-processor format.

Each conversion runs in a private temporary folder, in its own process group with stdin closed,
and is killed as a group at the time limit. LibreOffice's user profile costs seconds to create on
first start, so profiles are kept under the temporary folder and reused; each one is held by an
exclusive file lock while in use, because two soffice processes sharing a profile hand their work
to each other instead of running side by side.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pingan_writer.errors import SourceError
from pingan_writer.sources.sniff import is_encrypted, is_truncated

CONVERTIBLE = {"doc": ".doc", "wps": ".wps", "odt": ".odt", "rtf": ".rtf"}
MAX_OUTPUT_BYTES = 256 * 1024 * 1024
PROFILE_SLOTS = 4  # concurrent conversions that reuse a warm profile; more get a throwaway one

INSTALL_MESSAGE = (
    "需要 LibreOffice 才能读取 .doc/.wps/.odt/.rtf 文件：在 Debian/Ubuntu/统信/麒麟上运行 "
    "sudo apt-get install -y libreoffice-writer，或在 Windows 上安装 LibreOffice；"
    "也可以在 Word/WPS 中另存为 .docx 后再导入"
)
_PASSWORD_MESSAGE = "文档设有密码，无法读取；请在 Word/WPS 中取消密码并另存为 .docx 后再导入"
_SOFFICE_NAMES = ("soffice", "libreoffice")
_FIXED_PLACES = (
    "/usr/lib/libreoffice/program/soffice",
    "/usr/lib64/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_WINDOWS_ROOTS = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
# LibreOffice's own chatter that says nothing about why a file failed.
_NOISE = re.compile(r"^(?:convert |Overwriting|javaldx|Warning: failed to launch javaldx)", re.I)


def find_soffice() -> str | None:
    """The LibreOffice executable: on PATH, else in the usual install folders, else None."""
    for name in _SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    candidates = list(_FIXED_PLACES)
    candidates += sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)  # newest first
    if sys.platform == "win32":
        for var in _WINDOWS_ROOTS:
            root = os.environ.get(var)
            if root:
                candidates.append(str(Path(root) / "LibreOffice" / "program" / "soffice.exe"))
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def convert_to_docx(data: bytes, path: str, fmt: str, timeout: float = 90.0) -> bytes:
    """The .docx bytes LibreOffice makes from `data`, a `fmt` file ("doc", "wps", "odt" or
    "rtf", as sniff_format named it). `path` only names the file in error messages.
    Raises SourceError (Chinese) when LibreOffice is missing, the file is password-protected,
    the conversion fails or it runs past `timeout` seconds. Leaves no files or processes behind."""
    if fmt not in CONVERTIBLE:
        raise ValueError(f"convert_to_docx cannot convert {fmt!r}")
    if fmt in ("doc", "wps") and is_encrypted(data):
        raise SourceError(path, _PASSWORD_MESSAGE)
    if fmt in ("doc", "wps") and is_truncated(data):
        raise SourceError(path, "文件不完整或已损坏（可能在下载或复制时被截断），无法读取；请重新获取原文件")
    soffice = find_soffice()
    if soffice is None:
        raise SourceError(path, INSTALL_MESSAGE)
    work = Path(tempfile.mkdtemp(prefix="pingan-writer-convert-"))
    try:
        source = work / f"source{CONVERTIBLE[fmt]}"  # an ASCII name: safe on any command line
        source.write_bytes(data)
        outdir = work / "out"
        outdir.mkdir()
        with _profile() as profile:
            stderr = _run(soffice, profile, source, outdir, path, timeout)
        produced = outdir / "source.docx"
        size = produced.stat().st_size if produced.is_file() else 0
        if size == 0:
            raise SourceError(path, _failure(fmt, stderr))
        if size > MAX_OUTPUT_BYTES:
            raise SourceError(path, f"转换结果过大（{size // (1024 * 1024)} MB），已拒绝")
        return produced.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(soffice: str, profile: _Profile, source: Path, outdir: Path, path: str, timeout: float) -> str:
    """Run one conversion; return its stderr. Kills the whole process group at the limit."""
    cmd = [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nologo",
        "--nodefault",
        f"-env:UserInstallation={profile.folder.as_uri()}",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(outdir),
        str(source),
    ]
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=outdir,
            **_group_options(),
        )
    except OSError as exc:
        raise SourceError(path, f"无法启动 LibreOffice（{exc.strerror or exc}）") from exc
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        _reap(proc)
        profile.spoiled = True  # a profile killed mid-write may be half-written
        raise SourceError(path, f"转换超时（{timeout:g} 秒），文件可能已损坏") from exc
    except BaseException:  # KeyboardInterrupt and the like: never leave soffice running
        _kill_group(proc)
        _reap(proc)
        profile.spoiled = True
        raise
    return err.decode("utf-8", errors="replace")


def _group_options() -> dict[str, object]:
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
        return {"creationflags": flags}
    return {"start_new_session": True}


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill soffice and everything it started (the launcher script, oosplash, soffice.bin)."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(proc.pid)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            creationflags=subprocess.CREATE_NO_WINDOW,
        )
        proc.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # the group id is the child's pid (new session)


def _reap(proc: subprocess.Popen[bytes]) -> None:
    """Collect the killed child. Should anything it started have escaped the group and still
    hold the pipes, stop reading them rather than wait forever."""
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
        proc.wait()


def _failure(fmt: str, stderr: str) -> str:
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip() and not _NOISE.match(ln.strip())]
    reason = lines[-1][:120] if lines else "没有生成 .docx"
    hint = "文件可能已损坏，或文档可能设有密码" if fmt in ("doc", "wps") else "文件可能已损坏"
    return f"LibreOffice 未能把文件转换为 .docx（{reason}），{hint}"


# ---- reusable LibreOffice profiles ------------------------------------------------------


class _Profile:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.spoiled = False


@contextlib.contextmanager
def _profile() -> Iterator[_Profile]:
    """A LibreOffice profile folder for one conversion: a free reusable slot when there is one,
    else a throwaway folder. A slot whose soffice was killed is deleted so the next run starts clean."""
    base = _profile_base()
    if base is not None:
        for slot in range(PROFILE_SLOTS):
            lock = _try_lock(base / f"slot-{slot}.lock")
            if lock is None:
                continue
            profile = _Profile(base / f"slot-{slot}")
            try:
                yield profile
            finally:
                if profile.spoiled:
                    shutil.rmtree(profile.folder, ignore_errors=True)
                lock.close()  # closing the file releases the lock
            return
    folder = Path(tempfile.mkdtemp(prefix="pingan-writer-lo-profile-"))
    try:
        yield _Profile(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _profile_base() -> Path | None:
    """tempfile.gettempdir()/pingan-writer-lo-<user>, private to this user; None when it cannot
    be made safe (another user owns it, or it is a symlink), and a throwaway profile is used."""
    user = (
        str(os.getuid()) if hasattr(os, "getuid") else re.sub(r"\W", "_", os.environ.get("USERNAME", "user"))
    )
    base = Path(tempfile.gettempdir()) / f"pingan-writer-lo-{user}"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        info = base.lstat()
    except OSError:
        return None
    if base.is_symlink() or not base.is_dir():
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return base


def _try_lock(lock_path: Path) -> IO[bytes] | None:
    """An open file holding an exclusive lock on `lock_path`, or None when another conversion
    (in this or another process) holds it."""
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - the caller closes it to release the lock
    except OSError:
        return None
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle
