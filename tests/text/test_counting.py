"""字数 as Chinese offices count it, paragraphs, and speaking time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pingan_writer.text.counting import (
    DEFAULT_RATE,
    count_characters,
    count_paragraphs,
    speaking_minutes,
    text_stats,
)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("建设平安中国。", 7),  # CJK and full-width punctuation count one each
        ("　　建设　平安\n中国 \t", 6),  # whitespace, the ideographic indent included, never counts
        ("2035年远景目标", 6),  # a run of digits counts once
        ("２０３５年", 2),  # full-width digits alike
        ("5G网络", 3),  # letters and digits together are one run
        ("增长2.5%", 4),  # a decimal is one run; % counts
        ("1,000元", 2),  # a grouped number is one run
        ("COVID-19疫情", 3),
        ("Hello, world!", 4),  # two words and two half-width marks
        ("“四个意识”", 6),
        ("", 0),
    ],
)
def test_character_count_rule(text, expected):
    assert count_characters(text) == expected


@given(st.text())
def test_count_never_exceeds_non_space_characters_and_ignores_whitespace(text):
    n = count_characters(text)
    assert 0 <= n <= sum(1 for ch in text if not ch.isspace())
    assert count_characters(text + " \u3000\n\t") == n


@given(st.text(alphabet="平安中国建设，。“”《》", max_size=200))
def test_pure_chinese_text_counts_every_character(text):
    assert count_characters(text) == len(text)


def test_paragraphs_are_non_blank_lines():
    assert count_paragraphs("一、总体要求\n\n　　\n坚持稳中求进。\n") == 2
    assert count_paragraphs("") == 0


def test_speaking_time_at_default_and_custom_rate():
    assert DEFAULT_RATE == 180
    assert speaking_minutes(1800) == pytest.approx(10.0)
    assert speaking_minutes(1000, rate=200) == pytest.approx(5.0)
    with pytest.raises(ValueError):
        speaking_minutes(100, rate=0)


def test_text_stats_combines_the_three():
    stats = text_stats("一、总体要求\n坚持稳中求进。", rate=120)
    assert (stats.characters, stats.paragraphs, stats.rate) == (13, 2, 120)
    assert stats.minutes == pytest.approx(13 / 120)

