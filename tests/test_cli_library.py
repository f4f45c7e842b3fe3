"""CLI contracts of library, search, keywords and related."""

from __future__ import annotations

import json

import pytest

from pingan_writer.cli import main
from pingan_writer.library.paths import ENV_VAR

from .conftest import SEEDS, SOURCE_SAMPLE, TALK_SAMPLE


@pytest.fixture
def lib_path(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    return tmp_path / "cli.sqlite3"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_remove_round_trip(capsys, lib_path):
    code, out, err = run(capsys, "library", "add", SEEDS, "--library", lib_path, "--json")
    assert code == 0 and err == ""
    added = json.loads(out)
    assert set(added) == {"results", "failures"}
    assert {r["status"] for r in added["results"]} == {"added"}
    code, out, _ = run(capsys, "--library", lib_path, "library", "list", "--json")
    sources = json.loads(out)["sources"]
    assert {s["title"] for s in sources} == {"建设更高水平的平安中国", "学习体会发言-建设更高水平的平安中国"}
    assert set(sources[0]) >= {"id", "title", "path", "format", "encoding", "chars", "passages"}
    code, out, _ = run(capsys, "library", "add", SOURCE_SAMPLE, "--library", lib_path)
    assert code == 0 and out.startswith("未变化")
    code, out, _ = run(capsys, "library", "remove", sources[0]["id"], "--library", lib_path)
    assert code == 0
    code, _, err = run(capsys, "library", "remove", sources[0]["id"], "--library", lib_path)
    assert code == 2 and "没有编号" in err and str(lib_path) in err


def test_add_reports_each_bad_file_and_exits_2_but_keeps_the_good_ones(capsys, lib_path, tmp_path):
    bad = tmp_path / "旧.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = run(capsys, "library", "add", TALK_SAMPLE, bad, "--library", lib_path)
    assert code == 2
    assert out.startswith("已导入")
    assert err.strip().count("\n") == 0 and str(bad) in err and ".doc" in err
    assert "学习体会发言" in run(capsys, "library", "list", "--library", lib_path)[1]


def test_search_json_contract(capsys, lib_path):
    run(capsys, "library", "add", SEEDS, "--library", lib_path)
    code, out, _ = run(capsys, "search", "枫桥经验", "--json", "--limit", 2, "--library", lib_path)
    assert code == 0
    results = json.loads(out)["results"]
    assert len(results) == 2
    for r in results:
        assert set(r) >= {"source", "source_title", "path", "start", "end", "text", "score"}
        assert isinstance(r["path"], list) and isinstance(r["score"], float)
        assert "枫桥经验" in r["text"]
        text = (SEEDS / (r["source_title"] + ".txt")).read_text(encoding="utf-8")
        assert text[r["start"] : r["end"]] == r["text"]


def test_search_uses_the_environment_variable_and_filters_by_source(capsys, lib_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(lib_path))
    run(capsys, "library", "add", SEEDS)
    ids = {s["title"]: s["id"] for s in json.loads(run(capsys, "library", "list", "--json")[1])["sources"]}
    talk = ids["学习体会发言-建设更高水平的平安中国"]
    out = run(capsys, "search", "枫桥经验", "--source", talk, "--json")[1]
    assert {r["source"] for r in json.loads(out)["results"]} == {talk}
    code, _, err = run(capsys, "search", "枫桥经验", "--source", 999)
    assert code == 2 and "999" in err


def test_keywords_for_a_file_and_for_a_library_source(capsys, lib_path):
    code, out, _ = run(capsys, "keywords", SOURCE_SAMPLE, "--json", "--library", lib_path)
    assert code == 0
    data = json.loads(out)
    assert "平安中国" in [k["word"] for k in data["keywords"]][:5]
    assert [n["number"] for n in data["nodes"]][:2] == ["一、", "（一）"]
    assert not lib_path.exists()  # reading a file's keywords creates no library
    run(capsys, "library", "add", SOURCE_SAMPLE, "--library", lib_path)
    code, out, _ = run(capsys, "keywords", "--source", 1, "--json", "--library", lib_path)
    assert code == 0 and json.loads(out)["keywords"]


def test_related_from_text_and_from_file(capsys, lib_path, tmp_path):
    run(capsys, "library", "add", SEEDS, "--library", lib_path)
    para = "健全社会心理服务体系和危机干预机制，最大限度消解社会戾气"
    code, out, _ = run(capsys, "related", para, "--json", "--limit", 3, "--library", lib_path)
    results = json.loads(out)["results"]
    assert code == 0 and len(results) == 3 and "消解社会戾气" in results[0]["text"]
    f = tmp_path / "段落.txt"
    f.write_text(para, encoding="utf-8")
    assert json.loads(run(capsys, "related", "--file", f, "--json", "--library", lib_path)[1])["results"]


def test_corrupt_library_is_a_clean_error(capsys, tmp_path):
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"garbage" * 500)
    code, out, err = run(capsys, "library", "list", "--library", path)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "损坏" in err and "Traceback" not in err


def test_progress_bar_draws_only_on_a_terminal():
    import io

    from pingan_writer.cli.common import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term, pipe = Terminal(), io.StringIO()
    for stream in (term, pipe):
        bar = ProgressBar(stream)
        bar.update(0.5, "1/2 原文.txt")
        bar.close()
    assert "[##############--------------]  50% 1/2 原文.txt" in term.getvalue()
    assert pipe.getvalue() == ""
