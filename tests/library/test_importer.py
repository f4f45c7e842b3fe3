"""Importing files and folders: progress, failures listed per file, cancellation."""

from __future__ import annotations

from pingan_writer.library.importer import expand_paths, import_paths
from pingan_writer.library.store import Library

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE


def test_folder_import_takes_supported_files_and_reports_each_failure(tmp_path):
    folder = tmp_path / "材料"
    (folder / "子目录").mkdir(parents=True)
    (folder / "一.txt").write_bytes(SOURCE_SAMPLE.read_bytes())
    (folder / "子目录" / "二.md").write_text("# 标题\n\n一、要点\n内容。\n", encoding="utf-8")
    (folder / "坏.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    (folder / "图片.png").write_bytes(b"\x89PNG")
    (folder / "~$临时.docx").write_bytes(b"lock file")
    assert [p.name for p in expand_paths([folder])] == ["一.txt", "坏.txt", "二.md"]
    with Library.open(tmp_path / "l.sqlite3") as lib:
        report = import_paths(lib, [folder])
        assert [p.name for p, _ in report.results] == ["一.txt", "二.md"]
        assert [(p.name, "二进制" in reason) for p, reason in report.failures] == [("坏.txt", True)]
        assert len(lib.sources()) == 2


def test_progress_rises_to_one(tmp_path):
    seen = []
    with Library.open(tmp_path / "l.sqlite3") as lib:
        import_paths(lib, [SOURCE_SAMPLE, TALK_SAMPLE], progress=seen.append)
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert {p.path for p in seen[:-1]} == {SOURCE_SAMPLE, TALK_SAMPLE}
    assert all(p.total == 2 for p in seen)


def test_cancel_stops_before_the_next_file_and_writes_nothing_of_the_current(tmp_path):
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 2  # let the first file through, stop during the second

    with Library.open(tmp_path / "l.sqlite3") as lib:
        report = import_paths(lib, [TALK_SAMPLE, SOURCE_SAMPLE], cancelled=cancelled)
        assert report.cancelled
        assert [i.title for i in lib.sources()] == ["学习体会发言-建设更高水平的平安中国"]
        assert lib.conn.execute("SELECT count(*) FROM passages").fetchone()[0] == lib.sources()[0].passages
