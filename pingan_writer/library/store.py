"""The library: an SQLite file that remembers every imported source and its passages.

Each source is written in one transaction (all of it or nothing). The database runs in WAL
mode, so searches on another connection go on while an import writes. Before anything is
written the file is identified, read-only, as ours (application id and tables): another
program's database is refused untouched. A damaged file is moved aside (never deleted) and
reported, whether the damage is in its header or found later in a page (library/connection.py);
a read-only file or folder can still be read; a full disk is one message, the library intact."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pingan_writer.library.connection import (
    LibraryBusy,
    LibraryConnection,
    LibraryDamaged,
    LibraryError,
    can_write,
    describe,
    is_damage,
    quarantine,
)
from pingan_writer.library.opening import (
    COMPANIONS,
    Identity,
    connect,
    identify,
    read_identity,
    read_only_params,
    refuse,
    remove_if_empty,
)
from pingan_writer.library.paths import resolve_library_path
from pingan_writer.library.records import AddResult, SourceInfo
from pingan_writer.library.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, insert_verbatim_index
from pingan_writer.sources.model import Source
from pingan_writer.text.outline_codec import outline_from_data, outline_to_data

if TYPE_CHECKING:
    from pingan_writer.library.prepare import PreparedSource  # imports jieba: not at start-up

__all__ = ["Library", "LibraryDamaged", "LibraryError"]

_BATCH = 500  # parameters per IN (…) query, well under SQLite's limit


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


OPEN_ATTEMPTS = 5  # tries of a whole open while other processes hold the file's lock


class Library:
    """One connection to the library file. Use one Library per thread.

    `created` says whether this open made the file; `read_only` (Chinese, or None) why the
    library can be read but not written."""

    def __init__(self, conn: LibraryConnection, path: Path, created: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.created = created

    @property
    def read_only(self) -> str | None:
        return self.conn.read_only

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Library:
        """Open the library at `path` (created when missing). Raises LibraryError (Chinese, naming
        the file) for a foreign, newer, damaged (moved aside first) or unreachable file.

        While several processes create or upgrade the same library at once, SQLite can refuse a
        lock at once rather than wait; the whole open is then tried again a few times."""
        path = resolve_library_path(path)
        for attempt in range(OPEN_ATTEMPTS):
            try:
                return cls._open_once(path)
            except LibraryBusy:
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.1 * (attempt + 1))
        raise AssertionError("unreachable")

    @classmethod
    def _open_once(cls, path: Path) -> Library:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(path, f"无法创建资料库所在的文件夹（{exc.strerror or exc}）") from exc
        if path.is_dir():
            raise LibraryError(path, "这是文件夹，不是资料库文件")
        existed = path.exists()
        folder_writable = can_write(path.parent)
        if not existed and not folder_writable:
            raise LibraryError(path, "资料库所在的文件夹只读，无法新建资料库")
        read_only = None
        if existed and not can_write(path):
            read_only = "资料库文件只读"
        elif existed and not folder_writable:
            read_only = "资料库所在的文件夹只读"
        identity = identify(path, read_only) if existed else None
        if identity is not None:
            refuse(path, identity, SCHEMA_VERSION)
        conn = connect(path, read_only, read_only_params(path) if read_only else None)
        lib = cls(conn, path, created=not existed)
        try:
            if read_only is None:
                lib._prepare(identity)
            elif identity is not None and identity.version != SCHEMA_VERSION:
                # An empty file cannot be made a library here, nor an old one upgraded; one
                # that only lacks the application id reads as it is.
                raise LibraryError(path, f"{read_only}，资料库需要新建或升级，但无法写入")
            conn.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            lib._close_quietly()
            if lib.created:
                remove_if_empty(path)
            raise
        return lib

    def _prepare(self, identity: Identity | None) -> None:
        """Create, migrate or mark the library as ours as needed, then switch it to WAL."""
        if identity is None or not identity.current(SCHEMA_VERSION):
            self._migrate(identity.version if identity else 0)
        self.conn.execute("PRAGMA journal_mode=WAL")  # a no-op for a library already in WAL
        self.conn.execute("PRAGMA synchronous=NORMAL")

    def _migrate(self, version: int) -> None:
        """Bring the schema to SCHEMA_VERSION and set the application id. Checked again under the
        write lock: of several processes creating or upgrading the same file, one does it and
        the others find it done."""
        if 0 < version < SCHEMA_VERSION:
            self.backup(self.path.with_name(f"{self.path.stem}.v{version}-{_stamp()}.bak{self.path.suffix}"))
        with self.write() as db:
            now = read_identity(db)
            if now.kind(SCHEMA_VERSION) == "damaged":
                raise quarantine(self.conn, sqlite3.DatabaseError("缺少资料库的数据表"))
            refuse(self.path, now, SCHEMA_VERSION)
            if now.current(SCHEMA_VERSION):
                return
            for v in range(now.version + 1, SCHEMA_VERSION + 1):
                for step in MIGRATIONS[v]:
                    if callable(step):
                        step(db)
                    else:
                        db.execute(step)
                db.execute(f"PRAGMA user_version = {v}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def backup(self, target: Path) -> Path:
        """A consistent copy of the whole database (the SQLite backup API, not a file copy).
        A copy that fails (a full disk) is removed and told as a LibraryError."""
        try:
            dst = sqlite3.connect(target)
        except sqlite3.Error as exc:
            raise LibraryError(target, describe(exc) or f"无法创建备份（{exc}）") from exc
        try:
            self.conn.backup(dst)
        except sqlite3.DatabaseError as exc:
            dst.close()
            target.unlink(missing_ok=True)
            if is_damage(exc):
                raise quarantine(self.conn, exc) from exc
            raise LibraryError(target, f"备份失败：{describe(exc) or exc}") from exc
        finally:
            dst.close()
        return target

    def close(self) -> None:
        self.conn.close()

    def _close_quietly(self) -> None:
        with suppress(sqlite3.Error):
            self.conn.close()

    def close_and_discard_if_unused(self) -> bool:
        """Close; and when this open created the file and nothing has been stored in it since,
        remove it again, so a command that imported nothing leaves no empty library behind.
        Returns whether the file was removed."""
        unused = self.created and self.conn.broken is None and self.read_only is None
        if unused:
            try:
                unused = self.source_count() == 0
            except LibraryError:
                unused = False  # cannot tell: keep the file
        self.close()
        if unused:
            for suffix in ("", *COMPANIONS):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        return bool(unused)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed as a whole, or rolled back on any exception.
        A read-only library refuses before anything starts."""
        if self.read_only is not None:
            raise LibraryError(self.path, f"{self.read_only}，无法写入，资料库未改动")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback_quietly()
            raise

    def _rollback_quietly(self) -> None:
        # SQLite rolls back by itself on some errors (a full disk); a damaged file is closed.
        if self.conn.broken is not None:
            return
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except (sqlite3.Error, LibraryError):
            pass

    # -- writing -------------------------------------------------------------------------

    def add_source(self, prepared: PreparedSource) -> AddResult:
        """Store a prepared source. The same content again changes nothing; new content from a
        path already in the library replaces the older version, in the same transaction."""
        source = prepared.source
        digest = source.content_hash
        path = str(source.path.resolve()) if source.path else None
        with self.write() as db:
            known = self.find_content(digest)
            if known is not None:
                return AddResult("unchanged", *known)
            old = db.execute("SELECT id FROM sources WHERE path = ?", (path,)).fetchone() if path else None
            if old:
                self._delete(old[0])
            source_id = self._insert_source(source, digest, path)
            self._insert_passages(source_id, prepared)
            self._insert_terms(source_id, prepared)
            insert_verbatim_index(db, source_id, prepared.norm)
        return AddResult("replaced" if old else "added", source_id, source.title, old[0] if old else None)

    def _insert_source(self, source: Source, digest: str, path: str | None) -> int:
        cur = self.conn.execute(
            "INSERT INTO sources (content_hash, path, title, title_origin, format, encoding, text, outline,"
            " chars, imported_at, pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest,
                path,
                source.title,
                source.title_origin,
                source.format,
                source.encoding,
                source.text,
                json.dumps(outline_to_data(source.outline), ensure_ascii=False),
                len(source.text),
                datetime.now().isoformat(timespec="seconds"),
                json.dumps(source.pages),
            ),
        )
        return int(cur.lastrowid)

    def _insert_passages(self, source_id: int, prepared: PreparedSource) -> None:
        db = self.conn
        first = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM passages").fetchone()[0]
        text = prepared.source.text
        rows = [
            (
                first + i,
                source_id,
                p.start,
                p.end,
                json.dumps(p.path, ensure_ascii=False),
                text[p.start : p.end],
                " ".join(p.words),
            )
            for i, p in enumerate(prepared.passages)
        ]
        db.executemany(
            "INSERT INTO passages (id, source_id, start, end, path, text, words) VALUES (?,?,?,?,?,?,?)", rows
        )
        db.executemany(
            "INSERT INTO passage_words (rowid, words) VALUES (?, ?)",
            ((first + i, " ".join(p.index_words)) for i, p in enumerate(prepared.passages)),
        )
        db.execute(
            "INSERT INTO passage_chars (rowid, text) SELECT id, text FROM passages WHERE source_id = ?",
            (source_id,),
        )

    def _insert_terms(self, source_id: int, prepared: PreparedSource) -> None:
        self.conn.executemany(
            "INSERT INTO source_terms (source_id, term, count) VALUES (?, ?, ?)",
            ((source_id, term, count) for term, count in prepared.terms.items()),
        )

    def remove_source(self, source_id: int) -> bool:
        with self.write():
            exists = self.conn.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone()
            if exists:
                self._delete(source_id)
        return bool(exists)

    def _delete(self, source_id: int) -> None:
        db = self.conn
        db.execute(
            "DELETE FROM passage_words WHERE rowid IN (SELECT id FROM passages WHERE source_id = ?)",
            (source_id,),
        )
        # External-content FTS rows are removed by replaying their text through 'delete'.
        db.execute(
            "INSERT INTO passage_chars (passage_chars, rowid, text)"
            " SELECT 'delete', id, text FROM passages WHERE source_id = ?",
            (source_id,),
        )
        db.execute("DELETE FROM sources WHERE id = ?", (source_id,))  # passages, terms: ON DELETE CASCADE

    # -- reading -------------------------------------------------------------------------

    def find_content(self, content_hash: str) -> tuple[int, str] | None:
        """(id, title) of the source with this content, if the library has it."""
        row = self.conn.execute(
            "SELECT id, title FROM sources WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def sources(self) -> list[SourceInfo]:
        rows = self.conn.execute(
            "SELECT s.id, s.title, s.path, s.format, s.encoding, s.chars, s.imported_at,"
            " (SELECT count(*) FROM passages p WHERE p.source_id = s.id)"
            " FROM sources s ORDER BY s.id"
        ).fetchall()
        return [SourceInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[6]) for r in rows]

    def source_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM sources").fetchone()[0])

    def get_source(self, source_id: int) -> Source:
        row = self.conn.execute(
            "SELECT title, text, path, format, encoding, outline, title_origin, pages"
            " FROM sources WHERE id = ?",
            (source_id,),
        ).fetchone()
        if row is None:
            raise LibraryError(self.path, f"资料库中没有编号为 {source_id} 的原文")
        title, text, path, fmt, encoding, outline, origin, pages = row
        try:
            return Source(
                title,
                text,
                Path(path) if path else None,
                fmt,
                encoding,
                outline_from_data(json.loads(outline)),
                origin,
                [int(p) for p in json.loads(pages)],
            )
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            # The row was written by us as valid JSON: garbage there is a damaged page.
            raise quarantine(self.conn, exc) from exc

    def has_source(self, source_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone() is not None

    def content_hash(self, source_id: int) -> str | None:
        """The content hash (SHA-256 of the text) of source `source_id`, None if there is none."""
        row = self.conn.execute("SELECT content_hash FROM sources WHERE id = ?", (source_id,)).fetchone()
        return row[0] if row else None

    def texts_by_hash(self, hashes: Iterable[str] | None = None) -> dict[str, str]:
        """Content hash → text, for the given hashes the library has (every source when None)."""
        if hashes is None:
            return dict(self.conn.execute("SELECT content_hash, text FROM sources").fetchall())
        wanted = sorted(set(hashes))
        out: dict[str, str] = {}
        for i in range(0, len(wanted), _BATCH):  # SQLite caps the number of bound parameters
            chunk = wanted[i : i + _BATCH]
            marks = ",".join("?" * len(chunk))
            out.update(
                self.conn.execute(
                    f"SELECT content_hash, text FROM sources WHERE content_hash IN ({marks})", chunk
                ).fetchall()
            )
        return out
