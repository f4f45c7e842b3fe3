"""Pause Python's cyclic garbage collector while a big structure is built.

Parsing a megabyte makes hundreds of thousands of new objects (outline nodes, markdown-it
tokens), none of them garbage, and the collections their allocation sets off took a third of an
outline parse and up to half of a Markdown parse, for nothing. Reference counting still frees
everything as usual; only the search for cycles waits until the build is done."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector stays off until the last of any overlapping builds (other threads too) ends,
    then returns to the state it was in before the first began."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
