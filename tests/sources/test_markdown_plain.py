"""The line reader for plain Markdown gives exactly what markdown-it's full parse gives, and
takes list-heavy documents off markdown-it's block parser (issue 12: 100,000 list items took
3.6 s to read, about 35 µs an item in markdown-it's block rules)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingan_writer.sources import read_source
from pingan_writer.sources.markdown import _parser, parsed_blocks, plain_texts
from pingan_writer.sources.markdown_plain import plain_blocks
from tests.workcount import calls_made

# Line beginnings that the line reader must classify exactly as markdown-it does, or refuse.
SAFE_PREFIXES = ["", "- ", "* ", "+ ", "-  ", "-    ", "1. ", "2. ", "1) ", "0. ", "01. ", "10. "]
SAFE_PREFIXES += ["1234567890. ", "123456789) ", "# ", "## ", "###### ", "#\t", "　　", "\\"]
TRICKY_PREFIXES = ["-     ", "-\t", "1.\t", "####### ", "#", "> ", "    ", "  ", "\t", "```", "~~~"]
TRICKY_PREFIXES += ["---", "***", "___", "===", "<div>", "<!-- ", "[a]: /u", "| ", ":", "- - -"]
TRICKY_PREFIXES += ["- # ", "- > ", "- 1. ", "1. - ", "- ", "1.", "-", "１. ", "* * *", "\0"]
SUFFIXES = ["", "", "", " ", "  ", "   ", " #", " ##", "\t", "\\", "　"]
PLAIN_BODY = st.builds(
    str.__add__,
    st.sampled_from("中文学习abcXYZ"),
    st.text(alphabet="中文学习abc XYZ12.,;　\u2003", max_size=12),
)
ANY_BODY = st.text(alphabet="中文abc 12.#*_`[]()!<>&\\-:|\t　\u2003~=+", max_size=12)


def _line(prefixes: list[str], body: st.SearchStrategy[str], suffixes: list[str]):
    return st.builds(lambda p, b, s: p + b + s, st.sampled_from(prefixes), body, st.sampled_from(suffixes))


ANY_LINE = st.one_of(
    _line(SAFE_PREFIXES + TRICKY_PREFIXES, ANY_BODY, SUFFIXES),
    st.sampled_from(["", " ", "\t", "[a]", "[a]: /url", "x | y", "--|--", "`code`", "**粗体**"]),
)
# Mostly lines the reader takes, with inline markup and odd spacing, among lines it must refuse.
MARKUP_BODY = st.builds(str.__add__, st.sampled_from("中a1\\!&*_`<[9０　"), ANY_BODY)
MIXED_LINE = st.one_of(*[_line(SAFE_PREFIXES, MARKUP_BODY, SUFFIXES)] * 6, ANY_LINE, st.just(""))
PLAIN_LINE = st.one_of(_line(SAFE_PREFIXES, PLAIN_BODY, ["", " ", "  ", "　"]), st.just(""))


def documents(line: st.SearchStrategy[str]):
    return st.builds(
        lambda lines, end: "\n".join(lines) + end,
        st.lists(line, min_size=1, max_size=40),
        st.sampled_from(["", "\n"]),
    )


def _both(raw: str):
    md = _parser()
    plain = plain_blocks(raw)
    parsed = parsed_blocks(raw, md, "x.md")
    return (plain_texts(plain, md) if plain is not None else None), parsed


def assert_line_reader_takes_and_agrees(raw: str) -> None:
    plain, parsed = _both(raw)
    assert plain is not None
    assert plain == parsed


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(MIXED_LINE))
def test_whenever_the_line_reader_answers_it_agrees_with_markdown_it(raw):
    plain, parsed = _both(raw)
    if plain is not None:
        assert plain == parsed


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(PLAIN_LINE))
def test_plain_documents_are_read_by_the_line_reader_and_agree(raw):
    assert_line_reader_takes_and_agrees(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "正文第一行\n2. 不能打断段落\n1. 可以打断",
        "- 甲\n乙\n2. 丙",  # lazy continuation, then a new item
        "一段  \n硬换行\n软 \n换行",
        "# 标题 \n## 二级\t\n正文",
        "1. 第一\n2. 第二\n\n- 另一列表\n+ 又一列表\n\n尾段",
        "项目 **粗体** 和 `代码` 与 [链接](http://x) &amp;\n下一行",
        "0. 零\n01. 一",
    ],
)
def test_known_cases_take_the_line_reader_and_agree(raw):
    assert_line_reader_takes_and_agrees(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "> 引用",
        "正文\n---",
        "正文\n===",
        "```\n代码\n```",
        "- 甲\n  - 乙",
        "    缩进",
        "# 标题 #",
        "[a]: /u\n[a]",
    ],
)
def test_other_structure_goes_to_markdown_it(raw):
    assert plain_blocks(raw) is None


def test_a_hundred_thousand_list_items_skip_markdown_its_block_parser(tmp_path):
    path = tmp_path / "清单.md"
    path.write_text("".join(f"- 项目{i}\n" for i in range(100_000)), encoding="utf-8")

    def block_rules(frame, event):
        return (
            event == "call"
            and "markdown_it" in frame.f_code.co_filename
            and "rules_block" in frame.f_code.co_filename
        )

    holder = {}
    calls = calls_made(lambda: holder.setdefault("result", read_source(path)), block_rules)
    lines = holder["result"].text.split("\n")
    assert len(lines) == 100_000
    assert lines[0] == "项目0" and lines[-1] == "项目99999"
    assert calls == 0
