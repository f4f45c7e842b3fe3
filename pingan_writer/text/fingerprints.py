"""Fingerprints for finding verbatim runs fast: CRC-32 of K-character windows of normalised text.

A library indexes windows only at every STRIDE-th position; a draft looks up all of its
windows. Any run of at least K + STRIDE - 1 = GUARANTEED_MIN characters shared by both contains
an indexed window, so every such run is found (see draft/reuse.py)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

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
