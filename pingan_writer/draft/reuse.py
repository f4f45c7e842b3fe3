"""Verbatim reuse: every span of a draft that stands word for word in a source.

Whitespace and line breaks are ignored and full-/half-width punctuation compared equal
(text/verbatim.py). Sources are found through fingerprints (text/fingerprints.py): the draft
looks up all its windows, each hit is verified and extended to the longest common run on its
diagonal, and the runs are resolved so that each draft character is credited to one source:
longer runs first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pingan_writer.draft.coverage import node_coverage as coverage_by_node
from pingan_writer.draft.coverage import quoted_share
from pingan_writer.text.fingerprints import (
    GUARANTEED_MIN,
    STRIDE,
    FingerprintIndex,
    K,
    ReuseSource,
    window_hashes,
)
from pingan_writer.text.outline import OutlineNode
from pingan_writer.text.verbatim import NormalizedText, normalize

DEFAULT_MIN_CHARS = 12
MAX_POSTINGS = 64  # a window found in more places than this is boilerplate; its runs are found
# through their rarer windows, and a run made only of boilerplate is credited to one of them


class MemoryIndex:
    """Fingerprints of a few sources held in memory (files named on the command line).
    Indexing every position makes any minimum length down to K exact."""

    stride = 1

    def __init__(self, sources: Sequence[ReuseSource]) -> None:
        self._sources = {s.key: s for s in sources}
        self._postings: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for s in sources:
            for pos, h in window_hashes(s.norm.norm, K, self.stride):
                self._postings[h].append((s.key, pos))

    def lookup(self, hashes: Iterable[int]) -> dict[int, list[tuple[str, int]]]:
        return {h: self._postings[h] for h in hashes if h in self._postings}

    def source(self, key: str) -> ReuseSource:
        return self._sources[key]

    def node_path(self, key: str, offset: int) -> list[str]:
        outline = self._sources[key].outline
        return [n.title or n.number for n in outline.path_at(offset)] if outline else []


@dataclass(slots=True)
class ReuseSpan:
    start: int  # draft offsets (original text)
    end: int
    source: str
    source_title: str
    source_start: int  # source offsets (original text)
    source_end: int
    node: list[str]  # outline path of the source node the span starts in
    length: int  # normalised characters

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "node": self.node,
            "source_title": self.source_title,
        }


@dataclass(slots=True)
class ReuseResult:
    spans: list[ReuseSpan]
    coverage: float  # share of the draft's non-whitespace characters inside spans
    draft_chars: int


@dataclass(slots=True)
class _Run:
    d_start: int  # normalised draft offsets
    d_end: int
    key: str
    s_start: int  # normalised source offsets


def find_reuse(draft_text: str, index: FingerprintIndex, min_chars: int = DEFAULT_MIN_CHARS) -> ReuseResult:
    """Every verbatim span of at least `min_chars` normalised characters. Complete whenever
    min_chars ≥ K + stride − 1 (always for MemoryIndex; ≥ 12 for a library)."""
    if min_chars < K:
        raise ValueError(f"minimum length must be at least {K} characters")
    draft = normalize(draft_text)
    d = draft.norm
    positions: dict[int, list[int]] = {}
    for pos, h in window_hashes(d, K, 1):
        hit = positions.get(h)
        if hit is None:
            positions[h] = [pos]
        else:
            hit.append(pos)
    postings = index.lookup(positions)
    runs = _extend_all(d, positions, postings, index)
    return _finish(draft, [r for r in runs if r.d_end - r.d_start >= min_chars], index, min_chars)


def _extend_all(
    d: str,
    positions: dict[int, list[int]],
    postings: dict[int, list[tuple[str, int]]],
    index: FingerprintIndex,
) -> list[_Run]:
    runs: list[_Run] = []
    done: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)  # (source, diagonal) → runs
    for h, hits in postings.items():
        for key, s_pos in hits[:MAX_POSTINGS]:
            s = index.source(key).norm.norm
            for d_pos in positions[h]:
                diagonal = s_pos - d_pos
                if any(a <= d_pos < b for a, b in done[(key, diagonal)]):
                    continue  # already inside a run extended on this diagonal
                if d[d_pos : d_pos + K] != s[s_pos : s_pos + K]:
                    continue  # a hash collision
                left = _common_suffix(d, d_pos, s, s_pos)
                right = _common_prefix(d, d_pos + K, s, s_pos + K)
                a, b = d_pos - left, d_pos + K + right
                done[(key, diagonal)].append((a, b))
                runs.append(_Run(a, b, key, s_pos - left))
    return runs


def _common_prefix(a: str, i: int, b: str, j: int) -> int:
    """Length of the common prefix of a[i:] and b[j:], by galloping over slices (C speed)."""
    limit = min(len(a) - i, len(b) - j)
    lo, step = 0, 16
    while lo < limit:
        hi = min(limit, lo + step)
        if a[i + lo : i + hi] != b[j + lo : j + hi]:
            break
        lo, step = hi, step * 2
    else:
        return limit
    hi = min(limit, lo + step)
    while lo < hi:  # the mismatch is in [lo, hi)
        mid = (lo + hi) // 2
        if a[i + lo : i + mid + 1] == b[j + lo : j + mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _common_suffix(a: str, i: int, b: str, j: int) -> int:
    """Length of the common suffix of a[:i] and b[:j]."""
    n = 0
    limit = min(i, j)
    step = 16
    while n < limit:
        m = min(limit, n + step)
        if a[i - m : i - n] != b[j - m : j - n]:
            lo, hi = n, m
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if a[i - mid : i - n] == b[j - mid : j - n]:
                    lo = mid
                else:
                    hi = mid - 1
            return lo
        n, step = m, step * 2
    return limit


def _finish(draft: NormalizedText, runs: list[_Run], index: FingerprintIndex, min_chars: int) -> ReuseResult:
    """Credit each draft character to the longest run covering it; keep the pieces that are
    still at least min_chars long, or are the uncredited rest of a run that is."""
    # Longest first; among equals, the earliest place in the earliest source, so the answer does
    # not depend on the order an index happens to return its hits in.
    runs.sort(key=lambda r: (-(r.d_end - r.d_start), r.d_start, r.key, r.s_start))
    taken: list[tuple[int, int]] = []
    pieces: list[_Run] = []
    for run in runs:
        for a, b in _free_parts(run.d_start, run.d_end, taken):
            pieces.append(_Run(a, b, run.key, run.s_start + (a - run.d_start)))
            taken.append((a, b))
        taken.sort()
    pieces.sort(key=lambda r: r.d_start)
    spans = [_span(draft, p, index) for p in pieces]
    # The one coverage rule (draft/coverage.py): non-whitespace characters inside the spans.
    return ReuseResult(spans, quoted_share(draft.raw, ((s.start, s.end) for s in spans)), len(draft.norm))


def _free_parts(a: int, b: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    parts, pos = [], a
    for x, y in taken:
        if y <= pos or x >= b:
            continue
        if x > pos:
            parts.append((pos, x))
        pos = max(pos, y)
    if pos < b:
        parts.append((pos, b))
    return parts


def _span(draft: NormalizedText, run: _Run, index: FingerprintIndex) -> ReuseSpan:
    src = index.source(run.key)
    length = run.d_end - run.d_start
    s_start = src.norm.raw_start(run.s_start)
    return ReuseSpan(
        start=draft.raw_start(run.d_start),
        end=draft.raw_end(run.d_end),
        source=src.key,
        source_title=src.title,
        source_start=s_start,
        source_end=src.norm.raw_end(run.s_start + length),
        node=index.node_path(run.key, s_start),
        length=length,
    )


def node_coverage(
    source: ReuseSource, spans: Iterable[ReuseSpan]
) -> list[tuple[OutlineNode, list[str], float]]:
    """For every outline node of `source`, in tree order: its path and the share of its
    non-whitespace characters that the draft quotes (draft/coverage.py's rule)."""
    ranges = [(s.source_start, s.source_end) for s in spans if s.source == source.key]
    return coverage_by_node(source.outline, source.text, ranges)


__all__ = [
    "DEFAULT_MIN_CHARS",
    "GUARANTEED_MIN",
    "STRIDE",
    "MemoryIndex",
    "ReuseResult",
    "ReuseSource",
    "ReuseSpan",
    "find_reuse",
    "node_coverage",
]
