"""Turn a Source into what the store writes: passages with outline paths and jieba words,
and per-source word counts. This is the slow part of an import, so it runs before the write
transaction opens, reports progress, and can be cancelled."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from pingan_writer.library import segment
from pingan_writer.library.stopwords import is_keyword_candidate
from pingan_writer.sources.model import Source
from pingan_writer.text.passages import split_passages
from pingan_writer.text.verbatim import NormalizedText, normalize

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]


class ImportCancelled(Exception):
    """The user cancelled; nothing of the current source was written."""


@dataclass(slots=True)
class PreparedPassage:
    start: int
    end: int
    path: list[str]
    words: list[str]  # precise words
    index_words: list[str]  # precise words plus their search-mode expansion


@dataclass(slots=True)
class PreparedSource:
    source: Source
    passages: list[PreparedPassage]
    terms: Counter[str]
    norm: NormalizedText  # for the verbatim index (fingerprints)


_SLICE = 256


def _words_for_slice(text: str, chunk: list[tuple[int, int]]) -> list[list[str]]:
    """Segment text[chunk start:chunk end] once, with spans made relative to it."""
    base = chunk[0][0]
    return segment.words_by_span(text[base : chunk[-1][1]], [(s - base, e - base) for s, e in chunk])


def prepare_source(
    source: Source, progress: ProgressFn | None = None, cancelled: CancelFn | None = None
) -> PreparedSource:
    spans = split_passages(source.text, breaks=(n.start for n in source.outline.walk()))
    total = max(1, spans[-1][1] if spans else 1)
    passages: list[PreparedPassage] = []
    terms: Counter[str] = Counter()
    # Segment in slices of a few hundred passages: one jieba pass per slice, with progress and
    # cancellation between slices.
    per_span: list[list[str]] = []
    for lo in range(0, len(spans), _SLICE):
        if cancelled is not None and cancelled():
            raise ImportCancelled
        chunk = spans[lo : lo + _SLICE]
        per_span.extend(_words_for_slice(source.text, chunk))
        if progress is not None:
            progress(0.9 * chunk[-1][1] / total)
    # Passages ascend, so their outline paths come from one walk over the tree.
    paths = source.outline.paths_at(start for start, _ in spans)
    for (start, end), words, nodes in zip(spans, per_span, paths, strict=True):
        path = [n.title or n.number for n in nodes]
        passages.append(PreparedPassage(start, end, path, words, segment.search_expansion(words)))
        terms.update(w for w in words if is_keyword_candidate(w))
    if progress is not None:
        progress(1.0)
    return PreparedSource(source, passages, terms, normalize(source.text))
