"""Qt counts text in UTF-16 code units, Python in characters: the two differ after any
character outside the BMP (rare CJK extensions in names). One place converts between them."""

from __future__ import annotations


def utf16_to_index(text: str, pos: int) -> int:
    """A QTextDocument position (UTF-16 code units) as an index into `text`.

    They differ after any character outside the BMP (rare CJK extensions in names), and a
    quote off by one character is a misquote."""
    if pos <= 0:
        return 0
    units = 0
    for i, ch in enumerate(text):
        if units >= pos:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def index_to_utf16(text: str, index: int) -> int:
    head = text[: max(0, index)]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def is_bmp_only(text: str) -> bool:
    return len(text.encode("utf-16-le")) == 2 * len(text)
