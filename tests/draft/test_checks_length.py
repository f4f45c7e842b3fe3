"""Length against a target speaking time."""

from __future__ import annotations

import pytest

from pingan_writer.draft.checks import length

TEXT_900 = "平" * 900  # 900 字: 5 minutes at 180 字/分钟


def test_within_ten_percent_is_fine():
    assert length.check(TEXT_900, 5) == []
    assert length.check("平" * 980, 5) == []  # 5.44 minutes, 8.9% over
    assert length.check("平" * 820, 5) == []  # 4.56 minutes, 8.9% under


def test_over_by_more_than_ten_percent_is_a_warning_over_the_whole_text():
    (finding,) = length.check(TEXT_900, 4)
    assert (finding.rule, finding.severity) == ("length.over", "warning")
    assert (finding.start, finding.end) == (0, 900)
    # 字数, estimated and target minutes, and how much to cut (900 − 4 × 180 = 180)
    for part in ("900 字", "5.0 分钟", "目标 4 分钟", "删减约 180 字"):
        assert part in finding.message


def test_under_by_more_than_ten_percent_is_info_saying_how_much_to_add():
    (finding,) = length.check(TEXT_900, 6)
    assert (finding.rule, finding.severity) == ("length.under", "info")
    assert "增加约 180 字" in finding.message and "目标 6 分钟" in finding.message


def test_rate_changes_the_estimate():
    assert length.check(TEXT_900, 4, rate=225) == []  # 900 / 225 = 4 minutes
    (finding,) = length.check(TEXT_900, 4, rate=160)
    assert finding.rule == "length.over" and "每分钟 160 字" in finding.message


def test_counts_characters_the_office_way():
    # Whitespace does not count and a run of digits counts once: 2035年 is two.
    text = "　　2035年\n" * 200  # 400 字
    assert length.check(text, 400 / 180) == []


@pytest.mark.parametrize(("target", "rate"), [(0, 180), (-1, 180), (5, 0)])
def test_nonpositive_target_or_rate_is_a_value_error(target, rate):
    with pytest.raises(ValueError):
        length.check(TEXT_900, target, rate)
