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
        (["--quote-style", "bold"], "不是可选值"),
        (["--line-pitch", "30"], "不是可选值"),
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


# -- the pre-print check ----------------------------------------------------------------------

QUOTED = "政治安全是国家安全的根本，必须坚定维护国家政权安全。"


def flawed_draft(tmp_path):
    """A .pingan draft with a prompt on line 1, a drifted quote on line 3, a gap on line 4."""
    from pingan_writer.draft.fileformat import save_draft
    from pingan_writer.draft.model import Draft, SourceRef

    draft = Draft(text="由【发言人】发言。\n一、主要内容\n文件指出：\n三、学习体会\n我们要加强学习。\n")
    quote = draft.insert_quote(
        draft.text.index("：") + 1, QUOTED, SourceRef("h", "建设更高水平的平安中国"), ["二、"], 0, len(QUOTED)
    )
    at = draft.text.index("根本", quote.start)
    draft.text = draft.text[:at] + "基础" + draft.text[at + 2 :]
    return save_draft(draft, tmp_path / "稿.pingan")


def test_export_warns_about_what_must_be_fixed_and_exports_anyway(capsys, tmp_path):
    out = tmp_path / "发言.txt"
    code, stdout, err = run(capsys, "export", flawed_draft(tmp_path), "-o", out)
    assert code == 0 and "已导出" in stdout and out.exists()
    lines = err.strip().splitlines()
    assert "1 处未填写的提示、1 处引文与原文不符、1 处编号错误" in lines[0] and "仍将导出" in lines[0]
    assert len(lines) == 4
    assert lines[1].strip().startswith("第 1 行") and "【发言人】" in lines[1]
    assert lines[2].strip().startswith("第 3 行") and "《建设更高水平的平安中国》" in lines[2]
    assert lines[3].strip().startswith("第 4 行") and "三、" in lines[3]


def test_export_strict_refuses_with_exit_code_2_and_writes_nothing(capsys, tmp_path):
    out = tmp_path / "发言.docx"
    code, stdout, err = run(capsys, "export", flawed_draft(tmp_path), "-o", out, "--strict")
    assert code == 2 and stdout == ""
    assert "未导出" in err and "【发言人】" in err and "第 3 行" in err
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "稿.pingan"]


def test_export_of_a_clean_draft_says_nothing_on_stderr_even_when_strict(capsys, tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_text("一、总体要求\n按照会议安排，由我发言。\n", encoding="utf-8")
    out = tmp_path / "发言.md"
    code, stdout, err = run(capsys, "export", draft, "-o", out, "--strict")
    assert code == 0 and err == "" and "已导出" in stdout and out.exists()


def test_check_reports_prompts_drift_doubled_marks_and_repeats(capsys, tmp_path):
    import json

    path = flawed_draft(tmp_path)
    from pingan_writer.draft.fileformat import load_draft, save_draft

    draft = load_draft(path)
    run_text = "一是加强理论学习；二是狠抓工作落实。"
    draft.text += f"好。。\n{run_text}\n{run_text}\n"
    save_draft(draft, path)
    code, out, _ = run(capsys, "check", path, "--json")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert code == 0
    assert {"prompt.unfilled", "quote.drift", "punct.doubled", "repeat.passage"} <= rules


def test_a_flood_of_findings_is_listed_up_to_a_limit(tmp_path, capsys):
    from pingan_writer.cli import main
    from pingan_writer.cli.export_cmds import MAX_LISTED

    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(f"一、【请填写第{i}点】" for i in range(MAX_LISTED + 30)), encoding="utf-8")
    assert main(["export", str(draft), "-o", str(tmp_path / "稿.docx")]) == 0
    err = capsys.readouterr().err
    assert err.count("  第 ") == MAX_LISTED and "……另有" in err
