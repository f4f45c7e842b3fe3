"""Renumbering after moved sections, and rewriting misused levels; only markers may change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pingan_writer.draft.checks import numbering
from pingan_writer.draft.renumber import fix_levels, renumber, renumber_edits
from pingan_writer.text.outline import parse_outline

DATA = Path(__file__).resolve().parent.parent / "data" / "outline"

# Every numeral a marker can hold; masking them leaves what renumbering must not touch.
_NUMERALS = re.compile(r"[〇零一二三四五六七八九十百0-9０-９\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]+")


def masked(text: str) -> str:
    return _NUMERALS.sub("#", text)


def heading_numbers(text: str) -> list[str]:
    return [n.number for n in parse_outline(text).walk() if n.kind == "heading"]


def test_moved_section_is_renumbered_and_body_is_left_alone():
    text = (
        "一、总体要求\n　　正文一。\n"
        "三、保障措施\n　　正文三，含“三、”和1.5字样。\n"
        "二、主要任务\n　　正文二。\n"
    )
    result = renumber(text)
    assert result == text.replace("三、保障", "二、保障").replace("二、主要", "三、主要")
    assert masked(result) == masked(text)


def test_subsections_follow_their_moved_section():
    text = "二、乙\n（一）乙一\n（三）乙二\n一、甲\n（一）甲一\n三、丙\n"
    assert renumber(text) == "一、乙\n（一）乙一\n（二）乙二\n二、甲\n（一）甲一\n三、丙\n"


def test_point_series_gap_is_closed():
    text = "一、要求\n我们要做到：一是加强领导；三是压实责任；四是严肃纪律。\n"
    assert renumber(text) == "一、要求\n我们要做到：一是加强领导；二是压实责任；三是严肃纪律。\n"


def test_marker_styles_are_kept():
    text = "（一）甲\n（三）乙\n1．子一\n3．子二\n（1）孙一\n（3）孙二\n①曾孙\n③曾孙\n"
    assert renumber(text) == "（一）甲\n（二）乙\n1．子一\n2．子二\n（1）孙一\n（2）孙二\n①曾孙\n②曾孙\n"


def test_fullwidth_digits_stay_fullwidth_and_numerals_grow():
    text = "".join(f"{n}、节\n" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十二"])
    text += "１．子\n３．子\n"
    result = renumber(text)
    assert "十一、节" in result and "十二、" not in result
    assert "２．子" in result


def test_repeat_is_renumbered():
    assert renumber("一、甲\n二、乙\n二、丙\n三、丁\n") == "一、甲\n二、乙\n三、丙\n四、丁\n"


def test_rewrite_that_would_unmake_the_heading_is_skipped():
    # 二、四月 would read as a list of months, so 三、四月… keeps its number.
    text = "一、甲\n三、四月工作安排\n"
    assert renumber(text) == text


def test_renumber_fixes_what_the_checks_report():
    text = "一、甲\n三、乙\n二、丙\n　　要求：一是学习；三是落实。\n"
    assert numbering.check(text)
    assert numbering.check(renumber(text)) == []


def test_edits_cover_only_markers():
    text = "一、甲\n三、乙\n"
    (edit,) = renumber_edits(text)
    assert (edit.start, edit.end, edit.replacement) == (4, 6, "二、")


def test_renumber_is_idempotent_on_the_samples(talk_text, source_text):
    assert renumber(talk_text) == talk_text
    assert renumber(source_text) == source_text


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_well_numbered_documents_are_unchanged(path):
    text = path.read_text(encoding="utf-8")
    assert renumber(text) == text
    assert fix_levels(text) == text


def test_renumber_is_idempotent_after_a_fix():
    text = "二、乙\n（一）乙一\n一、甲\n三、丙\n　　一是甲；三是乙。\n"
    once = renumber(text)
    assert once != text
    assert renumber(once) == once


# --- fix_levels


def test_fix_levels_rewrites_the_sample_talk_inner_series(talk_text):
    fixed = fix_levels(talk_text)
    expected = (
        talk_text.replace("\n一、建设", "\n（一）建设")
        .replace("\n二、建设", "\n（二）建设")
        .replace("\n三、建设", "\n（三）建设")
    )
    assert fixed == expected
    assert heading_numbers(fixed) == ["一、", "二、", "（一）", "（二）", "（三）"]
    assert numbering.check(fixed) == []
    assert fix_levels(fixed) == fixed


def test_fix_levels_moves_the_levels_below_down_too():
    text = "一、甲\n二、乙\n一、乙一\n（一）乙一一\n二、乙二\n"
    assert fix_levels(text) == "一、甲\n二、乙\n（一）乙一\n1.乙一一\n（二）乙二\n"


def test_fix_levels_leaves_moved_sections_to_renumber():
    text = "二、乙\n一、甲\n三、丙\n"
    assert fix_levels(text) == text


# --- properties


_PIECES = [
    "一、", "二、", "三、", "五、", "十、", "（一）", "（三）", "1.", "3．", "１．", "（1）", "（4）", "1）",
    "①", "③", "第一，", "第三，", "第二条", "附件2", "一是", "三是", "二是", "一要", "三要", "其一，",
    "其三，", "。", "，", "；", "\n", "\n", "　　", "平安中国", "四月", "2023年", "abc", "“", "”",
]  # fmt: skip
drafts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=150)


@settings(max_examples=150, deadline=None)
@given(drafts)
def test_renumber_changes_only_numerals_and_settles(text):
    result = renumber(text)
    assert masked(result) == masked(text)
    assert renumber(result) == result


# A paragraph's leading marker: numerals and marker punctuation after any indent. Masking whole
# runs of numerals would not do: a marker rewritten as ① runs into a title that starts with a
# numeral (（1）一、 → ①一、), and the two numeral runs read as one.
_LEADING_MARKER = re.compile(r"^[ 　]*(?:" + _NUMERALS.pattern + r"|[、（）().．）])*")


def _after_markers(text: str) -> list[str]:
    return [_LEADING_MARKER.sub("", line) for line in text.split("\n")]


@settings(max_examples=100, deadline=None)
@given(drafts)
@example("（1）\n（1）一、")  # found by CI: the nested （1） becomes ①, which runs into 一、
def test_fix_levels_changes_only_markers(text):
    assert _after_markers(fix_levels(text)) == _after_markers(text)


# Generated well-formed drafts: sections in any order, each with subsections and a point series.
@st.composite
def shuffled_drafts(draw: st.DrawFn) -> tuple[str, str]:
    n = draw(st.integers(1, 5))
    sections = []
    for i in range(1, n + 1):
        subs = draw(st.integers(0, 3))
        body = f"　　第{i}节正文。"
        if draw(st.booleans()):
            body += "要求：一是学习；二是落实；三是总结。"
        lines = [f"{'一二三四五'[i - 1]}、标题{i}", body]
        lines += [f"（{'一二三'[j]}）小标题{i}{j}" for j in range(subs)]
        sections.append("\n".join(lines))
    order = draw(st.permutations(sections))
    return "\n".join(sections) + "\n", "\n".join(order) + "\n"


@settings(max_examples=100, deadline=None)
@given(shuffled_drafts())
def test_renumbering_shuffled_sections_numbers_them_in_order(pair):
    _, shuffled = pair
    result = renumber(shuffled)
    tops = [n.number for n in parse_outline(result).nodes]
    assert tops == ["一、", "二、", "三、", "四、", "五、"][: len(tops)]
    assert masked(result) == masked(shuffled)
    assert numbering.check(result) == []


def test_apply_edits_moves_quotes_after_an_edit_and_resizes_one_that_holds_it():
    from pingan_writer.draft.model import Draft, SourceRef
    from pingan_writer.draft.renumber import Edit
    from pingan_writer.draft.renumber_map import apply_edits

    draft = Draft("一、甲\n引文在此。\n三、乙")
    ref = SourceRef("h", "原文")
    after = draft.insert_quote(len(draft.text), "尾部引文", ref, [], 0, 4)
    holder = draft.insert_quote(0, "前", ref, [], 0, 1)  # a quote just before the first marker
    first = draft.text.index("一、")
    third = draft.text.index("三、")
    assert apply_edits(draft, [Edit(first, first + 2, "（十一）"), Edit(third, third + 2, "二、")]) == 2
    assert draft.text == "前（十一）甲\n引文在此。\n二、乙尾部引文"
    assert draft.text[after.start : after.end] == "尾部引文"
    assert draft.text[holder.start : holder.end] == "前"
