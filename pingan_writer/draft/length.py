"""The one length verdict: whether a talk's 字数 fits its target speaking time.

字数 is counted the way offices count it (text.counting.count_characters) and turned into minutes
at `rate` 字/分钟. A talk may run a little long or short; only more than TOLERANCE (10%) either
way is off. The length check (draft.checks.length) and the status bar (through `verdict_text`)
both use `length_verdict`, so they can never disagree. A leaf module: the window imports it at
start-up without loading the checks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pingan_writer.text.counting import DEFAULT_RATE, speaking_minutes

TOLERANCE = 0.10

OK_KIND = "ok"
OVER_KIND = "over"
UNDER_KIND = "under"

# Targets such as 7.5 分钟 × 183 字 are not exact in binary; a length exactly at the tolerance
# must not tip over it through rounding.
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class LengthVerdict:
    kind: str  # "ok" | "over" | "under"
    characters: int
    minutes: float  # estimated speaking time at the rate
    target_minutes: float
    diff_characters: int  # characters − target × rate, its size rounded up (negative: too short)


def length_verdict(characters: int, target_minutes: float, rate: float = DEFAULT_RATE) -> LengthVerdict:
    """Whether `characters` 字 spoken at `rate` 字/分钟 fit `target_minutes`, within TOLERANCE
    (exactly 10% off is still fine); ValueError for a target or rate that is not positive."""
    if not target_minutes > 0:
        raise ValueError("target speaking time must be positive")
    if not rate > 0:
        raise ValueError("speaking rate must be positive")
    target_characters = target_minutes * rate
    off = characters - target_characters
    allowed = target_characters * TOLERANCE * (1 + _EPSILON)
    size = math.ceil(round(abs(off), 6))
    if off > allowed:
        kind = OVER_KIND
    elif -off > allowed:
        kind = UNDER_KIND
    else:
        kind = OK_KIND
    return LengthVerdict(
        kind,
        characters,
        speaking_minutes(characters, rate),
        target_minutes,
        size if off >= 0 else -size,
    )


def verdict_text(v: LengthVerdict) -> str:
    """The status bar's words: 正合适, 超出约 N 字 or 还差约 N 字."""
    if v.kind == OVER_KIND:
        return f"超出约 {abs(v.diff_characters)} 字"
    if v.kind == UNDER_KIND:
        return f"还差约 {abs(v.diff_characters)} 字"
    return "正合适"
