"""The 学习体会 points of a talk built from chosen source outline nodes, the way the sample talk
was built by hand: each node becomes one paragraph "（N）<thesis>。<sentence>。一是…；二是…；三是…。"
whose sentence and points are verbatim quotes with provenance.

`plan_skeleton` works out everything before anything changes (where the points go, which
unfilled template prompts they replace, their numbers, their text and quotes, and the draft's
length before and after), so the GUI can show it and apply it as one edit; `apply_plan` applies
it to a Draft. Placement and numbering follow draft.sections, the rule the GUI's section
templates use too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pingan_writer.draft.model import Draft, Quote, SourceRef
from pingan_writer.draft.sections import (
    LEVEL_ORDER,
    child_style,
    heading_points,
    intro_end,
    is_filled,
    marker,
    next_point_number,
    numbering_under,
    paragraph_insert_position,
    paragraph_lines,
    point_end,
)
from pingan_writer.errors import PinganError
from pingan_writer.sources.model import Source
from pingan_writer.text.counting import count_characters
from pingan_writer.text.markers import CN_PAREN
from pingan_writer.text.outline import HEADING, POINT, OutlineNode, parse_outline
from pingan_writer.text.paragraphs import SENTENCE_END, sentence_spans

__all__ = [
    "CN_PAREN",
    "FULL",
    "LEAD",
    "LEVEL_ORDER",
    "PlannedQuote",
    "SkeletonPlan",
    "apply_plan",
    "child_style",
    "marker",
    "plan_skeleton",
]

LEAD = "lead"  # each point's lead sentence: sized for a 5–10 minute talk
FULL = "full"  # each point's whole text
# A point's lead sentence ends at the first of these (一是…，…；二是… ends at ；).
_LEAD_END = "。；！？"
_CLAUSE_MARKS = "；;，,：:、"
_MIN_SENTENCE = 8  # shorter "sentences" are fragments (a heading's tail, 一是…) not worth quoting


@dataclass(slots=True)
class PlannedQuote:
    """A quote in `SkeletonPlan.text`: `offset`/`length` index the plan's text, `text` equals
    source.text[source_start:source_end], `node` is the source outline path."""

    offset: int
    length: int
    source_start: int
    source_end: int
    node: list[str]
    text: str
    page: int | None = None  # the source page it starts on (PDF sources)


@dataclass(slots=True)
class SkeletonPlan:
    """One edit: draft.text[start:end] (the unfilled prompt points, or an empty range at the
    insertion point) becomes `text`, with `quotes` recorded against `source`."""

    start: int
    end: int
    text: str
    quotes: list[PlannedQuote]
    first_number: int
    style: str
    characters_before: int
    characters_after: int
    replaced_prompts: int
    source: SourceRef | None = None
    replaced: str = field(default="", repr=False)  # draft.text[start:end] when planned

    @property
    def points(self) -> int:
        """How many points the plan inserts."""
        return sum(1 for line in self.text.split("\n") if line.strip())


# -- content -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Piece:
    text: str
    quote: tuple[int, int] | None = None  # source range, when the piece is quoted


def _quoted(source: Source, start: int, end: int) -> list[_Piece]:
    """Verbatim pieces for source.text[start:end], one per source paragraph (the draft keeps the
    node on one line, so line breaks and indentation between source paragraphs are left out)."""
    pieces = []
    for s, e in paragraph_lines(source.text, start, end):
        s, e = max(s, start), min(e, end)
        while s < e and source.text[s].isspace():
            s += 1
        while e > s and source.text[e - 1].isspace():
            e -= 1
        if e > s:
            pieces.append(_Piece(source.text[s:e], (s, e)))
    return pieces


def _body_start(source: Source, node: OutlineNode) -> int:
    """Just after the node's marker and title sentence."""
    text = source.text
    at = text.find(node.title, node.start, node.end) if node.title else -1
    pos = node.start + len(node.number) if at < 0 else at + len(node.title)
    while pos < node.end and text[pos] in SENTENCE_END + "；;，,：:":
        pos += 1
    return pos


