"""Work measured by lines executed, for the scaling tests: doubling an input must not quadruple
the work. A count of lines run does not depend on the machine or its load, as wall time does."""

from __future__ import annotations

import sys
from collections.abc import Callable


def lines_run(fn: Callable[[], object], where: str) -> int:
    """Lines executed by fn() in files whose path starts with `where` (a file or a folder)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(where) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return count


def calls_made(fn: Callable[[], object], counted: Callable[[object, str], bool] | None = None) -> int:
    """Function calls (Python and C) made by fn(); with `counted(frame, event)`, only those it
    accepts."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call") and (counted is None or counted(frame, event)):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(previous)
    return count
