"""How much of a text some ranges cover: one rule for the CLI (`quotes`) and the GUI.

The rule, used by every function here:

- Ranges are half-open character offsets `(start, end)` into the text they belong to. They are
  clipped to the text and merged first (overlapping or touching ranges become one), so a passage
  quoted twice counts once.
- Only non-whitespace characters count, on both sides of the share: the covered characters and
  the total. Whitespace is what `str.isspace` says it is, the same characters that verbatim
  matching (text/verbatim.py) drops, so a share is the share of the normalised text.
- A share is covered / total, in [0, 1]; a text (or node) with no non-whitespace character has
  share 0.

`quoted_share` applies the rule to the draft (how much of the talk is quoted) and
`node_coverage` to each outline node of a source (how much of each part the talk uses)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from pingan_writer.text.outline import Outline, OutlineNode


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges covering exactly what the given ones cover. Empty and inverted
    ranges are dropped; touching ranges are joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((int(a), int(b)) for a, b in ranges if b > a):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class _Ink:
    """Counts a text's non-whitespace characters in any slice, from the positions of its
    whitespace (found by the regex engine, whose \\s is str.isspace): a source is mostly ink, so
    this is far less work than a count per character, which took 0.3 s of the UI thread per
    megabyte each time the coverage was shown."""

    def __init__(self, text: str) -> None:
        self._spaces = [m.start() for m in _SPACE.finditer(text)]
        self.total = len(text) - len(self._spaces)

    def __getitem__(self, i: int) -> int:
        """Non-whitespace characters in text[:i], as a prefix sum would say."""
        return i - bisect_left(self._spaces, i)


_SPACE = re.compile(r"\s")


def _clip(ranges: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    return merge_ranges((max(0, a), min(length, b)) for a, b in ranges)


def _covered(
    prefix: _Ink, merged: list[tuple[int, int]], starts: list[int], lo: int, hi: int
) -> int:
    """Non-whitespace characters of text[lo:hi] inside the merged ranges."""
    total = 0
    # The first range that may reach into [lo, hi): the last one starting at or before lo.
    i = max(0, bisect_right(starts, lo) - 1)
    while i < len(merged) and merged[i][0] < hi:
        a, b = max(merged[i][0], lo), min(merged[i][1], hi)
        if b > a:
            total += prefix[b] - prefix[a]
        i += 1
    return total


def quoted_share(text: str, ranges: Iterable[tuple[int, int]]) -> float:
    """The share of `text`'s non-whitespace characters that lie inside `ranges` (merged)."""
    prefix = _Ink(text)
    total = prefix.total
    if not total:
        return 0.0
    merged = _clip(ranges, len(text))
    return sum(prefix[b] - prefix[a] for a, b in merged) / total


def node_coverage(
    outline: Outline, source_text: str, ranges: Iterable[tuple[int, int]], limit: int | None = None
) -> list[tuple[OutlineNode, list[str], float]]:
    """For every node of `outline` (parsed from `source_text`), in tree order: the node, its
    path of titles (a node without a title is named by its number), and the share of its
    non-whitespace characters that lie inside `ranges` (source offsets, merged). With `limit`,
    only the first `limit` nodes in that order (what a view shows of a huge outline)."""
    prefix = _Ink(source_text)
    merged = _clip(ranges, len(source_text))
    starts = [a for a, _ in merged]
    out: list[tuple[OutlineNode, list[str], float]] = []
    # Depth first in tree order with an explicit stack: no outline reaches the recursion limit.
    stack: list[tuple[OutlineNode, list[str]]] = [(n, []) for n in reversed(outline.nodes)]
    while stack and (limit is None or len(out) < limit):
        n, path = stack.pop()
        here = [*path, n.title or n.number]
        lo, hi = max(0, n.start), min(len(source_text), n.end)
        total = prefix[hi] - prefix[lo] if hi > lo else 0
        used = _covered(prefix, merged, starts, lo, hi) if total else 0
        out.append((n, here, used / total if total else 0.0))
        stack.extend((child, here) for child in reversed(n.children))
    return out


def node_shares(outline: Outline, source_text: str, ranges: Iterable[tuple[int, int]]) -> dict[int, float]:
    """`node_coverage` keyed by id(node): the form the GUI's outline model takes."""
    return {id(n): share for n, _, share in node_coverage(outline, source_text, ranges)}


__all__ = ["merge_ranges", "node_coverage", "node_shares", "quoted_share"]
