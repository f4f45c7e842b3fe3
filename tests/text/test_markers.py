"""Heading and annex markers at the start of a paragraph, and the paragraph helpers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_writer.text.markers import match_annex, match_heading
from pingan_writer.text.numerals import int_to_cn
from pingan_writer.text.paragraphs import first_sentence, iter_paragraphs

# --- headings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "style", "value", "text"),
    [
        ("一、总体要求", "cn-dun", 1, "一、"),
        ("十二、其他事项", "cn-dun", 12, "十二、"),
        ("三．工作措施", "cn-dun", 3, "三．"),
        ("（一）加强组织领导", "cn-paren", 1, "（一）"),
        ("(二)压实工作责任", "cn-paren", 2, "(二)"),
        ("1.加强领导", "arabic-dot", 1, "1."),
        ("1．加强领导", "arabic-dot", 1, "1．"),
        ("2、完善制度", "arabic-dot", 2, "2、"),
        ("１．加强领导", "arabic-dot", 1, "１．"),
        ("１２、强化督导", "arabic-dot", 12, "１２、"),
        ("（1）定期检查", "arabic-paren", 1, "（1）"),
        ("（３）专项检查", "arabic-paren", 3, "（３）"),
        ("1）自查自纠", "arabic-half-paren", 1, "1）"),
        ("2)集中整治", "arabic-half-paren", 2, "2)"),
        ("①安全检查", "circled", 1, "①"),
        ("⑫隐患整改", "circled", 12, "⑫"),
        ("第一，提高政治站位。", "ordinal", 1, "第一，"),
        ("第二、压实主体责任", "ordinal", 2, "第二、"),
        ("第一部分　工作回顾", "part", 1, "第一部分"),
        ("第三章　监督管理", "chapter", 3, "第三章"),
        ("第一节　一般规定", "section", 1, "第一节"),
        ("第十二条　本办法自发布之日起施行。", "article", 12, "第十二条"),
    ],
)
def test_match_heading_recognises_each_style(content: str, style: str, value: int, text: str) -> None:
    marker = match_heading(content)
    assert marker is not None
    assert (marker.style, marker.value, marker.text) == (style, value, text)
    assert content[: marker.length].rstrip(" \u3000") == text


def test_marker_length_includes_trailing_spaces_but_text_does_not() -> None:
    marker = match_heading("一、　总体要求")
    assert marker is not None
    assert marker.text == "一、"
    assert marker.length == 3


@pytest.mark.parametrize(
    "content",
    [
        "2.5亿元专项资金已全部下达。",
        "2022.10.23召开专题会议。",
        "3、4月份开展安全生产大检查。",
        "一、二线城市房价总体平稳。",
        "三、四季度经济稳中有升。",
        "2023年以来，全市安全形势持续稳定。",
        "10个方面的重点任务全部完成。",
        "今年以来，一、加强领导",  # a number in the middle of a sentence
        "主要做法是：1.加强领导。",
        "第一时间报告险情。",
        "一是加强学习。",
        "首先，要提高认识。",
        "0.加强领导",
        "01.加强领导",
        "（零）总则",
        "一二、加强领导",
        "统一思想",
        "",
    ],
)
def test_match_heading_is_not_fooled(content: str) -> None:
    assert match_heading(content) is None


def test_arabic_paren_heading_whose_title_starts_with_a_digit() -> None:
    marker = match_heading("（1）2023年工作回顾")
    assert marker is not None
    assert (marker.style, marker.value) == ("arabic-paren", 1)


def test_longer_chinese_number_list_is_not_a_heading() -> None:
    assert match_heading("一、二、三线城市房价总体平稳。") is None


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.sampled_from(["加强组织领导", "压实责任", "（一）"]))
def test_numbered_markers_read_their_value(n: int, rest: str) -> None:
    full_width = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    cases = [
        (f"{int_to_cn(n)}、{rest}", "cn-dun"),
        (f"（{int_to_cn(n)}）{rest}", "cn-paren"),
        (f"{n}.{rest}", "arabic-dot"),
        (f"{full_width}．{rest}", "arabic-dot"),
        (f"（{n}）{rest}", "arabic-paren"),
        (f"{n}）{rest}", "arabic-half-paren"),
        (f"第{int_to_cn(n)}条　{rest}", "article"),
    ]
    for content, style in cases:
        marker = match_heading(content)
        assert marker is not None, content
        assert (marker.style, marker.value) == (style, n), content


# --- annexes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "text", "value", "title"),
    [
        ("附件", "附件", None, ""),
        ("附件1", "附件1", 1, ""),
        ("附件２", "附件２", 2, ""),
        ("附件三", "附件三", 3, ""),
        ("附 件 1", "附件1", 1, ""),
        ("附件2：隐患排查整改清单", "附件2", 2, "隐患排查整改清单"),
        ("附件3　安全生产检查方案", "附件3", 3, "安全生产检查方案"),
    ],
)
def test_match_annex_recognises_annex_lines(content: str, text: str, value: int | None, title: str) -> None:
    annex = match_annex(content)
    assert annex is not None
    assert (annex.text, annex.value, annex.title) == (text, value, title)


@pytest.mark.parametrize(
    "content",
    [
        "附件：1.安全生产检查方案",  # the attachment note under the body
        "附件:1.安全生产检查方案",
        "附件：1．安全生产检查方案　2．隐患排查清单",
        "附件1：关于做好安全生产工作的说明。",  # a sentence, not a heading line
        "附件材料已按要求报送。",
        "附件一二",
        "一、附件",
        "",
    ],
)
def test_match_annex_rejects_other_lines(content: str) -> None:
    assert match_annex(content) is None


# --- paragraphs and sentences -------------------------------------------------------------


def test_iter_paragraphs_skips_blank_lines_and_indentation() -> None:
    text = "通知\n\n　　一、总体要求　　\n　　\n\t做好工作。\n"
    paras = list(iter_paragraphs(text))
    assert [p.content(text) for p in paras] == ["通知", "一、总体要求", "做好工作。"]
    second = paras[1]
    assert second.start == text.index("　　一、")
    assert second.content_start == text.index("一、")
    assert second.end == text.index("　　\n　　\n")


def test_iter_paragraphs_handles_text_without_final_newline() -> None:
    text = "　　一、总体要求"
    (para,) = iter_paragraphs(text)
    assert (para.start, para.content_start, para.end) == (0, 2, len(text))
    assert list(iter_paragraphs("")) == []
    assert list(iter_paragraphs("\n　　\n \n")) == []


@pytest.mark.parametrize(
    ("s", "sentence"),
    [
        ("加强组织领导。各单位要高度重视。", "加强组织领导"),
        ("加强组织领导", "加强组织领导"),
        ("坚持党的领导，加强统筹！其他内容。", "坚持党的领导，加强统筹"),
        ("他强调：“要守住底线。”随后部署工作。", "他强调：“要守住底线。”"),
        ("  总体要求  ", "总体要求"),
    ],
)
def test_first_sentence(s: str, sentence: str) -> None:
    assert first_sentence(s) == sentence
