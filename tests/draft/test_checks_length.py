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


# -- the one length verdict -------------------------------------------------------------------


def test_exactly_ten_percent_off_is_ok_and_just_over_is_over_or_under():
    # 5 minutes at 180 字/分钟 = 900 字; 10% = 90 字.
    assert length.length_verdict(990, 5, 180).kind == "ok"
    assert length.length_verdict(810, 5, 180).kind == "ok"
    assert length.length_verdict(991, 5, 180).kind == "over"
    assert length.length_verdict(809, 5, 180).kind == "under"
    # A target that is not exact in binary: 7.5 × 183 = 1372.5, 10% = 137.25.
    assert length.length_verdict(1509, 7.5, 183).kind == "ok"
    assert length.length_verdict(1510, 7.5, 183).kind == "over"


def test_verdict_carries_the_numbers_with_the_difference_rounded_up():
    v = length.length_verdict(1000, 5, 180)
    assert (v.kind, v.characters, v.target_minutes, v.diff_characters) == ("over", 1000, 5, 100)
    assert v.minutes == pytest.approx(1000 / 180)
    assert length.length_verdict(700, 7.5, 183).diff_characters == -673  # 1372.5 − 700, rounded up
    assert length.length_verdict(900, 5, 180).diff_characters == 0


def test_verdict_text_is_what_the_status_bar_shows():
    assert length.verdict_text(length.length_verdict(900, 5, 180)) == "正合适"
    assert length.verdict_text(length.length_verdict(960, 5, 180)) == "正合适"  # 6.7% over: fine
    assert length.verdict_text(length.length_verdict(1000, 5, 180)) == "超出约 100 字"
    assert length.verdict_text(length.length_verdict(700, 7.5, 183)) == "还差约 673 字"


@pytest.mark.parametrize(("target", "rate"), [(0, 180), (-1, 180), (5, 0), (5, float("nan"))])
def test_verdict_refuses_a_nonpositive_target_or_rate(target, rate):
    with pytest.raises(ValueError):
        length.length_verdict(900, target, rate)


@pytest.mark.parametrize("characters", [0, 1, 700, 809, 810, 811, 899, 900, 989, 990, 991, 992, 2000])
@pytest.mark.parametrize(("target", "rate"), [(5, 180), (7.5, 183), (3, 160)])
def test_check_and_verdict_agree(characters, target, rate):
    verdict = length.length_verdict(characters, target, rate)
    findings = length.check("平" * characters, target, rate)
    expected = {"ok": [], "over": ["length.over"], "under": ["length.under"]}[verdict.kind]
    assert [f.rule for f in findings] == expected
    if findings:
        assert f"约 {abs(verdict.diff_characters)} 字" in findings[0].message
