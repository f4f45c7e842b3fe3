"""Rewrite a draft's numbering after sections were moved, added or deleted.

`renumber` numbers every heading series 1…n in document order (一、 三、 二、 → 一、 二、 三、) and every
numbered point series likewise (一是…三是 → 一是…二是). `fix_levels` rewrites a level restarted with
its parent's markers (the sample talk's 一、 under 二、学习体会) to the next level's markers (（一）).

Only the numbers inside markers change — the style and punctuation of each marker (一、, （一）, 1．
with its full-width dot, ①) and every other character of the text stay as they were. Both use the
series of `checks.sequences`, so they close exactly the gaps the numbering checks report. A rewrite
that would stop the paragraph from reading as the same heading (三、四月 → 二、四月, a list of months)
is skipped rather than made.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingan_writer.draft.checks.sequences import (
    heading_series,
    marker_for,
    marker_range,
    next_level,
    point_series,
    renumbered,
    rewrite_keeps_heading,
)
from pingan_writer.text.outline import HEADING, OutlineNode, parse_outline


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] (a marker) with `replacement`."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping `edits` applied."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def renumber_edits(text: str) -> list[Edit]:
    """The marker rewrites `renumber` makes, in text order (for a preview or an undo step)."""
    outline = parse_outline(text)
    edits: list[Edit] = []
    for series in heading_series(outline):
        for value, node in enumerate(series.members, 1):
            if node.value == value:
                continue
            span = marker_range(text, node)
            new = renumbered(node.number, value)
            if span and new and rewrite_keeps_heading(text, node, new, node.style, value):
                edits.append(Edit(*span, new))
    for points in point_series(text, outline):
        for value, mark in enumerate(points.marks, 1):
            new = renumbered(mark.text, value) if mark.value != value else None
            if new:
                edits.append(Edit(mark.start, mark.start + len(mark.text), new))
    return sorted(edits, key=lambda e: e.start)


# Renumbering can change how a paragraph reads (①…③ renumbered to ①…② turns a ② at the start of
# the paragraph from a point into a heading), so the rewrite is repeated until nothing changes;
# real drafts settle in one round and a second confirms it.
_MAX_ROUNDS = 4


def renumber(text: str) -> str:
    """`text` with every heading and numbered point series numbered 1…n in document order."""
    for _ in range(_MAX_ROUNDS):
        edits = renumber_edits(text)
        if not edits:
            break
        text = apply_edits(text, edits)
    return text


def fix_level_edits(text: str) -> list[Edit]:
    """The marker rewrites `fix_levels` makes, in text order."""
    outline = parse_outline(text)
    misused = {id(n) for s in heading_series(outline) if s.misused for n in s.members}
    edits: list[Edit] = []

    def restyle(node: OutlineNode, parent_style: str | None, parent_changed: bool) -> None:
        # A misused heading moves one level below its parent; once a heading has moved, a child
        # written in the style it moved to must move down too, or it would collide with it.
        style = node.style
        if (
            parent_style is not None
            and node.style == parent_style
            and (id(node) in misused or parent_changed)
        ):
            below = next_level(parent_style)
            new = marker_for(below, node.value or 0) if below else None
            span = marker_range(text, node)
            if below and new and span and rewrite_keeps_heading(text, node, new, below, node.value or 0):
                edits.append(Edit(*span, new))
                style = below
        for child in node.children:
            if child.kind == HEADING:
                restyle(child, style, style != node.style)

    for top in outline.nodes:
        if top.kind == HEADING:
            restyle(top, None, False)
        else:  # an annex numbers its own headings afresh
            for child in top.children:
                if child.kind == HEADING:
                    restyle(child, None, False)
    return sorted(edits, key=lambda e: e.start)


def fix_levels(text: str) -> str:
    """`text` with each level restarted in its parent's markers rewritten to the next level's
    markers (一、 under 二、 → （一）), and what lay below it moved down with it."""
    return apply_edits(text, fix_level_edits(text))
