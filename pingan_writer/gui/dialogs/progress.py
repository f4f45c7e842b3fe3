"""Progress dialogs for work that runs in a worker: shown only if the work takes a while, and
put away for good when it ends.

QProgressDialog starts a 4-second timer when it is made that shows it, and close() does not stop
that timer. A dialog closed when its work ended, but not yet deleted (a message box's event
loop defers deletion until it returns), came back 4 s later over the message box that reported
the outcome, window-modal, and blocked it. reset() stops the timer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def work_progress(
    parent: QWidget, title: str, label: str, cancel: str | None, show_after_ms: int
) -> QProgressDialog:
    """A window-modal progress dialog from 0 to 1000 that appears after `show_after_ms`; no
    cancel button when `cancel` is None."""
    progress = QProgressDialog(label, cancel, 0, 1000, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(show_after_ms)
    return progress


def dismiss(progress: QProgressDialog) -> None:
    """Hide `progress` for good and delete it (without reporting a cancel)."""
    progress.blockSignals(True)  # closing would report a cancel
    progress.reset()
    progress.close()
    progress.deleteLater()
