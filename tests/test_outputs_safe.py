"""Outputs that keep files safe: every writer keeps an existing file's mode and gives a new file
the umask's mode (not the 0600 of its temporary file); a converter that exits 0 after writing
something other than a PDF does not replace a good earlier PDF; a refused `library add` leaves
no library file behind."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from pingan_writer.cli import main
from pingan_writer.export.api import ExportError, export_draft
from pingan_writer.export.pdf import check_pdf

from .conftest import SOURCE_SAMPLE, TALK_SAMPLE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")

# Numbering gone wrong after sections moved: renumber has something to rewrite.
MISNUMBERED = "学习体会\n\n一、第一部分\n正文甲。\n\n三、第二部分\n正文乙。\n\n二、第三部分\n正文丙。\n"


def run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    try:
        yield 0o640
    finally:
        os.umask(old)


@pytest.mark.parametrize("kept", [0o644, 0o640, 0o600])
def test_renumber_in_place_keeps_the_files_mode(capsys, tmp_path, kept):
    draft = tmp_path / "稿件.txt"
    draft.write_text(MISNUMBERED, encoding="utf-8")
    draft.chmod(kept)
    code, _, err = run(capsys, "renumber", draft)
    assert code == 0, err
    assert "二、第二部分" in draft.read_text(encoding="utf-8")  # it did rewrite the file
    assert mode(draft) == kept
    assert mode(draft.with_name(draft.name + ".bak")) == kept


def test_new_outputs_follow_the_umask(capsys, tmp_path, umask_027):
    draft = tmp_path / "稿件.txt"
    draft.write_text(MISNUMBERED, encoding="utf-8")
    outputs = {
        "renumber": (("renumber", draft, "-o", tmp_path / "新稿.pingan"), tmp_path / "新稿.pingan"),
        "text": (("text", TALK_SAMPLE, "-o", tmp_path / "原文.txt"), tmp_path / "原文.txt"),
        "docx": (("export", draft, "-o", tmp_path / "稿件.docx"), tmp_path / "稿件.docx"),
        "md": (("export", draft, "-o", tmp_path / "稿件.md"), tmp_path / "稿件.md"),
    }
    for name, (argv, target) in outputs.items():
        code, _, err = run(capsys, *argv)
        assert code == 0, (name, err)
        assert mode(target) == umask_027, name  # 0o666 & ~0o027, not 0o600


FAKE_SOFFICE = """#!/bin/sh
# A converter that "succeeds" but writes something that is not a PDF.
while [ $# -gt 0 ]; do
  case "$1" in --outdir) shift; out="$1";; esac
  shift
done
printf '%s' "$PAYLOAD" > "$out/draft.pdf"
exit 0
"""


@pytest.mark.parametrize("payload", ["<html>error page</html>", "%PDF-1.7 but nothing after it"])
def test_a_converter_that_writes_no_pdf_does_not_replace_a_good_pdf(capsys, tmp_path, monkeypatch, payload):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("PAYLOAD", payload)
    earlier = tmp_path / "稿件.pdf"
    good = b"%PDF-1.4 the earlier good export"
    earlier.write_bytes(good)
    draft = tmp_path / "稿件.txt"
    draft.write_text(MISNUMBERED.replace("三、", "二、", 1).replace("二、第三", "三、第三"), encoding="utf-8")
    code, out, err = run(capsys, "export", draft, "-o", earlier)
    errors = [line for line in err.splitlines() if line.startswith("pingan-writer:")]  # beside notices
    assert code == 2 and out == "" and len(errors) == 1 and "Traceback" not in err
    assert "不是有效的 PDF" in errors[0] and str(earlier) in errors[0]
    assert earlier.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "稿件.pdf", "稿件.txt"]  # no temporary left


def test_check_pdf_accepts_a_real_pdf_and_refuses_the_rest(tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    real = tmp_path / "real.pdf"
    doc.save(real)
    doc.close()
    check_pdf(real.read_bytes(), real, ExportError)
    empty = pdfium.PdfDocument.new()
    no_pages = tmp_path / "empty.pdf"
    empty.save(no_pages)
    empty.close()
    for bad in (b"", b"PK\x03\x04 a docx", b"%PDF-1.7\n", no_pages.read_bytes()):
        with pytest.raises(ExportError, match="不是有效的 PDF"):
            check_pdf(bad, real, ExportError)


def test_export_api_keeps_the_earlier_pdf_when_the_result_is_bad(tmp_path, monkeypatch):
    from pingan_writer.draft.model import Draft
    from pingan_writer.export import api, pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)  # no LibreOffice: refused too, untouched
    earlier = tmp_path / "稿件.pdf"
    earlier.write_bytes(b"%PDF-1.4 good")
    with pytest.raises(ExportError):
        export_draft(Draft(text="一、标题\n正文。\n"), earlier)
    assert earlier.read_bytes() == b"%PDF-1.4 good"
    assert api.FORMATS  # the module under test


@pytest.mark.parametrize("bad", ["setup.exe", "missing.txt", "empty-folder"])
def test_a_refused_library_add_creates_no_library_file(capsys, tmp_path, bad):
    target = tmp_path / bad
    if bad == "setup.exe":
        target.write_bytes(b"MZ\x90\x00" + bytes(1000))
    elif bad == "empty-folder":
        target.mkdir()
    library = tmp_path / "data" / "library.sqlite3"
    code, out, _ = run(capsys, "library", "add", target, "--library", library)
    assert code == 2 and out == ""
    assert not library.exists()
    assert not [p for p in library.parent.iterdir()]  # no -wal, -shm or journal either


def test_a_partly_refused_add_keeps_the_library_it_filled(capsys, tmp_path):
    library = tmp_path / "library.sqlite3"
    code, _, _ = run(capsys, "library", "add", SOURCE_SAMPLE, tmp_path / "missing.txt", "--library", library)
    assert code == 2 and library.exists()
    code, out, _ = run(capsys, "library", "list", "--library", library)
    assert code == 0 and "建设更高水平的平安中国" in out
