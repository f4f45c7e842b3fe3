"""Opening the library file safely: what a file is, told without writing a byte to it.

`identify` reads the application id, schema version and table names through a read-only
connection, so another program's database is refused exactly as it was (no WAL switch, no
backup, no recovery). `connect` makes the LibraryConnection every query goes through."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from pingan_writer.library.connection import (
    LibraryBusy,
    LibraryConnection,
    LibraryDamaged,
    LibraryError,
    damaged_reason,
    describe,
)
from pingan_writer.library.schema import APPLICATION_ID, CORE_COLUMNS, TABLES

COMPANIONS = ("-wal", "-shm", "-journal")
_FOREIGN = "这是其他程序的 SQLite 数据库，不是平安写作的资料库，未做任何改动"



class LibraryUnsettled(LibraryBusy):
    """A file that may be a library another process is creating this instant; an open tries
    again, and past its tries the user reads that it is another program's database."""


@dataclass(frozen=True, slots=True)
class Identity:
    """What the file says it is, read without writing anything."""

    app_id: int
    version: int
    tables: frozenset[str]
    columns: dict[str, frozenset[str]] = field(default_factory=dict)  # of the CORE_COLUMNS tables

    def kind(self, target: int) -> str:
        """What the file is to a program whose schema version is `target`: "new" (an empty
        file), "ours" (a library at `target` or older), "foreign", "newer" or "damaged" (our id
        but not our tables)."""
        if self.app_id == APPLICATION_ID:
            if self.version > target:
                return "newer"
            return "ours" if {"sources", "passages"} <= self.tables and self.columns_sound() else "damaged"
        if self.app_id == 0:
            if self.version == 0 and not self.tables:
                return "new"
            if self.version == 0:
                # Tables but no version: another program's database, or ours while another
                # process is creating it; asked again before it is refused.
                return "unsettled"
            if self.version in TABLES and TABLES[self.version] <= self.tables:
                # a library made before the application id was set; with other columns, some other
                # program's tables of the same names: refused, never moved aside
                return "ours" if self.columns_sound() else "foreign"
        return "foreign"

    def columns_sound(self) -> bool:
        return all(want <= self.columns.get(table, frozenset()) for table, want in CORE_COLUMNS.items())

    def current(self, target: int) -> bool:
        return self.app_id == APPLICATION_ID and self.version == target


def read_identity(conn: sqlite3.Connection) -> Identity:
    return Identity(
        conn.execute("PRAGMA application_id").fetchone()[0],
        conn.execute("PRAGMA user_version").fetchone()[0],
        frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")),
        {t: frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({t})")) for t in CORE_COLUMNS},
    )


def refuse(path: Path, identity: Identity, target: int) -> None:
    """Raise for a file that is not a library of schema version `target` or older."""
    kind = identity.kind(target)
    if kind == "unsettled":
        raise LibraryUnsettled(path, _FOREIGN)
    if kind == "foreign":
        raise LibraryError(path, _FOREIGN)
    if kind == "newer":
        raise LibraryError(
            path, f"资料库由更新版本的平安写作创建（结构版本 {identity.version}），请升级后再打开"
        )
    if kind == "damaged":
        raise LibraryDamaged(path, damaged_reason(path, "资料库的数据表缺失或结构已损坏"))


def connect(path: Path, read_only: str | None, params: str | None = None) -> LibraryConnection:
    """A LibraryConnection to `path`; with `params` through a URI (mode=ro, immutable=1)."""
    try:
        if params is None:
            conn = sqlite3.connect(path, timeout=10, isolation_level=None, factory=LibraryConnection)
        else:
            uri = f"{path.resolve().as_uri()}?{params}"
            conn = sqlite3.connect(uri, timeout=10, isolation_level=None, factory=LibraryConnection, uri=True)
    except sqlite3.Error as exc:
        raise LibraryError(path, describe(exc, read_only) or f"无法打开资料库（{exc}）") from exc
    conn.setup(path, read_only)
    return conn


def read_only_params(path: Path) -> str:
    """URI parameters to read `path` without writing: a WAL database with no -wal file (nobody
    is writing it) is read as immutable, so SQLite creates no -wal/-shm beside it, which a
    read-only folder would not allow anyway."""
    wal = path.with_name(path.name + "-wal")
    return "mode=ro" if wal.exists() or not _wal_header(path) else "mode=ro&immutable=1"


def _wal_header(path: Path) -> bool:
    # Bytes 18 and 19 of an SQLite header are 2 in WAL mode.
    try:
        with open(path, "rb") as f:
            head = f.read(20)
    except OSError:
        return False
    return head[:16] == b"SQLite format 3\x00" and head[18:20] == b"\x02\x02"


def identify(path: Path, read_only: str | None) -> Identity:
    """The file's identity through a read-only connection: nothing is written, no WAL switch,
    no recovery, so another program's file stays byte-for-byte as it was."""
    params = read_only_params(path)
    if "immutable" in params:
        # Without locks: a checkpoint starting in another process this instant could show a torn
        # page, so anything short of a clean answer is asked again through a locking connection.
        try:
            with closing(sqlite3.connect(f"{path.resolve().as_uri()}?{params}", uri=True)) as raw:
                return read_identity(raw)
        except (sqlite3.Error, UnicodeDecodeError):
            params = "mode=ro"
    conn = connect(path, read_only, params)
    try:
        return read_identity(conn)
    except LibraryDamaged:
        raise
    except LibraryError as exc:
        # A hot journal (a creation cut short) can only be rolled back by a writer: identify
        # through a normal connection then, as any SQLite program would.
        if read_only is not None or not isinstance(exc.__cause__, sqlite3.Error):
            raise
    finally:
        conn.close()
    conn = connect(path, None)
    try:
        return read_identity(conn)
    finally:
        conn.close()


def remove_if_empty(path: Path) -> None:
    """Remove a library file this open created and could not fill (a full disk): no 0-byte file
    is left behind. A file holding anything is kept."""
    try:
        if path.stat().st_size != 0:
            return
        path.unlink()
    except OSError:
        return
    for suffix in COMPANIONS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)
