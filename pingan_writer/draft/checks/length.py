"""Length against a target speaking time (length.over, length.under).

Over by more than the tolerance is a warning (the chair will cut the speaker off), under a note;
what counts as over or under is decided in one place, draft.length.length_verdict.
"""

from __future__ import annotations

from pingan_writer.draft.findings import Finding
from pingan_writer.draft.length import (
    OK_KIND,
    OVER_KIND,
    TOLERANCE,
    LengthVerdict,
    length_verdict,
    verdict_text,
)
from pingan_writer.text.counting import DEFAULT_RATE, count_characters

__all__ = ["OVER", "TOLERANCE", "UNDER", "LengthVerdict", "check", "length_verdict", "verdict_text"]

OVER = "length.over"
UNDER = "length.under"


def check(text: str, target_minutes: float, rate: float = DEFAULT_RATE) -> list[Finding]:
    """The length finding for a talk meant to last `target_minutes`; ValueError for a target or
    rate that is not positive."""
    v = length_verdict(count_characters(text), target_minutes, rate)
    if v.kind == OK_KIND:
        return []
    summary = (
        f"全文 {v.characters} 字，按每分钟 {_num(rate)} 字约需 {v.minutes:.1f} 分钟，"
        f"目标 {_num(target_minutes)} 分钟"
    )
    off = f"{abs(v.minutes - target_minutes) / target_minutes:.0%}"
    if v.kind == OVER_KIND:
        return [
            Finding(
                OVER,
                "warning",
                f"{summary}，超出 {off}，建议删减约 {v.diff_characters} 字。",
                0,
                len(text),
            )
        ]
    return [
        Finding(UNDER, "info", f"{summary}，不足 {off}，可增加约 {-v.diff_characters} 字。", 0, len(text))
    ]


def _num(x: float) -> str:
    """5 rather than 5.0; 7.5 stays."""
    return f"{x:g}"
