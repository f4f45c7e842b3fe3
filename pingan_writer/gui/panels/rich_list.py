"""A list whose rows are wrapped rich text: the base of the passage lists and the checks list.

Side panels are narrow and what they list is Chinese prose (passages, check messages), so rows
wrap to the width instead of eliding, and re-wrap when the width changes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QIcon,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pingan_writer.gui.panels._common import is_activation_key

ROW_PADDING = 6
ICON_GAP = 6
CACHE_LIMIT = 512

Index = QModelIndex | QPersistentModelIndex


class RichTextDelegate(QStyledItemDelegate):
    """Paints each row as a QTextDocument built by `html()`, with an optional icon on the left."""

    def __init__(self, view: QAbstractItemView, icon_size: int = 0) -> None:
        super().__init__(view)
        self._view = view
        self._icon_size = icon_size
        self._docs: dict[tuple[int, int, bool], QTextDocument] = {}

    # --- for subclasses ---------------------------------------------------------------------

    def html(self, index: Index, palette: QPalette, selected: bool) -> str | None:
        """The row as rich text, every piece of data escaped; None to paint it the default way."""
        raise NotImplementedError

    def icon(self, index: Index) -> QIcon | None:
        return None

    # --- layout -----------------------------------------------------------------------------

    def clear_cache(self) -> None:
        self._docs.clear()

    def _indent(self) -> int:
        return self._icon_size + ICON_GAP if self._icon_size else 0

    def _text_width(self) -> int:
        # Rows wrap to the viewport, not to option.rect: QListView asks for size hints with an empty rect.
        return max(80, self._view.viewport().width() - 2 * ROW_PADDING - self._indent())

    def _document(self, index: Index, option: QStyleOptionViewItem, selected: bool) -> QTextDocument | None:
        width = self._text_width()
        key = (index.row(), width, selected)
        doc = self._docs.get(key)
        if doc is not None:
            return doc
        text = self.html(index, option.palette, selected)
        if text is None:
            return None
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        doc.setTextWidth(width)
        if len(self._docs) > CACHE_LIMIT:  # new data resets the cache; this only bounds resizing churn
            self._docs.clear()
        self._docs[key] = doc
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(index, option, selected=False) if index.isValid() else None
        if doc is None:
            return super().sizeHint(option, index)
        height = max(int(doc.size().height()), self._icon_size) + 2 * ROW_PADDING + 1
        return QSize(self._text_width() + self._indent() + 2 * ROW_PADDING, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        doc = self._document(index, opt, selected)
        if doc is None:
            super().paint(painter, option, index)
            return
        opt.text = ""  # the style draws the selection and focus; the document draws the words
        opt.icon = QIcon()
        style = opt.widget.style() if opt.widget is not None else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect: QRect = opt.rect

        icon = self.icon(index)
        if icon is not None and self._icon_size:
            line = opt.fontMetrics.height()
            top = rect.top() + ROW_PADDING + max(0, (line - self._icon_size) // 2)
            icon.paint(painter, QRect(rect.left() + ROW_PADDING, top, self._icon_size, self._icon_size))

        painter.save()
        painter.translate(rect.left() + ROW_PADDING + self._indent(), rect.top() + ROW_PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        doc.documentLayout().draw(painter, context)
        painter.restore()

        painter.save()
        line_colour = QColor(opt.palette.color(QPalette.ColorRole.Mid))
        line_colour.setAlpha(90)
        painter.setPen(line_colour)
        painter.drawLine(rect.left() + ROW_PADDING, rect.bottom(), rect.right() - ROW_PADDING, rect.bottom())
        painter.restore()


class RichListView(QListView):
    """Wrapped rich-text rows; Enter reports the current row; a message shows when there are none."""

    enter_pressed = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = ""
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def set_message(self, message: str) -> None:
        self.message = message
        self.viewport().update()

    def refresh(self) -> None:
        """After new data: forget laid-out rows and show the top."""
        delegate = self.itemDelegate()
        if isinstance(delegate, RichTextDelegate):
            delegate.clear_cache()
        self.scrollToTop()
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_activation_key(event) and self.currentIndex().isValid():
            self.enter_pressed.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            # Row heights depend on the width the text wraps to. QListView re-lays out a
            # top-to-bottom list only when its height changes, so a narrower viewport (a
            # scroll bar appearing, the dock being resized) would leave rows overlapping.
            delegate = self.itemDelegate()
            if isinstance(delegate, RichTextDelegate):
                delegate.clear_cache()
            self.scheduleDelayedItemsLayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if (model is not None and model.rowCount() > 0) or not self.message:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(12, 12, -12, -12)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
        painter.end()
