"""The draft as a file: new, open, save, save as, recent files, and the question about unsaved
changes before another draft replaces it. Saving goes through gui.document.DocumentSession
(atomic writes and the recovery copy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu

from pingan_writer.draft.model import Draft
from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context
from pingan_writer.gui.document import DocumentSession

DRAFT_FILTER = "平安写作稿件 (*.pingan);;文本 (*.txt *.md);;Word (*.docx)"
SAVE_FILTER = "平安写作稿件 (*.pingan);;文本 (*.txt);;Markdown (*.md)"


class DocumentController(QObject):
    saved = Signal(Path)

    def __init__(
        self,
        ctx: Context,
        session: DocumentSession,
        recent_menu: QMenu,
        show_draft: Callable[[Draft, Path | None, bool], None],
    ) -> None:
        """`show_draft(draft, path, modified)` puts a draft in the editor."""
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.session = session
        self.recent_menu = recent_menu
        self.show_draft = show_draft
        self.refresh_recent()

    def replace_with(self, draft: Draft, path: Path | None = None, modified: bool = True) -> None:
        self.show_draft(draft, path, modified)

    def new_from(self, draft: Draft) -> bool:
        """Open a draft just made (the wizard's), after asking about unsaved changes."""
        if not self.maybe_save(tr("新建")):
            return False
        self.replace_with(draft, None, modified=True)
        return True

    def open(self, path: str | None = None) -> None:
        if not self.maybe_save(tr("打开其他稿件")):
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.ctx.parent, tr("打开稿件"), str(self._folder()), tr(DRAFT_FILTER)
            )
            if not path:
                return
        from pingan_writer.draft.fileformat import load_draft

        try:
            draft = load_draft(path)
        except Exception as exc:
            self.ctx.error(tr("打开稿件"), exc)
            self.ctx.settings.remove_recent_file(path)
            self.refresh_recent()
            return
        native = Path(path).suffix.lower() == ".pingan"
        self.replace_with(draft, Path(path) if native else None, modified=False)
        self.ctx.settings.add_recent_file(str(path))
        self.refresh_recent()

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        default = self.session.path or self._folder() / f"{self.session.display_name()}.pingan"
        path, _ = QFileDialog.getSaveFileName(self.ctx.parent, tr("另存为"), str(default), tr(SAVE_FILTER))
        return bool(path) and self._save_to(Path(path))

    def _folder(self) -> Path:
        recent = self.ctx.settings.existing_recent_files()
        return recent[0].parent if recent else Path.home()

    def _save_to(self, path: Path) -> bool:
        try:
            saved = self.session.save(path)
        except Exception as exc:
            self.ctx.error(tr("保存"), exc)
            return False
        self.ctx.settings.add_recent_file(str(saved))
        self.refresh_recent()
        self.ctx.tell(tr("已保存 %s") % saved, 3000)
        self.saved.emit(saved)
        return True

    def maybe_save(self, before: str = "关闭") -> bool:
        """Ask about unsaved changes before `before` (关闭, 新建 …); False means cancel."""
        from pingan_writer.gui.dialogs.reports import ask_save_changes

        if not self.session.modified:
            return True
        answer = ask_save_changes(self.ctx.parent, self.session.display_name(), before)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def refresh_recent(self) -> None:
        self.recent_menu.clear()
        files = self.ctx.settings.existing_recent_files()
        for path in map(str, files):
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.open(p)).setStatusTip(path)
        self.recent_menu.setEnabled(bool(files))
