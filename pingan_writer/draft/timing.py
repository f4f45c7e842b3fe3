"""How long each section of a talk takes to say: 字数 and minutes per heading, at a rate.

One function for the window's draft outline and `pingan-writer timing`, so both show the same
figures. Sections are the draft outline's headings and annexes at every level (not the 一是/二是
points inside paragraphs); text before the first heading is its own section, 开头, so the
top-level sections and 开头 add up to the whole talk, exactly as `stats` counts it."""

from __future__ import annotations

from dataclasses import dataclass

from pingan_writer.text.counting import DEFAULT_RATE, count_characters, speaking_minutes
from pingan_writer.text.outline import POINT, parse_outline

OPENING_TITLE = "开头"  # the words before the first heading: greeting, purpose of the talk


@dataclass(frozen=True, slots=True)
class SectionTiming:
    number: str  # the marker as written (一、 （一） 附件1), "" for 开头 and unnumbered headings
    title: str
    level: int  # 1 = top
    start: int  # offsets into the draft text, covering the section with its subsections
    end: int
    characters: int
    minutes: float

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "characters": self.characters,
            "minutes": round(self.minutes, 2),
        }


@dataclass(frozen=True, slots=True)
class DraftTiming:
    rate: int
    characters: int
    minutes: float
    target_minutes: float | None
    sections: list[SectionTiming]

    def share_of_target(self, section: SectionTiming) -> float | None:
        """The part of the target time `section` takes; None without a target."""
        return section.minutes / self.target_minutes if self.target_minutes else None

    def to_dict(self) -> dict:
        """The JSON of `pingan-writer timing --json` (exact keys)."""
        return {
            "rate": self.rate,
            "total": {"characters": self.characters, "minutes": round(self.minutes, 2)},
            "target_minutes": self.target_minutes,
            "sections": [s.to_dict() for s in self.sections],
        }


def draft_timing(text: str, rate: int = DEFAULT_RATE, target_minutes: float | None = None) -> DraftTiming:
    """Every section's 字数 and minutes at `rate` 字/分钟, in text order (a section before its
    subsections); ValueError for a rate that is not positive."""
    if rate <= 0:
        raise ValueError("speaking rate must be positive")
    outline = parse_outline(text)
    sections: list[SectionTiming] = []
    nodes = [n for n in outline.nodes if n.kind != POINT]
    first = min((n.start for n in nodes), default=len(text))
    opening = count_characters(text[:first])
    if opening:
        sections.append(
            SectionTiming("", OPENING_TITLE, 1, 0, first, opening, speaking_minutes(opening, rate))
        )
    stack = list(reversed(nodes))
    while stack:  # depth-first in text order, without recursion
        node = stack.pop()
        chars = count_characters(text[node.start : node.end])
        sections.append(
            SectionTiming(
                node.number,
                node.title,
                node.level,
                node.start,
                node.end,
                chars,
                speaking_minutes(chars, rate),
            )
        )
        stack.extend(reversed([c for c in node.children if c.kind != POINT]))
    total = count_characters(text)
    return DraftTiming(rate, total, speaking_minutes(total, rate), target_minutes, sections)
