"""Numbering checks: continuity, level misuse and skipped levels, on small drafts and the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from pingan_writer.draft.checks import numbering

from ..workcount import lines_run

DATA = Path(__file__).resolve().parent.parent / "data" / "outline"


def found(text: str) -> list[tuple[str, str, str]]:
    """(rule, severity, marker text) of each numbering finding."""
    return [(f.rule, f.severity, text[f.start : f.end]) for f in numbering.check(text)]


def rules(text: str) -> list[str]:
    return [f.rule for f in numbering.check(text)]


# --- continuity of heading series


def test_gap_is_reported_at_the_marker_after_it():
    text = "一、总体要求\n正文。\n三、工作措施\n正文。\n"
    findings = numbering.check(text)
    assert [(f.rule, f.severity) for f in findings] == [("numbering.gap", "error")]
    assert text[findings[0].start : findings[0].end] == "三、"
    assert "缺少“二、”" in findings[0].message


def test_repeat_is_reported():
    text = "一、甲\n二、乙\n二、丙\n三、丁\n"
    findings = numbering.check(text)
    assert [f.rule for f in findings] == ["numbering.repeat"]
    assert findings[0].start == text.index("二、丙")


def test_moved_section_is_an_order_error_at_each_misplaced_marker():
    text = "一、甲\n三、丙\n二、乙\n"
    assert found(text) == [("numbering.order", "error", "三、"), ("numbering.order", "error", "二、")]


def test_section_moved_to_the_front_is_an_order_error_not_a_level_misuse():
    # 二、 then 一、 could be a restart inside 二、; together with 三、 the numbers are exactly 1…3.
    text = "二、乙\n（一）乙一\n一、甲\n（一）甲一\n三、丙\n"
    assert rules(text) == ["numbering.order", "numbering.order"]


def test_series_backwards_without_being_a_permutation_is_an_order_error():
    text = "一、甲\n二、乙\n三、丙\n二、丁\n"
    assert rules(text) == ["numbering.order"]


def test_first_item_not_one_is_only_info():
    text = "二、乙\n三、丙\n"
    assert found(text) == [("numbering.start", "info", "二、")]


def test_continuity_is_checked_per_parent():
    text = "一、甲\n（一）子一\n（二）子二\n二、乙\n（一）子一\n（三）子三\n"
    findings = numbering.check(text)
    assert [f.rule for f in findings] == ["numbering.gap"]
    assert findings[0].start == text.index("（三）")


def test_articles_run_on_across_chapters():
    text = "第一章　总则\n第一条　甲。\n第二条　乙。\n第二章　附则\n第三条　丙。\n第五条　丁。\n"
    findings = numbering.check(text)
    assert [f.rule for f in findings] == ["numbering.gap"]
    assert findings[0].start == text.index("第五条")


@pytest.mark.parametrize(
    "text",
    [
        "一、甲\n二、乙\n三、丙\n",
        "一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n",
        "（一）甲\n1.子\n2.子\n（二）乙\n",
        "第一，甲。\n第二，乙。\n第三，丙。\n",
        "1．甲\n2．乙\n",
    ],
)
def test_well_numbered_drafts_have_no_findings(text):
    assert numbering.check(text) == []


# --- point series


def test_point_series_gap_inside_a_paragraph():
    text = "一、要求\n我们要做到：一是加强领导；三是压实责任。\n"
    findings = numbering.check(text)
    assert [(f.rule, f.severity) for f in findings] == [("numbering.gap", "warning")]
    assert text[findings[0].start : findings[0].end] == "三是"


def test_point_series_repeat_across_paragraphs():
    text = "一是加强领导。\n二是压实责任。\n二是严肃纪律。\n"
    assert found(text) == [("numbering.repeat", "warning", "二是")]


def test_point_series_other_families():
    assert rules("要求：一要学习；二要落实；四要总结。") == ["numbering.gap"]
    assert rules("包括：①学习；③总结。") == ["numbering.gap"]


@pytest.mark.parametrize(
    "text",
    [
        "要求：一是学习；二是落实；三是总结。",
        "统一是前提，第一时间处置。",  # 统一是, 第一时间 are no points
        "要求：一是学习；二是落实。\n另外：一是总结；二是提高。",  # a new series in a new paragraph
        "一是思想上：一是学，二是做；二是行动上。",  # a series nested in the first item
        "首先，学习；其次，落实；最后，总结。",
        "十是一个数。",
    ],
)
def test_point_series_that_must_not_fire(text):
    assert numbering.check(text) == []


# --- level misuse and skipped levels


def test_restart_inside_a_section_of_the_same_style_is_a_level_error():
    text = "一、主要内容\n正文。\n二、学习体会\n引言。\n一、第一点。正文。\n二、第二点。正文。\n"
    findings = numbering.check(text)
    assert [(f.rule, f.severity) for f in findings] == [("numbering.level", "error")] * 2
    first = findings[0]
    assert text[first.start : first.end] == "一、"
    assert first.start == text.index("一、第一点")
    assert "（一）（二）（三）" in first.message and "“（一）”" in first.message
    assert "“（二）”" in findings[1].message


def test_restart_inside_a_paren_section_suggests_arabic():
    text = "（一）甲\n（二）乙\n（一）乙一\n"
    findings = numbering.check(text)
    assert [f.rule for f in findings] == ["numbering.level"]
    assert "“1.”" in findings[0].message


def test_skipped_level_is_info_once_per_series():
    text = "一、甲\n1.子一\n2.子二\n二、乙\n"
    findings = numbering.check(text)
    assert [(f.rule, f.severity) for f in findings] == [("numbering.hierarchy", "info")]
    assert text[findings[0].start : findings[0].end] == "1."
    assert "（一）" in findings[0].message


def test_inverted_levels_are_a_warning():
    text = "（一）甲\n一、子\n二、子\n（二）乙\n"
    assert found(text) == [("numbering.hierarchy", "warning", "一、")]


def test_relative_levels_are_fine():
    # A report whose top level is （一） nests 1. and （1） below it: no level is skipped.
    assert numbering.check((DATA / "report_top_paren.txt").read_text(encoding="utf-8")) == []


# --- the samples


def test_sample_talk_flags_its_inner_restart(talk_text):
    findings = numbering.check(talk_text)
    assert {f.rule for f in findings} == {"numbering.level"}
    assert len(findings) == 3
    first = min(findings, key=lambda f: f.start)
    assert talk_text[first.start :].startswith("一、建设更高水平的平安中国，要坚持总体国家安全观")
    assert talk_text[first.start : first.end] == "一、"
    assert "（一）" in first.message
    later = sorted(f.start for f in findings)[1:]
    assert talk_text[later[0] :].startswith("二、建设更高水平的平安中国，要坚持创新社会治理格局")
    assert talk_text[later[1] :].startswith("三、建设更高水平的平安中国，要坚持深入推进维护社会稳定")


def test_source_sample_has_no_numbering_findings(source_text):
    assert numbering.check(source_text) == []


@pytest.mark.parametrize("name", ["regulation.txt", "speech.txt", "report_top_paren.txt"])
def test_realistic_documents_have_no_numbering_findings(name):
    assert numbering.check((DATA / name).read_text(encoding="utf-8")) == []


def test_notice_skipping_a_level_gets_only_an_info():
    text = (DATA / "notice_with_annexes.txt").read_text(encoding="utf-8")
    findings = numbering.check(text)
    assert [(f.rule, f.severity, text[f.start : f.end]) for f in findings] == [
        ("numbering.hierarchy", "info", "1．")
    ]


def _lines_run_in_numbering(text: str) -> int:
    """Lines of numbering.py executed while checking `text`: the work done, not the time."""
    return lines_run(lambda: numbering.check(text), numbering.__file__)


def test_restarted_point_series_in_one_long_paragraph_cost_linear_work():
    """Each new series used to be compared with every earlier one of its paragraph: a megabyte
    of 一是…二是… in one paragraph took 35 s to check."""
    unit = "一是加强领导；二是压实责任。"
    small, large = _lines_run_in_numbering(unit * 300), _lines_run_in_numbering(unit * 600)
    assert large <= 2.4 * small
