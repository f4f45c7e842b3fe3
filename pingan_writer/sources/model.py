"""Source: one imported document, its decoded text and its outline."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pingan_writer.text.outline import Outline

FORMATS = ("txt", "docx", "md", "pdf", "doc", "wps", "odt", "rtf", "html", "mhtml", "clipboard")


@dataclass(slots=True)
class Source:
    title: str
    text: str  # decoded, newlines normalised to \n; every offset indexes this string
    path: Path | None
    format: str  # one of FORMATS: what the file really was, not its extension
    encoding: str  # utf-8, utf-8-sig, utf-16-le, utf-16-be, gbk, gb18030, …
    outline: Outline
    title_origin: str = "text"  # text | property | style | filename
    pages: list[int] = field(default_factory=list)  # where each page begins in `text` (PDF)
    notes: list[str] = field(default_factory=list)  # what reading it did that the user should know

    def page_at(self, offset: int) -> int | None:
        """The 1-based page `offset` is on, None when the source has no pages."""
        return page_at(self.pages, offset)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity of a source's content."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def page_at(pages: list[int], offset: int) -> int | None:
    """The 1-based page of `offset` given each page's start offset; None without pages."""
    return bisect.bisect_right(pages, offset) or None if pages else None
