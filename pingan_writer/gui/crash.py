"""Uncaught exceptions reach the user as words and the log as a traceback.

Without this, an exception in a slot is printed on a terminal nobody watches and the user sees
nothing, or the app just stops doing what was asked. Here every uncaught exception, on the UI
thread or any other, is logged with its traceback and shown as a Chinese message box naming the
log file, the traceback under the box's details. One box per burst: while a box is open, and for
a few seconds after it closes, further errors are only logged, so a failing timer cannot bury
the screen in dialogs. The hook itself never raises."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("pingan_writer.crash")

QUIET_SECONDS = 3.0  # after a box is closed, errors in this window belong to the same burst
DIALOG_OBJECT_NAME = "unexpectedErrorBox"


def tr(text: str) -> str:
    return QCoreApplication.translate("CrashDialog", text)


def error_message(log_file: Path | None) -> str:
    where = tr("详细信息已记录在 %s。") % log_file if log_file else tr("详细信息已写入日志。")
    return tr("出现了意外错误，刚才的操作可能没有完成，建议先保存稿件。\n") + where


class CrashReporter(QObject):
    """Lives on the UI thread; `report` may be emitted from any thread (queued across threads)."""

    report = Signal(str)

    def __init__(self, parent_getter: Callable[[], QWidget | None], log_file: Path | None) -> None:
        super().__init__()
        self.parent_getter = parent_getter
        self.log_file = log_file
        self.box: QMessageBox | None = None
        self.quiet_until = 0.0
        self.suppressed = 0
        self.report.connect(self._show)

    def _show(self, details: str) -> None:
        try:
            if self.box is not None or time.monotonic() < self.quiet_until:
                self.suppressed += 1
                return
            self.box = box = QMessageBox(_safe_parent(self.parent_getter))
            box.setObjectName(DIALOG_OBJECT_NAME)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(tr("平安写作 — 意外错误"))
            box.setText(error_message(self.log_file))
            box.setDetailedText(details)
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
            box.finished.connect(self._closed)
            if QThread.currentThread().loopLevel() == 0:
                box.exec()  # no event loop yet (or any more): a shown box would never paint
            else:
                box.setWindowModality(QtCore.Qt.WindowModality.ApplicationModal)
                box.show()
        except Exception:  # the reporter must not become the next uncaught error
            log.exception("无法显示错误对话框")
            self.box = None

    def _closed(self, _result: int = 0) -> None:
        self.box = None
        self.quiet_until = time.monotonic() + QUIET_SECONDS
        if self.suppressed:
            log.info("同一时段另有 %d 个错误只记入日志", self.suppressed)
            self.suppressed = 0


_reporter: CrashReporter | None = None


def install_excepthook(
    parent_getter: Callable[[], QWidget | None], log_file: Path | None = None
) -> CrashReporter:
    """Route uncaught exceptions (sys.excepthook and threading.excepthook) to the log and a
    message box parented to `parent_getter()` (called when the box is shown; may return None).
    `log_file` defaults to the file set up by pingan_writer.logs. Call on the UI thread after
    the QApplication exists."""
    global _reporter
    if log_file is None:
        from pingan_writer.logs import log_path

        log_file = log_path()
    _reporter = CrashReporter(parent_getter, log_file)
    sys.excepthook = handle_exception
    threading.excepthook = _handle_thread_exception
    return _reporter


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook: log, then show (or queue) the box. Never raises."""
    try:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("未处理的异常", exc_info=(exc_type, exc, tb))
        if sys.stderr is not None:  # and for whoever started it from a terminal
            sys.__excepthook__(exc_type, exc, tb)
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        reporter = _reporter
        if reporter is not None:
            reporter.report.emit(details)
    except BaseException:  # the last line of defence prints, whatever happened
        with contextlib.suppress(BaseException):
            sys.__excepthook__(exc_type, exc, tb)


def _handle_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:  # threading's own rule: a thread may exit this way
        return
    handle_exception(args.exc_type, args.exc_value, args.exc_traceback)


def _safe_parent(parent_getter: Callable[[], QWidget | None]) -> QWidget | None:
    try:
        parent = parent_getter()
    except Exception:
        return None
    return parent if isinstance(parent, QWidget) else None
