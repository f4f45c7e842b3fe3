"""The rows of a passage list: a model holding PassageHits and a delegate that paints each one as
rich text (source, outline path, and the passage with its hits highlighted).

Rich text is built here with every piece of source text escaped, since official documents are
full of 《》 and the odd < or & that would otherwise be read as markup."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QPalette

from pingan_writer.gui.mime import QUOTE_MIME, QuotePayload
from pingan_writer.gui.panels.rich_list import Index, RichTextDelegate
from pingan_writer.library.records import PassageHit
from pingan_writer.text.spans import merge_spans

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_SEPARATOR = " › "
SNIPPET_CHARS = 220  # a row shows at most this much of a long passage, around its first hit
SNIPPET_LEAD = 40  # characters kept before the first hit, so it is read in context
HIT_BACKGROUND = "#ffe08a"
HIT_TEXT = "#1f1f1f"
TOOLTIP_CHARS = 800


def local_spans(hit: PassageHit) -> list[tuple[int, int]]:
    """The hit ranges as sorted, merged offsets into `hit.text`, clipped to it."""
    return merge_spans(
        (max(0, s - hit.start), min(len(hit.text), e - hit.start))
        for s, e in hit.hits
        if min(len(hit.text), e - hit.start) > max(0, s - hit.start)
    )


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


class PassageDelegate(RichTextDelegate):
    """A row: a dim line with source and outline path, then the passage with its hits highlighted."""

    def html(self, index: Index, palette: QPalette, selected: bool) -> str | None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, PassageHit):
            return None
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        meta = palette.color(role).name()
        spans = local_spans(hit)
        lo, hi = snippet_window(hit.text, spans)
        # On a selected row the highlight colour would clash with the selection: bold and underline instead.
        body = highlighted_html(hit.text, spans, lo, hi, mark=not selected)
        return (
            f'<div style="color:{meta}; font-size:small;">{_escape(hit_label(hit))}</div>'
            f'<div style="margin-top:3px;">{body}</div>'
        )
