"""The numbered sequences of a draft: heading series, their level misuse, and inline point series.

The numbering checks and `renumber.py` both read a draft through this module, so what the checks
call a gap is exactly what renumbering closes, and what they call a misused level is exactly what
`fix_levels` rewrites.

A heading series is the headings of one style under one parent, in document order. parse_outline
nests a same-style restart at 1 under the open heading (the sample talk's 一、 under 二、学习体会);
that nesting is taken at its word — a misused level — unless the nested headings and their parent's
series together number exactly 1…n, which is what moving sections around produces (二、B 一、A 三、C
is three moved sections, not a 一、 inside 二、).

Point series (一是…二是…) are found here rather than taken from the outline, because the outline
keeps only series numbered without gaps, and a gap is what the checks must see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pingan_writer.text.markers import (
    ARABIC_DOT,
    ARABIC_HALF_PAREN,
    ARABIC_PAREN,
    ARTICLE,
    CIRCLED,
    CN_DUN,
    CN_PAREN,
    match_annex,
    match_heading,
)
from pingan_writer.text.numerals import CIRCLED_CHARS, CN_NUMERAL_CHARS, int_to_cn
from pingan_writer.text.outline import ANNEX, HEADING, POINT, Outline, OutlineNode
from pingan_writer.text.paragraphs import INDENT_CHARS, iter_paragraphs
from pingan_writer.text.points import PointMark, find_point_marks

# The level order of GB/T 9704 (一、 → （一） → 1. → （1）), with ① as the customary fifth level.
# 1） is the half-bracket variant of （1）.
STANDARD_LEVELS = (CN_DUN, CN_PAREN, ARABIC_DOT, ARABIC_PAREN, CIRCLED)
_LEVEL_INDEX = {style: i for i, style in enumerate(STANDARD_LEVELS)} | {ARABIC_HALF_PAREN: 3}

# Point families whose items carry a number that can be wrong. 首先/其次/最后 and 一方面/另一方面
# are words, not numbers: they cannot have a gap.
NUMBERED_POINT_FAMILIES = frozenset({"shi", "yao", "ordinal", "qi", "circled"})
# A point that jumps further than this past the last item is more likely unrelated text
# (，十是…) than a series with items deleted.
_MAX_POINT_JUMP = 3

_NUMERAL = re.compile(rf"[{CN_NUMERAL_CHARS}]+|[0-9０-９]+|[{CIRCLED_CHARS}]")
_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def level_index(style: str) -> int | None:
    """Position of `style` in the standard level order, None for styles outside it (第一，, 第一章 …)."""
    return _LEVEL_INDEX.get(style)


def next_level(style: str) -> str | None:
    """The style one level below `style` in the standard order."""
    i = level_index(style)
    if i is None or i + 1 >= len(STANDARD_LEVELS):
        return None
    return STANDARD_LEVELS[i + 1]


def renumbered(marker: str, value: int) -> str | None:
    """`marker` with its number replaced by `value`, written the same way (一 / 1 / １ / ①).

    None when the value cannot be written in that script (① stops at ㊿, Chinese numerals at 999)."""
    m = _NUMERAL.search(marker)
    if m is None or value < 1:
        return None
    old = m.group(0)
    if old[0] in CIRCLED_CHARS:
        if value > len(CIRCLED_CHARS):
            return None
        new = CIRCLED_CHARS[value - 1]
    elif old[0] in CN_NUMERAL_CHARS:
        if value > 999:
            return None
        new = int_to_cn(value)
    else:
        new = str(value)
        if old[0] in "０１２３４５６７８９":
            new = new.translate(_FULLWIDTH_DIGITS)
    return marker[: m.start()] + new + marker[m.end() :]


def marker_for(style: str, value: int) -> str | None:
    """A fresh marker of `style` (standard levels only), as GB/T 9704 writes it."""
    if value < 1:
        return None
    if style == CN_DUN:
        return f"{int_to_cn(value)}、" if value <= 999 else None
    if style == CN_PAREN:
        return f"（{int_to_cn(value)}）" if value <= 999 else None
    if style == ARABIC_DOT:
        return f"{value}."
    if style == ARABIC_PAREN:
        return f"（{value}）"
    if style == ARABIC_HALF_PAREN:
        return f"{value}）"
    if style == CIRCLED:
        return CIRCLED_CHARS[value - 1] if value <= len(CIRCLED_CHARS) else None
    return None


def example_series(style: str) -> str:
    """一、二、三、 / （一）（二）（三） …: how a style's first three markers look, for messages."""
    return "".join(marker_for(style, v) or "" for v in (1, 2, 3))


@dataclass(slots=True)
class HeadingSeries:
    """Headings of one style under one parent (None: the top of the body), in document order."""

    parent: OutlineNode | None
    style: str
    members: list[OutlineNode]

    @property
    def misused(self) -> bool:
        """A restart of the parent's own style inside it: a level written with the wrong markers."""
        return self.parent is not None and self.parent.kind == HEADING and self.parent.style == self.style


