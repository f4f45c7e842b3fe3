"""Paragraphs (non-blank lines) and sentences of a text, with their offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Indentation in Chinese documents is usually two ideographic spaces (　　); tabs, NBSP and
# ASCII spaces also occur.
INDENT_CHARS = " \t\u3000\u00a0\ufeff"
SENTENCE_END = "。！？!?"
# Closing quotes and brackets that belong to the sentence they close: 。” ends after ”.
_CLOSERS = "”’」』）)》"
_SENTENCE_RE = re.compile(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]+[{_CLOSERS}]*|[^{SENTENCE_END}]+$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A non-blank line. `content_start` skips indentation; `end` excludes trailing spaces."""

    start: int
    content_start: int
    end: int

    def content(self, text: str) -> str:
        return text[self.content_start : self.end]


def iter_paragraphs(text: str) -> Iterator[Paragraph]:
    """Every non-blank line of `text` (lines end with \\n; the readers normalise CR and CRLF)."""
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        content_start = pos
        while content_start < line_end and text[content_start] in INDENT_CHARS:
            content_start += 1
        end = line_end
        while end > content_start and text[end - 1] in INDENT_CHARS + "\r":
            end -= 1
        if end > content_start:
            yield Paragraph(pos, content_start, end)
        pos = line_end + 1


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end]; closing quotes stay with their sentence."""
    end = len(text) if end is None else end
    spans = []
    for m in _SENTENCE_RE.finditer(text, start, end):
        if m.end() > m.start():
            spans.append((m.start(), m.end()))
    return spans


def first_sentence(s: str) -> str:
    """The first sentence of `s`, without its final 。！？ (a closing quote keeps its mark)."""
    m = _SENTENCE_RE.match(s)
    sentence = (m.group(0) if m else s).strip()
    return sentence.rstrip(SENTENCE_END).strip()


def trim_end(text: str, start: int, end: int) -> int:
    """Move `end` left over whitespace, not past `start`."""
    while end > start and text[end - 1] in INDENT_CHARS + "\r\n":
        end -= 1
    return end
