"""Library fixtures: a library holding both samples (built once per module), fresh ones."""

from __future__ import annotations

import pytest

from pingan_writer.library.importer import import_paths
from pingan_writer.library.store import Library

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE


@pytest.fixture(scope="module")
def sample_library_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("lib") / "library.sqlite3"
    with Library.open(path) as lib:
        report = import_paths(lib, [SOURCE_SAMPLE, TALK_SAMPLE])
        assert not report.failures
    return path


@pytest.fixture
def sample_library(sample_library_path):
    with Library.open(sample_library_path) as lib:
        yield lib


@pytest.fixture
def empty_library(tmp_path):
    with Library.open(tmp_path / "library.sqlite3") as lib:
        yield lib


def state(lib: Library) -> tuple:
    """Everything a test needs to say "nothing changed": rows of every table and index."""
    q = lib.conn.execute
    return (
        q("SELECT id, content_hash, path, title FROM sources ORDER BY id").fetchall(),
        q("SELECT id, source_id, start, end, text FROM passages ORDER BY id").fetchall(),
        q("SELECT rowid, words FROM passage_words ORDER BY rowid").fetchall(),
        q("SELECT count(*) FROM passage_chars WHERE passage_chars MATCH '\"平安中国\"'").fetchall(),
        q("SELECT source_id, term, count FROM source_terms ORDER BY source_id, term").fetchall(),
    )
