"""The draft editor: plain text with headings styled as typed, quotes marked and kept on their
text through every edit, provenance in a tooltip, and drops of quotes and files.

Quotes are ranges over the document. Each edit (typing, paste, undo, an input method's commit)
arrives as contentsChange(position, removed, added) and moves the ranges; a quote whose text is
deleted entirely is dropped. A quote whose text no longer matches what was inserted is drifted
and marked with a red wavy underline."""

from __future__ import annotations

import copy
import difflib
import os

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from pingan_writer.draft.model import Draft, Quote, SourceRef
from pingan_writer.draft.prompts import find_prompt, prompt_at
from pingan_writer.gui.editor.fonts import chinese_font_families
from pingan_writer.gui.editor.highlighter import HeadingHighlighter
from pingan_writer.text.verbatim import normalize

QUOTE_BG = QColor("#fff1c1")
DRIFT_UNDERLINE = QColor("#d32f2f")
FOUND_BG = QColor("#c8e6ff")
DETECTED_BG = QColor("#fff8dc")  # verbatim from a source, found by reuse detection (not inserted)


class DraftEditor(QPlainTextEdit):
    files_dropped = Signal(list)  # local paths dropped on the editor: import them
    quote_dropped = Signal(object, int)  # a QuotePayload dropped at a document offset
    quotes_changed = Signal()
    edited = Signal(int, int, int)  # position, characters removed, characters added: the real change

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = Draft()
        self._text = ""  # the text before the latest edit, to see exactly what an edit changed
        self._loading = False
        self._found: tuple[int, int] | None = None
        self._detected: list = []  # draft.reuse.ReuseSpan found in the library
        self.highlighter = HeadingHighlighter(self.document())
        self.document().contentsChange.connect(self._on_contents_change)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setTabChangesFocus(False)
        self.setPlaceholderText(
            self.tr("在这里写发言稿。可从右侧的原文和搜索结果中双击、拖入或按 Ctrl+Shift+Q 引用原文。")
        )
        self._marks_timer = QTimer(self, singleShot=True, interval=120)
        self._marks_timer.timeout.connect(self._refresh_marks)
        font = QFont()
        font.setFamilies(chinese_font_families())
        font.setPointSize(14)
        self.setFont(font)

    # -- prompts ------------------------------------------------------------------------

    def mouseDoubleClickEvent(self, e) -> None:
        """A double-click on a 【…】 prompt selects the whole prompt, ready to be typed over."""
        pos = self.cursorForPosition(e.position().toPoint()).position()
        span = prompt_at(self.toPlainText(), pos)
        if span is None:
            super().mouseDoubleClickEvent(e)
            return
        self.select_range(*span)

    def next_prompt(self, backwards: bool = False) -> bool:
        """Select the next (or previous) 【…】 prompt after the cursor, wrapping around; False when
        none is left."""
        text = self.toPlainText()
        cursor = self.textCursor()
        span = find_prompt(text, cursor.selectionStart() if backwards else cursor.selectionEnd(), backwards)
        if span is None:
            return False
        self.select_range(*span)
        self.centerCursor()
        return True

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    # -- the draft ----------------------------------------------------------------------

    def set_draft(self, draft: Draft) -> None:
        self._loading = True
        try:
            self._draft = copy.deepcopy(draft)
            self.setPlainText(draft.text)
            self._text = self.toPlainText()
        finally:
            self._loading = False
        self.document().setModified(False)
        self._refresh_marks()

    def draft(self) -> Draft:
        """The draft as it stands: current text and quote ranges."""
        d = copy.deepcopy(self._draft)
        d.text = self.toPlainText()
        return d

    def add_rehearsal(self, rehearsal) -> None:
        """Keep a rehearsal with the draft (saved in its .pingan file); the draft is modified."""
        self._draft.rehearsals.append(rehearsal)
        self.document().setModified(True)

    @property
    def meta(self):
        return self._draft.meta

    @property
    def rehearsals(self) -> list:
        """The draft's rehearsals, oldest first."""
        return self._draft.rehearsals

    @property
    def quotes(self) -> list[Quote]:
        return self._draft.quotes

    def insert_quote(
        self,
        text: str,
        source: SourceRef,
        node: list[str],
        source_start: int,
        source_end: int,
        page: int | None = None,
    ) -> Quote:
        """Insert at the cursor, as one undoable edit, and record where it came from."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        at = cursor.position()
        cursor.insertText(text)
        cursor.endEditBlock()
        quote = self._draft.record_quote(at, text, source, node, source_start, source_end, page)
        self.setTextCursor(cursor)
        self._refresh_marks()
        self.quotes_changed.emit()
        return quote

    def replace_with_quotes(
        self, start: int, end: int, text: str, source: SourceRef | None, quotes: list
    ) -> None:
        """Replace `start:end` with `text` as one undoable edit and record `quotes` (planned
        quotes with `offset`, `length`, `node`, `source_start`, `source_end`, `text`, offsets into
        `text`) as quotes of `source`. Quotes already in the range are mapped through the change
        like any edit's (a replacement with no quotes in it, the usual case, drops nothing)."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        if source is not None and quotes:
            self._draft.add_source(source)
            for p in quotes:
                at = start + p.offset
                self._draft.quotes.append(
                    Quote(
                        at,
                        at + p.length,
                        source.id,
                        source.title,
                        list(p.node),
                        p.source_start,
                        p.source_end,
                        p.text,
                    )
                )
            self._draft.quotes.sort(key=lambda q: q.start)
            self.quotes_changed.emit()
        self._refresh_marks()

    def _on_contents_change(self, pos: int, removed: int, added: int) -> None:
        if self._loading:
            return
        # Qt may report more than changed (an input method's commit arrives as the whole block
        # replaced; re-layout as a same-length change): narrow it to the real difference.
        old, new = self._text, self.toPlainText()
        self._text = new
        old_end, new_end = min(pos + removed, len(old)), min(pos + added, len(new))
        pos += len(os.path.commonprefix([old[pos:old_end], new[pos:new_end]]))  # noqa: RUF071 (text)
        tail = len(os.path.commonprefix([old[pos:old_end][::-1], new[pos:new_end][::-1]]))  # noqa: RUF071
        removed, added = old_end - tail - pos, new_end - tail - pos
        if removed == 0 and added == 0:
            return
        self.edited.emit(pos, removed, added)
        inside = [q for q in self._draft.quotes if pos < q.start and q.end < pos + removed]
        if inside and added:
            # Several edits in one undo block (renumbering) arrive as one change: map quotes that
            # lie between the edits through a character diff of just this stretch.
            self._map_quotes(old[pos : pos + removed], new[pos : pos + added], pos, inside)
        self._move_quotes(pos, removed, added, skip=inside if added else [])

    def _map_quotes(self, old: str, new: str, base: int, quotes: list[Quote]) -> None:
        ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

        def mapped(p: int, is_end: bool) -> int:
            for tag, i1, i2, j1, j2 in ops:
                if i1 <= p - base < i2 or (is_end and p - base == i2):
                    return base + (j1 + (p - base - i1) if tag == "equal" else (j2 if is_end else j1))
            return base + len(new)

        for q in quotes:
            q.start, q.end = mapped(q.start, False), mapped(q.end, True)

    def _move_quotes(self, pos: int, removed: int, added: int, skip: list[Quote] = ()) -> None:
        delta, edit_end = added - removed, pos + removed
        kept = []
        mapped = {id(q) for q in skip}
        for q in self._draft.quotes:
            if id(q) in mapped:  # already mapped (identity: two quotes can be equal in value)
                kept.append(q)
                continue
            if q.end <= pos:  # wholly before the edit; typing just after a quote stays outside it
                kept.append(q)
                continue
            if q.start >= edit_end:  # wholly after; typing just before a quote stays outside it
                q.start, q.end = q.start + delta, q.end + delta
                kept.append(q)
                continue
            # The edit touches the quote: text typed inside it becomes part of it (and shows as
            # drift); a replacement over its start or end trims it to what is left.
            start = q.start if q.start < pos else pos + added
            end = q.end + delta if q.end > edit_end else pos
            if end > start:
                q.start, q.end = start, end
                kept.append(q)
        changed = len(kept) != len(self._draft.quotes)
        self._draft.quotes = kept
        self._marks_timer.start()
        if changed:
            self.quotes_changed.emit()

    # -- marks ---------------------------------------------------------------------------

    def drifted(self, quote: Quote) -> bool:
        current = self.toPlainText()[quote.start : quote.end]
        return normalize(current).norm != normalize(quote.text).norm

    def show_range(self, start: int, end: int) -> None:
        """Select a range (a finding, a search hit) and bring it into view."""
        cursor = self.textCursor()
        n = len(self.toPlainText())
        cursor.setPosition(max(0, min(start, n)))
        cursor.setPosition(max(0, min(end, n)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._found = (start, end)
        self.centerCursor()
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        selections = []
        text_len = len(self.toPlainText())
        for q in self._draft.quotes:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(min(q.start, text_len))
            sel.cursor.setPosition(min(q.end, text_len), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QUOTE_BG)
            if self.drifted(q):
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(DRIFT_UNDERLINE)
            sel.format = fmt
            selections.append(sel)
        quoted = [(q.start, q.end) for q in self._draft.quotes]
        for span in self._detected:
            if any(a <= span.start and span.end <= b for a, b in quoted):
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(min(span.start, text_len))
            sel.cursor.setPosition(min(span.end, text_len), QTextCursor.MoveMode.KeepAnchor)
            sel.format.setBackground(DETECTED_BG)
            sel.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            selections.append(sel)
        if self._found is not None:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(min(self._found[0], text_len))
            sel.cursor.setPosition(min(self._found[1], text_len), QTextCursor.MoveMode.KeepAnchor)
            sel.format.setBackground(FOUND_BG)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selections.append(sel)
        self.setExtraSelections(selections)

    def quote_at(self, offset: int) -> Quote | None:
        return next((q for q in self._draft.quotes if q.start <= offset < q.end), None)

    def set_detected(self, spans: list) -> None:
        """Spans found verbatim in a source by reuse detection (draft.reuse.ReuseSpan)."""
        self._detected = list(spans)
        self._marks_timer.start()

    def detected(self) -> list:
        return list(self._detected)

    def detected_at(self, offset: int):
        return next((s for s in self._detected if s.start <= offset < s.end), None)

    def quoted_ranges(self) -> list[tuple[int, int]]:
        """Every draft range known to be verbatim from a source: inserted quotes that still
        match, and what reuse detection found."""
        ranges = [(q.start, q.end) for q in self._draft.quotes if not self.drifted(q)]
        return ranges + [(s.start, s.end) for s in self._detected]

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            offset = self.cursorForPosition(self.viewport().mapFromGlobal(e.globalPos())).position()
            quote = self.quote_at(offset)
            if quote is not None:
                state = self.tr("引文已改动，与原文不一致") if self.drifted(quote) else self.tr("逐字引用")
                QToolTip.showText(e.globalPos(), f"{quote.provenance()}\n{state}", self)
            elif (span := self.detected_at(offset)) is not None:
                path = " › ".join(span.node)
                note = self.tr("与原文逐字相同（未通过引用插入）")
                QToolTip.showText(e.globalPos(), f"《{span.source_title}》 {path}\n{note}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    # -- drops ---------------------------------------------------------------------------

    def dragEnterEvent(self, e) -> None:
        from pingan_writer.gui.mime import QUOTE_MIME, local_paths

        mime = e.mimeData()
        if mime.hasFormat(QUOTE_MIME) or local_paths(mime):
            e.acceptProposedAction()
            return
        super().dragEnterEvent(e)

    def dragMoveEvent(self, e) -> None:
        from pingan_writer.gui.mime import QUOTE_MIME

        if e.mimeData().hasFormat(QUOTE_MIME) or e.mimeData().hasUrls():
            e.acceptProposedAction()
            return
        super().dragMoveEvent(e)

    def dropEvent(self, e) -> None:
        from pingan_writer.gui.mime import QUOTE_MIME, from_mime, local_paths

        mime = e.mimeData()
        if mime.hasFormat(QUOTE_MIME):
            payload = from_mime(mime)
            if payload is not None:
                self.setTextCursor(self.cursorForPosition(e.position().toPoint()))
                self.quote_dropped.emit(payload, self.textCursor().position())
                e.acceptProposedAction()
                return
        if mime.hasUrls():
            paths = local_paths(mime)
            if paths:
                self.files_dropped.emit(paths)
                e.acceptProposedAction()
                return
        super().dropEvent(e)
