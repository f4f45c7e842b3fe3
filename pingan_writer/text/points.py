"""Inline enumerations inside paragraphs: 一是…二是…, 一要…二要…, 首先…其次…, 其一…其二…,
第一，…第二，… (after the paragraph start), 一方面…另一方面…, ①…②….

A series counts only when it has at least two items, numbered in order from its first, each
at the start of a clause (after 。；：，！？ or at the start of a paragraph), so that 统一是 or
第一时间 are never taken for points.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from pingan_writer.text.numerals import CIRCLED_CHARS, CIRCLED_VALUES, CN_NUMERAL_CHARS, cn_to_int
from pingan_writer.text.paragraphs import Paragraph, trim_end

_CLAUSE_BREAKS = "。；：，！？;:,!?、\n"
_CN = f"[{CN_NUMERAL_CHARS}]{{1,3}}"
_LAST = -1  # value of 最后, which may close a 首先 series of any length

_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("shi", re.compile(rf"(?P<n>{_CN})是")),
    ("yao", re.compile(rf"(?P<n>{_CN})要")),
    ("ordinal", re.compile(rf"第(?P<n>{_CN})[，、,：:]")),
    ("qi", re.compile(rf"其(?P<n>{_CN})[，、,：:是]")),
    ("sequence", re.compile(r"(?P<w>首先|其次|再次|最后)(?=[，、,：:是要])|(?P<w2>首先|其次)")),
    ("aspect", re.compile(r"(?P<a>另)?一方面")),
    ("circled", re.compile(rf"(?P<c>[{CIRCLED_CHARS}])")),
]
_SEQUENCE_VALUES = {"首先": 1, "其次": 2, "再次": 3, "最后": _LAST}
# What a family's marker must contain: a paragraph without it is not scanned for that family
# (str.find is far cheaper than a regex pass, and most paragraphs hold few families).
_NEEDLES: dict[str, tuple[str, ...]] = {
    "shi": ("是",),
    "yao": ("要",),
    "ordinal": ("第",),
    "qi": ("其",),
    "sequence": ("首先", "其次", "再次", "最后"),
    "aspect": ("方面",),
    "circled": (),
}


@dataclass(slots=True)
class PointMark:
    family: str
    value: int
    start: int  # offset of the marker in the text
    text: str  # the marker as written: 一是, 首先, ②


@dataclass(slots=True)
class PointSpan:
    """One item of a series: its marker, its range, and items of series nested inside it."""

    mark: PointMark
    start: int
    end: int
    title_start: int
    children: list[PointSpan] = field(default_factory=list)


def _at_clause_start(text: str, pos: int, para: Paragraph) -> bool:
    if pos == para.content_start:
        return True
    return pos > para.content_start and text[pos - 1] in _CLAUSE_BREAKS


def find_point_marks(text: str, para: Paragraph, skip_to: int | None = None) -> list[PointMark]:
    """Candidate point markers of a paragraph, in order; `skip_to` excludes a heading marker."""
    lo = para.content_start if skip_to is None else skip_to
    marks: list[PointMark] = []
    end = para.end
    segment = text[lo:end]
    for family, pattern in _FAMILIES:
        needles = _NEEDLES[family]
        if needles:
            for needle in needles:
                if needle in segment:
                    break
            else:
                continue
        for m in pattern.finditer(text, lo, end):
            pos = m.start()
            # ① cannot be read as anything but a marker, so it needs no clause break before it.
            if family != "circled" and not _at_clause_start(text, pos, para) and pos != skip_to:
                continue
            value = _mark_value(family, m)
            if value is None:
                continue
            word = (
                m.group(0).rstrip("，、,：:是要") if family in ("ordinal", "qi", "sequence") else m.group(0)
            )
            marks.append(PointMark(family, value, pos, word))
    marks.sort(key=lambda mk: mk.start)
    return marks


def _mark_value(family: str, m: re.Match[str]) -> int | None:
    if family in ("shi", "yao", "ordinal", "qi"):
        return cn_to_int(m.group("n"))
    if family == "sequence":
        return _SEQUENCE_VALUES[m.group("w") or m.group("w2")]
    if family == "aspect":
        return 2 if m.group("a") else 1
    return CIRCLED_VALUES[m.group("c")]


# Deepest nesting of point series inside one another. A chain of nested series never repeats a
# family (a series of the family restarting inside an item closes the outer series first), so
# it is at most the number of families; the bound only guards against a future family.
MAX_POINT_DEPTH = len(_FAMILIES) + 1


@dataclass(slots=True)
class _Series:
    items: list[tuple[PointMark, Paragraph]]
    # Where a restart of the same family in the last item's own paragraph ends that item: the
    # new series follows it as a sibling instead of nesting inside it, so 一是…二是…一是…二是…
    # in one paragraph is a row of series, not a chain thousands of levels deep.
    cut: int | None = None


def _start(span: PointSpan) -> int:
    return span.start


class SeriesBuilder:
    """Collects point series within one section (reset at every heading)."""

    def __init__(self) -> None:
        self._open: dict[str, _Series] = {}
        self.series: list[_Series] = []

    def feed(self, marks: list[PointMark], para: Paragraph) -> None:
        for mark in marks:
            current = self._open.get(mark.family)
            if mark.value == 1:
                if current is not None and current.items[-1][1] == para:
                    current.cut = mark.start
                current = _Series([(mark, para)])
                self._open[mark.family] = current
                self.series.append(current)
            elif current and _continues(current.items, mark):
                current.items.append((mark, para))

    def spans(self, text: str) -> list[PointSpan]:
        """Items of every series with two or more items, nested where one series sits inside
        a single item of an earlier one; a series that straddles items of another is dropped.

        Every list of siblings stays sorted by start and free of overlaps, so the host and
        overlap checks are bisections: linear-logarithmic however many series there are."""
        kept = sorted((s for s in self.series if len(s.items) >= 2), key=lambda s: s.items[0][0].start)
        top: list[PointSpan] = []
        for series in kept:
            items = _series_items(text, series)
            siblings = top
            bound: int | None = None
            for _ in range(MAX_POINT_DEPTH):
                host = _container(siblings, items)
                if host is None:
                    break
                siblings, bound = host.children, host.end
            if _overlaps(siblings, items):
                continue  # straddles an item, or (past the depth bound) sits inside one
            for item in items:
                if bound is not None:
                    item.end = min(item.end, bound)
                insort(siblings, item, key=_start)
        return top


def _continues(series: list[tuple[PointMark, Paragraph]], mark: PointMark) -> bool:
    last = series[-1][0].value
    if mark.value == _LAST:
        return len(series) >= 2 and last != _LAST
    return last != _LAST and mark.value == last + 1


def _series_items(text: str, series: _Series) -> list[PointSpan]:
    marks = series.items
    items = []
    for i, (mark, para) in enumerate(marks):
        end = para.end
        if i + 1 < len(marks):
            if marks[i + 1][1] is para:
                end = marks[i + 1][0].start
        elif series.cut is not None:
            end = min(end, series.cut)
        end = trim_end(text, mark.start, end)
        title_start = mark.start + len(mark.text)
        while title_start < end and text[title_start] in "，、,：: \u3000是要":
            title_start += 1
        items.append(PointSpan(mark, mark.start, end, title_start))
    return items


def _container(siblings: list[PointSpan], items: list[PointSpan]) -> PointSpan | None:
    """The sibling whose range holds every item: only the last one starting before the first
    item can, since siblings do not overlap."""
    i = bisect_right(siblings, items[0].start, key=_start) - 1
    if i < 0:
        return None
    host = siblings[i]
    return host if host.start < items[0].start and items[-1].start < host.end else None


def _overlaps(siblings: list[PointSpan], items: list[PointSpan]) -> bool:
    lo, hi = items[0].start, max(it.end for it in items)
    i = bisect_left(siblings, lo, key=_start)
    # Siblings are sorted and disjoint: only the one before `lo` and the one after can meet it.
    return (i > 0 and siblings[i - 1].end > lo) or (i < len(siblings) and siblings[i].start < hi)
