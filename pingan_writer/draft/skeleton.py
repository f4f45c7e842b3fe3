"""A skeleton of the 学习体会 part from chosen source outline nodes: one heading per node,
numbered at the level it takes where it goes (（一） under 二、), its thesis, and its 一是/二是
points quoted verbatim with provenance — the way the sample talk was built by hand."""

from __future__ import annotations

from dataclasses import dataclass

from pingan_writer.draft.model import Draft, SourceRef
from pingan_writer.sources.model import Source
from pingan_writer.text.markers import ARABIC_DOT, ARABIC_PAREN, CN_DUN, CN_PAREN
from pingan_writer.text.numerals import int_to_cn
from pingan_writer.text.outline import POINT, OutlineNode
from pingan_writer.text.paragraphs import sentence_spans

_FORMATS = {
    CN_DUN: lambda n: f"{int_to_cn(n)}、",
    CN_PAREN: lambda n: f"（{int_to_cn(n)}）",
    ARABIC_DOT: lambda n: f"{n}.",
    ARABIC_PAREN: lambda n: f"（{n}）",
}
# The standard order of levels in official writing: under 一、 comes （一）, then 1., then （1）.
LEVEL_ORDER = [CN_DUN, CN_PAREN, ARABIC_DOT, ARABIC_PAREN]


def marker(style: str, n: int) -> str:
    return _FORMATS[style](n)


def child_style(parent_style: str | None) -> str:
    """The numbering style that belongs directly under a heading of `parent_style`."""
    if parent_style not in LEVEL_ORDER:
        return CN_DUN
    i = LEVEL_ORDER.index(parent_style)
    return LEVEL_ORDER[min(i + 1, len(LEVEL_ORDER) - 1)]


@dataclass(slots=True)
class _Piece:
    text: str
    quote: tuple[int, int] | None = None  # source range, when the piece is quoted


def _node_pieces(source: Source, node: OutlineNode, number: str) -> list[_Piece]:
    pieces = [_Piece(f"{number}{node.title}。")]
    points = [c for c in node.children if c.kind == POINT]
    if points:
        for p in points:
            pieces.append(_Piece(source.text[p.start : p.end], (p.start, p.end)))
        return pieces
    # No points: quote the first sentence after the heading's own (title) sentence.
    body_start = source.text.find(node.title, node.start) + len(node.title)
    while body_start < node.end and source.text[body_start] in "。！？":
        body_start += 1
    for s, e in sentence_spans(source.text, body_start, node.end):
        text = source.text[s:e].strip()
        if len(text) >= 8:
            lead = len(source.text[s:e]) - len(source.text[s:e].lstrip())
            pieces.append(_Piece(text, (s + lead, s + lead + len(text))))
            break
    return pieces


def insert_skeleton(
    draft: Draft,
    at: int,
    source: Source,
    ref: SourceRef,
    nodes: list[OutlineNode],
    style: str = CN_PAREN,
    first_number: int = 1,
) -> int:
    """Insert one paragraph per node at offset `at` (which should be a line start), numbering
    them `style` from `first_number`. Returns the offset just after the inserted text."""
    pos = at
    for i, node in enumerate(nodes):
        pieces = _node_pieces(source, node, marker(style, first_number + i))
        for piece in pieces:
            if piece.quote is None:
                draft.text = draft.text[:pos] + piece.text + draft.text[pos:]
                _shift_quotes(draft, pos, len(piece.text))
            else:
                path = [n.title or n.number for n in source.outline.path_at(piece.quote[0])]
                draft.insert_quote(pos, piece.text, ref, path, *piece.quote)
            pos += len(piece.text)
        draft.text = draft.text[:pos] + "\n" + draft.text[pos:]
        _shift_quotes(draft, pos, 1)
        pos += 1
    return pos


def _shift_quotes(draft: Draft, at: int, n: int) -> None:
    for q in draft.quotes:
        if q.start >= at:
            q.start += n
            q.end += n
