"""Source: one imported document, its decoded text and its outline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pingan_writer.text.outline import Outline

FORMATS = ("txt", "docx", "md")


@dataclass(slots=True)
class Source:
    title: str
    text: str  # decoded, newlines normalised to \n; every offset indexes this string
    path: Path | None
    format: str  # txt | docx | md
    encoding: str  # utf-8, utf-8-sig, utf-16-le, utf-16-be, gbk, gb18030, …
    outline: Outline
    title_origin: str = "text"  # text | property | style | filename

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity of a source's content."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
