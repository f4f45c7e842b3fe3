"""Quotes the app did not insert: the same verbatim reuse detection as `pingan-writer quotes
--library`, run against the library in a worker shortly after typing stops, so text pasted from
a source (or a draft written elsewhere) is marked with its provenance like an inserted quote,
and counts in the quoted share and in each source node's coverage."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from pingan_writer.draft.reuse import find_reuse
from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context, log
from pingan_writer.gui.controllers.sources import SourcesController
from pingan_writer.gui.editor.draft_editor import DraftEditor
from pingan_writer.library.reuse_index import LibraryIndex

IDLE_MS = 1500


class ReuseController(QObject):
    found = Signal()  # new spans are in `spans`

    def __init__(self, ctx: Context, editor: DraftEditor, sources: SourcesController) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.editor = editor
        self.sources = sources
        self.spans: list = []  # draft.reuse.ReuseSpan of the text now in the editor
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._timer.timeout.connect(self.refresh)
        editor.edited.connect(self._on_edit)

    def _on_edit(self, pos: int, removed: int, added: int) -> None:
        # Until the next result, spans after the edit move with the text; touched ones go.
        delta, end = added - removed, pos + removed
        kept = []
        for s in self.spans:
            if s.end <= pos:
                kept.append(s)
            elif s.start >= end:
                s.start, s.end = s.start + delta, s.end + delta
                kept.append(s)
        self.spans = kept
        self.editor.set_detected(self.spans)
        self._timer.start()

    def schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        sources = self.sources
        if sources.unusable is not None:  # the user has been told; nothing to compare against
            return
        text = self.editor.toPlainText()

        def work(_report, _cancelled):
            with sources.open_library() as lib:
                return find_reuse(text, LibraryIndex(lib)).spans

        def done(spans) -> None:
            if self.editor.toPlainText() != text:
                return  # edited meanwhile; the timer has another run queued
            self.spans = spans
            self.editor.set_detected(spans)
            self.found.emit()

        def failed(exc: BaseException) -> None:  # marks are a help, not the work: log and say so
            log.error("reuse detection failed", exc_info=exc)
            self.ctx.tell(tr("查找稿件中引用的原文时出错，引用标记可能不全"), 8000)

        self.ctx.runner.submit(work, done, failed, channel="reuse")
