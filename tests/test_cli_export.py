"""The export command's contract."""

from __future__ import annotations

import zipfile

import pytest

from pingan_writer.cli import main

from .conftest import TALK_SAMPLE


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_docx_with_every_option(capsys, tmp_path):
    out = tmp_path / "发言.docx"
    code, stdout, _ = run(
        capsys,
        "export",
        TALK_SAMPLE,
        "-o",
        out,
        "--quote-style",
        "kai",
        "--source-notes",
        "--line-pitch",
        28,
        "--no-page-numbers",
        "--no-signature",
    )
    assert code == 0 and "已导出" in stdout
    with zipfile.ZipFile(out) as z:
        document = z.read("word/document.xml").decode("utf-8")
        assert 'w:linePitch="560"' in document
        assert "PAGE" not in "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")
        )


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_export_text_formats(capsys, tmp_path, suffix):
    out = tmp_path / f"发言{suffix}"
    code, _, _ = run(capsys, "export", TALK_SAMPLE, "-o", out)
    assert code == 0 and "学习体会" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--quote-style", "bold"], "invalid choice"),
        (["--line-pitch", "30"], "invalid choice"),
    ],
)
def test_bad_options_are_usage_errors(capsys, tmp_path, args, expected):
    with pytest.raises(SystemExit) as exc:
        main(["export", str(TALK_SAMPLE), "-o", str(tmp_path / "x.docx"), *args])
    assert exc.value.code == 2
    assert expected in capsys.readouterr().err


def test_bad_input_and_bad_target(capsys, tmp_path):
    code, out, err = run(capsys, "export", tmp_path / "missing.pingan", "-o", tmp_path / "x.docx")
    assert code == 2 and out == "" and "不存在" in err
    code, _, err = run(capsys, "export", TALK_SAMPLE, "-o", tmp_path / "no" / "such" / "x.docx")
    assert code == 2 and "文件夹不存在" in err
    assert not (tmp_path / "x.docx").exists()
