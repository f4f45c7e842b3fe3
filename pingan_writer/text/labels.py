"""Short labels for outline nodes that tell siblings apart.

Official writing often opens every sibling heading with the same words (（一）建设更高水平的平安中国，
是…; （二）建设更高水平的平安中国，是…), so a label cut to the panel's width reads the same for all
of them. Dropping the shared opening (shown as …) leaves what distinguishes them."""

from __future__ import annotations

import os

MIN_SHARED = 6  # a shorter common opening is part of the sense, not boilerplate
CUT_BEFORE = "，,：:、；;"  # prefer to cut just after a clause mark within the shared part


def distinct_titles(titles: list[str], min_shared: int = MIN_SHARED) -> list[str]:
    """`titles` with the opening they all share replaced by …, cut after the last clause mark
    inside it when there is one; unchanged when there is one title or little is shared."""
    if len(titles) < 2:
        return list(titles)
    shared = os.path.commonprefix(titles)  # noqa: RUF071 (strings, not paths)
    cut = max((shared.rfind(mark) + 1 for mark in CUT_BEFORE), default=0) or len(shared)
    if cut < min_shared or any(len(t) <= cut for t in titles):
        return list(titles)
    return ["…" + t[cut:] for t in titles]
