"""The library: an SQLite file that remembers every imported source and its passages.

Each source is written in one transaction (all of it or nothing). The database runs in WAL
mode, so searches on another connection go on while an import writes. A file that is not a
readable SQLite database is moved aside (never deleted) and reported."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pingan_writer.errors import PinganError
from pingan_writer.library.paths import resolve_library_path
from pingan_writer.library.records import AddResult, SourceInfo
from pingan_writer.library.schema import MIGRATIONS, SCHEMA_VERSION, insert_verbatim_index
from pingan_writer.sources.model import Source
from pingan_writer.text.outline_codec import outline_from_data, outline_to_data

if TYPE_CHECKING:
    from pingan_writer.library.prepare import PreparedSource  # imports jieba: not at start-up


class LibraryError(PinganError):
    """The library file cannot be used (corrupt, foreign, from a newer version, unwritable)."""


_BATCH = 500  # parameters per IN (…) query, well under SQLite's limit


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


class Library:
    """One connection to the library file. Use one Library per thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Library:
        path = resolve_library_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(path, f"无法创建资料库所在的文件夹（{exc.strerror or exc}）") from exc
        try:
            conn = sqlite3.connect(path, timeout=10, isolation_level=None)
        except sqlite3.Error as exc:
            raise LibraryError(path, f"无法打开资料库（{exc}）") from exc
        try:
            # Read before writing anything: a foreign database must be left byte-for-byte alone.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            conn.close()
            moved = _move_aside(path)
            raise LibraryError(
                path, f"资料库文件已损坏或不是资料库（{exc}）。原文件已移至 {moved}，再次打开将新建空资料库"
            ) from exc
        lib = cls(conn, path)
        try:
            if version == 0 and tables:
                raise LibraryError(
                    path, "这是一个其他程序的 SQLite 数据库，不是平安写作的资料库，未做任何改动"
                )
            if version > SCHEMA_VERSION:
                raise LibraryError(
                    path, f"资料库由更新版本的平安写作创建（结构版本 {version}），请升级后再打开"
                )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            lib._migrate(version)
        except BaseException:
            conn.close()
            raise
        return lib

    def _migrate(self, version: int) -> None:
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            self.backup(self.path.with_name(f"{self.path.stem}.v{version}-{_stamp()}.bak{self.path.suffix}"))
        with self.write():
            for v in range(version + 1, SCHEMA_VERSION + 1):
                for step in MIGRATIONS[v]:
                    if callable(step):
                        step(self.conn)
                    else:
                        self.conn.execute(step)
                self.conn.execute(f"PRAGMA user_version = {v}")

    def backup(self, target: Path) -> Path:
        """A consistent copy of the whole database (the SQLite backup API, not a file copy)."""
        dst = sqlite3.connect(target)
        try:
            self.conn.backup(dst)
        finally:
            dst.close()
        return target

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed as a whole, or rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

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


def _move_aside(path: Path) -> Path:
    """Rename a damaged library (and its -wal/-shm companions) out of the way; never delete."""
    target = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{_stamp()}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target
