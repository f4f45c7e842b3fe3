"""draft.sections: where a new point goes and which number it takes (shared by the skeleton and
the GUI's section templates)."""

from __future__ import annotations

import pytest

from pingan_writer.draft.sections import (
    child_style,
    marker,
    next_point_number,
    paragraph_insert_position,
    point_end,
)
from pingan_writer.draft.templates import load_template, render
from pingan_writer.text.markers import ARABIC_DOT, CN_DUN, CN_PAREN
from pingan_writer.text.outline import parse_outline

from ..conftest import TALK_SAMPLE

FILLED = (
    "二、学习体会\n"
    "下面，我谈谈所学心得和体会。\n"
    "（一）坚持人民至上。人民是主体。一是依靠群众；二是服务群众。\n"
    "（二）坚持系统治理。治理要系统。一是源头治理；二是综合治理。\n"
    "重申主题的一段话。\n"
    "发言完毕，谢谢大家！"
)


def test_marker_and_child_style():
    assert [marker(CN_PAREN, n) for n in (1, 4, 11)] == ["（一）", "（四）", "（十一）"]
    assert marker(CN_DUN, 2) == "二、" and marker(ARABIC_DOT, 3) == "3."
    assert child_style(CN_DUN) == CN_PAREN and child_style(None) == CN_DUN


@pytest.mark.parametrize(
    "where",
    ["（二）坚持系统治理", "重申主题", "发言完毕"],
)
def test_next_point_continues_the_filled_points(where):
    assert next_point_number(FILLED, FILLED.index(where) + 2) == (CN_PAREN, 3)
    assert next_point_number(FILLED, len(FILLED)) == (CN_PAREN, 3)


def test_next_point_in_a_sections_intro_or_under_a_bare_heading_is_its_first_child():
    assert next_point_number("二、学习体会\n", len("二、学习体会\n")) == (CN_PAREN, 1)
    assert next_point_number("一、总体要求\n开头一段。", 8) == (CN_PAREN, 1)
    assert next_point_number("没有标题的一段话。", 3) == (CN_DUN, 1)


def test_next_point_skips_unfilled_template_prompts():
    text = render(load_template("study-talk"), {"source_title": "建设更高水平的平安中国"})
    assert next_point_number(text, text.index("下面，我谈谈")) == (CN_PAREN, 1)
    # One prompt filled: the next point is （二）, whatever prompts remain after it.
    first = text.index("（一）")
    filled = text[:first] + "（一）坚持人民至上。要依靠群众。" + text[text.index("\n", first) :]
    after_first = filled.index("（二）")
    assert next_point_number(filled, after_first) == (CN_PAREN, 2)


def test_next_point_in_the_sample_talk_keeps_its_style(talk_text):
    assert next_point_number(talk_text, len(talk_text)) == (CN_DUN, 4)
    assert next_point_number(talk_text, talk_text.index("一是坚定维护国家政治安全")) == (CN_DUN, 2)


@pytest.mark.parametrize("offset", [0, 3, 9])
def test_paragraph_insert_position_never_splits_a_paragraph(offset):
    text = "第一段话，写完了。\n第二段。"
    at = paragraph_insert_position(text, offset)
    assert at == text.index("第二段")
    inserted = text[:at] + "（一）新的一点。\n" + text[at:]
    assert inserted.split("\n") == ["第一段话，写完了。", "（一）新的一点。", "第二段。"]


def test_paragraph_insert_position_at_the_end():
    assert paragraph_insert_position("一段。\n", 2) == len("一段。\n")
    assert paragraph_insert_position("一段。", 3) == 3
    assert paragraph_insert_position("一段。", 99) == 3


def test_the_last_points_end_leaves_the_closing_paragraphs(talk_text):
    study = parse_outline(talk_text).nodes[1]
    last = study.children[-1]
    end = point_end(talk_text, study, last)
    assert talk_text[end:].startswith("建设更高水平的平安中国，是以习近平同志为核心的党中央作出的战略擘画。")
    # A bare heading line keeps the paragraphs under it, as long as the point before it.
    text = "二、学习体会\n（一）坚持甲\n甲的正文。\n（二）坚持乙\n乙的正文。\n重申主题。\n谢谢大家！"
    study = parse_outline(text).nodes[0]
    assert text[point_end(text, study, study.children[-1]) :] == "重申主题。\n谢谢大家！"


def test_sample_talk_fixture_is_the_seed(talk_text):
    assert talk_text == TALK_SAMPLE.read_text(encoding="utf-8")
