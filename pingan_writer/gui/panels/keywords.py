"""Keywords of a source or a section as a horizontal bar chart, painted directly with QPainter.

A chart rather than a list because what matters is the shape: a few words that dominate a
section say more about it than their exact weights. Clicking a bar offers the word for search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from pingan_writer.gui.panels._common import bold_title

if TYPE_CHECKING:
    # Only for the annotation: importing library.keywords at run time would import jieba on the
    # UI thread, and jieba is meant to load in a worker after the window is up.
    from pingan_writer.library.keywords import Keyword

MARGIN = 10
TITLE_GAP = 6
ROW_HEIGHT = 24
BAR_HEIGHT = 14
LABEL_GAP = 8
VALUE_GAP = 6
LABEL_MAX_FRACTION = 0.4  # long words are elided rather than squeezing the bars away
MIN_BAR_AREA = 40
MIN_BAR_WIDTH = 2  # a non-zero weight always shows as something
BAR_COLOR = QColor("#c0392b")
BAR_HOVER_COLOR = QColor("#e0574a")
EMPTY_HEIGHT = 60


@dataclass(frozen=True, slots=True)
class _Layout:
    top: int  # y of the first row
    label_width: int
    bar_left: int
    bar_area: int  # width a bar of the maximum weight gets
    value_width: int


def _format_weight(weight: float) -> str:
    return f"{weight:.3f}" if abs(weight) < 10 else f"{weight:.1f}"


class KeywordChart(QWidget):
    """Bars proportional to each keyword's weight relative to the heaviest."""

    keyword_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keywords: list[tuple[str, float]] = []
        self._title = ""
        self._show_values = False
        self._hover = -1
        self.setMouseTracking(True)
        self.setAutoFillBackground(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    # --- data -------------------------------------------------------------------------------

    def set_keywords(self, keywords: Sequence[tuple[str, float]], title: str = "") -> None:
        self._keywords = [(str(w), float(v)) for w, v in keywords]
        self._title = title
        self._hover = -1
        self.setToolTip("")
        self.updateGeometry()  # the height follows the number of rows
        self.update()

    def keywords(self) -> list[tuple[str, float]]:
        return list(self._keywords)

    def set_show_values(self, show: bool) -> None:
        self._show_values = show
        self.update()

    def empty_text(self) -> str:
        return self.tr("暂无关键词")

    # --- geometry ---------------------------------------------------------------------------

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _title_height(self) -> int:
        if not self._title:
            return 0
        return self.fontMetrics().height() + TITLE_GAP  # bold has the same height as regular

    def content_height(self) -> int:
        if not self._keywords:
            return EMPTY_HEIGHT + self._title_height()
        return 2 * MARGIN + self._title_height() + ROW_HEIGHT * len(self._keywords)

    def sizeHint(self) -> QSize:
        return QSize(280, self.content_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.content_height())

    def _layout(self) -> _Layout:
        metrics = self.fontMetrics()
        inner = max(0, self.width() - 2 * MARGIN)
        widest = max((metrics.horizontalAdvance(w) for w, _ in self._keywords), default=0)
        label_width = min(widest, int(inner * LABEL_MAX_FRACTION))
        value_width = 0
        if self._show_values and self._keywords:
            value_width = max(metrics.horizontalAdvance(_format_weight(v)) for _, v in self._keywords)
            value_width += VALUE_GAP
        bar_left = MARGIN + label_width + LABEL_GAP
        bar_area = max(MIN_BAR_AREA, self.width() - MARGIN - value_width - bar_left)
        return _Layout(MARGIN + self._title_height(), label_width, bar_left, bar_area, value_width)

    def bar_rect(self, row: int, layout: _Layout | None = None) -> QRect:
        """Where the bar of keyword `row` is painted (empty for a zero weight)."""
        layout = layout or self._layout()
        peak = max((v for _, v in self._keywords), default=0.0)
        weight = self._keywords[row][1]
        ratio = min(1.0, max(0.0, weight / peak)) if peak > 0 else 0.0
        width = round(layout.bar_area * ratio)
        if weight > 0:
            width = max(MIN_BAR_WIDTH, width)
        y = layout.top + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        return QRect(layout.bar_left, y, width, BAR_HEIGHT)

    def row_at(self, pos: QPoint) -> int:
        """The keyword row under `pos` (anywhere across the row: label or bar), or -1."""
        if not self._keywords:
            return -1
        top = self._layout().top
        if pos.y() < top or not 0 <= pos.x() < self.width():
            return -1
        row = (pos.y() - top) // ROW_HEIGHT
        return row if row < len(self._keywords) else -1

    # --- painting and interaction -----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        text_color = self.palette().color(QPalette.ColorRole.Text)
        dim_color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        if self._title:
            painter.setFont(self._title_font())
            painter.setPen(text_color)
            title_rect = QRect(MARGIN, MARGIN, self.width() - 2 * MARGIN, self.fontMetrics().height())
            painter.drawText(
                title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title
            )
            painter.setFont(self.font())
        if not self._keywords:
            painter.setPen(dim_color)
            area = self.rect().adjusted(MARGIN, MARGIN + self._title_height(), -MARGIN, -MARGIN)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text())
            painter.end()
            return

        layout = self._layout()
        metrics = self.fontMetrics()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for row, (word, weight) in enumerate(self._keywords):
            y = layout.top + row * ROW_HEIGHT
            label_rect = QRect(MARGIN, y, layout.label_width, ROW_HEIGHT)
            painter.setPen(text_color)
            label = metrics.elidedText(word, Qt.TextElideMode.ElideRight, layout.label_width)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            bar = self.bar_rect(row, layout)
            if bar.width() > 0:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(BAR_HOVER_COLOR if row == self._hover else BAR_COLOR)
                painter.drawRoundedRect(bar, 2, 2)
            if self._show_values:
                painter.setPen(dim_color)
                value_rect = QRect(bar.right() + VALUE_GAP, y, layout.value_width, ROW_HEIGHT)
                painter.drawText(
                    value_rect,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    _format_weight(weight),
                )
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos())
            if row >= 0:
                QToolTip.showText(event.globalPos(), self.tooltip_text(row), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_text(self, row: int) -> str:
        word, weight = self._keywords[row]
        return self.tr("{word}　权重 {weight}").format(word=word, weight=_format_weight(weight))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().toPoint())
        if row != self._hover:
            self._hover = row
            self.setCursor(Qt.CursorShape.PointingHandCursor if row >= 0 else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover != -1:
            self._hover = -1
            self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and row >= 0:
            self.keyword_clicked.emit(self._keywords[row][0])
        super().mouseReleaseEvent(event)


class KeywordsPanel(QWidget):
    """A title and a KeywordChart that scrolls when there are more words than fit."""

    keyword_clicked = Signal(str)  # forwarded from the chart, e.g. to search for the word

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("关键词"), self)
        self.title.setWordWrap(True)
        bold_title(self.title)
        self.chart = KeywordChart()
        self.chart.setToolTip("")
        self.chart.keyword_clicked.connect(self.keyword_clicked)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.chart)
        self.scroll.setWidgetResizable(True)  # the chart takes the width; its height sets the scroll range
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll, 1)

    def set_keywords(
        self, keywords: Sequence[tuple[str, float]] | Sequence[Keyword], title: str = ""
    ) -> None:
        """`keywords` as (word, weight) pairs or Keyword records; `title` names what they summarise."""
        pairs = [(k.word, k.weight) if hasattr(k, "word") else (k[0], k[1]) for k in keywords]
        self.title.setText(self.tr("关键词：{title}").format(title=title) if title else self.tr("关键词"))
        self.chart.set_keywords(pairs)
