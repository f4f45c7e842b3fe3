"""Numbering checks: continuity within each series, level misuse, and skipped or inverted levels.

Rules:
- numbering.gap     一、 then 三、; 一是 then 三是
- numbering.repeat  二、 twice in a row
- numbering.order   numbers out of order (a moved section: 一、 三、 二、)
- numbering.start   a heading series that does not start at 1
- numbering.level   a level restarted with its parent's own markers (一、 inside 二、) where the next
                    level's markers belong
- numbering.hierarchy  a level skipped (1. directly under 一、) or turned upside down (一、 under （一）)
- numbering.restart a point series that starts again at 一是 in the same paragraph after a complete
                    series (一是…二是…三是…一是…二是…), usually a run pasted twice

Every finding points at the marker as written. Heading numbering is the document's skeleton, so its
faults are errors; point series are found by a heuristic and are reported as warnings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import pairwise

from pingan_writer.draft.checks.sequences import (
    HeadingSeries,
    PointSeries,
    example_series,
    heading_series,
    level_index,
    marker_for,
    next_level,
    point_series,
    renumbered,
)
from pingan_writer.draft.findings import Finding
from pingan_writer.text.outline import HEADING, Outline, OutlineNode, parse_outline
from pingan_writer.text.paragraphs import INDENT_CHARS, iter_paragraphs

GAP = "numbering.gap"
REPEAT = "numbering.repeat"
ORDER = "numbering.order"
START = "numbering.start"
LEVEL = "numbering.level"
HIERARCHY = "numbering.hierarchy"
RESTART = "numbering.restart"

# What may stand right before the 一是 of a restarted series: a sentence or clause end. After ：
# or ， a new 一是 opens points nested in the item before it, which is legitimate.
_RESTART_AFTER = "。；！？;!?"


def check(text: str, outline: Outline | None = None) -> list[Finding]:
    """All numbering findings of `text` (pass `outline` when it is already parsed)."""
    outline = parse_outline(text) if outline is None else outline
    findings: list[Finding] = []
    for series in heading_series(outline):
        findings.extend(_heading_continuity(series))
        findings.extend(_heading_levels(series))
    points = point_series(text, outline)
    for series in points:
        findings.extend(_point_continuity(series))
    findings.extend(_point_restarts(text, points))
    return findings


def _span(node: OutlineNode) -> tuple[int, int]:
    # The marker as written. An annex stores its number without spaces (附件 1 → 附件1), so its span
    # may stop short of the digit, but it still starts at the marker and stays on its line.
    return node.start, node.start + len(node.number)


def _as(node: OutlineNode, value: int) -> str:
    """How `node`'s marker would read numbered `value`."""
    return renumbered(node.number, value) or str(value)


def _heading_continuity(series: HeadingSeries) -> Iterator[Finding]:
    members = series.members
    values = [n.value or 0 for n in members]
    if sorted(values) == list(range(1, len(values) + 1)):
        # Every number present once: only the order is wrong, as after moving sections.
        for position, node in enumerate(members, 1):
            if node.value != position:
                yield Finding(
                    ORDER,
                    "error",
                    f"序号顺序错乱：按位置此处应为“{_as(node, position)}”，现为“{node.number}”。",
                    *_span(node),
                )
        return
    first = members[0]
    if first.value != 1 and min(values) != 1:
        yield Finding(
            START,
            "info",
            f"这一级序号从“{first.number}”开始，没有从“{_as(first, 1)}”开始。",
            *_span(first),
        )
    for prev, node in pairwise(members):
        yield from _step(prev.number, prev.value or 0, node.number, node.value or 0, _span(node), "error")


