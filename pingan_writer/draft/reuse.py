"""Verbatim reuse: every span of a draft that stands word for word in a source.

Whitespace and line breaks are ignored and full-/half-width punctuation compared equal
(text/verbatim.py). Sources are found through fingerprints (text/fingerprints.py): the draft's
windows are looked up left to right, each hit is verified and extended to the longest common
run on its diagonal, and the runs are resolved so that each draft character is credited to one
source: longer runs first.

The work is linear in the draft however repetitive it is (issue 12): a window is tried against
at most MAX_POSTINGS places; once runs cover the draft up to `reach`, the windows inside that
stretch are skipped, since any run reaching past it holds one of the last windows before it
(and a run lying wholly inside it is shorter than the run that covers it, so it would not be
credited anyway); and a run is extended left no further than just before the previous seed."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
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
from pingan_writer.text.outline import Outline, OutlineNode
from pingan_writer.text.verbatim import NormalizedText, normalize

DEFAULT_MIN_CHARS = 12
MAX_POSTINGS = 32  # a window found in more places than this is boilerplate (or repetitive text):
# its runs are found through their rarer windows, and a run made only of boilerplate is found
# through a few of its places (COMMON_TRIES), trying such a window at most every COMMON_GAP
# draft characters, so that text made of one repeated phrase costs no more than other text
COMMON_TRIES = 8
COMMON_GAP = K


class MemoryIndex:
    """Fingerprints of a few sources held in memory (files named on the command line).
    Indexing every position makes any minimum length down to K exact."""

    stride = 1

    def __init__(self, sources: Sequence[ReuseSource]) -> None:
        self._sources = {s.key: s for s in sources}
        self._trees: dict[str, _NodeTree] = {}
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
        if outline is None:
            return []
        if key not in self._trees:
            self._trees[key] = _NodeTree(outline)
        return self._trees[key].path_at(offset)


class _NodeTree:
    """An outline flattened in tree order, with parents, so the node path at an offset is one
    bisection and a climb (Outline.path_at scans every sibling: quadratic over many spans)."""

    def __init__(self, outline: Outline) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.names: list[str] = []
        self.parents: list[int] = []
        stack: list[tuple[list[OutlineNode], int, int]] = [(outline.nodes, 0, -1)]
        while stack:  # iterative: an outline may be thousands of levels deep
            nodes, k, parent = stack.pop()
            if k == len(nodes):
                continue
            node = nodes[k]
            stack.append((nodes, k + 1, parent))
            self.starts.append(node.start)
            self.ends.append(node.end)
            self.names.append(node.title or node.number)
            self.parents.append(parent)
            stack.append((node.children, 0, len(self.starts) - 1))

    def path_at(self, offset: int) -> list[str]:
        j = bisect_right(self.starts, offset) - 1
        while j >= 0 and not offset < self.ends[j]:
            j = self.parents[j]
        path: list[str] = []
        while j >= 0:
            path.append(self.names[j])
            j = self.parents[j]
        path.reverse()
        return path


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
    min_chars ≥ K + stride − 1 (always for MemoryIndex; ≥ 12 for a library), unless a run holds
    a stretch of windows each found in more than MAX_POSTINGS places (boilerplate)."""
    if min_chars < K:
        raise ValueError(f"minimum length must be at least {K} characters")
    draft = normalize(draft_text)
    hashes = [h for _, h in window_hashes(draft.norm, K, 1)]
    postings = index.lookup(set(hashes))
    if index.stride == 1:
        # Every source position is indexed, so a run of min_chars holds min_chars − K + 1
        # consecutive windows that all hit: seeding from the rarest of every such stretch meets
        # each run, through its rarest windows, at about a third of the positions.
        seeds = _rarest(hashes, postings, min_chars - K + 1)
        span = min_chars
    else:
        seeds = [i for i, h in enumerate(hashes) if h in postings]
        span = K + index.stride - 1  # such a run holds an indexed window among its last `stride`
    runs = _extend_all(draft.norm, seeds, hashes, span, postings, index, min_chars)
    return _finish(draft, runs, index)


def _rarest(hashes: list[int], postings: dict[int, list[tuple[str, int]]], w: int) -> list[int]:
    """The positions holding the window found in fewest places among each w consecutive
    windows (a sliding minimum: linear), leaving out windows found nowhere."""
    counts = [len(postings.get(h, ())) for h in hashes]
    chosen: list[int] = []
    queue: deque[int] = deque()  # positions whose counts increase: the front is the minimum
    for j, c in enumerate(counts):
        while queue and counts[queue[-1]] > c:  # ties keep the leftmost
            queue.pop()
        queue.append(j)
        if queue[0] <= j - w:
            queue.popleft()
        if j >= w - 1:
            best = queue[0]
            if counts[best] and (not chosen or chosen[-1] != best):
                chosen.append(best)
    return chosen  # (a draft shorter than one stretch holds no run of min_chars)


