"""The store: schema, identity by content, replacement, transactions, concurrency, damage."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from pingan_writer.library import paths, schema
from pingan_writer.library.importer import import_file, import_paths
from pingan_writer.library.search import search
from pingan_writer.library.store import Library, LibraryError

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE
from .conftest import state


def test_new_library_has_current_schema_in_wal_mode(empty_library):
    db = empty_library.conn
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_import_stores_text_outline_and_passages(sample_library, source_text):
    infos = {i.title: i for i in sample_library.sources()}
    info = infos["建设更高水平的平安中国"]
    assert (info.format, info.encoding, info.chars) == ("txt", "utf-8", len(source_text))
    source = sample_library.get_source(info.id)
    assert source.text == source_text
    assert [n.number for n in source.outline.nodes] == ["一、", "二、", "三、"]
    rows = sample_library.conn.execute(
        "SELECT start, end, text, path FROM passages WHERE source_id = ? ORDER BY start", (info.id,)
    ).fetchall()
    assert rows and all(source_text[s:e] == t for s, e, t, _ in rows)
    covered = {i for s, e, _, _ in rows for i in range(s, e)}
    assert all(i in covered for i, ch in enumerate(source_text) if not ch.isspace())


def test_passage_paths_name_the_outline_node(sample_library):
    row = sample_library.conn.execute(
        "SELECT path FROM passages WHERE text LIKE '一是坚持党的领导%'"
    ).fetchone()
    assert json.loads(row[0]) == [
        "准确把握建设更高水平的平安中国的基本要求",
        "树立科学理念，增强平安中国建设引领性",
        "坚持党的领导",
    ]


def test_reimporting_the_same_content_changes_nothing(tmp_path):
    with Library.open(tmp_path / "l.sqlite3") as lib:
        first = import_file(lib, SOURCE_SAMPLE)
        before = state(lib)
        again = import_file(lib, SOURCE_SAMPLE)
        copy = tmp_path / "副本.txt"
        copy.write_bytes(SOURCE_SAMPLE.read_bytes())
        elsewhere = import_file(lib, copy)
        assert (first.status, again.status, elsewhere.status) == ("added", "unchanged", "unchanged")
        assert again.source_id == elsewhere.source_id == first.source_id
        assert state(lib) == before


def test_changed_file_at_the_same_path_replaces_its_older_version(tmp_path):
    doc = tmp_path / "讲话.txt"
    doc.write_text("一、总体要求\n坚持和发展新时代枫桥经验。\n", encoding="utf-8")
    with Library.open(tmp_path / "l.sqlite3") as lib:
        old = import_file(lib, doc)
        doc.write_text("一、总体要求\n推进市域社会治理现代化。\n", encoding="utf-8")
        new = import_file(lib, doc)
        assert new.status == "replaced" and new.replaced_id == old.source_id
        assert [i.id for i in lib.sources()] == [new.source_id]
        assert search(lib, "枫桥经验") == []
        assert [h.source for h in search(lib, "市域社会治理")] == [new.source_id]
        orphans = lib.conn.execute(
            "SELECT count(*) FROM passage_words WHERE rowid NOT IN (SELECT id FROM passages)"
        ).fetchone()[0]
        assert orphans == 0


def test_an_import_interrupted_by_an_error_leaves_the_library_as_it_was(tmp_path, monkeypatch):
    with Library.open(tmp_path / "l.sqlite3") as lib:
        import_file(lib, TALK_SAMPLE)
        before = state(lib)

        def fail(self, *args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Library, "_insert_terms", fail)  # after source and passages were written
        with pytest.raises(OSError):
            import_file(lib, SOURCE_SAMPLE)
        assert state(lib) == before
    with Library.open(tmp_path / "l.sqlite3") as reopened:  # and nothing half-written on disk
        assert state(reopened) == before


def test_a_replacement_that_fails_keeps_the_old_version(tmp_path, monkeypatch):
    doc = tmp_path / "讲话.txt"
    doc.write_text("一、总体要求\n坚持和发展新时代枫桥经验。\n", encoding="utf-8")
    with Library.open(tmp_path / "l.sqlite3") as lib:
        import_file(lib, doc)
        before = state(lib)
        doc.write_text("一、总体要求\n推进市域社会治理现代化。\n", encoding="utf-8")
        monkeypatch.setattr(
            Library, "_insert_passages", lambda *a: (_ for _ in ()).throw(RuntimeError("boom"))
        )
        with pytest.raises(RuntimeError):
            import_file(lib, doc)
        assert state(lib) == before


def test_readers_keep_working_while_an_import_is_writing(tmp_path, monkeypatch):
    path = tmp_path / "l.sqlite3"
    with Library.open(path) as lib:
        import_file(lib, TALK_SAMPLE)
    inside, release = threading.Event(), threading.Event()
    original = Library._insert_terms

    def slow_terms(self, *args):
        original(self, *args)
        inside.set()
        assert release.wait(10)

    monkeypatch.setattr(Library, "_insert_terms", slow_terms)
    errors: list[BaseException] = []

    def writer():
        try:
            with Library.open(path) as wlib:
                import_file(wlib, SOURCE_SAMPLE)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    t = threading.Thread(target=writer)
    t.start()
    try:
        assert inside.wait(10), "the import never reached its write transaction"
        with Library.open(path) as reader:  # mid-transaction: sees the old state, no lock error
            assert [i.title for i in reader.sources()] == ["学习体会发言-建设更高水平的平安中国"]
            assert {h.source_title for h in search(reader, "枫桥经验")} == {
                "学习体会发言-建设更高水平的平安中国"
            }
    finally:
        release.set()
        t.join(10)
    assert not errors
    with Library.open(path) as after:
        assert len(after.sources()) == 2


def test_corrupt_library_file_is_moved_aside_never_deleted(tmp_path):
    path = tmp_path / "library.sqlite3"
    garbage = b"this is not a database at all" * 100
    path.write_bytes(garbage)
    with pytest.raises(LibraryError) as exc:
        Library.open(path)
    message = str(exc.value)
    assert str(path) in message and "损坏" in message
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("library.sqlite3.corrupt-")]
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    assert moved[0].name in message
    with Library.open(path) as fresh:  # the next open starts an empty library
        assert fresh.sources() == []


def test_damaged_sqlite_file_is_moved_aside(tmp_path):
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as lib:
        import_file(lib, TALK_SAMPLE)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # trash the schema page after the header
    path.write_bytes(bytes(data))
    for companion in ("-wal", "-shm"):
        (tmp_path / f"library.sqlite3{companion}").unlink(missing_ok=True)
    with pytest.raises(LibraryError):
        Library.open(path)
    assert any(p.name.startswith("library.sqlite3.corrupt-") for p in tmp_path.iterdir())


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="其他程序"):
        Library.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []


def test_library_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "l.sqlite3"
    Library.open(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="更新版本"):
        Library.open(path)
    assert path.read_bytes() == before


def test_migration_backs_up_first_then_upgrades(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as lib:
        import_file(lib, TALK_SAMPLE)
    v = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", v + 1)
    monkeypatch.setitem(schema.MIGRATIONS, v + 1, ["ALTER TABLE sources ADD COLUMN note TEXT"])
    import pingan_writer.library.store as store

    monkeypatch.setattr(store, "SCHEMA_VERSION", v + 1)
    with Library.open(path) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == v + 1
        assert "note" in [r[1] for r in lib.conn.execute("PRAGMA table_info(sources)")]
        assert len(lib.sources()) == 1
    backups = [
        p for p in tmp_path.iterdir() if p.name.startswith(f"library.v{v}-") and p.suffix == ".sqlite3"
    ]
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == v
    assert old.execute("SELECT count(*) FROM sources").fetchone()[0] == 1
    old.close()


def test_a_failed_migration_rolls_back_and_keeps_the_backup(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite3"
    Library.open(path).close()
    v = schema.SCHEMA_VERSION
    import pingan_writer.library.store as store

    monkeypatch.setattr(store, "SCHEMA_VERSION", v + 1)
    monkeypatch.setitem(
        schema.MIGRATIONS, v + 1, ["ALTER TABLE sources ADD COLUMN x TEXT", "THIS IS NOT SQL"]
    )
    with pytest.raises(sqlite3.OperationalError):
        Library.open(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == v
    assert "x" not in [r[1] for r in db.execute("PRAGMA table_info(sources)")]
    db.close()


def test_default_path_comes_from_env_then_platformdirs(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "env.sqlite3"))
    assert paths.resolve_library_path(None) == tmp_path / "env.sqlite3"
    assert paths.resolve_library_path(tmp_path / "flag.sqlite3") == tmp_path / "flag.sqlite3"
    monkeypatch.delenv(paths.ENV_VAR)
    default = paths.resolve_library_path(None)
    assert default.name == "library.sqlite3" and "pingan-writer" in str(default)


def test_remove_source_deletes_its_passages_and_index_rows(tmp_path):
    with Library.open(tmp_path / "l.sqlite3") as lib:
        report = import_paths(lib, [SOURCE_SAMPLE, TALK_SAMPLE])
        talk = next(r.source_id for p, r in report.results if p == TALK_SAMPLE)
        assert lib.remove_source(talk) is True
        assert lib.remove_source(talk) is False
        q = lib.conn.execute
        assert q("SELECT count(*) FROM passages WHERE source_id = ?", (talk,)).fetchone()[0] == 0
        assert q("SELECT count(*) FROM source_terms WHERE source_id = ?", (talk,)).fetchone()[0] == 0
        assert (
            q("SELECT count(*) FROM passage_words").fetchone()[0]
            == q("SELECT count(*) FROM passages").fetchone()[0]
        )
        hits = search(lib, '"主要内容"')
        assert all(h.source != talk for h in hits)


def test_content_hash_of_a_source_id(sample_library, source_text):
    import hashlib

    ids = {i.title: i.id for i in sample_library.sources()}
    digest = sample_library.content_hash(ids["建设更高水平的平安中国"])
    assert digest == hashlib.sha256(source_text.encode("utf-8")).hexdigest()
    assert sample_library.content_hash(max(ids.values()) + 100) is None


def test_texts_by_hash_returns_only_the_asked_for_sources(sample_library, source_text):
    from pingan_writer.sources import read_source

    source, talk = read_source(SOURCE_SAMPLE), read_source(TALK_SAMPLE)
    assert sample_library.texts_by_hash([source.content_hash]) == {source.content_hash: source_text}
    both = sample_library.texts_by_hash(iter([talk.content_hash, "0" * 64, source.content_hash]))
    assert both == {source.content_hash: source.text, talk.content_hash: talk.text}
    assert sample_library.texts_by_hash() == both  # None: every source
    assert sample_library.texts_by_hash([]) == {}


def test_texts_by_hash_asks_in_batches(empty_library):
    hashes = [f"{i:064x}" for i in range(1500)]  # more than SQLite binds in one statement on old builds
    assert empty_library.texts_by_hash(hashes) == {}
