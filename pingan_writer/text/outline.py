"""The outline of a Chinese official document: headings, inline points and annexes.

Depth is not tied to a numbering style. Within the body (and afresh within each annex) styles
rank in the order they first appear, so a document whose top level is （一） nests correctly.
A style that restarts at 1 inside an open section of the same style (the sample talk's 一、
under 二、学习体会) is nested under it; a style that continues a number on the stack (二、 after
一、) closes what lies between.

Nesting is bounded: headings nest at most MAX_HEADING_DEPTH deep (a deeper one becomes a sibling
of the deepest open heading, so no line is lost), and points at most points.MAX_POINT_DEPTH
inside that. Every walk over the tree is iterative all the same, so no document can exhaust
Python's recursion limit here.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pingan_writer.gcpause import collector_paused
from pingan_writer.text.markers import (
    ARABIC_DOT,
    CIRCLED,
    Marker,
    match_annex,
    match_annex_note,
    match_heading,
)
from pingan_writer.text.numerals import CIRCLED_CHARS
from pingan_writer.text.paragraphs import SENTENCE_END, Paragraph, first_sentence, iter_paragraphs, trim_end
from pingan_writer.text.points import PointSpan, SeriesBuilder, find_point_marks

HEADING = "heading"
POINT = "point"
ANNEX = "annex"

TITLE_MAX_CHARS = 60
# Real documents use at most a dozen heading levels (一、（一）1.（1）① under 第一部分/章/节/条,
# or a .docx's Heading 1–9); a style restarting at 1 inside itself adds one each time, which is
# how repetitive text would otherwise nest without end.
MAX_HEADING_DEPTH = 32
_POINT_TITLE_STOPS = "，。；：！？,;:!?\n"


@dataclass(slots=True)
class OutlineNode:
    kind: str  # heading | point | annex
    level: int  # 1 = top
    number: str  # marker as written: 一、 （一） 1. 一是 附件1; "" for an unnumbered heading
    title: str
    start: int  # offsets into the text, covering the node's whole section
    end: int
    style: str = ""  # numbering style (markers.py), "hint-N" or a point family
    value: int | None = None
    children: list[OutlineNode] = field(default_factory=list)

    def walk(self) -> Iterator[OutlineNode]:
        """This node and its descendants, depth first in document order."""
        return _walk([self])

    def to_dict(self) -> dict:
        """The JSON shape of `pingan-writer outline --json` (exact keys)."""
        root = self.shallow_dict()
        stack = [(self, root["children"])]
        while stack:
            node, out = stack.pop()
            for child in node.children:
                data = child.shallow_dict()
                out.append(data)
                stack.append((child, data["children"]))
        return root

    def shallow_dict(self) -> dict:
        """to_dict's keys for this node alone, with an empty children list to fill."""
        return {
            "kind": self.kind,
            "level": self.level,
            "number": self.number,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "children": [],
        }


def _walk(nodes: list[OutlineNode]) -> Iterator[OutlineNode]:
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _start(node: OutlineNode) -> int:
    return node.start


@dataclass(slots=True)
class Outline:
    title: str | None  # the title line found in the text, if any
    title_span: tuple[int, int] | None
    nodes: list[OutlineNode]

    def walk(self) -> Iterator[OutlineNode]:
        """Every node, depth first in document order."""
        return _walk(self.nodes)

    def path_at(self, offset: int) -> list[OutlineNode]:
        """The chain of nodes, outermost first, whose range holds `offset`."""
        path: list[OutlineNode] = []
        level = self.nodes
        while True:
            # Siblings are sorted by start and do not overlap: only the last one starting at or
            # before `offset` can hold it (a bisection, not a scan: import asks once a passage).
            i = bisect_right(level, offset, key=_start) - 1
            if i < 0 or not level[i].start <= offset < level[i].end:
                return path
            hit = level[i]
            path.append(hit)
            level = hit.children

    def paths_at(self, offsets: Iterable[int]) -> list[list[OutlineNode]]:
        """path_at of each offset, from one walk over the tree when the offsets ascend (as
        passages do): time in proportion to the nodes and the paths, with no search per level.
        An offset below the one before it is answered by path_at."""
        out: list[list[OutlineNode]] = []
        order = _walk_with_depth(self.nodes)  # document order: starts never decrease
        pending = next(order, None)
        chain: list[OutlineNode] = []  # the last node visited at each depth, under its parents
        last = None
        for offset in offsets:
            if last is not None and offset < last:
                out.append(self.path_at(offset))
                continue
            last = offset
            while pending is not None and pending[0].start <= offset:
                node, depth = pending
                del chain[depth:]
                chain.append(node)
                pending = next(order, None)
            path = []
            for node in chain:
                if not node.start <= offset < node.end:
                    break
                path.append(node)
            out.append(path)
        return out