def _step(
    prev_marker: str, prev: int, marker: str, value: int, span: tuple[int, int], severity: str
) -> Iterator[Finding]:
    """The finding, if any, for `marker` numbered `value` following `prev_marker` numbered `prev`."""
    if value == prev + 1:
        return
    if value == prev:
        yield Finding(REPEAT, severity, f"序号重复：“{marker}”紧接在同号的“{prev_marker}”之后。", *span)
    elif value > prev + 1:
        missing = "、".join(
            f"“{renumbered(prev_marker, v) or v}”" for v in range(prev + 1, min(value, prev + 4))
        )
        if value > prev + 4:
            missing += "等"
        yield Finding(
            GAP,
            severity,
            f"序号不连续：“{prev_marker}”之后是“{marker}”，缺少{missing}。",
            *span,
        )
    else:
        yield Finding(ORDER, severity, f"序号倒退：“{prev_marker}”之后是“{marker}”。", *span)


def _heading_levels(series: HeadingSeries) -> Iterator[Finding]:
    parent = series.parent
    if parent is None or parent.kind != HEADING:
        return
    if series.misused:
        below = next_level(parent.style)
        for node in series.members:
            if below is None:
                advice = "请改用下一级序号。"
            else:
                advice = (
                    f"下一级应改用“{example_series(below)}”，此处应为“{marker_for(below, node.value or 1)}”。"
                )
            yield Finding(
                LEVEL,
                "error",
                f"层级用错：“{parent.number}{parent.title}”之下又用“{node.number}”编号，"
                f"与上一级序号相同。{advice}",
                *_span(node),
            )
        return
    upper, lower = level_index(parent.style), level_index(series.style)
    if upper is None or lower is None:
        return
    first = series.members[0]
    if lower > upper + 1:
        skipped = next_level(parent.style)
        yield Finding(
            HIERARCHY,
            "info",
            f"层级跳过：“{parent.number}”之下直接用“{first.number}”，缺少“{example_series(skipped or '')}”"
            "这一级（公文层级依次为一、（一）1.（1））。",
            *_span(first),
        )
    elif lower < upper:
        yield Finding(
            HIERARCHY,
            "warning",
            f"层级颠倒：“{parent.number}”之下用了更高一级的“{first.number}”"
            "（公文层级依次为一、（一）1.（1））。",
            *_span(first),
        )


def _point_continuity(points: PointSeries) -> Iterator[Finding]:
    for prev, mark in pairwise(points.marks):
        span = (mark.start, mark.start + len(mark.text))
        yield from _step(prev.text, prev.value, mark.text, mark.value, span, "warning")


def _point_restarts(text: str, all_series: list[PointSeries]) -> Iterator[Finding]:
    """A series of the same family starting over after another one ended in the same paragraph.

    A series nested in an item of an outer one is followed by the outer series' next item, so it
    ends before the outer one does; only a series that begins after the earlier one has ended
    (with no item of it following) and after a sentence or clause end is a restart."""
    para_starts = [p.start for p in iter_paragraphs(text)]
    # (family, paragraph) → the latest last item of its series so far, and the last series: all
    # an earlier series tells (listing them for each new one was quadratic in a long paragraph).
    seen: dict[tuple[str, int], tuple[int, PointSeries]] = {}
    for series in sorted(all_series, key=lambda s: s.marks[0].start):
        first = series.marks[0]
        key = (series.family, bisect_right(para_starts, first.start))
        prior = seen.get(key)
        last_item = series.marks[-1].start
        seen[key] = (last_item if prior is None else max(prior[0], last_item), series)
        # None earlier, or one that goes on after this one starts (this one is nested in it).
        if prior is None or prior[0] >= first.start:
            continue
        previous = prior[1]
        before = first.start - 1
        while before >= 0 and text[before] in INDENT_CHARS:
            before -= 1
        if before < 0 or text[before] not in _RESTART_AFTER:
            continue
        words = "…".join(m.text for m in previous.marks[:3])
        yield Finding(
            RESTART,
            "warning",
            f"同一段中“{words}”之后又从“{first.text}”编起，疑为重复粘贴；"
            "如确是另一组要点，建议分段或改用其他序号。",
            first.start,
            first.start + len(first.text),
        )
