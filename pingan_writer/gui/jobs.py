"""Background work for the window: one long-lived dispatcher that owns the signals.

Work runs on a small QThreadPool, never on the UI thread. Each job
gets an id; its progress, result or error comes back as a queued signal of the dispatcher, which
lives on the UI thread, so callbacks always run there. A job submitted on a *channel* (search,
related, keywords …) makes every older job on that channel stale: it is asked to stop, and
whatever it delivers later is dropped, so a late result never overwrites a newer one."""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Report = Callable[[float, str], None]
Work = Callable[[Report, Callable[[], bool]], Any]


class Job:
    """A handle on submitted work: its id, and a cooperative cancel flag the work polls.

    A plain class (not a slotted dataclass): Qt connects signals to `cancel`, and PySide needs
    to hold a weak reference to the object behind a bound method."""

    def __init__(self, job_id: int, channel: str | None = None) -> None:
        self.id = job_id
        self.channel = channel
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


@dataclass(slots=True)
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Report | None


class _Runnable(QRunnable):
    """Runs one job on a pool thread. Owned by Python, not by the pool (with auto-delete the
    pool frees the C++ side under its Python wrapper, which crashed the interpreter at exit);
    the runner keeps it until its outcome is delivered and no pool thread is running."""

    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn

    def run(self) -> None:
        self.fn()


class JobRunner(QObject):
    """Submits work to worker threads and delivers its outcome on the UI thread."""

    # Only plain values cross threads in a signal: the outcome itself waits in `_outcomes` until
    # the UI thread takes it (PySide 6.12 over-releases Python objects carried by queued
    # signals, which crashed the interpreter at exit).
    _progress = Signal(int, float, str)
    _done = Signal(int)

    def __init__(
        self,
        on_unhandled_error: Callable[[BaseException], None],
        parent: QObject | None = None,
        workers: int = 2,
    ) -> None:
        """`on_unhandled_error` shows the error of a job submitted without its own handler."""
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(workers)
        self._runnables: dict[int, _Runnable] = {}
        self._retired: list[_Runnable] = []  # delivered; freed once no pool thread is running
        self._ids = itertools.count(1)
        self._callbacks: dict[int, _Callbacks] = {}
        self._jobs: dict[int, Job] = {}
        self._latest: dict[str, int] = {}
        self._unhandled = on_unhandled_error
        self._outcomes: dict[int, tuple[bool, Any]] = {}  # job id → (succeeded, result or error)
        self._outcome_lock = threading.Lock()
        self._shut = False  # after shutdown() nothing new starts: the window is going away
        self._progress.connect(self._deliver_progress)
        self._done.connect(self._deliver)

    def submit(
        self,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Report | None = None,
        channel: str | None = None,
    ) -> Job:
        """Run `work(report, cancelled)` on a worker thread. Without `on_error`, an error is logged
        and shown through the runner's default handler; it never disappears."""
        job = Job(next(self._ids), channel)
        if self._shut:  # a result delivered while closing asked for more work: none runs
            job.cancel()
            return job
        if channel is not None:
            older = self._latest.get(channel)
            if older is not None and older in self._jobs:
                self._jobs[older].cancel()
            self._latest[channel] = job.id
        self._jobs[job.id] = job
        self._callbacks[job.id] = _Callbacks(on_done, on_error, on_progress)
        if self._retired and self._pool.activeThreadCount() == 0:
            self._retired.clear()  # no pool thread can still be returning from their run()
        runnable = _Runnable(lambda: self._run(job, work))
        self._runnables[job.id] = runnable
        self._pool.start(runnable)
        return job

    def _run(self, job: Job, work: Work) -> None:  # on a worker thread
        try:
            report = lambda f, label="": self._progress.emit(job.id, float(f), label)  # noqa: E731
            outcome = (True, work(report, job.cancelled))
        except Exception as exc:  # delivered to the UI thread, which names the problem to the user
            outcome = (False, exc)
        with self._outcome_lock:
            self._outcomes[job.id] = outcome
        self._done.emit(job.id)

    def is_current(self, job: Job) -> bool:
        """False once a newer job was submitted on the same channel."""
        return job.channel is None or self._latest.get(job.channel) == job.id

    def running(self) -> list[Job]:
        return list(self._jobs.values())

    def cancel_all(self) -> None:
        for job in self._jobs.values():
            job.cancel()

    def shutdown(self, wait: bool = True) -> None:
        """Cancel everything and (by default) wait for the threads: before the window closes.
        Work submitted afterwards (by a result delivered meanwhile) is cancelled, not run."""
        self._shut = True
        self.cancel_all()
        self._pool.clear()
        if wait:
            self._pool.waitForDone(-1)
            self._retired.clear()

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every submitted job has reported (tests and closing use this)."""
        import time

        from PySide6.QtCore import QCoreApplication, QEventLoop

        # time.monotonic, not QDeadlineTimer: PySide 6.12's hasExpired() returns a bool it does
        # not own, and thousands of calls drive True's refcount to zero (a crash at exit).
        deadline = time.monotonic() + timeout_ms / 1000
        while self._jobs and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            threading.Event().wait(0.002)
        return not self._jobs

    # -- on the UI thread ------------------------------------------------------------------

    def _stale(self, job_id: int) -> bool:
        job = self._jobs.get(job_id)
        return job is None or not self.is_current(job)

    def _deliver_progress(self, job_id: int, fraction: float, label: str) -> None:
        callbacks = self._callbacks.get(job_id)
        if callbacks and callbacks.on_progress and not self._stale(job_id):
            callbacks.on_progress(fraction, label)

    def _deliver(self, job_id: int) -> None:
        with self._outcome_lock:
            succeeded, value = self._outcomes.pop(job_id, (False, None))
        if succeeded:
            self._deliver_result(job_id, value)
        elif value is not None:
            self._deliver_error(job_id, value)

    def _deliver_result(self, job_id: int, result: object) -> None:
        stale = self._stale(job_id)
        callbacks = self._retire(job_id)
        if callbacks and callbacks.on_done and not stale:
            callbacks.on_done(result)

    def _deliver_error(self, job_id: int, exc: BaseException) -> None:
        stale = self._stale(job_id)
        callbacks = self._retire(job_id)
        log.error("background job %d failed", job_id, exc_info=exc)
        if stale:
            return
        if callbacks and callbacks.on_error:
            callbacks.on_error(exc)
        else:
            self._unhandled(exc)

    def _retire(self, job_id: int) -> _Callbacks | None:
        runnable = self._runnables.pop(job_id, None)
        if runnable is not None:
            self._retired.append(runnable)
        job = self._jobs.pop(job_id, None)
        if job is not None and job.channel is not None and self._latest.get(job.channel) == job_id:
            del self._latest[job.channel]
        return self._callbacks.pop(job_id, None)
