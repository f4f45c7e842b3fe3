"""The prompter's text column: the spoken text laid out once in large type, a map from a reading
position (counted characters) to a y offset, and painting of only the lines in view.

Layout is the expensive part, so it happens only when the type size, line spacing or column
width changes; a frame only asks `scroll_for` (a bisect) and paints the few visible blocks.
Between the tops of two consecutive lines y moves linearly with the characters read, so the
scroll glides through a line and across paragraph gaps instead of jumping from line to line."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QPainter, QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument

from pingan_writer.gui.editor.fonts import chinese_font_families
from pingan_writer.gui.utf16 import is_bmp_only, utf16_to_index

# Characters QTextDocument would treat as paragraph or line breaks; shown as spaces so the
# document's blocks stay exactly the spoken text's lines (and offsets stay aligned).
_BREAKS = str.maketrans({"\r": " ", "\u2028": " ", "\u2029": " ", "\x0b": " ", "\x0c": " "})


@dataclass(frozen=True, slots=True)
class ColumnStyle:
    pixel_size: int
    line_spacing: float  # line pitch as a multiple of the font's line height
    width: float  # pixels


class TextColumn:
    """`text` laid out for a column; `counts` is the cumulative 字数 per offset (Plan.counts)."""

    def __init__(self, text: str, counts: list[int]) -> None:
        self.text = text
        self.counts = counts
        self.document = QTextDocument()
        self.document.setUndoRedoEnabled(False)
        self.document.setDocumentMargin(0)
        self.document.setPlainText(text.translate(_BREAKS))
        self.style: ColumnStyle | None = None
        self.height = 0.0
        self.line_height = 0.0  # the glyph box of one line
        self.line_pitch = 0.0  # from one line's top to the next, with the spacing
        self._block_tops: list[float] = []
        self._blocks: list[QTextBlock] = []
        self._knot_counts: list[float] = []
        self._knot_tops: list[float] = []

    def build(self, style: ColumnStyle) -> None:
        """Lay the text out for `style` and rebuild the count→y map."""
        self.style = style
        font = QFont()
        font.setFamilies(chinese_font_families())
        font.setPixelSize(style.pixel_size)
        self.document.setDefaultFont(font)
        cursor = QTextCursor(self.document)
        cursor.select(QTextCursor.SelectionType.Document)
        block_format = QTextBlockFormat()
        block_format.setLineHeight(
            style.line_spacing * 100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        cursor.setBlockFormat(block_format)
        self.document.setTextWidth(style.width)
        layout = self.document.documentLayout()
        self.height = layout.documentSize().height()

        self._block_tops, self._blocks = [], []
        self._knot_counts, self._knot_tops = [], []
        self.line_height = self.line_pitch = 0.0
        counts = self.counts
        start = 0  # Python offset of the block's first character in self.text
        last_bottom = 0.0
        block = self.document.begin()
        for para in self.text.split("\n"):
            top = layout.blockBoundingRect(block).top()
            self._block_tops.append(top)
            self._blocks.append(block)
            lines = block.layout()
            wide = not is_bmp_only(para)
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                a = line.textStart()
                b = a + line.textLength()
                if wide:
                    a, b = utf16_to_index(para, a), utf16_to_index(para, b)
                if not self.line_height:
                    self.line_height = line.height()
                    self.line_pitch = line.height() * style.line_spacing
                if counts[start + b] > counts[start + a]:  # a line with something to read
                    self._knot_counts.append(float(counts[start + a]))
                    self._knot_tops.append(top + line.y())
                    last_bottom = top + line.y() + self.line_pitch
            start += len(para) + 1
            block = block.next()
        self._knot_counts.append(float(counts[-1]))
        self._knot_tops.append(last_bottom)

    def y_for_count(self, count: float) -> float:
        """The y (document coordinates) of the reading position `count`: the top of the line
        being read, moved on through the line in proportion to the characters read in it."""
        knots = self._knot_counts
        if len(knots) < 2:
            return 0.0
        i = bisect.bisect_right(knots, count) - 1
        i = min(max(i, 0), len(knots) - 2)
        c0, c1 = knots[i], knots[i + 1]
        y0, y1 = self._knot_tops[i], self._knot_tops[i + 1]
        share = min(max((count - c0) / (c1 - c0), 0.0), 1.0) if c1 > c0 else 0.0
        return y0 + (y1 - y0) * share

    def y_for_index(self, index: int) -> float:
        """The y of the line holding spoken offset `index`, at that character."""
        return self.y_for_count(float(self.counts[min(max(index, 0), len(self.text))]))

    def paint(self, painter: QPainter, x: float, scroll: float, view_height: float) -> None:
        """Draw the blocks that show between `scroll` and `scroll + view_height` (document y),
        with the document's top at widget y = -scroll."""
        if not self._blocks:
            return
        first = max(bisect.bisect_right(self._block_tops, scroll) - 1, 0)
        bottom = scroll + view_height
        origin = QPointF(x, -scroll)  # a block's layout carries its own position in the document
        for i in range(first, len(self._blocks)):
            if self._block_tops[i] > bottom:
                break
            self._blocks[i].layout().draw(painter, origin)
