"""Run long work off the UI thread: a QRunnable with signals for progress, result and error.

The layers below report progress through a plain callback; a Job turns that into a Qt signal,
which is delivered on the UI thread. Errors arrive as the exception (PinganError messages are
already Chinese and name the file), never as a traceback on screen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobSignals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """`fn(report, cancelled)` runs on a pool thread; `report(fraction, label)` emits progress."""

    def __init__(self, fn: Callable[[Callable[[float, str], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()
        # Python owns the job: with Qt's auto-delete the pool frees the C++ side under the
        # Python wrapper, which crashes at interpreter exit. Owners keep finished jobs a while
        # (MainWindow.done_jobs) so none is freed while its thread is still returning from run().
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(lambda f, label="": self.signals.progress.emit(f, label), self.cancelled)
        except Exception as exc:  # reported to the UI, which shows a message naming the problem
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def start(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    job = Job(fn)
    if on_done:
        job.signals.finished.connect(on_done)
    if on_error:
        job.signals.failed.connect(on_error)
    if on_progress:
        job.signals.progress.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(job)
    return job
