"""Inline enumerations inside paragraphs: 一是…二是…, 一要…二要…, 首先…其次…, 其一…其二…,
第一，…第二，… (after the paragraph start), 一方面…另一方面…, ①…②….

A series counts only when it has at least two items, numbered in order from its first, each
at the start of a clause (after 。；：，！？ or at the start of a paragraph), so that 统一是 or
第一时间 are never taken for points.
"""

from __future__ import annotations

import re
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
    for family, pattern in _FAMILIES:
        for m in pattern.finditer(text, lo, para.end):
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


class SeriesBuilder:
    """Collects point series within one section (reset at every heading)."""

    def __init__(self) -> None:
        self._open: dict[str, list[tuple[PointMark, Paragraph]]] = {}
        self.series: list[list[tuple[PointMark, Paragraph]]] = []

    def feed(self, marks: list[PointMark], para: Paragraph) -> None:
        for mark in marks:
            current = self._open.get(mark.family)
            if mark.value == 1:
                current = [(mark, para)]
                self._open[mark.family] = current
                self.series.append(current)
            elif current and _continues(current, mark):
                current.append((mark, para))

    def spans(self, text: str) -> list[PointSpan]:
        """Items of every series with two or more items, nested where one series sits inside
        a single item of an earlier one; a series that straddles items of another is dropped."""
        kept = sorted((s for s in self.series if len(s) >= 2), key=lambda s: s[0][0].start)
        top: list[PointSpan] = []
        for series in kept:
            items = _series_items(text, series)
            parent_list = top
            bound: int | None = None
            ok = True
            while True:
                host = _container(parent_list, items)
                if host is None:
                    ok = not _overlaps(parent_list, items)
                    break
                parent_list, bound = host.children, host.end
            if not ok:
                continue
            if bound is not None:
                for item in items:
                    item.end = min(item.end, bound)
            parent_list.extend(items)
            parent_list.sort(key=lambda p: p.start)
        return top


def _continues(series: list[tuple[PointMark, Paragraph]], mark: PointMark) -> bool:
    last = series[-1][0].value
    if mark.value == _LAST:
        return len(series) >= 2 and last != _LAST
    return last != _LAST and mark.value == last + 1


def _series_items(text: str, series: list[tuple[PointMark, Paragraph]]) -> list[PointSpan]:
    items = []
    for i, (mark, para) in enumerate(series):
        end = para.end
        if i + 1 < len(series) and series[i + 1][1] is para:
            end = series[i + 1][0].start
        end = trim_end(text, mark.start, end)
        title_start = mark.start + len(mark.text)
        while title_start < end and text[title_start] in "，、,：: \u3000是要":
            title_start += 1
        items.append(PointSpan(mark, mark.start, end, title_start))
    return items


def _container(candidates: list[PointSpan], items: list[PointSpan]) -> PointSpan | None:
    for host in candidates:
        if all(host.start < it.start < host.end for it in items):
            return host
    return None


def _overlaps(existing: list[PointSpan], items: list[PointSpan]) -> bool:
    lo, hi = items[0].start, max(it.end for it in items)
    return any(p.start < hi and lo < p.end for p in existing)
