"""The library's SQLite schema and its forward migrations.

`PRAGMA user_version` holds the schema version. MIGRATIONS[n] takes a database from version
n - 1 to n; a database older than SCHEMA_VERSION is copied to a dated backup first."""

from __future__ import annotations

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, list[str]] = {
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
}
