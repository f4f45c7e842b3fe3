"""What the 提词器 (teleprompter) shows and where its reading mark should be at a given time.

`spoken_text` strips a template's unfilled 【…】 prompts (and the lines they leave blank) from
the draft, keeping a map back to draft offsets and the draft's sections (from `draft_timing`, so
the prompter's sections are the outline's) in the text it shows. `Plan` is the pace arithmetic:
characters are counted the way `count_characters` counts them (whitespace free, a Latin run 1),
so the prompter's pace agrees with every estimate the app shows. No Qt here: the window only
moves a scroll offset to what these functions say."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate

from pingan_writer.draft.prompts import prompt_spans
from pingan_writer.draft.timing import draft_timing

# The counting rule's own patterns (text/counting.py). Reused rather than copied so the two can
# never disagree; tests/draft/test_prompter.py checks the totals against count_characters.
from pingan_writer.text.counting import _LATIN_RUN

SECONDS_PER_MINUTE = 60.0


@dataclass(frozen=True, slots=True)
class SpokenSection:
    """A draft section, placed in the spoken text (offsets into `SpokenText.text`)."""

    number: str
    title: str
    level: int
    start: int
    end: int

    @property
    def label(self) -> str:
        """The heading as a speaker reads it: marker and title."""
        return f"{self.number}{self.title}" if self.number else self.title


@dataclass(frozen=True, slots=True)
class SpokenText:
    """The words a speaker reads: the draft without its unfilled prompts.

    `runs` holds (spoken start, draft start, length) for every stretch kept from the draft, in
    order; it maps offsets both ways without a table per character."""

    text: str
    runs: tuple[tuple[int, int, int], ...]
    sections: tuple[SpokenSection, ...]

    def to_draft(self, index: int) -> int:
        """The draft offset of spoken offset `index` (len(text) maps to the end of the last run)."""
        if not self.runs:
            return 0
        i = max(0, bisect.bisect_right(self.runs, (index, float("inf"))) - 1)
        spoken, draft, length = self.runs[i]
        return draft + min(max(index - spoken, 0), length)

    def from_draft(self, offset: int) -> int:
        """The spoken offset of draft offset `offset`; an offset inside removed text maps to the
        next spoken character."""
        if not self.runs:
            return 0
        starts = [draft for _s, draft, _n in self.runs]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return 0
        spoken, draft, length = self.runs[i]
        return spoken + min(offset - draft, length)


def _kept_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) draft stretches to keep: everything but prompts, and whole lines that held
    a prompt and nothing else but whitespace (so a removed hint leaves no blank line)."""
    spans = prompt_spans(text)
    if not spans:
        return [(0, len(text))] if text else []
    pieces: list[tuple[int, int]] = []
    span_i = 0
    line_start = 0
    while line_start < len(text):
        newline = text.find("\n", line_start)
        line_end = len(text) if newline < 0 else newline + 1
        line_pieces: list[tuple[int, int]] = []
        pos = line_start
        had_prompt = False
        while span_i < len(spans) and spans[span_i][0] < line_end:
            a, b = spans[span_i]
            had_prompt = True
            if a > pos:
                line_pieces.append((pos, a))
            pos = max(pos, b)
            span_i += 1
        if pos < line_end:
            line_pieces.append((pos, line_end))
        if had_prompt and not "".join(text[a:b] for a, b in line_pieces).strip():
            line_pieces = []  # the line was only a prompt: drop it with its line break
        pieces.extend(line_pieces)
        line_start = line_end
    return pieces


def spoken_text(text: str) -> SpokenText:
    """The draft as the prompter shows it, with the offset map and the sections placed in it."""
    runs: list[tuple[int, int, int]] = []
    parts: list[str] = []
    spoken_pos = 0
    for a, b in _kept_pieces(text):
        if runs and runs[-1][1] + runs[-1][2] == a:  # adjacent to the last run: extend it
            s, d, n = runs[-1]
            runs[-1] = (s, d, n + b - a)
        else:
            runs.append((spoken_pos, a, b - a))
        parts.append(text[a:b])
        spoken_pos += b - a
    spoken = SpokenText("".join(parts), tuple(runs), ())
    sections = tuple(
        SpokenSection(s.number, s.title, s.level, spoken.from_draft(s.start), spoken.from_draft(s.end))
        for s in draft_timing(text).sections
    )
    return SpokenText(spoken.text, spoken.runs, sections)