def _numbered(node: OutlineNode) -> bool:
    return node.kind != POINT and node.value is not None and not node.style.startswith("hint-")


def heading_series(outline: Outline) -> list[HeadingSeries]:
    """Every heading (and annex) series of the outline, outermost first."""
    found: list[HeadingSeries] = []
    absorbed: set[int] = set()  # ids of nested headings taken back into their parent's series
    # Articles (第一条) run on through the whole regulation, across its chapters; an annex is a
    # document of its own and numbers them afresh.
    body = [n for n in outline.nodes if n.kind != ANNEX]
    for context in [body, *(n.children for n in outline.nodes if n.kind == ANNEX)]:
        articles = [n for top in context for n in top.walk() if n.style == ARTICLE and _numbered(n)]
        if articles:
            found.append(HeadingSeries(None, ARTICLE, articles))

    def visit(parent: OutlineNode | None, children: list[OutlineNode]) -> None:
        groups: dict[str, list[OutlineNode]] = {}
        for child in children:
            if _numbered(child) and id(child) not in absorbed and child.style != ARTICLE:
                groups.setdefault(child.style, []).append(child)
        for style, members in groups.items():
            nested = [
                g
                for m in members
                for g in m.children
                if g.kind == HEADING and g.style == style and _numbered(g)
            ]
            if nested:
                merged = sorted(members + nested, key=lambda n: n.start)
                if sorted(n.value or 0 for n in merged) == list(range(1, len(merged) + 1)):
                    members = merged
                    absorbed.update(id(n) for n in nested)
            found.append(HeadingSeries(parent, style, members))
        for child in children:
            if child.kind != POINT:
                visit(child, child.children)

    visit(None, outline.nodes)
    return found


def marker_range(text: str, node: OutlineNode) -> tuple[int, int] | None:
    """Where the node's marker is written, or None when its number is not literally there
    (an annex's number is stored without the spaces of 附件 1)."""
    end = node.start + len(node.number)
    if not node.number or text[node.start : end] != node.number:
        return None
    return node.start, end


def rewrite_keeps_heading(text: str, node: OutlineNode, new_marker: str, style: str, value: int) -> bool:
    """Whether the paragraph still reads as a heading of `style` numbered `value` once its marker is
    `new_marker`: 三、四月 renumbered to 二、四月 would read as a list of months, not a heading."""
    line_end = text.find("\n", node.start)
    rest = text[node.start + len(node.number) : len(text) if line_end < 0 else line_end]
    if node.kind == ANNEX:
        annex = match_annex(new_marker + rest)
        return annex is not None and annex.value == value
    marker = match_heading(new_marker + rest)
    if marker is None or marker.style != style or marker.value != value:
        return False
    # As in the outline, ① followed by ② in the same paragraph is a series of points, not a heading.
    return style != CIRCLED or CIRCLED_CHARS[value : value + 1] not in rest


@dataclass(slots=True)
class PointSeries:
    """A series of numbered points (一是…二是…) inside one section, in document order."""

    family: str
    marks: list[PointMark]


def point_series(text: str, outline: Outline) -> list[PointSeries]:
    """Numbered point series of two or more items, gaps and repeats included.

    Like the outline, a series lives within one heading section and starts at 1. A mark that
    continues an enclosing series closes the inner one (一是…：一是…二是…；二是… nests); a mark that
    continues none joins the innermost series — a gap, a repeat, or an item moved out of order —
    unless it jumps far past the series' end."""
    sections = {n.start: n for n in outline.walk() if n.kind != POINT}
    title_start = outline.title_span[0] if outline.title_span else None
    found: list[list[PointMark]] = []
    stacks: dict[str, list[list[PointMark]]] = {}
    for para in iter_paragraphs(text):
        if para.content_start == title_start:
            continue
        skip_to = None
        node = sections.get(para.content_start)
        if node is not None:
            stacks = {}
            if node.kind == ANNEX:
                continue
            skip_to = node.start + len(node.number)
            while skip_to < para.end and text[skip_to] in INDENT_CHARS:
                skip_to += 1
        for mark in find_point_marks(text, para, skip_to):
            if mark.family not in NUMBERED_POINT_FAMILIES:
                continue
            stack = stacks.setdefault(mark.family, [])
            if mark.value == 1:
                series = [mark]
                stack.append(series)
                found.append(series)
                continue
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][-1].value + 1 == mark.value:
                    del stack[k + 1 :]
                    stack[k].append(mark)
                    break
            else:
                if stack and mark.value <= stack[-1][-1].value + _MAX_POINT_JUMP:
                    stack[-1].append(mark)
    return [PointSeries(s[0].family, s) for s in found if len(s) >= 2]