def _first_sentence(source: Source, start: int, end: int) -> tuple[int, int] | None:
    """The first sentence of at least _MIN_SENTENCE characters in source.text[start:end]."""
    for s, e in sentence_spans(source.text, start, end):
        chunk = source.text[s:e]
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        if e - s >= _MIN_SENTENCE and "\n" not in source.text[s:e]:
            return s, e
    return None


def _lead(source: Source, point: OutlineNode) -> tuple[int, int]:
    """A point's lead sentence without its closing mark (the skeleton joins leads with ；)."""
    text = source.text
    e = point.start
    while e < point.end and text[e] not in _LEAD_END and text[e] != "\n":
        e += 1
    while e > point.start and text[e - 1].isspace():
        e -= 1
    return point.start, e


def _node_pieces(source: Source, node: OutlineNode, number: str, detail: str) -> list[_Piece]:
    pieces = [_Piece(f"{number}{node.title.rstrip('。')}。")]
    body = _body_start(source, node)
    points = [c for c in node.children if c.kind == POINT]
    first_child = min((c.start for c in node.children), default=node.end)
    intro_limit = points[0].start if points else first_child
    if points:
        intro = _first_sentence(source, body, intro_limit)
        if intro is not None:
            pieces.append(_Piece(source.text[intro[0] : intro[1]], intro))
        if detail == FULL:
            for p in points:
                pieces.extend(_quoted(source, p.start, p.end))
            return _closed(pieces)
        for i, p in enumerate(points):
            s, e = _lead(source, p)
            pieces.append(_Piece(source.text[s:e], (s, e)))
            pieces.append(_Piece("；" if i + 1 < len(points) else "。"))
        return pieces
    if detail == FULL:
        pieces.extend(_quoted(source, body, intro_limit))
        return _closed(pieces)
    first = _first_sentence(source, body, node.end)
    if first is not None:
        pieces.append(_Piece(source.text[first[0] : first[1]], first))
    return _closed(pieces)


def _closed(pieces: list[_Piece]) -> list[_Piece]:
    """End the paragraph with 。: a quote that stops at a clause mark (a 一是 point chosen as a
    node ends at its ；) leaves the mark out of the quote."""
    last = pieces[-1]
    if last.quote is not None and last.text[-1] in _CLAUSE_MARKS and len(last.text) > 1:
        s, e = last.quote
        pieces[-1] = _Piece(last.text[:-1], (s, e - 1))
        pieces.append(_Piece("。"))
    return pieces


def _build(
    source: Source, nodes: list[OutlineNode], style: str, first_number: int, detail: str, prefix: str = ""
) -> tuple[str, list[PlannedQuote]]:
    out: list[str] = [prefix]
    pos = len(prefix)
    quotes: list[PlannedQuote] = []
    for i, node in enumerate(nodes):
        for piece in _node_pieces(source, node, marker(style, first_number + i), detail):
            if piece.quote is not None:
                s, e = piece.quote
                path = [n.title or n.number for n in source.outline.path_at(s)]
                quotes.append(PlannedQuote(pos, len(piece.text), s, e, path, piece.text, source.page_at(s)))
            out.append(piece.text)
            pos += len(piece.text)
        out.append("\n")
        pos += 1
    return "".join(out), quotes


# -- placement ---------------------------------------------------------------------------------


def _find_section(text: str, under: str) -> OutlineNode | None:
    outline = parse_outline(text)
    return next((n for n in outline.walk() if n.kind == HEADING and under and under in n.title), None)


