"""The exact answer reuse detection is measured against, for the benchmark and the tests: every
normalised draft position inside a window of `min_chars` characters that occurs in the source."""

from __future__ import annotations

from pingan_writer.text.verbatim import normalize


def covered_reference(draft: str, source: str, min_chars: int) -> set[int]:
    """Exact: normalised draft positions inside a window of min_chars that occurs in the source."""
    d, s = normalize(draft).norm, normalize(source).norm
    covered: set[int] = set()
    for i in range(len(d) - min_chars + 1):
        if d[i : i + min_chars] in s:
            covered.update(range(i, i + min_chars))
    return covered


def found_positions(draft: str, spans) -> set[int]:
    """The normalised draft positions the detected `spans` cover, to compare with the reference."""
    norm = normalize(draft)
    to_norm = {norm.raw_start(n): n for n in range(len(norm.norm))}
    out: set[int] = set()
    for sp in spans:
        out.update(to_norm[r] for r in range(sp.start, sp.end) if r in to_norm)
    return out
