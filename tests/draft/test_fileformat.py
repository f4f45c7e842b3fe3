"""The draft file: round trip, atomic saves that never lose the previous file, other formats."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest

from pingan_writer import atomic
from pingan_writer.draft.fileformat import DraftError, load_draft, save_draft
from pingan_writer.draft.model import Draft, DraftMeta, SourceRef
from pingan_writer.errors import PinganError


def sample_draft() -> Draft:
    d = Draft(
        "按照会议安排，由我分享个人体会。\n一、主要内容\n\n　　正文第一段。\n"
        "二、学习体会\n（一）坚持党的领导。",
        DraftMeta(
            title="学习体会",
            speaker="张三",
            meeting="中心组学习",
            date="2026年11月22日",
            target_minutes=8.0,
            template="study-talk",
        ),
    )
    ref = SourceRef("abc123", "建设更高水平的平安中国", "/x/原文.txt", 3)
    at = d.text.index("正文")
    d.insert_quote(at, "坚持党的领导，", ref, ["二、", "（一）"], 100, 107)
    return d


def test_round_trip_keeps_text_metadata_sources_and_quotes(tmp_path):
    d = sample_draft()
    path = save_draft(d, tmp_path / "稿件.pingan")
    again = load_draft(path)
    assert again == d
    q = again.quotes[0]
    assert again.text[q.start : q.end] == "坚持党的领导，"


def test_native_file_is_readable_json_with_one_line_per_paragraph(tmp_path):
    path = save_draft(sample_draft(), tmp_path / "稿件.pingan")
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data["format"] == "pingan-draft" and data["version"] == 1
    assert data["lines"][1] == "一、主要内容"
    assert "按照会议安排" in raw  # not \\u-escaped


def test_saving_again_keeps_the_previous_version_as_backup(tmp_path):
    path = tmp_path / "稿件.pingan"
    first = sample_draft()
    save_draft(first, path)
    second = sample_draft()
    second.text += "\n补充一段。"
    save_draft(second, path)
    assert load_draft(path).text.endswith("补充一段。")
    assert load_draft(path.with_name("稿件.pingan.bak")).text == first.text


def test_a_save_interrupted_by_an_os_error_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "稿件.pingan"
    save_draft(sample_draft(), path)
    before = path.read_bytes()
    changed = sample_draft()
    changed.text = "全新的内容"

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(DraftError) as exc:
        save_draft(changed, path)
    assert "保存失败" in str(exc.value) and str(path) in str(exc.value)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_draft(path).text == sample_draft().text
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_fsync_also_leaves_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "稿件.pingan"
    save_draft(sample_draft(), path)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(DraftError):
        save_draft(Draft("别的内容"), path)
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_read_only_folder_is_a_clear_error(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(DraftError, match="无法在该文件夹中写入"):
        save_draft(sample_draft(), tmp_path / "稿件.pingan")


@pytest.mark.parametrize(
    "content,expected",
    [
        ('{"format": "pingan-draft", "version": 1, "lines": [', "第 1 行"),
        ('{"format": "other"}', "不是平安写作稿件"),
        ('{"format": "pingan-draft", "version": 99, "lines": []}', "更新版本"),
        ('{"format": "pingan-draft", "version": 1}', "不完整"),
        ('{"format": "pingan-draft", "version": 1, "lines": [], "meta": {"colour": 1}}', "不完整"),
    ],
)
def test_broken_draft_files_get_clear_errors(tmp_path, content, expected):
    path = tmp_path / "坏.pingan"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DraftError) as exc:
        load_draft(path)
    assert expected in str(exc.value) and str(path) in str(exc.value)


def test_txt_md_and_docx_open_as_drafts(tmp_path):
    (tmp_path / "a.txt").write_text("一、总体要求\n正文。", encoding="utf-8")
    (tmp_path / "b.md").write_text("# 标题\n\n一、总体要求\n\n正文。", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("一、总体要求")
    document.add_paragraph("正文。")
    document.save(tmp_path / "c.docx")
    assert load_draft(tmp_path / "a.txt").text == "一、总体要求\n正文。"
    assert load_draft(tmp_path / "b.md").text == "标题\n一、总体要求\n正文。"
    assert load_draft(tmp_path / "c.docx").text == "一、总体要求\n正文。"
    with pytest.raises(PinganError):
        load_draft(tmp_path / "missing.txt")


def test_save_as_txt_and_md(tmp_path):
    d = sample_draft()
    txt = save_draft(d, tmp_path / "out.txt").read_text(encoding="utf-8")
    assert txt == d.text + "\n"
    md = save_draft(d, tmp_path / "out.md").read_text(encoding="utf-8")
    assert "## 一、主要内容" in md and "### （一）坚持党的领导。" in md and "## 二、学习体会" in md
    with pytest.raises(DraftError, match="不支持保存"):
        save_draft(d, tmp_path / "out.doc")


def test_insert_quote_shifts_later_quotes():
    d = sample_draft()
    first = d.quotes[0]
    ref = SourceRef("abc123", "原文")
    d.insert_quote(0, "开头引文。", ref, [], 0, 5)
    assert d.text[first.start : first.end] == "坚持党的领导，"
    assert [q.text for q in d.quotes] == ["开头引文。", "坚持党的领导，"]
    assert len(d.sources) == 1  # the same source is recorded once


def test_path_objects_and_strings_are_both_accepted(tmp_path):
    save_draft(sample_draft(), str(tmp_path / "s.pingan"))
    assert load_draft(Path(tmp_path / "s.pingan")).meta.speaker == "张三"
