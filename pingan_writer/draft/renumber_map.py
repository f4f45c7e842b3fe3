"""Apply exact text edits (renumbering's marker rewrites) to a draft, keeping quotes on their text."""

from __future__ import annotations

from collections.abc import Iterable

from pingan_writer.draft.model import Draft
from pingan_writer.draft.renumber import Edit


def apply_edits(draft: Draft, edits: Iterable[Edit]) -> int:
    """Apply non-overlapping edits; quotes after an edit move with the text, a quote that contains
    one grows or shrinks with it. Returns how many edits were applied."""
    count = 0
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):  # later first: offsets hold
        delta = len(edit.replacement) - (edit.end - edit.start)
        draft.text = draft.text[: edit.start] + edit.replacement + draft.text[edit.end :]
        for q in draft.quotes:
            if q.start >= edit.end:
                q.start += delta
                q.end += delta
            elif q.end > edit.start:
                q.end += delta
        count += 1
    return count
