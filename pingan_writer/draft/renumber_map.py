"""Keep quotes on their text when a whole-draft rewrite (renumbering) changes a few characters."""

from __future__ import annotations

import difflib

from pingan_writer.draft.model import Draft


def apply_rewrite(draft: Draft, new_text: str) -> None:
    """Replace the draft text with `new_text`, moving quote offsets through the changes.
    Rewrites here change lines in place (same number of lines), so lines are compared pairwise."""
    old_lines, new_lines = draft.text.split("\n"), new_text.split("\n")
    if len(old_lines) != len(new_lines):
        shifts = _char_shifts(draft.text, new_text)
    else:
        shifts = []
        old_pos = new_pos = 0
        for a, b in zip(old_lines, new_lines, strict=True):
            if a != b:
                shifts.extend((old_pos + i, (new_pos + j) - (old_pos + i)) for i, j in _line_shifts(a, b))
            old_pos += len(a) + 1
            new_pos += len(b) + 1
            shifts.append((old_pos, new_pos - old_pos))
    for q in draft.quotes:
        q.start = _move(q.start, shifts)
        q.end = _move(q.end, shifts)
    draft.text = new_text


def _line_shifts(a: str, b: str) -> list[tuple[int, int]]:
    """(offset in a, matching offset in b) at the end of every changed stretch."""
    out = []
    for tag, _i1, i2, _j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((i2, j2))
    return out


def _char_shifts(a: str, b: str) -> list[tuple[int, int]]:
    return [
        (i2, j2 - i2)
        for tag, _i1, i2, _j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    ]


def _move(offset: int, shifts: list[tuple[int, int]]) -> int:
    """The last shift at or before `offset` says how far text there moved."""
    delta = 0
    for at, d in shifts:
        if at > offset:
            break
        delta = d
    return offset + delta
