"""Length the way Chinese offices count it, and the speaking time it implies.

The rule (字数):
- every CJK character and every punctuation mark or symbol, full- or half-width, counts 1;
- whitespace, including the ideographic space used for indentation, never counts;
- a run of Latin letters or digits counts 1 as a whole: "2035" is one, "5G" is one, and so is
  a decimal or grouped number like "2.5" or "1,000"; full-width letters and digits count the
  same as ASCII ones.
This matches how a reader paces a talk: "2035年" is spoken as one unit plus 年.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_RATE = 180  # 字/分钟: an unhurried reading pace for a study-session talk

_ALNUM = "A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
_LATIN_RUN = re.compile(rf"[{_ALNUM}]+(?:[.,'’\-][{_ALNUM}]+)*")
_SPACE = re.compile(r"\s+")


def count_characters(text: str) -> int:
    """字数 of `text` by the rule in the module docstring."""
    runs = 0

    def _one(_: re.Match[str]) -> str:
        nonlocal runs
        runs += 1
        return ""

    rest = _LATIN_RUN.sub(_one, text)
    return runs + len(_SPACE.sub("", rest))


def count_paragraphs(text: str) -> int:
    """Non-blank lines."""
    return sum(1 for line in text.split("\n") if line.strip())


def speaking_minutes(characters: int, rate: float = DEFAULT_RATE) -> float:
    """Estimated minutes to read `characters` aloud at `rate` 字/分钟."""
    if rate <= 0:
        raise ValueError("speaking rate must be positive")
    return characters / rate


@dataclass(frozen=True, slots=True)
class TextStats:
    characters: int
    paragraphs: int
    minutes: float
    rate: float


def text_stats(text: str, rate: float = DEFAULT_RATE) -> TextStats:
    chars = count_characters(text)
    return TextStats(chars, count_paragraphs(text), speaking_minutes(chars, rate), rate)
