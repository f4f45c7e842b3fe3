"""What every controller is handed: the window (as the parent of its dialogs), the job runner,
the settings, and one way to report an error to the user."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtWidgets import QStatusBar, QWidget

from pingan_writer.errors import describe_error
from pingan_writer.gui.jobs import JobRunner
from pingan_writer.gui.settings import Settings

log = logging.getLogger("pingan_writer.gui")


@dataclass(slots=True)
class Context:
    parent: QWidget
    runner: JobRunner
    settings: Settings
    status: QStatusBar

    def error(self, title: str, exc: BaseException | str) -> None:
        """Log `exc` and show it as a dialog in the user's words."""
        from pingan_writer.gui.dialogs.reports import show_error

        if isinstance(exc, BaseException):
            log.warning("%s: %s", title, exc, exc_info=exc)
            message = describe_error(exc)
        else:
            log.info("%s: %s", title, exc)
            message = exc
        show_error(self.parent, title, message)

    def tell(self, message: str, ms: int = 4000) -> None:
        self.status.showMessage(message, ms)
