"""The library's SQLite schema and its forward migrations.

`PRAGMA user_version` holds the schema version and `PRAGMA application_id` says the file is ours
(libraries made before it was set have 0 there and are known by their tables). MIGRATIONS[n]
takes a database from version n - 1 to n: SQL statements, or functions for data that SQL cannot
compute (fingerprints). A database older than SCHEMA_VERSION is copied to a dated backup first."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from pingan_writer.text.fingerprints import STRIDE, K, window_hashes
from pingan_writer.text.verbatim import NormalizedText, map_to_bytes, normalize

SCHEMA_VERSION = 3

# "PAWR" (平安写作): the 32-bit id SQLite keeps at offset 68 of the header, set on creation and on
# migration, so another program's database is never taken for a library (`file` shows it too).
APPLICATION_ID = int.from_bytes(b"PAWR", "big")

# The tables each schema version has: how a library made before APPLICATION_ID is told from
# another program's SQLite file that happens to have the same user_version.
_V1_TABLES = frozenset({"sources", "passages", "passage_words", "passage_chars", "source_terms"})
TABLES: dict[int, frozenset[str]] = {
    1: _V1_TABLES,
    2: _V1_TABLES | {"fingerprints", "source_norm"},
    3: _V1_TABLES | {"fingerprints", "source_norm"},
}

# Columns every version has, checked when a library is opened: a schema whose text was damaged
# (a flipped byte in a column name) otherwise passes as ours and fails on the first query.
CORE_COLUMNS: dict[str, frozenset[str]] = {
    "sources": frozenset(
        {"id", "content_hash", "path", "title", "title_origin", "format", "encoding", "text", "outline"}
        | {"chars", "imported_at"}
    ),
    "passages": frozenset({"id", "source_id", "start", "end", "path", "text", "words"}),
}

Step = str | Callable[[sqlite3.Connection], None]


def insert_verbatim_index(db: sqlite3.Connection, source_id: int, norm: NormalizedText) -> None:
    """The normalised text with its offset map, and the fingerprints of its sampled windows:
    stored, so reuse detection reads a source instead of normalising it again."""
    run_at, removed = map_to_bytes(norm)
    db.execute("INSERT INTO source_norm VALUES (?, ?, ?, ?)", (source_id, norm.norm, run_at, removed))
    db.executemany(
        "INSERT INTO fingerprints VALUES (?, ?, ?)",
        ((h, source_id, pos) for pos, h in window_hashes(norm.norm, K, STRIDE)),
    )


def _backfill_verbatim_index(db: sqlite3.Connection) -> None:
    for source_id, text in db.execute("SELECT id, text FROM sources").fetchall():
        insert_verbatim_index(db, source_id, normalize(text))


MIGRATIONS: dict[int, list[Step]] = {
    1: [
        """CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            path TEXT,
            title TEXT NOT NULL,
            title_origin TEXT NOT NULL,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            text TEXT NOT NULL,
            outline TEXT NOT NULL,
            chars INTEGER NOT NULL,
            imported_at TEXT NOT NULL
        )""",
        "CREATE INDEX sources_by_path ON sources(path)",
        """CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            path TEXT NOT NULL,
            text TEXT NOT NULL,
            words TEXT NOT NULL
        )""",
        "CREATE INDEX passages_by_source ON passages(source_id, start)",
        # jieba words in search-engine mode, one FTS5 token each; BM25 ranks them.
        "CREATE VIRTUAL TABLE passage_words USING fts5(words, tokenize='unicode61 remove_diacritics 0')",
        # Trigrams of the raw text: exact-phrase search for anything a user pastes.
        """CREATE VIRTUAL TABLE passage_chars USING fts5(
            text, content='passages', content_rowid='id', tokenize='trigram')""",
        # Per-source word counts: keywords and document frequencies without re-segmenting.
        """CREATE TABLE source_terms (
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            term TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (source_id, term)
        ) WITHOUT ROWID""",
        "CREATE INDEX source_terms_by_term ON source_terms(term)",
    ],
    # 2: normalised text and fingerprints for verbatim-reuse detection (text/fingerprints.py).
    2: [
        """CREATE TABLE fingerprints (
            hash INTEGER NOT NULL,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            pos INTEGER NOT NULL,
            PRIMARY KEY (hash, source_id, pos)
        ) WITHOUT ROWID""",
        "CREATE INDEX fingerprints_by_source ON fingerprints(source_id)",
        """CREATE TABLE source_norm (
            source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
            norm TEXT NOT NULL,
            run_at BLOB NOT NULL,
            removed BLOB NOT NULL
        )""",
        _backfill_verbatim_index,
    ],
    # 3: where each page of a PDF source begins, so quotes can name their page.
    3: ["ALTER TABLE sources ADD COLUMN pages TEXT NOT NULL DEFAULT '[]'"],
}
