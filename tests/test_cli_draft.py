"""The drafting CLI, along the issue's path: start a talk from the sample source with a skeleton,
see which sentences are quoted from where, get the sample talk's numbering problem pointed out,
renumber."""

from __future__ import annotations

import json

import pytest

from pingan_writer.cli import main
from pingan_writer.draft.fileformat import load_draft
from pingan_writer.library.paths import ENV_VAR
from pingan_writer.text.outline import parse_outline

from .conftest import SOURCE_SAMPLE, TALK_SAMPLE


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_templates_json_lists_the_five_built_ins(capsys):
    code, out, _ = run(capsys, "templates", "--json")
    names = {t["name"] for t in json.loads(out)["templates"]}
    assert code == 0
    assert {"study-talk", "discussion", "reflection", "pledge", "party-lecture"} <= names


def test_new_talk_from_the_sample_with_a_skeleton(capsys, tmp_path):
    out_path = tmp_path / "发言.pingan"
    code, _, err = run(
        capsys,
        "new",
        "--template",
        "study-talk",
        "--source",
        SOURCE_SAMPLE,
        "--speaker",
        "张三",
        "--meeting",
        "理论学习中心组",
        "--date",
        "2026年11月22日",
        "--minutes",
        8,
        "--node",
        "三、（一）",
        "--node",
        "维护社会稳定和安全",
        "-o",
        out_path,
    )
    assert code == 0, err
    draft = load_draft(out_path)
    assert draft.text.startswith("按照会议安排，由我围绕《建设更高水平的平安中国》学习内容分享个人体会。")
    assert draft.text.endswith("发言完毕，谢谢大家！")
    assert (draft.meta.speaker, draft.meta.target_minutes, draft.meta.template) == ("张三", 8.0, "study-talk")
    study = parse_outline(draft.text).nodes[1]
    assert [(c.number, c.title) for c in study.children] == [
        ("（一）", "加强国家安全体系和能力建设"),
        ("（二）", "维护社会稳定和安全"),
    ]
    # Per point: the sentence after its thesis and its three 一是/二是/三是 leads, all quoted.
    assert len(draft.quotes) == 8 and all(draft.text[q.start : q.end] == q.text for q in draft.quotes)
    assert draft.meta.meeting == "理论学习中心组"


def test_quotes_json_contract_on_the_sample_talk(capsys):
    code, out, _ = run(capsys, "quotes", TALK_SAMPLE, "--source", SOURCE_SAMPLE, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"spans", "coverage"}
    assert 0.3 < data["coverage"] < 0.4
    talk = TALK_SAMPLE.read_text(encoding="utf-8")
    source = SOURCE_SAMPLE.read_text(encoding="utf-8")
    for span in data["spans"]:
        assert set(span) >= {"start", "end", "source", "source_start", "source_end", "node"}
        assert span["source"] == str(SOURCE_SAMPLE)
        assert talk[span["start"] : span["end"]].replace("\n", "") == source[
            span["source_start"] : span["source_end"]
        ].replace("\n", "")


def test_quotes_against_the_library(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "lib.sqlite3"))
    run(capsys, "library", "add", SOURCE_SAMPLE)
    with_files = json.loads(run(capsys, "quotes", TALK_SAMPLE, "--source", SOURCE_SAMPLE, "--json")[1])
    code, out, _ = run(capsys, "quotes", TALK_SAMPLE, "--library", "--json")
    from_library = json.loads(out)
    assert code == 0

    def strip(spans):
        return [(s["start"], s["end"], s["source_start"], s["source_end"], s["node"]) for s in spans]

    assert strip(from_library["spans"]) == strip(with_files["spans"])
    assert from_library["coverage"] == with_files["coverage"]


def test_quotes_plain_output_and_min_chars(capsys):
    code, out, _ = run(capsys, "quotes", TALK_SAMPLE, "--source", SOURCE_SAMPLE, "--min-chars", 40)
    assert code == 0 and "引用占比" in out and "每处至少 40 字" in out
    code, _, err = run(capsys, "quotes", TALK_SAMPLE, "--source", SOURCE_SAMPLE, "--min-chars", 3)
    assert code == 2 and "--min-chars" in err


