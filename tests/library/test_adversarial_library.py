"""Libraries that are not quite right: another program's database, garbage in the middle of a
library, read-only files and folders, a full disk, three processes creating one library at
once. Each must give one Chinese line (exit 2 from the CLI), never a traceback, and change
nothing it must not change."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pingan_writer.cli import main
from pingan_writer.library import connection, opening, schema
from pingan_writer.library import store as store_module
from pingan_writer.library.importer import import_file, import_paths
from pingan_writer.library.keywords import source_keywords
from pingan_writer.library.search import related, search
from pingan_writer.library.store import Library, LibraryDamaged, LibraryError

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE
from .conftest import state

PAGE = 4096


def run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def long_source(lines: int) -> str:
    """A source with deep, repetitive structure: headings, sub-headings and point series."""
    out = ["长篇材料"]
    for i in range(lines // 4):
        out += [
            f"{'一二三四五六七八九十'[i % 10]}、第{i}部分的标题",
            f"（{'一二三'[i % 3]}）关于平安建设的第{i}项要求",
            f"一是坚持依法治理第{i}条，二是完善工作机制。",
            f"各地区各部门要把第{i}项任务落到实处，推进社会治理现代化。",
        ]
    return "\n".join(out) + "\n"


def files_of(folder: Path, stem: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name.startswith(stem)}


@pytest.fixture(scope="module")
def base_library(tmp_path_factory) -> Path:
    """A library with the samples and a source of 2,000 lines, checkpointed into one file."""
    folder = tmp_path_factory.mktemp("base")
    big = folder / "长篇材料.txt"
    big.write_text(long_source(2000), encoding="utf-8")
    path = folder / "library.sqlite3"
    with Library.open(path) as lib:
        report = import_paths(lib, [SOURCE_SAMPLE, TALK_SAMPLE, big])
        assert not report.failures
    assert not (folder / "library.sqlite3-wal").exists()  # closed: everything is in the file
    return path


def copy_library(base: Path, folder: Path) -> Path:
    target = folder / "library.sqlite3"
    shutil.copyfile(base, target)
    return target


# -- 1. another program's database -------------------------------------------------------------


def foreign_database(path: Path, version: int, wal: bool, app_id: int = 0) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    db.execute("INSERT INTO contacts VALUES ('张三', '123')")
    db.execute(f"PRAGMA user_version = {version}")
    db.execute(f"PRAGMA application_id = {app_id}")
    db.commit()
    if wal:
        db.execute("PRAGMA journal_mode=WAL")
    db.close()


@pytest.mark.parametrize(
    ("version", "wal", "app_id"),
    [(1, False, 0), (1, True, 0), (schema.SCHEMA_VERSION, False, 0), (2, False, 0x12345678), (0, True, 0)],
)
def test_another_programs_database_is_refused_byte_for_byte_untouched(capsys, tmp_path, version, wal, app_id):
    path = tmp_path / "other.db"
    foreign_database(path, version, wal, app_id)
    before = files_of(tmp_path, "other.db")
    code, out, err = run(capsys, "library", "add", TALK_SAMPLE, "--library", path)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "其他程序" in err and str(path) in err
    assert files_of(tmp_path, "other.db") == before  # no WAL switch, no backup, no -wal/-shm


def test_a_new_library_carries_the_application_id(tmp_path):
    path = tmp_path / "library.sqlite3"
    Library.open(path).close()
    assert path.read_bytes()[68:72] == b"PAWR"
    assert int.from_bytes(b"PAWR", "big") == schema.APPLICATION_ID


def test_a_library_made_before_the_application_id_is_recognised_and_marked(tmp_path, base_library):
    path = copy_library(base_library, tmp_path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 0")
    db.commit()
    db.close()
    with Library.open(path) as lib:
        assert len(lib.sources()) == 3
        assert lib.conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID


def test_our_id_without_our_tables_is_damage_moved_aside(tmp_path):
    path = tmp_path / "library.sqlite3"
    foreign_database(path, 1, False, schema.APPLICATION_ID)
    data = path.read_bytes()
    with pytest.raises(LibraryDamaged, match="已移至"):
        Library.open(path)
    moved = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert [p.read_bytes() for p in moved] == [data]


# -- 2. garbage over pages in the middle -------------------------------------------------------


def trash(path: Path, offset: int, length: int, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(bytes(rng.randrange(256) for _ in range(length)))


COMMANDS = (
    ("library", "list"),
    ("search", "平安"),
    ("search", '"平安中国"'),
    ("keywords", "--source", "1"),
    ("related", "坚持党的领导，推进平安建设"),
    ("library", "remove", "3"),
)


def test_garbage_in_the_middle_is_moved_aside_and_told_never_a_traceback(capsys, tmp_path, base_library):
    pages = base_library.stat().st_size // PAGE
    outcomes = set()
    for seed in range(16):
        rng = random.Random(seed)
        folder = tmp_path / str(seed)
        folder.mkdir()
        page = rng.randrange(2, pages)
        for command in COMMANDS:
            path = copy_library(base_library, folder)
            trash(path, page * PAGE + rng.randrange(PAGE // 2), rng.choice([64, 512, PAGE]), seed)
            data = path.read_bytes()
            code, _out, err = run(capsys, *command, "--library", path)
            assert code in (0, 2), (seed, command, err)
            moved = [
                p for p in folder.iterdir() if ".corrupt-" in p.name and p.name.endswith(tuple("0123456789"))
            ]
            if code == 2:
                assert err.count("\n") == 1 and str(path) in err
                if "损坏" in err:  # moved aside, never deleted, and said where
                    assert len(moved) == 1 and moved[0].name in err and moved[0].read_bytes() == data
                    assert not path.exists()
                    outcomes.add("moved")
            for p in folder.iterdir():
                p.unlink()
    assert "moved" in outcomes  # the sweep did reach damage, not only harmless bytes


def test_damage_found_mid_search_stops_every_later_query_on_that_library(tmp_path, base_library):
    path = copy_library(base_library, tmp_path)
    lib = Library.open(path)
    try:
        # The passages table's pages: trash the middle third of the file after opening.
        size = path.stat().st_size
        trash(path, size // 3, size // 3, 1)
        with pytest.raises(LibraryDamaged):
            for _ in range(3):
                search(lib, "平安")
                related(lib, "坚持党的领导")
                source_keywords(lib, 1)
                for info in lib.sources():
                    lib.get_source(info.id)
        with pytest.raises(LibraryDamaged):  # not "Cannot operate on a closed database"
            lib.sources()
        with pytest.raises(LibraryDamaged):
            lib.remove_source(1)
    finally:
        lib.close()
    assert any(".corrupt-" in p.name for p in tmp_path.iterdir())


def test_a_damaged_library_that_cannot_be_moved_says_so(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"garbage" * 600)

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(LibraryError, match="无法移走"):
        Library.open(path)
    assert path.read_bytes() == b"garbage" * 600


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(offset=1021, length=1, seed=0)  # found: a schema text that is not UTF-8 (UnicodeDecodeError)
@example(offset=321193, length=1, seed=0)  # found: a broken reference (FOREIGN KEY constraint failed)
@given(
    offset=st.integers(min_value=100, max_value=10**9),
    length=st.integers(min_value=1, max_value=3 * PAGE),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_property_any_garbage_gives_a_library_error_or_an_answer(
    tmp_path_factory, base_library, offset, length, seed
):
    folder = tmp_path_factory.mktemp("fuzz")
    path = copy_library(base_library, folder)
    size = path.stat().st_size
    trash(path, offset % size, min(length, size - offset % size), seed)
    data = path.read_bytes()
    try:
        with Library.open(path) as lib:
            search(lib, "平安")
            search(lib, '"社会治理"')
            for info in lib.sources():
                lib.get_source(info.id)
                source_keywords(lib, info.id)
            lib.texts_by_hash()
            lib.remove_source(3)
    except LibraryError:
        pass
    # Never deleted: the bytes are at the path or in exactly one file moved aside.
    kept = [p for p in folder.iterdir() if p.name == "library.sqlite3" or ".corrupt-" in p.name]
    assert any(p.name == "library.sqlite3" for p in kept) or any(p.read_bytes() == data for p in kept)


# -- 3. read-only file and read-only folder ----------------------------------------------------


def writable_except(monkeypatch, *denied: Path) -> None:
    """Tests run as root, who may write anything: the permission check is what is simulated;
    SQLite is then really opened read-only (mode=ro URI), so its refusals are real."""
    monkeypatch.setattr(store_module, "can_write", lambda p: Path(p) not in denied)


@pytest.mark.parametrize("denied", ["file", "folder"])
def test_a_read_only_library_reads_and_refuses_writes_without_a_change(
    capsys, tmp_path, base_library, monkeypatch, denied
):
    path = copy_library(base_library, tmp_path)
    before = files_of(tmp_path, "library.sqlite3")
    writable_except(monkeypatch, path if denied == "file" else tmp_path)
    code, out, _ = run(capsys, "library", "list", "--library", path)
    assert code == 0 and "建设更高水平的平安中国" in out
    code, out, _ = run(capsys, "search", "平安", "--library", path)
    assert code == 0 and "平安" in out
    word = "资料库文件只读" if denied == "file" else "资料库所在的文件夹只读"
    for command in (("library", "remove", "1"), ("library", "add", SOURCE_SAMPLE.with_name("x.txt"))):
        code, out, err = run(capsys, *command, "--library", path)
        assert code == 2 and err.count("\n") == 1 and word in err and str(path) in err
    with Library.open(path) as lib, pytest.raises(LibraryError, match=word):
        lib.remove_source(1)
    assert files_of(tmp_path, "library.sqlite3") == before  # nothing moved aside, nothing written


def test_a_new_library_in_a_read_only_folder_is_a_message_not_a_file(capsys, tmp_path, monkeypatch):
    writable_except(monkeypatch, tmp_path)
    code, _, err = run(capsys, "library", "list", "--library", tmp_path / "new.sqlite3")
    assert code == 2 and "文件夹只读" in err and list(tmp_path.iterdir()) == []


def test_a_write_refused_by_sqlite_itself_is_a_message(tmp_path, base_library, monkeypatch):
    """When the permission check cannot tell (a read-only file system), SQLite's own refusal
    is translated: here the library is opened read-only behind the store's back."""
    path = copy_library(base_library, tmp_path)
    new = tmp_path / "新材料.txt"
    new.write_text("新材料\n一、坚持依法治理\n推进平安建设。\n", encoding="utf-8")
    real = opening.connect
    monkeypatch.setattr(store_module, "connect", lambda p, ro, params=None: real(p, ro, params or "mode=ro"))
    with Library.open(path) as lib:
        before = state(lib)
        with pytest.raises(LibraryError, match="只读"):
            import_file(lib, new)
        with pytest.raises(LibraryError, match="只读"):
            lib.remove_source(1)
        assert state(lib) == before


SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(
    not (hasattr(os, "geteuid") and os.geteuid() == 0 and SETPRIV), reason="needs root and setpriv"
)
def test_really_read_only_without_the_root_override(tmp_path, base_library):
    """The real thing: the CLI in a process that has dropped root's permission override."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = copy_library(base_library, folder)
    path.chmod(0o444)
    folder.chmod(0o555)
    before = files_of(folder, "library.sqlite3")
    drop = [
        SETPRIV,
        "--bounding-set=-dac_override,-dac_read_search,-fowner",
        sys.executable,
        "-m",
        "pingan_writer",
    ]

    def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*drop, *map(str, args), "--library", str(path)], capture_output=True, text=True
        )

    try:
        listed = cli("library", "list")
        assert listed.returncode == 0 and "建设更高水平的平安中国" in listed.stdout, listed.stderr
        removed = cli("library", "remove", "1")
        assert removed.returncode == 2 and "只读" in removed.stderr and "Traceback" not in removed.stderr
        assert files_of(folder, "library.sqlite3") == before
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


# -- 4. a full disk ----------------------------------------------------------------------------


def disk_full_after(monkeypatch, extra_pages: int) -> None:
    """Every library connection gets a page limit: SQLite then really fails with SQLITE_FULL
    ("database or disk is full") once the file would grow by more than `extra_pages`."""
    real = opening.connect

    def connect(path: Path, read_only: str | None, params: str | None = None):
        conn = real(path, read_only, params)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + extra_pages}")
        return conn

    monkeypatch.setattr(store_module, "connect", connect)


def test_a_full_disk_during_add_is_one_line_and_the_library_intact(
    capsys, tmp_path, base_library, monkeypatch
):
    path = copy_library(base_library, tmp_path)
    with Library.open(path) as lib:
        lib.remove_source(1)  # so adding it again has to grow the file
        before = state(lib)
    disk_full_after(monkeypatch, 0)
    code, _out, err = run(capsys, "library", "add", SOURCE_SAMPLE, "--library", path)
    assert code == 2 and "Traceback" not in err and "磁盘空间不足" in err
    monkeypatch.undo()
    with Library.open(path) as lib:
        assert state(lib) == before


def test_a_new_library_on_a_full_disk_leaves_no_file(capsys, tmp_path, monkeypatch):
    disk_full_after(monkeypatch, 1)
    path = tmp_path / "library.sqlite3"
    code, _, err = run(capsys, "library", "add", TALK_SAMPLE, "--library", path)
    assert code == 2 and "磁盘空间不足" in err and str(path) in err
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_reported_by_python_without_a_code_is_translated_too(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as lib:
        import_file(lib, TALK_SAMPLE)

    class Failing(sqlite3.Cursor):
        def execute(self, sql, parameters=()):
            if sql.startswith("INSERT INTO sources"):
                raise sqlite3.OperationalError("database or disk is full")
            return super().execute(sql, parameters)

    class FullCursor(connection.GuardedCursor, Failing):  # the translation sits above the failure
        pass

    monkeypatch.setattr(connection, "GuardedCursor", FullCursor)
    with Library.open(path) as lib:
        before = state(lib)
        with pytest.raises(LibraryError, match="磁盘空间不足"):
            import_file(lib, SOURCE_SAMPLE)
        assert state(lib) == before


# -- 5. three processes creating one library ---------------------------------------------------


def _create_and_import(path: str, source: str, barrier, results) -> None:
    try:
        barrier.wait(timeout=30)
        with Library.open(path) as lib:
            import_file(lib, Path(source))
        results.put("ok")
    except BaseException as exc:  # reported to the parent, which fails the test
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.skipif(sys.platform == "win32", reason="fork keeps the test fast (jieba is loaded once)")
def test_three_processes_creating_the_same_library_all_succeed(tmp_path):
    from pingan_writer.library.prepare import prepare_source  # noqa: F401 - load jieba before forking
    from pingan_writer.sources import read_source

    sources = []
    for i in range(3):
        f = tmp_path / f"材料{i}.txt"
        f.write_text(f"第{i}份材料\n一、坚持依法治理\n推进平安建设第{i}项工作。\n", encoding="utf-8")
        read_source(f)
        sources.append(str(f))
    ctx = multiprocessing.get_context("fork")
    for attempt in range(10):
        path = str(tmp_path / f"library{attempt}.sqlite3")
        barrier, results = ctx.Barrier(3), ctx.Queue()
        procs = [ctx.Process(target=_create_and_import, args=(path, s, barrier, results)) for s in sources]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert outcomes == ["ok"] * 3, (attempt, outcomes)
        with Library.open(path) as lib:
            assert len(lib.sources()) == 3


# -- 6. a refused add creates no library -------------------------------------------------------


def test_a_refused_add_creates_no_library(capsys, tmp_path):
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ\x90\x00" + bytes(500))
    path = tmp_path / "lib" / "library.sqlite3"
    for bad in (exe, tmp_path / "missing.txt"):
        code, _, err = run(capsys, "library", "add", bad, "--library", path)
        assert code == 2 and str(bad) in err
        assert not path.exists() and not any(path.parent.iterdir())


def test_a_refused_add_keeps_an_existing_library(capsys, tmp_path, base_library):
    path = copy_library(base_library, tmp_path)
    code, _, _ = run(capsys, "library", "add", tmp_path / "missing.txt", "--library", path)
    assert code == 2
    with Library.open(path) as lib:
        assert len(lib.sources()) == 3


def test_a_damaged_table_definition_is_damage_not_a_traceback(tmp_path):
    """A flipped byte in a column name inside the stored schema (found by the property test
    below: "no such column: s.title") is caught when the library is opened."""
    import sqlite3

    from pingan_writer.library.connection import LibraryDamaged
    from pingan_writer.library.store import Library

    path = tmp_path / "library.sqlite3"
    with Library.open(path):
        pass
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE sources RENAME COLUMN title TO tiXle")
    db.commit()
    db.close()
    with pytest.raises(LibraryDamaged, match="结构已损坏"):
        Library.open(path)
    assert not path.exists() and any(p.name.startswith("library.sqlite3.corrupt") for p in tmp_path.iterdir())