def _walk_with_depth(nodes: list[OutlineNode]) -> Iterator[tuple[OutlineNode, int]]:
    stack = [(node, 0) for node in reversed(nodes)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((child, depth + 1) for child in reversed(node.children))


@dataclass(frozen=True, slots=True)
class HeadingHint:
    """A reader's hint that the paragraph starting at `start` is a heading of `level` (1 = top).

    Level 0 marks the document title (a .docx Title style, a Markdown # before any text)."""

    start: int
    level: int


def detect_title(text: str, first: Paragraph | None) -> bool:
    """Whether the first paragraph is a title: short, unnumbered, no sentence punctuation."""
    if first is None:
        return False
    content = first.content(text)
    if len(content) > TITLE_MAX_CHARS or match_heading(content) or content.startswith("附件"):
        return False
    if any(ch in content for ch in SENTENCE_END + "；;") or content.endswith(("：", ":")):
        return False
    marks = find_point_marks(text, first)
    return not (marks and marks[0].start == first.content_start)  # 一要…, 其一，… open points


class _Context:
    """Nesting state for the body or one annex."""

    def __init__(self, root: list[OutlineNode]) -> None:
        self.root = root
        self.ranks: list[str] = []
        self._rank_of: dict[str, int] = {}
        self.stack: list[OutlineNode] = []

    def rank(self, style: str) -> int:
        r = self._rank_of.get(style)
        if r is None:
            self._add_style(style)
            self._rank_of = {s: i for i, s in enumerate(self.ranks)}  # a new style may shift others
            r = self._rank_of[style]
        return r

    def _add_style(self, style: str) -> None:
        # Hint levels keep their own order among themselves: Heading 1 above Heading 2.
        if style.startswith("hint-"):
            level = int(style[5:])
            for i, other in enumerate(self.ranks):
                if other.startswith("hint-") and int(other[5:]) > level:
                    self.ranks.insert(i, style)
                    return
        self.ranks.append(style)

    def place(self, node: OutlineNode) -> None:
        """Attach a heading to the tree and push it on the stack."""
        style, value, stack = node.style, node.value, self.stack
        r = self.rank(style)
        while stack and self.rank(stack[-1].style) > r:
            stack.pop()
        if stack and stack[-1].style == style:
            # Among the same-style nodes at the top of the stack, the topmost one that this node
            # continues (its value one less) closes everything above it. No numbering value is
            # 0, so a 1 (the commonest restart) continues nothing and needs no look.
            cont = -1
            if value is not None and value > 1:
                i = len(stack) - 1
                while i >= 0 and stack[i].style == style:
                    if stack[i].value == value - 1:
                        cont = i
                        break
                    i -= 1
            if cont >= 0:
                del stack[cont:]
            elif value != 1 or stack[-1].value is None or style.startswith("hint-"):
                stack.pop()  # a gap or repeat: still a sibling; the checks report it
            # else: a restart at 1 inside an open section of the same style nests under it
            # (never for hint styles: there the author set the level explicitly)
        if len(stack) >= MAX_HEADING_DEPTH:
            del stack[MAX_HEADING_DEPTH - 1 :]  # at the bound: a sibling of the deepest
        (stack[-1].children if stack else self.root).append(node)
        stack.append(node)

    def current_children(self) -> list[OutlineNode]:
        return self.stack[-1].children if self.stack else self.root


# Parsed outlines of the last few texts. A file that is read, checked and exported asks for the
# outline of one text three times (reader, checks, writer); parsing is the costly part of each.
_CACHE_SIZE = 4
_cache: OrderedDict[tuple[str, tuple[HeadingHint, ...]], Outline] = OrderedDict()
_cache_lock = threading.Lock()  # the GUI parses in worker threads


def parse_outline(text: str, hints: Iterable[HeadingHint] = ()) -> Outline:
    """Parse `text` into an Outline. Never raises; every range lies inside its parent's.

    The same text with the same hints gives back the same Outline object (from a small cache
    keyed by the exact text), so an outline is read-only once parsed: nothing changes one."""
    key = (text, tuple(hints))
    with _cache_lock:
        outline = _cache.get(key)
        if outline is not None:
            _cache.move_to_end(key)
            return outline
    with collector_paused():  # a big outline is hundreds of thousands of new objects
        outline = _parse(text, key[1])
    with _cache_lock:
        _cache[key] = outline
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return outline


def _parse(text: str, hints: tuple[HeadingHint, ...]) -> Outline:
    hint_levels = {h.start: h.level for h in hints}
    paragraphs = list(iter_paragraphs(text))
    title: str | None = None
    title_span: tuple[int, int] | None = None
    first = paragraphs[0] if paragraphs else None
    if first is not None and (
        hint_levels.get(first.start) == 0 or (first.start not in hint_levels and detect_title(text, first))
    ):
        title = first.content(text)
        title_span = (first.content_start, first.end)
        paragraphs = paragraphs[1:]

    nodes: list[OutlineNode] = []
    ctx = _Context(nodes)
    series = SeriesBuilder()
    section_children = nodes
    pending: list[tuple[SeriesBuilder, list[OutlineNode]]] = []
    annex_waiting_title: OutlineNode | None = None
    note_next: int | None = None  # the next item of an attachment note's list

    for para in paragraphs:
        content = para.content(text)
        if note_next is not None:
            item = match_heading(content)
            if item is not None and item.style == ARABIC_DOT and item.value == note_next:
                note_next += 1
                continue
            note_next = None
        first_item = match_annex_note(content)
        if first_item is not None:
            note_next = first_item + 1
            continue
        annex = match_annex(content)
        if annex is not None:
            pending.append((series, section_children))
            node = OutlineNode(
                ANNEX, 1, annex.text, annex.title, para.content_start, para.end, "annex", annex.value
            )
            nodes.append(node)
            ctx = _Context(node.children)
            series, section_children = SeriesBuilder(), node.children
            annex_waiting_title = None if annex.title else node
            continue
        if annex_waiting_title is not None:
            if detect_title(text, para):
                annex_waiting_title.title = content
                annex_waiting_title = None
                continue
            annex_waiting_title = None
        marker = _heading_marker(content, hint_levels.get(para.start))
        skip_to = None
        if marker is not None:
            pending.append((series, section_children))
            node = OutlineNode(
                HEADING,
                0,
                marker.text,
                _heading_title(content[marker.length :]),
                para.content_start,
                para.end,
                marker.style,
                marker.value,
            )
            ctx.place(node)
            series, section_children = SeriesBuilder(), node.children
            skip_to = para.content_start + marker.length
        series.feed(find_point_marks(text, para, skip_to), para)
    pending.append((series, section_children))

    for builder, children in pending:
        _attach_points(text, builder.spans(text), children)
    _finish(text, nodes, 1, trim_end(text, 0, len(text)))
    return Outline(title, title_span, nodes)


def _heading_marker(content: str, hint: int | None) -> Marker | None:
    """The marker, placed by the reader's hint when there is one: an explicit heading level
    (a .docx Heading style, a Markdown #) says more about depth than the numbering does."""
    marker = match_heading(content)
    if (
        marker is not None
        and marker.style == CIRCLED
        and CIRCLED_CHARS[marker.value or 0 : (marker.value or 0) + 1] in content[marker.length :]
    ):
        marker = None  # ①…；②… in one paragraph is a series of points, not a heading
    if hint is None or hint <= 0:
        return marker
    if marker is None:
        return Marker(style=f"hint-{hint}", value=None, text="", length=0)
    return Marker(style=f"hint-{hint}", value=marker.value, text=marker.text, length=marker.length)


def _heading_title(rest: str) -> str:
    """The heading line, or its first sentence when body text follows in the same paragraph,
    without the clause mark a list item ends with (（一）协商； → 协商)."""
    return first_sentence(rest).rstrip("；;，,：:") if rest else ""


def _attach_points(text: str, spans: list[PointSpan], children: list[OutlineNode]) -> None:
    """Point nodes for `spans` (and the series nested in them) among `children`, by start."""
    work = [(spans, children)]
    while work:
        level_spans, level_children = work.pop()
        for span in level_spans:
            node = OutlineNode(
                POINT,
                0,
                span.mark.text,
                _point_title(text, span),
                span.start,
                span.end,
                span.mark.family,
                span.mark.value,
            )
            level_children.append(node)
            if span.children:
                work.append((span.children, node.children))
        level_children.sort(key=_start)  # two sorted runs (points, subheadings): a linear merge


def _point_title(text: str, span: PointSpan) -> str:
    end = span.title_start
    while end < span.end and text[end] not in _POINT_TITLE_STOPS:
        end += 1
    return text[span.title_start : end].strip()


def _finish(text: str, nodes: list[OutlineNode], level: int, parent_end: int) -> None:
    """Set levels and the ends of heading and annex sections (a section runs to the next
    heading or annex at its level, or to its parent's end)."""
    work = [(nodes, level, parent_end)]
    while work:
        siblings, depth, end = work.pop()
        sections = [n for n in siblings if n.kind != POINT]
        for i, node in enumerate(sections):
            nxt = sections[i + 1].start if i + 1 < len(sections) else end
            node.end = max(node.start, trim_end(text, node.start, nxt))
        for node in siblings:
            node.level = depth
            node.end = min(node.end, end)
            if node.children:
                work.append((node.children, depth + 1, node.end))
