"""The library's SQLite connection: every database failure a user can meet becomes a LibraryError.

Everything that queries the library (the store, search, keywords, the reuse index) goes through
this connection, so a damaged page met in the middle of a search, a full disk during an import
or a read-only file reaches the user as one Chinese line, never a traceback. A damaged database
is closed and moved aside (never deleted) the moment it is found, as a damaged header is at open.
SQL errors of our own making (SQLITE_ERROR, constraints) are bugs and stay sqlite3 errors."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from pingan_writer.errors import PinganError


class LibraryError(PinganError):
    """The library file cannot be used (corrupt, foreign, from a newer version, unwritable)."""


class LibraryBusy(LibraryError):
    """Another process holds the library's lock past the busy timeout (or SQLite gave up at
    once, as it does while another process creates or switches the file to WAL)."""


BUSY_REASON = "资料库正被其他程序占用，请稍后再试"


class LibraryDamaged(LibraryError):
    """The library file is damaged; it has been moved aside and the next open starts afresh."""


# Primary SQLite result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26
_READONLY_DBMOVED = 1032
_CONSTRAINT_FOREIGNKEY = 787  # every reference cascades: a broken one means damaged pages

# What a query on a damaged file can raise: SQLite's errors, and Python's own when the text of
# an error message or of the schema is not UTF-8.
_FAILURES = (sqlite3.DatabaseError, UnicodeDecodeError)


def can_write(path: Path) -> bool:
    """Whether this process may write `path` (a file or a folder)."""
    return os.access(path, os.W_OK)


class LibraryConnection(sqlite3.Connection):
    """sqlite3.Connection whose cursors turn SQLite failures into LibraryError."""

    path: Path
    read_only: str | None  # why the library cannot be written ("资料库文件只读"), None if it can
    broken: LibraryError | None  # set once the file was found damaged and moved aside

    def setup(self, path: Path, read_only: str | None) -> None:
        self.path, self.read_only, self.broken = path, read_only, None

    def cursor(self, factory: Any = None) -> sqlite3.Cursor:
        if self.broken is not None:
            raise LibraryDamaged(self.broken.path, self.broken.reason)
        return super().cursor(factory or GuardedCursor)

    # sqlite3.Connection.execute does not go through cursor(); these do.
    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        return self.cursor().executescript(script)


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose every call that reaches the database translates its failures."""

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except _FAILURES as exc:
            raise translate(self.connection, exc) from exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except _FAILURES as exc:
            raise translate(self.connection, exc) from exc

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        try:
            return super().executescript(script)
        except _FAILURES as exc:
            raise translate(self.connection, exc) from exc

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except _FAILURES as exc:
            raise translate(self.connection, exc) from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except _FAILURES as exc:
            raise translate(self.connection, exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except _FAILURES as exc:
            raise translate(self.connection, exc) from exc

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except _FAILURES as exc:
            raise translate(self.connection, exc) from exc


def _code(exc: BaseException) -> tuple[int | None, int | None]:
    code = getattr(exc, "sqlite_errorcode", None)
    return (code & 0xFF if code is not None else None), code


def is_damage(exc: BaseException) -> bool:
    """Whether `exc` says the database file itself is damaged (not merely unreachable)."""
    if isinstance(exc, UnicodeDecodeError):
        return True
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.ProgrammingError):
        return False
    primary, code = _code(exc)
    if primary is not None:
        return primary in (_CORRUPT, _NOTADB) or code == _CONSTRAINT_FOREIGNKEY
    # Raised by Python, not SQLite (no code): garbage in a text column, or an injected error.
    text = str(exc)
    return "Could not decode to UTF-8" in text or "malformed" in text or "not a database" in text


def describe(exc: BaseException, read_only: str | None = None) -> str | None:
    """The Chinese reason for an SQLite failure a user can meet, None for our own SQL bugs."""
    primary, code = _code(exc)
    text = str(exc)
    if primary == _FULL or (primary is None and "disk is full" in text):
        return "磁盘空间不足，无法写入资料库，资料库未改动"
    if code == _READONLY_DBMOVED:
        return "资料库文件在使用中被移动或删除，请重新打开后再试"
    if primary == _READONLY or (primary is None and "readonly database" in text):
        return f"{read_only or '资料库文件只读'}，无法写入，资料库未改动"
    if primary in (_BUSY, _LOCKED) or (primary is None and "database is locked" in text):
        return BUSY_REASON
    if primary == _IOERR or (primary is None and "disk I/O error" in text):
        return "读写资料库时磁盘出错，资料库未改动"
    if primary in (_CANTOPEN, _PERM) or (primary is None and "unable to open" in text):
        return f"无法打开资料库文件（{read_only or '没有读写权限或文件夹不可用'}）"
    return None


def translate(conn: sqlite3.Connection, exc: sqlite3.DatabaseError | UnicodeDecodeError) -> BaseException:
    """The error to raise instead of `exc`: a LibraryError when a user can act on it (a damaged
    file is moved aside first), else `exc` itself."""
    if not isinstance(conn, LibraryConnection) or isinstance(exc, sqlite3.ProgrammingError):
        return exc
    if is_damage(exc):
        return quarantine(conn, exc)
    reason = describe(exc, conn.read_only)
    if reason == BUSY_REASON:
        return LibraryBusy(conn.path, reason)
    return LibraryError(conn.path, reason) if reason else exc


def quarantine(conn: LibraryConnection, exc: BaseException) -> LibraryDamaged:
    """Close `conn`, move its damaged file aside and remember it: every later query on this
    connection raises the same LibraryDamaged, so nothing writes to the moved file."""
    if conn.broken is not None:
        return LibraryDamaged(conn.broken.path, conn.broken.reason)
    with suppress(sqlite3.Error):  # closing a damaged database may fail; the move does not need it
        conn.close()
    error = LibraryDamaged(conn.path, damaged_reason(conn.path, exc))
    conn.broken = error
    return error


def _short(exc: BaseException | str) -> str:
    """SQLite's words for the damage, without the garbage bytes a bad text column quotes."""
    text = str(exc).split(" with text ", 1)[0]
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= 80 else text[:80] + "…"


def damaged_reason(path: Path, exc: BaseException | str) -> str:
    """Move the damaged library at `path` aside and say so (or say why it could not be moved)."""
    try:
        moved = move_aside(path)
    except OSError as err:
        return (
            f"资料库文件已损坏（{_short(exc)}），且无法移走（{err.strerror or err}）；"
            "请关闭程序后手动移走该文件，或用 --library 指定另一个资料库"
        )
    return f"资料库文件已损坏或不是资料库（{_short(exc)}）。原文件已移至 {moved}，再次打开将新建空资料库"


def move_aside(path: Path) -> Path:
    """Rename a damaged library (and its -wal/-shm companions) out of the way; never delete."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target
