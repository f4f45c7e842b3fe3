"""The library as a fingerprint index: same answers as the sources in memory; migration backfill."""

from __future__ import annotations

import sqlite3

from pingan_writer.draft.reuse import MemoryIndex, find_reuse
from pingan_writer.library.importer import import_file
from pingan_writer.library.reuse_index import LibraryIndex
from pingan_writer.library.schema import SCHEMA_VERSION
from pingan_writer.library.store import Library
from pingan_writer.sources import read_source
from pingan_writer.text.fingerprints import ReuseSource
from pingan_writer.text.verbatim import normalize

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE


def spans(result):
    return [
        (s.start, s.end, s.source_start, s.source_end, s.source_title, tuple(s.node)) for s in result.spans
    ]


def test_library_index_finds_what_the_memory_index_finds(tmp_path):
    talk = TALK_SAMPLE.read_text(encoding="utf-8")
    source = read_source(SOURCE_SAMPLE)
    memory = find_reuse(talk, MemoryIndex([ReuseSource("s", source.title, source.text, source.outline)]))
    with Library.open(tmp_path / "l.sqlite3") as lib:
        import_file(lib, SOURCE_SAMPLE)
        library = find_reuse(talk, LibraryIndex(lib))
    assert spans(library) == spans(memory)
    assert library.coverage == memory.coverage > 0.3


def test_migrating_a_version_1_library_backfills_fingerprints(tmp_path):
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as lib:
        import_file(lib, SOURCE_SAMPLE)
        fresh = lib.conn.execute("SELECT hash, source_id, pos FROM fingerprints ORDER BY 1, 2, 3").fetchall()
    db = sqlite3.connect(path)  # turn it back into a version-1 library
    db.execute("DROP TABLE fingerprints")
    db.execute("DROP TABLE source_norm")
    db.execute("ALTER TABLE sources DROP COLUMN pages")  # added by version 3
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Library.open(path) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        again = lib.conn.execute("SELECT hash, source_id, pos FROM fingerprints ORDER BY 1, 2, 3").fetchall()
        (norm,) = lib.conn.execute("SELECT norm FROM source_norm").fetchone()
    assert again == fresh and len(fresh) > 1000
    assert norm == normalize(SOURCE_SAMPLE.read_text(encoding="utf-8")).norm
    assert any(p.name.startswith("library.v1-") for p in tmp_path.iterdir())


def test_stored_normalised_text_maps_offsets_like_a_fresh_normalisation(tmp_path):
    text = SOURCE_SAMPLE.read_text(encoding="utf-8")
    fresh = normalize(text)
    with Library.open(tmp_path / "l.sqlite3") as lib:
        sid = import_file(lib, SOURCE_SAMPLE).source_id
        stored = LibraryIndex(lib).source(str(sid)).norm
    assert stored.norm == fresh.norm
    assert all(stored.raw_start(i) == fresh.raw_start(i) for i in range(0, len(fresh.norm), 7))


def test_removing_a_source_removes_its_fingerprints(tmp_path):
    with Library.open(tmp_path / "l.sqlite3") as lib:
        sid = import_file(lib, SOURCE_SAMPLE).source_id
        lib.remove_source(sid)
        assert lib.conn.execute("SELECT count(*) FROM fingerprints").fetchone()[0] == 0
