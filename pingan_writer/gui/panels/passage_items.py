"""The rows of a passage list: a model holding PassageHits and a delegate that paints each one as
rich text (source, outline path, and the passage with its hits highlighted).

Rich text is built here with every piece of source text escaped, since official documents are
full of 《》 and the odd < or & that would otherwise be read as markup."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pingan_writer.gui.mime import QUOTE_MIME, QuotePayload
from pingan_writer.library.records import PassageHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_SEPARATOR = " › "
SNIPPET_CHARS = 220  # a row shows at most this much of a long passage, around its first hit
SNIPPET_LEAD = 40  # characters kept before the first hit, so it is read in context
HIT_BACKGROUND = "#ffe08a"
HIT_TEXT = "#1f1f1f"
ROW_PADDING = 6
TOOLTIP_CHARS = 800

Index = QModelIndex | QPersistentModelIndex


def local_spans(hit: PassageHit) -> list[tuple[int, int]]:
    """The hit ranges as sorted, merged offsets into `hit.text`, clipped to it."""
    spans = sorted(
        (max(0, s - hit.start), min(len(hit.text), e - hit.start))
        for s, e in hit.hits
        if min(len(hit.text), e - hit.start) > max(0, s - hit.start)
    )
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def snippet_window(text: str, spans: list[tuple[int, int]], limit: int = SNIPPET_CHARS) -> tuple[int, int]:
    """The part of `text` a row shows: all of it when short, else `limit` characters around the first hit."""
    if len(text) <= limit:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET_LEAD, len(text) - limit))
    return start, start + limit


def highlighted_html(text: str, spans: list[tuple[int, int]], lo: int, hi: int, mark: bool = True) -> str:
    """`text[lo:hi]` escaped, with the parts inside `spans` emphasised; … marks cut ends."""
    out: list[str] = ["…"] if lo > 0 else []
    pos = lo
    open_tag = (
        f'<span style="background-color:{HIT_BACKGROUND}; color:{HIT_TEXT}; font-weight:600;">'
        if mark
        else '<span style="font-weight:600; text-decoration:underline;">'
    )
    for s, e in spans:
        s, e = max(s, lo), min(e, hi)
        if e <= s:
            continue
        out.append(_escape(text[pos:s]))
        out.append(open_tag + _escape(text[s:e]) + "</span>")
        pos = e
    out.append(_escape(text[pos:hi]))
    if hi < len(text):
        out.append("…")
    return "".join(out)


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br/>")


def hit_label(hit: PassageHit) -> str:
    """Source title and outline path on one line, for the row header and accessibility."""
    parts = [f"《{hit.source_title}》"] if hit.source_title else []
    return PATH_SEPARATOR.join(parts + list(hit.path))


def hit_payload(hit: PassageHit) -> QuotePayload:
    return QuotePayload(
        source_id=hit.source,
        source_hash=None,  # search results carry no hash; the editor looks it up by id
        source_title=hit.source_title,
        node=list(hit.path),
        start=hit.start,
        end=hit.end,
        text=hit.text,
    )


class PassageModel(QAbstractListModel):
    """PassageHits as rows; dragging a row carries it as a quote."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[PassageHit] = []

    def set_hits(self, hits: list[PassageHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hits(self) -> list[PassageHit]:
        return list(self._hits)

    def hit(self, row: int) -> PassageHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (a Qt signature)
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            # Plain text for accessibility and the view's type-to-find; the delegate paints rich text.
            return f"{hit_label(hit)}\n{hit.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = hit.text if len(hit.text) <= TOOLTIP_CHARS else hit.text[:TOOLTIP_CHARS] + "…"
            # Wrapped in <p> so Qt treats it as rich text and word-wraps a long passage.
            return f"<p><b>{_escape(hit_label(hit))}</b></p><p>{_escape(text)}</p>"
        if role == HIT_ROLE:
            return hit
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [QUOTE_MIME, "text/plain"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData | None:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        hit = self.hit(rows[0]) if rows else None
        return hit_payload(hit).to_mime() if hit is not None else None

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class PassageDelegate(QStyledItemDelegate):
    """Paints a row as a QTextDocument: a dim header line, then the passage with hits highlighted."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._docs: dict[tuple[int, int, bool], QTextDocument] = {}

    def clear_cache(self) -> None:
        self._docs.clear()

    def _text_width(self) -> int:
        # Rows wrap to the viewport, not to option.rect: QListView asks for size hints with an empty rect.
        return max(80, self._view.viewport().width() - 2 * ROW_PADDING)

    def _document(self, index: Index, option: QStyleOptionViewItem, selected: bool) -> QTextDocument:
        width = self._text_width()
        key = (index.row(), width, selected)
        doc = self._docs.get(key)
        if doc is not None:
            return doc
        hit: PassageHit = index.data(HIT_ROLE)
        palette: QPalette = option.palette
        if selected:
            meta = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            meta = palette.color(QPalette.ColorRole.PlaceholderText)
        spans = local_spans(hit)
        lo, hi = snippet_window(hit.text, spans)
        body = highlighted_html(hit.text, spans, lo, hi, mark=not selected)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(
            f'<div style="color:{meta.name()}; font-size:small;">{_escape(hit_label(hit))}</div>'
            f'<div style="margin-top:3px;">{body}</div>'
        )
        doc.setTextWidth(width)
        if len(self._docs) > 512:  # a new search resets the cache; this only bounds resizing churn
            self._docs.clear()
        self._docs[key] = doc
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if not index.isValid() or index.data(HIT_ROLE) is None:
            return super().sizeHint(option, index)
        doc = self._document(index, option, selected=False)
        return QSize(self._text_width() + 2 * ROW_PADDING, int(doc.size().height()) + 2 * ROW_PADDING + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.data(HIT_ROLE) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.text = ""  # the style draws the selection and focus; the document draws the words
        style = opt.widget.style() if opt.widget is not None else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        doc = self._document(index, opt, selected)
        painter.save()
        rect: QRect = opt.rect
        painter.translate(rect.left() + ROW_PADDING, rect.top() + ROW_PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        doc.documentLayout().draw(painter, context)
        painter.restore()

        painter.save()
        line = QColor(opt.palette.color(QPalette.ColorRole.Mid))
        line.setAlpha(90)
        painter.setPen(line)
        painter.drawLine(rect.left() + ROW_PADDING, rect.bottom(), rect.right() - ROW_PADDING, rect.bottom())
        painter.restore()
