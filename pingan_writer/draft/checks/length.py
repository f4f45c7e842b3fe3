"""Length against a target speaking time (length.over, length.under).

字数 is counted the way offices count it (text.counting.count_characters) and turned into minutes
at `rate` 字/分钟. A talk may run a little long or short; only more than 10% either way is reported:
over as a warning (the chair will cut the speaker off), under as a note.
"""

from __future__ import annotations

import math

from pingan_writer.draft.findings import Finding
from pingan_writer.text.counting import DEFAULT_RATE, count_characters, speaking_minutes

OVER = "length.over"
UNDER = "length.under"
TOLERANCE = 0.10


def check(text: str, target_minutes: float, rate: float = DEFAULT_RATE) -> list[Finding]:
    """The length finding for a talk meant to last `target_minutes`; ValueError for a target or
    rate that is not positive."""
    if not target_minutes > 0:
        raise ValueError("target speaking time must be positive")
    characters = count_characters(text)
    minutes = speaking_minutes(characters, rate)
    target_characters = target_minutes * rate
    summary = (
        f"全文 {characters} 字，按每分钟 {_num(rate)} 字约需 {minutes:.1f} 分钟，"
        f"目标 {_num(target_minutes)} 分钟"
    )
    off = f"{abs(minutes - target_minutes) / target_minutes:.0%}"
    if minutes > target_minutes * (1 + TOLERANCE):
        cut = math.ceil(characters - target_characters)
        return [Finding(OVER, "warning", f"{summary}，超出 {off}，建议删减约 {cut} 字。", 0, len(text))]
    if minutes < target_minutes * (1 - TOLERANCE):
        add = math.ceil(target_characters - characters)
        return [Finding(UNDER, "info", f"{summary}，不足 {off}，可增加约 {add} 字。", 0, len(text))]
    return []


def _num(x: float) -> str:
    """5 rather than 5.0; 7.5 stays."""
    return f"{x:g}"
