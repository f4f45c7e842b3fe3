"""The draft being edited as a document: its file, saving, and autosave.

Autosave writes a recovery copy (draft/recovery.py), never the user's file: periodically, and a
few seconds after typing stops, and only when something changed since the last copy. Saving
the file or closing cleanly removes the copy."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from pingan_writer.draft.recovery import RecoveryStore
from pingan_writer.errors import describe_error
from pingan_writer.gui.editor.draft_editor import DraftEditor

NATIVE_SUFFIX = ".pingan"  # as in draft/fileformat.py, imported only when a save happens

log = logging.getLogger(__name__)

IDLE_MS = 3000
PERIODIC_MS = 60_000


class DocumentSession(QObject):
    saved = Signal(Path)
    autosaved = Signal()
    autosave_failed = Signal(str)  # why the recovery copy could not be written (Chinese)

    def __init__(self, editor: DraftEditor, store: RecoveryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.store = store
        self.path: Path | None = None
        self.key = uuid.uuid4().hex
        self._dirty_since_autosave = False
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.autosave)
        self._periodic = QTimer(self, interval=PERIODIC_MS)
        self._periodic.timeout.connect(self.autosave)
        self._periodic.start()
        editor.textChanged.connect(self._on_edit)

    def _on_edit(self) -> None:
        self._dirty_since_autosave = True
        self._idle.start()

    @property
    def modified(self) -> bool:
        return self.editor.document().isModified()

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.editor.meta.title or self.tr("未命名稿件")

    def autosave(self) -> bool:
        """Write the recovery copy if anything changed since the last one."""
        if not self._dirty_since_autosave or not self.modified:
            return False
        try:
            self.store.save(self.key, self.editor.draft(), str(self.path) if self.path else None)
        except Exception as exc:  # disk full, folder gone: the user must know their work is exposed
            log.error("autosave failed", exc_info=exc)
            self.autosave_failed.emit(describe_error(exc))
            return False
        self._dirty_since_autosave = False
        self.autosaved.emit()
        return True

    def save(self, path: Path | None = None) -> Path:
        """Save to `path` (or the current file). Raises DraftError, leaving the file as it was."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save to")
        if target.suffix.lower() not in (NATIVE_SUFFIX, ".txt", ".md"):
            target = target.with_suffix(NATIVE_SUFFIX)
        from pingan_writer.draft.fileformat import save_draft

        save_draft(self.editor.draft(), target)
        if target.suffix.lower() == NATIVE_SUFFIX:
            self.path = target  # .txt/.md are copies; the draft stays where it was
            self.editor.document().setModified(False)
            self.store.discard(self.key)
            self._dirty_since_autosave = False
        self.saved.emit(target)
        return target

    def replace(self, path: Path | None) -> None:
        """A new or opened draft: forget the old recovery copy, start a new one."""
        self.store.discard(self.key)
        self.key = uuid.uuid4().hex
        self.path = path
        self._dirty_since_autosave = False

    def close_cleanly(self) -> None:
        self.store.discard(self.key)