def _extend_all(
    d: str,
    seeds: list[int],
    hashes: list[int],
    span: int,
    postings: dict[int, list[tuple[str, int]]],
    index: FingerprintIndex,
    min_chars: int,
) -> list[_Run]:
    """The runs of at least min_chars through the seed windows, left to right. Any run of
    min_chars holds a seed among its windows that start after its end − span."""
    texts: dict[str, str] = {}
    runs: list[_Run] = []
    ends: dict[tuple[str, int], int] = {}  # (source, diagonal) → end of the last run extended there
    reach = 0  # the draft up to here is covered by the runs found so far
    prev = 0  # the previous seed
    next_common = 0  # where a boilerplate window may seed again
    nd = len(d)
    k, n = 0, len(seeds)
    while k < n:
        i = seeds[k]
        hits = postings[hashes[i]]
        if len(hits) > MAX_POSTINGS:
            if i < next_common:
                k += 1
                continue
            next_common = i + COMMON_GAP
            hits = hits[:COMMON_TRIES]
        floor = max(0, prev - span)  # a run reaching further left holds the previous seed's window
        window = d[i : i + K]
        r = i + K
        for key, s_pos in hits:
            diagonal = s_pos - i
            if ends.get((key, diagonal), -1) > i:
                continue  # inside a run already extended on this diagonal
            s = texts.get(key)
            if s is None:
                s = texts[key] = index.source(key).norm.norm
            if s[s_pos : s_pos + K] != window:
                continue  # a hash collision
            # Most hits in repetitive text end at once: test one character each side first.
            t = s_pos + K
            right = _common_prefix(d, r, s, t) if r < nd and t < len(s) and d[r] == s[t] else 0
            left = (
                _common_suffix(d, i, s, s_pos, i - floor)
                if i > floor and s_pos and d[i - 1] == s[s_pos - 1]
                else 0
            )
            a, b = i - left, r + right
            ends[(key, diagonal)] = b
            if b - a >= min_chars:
                runs.append(_Run(a, b, key, s_pos - left))
                reach = max(reach, b)
        prev = i
        # Any run reaching past `reach` holds a seed at or after reach − span + 1; a run wholly
        # before that lies inside a longer run found already.
        k = bisect_left(seeds, reach - span + 1, k + 1)
    return runs


_SHORT = 8  # most runs in repetitive text end within a few characters: compare those one by one


def _common_prefix(a: str, i: int, b: str, j: int) -> int:
    """Length of the common prefix of a[i:] and b[j:]: a few characters one by one, then by
    galloping over slices (C speed)."""
    limit = len(a) - i
    if len(b) - j < limit:
        limit = len(b) - j
    lo = 0
    while lo < limit and lo < _SHORT:
        if a[i + lo] != b[j + lo]:
            return lo
        lo += 1
    step = 16
    while lo < limit:
        hi = lo + step if lo + step < limit else limit
        if a[i + lo : i + hi] != b[j + lo : j + hi]:
            break
        lo, step = hi, step * 2
    else:
        return limit
    # The mismatch is in [lo, hi).
    while lo < hi:
        mid = (lo + hi) // 2
        if a[i + lo : i + mid + 1] == b[j + lo : j + mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _common_suffix(a: str, i: int, b: str, j: int, most: int) -> int:
    """Length of the common suffix of a[:i] and b[:j], at most `most`."""
    limit = min(i, j, most)
    n = 0
    while n < limit and n < _SHORT:
        if a[i - n - 1] != b[j - n - 1]:
            return n
        n += 1
    step = 16
    while n < limit:
        m = n + step if n + step < limit else limit
        if a[i - m : i - n] != b[j - m : j - n]:
            lo, hi = n, m - 1  # the common suffix is at least n and shorter than m
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if a[i - mid : i - n] == b[j - mid : j - n]:
                    lo = mid
                else:
                    hi = mid - 1
            return lo
        n, step = m, step * 2
    return limit


def _finish(draft: NormalizedText, runs: list[_Run], index: FingerprintIndex) -> ReuseResult:
    """Credit each draft character to the longest run covering it; keep the pieces that are
    still at least min_chars long, or are the uncredited rest of a run that is."""
    # Longest first; among equals, the earliest place in the earliest source, so the answer does
    # not depend on the order an index happens to return its hits in.
    runs.sort(key=lambda r: (-(r.d_end - r.d_start), r.d_start, r.key, r.s_start))
    # What is credited so far, as sorted disjoint ranges; each range is merged away at most once.
    starts: list[int] = []
    ends: list[int] = []
    pieces: list[_Run] = []
    for run in runs:
        a, b = run.d_start, run.d_end
        lo, hi = bisect_right(ends, a), bisect_left(starts, b)  # the ranges overlapping [a, b)
        pos = a
        for k in range(lo, hi):
            if starts[k] > pos:
                pieces.append(_Run(pos, starts[k], run.key, run.s_start + (pos - a)))
            pos = max(pos, ends[k])
        if pos < b:
            pieces.append(_Run(pos, b, run.key, run.s_start + (pos - a)))
        if lo < hi:
            a, b = min(a, starts[lo]), max(b, ends[hi - 1])
        starts[lo:hi] = [a]
        ends[lo:hi] = [b]
    pieces.sort(key=lambda r: r.d_start)
    spans = [_span(draft, p, index) for p in pieces]
    # The one coverage rule (draft/coverage.py): non-whitespace characters inside the spans.
    return ReuseResult(spans, quoted_share(draft.raw, ((s.start, s.end) for s in spans)), len(draft.norm))


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