def test_check_points_out_the_sample_talks_numbering_problem(capsys):
    code, out, _ = run(capsys, "check", TALK_SAMPLE, "--json")
    assert code == 0
    findings = json.loads(out)["findings"]
    talk = TALK_SAMPLE.read_text(encoding="utf-8")
    inner = talk.index("一、建设更高水平的平安中国，要坚持总体国家安全观")
    level = [f for f in findings if f["rule"].startswith("numbering") and f["start"] == inner]
    assert level and level[0]["severity"] in ("error", "warning")
    assert all(set(f) == {"rule", "severity", "message", "start", "end"} for f in findings)


def test_renumber_rewrites_markers_and_keeps_quotes_on_their_text(capsys, tmp_path):
    path = tmp_path / "稿.pingan"
    run(
        capsys,
        "new",
        "--template",
        "study-talk",
        "--source",
        SOURCE_SAMPLE,
        "--node",
        "三、（一）",
        "--node",
        "三、（四）",
        "-o",
        path,
    )
    draft = load_draft(path)
    # A drafter's slip: the first point numbered （十一）, a longer marker, so every quote after it
    # must move when renumbering shortens it again.
    from pingan_writer.draft.fileformat import save_draft
    from pingan_writer.draft.renumber import Edit
    from pingan_writer.draft.renumber_map import apply_edits

    at = draft.text.index("（一）加强国家安全")
    apply_edits(draft, [Edit(at, at + 3, "（十一）")])
    assert all(draft.text[q.start : q.end] == q.text for q in draft.quotes)
    save_draft(draft, path)
    code, out, _ = run(capsys, "renumber", path)
    assert code == 0 and "已重新编号" in out
    again = load_draft(path)
    study = parse_outline(again.text).nodes[1]
    assert [c.number for c in study.children] == ["（一）", "（二）"]
    assert len(again.quotes) == len(draft.quotes) == 8
    assert all(again.text[q.start : q.end] == q.text for q in again.quotes)
    assert again.text.replace("（一）", "（十一）", 1) == draft.text  # only the marker changed
    assert (tmp_path / "稿.pingan.bak").exists()


def test_renumber_docx_needs_an_output(capsys, tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("一、总体要求")
    d.save(tmp_path / "a.docx")
    code, _, err = run(capsys, "renumber", tmp_path / "a.docx")
    assert code == 2 and "-o" in err


@pytest.mark.parametrize("bad", ["missing.pingan", "x.doc"])
def test_draft_commands_refuse_bad_input_cleanly(capsys, tmp_path, bad):
    path = tmp_path / bad
    if bad.endswith(".doc"):
        path.write_bytes(b"\xd0\xcf\x11\xe0")
    for command in (["check", path], ["renumber", path], ["quotes", path, "--source", SOURCE_SAMPLE]):
        code, out, err = run(capsys, *command)
        assert code == 2 and out == "" and str(path) in err and len(err.strip().splitlines()) == 1


def test_renumber_fix_levels_repairs_the_sample_talk(capsys, tmp_path):
    out = tmp_path / "改.txt"
    code, _, _ = run(capsys, "renumber", TALK_SAMPLE, "--fix-levels", "-o", out)
    assert code == 0
    fixed = out.read_text(encoding="utf-8")
    study = parse_outline(fixed).nodes[1]
    assert [c.number for c in study.children] == ["（一）", "（二）", "（三）"]
    original = TALK_SAMPLE.read_text(encoding="utf-8")
    for a, b in (("（一）", "一、"), ("（二）", "二、"), ("（三）", "三、")):
        fixed = fixed.replace(a + "建设更高水平", b + "建设更高水平")
    assert fixed.rstrip("\n") == original.rstrip("\n")  # nothing but the three markers changed
    findings = json.loads(run(capsys, "check", out, "--json")[1])["findings"]
    assert not [f for f in findings if f["rule"] == "numbering.level"]


def test_cli_copies_of_layer_defaults_match_the_layers():
    from pingan_writer.cli import draft_cmds, library_cmds
    from pingan_writer.draft.reuse import DEFAULT_MIN_CHARS
    from pingan_writer.library.keywords import DEFAULT_TOP
    from pingan_writer.library.search import DEFAULT_LIMIT
    from pingan_writer.text.fingerprints import GUARANTEED_MIN, K

    assert (draft_cmds.DEFAULT_MIN_CHARS, draft_cmds.WINDOW, draft_cmds.GUARANTEED_MIN) == (
        DEFAULT_MIN_CHARS,
        K,
        GUARANTEED_MIN,
    )
    assert (library_cmds.DEFAULT_LIMIT, library_cmds.DEFAULT_TOP) == (DEFAULT_LIMIT, DEFAULT_TOP)
