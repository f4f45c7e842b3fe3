"""Keeps None alive across the prompter's frames under PySide6 6.12 on Python 3.11.

PySide6 6.12 returns None from a void method (QWidget.update, QPainter.fillRect,
QTextLayout.draw, …) without taking a reference to it: it counts on None being immortal, which
it is only from Python 3.12 (PEP 683). On 3.11 every such call drops None's reference count by
one for good, and when it reaches zero the interpreter aborts ("deallocating None"). A window
that paints 60 times a second makes a few dozen such calls a frame, so it brought the app down
within seconds. `NoneKeeper.settle`, called every frame, gives the lost references back;
over-counting is harmless (None is never freed), and on 3.12+ it does nothing."""

from __future__ import annotations

import ctypes
import sys

_AFFECTED = sys.version_info < (3, 12)

if _AFFECTED:
    _incref = ctypes.pythonapi.Py_IncRef
    _incref.argtypes = [ctypes.py_object]
    _incref.restype = None


class NoneKeeper:
    """Call `settle()` once a frame: it gives None back every reference lost since the last call,
    whoever lost it (a frame's own calls, and Qt calling paintEvent, which loses one a paint).
    A None reference released for real in between is given back too, which is harmless."""

    def __init__(self) -> None:
        self._level = sys.getrefcount(None)

    def settle(self) -> None:
        if not _AFFECTED:
            return
        for _ in range(self._level - sys.getrefcount(None)):
            _incref(None)
        self._level = sys.getrefcount(None)
