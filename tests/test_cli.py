"""The command line: outline and stats output, and the bad-input contract (one line on stderr
naming the file and the problem, exit code 2, no traceback)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from pingan_writer.cli import main
from pingan_writer.sources import word

from .conftest import SOURCE_SAMPLE, TALK_SAMPLE


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_outline_json_has_exactly_the_contract_keys(capsys):
    code, out, err = run(capsys, "outline", str(TALK_SAMPLE), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"title", "encoding", "nodes"}
    assert data["title"] == "学习体会发言-建设更高水平的平安中国"
    assert data["encoding"] == "utf-8"

    def check(node, level):
        assert set(node) == {"kind", "level", "number", "title", "start", "end", "children"}
        assert node["kind"] in ("heading", "point", "annex") and node["level"] == level
        for child in node["children"]:
            check(child, level + 1)

    for node in data["nodes"]:
        check(node, 1)
    study = data["nodes"][1]
    assert (study["number"], study["title"]) == ("二、", "学习体会")
    assert [c["number"] for c in study["children"]] == ["一、", "二、", "三、"]
    text = TALK_SAMPLE.read_text(encoding="utf-8")
    assert text[study["start"] : study["start"] + 6] == "二、学习体会"


def test_outline_tree_is_indented(capsys):
    code, out, _ = run(capsys, "outline", str(TALK_SAMPLE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("学习体会发言-建设更高水平的平安中国")
    assert any(line.startswith("    一、建设更高水平的平安中国，要坚持总体国家安全观") for line in lines)
    assert any(line.startswith("      · 一是 坚定维护国家政治安全") for line in lines)


def test_stats_counts_characters_paragraphs_and_minutes(capsys):
    code, out, _ = run(capsys, "stats", str(TALK_SAMPLE), "--json", "--rate", "200")
    assert code == 0
    data = json.loads(out)
    text = TALK_SAMPLE.read_text(encoding="utf-8")
    non_space = sum(1 for ch in text if not ch.isspace())
    assert data["paragraphs"] == 14
    assert data["characters"] == non_space  # the talk has no Latin or digit runs to merge
    assert data["minutes"] == round(non_space / 200, 2)
    assert data["rate"] == 200


def test_stats_plain_output_reports_minutes_at_default_rate(capsys):
    code, out, _ = run(capsys, "stats", str(SOURCE_SAMPLE))
    assert code == 0
    assert "字数：" in out and "预计时长：" in out and "180 字/分钟" in out


def test_no_subcommand_starts_the_gui(monkeypatch):
    import pingan_writer.gui.app as app

    started = []
    monkeypatch.setattr(app, "run", lambda argv: started.append(argv) or 0)
    assert main([]) == 0 and started == [[]]
    assert main(["gui", "稿件.pingan"]) == 0 and started[-1] == ["稿件.pingan"]


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0 and "outline" in out and "export" in out


@pytest.mark.parametrize("rate", ["0", "-5", "abc", "nan"])
def test_bad_rate_is_a_usage_error(capsys, rate):
    with pytest.raises(SystemExit) as exc:
        main(["stats", str(TALK_SAMPLE), "--rate", rate])
    assert exc.value.code == 2


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("一、总体要求")
    d.save(buf)
    return buf.getvalue()


def _zip_with(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


BAD_INPUTS = {
    "missing": (None, "文件不存在"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
    "disguised.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
    "scan.pdf": (b"%PDF-1.7\n", "PDF"),
    "table.xlsx": (b"PK\x03\x04", "不支持的文件格式"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4, "二进制"),
    "empty.txt": (b"", "空"),
    "blank.txt": ("　　\n\r\n  \n".encode(), "没有文字"),
    "corrupt.txt": ("平安中国".encode() + b"\xff\xfe\xfa" * 40 + "建设".encode(), "编码"),
    "random.docx": (b"PK\x03\x04" + os.urandom(300), "损坏"),
    "nodocument.docx": (_zip_with({"hello.txt": b"hi"}), "document.xml"),
    "truncated.docx": (_docx_bytes()[:2000], "损坏"),
    "bomb.docx": (_zip_with({"word/document.xml": b"<" + b"a" * (8 * 1024 * 1024)}), "压缩炸弹"),
    "badxml.docx": (
        _zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"}),
        "损坏",
    ),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
@pytest.mark.parametrize("command", ["outline", "stats"])
def test_bad_input_gets_one_line_naming_the_file_and_exit_2(tmp_path, capsys, name, command):
    content, expected = BAD_INPUTS[name]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = run(capsys, command, str(path), "--json")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and expected in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_a_folder_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "outline", str(tmp_path))
    assert code == 2 and "文件夹" in err


def test_the_bytes_decide_the_format_not_the_name(tmp_path, capsys):
    path = tmp_path / "其实是文本.docx"
    path.write_text("关于平安建设的通知\n一、总体要求\n内容。\n", encoding="utf-8")
    code, out, _ = run(capsys, "outline", str(path))
    assert code == 0 and "一、总体要求" in out


def test_huge_file_is_refused_without_reading_it(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(40 * 1024 * 1024)  # sparse: costs no disk, but stat says 40 MB
    code, _, err = run(capsys, "outline", str(path))
    assert code == 2 and "过大" in err and str(path) in err


def test_docx_with_absurd_uncompressed_size_is_refused(tmp_path, capsys, monkeypatch):
    # The declared sizes are what the check reads; lowering the ceiling keeps the test small.
    monkeypatch.setattr(word, "MAX_UNCOMPRESSED", 10_000)
    path = tmp_path / "big.docx"
    path.write_bytes(_docx_bytes())
    code, _, err = run(capsys, "outline", str(path))
    assert code == 2 and "过大" in err


def test_unreadable_file_is_reported(tmp_path, capsys, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("一、总体要求", encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    code, _, err = run(capsys, "outline", str(path))
    assert code == 2 and "没有读取权限" in err


@pytest.mark.parametrize("launcher", [["pingan-writer"], [sys.executable, "-m", "pingan_writer"]])
def test_installed_entry_points_run_without_traceback(tmp_path, launcher):
    exe = Path(sys.executable).parent / "pingan-writer"
    cmd = [str(exe)] if launcher == ["pingan-writer"] else launcher
    ok = subprocess.run([*cmd, "outline", str(TALK_SAMPLE), "--json"], capture_output=True, text=True)
    assert ok.returncode == 0 and json.loads(ok.stdout)["nodes"]
    bad = tmp_path / "x.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    failed = subprocess.run([*cmd, "outline", str(bad)], capture_output=True, text=True)
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr and len(failed.stderr.strip().splitlines()) == 1


def _saved_draft(tmp_path: Path, title: str, text: str | None = None) -> Path:
    from pingan_writer.draft.fileformat import save_draft
    from pingan_writer.draft.model import Draft, DraftMeta
    from pingan_writer.sources import read_source

    text = read_source(TALK_SAMPLE).text if text is None else text
    return save_draft(Draft(text, DraftMeta(title=title, meeting="中心组学习会")), tmp_path / "稿件.pingan")


def test_outline_reads_the_apps_own_draft_with_the_same_contract(tmp_path, capsys):
    path = _saved_draft(tmp_path, "学习《建设更高水平的平安中国》体会")
    code, out, err = run(capsys, "outline", str(path), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"title", "encoding", "nodes"}
    assert data["title"] == "学习《建设更高水平的平安中国》体会" and data["encoding"] == "utf-8"
    _, as_text, _ = run(capsys, "outline", str(TALK_SAMPLE), "--json")
    assert data["nodes"] == json.loads(as_text)["nodes"]  # the draft holds the sample talk's text
    code, out, _ = run(capsys, "outline", str(path))
    assert code == 0 and out.startswith("学习《建设更高水平的平安中国》体会（pingan，utf-8，")
    assert "  二、学习体会  [" in out


def test_stats_reads_the_apps_own_draft_with_the_same_contract(tmp_path, capsys):
    path = _saved_draft(tmp_path, "学习体会")
    code, out, err = run(capsys, "stats", str(path), "--json", "--rate", "200")
    assert code == 0 and err == ""
    data = json.loads(out)
    _, as_text, _ = run(capsys, "stats", str(TALK_SAMPLE), "--json", "--rate", "200")
    expected = json.loads(as_text)
    assert set(data) == set(expected) == {"title", "characters", "paragraphs", "minutes", "rate"}
    assert data == {**expected, "title": "学习体会"}
    assert data["paragraphs"] == 14


def test_an_untitled_draft_is_titled_by_its_title_line(tmp_path, capsys):
    path = _saved_draft(tmp_path, "", "关于加强平安建设的发言\n\n一、总体要求\n要统筹发展和安全。\n")
    for command in ("outline", "stats"):
        code, out, _ = run(capsys, command, str(path), "--json")
        assert code == 0 and json.loads(out)["title"] == "关于加强平安建设的发言"


def test_a_broken_draft_gets_one_line_and_exit_2(tmp_path, capsys):
    path = tmp_path / "坏稿件.pingan"
    path.write_text('{"format": "pingan-draft", "version": 1, "lines": [1, 2]}', encoding="utf-8")
    for command in ("outline", "stats"):
        code, out, err = run(capsys, command, str(path))
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and str(path) in err
