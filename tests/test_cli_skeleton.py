"""pingan-writer skeleton (and new --node): the points go under 二、学习体会 in place of the
template's prompt points, never after 发言完毕，谢谢大家！, and the length is reported."""

from __future__ import annotations

import re

from pingan_writer.cli import main
from pingan_writer.draft.fileformat import load_draft
from pingan_writer.text.counting import DEFAULT_RATE, count_characters
from pingan_writer.text.outline import parse_outline

from .conftest import SOURCE_SAMPLE, TALK_SAMPLE

CLOSING = "发言完毕，谢谢大家！"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def new_talk(capsys, path, *extra):
    code, _, err = run(
        capsys,
        "new",
        "--template",
        "study-talk",
        "--source",
        SOURCE_SAMPLE,
        "--minutes",
        5,
        *extra,
        "-o",
        path,
    )
    assert code == 0, err


def study_numbers(text: str) -> list[str]:
    return [c.number for c in parse_outline(text).nodes[1].children]


def test_skeleton_on_a_saved_draft_replaces_the_prompts_before_the_closing(capsys, tmp_path):
    path = tmp_path / "稿.pingan"
    new_talk(capsys, path)
    nodes = ("三、（一）", "三、（四）", "二、（一）")
    code, out, err = run(
        capsys, "skeleton", path, "--source", SOURCE_SAMPLE, *[a for n in nodes for a in ("--node", n)]
    )
    assert code == 0, err
    draft = load_draft(path)
    text = draft.text
    assert study_numbers(text) == ["（一）", "（二）", "（三）"]
    assert "【体会" not in text
    assert text.index("（三）树立科学理念") < text.index("【在此重申") < text.index(CLOSING)
    assert text.rstrip("\n").endswith(CLOSING)
    assert all(text[q.start : q.end] == q.text for q in draft.quotes) and len(draft.quotes) == 3 + 3 + 3 + 5
    chars = count_characters(text)
    assert out.strip() == (
        f"已插入 3 条学习体会到 {path}：替换 3 条未填写的提示；"
        f"全文 {chars} 字，约 {chars / DEFAULT_RATE:.1f} 分钟（目标 5 分钟）"
    )
    assert (tmp_path / "稿.pingan.bak").exists()


def test_a_second_run_continues_the_numbering_after_the_filled_points(capsys, tmp_path):
    path = tmp_path / "稿.pingan"
    new_talk(capsys, path, "--node", "三、（一）")
    code, out, _ = run(capsys, "skeleton", path, "--source", SOURCE_SAMPLE, "--node", "三、（四）")
    assert code == 0 and "替换" not in out
    text = load_draft(path).text
    assert study_numbers(text) == ["（一）", "（二）"]
    assert text.index("（二）维护社会稳定和安全") < text.index(CLOSING)


def test_full_quotes_whole_points_and_output_goes_to_o(capsys, tmp_path):
    path = tmp_path / "稿.pingan"
    new_talk(capsys, path)
    original = path.read_bytes()
    sizes = {}
    for flag in ("", "--full"):
        out_path = tmp_path / f"出{flag or '-lead'}.txt"
        args = ["skeleton", path, "--source", SOURCE_SAMPLE, "--node", "三、（一）", "-o", out_path]
        code, out, _ = run(capsys, *args, *([flag] if flag else []))
        assert code == 0
        sizes[flag] = int(re.search(r"全文 (\d+) 字", out).group(1))
        assert count_characters(out_path.read_text(encoding="utf-8")) == sizes[flag]
    assert path.read_bytes() == original
    assert sizes["--full"] > sizes[""] + 150
    assert "二是坚定维护政治安全。政治安全是国家安全的根本" in (tmp_path / "出--full.txt").read_text(
        encoding="utf-8"
    )


def test_the_sample_talk_gets_a_fourth_point_before_its_closing(capsys, tmp_path):
    out_path = tmp_path / "发言.txt"
    code, _, err = run(
        capsys, "skeleton", TALK_SAMPLE, "--source", SOURCE_SAMPLE, "--node", "三、（二）", "-o", out_path
    )
    assert code == 0, err
    text = out_path.read_text(encoding="utf-8")
    assert study_numbers(text) == ["一、", "二、", "三、", "四、"]
    assert text.index("四、确保国家经济安全") < text.index(
        "是以习近平同志为核心的党中央作出的战略擘画。我们要"
    )
    assert text.rstrip("\n").endswith(CLOSING)


def test_no_matching_heading_is_one_clear_error(capsys, tmp_path):
    path = tmp_path / "稿.txt"
    path.write_text("一段没有标题的话。\n", encoding="utf-8")
    code, out, err = run(
        capsys, "skeleton", path, "--source", SOURCE_SAMPLE, "--node", "三、（一）", "--under", "体会"
    )
    assert code == 2 and out == "" and "--under" in err and len(err.strip().splitlines()) == 1
    assert path.read_text(encoding="utf-8") == "一段没有标题的话。\n"


def test_new_with_nodes_and_full(capsys, tmp_path):
    path = tmp_path / "稿.pingan"
    code, out, _ = run(
        capsys,
        "new",
        "--template",
        "study-talk",
        "--source",
        SOURCE_SAMPLE,
        "--meeting",
        "理论学习中心组",
        "--node",
        "三、（一）",
        "--full",
        "-o",
        path,
    )
    assert code == 0 and "处引文" in out and "全文" in out
    draft = load_draft(path)
    assert draft.meta.meeting == "理论学习中心组"
    assert study_numbers(draft.text) == ["（一）"] and "【体会" not in draft.text
    assert "政治安全是国家安全的根本" in draft.text and draft.text.endswith(CLOSING)


def test_new_with_nodes_on_a_template_without_the_section_says_so(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "new",
        "--template",
        "pledge",
        "--source",
        SOURCE_SAMPLE,
        "--node",
        "三、（一）",
        "-o",
        tmp_path / "a.pingan",
    )
    assert code == 2 and "pledge" in err and not (tmp_path / "a.pingan").exists()
