"""The reader: one passage of a source, read-only, from which the user quotes into the draft.

Offsets in everything this panel emits are offsets into the whole source text (the passage's
`source_start` plus the position inside the passage), counted in Python characters."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pingan_writer.gui.mime import QuotePayload
from pingan_writer.gui.panels._common import bold_title, dim
from pingan_writer.gui.utf16 import index_to_utf16, is_bmp_only, utf16_to_index

QUOTE_SHORTCUT = "Ctrl+Shift+Q"
PATH_SEPARATOR = " › "


class _PassageView(QPlainTextEdit):
    """Read-only text whose drags and copies carry the quote format, not just plain text."""

    def __init__(self, panel: ReaderPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def createMimeDataFromSelection(self) -> QMimeData:
        payload = self._panel.selection_payload()
        if payload is None:
            return super().createMimeDataFromSelection()
        return payload.to_mime()


class ReaderPanel(QWidget):
    """Shows a passage; emits `quote_requested(QuotePayload)` for the selection or the whole passage."""

    quote_requested = Signal(object)  # QuotePayload

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._bmp_only = True
        self._source_start = 0
        self._source_id: int | None = None
        self._source_hash: str | None = None
        self._source_title = ""
        self._path: list[str] = []

        self._title = QLabel(self)
        self._title.setWordWrap(True)
        bold_title(self._title, 1.15)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._crumbs = QLabel(self)
        self._crumbs.setWordWrap(True)
        dim(self._crumbs)

        self.view = _PassageView(self)
        self.view.setReadOnly(True)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        self._hint = QLabel(self.tr("在左侧提纲中点选一节，这里显示原文"), self)
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)
        dim(self._hint)

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._hint)
        self._stack.addWidget(self.view)

        # The shortcut belongs to the window's 引用所选原文 action, which asks this panel: two
        # actions on one key are ambiguous to Qt and then neither fires.
        self.quote_action = QAction(self.tr("引用到稿件"), self)
        self.quote_action.setToolTip(self.tr("把选中的原文（未选中时为整段）引用到稿件"))
        self.quote_action.triggered.connect(self.request_quote)

        self.quote_button = QPushButton(self.tr("引用到稿件"), self)
        self.quote_button.setToolTip(
            self.tr("把选中的原文（未选中时为整段）引用到稿件（{shortcut}）").format(
                shortcut=QKeySequence(QUOTE_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.quote_button.clicked.connect(self.request_quote)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quote_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._title)
        layout.addWidget(self._crumbs)
        layout.addWidget(self._stack, 1)
        layout.addLayout(buttons)
        self.clear()

    # --- what the main window calls -------------------------------------------------------

    def show_passage(
        self,
        title: str,
        path: list[str],
        text: str,
        source_start: int,
        source_id: int | None,
        source_hash: str | None,
        source_title: str,
        page: int | None = None,
    ) -> None:
        """Show a passage; `page` (PDF sources) is named after its outline path."""
        self._text = text
        self._bmp_only = is_bmp_only(text)
        self._source_start = source_start
        self._source_id = source_id
        self._source_hash = source_hash
        self._source_title = source_title
        self._path = list(path)
        self._title.setText(title or source_title)
        self._title.setVisible(bool(title or source_title))
        crumbs = [f"《{source_title}》"] if source_title and source_title != title else []
        crumbs += path[:-1] if path and path[-1] == title else path  # the title is shown just above
        if page:
            crumbs.append(self.tr("第%d页") % page)
        self._crumbs.setText(PATH_SEPARATOR.join(crumbs))
        self._crumbs.setVisible(bool(crumbs))
        self.view.setPlainText(text)
        self.view.moveCursor(QTextCursor.MoveOperation.Start)
        self._stack.setCurrentWidget(self.view)
        self.quote_action.setEnabled(bool(text))
        self._update_button()

    def clear(self) -> None:
        self._text = ""
        self._bmp_only = True
        self._source_start = 0
        self._source_id = None
        self._source_hash = None
        self._source_title = ""
        self._path = []
        self._title.clear()
        self._title.hide()
        self._crumbs.clear()
        self._crumbs.hide()
        self.view.clear()
        self._stack.setCurrentWidget(self._hint)
        self.quote_action.setEnabled(False)
        self._update_button()

    def is_empty(self) -> bool:
        return self._stack.currentWidget() is self._hint

    def select_source_range(self, start: int, end: int) -> None:
        """Select and scroll to a range in source offsets (e.g. a search hit), clipped to the passage."""
        a = min(max(start - self._source_start, 0), len(self._text))
        b = min(max(end - self._source_start, a), len(self._text))
        cursor = self.view.textCursor()
        cursor.setPosition(self._to_doc(a))
        cursor.setPosition(self._to_doc(b), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()

    # --- quoting ---------------------------------------------------------------------------

    def selection_payload(self) -> QuotePayload | None:
        """The selected text as a quote, or None when nothing is selected."""
        cursor = self.view.textCursor()
        if not self._text or not cursor.hasSelection():
            return None
        a = self._from_doc(cursor.selectionStart())
        b = self._from_doc(cursor.selectionEnd())
        return self._payload(a, b) if a < b else None

    def current_payload(self) -> QuotePayload | None:
        """The selection, or the whole passage when nothing is selected; None when nothing is shown."""
        if not self._text:
            return None
        return self.selection_payload() or self._payload(0, len(self._text))

    def request_quote(self) -> None:
        payload = self.current_payload()
        if payload is not None:
            self.quote_requested.emit(payload)

    def _payload(self, a: int, b: int) -> QuotePayload:
        # The text comes from the stored passage, not from the widget: QTextDocument turns line
        # breaks into U+2029 in selectedText(), and a quote must be the source's exact characters.
        return QuotePayload(
            source_id=self._source_id,
            source_hash=self._source_hash,
            source_title=self._source_title,
            node=list(self._path),
            start=self._source_start + a,
            end=self._source_start + b,
            text=self._text[a:b],
        )

    def _from_doc(self, pos: int) -> int:
        return min(pos, len(self._text)) if self._bmp_only else utf16_to_index(self._text, pos)

    def _to_doc(self, index: int) -> int:
        return index if self._bmp_only else index_to_utf16(self._text, index)

    def _update_button(self) -> None:
        self.quote_button.setEnabled(bool(self._text))
