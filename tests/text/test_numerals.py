"""Chinese, Arabic and circled numerals used in official numbering."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_writer.text.numerals import CIRCLED_VALUES, arabic_to_int, cn_to_int, int_to_cn


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("一十", 10),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("一百", 100),
        ("一百零一", 101),
        ("一百〇五", 105),
        ("一百一十", 110),
        ("三百二十一", 321),
        ("九百九十九", 999),
    ],
)
def test_cn_to_int_reads_numbering_numerals(numeral: str, value: int) -> None:
    assert cn_to_int(numeral) == value


@pytest.mark.parametrize(
    "numeral",
    [
        "",
        "零",
        "〇",
        "百",
        "一二",
        "十十",
        "二二十",
        "一百十",
        "一百五",
        "一百零",
        "零一",
        "1",
        "１",
        "壹",
        "一是",
    ],
)
def test_cn_to_int_rejects_malformed_numerals(numeral: str) -> None:
    assert cn_to_int(numeral) is None


@pytest.mark.parametrize(
    ("value", "numeral"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (999, "九百九十九"),
    ],
)
def test_int_to_cn_writes_canonical_numerals(value: int, numeral: str) -> None:
    assert int_to_cn(value) == numeral


@pytest.mark.parametrize("value", [0, -1, 1000])
def test_int_to_cn_rejects_out_of_range(value: int) -> None:
    with pytest.raises(ValueError):
        int_to_cn(value)


def test_int_to_cn_round_trips_every_value() -> None:
    for n in range(1, 1000):
        assert cn_to_int(int_to_cn(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="〇零一二三四五六七八九十百", max_size=6))
def test_cn_to_int_accepts_only_canonical_range(s: str) -> None:
    value = cn_to_int(s)
    assert value is None or 1 <= value <= 999


@pytest.mark.parametrize(
    ("digits", "value"),
    [("1", 1), ("12", 12), ("１", 1), ("１２", 12), ("１2", 12), ("007", 7)],
)
def test_arabic_to_int_reads_ascii_and_full_width_digits(digits: str, value: int) -> None:
    assert arabic_to_int(digits) == value


@pytest.mark.parametrize("s", ["", "一", "1a", "-1", "1.5", " 1", "\u0663", "²"])
def test_arabic_to_int_rejects_non_digits(s: str) -> None:
    assert arabic_to_int(s) is None


def test_circled_numbers_have_their_values() -> None:
    assert CIRCLED_VALUES["①"] == 1
    assert CIRCLED_VALUES["⑩"] == 10
    assert CIRCLED_VALUES["⑳"] == 20
    assert CIRCLED_VALUES["㉑"] == 21
    assert CIRCLED_VALUES["㉟"] == 35
    assert CIRCLED_VALUES["㊱"] == 36
    assert CIRCLED_VALUES["㊿"] == 50
    assert sorted(CIRCLED_VALUES.values()) == list(range(1, 51))
