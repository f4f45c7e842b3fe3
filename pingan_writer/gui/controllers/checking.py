"""Checking the draft and renumbering it. Checks run in a worker on the draft as it stands;
findings follow later edits (their ranges move with the text) and are refreshed by a new check
shortly after typing stops, and cleared when another draft is opened, so a finding never selects
the wrong text."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from pingan_writer.draft.checks import run_draft_checks
from pingan_writer.draft.renumber import fix_level_edits, renumber_edits
from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context
from pingan_writer.gui.editor.draft_editor import DraftEditor
from pingan_writer.gui.panels.checks import ChecksPanel

RECHECK_MS = 1500  # after typing stops, while findings are on show


class ChecksController(QObject):
    def __init__(self, ctx: Context, editor: DraftEditor, panel: ChecksPanel) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.editor = editor
        self.panel = panel
        self._recheck = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._recheck.timeout.connect(lambda: self.run(show=False))
        editor.edited.connect(self._on_edit)
        panel.recheck_requested.connect(self.run)
        panel.finding_activated.connect(editor.show_range)

    def _on_edit(self, pos: int, removed: int, added: int) -> None:
        if self.panel.has_results():
            self.panel.follow_edit(pos, removed, added)
            self._recheck.start()

    def reset(self) -> None:
        """Another draft is in the editor: what was found in the last one no longer applies."""
        self._recheck.stop()
        self.panel.clear()

    def target_minutes(self) -> float:
        return self.editor.meta.target_minutes or self.ctx.settings.preferences().target_minutes

    def run(self, show: bool = True) -> None:
        draft = self.editor.draft()
        minutes, rate = self.target_minutes(), self.ctx.settings.preferences().speaking_rate

        def done(findings) -> None:
            if self.editor.toPlainText() != draft.text:  # edited meanwhile: check again
                self._recheck.start()
            self.panel.set_findings(findings, draft.text)
            if show:
                self.panel.show_panel.emit()

        def failed(exc: BaseException) -> None:
            self.panel.set_busy(False)
            self.ctx.error(tr("检查稿件"), exc)

        self.panel.set_busy(True)
        self.ctx.runner.submit(
            lambda _r, _c: run_draft_checks(draft, minutes, rate), done, failed, channel="checks"
        )

    def renumber(self, fix_levels: bool) -> None:
        """Rewrite only the numbering markers, in place and as one undo step, so quotes and the
        rest of the text stay exactly where they are."""
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        changed = 0
        for make_edits in ((fix_level_edits,) if fix_levels else ()) + (renumber_edits,):
            edits = make_edits(self.editor.toPlainText())
            for edit in sorted(edits, key=lambda e: e.start, reverse=True):  # later first: offsets hold
                cursor.setPosition(edit.start)
                cursor.setPosition(edit.end, cursor.MoveMode.KeepAnchor)
                cursor.insertText(edit.replacement)
            changed += len(edits)
        cursor.endEditBlock()
        self.ctx.tell(tr("已重新编号（%d 处）") % changed if changed else tr("序号无需调整"), 3000)
        if changed and self.panel.has_results():
            self._recheck.stop()
            self.run(show=False)
