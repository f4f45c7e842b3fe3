"""Passages: the units search returns and quotes come from. A paragraph is one passage;
a long one is split at sentence ends into runs of whole sentences, and a passage never runs
across the start of an outline node (一是… inside a paragraph), so its outline path is exact."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import pairwise

from pingan_writer.text.paragraphs import iter_paragraphs, sentence_spans

MAX_PASSAGE_CHARS = 200


def split_passages(
    text: str, max_chars: int = MAX_PASSAGE_CHARS, breaks: Iterable[int] = ()
) -> list[tuple[int, int]]:
    """(start, end) offsets of each passage, in order, covering every paragraph's content.
    `breaks` are offsets where a passage must start (outline node starts)."""
    cut_points = sorted(set(breaks))
    spans: list[tuple[int, int]] = []
    for para in iter_paragraphs(text):
        cuts = cut_points[bisect_right(cut_points, para.content_start) : bisect_left(cut_points, para.end)]
        if not cuts and para.end - para.content_start <= max_chars:
            spans.append((para.content_start, para.end))
            continue
        cut_set = set(cuts)
        start = end = para.content_start
        for piece_start, piece_end in _pieces(text, para.content_start, para.end, cuts):
            if end > start and (piece_start in cut_set or piece_end - start > max_chars):
                spans.append((start, end))
                start = piece_start
            end = piece_end
        if end > start:
            spans.append((start, end))
    return spans


def _pieces(text: str, start: int, end: int, cuts: list[int]) -> Iterable[tuple[int, int]]:
    """Sentences of text[start:end], each further cut at the given offsets."""
    for s, e in sentence_spans(text, start, end):
        # The cuts inside this sentence by bisection: scanning them all for every sentence is
        # quadratic in a long paragraph full of points.
        inside = cuts[bisect_right(cuts, s) : bisect_left(cuts, e)]
        yield from pairwise([s, *inside, e])
