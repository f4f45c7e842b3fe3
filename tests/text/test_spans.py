"""Merging ranges of text."""

from __future__ import annotations

from pingan_writer.text.spans import merge_spans


def test_merge_spans():
    assert merge_spans([(7, 8), (2, 5), (0, 3)]) == [(0, 5), (7, 8)]
    assert merge_spans([(0, 2), (2, 4)]) == [(0, 4)]  # touching ranges join
    assert merge_spans([]) == []
