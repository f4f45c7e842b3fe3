"""Text as compared for verbatim reuse: whitespace and line breaks ignored, full-width and
half-width forms of the same punctuation (and digits, letters) equal.

`normalize` keeps a map back to the original offsets so a match found in the normalised text
is reported where it stands in the draft or the source."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass

# Each pair: the form kept, then the forms folded into it. Chinese text uses the full-width
# form, so that is what is kept.
_FOLD = {
    "，": ",",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "（": "(",
    "）": ")",
    "“": '"”＂',
    "‘": "'’＇",
    "．": ".",
    "、": "､",
    "—": "－―",
    "…": "",
    "《": "〈",
    "》": "〉",
    "【": "[［",
    "】": "]］",
}
_TABLE: dict[int, str] = {}
for kept, folded in _FOLD.items():
    for ch in folded:
        _TABLE[ord(ch)] = kept
for i in range(10):
    _TABLE[ord("０") + i] = str(i)
for i in range(26):
    _TABLE[ord("Ａ") + i] = chr(ord("a") + i)
    _TABLE[ord("ａ") + i] = chr(ord("a") + i)
    _TABLE[ord("A") + i] = chr(ord("a") + i)

_SPACE = re.compile(r"\s+")
# Chinese text rarely holds a character that folds, so finding them with a regex and replacing
# only those is an order of magnitude faster than str.translate over every character.
_FOLDABLE = re.compile("[" + re.escape("".join(chr(c) for c in _TABLE)) + "]")


def _fold(m: re.Match[str]) -> str:
    return _TABLE[ord(m.group())]


@dataclass(slots=True)
class NormalizedText:
    raw: str
    norm: str
    _run_at: list[int]  # normalised index at which each removed whitespace run stood
    _removed: list[int]  # whitespace removed up to and including each run

    def raw_start(self, n: int) -> int:
        """Original offset of normalised index `n`."""
        k = bisect_right(self._run_at, n)
        return n + (self._removed[k - 1] if k else 0)

    def raw_end(self, n: int) -> int:
        """Original end offset (exclusive) of a range ending at normalised index `n`."""
        return self.raw_start(n - 1) + 1 if n > 0 else 0


def map_to_bytes(norm: NormalizedText) -> tuple[bytes, bytes]:
    """The offset map as two packed arrays, for storage beside the normalised text."""
    return array("q", norm._run_at).tobytes(), array("q", norm._removed).tobytes()


def from_stored(raw: str, norm: str, run_at: bytes, removed: bytes) -> NormalizedText:
    a, b = array("q"), array("q")
    a.frombytes(run_at)
    b.frombytes(removed)
    return NormalizedText(raw, norm, a.tolist(), b.tolist())


def normalize(text: str) -> NormalizedText:
    folded = _FOLDABLE.sub(_fold, text)
    run_at: list[int] = []
    removed: list[int] = []
    total = 0
    for m in _SPACE.finditer(folded):
        run_at.append(m.start() - total)
        total += m.end() - m.start()
        removed.append(total)
    return NormalizedText(text, _SPACE.sub("", folded), run_at, removed)
