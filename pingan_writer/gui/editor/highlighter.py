"""Headings styled by level as the user types: each line's numbering marker decides its look,
the same way the exported document will (一、 black and bold, （一） in a 楷 face, 1. bold)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from pingan_writer.text.markers import ARABIC_DOT, ARABIC_PAREN, CN_DUN, CN_PAREN, match_heading
from pingan_writer.text.paragraphs import INDENT_CHARS, first_sentence


def _format(
    bold: bool = False, italic: bool = False, color: str = "#1a1a1a", family: str = ""
) -> QTextCharFormat:
    f = QTextCharFormat()
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    f.setForeground(QColor(color))
    if family:
        f.setFontFamilies([family, "KaiTi", "STKaiti", "AR PL UKai CN"])
    return f


STYLE_FORMATS = {
    CN_DUN: _format(bold=True, color="#8b0000"),
    CN_PAREN: _format(bold=True, color="#0b3d91", family="楷体"),
    ARABIC_DOT: _format(bold=True),
    ARABIC_PAREN: _format(color="#333333"),
}
PLACEHOLDER = _format(color="#b35900")


class HeadingHighlighter(QSyntaxHighlighter):
    def highlightBlock(self, text: str) -> None:
        stripped = text.lstrip(INDENT_CHARS)
        indent = len(text) - len(stripped)
        marker = match_heading(stripped)
        if marker is not None and marker.style in STYLE_FORMATS:
            # The heading sentence only: body text after it in the same paragraph stays plain.
            rest = stripped[marker.length :]
            title = first_sentence(rest)
            length = marker.length + len(title) + (1 if len(rest) > len(title) else 0)
            self.setFormat(indent, min(length, len(stripped)), STYLE_FORMATS[marker.style])
        start = text.find("【")
        while start >= 0:  # template prompts still to fill
            end = text.find("】", start)
            if end < 0:
                break
            self.setFormat(start, end - start + 1, PLACEHOLDER)
            start = text.find("【", end)
