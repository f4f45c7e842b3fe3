"""Exporting the draft: first the pre-export check (core draft.preflight, the same the CLI
runs), then the export dialog (which asks before replacing a file), then the export itself in a
worker with a progress bar. A failure names the file and the problem and leaves any earlier
export as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from pingan_writer.draft.model import Draft
from pingan_writer.draft.preflight import preflight, summary
from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context
from pingan_writer.gui.dialogs import export_dialog
from pingan_writer.gui.dialogs import preflight as preflight_dialog
from pingan_writer.gui.dialogs.progress import dismiss, work_progress
from pingan_writer.gui.editor.draft_editor import DraftEditor


class ExportController(QObject):
    review_requested = Signal(list, str)  # findings and the text they index: show them to fix

    def __init__(self, ctx: Context, editor: DraftEditor, default_name) -> None:
        """`default_name()` gives the file name (without suffix) to offer."""
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.editor = editor
        self.default_name = default_name

    def export(self) -> None:
        """Check, then ask where and how, then export."""
        draft = self.editor.draft()
        prefs = self.ctx.settings.preferences()
        minutes = draft.meta.target_minutes or prefs.target_minutes

        def checked(findings) -> None:
            if findings and not self._confirm_despite(findings, draft):
                return
            self._ask_and_export(draft)

        self.ctx.runner.submit(
            lambda _r, _c: preflight(draft, minutes, prefs.speaking_rate),
            checked,
            lambda exc: self.ctx.error(tr("导出前检查"), exc),
            channel="export-check",
        )

    def _confirm_despite(self, findings, draft: Draft) -> bool:
        if (
            preflight_dialog.ask_preflight(self.ctx.parent, findings, draft.text, summary(findings))
            == preflight_dialog.EXPORT_ANYWAY
        ):
            return True
        self.review_requested.emit(findings, draft.text)
        return False

    def _ask_and_export(self, draft: Draft) -> None:
        folder = Path(self.ctx.settings.last_export_dir() or Path.home())
        dialog = export_dialog.ExportDialog(
            folder / f"{self.default_name()}.docx",
            self.ctx.settings.preferences().export_options(),
            self.ctx.parent,
        )
        if not dialog.exec():
            return
        target, options = dialog.request()
        self.ctx.settings.set_last_export_dir(str(target.parent))
        self.run(draft, target, options)

    def run(self, draft: Draft, target: Path, options) -> None:
        from pingan_writer.export.api import export_draft

        progress = work_progress(self.ctx.parent, tr("导出"), tr("正在导出…"), None, 300)

        def done(path) -> None:
            dismiss(progress)
            self.ctx.tell(tr("已导出 %s") % path)
            export_dialog.show_export_done(self.ctx.parent, Path(path))

        def failed(exc: BaseException) -> None:
            dismiss(progress)
            self.ctx.error(tr("导出"), exc)

        self.ctx.runner.submit(
            lambda report, _c: export_draft(draft, target, options, lambda f: report(f, "")),
            done,
            failed,
            lambda f, _label: progress.setValue(int(f * 1000)),
        )
