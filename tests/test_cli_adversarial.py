"""Every command that reads a draft, on generated malformed drafts, and every numeric argument out
of range: exit code 2, one Chinese line on stderr naming the file or the option, no traceback,
and no file changed (the inputs, and an -o target that existed before). Issue 12, classes 3, 7."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pingan_writer.cli import main

from .conftest import SOURCE_SAMPLE


def _good() -> dict:
    return {
        "format": "pingan-draft",
        "version": 1,
        "meta": {"title": "体会", "target_minutes": 8},
        "sources": [],
        "quotes": [],
        "lines": ["一、学习体会", "正文。"],
    }


def _changed(**top) -> str:
    data = _good()
    data.update(top)
    return json.dumps(data, ensure_ascii=False)


MALFORMED = {
    "deep": '{"format": "pingan-draft", "version": 1, "lines": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "bigint": '{"format": "pingan-draft", "version": 1, "lines": [' + "7" * 5000 + "]}",
    "minutes": _changed(meta={"target_minutes": "十"}),
    "huge-minutes": _changed(meta={"target_minutes": 1e308}),
    "meta-list": _changed(meta=[]),
    "offset": _changed(
        quotes=[
            {
                "start": "abc",
                "end": 2,
                "source": "x",
                "source_title": "t",
                "node": [],
                "source_start": 0,
                "source_end": 2,
                "text": "一、",
            }
        ]
    ),
    "no-version": json.dumps({"format": "pingan-draft", "lines": ["正文"]}),
    "version-zero": _changed(version=0),
    "truncated": _changed()[:40],
    "not-utf8": "稿件".encode("gbk").decode("latin-1"),
}

# Commands that read a DRAFT, with an output target where they write one.
COMMANDS = [
    ("outline", ["outline", "{d}"]),
    ("stats", ["stats", "{d}", "--json"]),
    ("text", ["text", "{d}", "-o", "{o}.txt"]),
    ("timing", ["timing", "{d}"]),
    ("check", ["check", "{d}"]),
    ("quotes", ["quotes", "{d}", "--source", str(SOURCE_SAMPLE)]),
    ("renumber", ["renumber", "{d}"]),
    ("renumber-o", ["renumber", "{d}", "-o", "{o}.pingan"]),
    ("skeleton", ["skeleton", "{d}", "--source", str(SOURCE_SAMPLE), "--node", "一、", "-o", "{o}.pingan"]),
    ("export", ["export", "{d}", "-o", "{o}.docx"]),
]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def _run(capsys, argv: list[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own path
        code = exc.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize("name", list(MALFORMED))
@pytest.mark.parametrize("command,argv", COMMANDS, ids=[c for c, _ in COMMANDS])
def test_every_command_refuses_a_malformed_draft_cleanly(tmp_path, capsys, name, command, argv):
    draft = tmp_path / f"{name}.pingan"
    content = MALFORMED[name]
    draft.write_bytes(content.encode("latin-1") if name == "not-utf8" else content.encode("utf-8"))
    out = tmp_path / "输出"
    for suffix in (".txt", ".pingan", ".docx"):  # an earlier output that must survive
        out.with_suffix(suffix).write_bytes(b"earlier output")
    os.utime(draft, ns=(1_000_000_000, 1_000_000_000))
    before = _snapshot(tmp_path)
    code, err = _run(capsys, [a.format(d=draft, o=out) for a in argv])
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and str(draft) in lines[0], err
    assert "Traceback" not in err and "Error" not in err and "argument" not in err
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "argv,option",
    [
        (["check", "{d}", "--minutes", "1e308"], "--minutes"),
        (["check", "{d}", "--minutes", "nan"], "--minutes"),
        (["check", "{d}", "--minutes", "inf"], "--minutes"),
        (["check", "{d}", "--minutes", "-1"], "--minutes"),
        (["check", "{d}", "--minutes", "十"], "--minutes"),
        (["check", "{d}", "--rate", "1e308"], "--rate"),
        (["stats", "{d}", "--rate", "0"], "--rate"),
        (["timing", "{d}", "--rate", "99999999999999999999"], "--rate"),
        (["search", "x", "--limit", "99999999999999999999"], "--limit"),
        (["search", "x", "--limit", "0"], "--limit"),
        (["search", "x", "--limit", "-1"], "--limit"),
        (["search", "x", "--source", "99999999999999999999"], "--source"),
        (["related", "x", "--limit", "1001"], "--limit"),
        (["keywords", "{d}", "--top", "201"], "--top"),
        (["keywords", "--source", "0"], "--source"),
        (["library", "remove", "99999999999999999999"], "ID"),
        (["export", "{d}", "-o", "{o}", "--line-pitch", "30"], "--line-pitch"),
        (["export", "{d}", "-o", "{o}", "--line-pitch", "abc"], "--line-pitch"),
        (
            ["new", "--template", "study-talk", "--source", "{d}", "--minutes", "121", "-o", "{o}"],
            "--minutes",
        ),
    ],
)
def test_numeric_arguments_out_of_range_are_refused_in_chinese(tmp_path, capsys, argv, option):
    draft = tmp_path / "稿件.pingan"
    draft.write_text(json.dumps(_good(), ensure_ascii=False), encoding="utf-8")
    library = tmp_path / "lib.sqlite3"
    before = _snapshot(tmp_path)
    args = [a.format(d=draft, o=tmp_path / "out.docx") for a in argv] + ["--library", str(library)]
    if argv[0] in ("check", "stats", "timing", "export", "new"):
        args = args[:-2]
    code, err = _run(capsys, args)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1, err
    assert f"参数 {option}" in lines[0] and "argument" not in err and "invalid" not in err
    assert _snapshot(tmp_path) == before  # not even an empty library


def test_accepted_arguments_at_the_edges_of_their_ranges(tmp_path, capsys):
    draft = tmp_path / "稿件.pingan"
    draft.write_text(json.dumps(_good(), ensure_ascii=False), encoding="utf-8")
    assert _run(capsys, ["check", str(draft), "--minutes", "120", "--rate", "400"])[0] == 0
    assert _run(capsys, ["check", str(draft), "--minutes", "1", "--rate", "60"])[0] == 0


def test_an_empty_folder_given_to_library_add_is_named(tmp_path, capsys):
    folder = tmp_path / "空文件夹"
    folder.mkdir()
    code, err = _run(capsys, ["library", "add", str(folder), "--library", str(tmp_path / "l.sqlite3")])
    assert code == 2 and str(folder) in err and "没有找到可导入的文件" in err


def test_skeleton_without_a_study_section_names_the_draft(tmp_path, capsys):
    draft = tmp_path / "无学习体会.pingan"
    data = _good()
    data["lines"] = ["一、工作情况", "正文。"]
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = _snapshot(tmp_path)
    code, err = _run(capsys, ["skeleton", str(draft), "--source", str(SOURCE_SAMPLE), "--node", "一、"])
    assert code == 2 and str(draft) in err and "学习体会" in err
    assert _snapshot(tmp_path) == before


def test_usage_errors_are_one_chinese_line(capsys):
    code, err = _run(capsys, ["search"])
    assert code == 2 and err.strip().splitlines() == [err.strip()]
    assert "缺少参数：QUERY" in err and "usage" not in err and "required" not in err
