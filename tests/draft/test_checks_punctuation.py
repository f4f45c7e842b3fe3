"""Punctuation checks: unpaired marks and half-width marks in Chinese text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pingan_writer.draft.checks import punctuation

DATA = Path(__file__).resolve().parent.parent / "data" / "outline"


def unpaired(text: str) -> list[tuple[int, str]]:
    """(offset, character) of each unpaired-mark finding."""
    out = []
    for f in punctuation.check_unpaired(text):
        assert f.rule == "punct.unpaired" and f.end == f.start + 1
        out.append((f.start, text[f.start]))
    return out


def halfwidth(text: str) -> list[tuple[int, str]]:
    out = []
    for f in punctuation.check_halfwidth(text):
        assert f.rule == "punct.halfwidth" and f.end == f.start + 1
        out.append((f.start, text[f.start]))
    return out


# --- punct.unpaired


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说：“我们要加强学习。", [(3, "“")]),
        ("要立“明规则、破“潜规则”。", [(2, "“")]),
        ("学习《建议精神。", [(2, "《")]),
        ("学习建议》精神。", [(4, "》")]),
        ("（以下简称《建议》。", [(0, "（")]),
        ("以下简称）。", [(4, "）")]),
        ("【重要提示。", [(0, "【")]),
        ("「甲」乙」。", [(4, "」")]),
        ("他说‘好。', 好", [(2, "‘")]),
        ("“《学习”》", [(1, "《"), (5, "》")]),  # crossed pairs: both halves of the inner pair
    ],
)
def test_unpaired_marks_are_reported_at_the_character(text, expected):
    assert unpaired(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "他说：“要立‘明规则’。”",
        "《中共中央关于制定……的建议》（以下简称《建议》）",
        "“第一段引文，\n“第二段引文，\n“第三段引文。”",  # a quotation over several paragraphs
        "包括：1）学习；2）落实；a）总结。",  # enumerations close nothing
        "一）学习。",
        "I don’t know，他说。",  # an apostrophe
        "（2020)年",  # a mixed pair is the half-width check's business
        "「甲」『乙』〔2023〕〈丙〉",
    ],
)
def test_balanced_text_is_not_reported(text):
    assert unpaired(text) == []


def test_quotation_convention_needs_the_next_paragraph_to_open_with_a_quote():
    text = "“第一段引文，\n第二段没有引号。”"
    assert unpaired(text) == [(0, "“"), (text.index("”"), "”")]


def test_pairs_do_not_span_paragraphs_for_brackets():
    text = "（第一段\n第二段）"
    assert unpaired(text) == [(0, "（"), (text.index("）"), "）")]


# --- punct.halfwidth


def test_halfwidth_marks_next_to_chinese_are_reported_with_the_fullwidth_form():
    text = "我们,要;好:吗?是!(注)"
    assert [ch for _, ch in halfwidth(text)] == list(",;:?!()")
    messages = [f.message for f in punctuation.check_halfwidth(text)]
    assert "全角“，”" in messages[0] and "全角“（”" in messages[5]


@pytest.mark.parametrize(
    "text",
    [
        "共计1,000元，定于3:30开会。",
        "详见 http://example.com/a?b=1,2;c=3 ，或 www.example.org/x?y=1 。",
        "邮箱 a.b@example.com 。",
        "Hello, world! f(x) = a;b",
        "使用 Python (3.11) 版本",  # spaces set the Latin text apart
        "全角标点，；：？！（）都没问题。",
    ],
)
def test_halfwidth_marks_outside_chinese_text_are_not_reported(text):
    assert halfwidth(text) == []


def test_halfwidth_between_chinese_and_latin_is_reported():
    assert halfwidth("使用Python,然后") == [(8, ",")]


# --- the samples


def test_samples_have_no_punctuation_findings(talk_text, source_text):
    assert punctuation.check(talk_text) == []
    assert punctuation.check(source_text) == []


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_realistic_documents_have_no_punctuation_findings(path):
    assert punctuation.check(path.read_text(encoding="utf-8")) == []
