"""Fingerprints for finding verbatim runs fast: CRC-32 of K-character windows of normalised text.

A library indexes windows only at every STRIDE-th position; a draft looks up all of its
windows. Any run of at least K + STRIDE - 1 = GUARANTEED_MIN characters shared by both contains
an indexed window, so every such run is found (see draft/reuse.py)."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from pingan_writer.text.outline import Outline
from pingan_writer.text.verbatim import NormalizedText, normalize

K = 8
STRIDE = 5
GUARANTEED_MIN = K + STRIDE - 1


def window_hashes(norm: str, k: int = K, stride: int = 1) -> Iterator[tuple[int, int]]:
    """(position, hash) of the k-character windows of `norm` at every `stride`-th position."""
    data = norm.encode("utf-32-le")  # fixed width: window i is bytes 4i … 4(i+k)
    crc = zlib.crc32
    width = 4 * k
    for i in range(0, len(norm) - k + 1, stride):
        yield i, crc(data[4 * i : 4 * i + width])


@dataclass(slots=True)
class ReuseSource:
    """A source as reuse detection sees it: an identity, its text and outline."""

    key: str  # what the CLI reports as "source": a path, or a library id
    title: str
    text: str
    outline: Outline | None  # None where the index answers node paths itself (the library)
    _norm: NormalizedText | None = field(default=None, repr=False)

    @property
    def norm(self) -> NormalizedText:
        if self._norm is None:
            self._norm = normalize(self.text)
        return self._norm


class FingerprintIndex(Protocol):
    stride: int

    def lookup(self, hashes: Iterable[int]) -> dict[int, list[tuple[str, int]]]:
        """For each hash, the (source key, normalised position) where it was indexed."""

    def source(self, key: str) -> ReuseSource: ...

    def node_path(self, key: str, offset: int) -> list[str]:
        """Outline titles, outermost first, of the source node holding original offset `offset`."""
