"""What a format reader hands back before the outline is parsed."""

from __future__ import annotations

from dataclasses import dataclass, field

from pingan_writer.text.outline import HeadingHint


@dataclass(slots=True)
class ReadResult:
    text: str
    encoding: str
    hints: list[HeadingHint] = field(default_factory=list)
    property_title: str | None = None  # .docx core property, Markdown front matter
    # Offset in `text` where each page begins (PDF; pages[0] == 0); empty when the format has no
    # fixed pages.
    pages: list[int] = field(default_factory=list)
    unverified: bool = False  # text not read from the document's own characters (OCR)
    notes: list[str] = field(default_factory=list)  # what the reader did that a user should know


class TextBuilder:
    """Joins paragraphs with \\n and records heading hints at their offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.hints: list[HeadingHint] = []

    def add(self, paragraph: str, heading_level: int | None = None) -> None:
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        if heading_level is not None and paragraph.strip():
            self.hints.append(HeadingHint(self._length, heading_level))
        self._parts.append(paragraph)
        self._length += len(paragraph)

    def text(self) -> str:
        return "".join(self._parts)
