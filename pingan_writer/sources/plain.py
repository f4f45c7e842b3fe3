"""Plain text (.txt) sources."""

from __future__ import annotations

import re

from pingan_writer.sources.encoding import decode_text
from pingan_writer.sources.parts import ReadResult

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def normalise_newlines(text: str) -> str:
    """CRLF, CR and Unicode line separators become \\n, so offsets do not depend on the platform."""
    return _LINE_BREAKS.sub("\n", text)


def read_txt(data: bytes, path: str) -> ReadResult:
    text, encoding = decode_text(data, path)
    return ReadResult(normalise_newlines(text), encoding)