def cumulative_counts(text: str) -> list[int]:
    """counts[i] = 字数 of text[:i] by the counting rule (len(text) + 1 entries). A Latin run
    counts at its first character, so the count steps exactly where count_characters would."""
    weights = [0 if ch.isspace() else 1 for ch in text]
    for match in _LATIN_RUN.finditer(text):
        a, b = match.span()
        weights[a + 1 : b] = [0] * (b - a - 1)
    return [0, *accumulate(weights)]


@dataclass(frozen=True, slots=True)
class SectionPlan:
    """A section as the plan has it: where it starts and ends in counted characters and the
    second (from the start of the talk) it should start at."""

    section: SpokenSection
    start_count: int
    end_count: int
    start_seconds: float
    planned_seconds: float


class Plan:
    """The pace of a reading of `spoken` at `rate` 字/分钟: where the reading mark is after some
    seconds, which section that is, and how far a reading is ahead of or behind the plan.

    Positions are counted characters (floats between whole characters, so a scroll can move
    smoothly through a line); `index_at` turns one into an offset in the spoken text."""

    def __init__(self, spoken: SpokenText, rate: float) -> None:
        if rate <= 0:
            raise ValueError("speaking rate must be positive")
        self.spoken = spoken
        self.rate = float(rate)
        self.counts = cumulative_counts(spoken.text)
        self.sections = tuple(
            SectionPlan(
                s,
                self.counts[s.start],
                self.counts[s.end],
                self.seconds_for(self.counts[s.start]),
                self.seconds_for(self.counts[s.end] - self.counts[s.start]),
            )
            for s in spoken.sections
        )
        self._section_starts = [p.section.start for p in self.sections]

    @property
    def total(self) -> int:
        """字数 of the spoken text."""
        return self.counts[-1]

    @property
    def total_seconds(self) -> float:
        return self.seconds_for(self.total)

    def seconds_for(self, count: float) -> float:
        """Planned seconds to read `count` characters."""
        return count / self.rate * SECONDS_PER_MINUTE

    def count_after(self, seconds: float) -> float:
        """Characters read after `seconds` at the plan's rate (never past the end)."""
        return min(max(seconds, 0.0) * self.rate / SECONDS_PER_MINUTE, float(self.total))

    def index_at(self, count: float) -> int:
        """The spoken offset of the character being read at `count`: the first character whose
        own count has not yet been read in full."""
        count = min(max(count, 0.0), float(self.total))
        index = bisect.bisect_right(self.counts, count) - 1
        return min(index, len(self.spoken.text))

    def position(self, seconds: float) -> int:
        """The spoken offset the reading mark is at after `seconds` of reading to plan."""
        return self.index_at(self.count_after(seconds))

    def section_index_at(self, index: int) -> int | None:
        """The innermost section holding spoken offset `index` (sections run parent before
        child, so the last one started is the innermost that has not ended)."""
        i = bisect.bisect_right(self._section_starts, index) - 1
        while i >= 0:
            section = self.sections[i].section
            if section.start <= index < section.end or (
                index == len(self.spoken.text) and section.end == index
            ):
                return i
            i -= 1
        return None

    def next_section_start(self, count: float) -> float | None:
        """The count at the first section start after `count`, or None."""
        starts = sorted({p.start_count for p in self.sections})
        i = bisect.bisect_right(starts, count)
        return float(starts[i]) if i < len(starts) else None

    def previous_section_start(self, count: float, grace: float = 1.0) -> float:
        """The count at the start of the section being read, or of the one before it when the
        mark is within `grace` characters of that start (so PgUp twice steps back twice)."""
        starts = sorted({p.start_count for p in self.sections} | {0})
        i = bisect.bisect_right(starts, count - grace) - 1
        return float(starts[max(i, 0)])

    def section_lead(self, section: int, count: float, seconds_in_section: float) -> float:
        """Seconds ahead of the plan (positive) or behind it (negative) in section `section`:
        the planned time from its start to `count` minus the time actually spent in it."""
        planned = self.seconds_for(count - self.sections[section].start_count)
        return planned - seconds_in_section

    def lead(self, count: float, elapsed: float) -> float:
        """Seconds ahead of (positive) or behind (negative) the whole talk's plan."""
        return self.seconds_for(count) - elapsed