def _placement(text: str, section: OutlineNode) -> tuple[int, int, int, str, int]:
    """(start, end, replaced prompts, style, first number) for new points in `section`: after its
    last filled point, replacing the unfilled prompt points that follow it."""
    points = heading_points(section)
    filled = [i for i, p in enumerate(points) if is_filled(text, p)]
    after = filled[-1] + 1 if filled else 0
    prompts = points[after:]  # all unfilled, by the choice of `after`
    if prompts:
        start, end = prompts[0].start, point_end(text, section, prompts[-1])
    elif points:
        start = end = point_end(text, section, points[-1])
    else:
        start = end = intro_end(text, section)
    style, number = numbering_under(text, section, points, start)
    if style not in LEVEL_ORDER:
        style = CN_PAREN
    return start, end, len(prompts), style, number


def plan_skeleton(
    draft: Draft,
    source: Source,
    ref: SourceRef,
    nodes: list[OutlineNode],
    *,
    under: str = "学习体会",
    detail: str = LEAD,
    at: int | None = None,
) -> SkeletonPlan:
    """Plan the 学习体会 points for `nodes` (the draft is not changed).

    The points go into the section whose heading contains `under`, after its last filled point,
    in place of the unfilled template prompts there; when no heading matches, at the start of the
    paragraph after the one holding `at`. `detail` is "lead" (each 一是 point's lead sentence) or
    "full" (each point's whole text). Raises PinganError when there is nowhere to put them."""
    if detail not in (LEAD, FULL):
        raise ValueError(f"detail must be {LEAD!r} or {FULL!r}, not {detail!r}")
    text = draft.text
    section = _find_section(text, under)
    if section is not None:
        start, end, replaced, style, number = _placement(text, section)
    elif at is not None:
        start = end = paragraph_insert_position(text, at)
        replaced = 0
        style, number = next_point_number(text, start)
        if style not in LEVEL_ORDER:
            style = CN_PAREN
    else:
        raise PinganError(None, f"稿件中没有标题含“{under}”的部分，请用 --under 指定要插到哪个标题下")
    # At the very end of a text without a final newline the points open their own line.
    prefix = "\n" if start == len(text) and text and not text.endswith("\n") else ""
    body, quotes = _build(source, nodes, style, number, detail, prefix)
    after = text[:start] + body + text[end:]
    return SkeletonPlan(
        start,
        end,
        body,
        quotes,
        number,
        style,
        count_characters(text),
        count_characters(after),
        replaced,
        ref,
        text[start:end],
    )


def apply_plan(draft: Draft, plan: SkeletonPlan) -> None:
    """Apply `plan` to `draft` as one edit: replace plan.start:plan.end with plan.text, drop the
    quotes that lay in the replaced range, shift the later ones and record the new quotes."""
    if draft.text[plan.start : plan.end] != plan.replaced or plan.end > len(draft.text):
        raise PinganError(None, "稿件在生成学习体会之后又有改动，请重新生成")
    a, b = plan.start, plan.end
    delta = len(plan.text) - (b - a)
    kept: list[Quote] = []
    for q in draft.quotes:
        if a == b:  # a pure insertion
            if q.start >= a:
                q.start += delta
                q.end += delta
            elif q.end > a:  # inserted inside a quote: it now holds foreign text, drift will say so
                q.end += delta
            kept.append(q)
        elif q.end <= a:
            kept.append(q)
        elif q.start >= b:
            q.start += delta
            q.end += delta
            kept.append(q)
        # else: the quote overlapped the replaced text and went with it
    draft.text = draft.text[: plan.start] + plan.text + draft.text[plan.end :]
    ref = plan.source
    if plan.quotes:
        if ref is None:
            raise ValueError("a plan with quotes needs its source")
        ref = draft.add_source(ref)
    for pq in plan.quotes:
        s = plan.start + pq.offset
        kept.append(
            Quote(
                s,
                s + pq.length,
                ref.id,
                ref.title,
                list(pq.node),
                pq.source_start,
                pq.source_end,
                pq.text,
                pq.page,
            )
        )
    kept.sort(key=lambda q: q.start)
    draft.quotes[:] = kept
