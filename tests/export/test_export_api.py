"""Exporting: formats, failures that change nothing, the round trip back to an outline."""

from __future__ import annotations

import os

import pytest

from pingan_writer import atomic
from pingan_writer.export import pdf
from pingan_writer.export.api import ExportError, export_draft
from pingan_writer.sources import read_source
from pingan_writer.text.outline import parse_outline


def shape(nodes):
    return [(n.kind, n.number, n.title, shape(n.children)) for n in nodes]


def test_exported_docx_reads_back_with_the_drafts_outline(talk_draft, tmp_path):
    out = export_draft(talk_draft, tmp_path / "talk.docx")
    back = read_source(out)
    assert shape(back.outline.nodes) == shape(parse_outline(talk_draft.text).nodes)
    assert back.title == talk_draft.meta.title


def test_txt_and_md(talk_draft, tmp_path):
    txt = export_draft(talk_draft, tmp_path / "t.txt").read_text(encoding="utf-8")
    assert txt == talk_draft.text.rstrip("\n") + "\n"
    md = export_draft(talk_draft, tmp_path / "t.md").read_text(encoding="utf-8")
    assert "## 二、学习体会" in md and "### 一、建设更高水平的平安中国" in md


def test_unknown_format_is_refused(talk_draft, tmp_path):
    with pytest.raises(ExportError, match="不支持导出"):
        export_draft(talk_draft, tmp_path / "t.doc")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_earlier_export_and_the_draft_intact(talk_draft, tmp_path, monkeypatch):
    out = export_draft(talk_draft, tmp_path / "talk.docx")
    earlier = out.read_bytes()
    text_before = talk_draft.text

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    talk_draft.meta.speaker = "李四"
    with pytest.raises(ExportError) as exc:
        export_draft(talk_draft, out)
    assert "磁盘空间不足" in str(exc.value) and str(out) in str(exc.value)
    monkeypatch.undo()
    assert out.read_bytes() == earlier
    assert talk_draft.text == text_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.docx"]  # no temporary left behind


def test_read_only_folder(talk_draft, tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(ExportError, match="没有写入权限"):
        export_draft(talk_draft, tmp_path / "t.docx")


def test_target_open_elsewhere(talk_draft, tmp_path, monkeypatch):
    out = export_draft(talk_draft, tmp_path / "t.docx")

    def locked(src, dst):  # what Windows does while Word holds the file open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="正在 Word/WPS 中打开"):
        export_draft(talk_draft, out)


def test_pdf_without_libreoffice_is_a_clear_message(talk_draft, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(ExportError) as exc:
        export_draft(talk_draft, tmp_path / "t.pdf")
    assert "未安装 LibreOffice" in str(exc.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    pdf.find_soffice() is None, reason="LibreOffice is not installed; scripts/test installs it"
)
def test_pdf_with_libreoffice(talk_draft, tmp_path):
    out = export_draft(talk_draft, tmp_path / "t.pdf")
    assert out.read_bytes().startswith(b"%PDF")


def test_export_to_a_folder_is_refused(talk_draft, tmp_path):
    (tmp_path / "x.docx").mkdir()
    with pytest.raises(ExportError, match="文件夹"):
        export_draft(talk_draft, tmp_path / "x.docx")


def test_progress_reaches_one(talk_draft, tmp_path):
    seen: list[float] = []
    export_draft(talk_draft, tmp_path / "t.docx", progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
