"""`pingan-writer text FILE [-o OUT]`: the text exactly as the app reads it, to the screen or
atomically to a file, for any source format; bad input gets one line and exit code 2."""

from __future__ import annotations

import os
import stat

from pingan_writer.cli import main
from pingan_writer.sources import read_source

from .conftest import SOURCE_SAMPLE


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_text_as_read(capsys):
    code, out, err = run(capsys, "text", str(SOURCE_SAMPLE))
    assert code == 0 and err == ""
    text = read_source(SOURCE_SAMPLE).text
    assert out == (text if text.endswith("\n") else text + "\n")


def test_writes_exactly_the_text_read_to_a_file(tmp_path, capsys):
    docx = tmp_path / "通知.docx"
    import docx as python_docx

    document = python_docx.Document()
    for line in ("关于开展平安建设考评的通知", "一、考评范围", "各区县。"):
        document.add_paragraph(line)
    document.save(docx)
    out_path = tmp_path / "通知.txt"
    code, out, err = run(capsys, "text", str(docx), "-o", str(out_path))
    assert code == 0 and out == "" and "已写入" in err
    assert out_path.read_text(encoding="utf-8") == read_source(docx).text
    assert stat.S_IMODE(os.stat(out_path).st_mode) == 0o666 & ~_umask()
    assert read_source(out_path).outline.nodes[0].number == "一、"


def test_overwrites_atomically_keeping_the_files_mode(tmp_path, capsys):
    out_path = tmp_path / "out.txt"
    out_path.write_text("旧内容", encoding="utf-8")
    out_path.chmod(0o640)
    assert run(capsys, "text", str(SOURCE_SAMPLE), "--output", str(out_path))[0] == 0
    assert out_path.read_text(encoding="utf-8") == read_source(SOURCE_SAMPLE).text
    assert stat.S_IMODE(os.stat(out_path).st_mode) == 0o640


def test_bad_input_is_one_line_and_exit_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    out_path = tmp_path / "out.txt"
    code, out, err = run(capsys, "text", str(bad), "-o", str(out_path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(bad) in err and "PDF" in err
    assert not out_path.exists()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
