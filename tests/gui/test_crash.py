"""No error disappears: an exception in a slot (or a thread) is written to the log file with its
traceback and shown as one Chinese message box naming that file, however many follow it."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pingan_writer.gui import crash
from pingan_writer.logs import setup_logging, shutdown_logging


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    """The app's log in tmp_path, and the hooks put back as they were after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(sys, "stderr", sys.stderr)  # the hook echoes tracebacks there too
    path = setup_logging(tmp_path / "log")
    yield path
    shutdown_logging()


def error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == crash.DIALOG_OBJECT_NAME and w.isVisible()
    ]


def close_boxes_soon() -> None:
    QTimer.singleShot(0, lambda: [box.close() for box in error_boxes()])


def raise_in_slot(times: int) -> QTimer:
    calls = []

    def broken_slot() -> None:
        calls.append(1)
        if len(calls) >= times:
            timer.stop()
        raise RuntimeError(f"槽函数出错 #{len(calls)}")

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(broken_slot)
    timer.start()
    return timer


def test_an_exception_in_a_slot_is_logged_and_shown(qtbot, log_file):
    crash.install_excepthook(lambda: None, log_file)
    timer = raise_in_slot(1)
    qtbot.waitUntil(lambda: len(error_boxes()) == 1, timeout=5000)
    box = error_boxes()[0]
    assert "出现了意外错误" in box.text()
    assert f"详细信息已记录在 {log_file}" in box.text()
    assert "RuntimeError: 槽函数出错 #1" in box.detailedText()
    assert "broken_slot" in box.detailedText()  # the traceback, not just the message
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "RuntimeError: 槽函数出错 #1" in logged
    close_boxes_soon()
    qtbot.waitUntil(lambda: not error_boxes(), timeout=5000)
    timer.deleteLater()


def test_a_burst_of_errors_shows_one_box_and_logs_them_all(qtbot, log_file):
    crash.install_excepthook(lambda: None, log_file)
    timer = raise_in_slot(5)
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=5000)
    qtbot.wait(50)  # let any further boxes appear, if the hook were to show them
    assert len(error_boxes()) == 1
    logged = log_file.read_text(encoding="utf-8")
    assert all(f"槽函数出错 #{i}" in logged for i in range(1, 6))
    close_boxes_soon()
    qtbot.waitUntil(lambda: not error_boxes(), timeout=5000)
    timer.deleteLater()


def test_an_exception_in_a_thread_reaches_the_ui_thread(qtbot, log_file):
    crash.install_excepthook(lambda: None, log_file)

    def worker() -> None:
        raise ValueError("后台线程出错")

    thread = threading.Thread(target=worker, name="后台")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(error_boxes()) == 1, timeout=5000)
    assert "ValueError: 后台线程出错" in error_boxes()[0].detailedText()
    assert "ValueError: 后台线程出错" in log_file.read_text(encoding="utf-8")
    close_boxes_soon()
    qtbot.waitUntil(lambda: not error_boxes(), timeout=5000)


def test_the_hook_survives_a_broken_parent_getter_before_the_event_loop(qtbot, log_file):
    """Outside any event loop (an error while starting up) the box is modal: close it by timer."""

    def no_window():
        raise AttributeError("窗口还没建好")

    crash.install_excepthook(no_window, log_file)
    seen: list[tuple[str, object]] = []

    def read_and_close() -> None:
        for box in error_boxes():
            seen.append((box.detailedText(), box.parent()))
            box.close()

    QTimer.singleShot(0, read_and_close)
    try:
        raise KeyError("任意错误")
    except KeyError:
        sys.excepthook(*sys.exc_info())  # what Python does with an uncaught one; must not raise
    assert len(seen) == 1
    details, parent = seen[0]
    assert "KeyError: '任意错误'" in details and parent is None


def test_the_log_takes_warnings_and_is_set_up_once(log_file, tmp_path):
    import logging
    import warnings

    from pingan_writer import logs

    assert setup_logging(tmp_path / "log") == log_file  # again: the same file, one handler
    assert sum(h.get_name() == logs.HANDLER_NAME for h in logging.getLogger().handlers) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        logging.captureWarnings(True)  # pytest's own warning capture replaced the hook for the test
        warnings.warn("一个不该丢的警告", UserWarning, stacklevel=1)
    logging.getLogger("pingan_writer.test").info("一条记录")
    text = log_file.read_text(encoding="utf-8")
    assert "一个不该丢的警告" in text and "一条记录" in text


def test_a_full_log_is_rotated_at_start(tmp_path):
    from pingan_writer.logs import rotate

    log = tmp_path / "pingan-writer.log"
    log.write_text("旧" * 10, encoding="utf-8")
    (tmp_path / "pingan-writer.log.1").write_text("更旧", encoding="utf-8")
    rotate(log, max_bytes=10, backups=3)
    assert not log.exists()
    assert (tmp_path / "pingan-writer.log.1").read_text(encoding="utf-8") == "旧" * 10
    assert (tmp_path / "pingan-writer.log.2").read_text(encoding="utf-8") == "更旧"
    rotate(tmp_path / "small.log", max_bytes=10)  # nothing there: nothing to do, no error
