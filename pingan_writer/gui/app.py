"""Start the desktop app: check the display, create the window, first-run samples, recovery.

On a fresh Linux desktop Qt's xcb plugin needs system libraries (libxcb-cursor0 and its
siblings) that may be missing; rather than Qt's bare plugin error, the exact command to install
them is printed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

XCB_LIBS = {  # library name → Debian/Ubuntu package
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xinerama": "libxcb-xinerama0",
    "xcb-xkb": "libxcb-xkb1",
}


def display_problem() -> str | None:
    """Why the GUI cannot start here, in Chinese with the command to fix it; None if it can."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "没有可用的图形界面（未设置 DISPLAY）。请在桌面环境中运行，或使用命令行功能：pingan-writer --help"
        )
    import ctypes.util  # runs ldconfig: only when a real display is about to be used

    missing = sorted(pkg for lib, pkg in XCB_LIBS.items() if ctypes.util.find_library(lib) is None)
    if missing and not os.environ.get("WAYLAND_DISPLAY"):
        return (
            "缺少 Qt 图形界面所需的系统库。请先运行：\n"
            f"  sudo apt-get install -y {' '.join(missing)}\n（或运行 scripts/run，它会自动安装）"
        )
    return None


def sample_paths() -> tuple[Path, Path]:
    import importlib.resources

    seeds = importlib.resources.files("pingan_writer.seeds")
    return Path(str(seeds / "建设更高水平的平安中国.txt")), Path(
        str(seeds / "学习体会发言-建设更高水平的平安中国.txt")
    )


def run(argv: list[str] | None = None) -> int:
    problem = display_problem()
    if problem:
        print(f"pingan-writer: {problem}", file=sys.stderr)
        return 1
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from pingan_writer.gui.main_window import MainWindow

    QCoreApplication.setOrganizationName("pingan-writer")
    QCoreApplication.setApplicationName("pingan-writer")
    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationDisplayName("平安写作")
    window = MainWindow(defer_panels=True)
    window.show()
    if os.environ.get("PINGAN_WRITER_BENCH_SHOWN"):  # benchmarks/gui_bench.py: the first turn of the
        # event loop after show(), the same moment its bare-window peer reports
        QTimer.singleShot(0, lambda: print("SHOWN", flush=True))
        QTimer.singleShot(0, window.finish_setup)
        QTimer.singleShot(0, lambda: _bench_after_shown(window, app))
        return app.exec()
    QTimer.singleShot(0, window.finish_setup)  # docks and panels right after the first paint
    QTimer.singleShot(0, lambda: start_up(window, argv or []))
    return app.exec()


def _bench_after_shown(window, app) -> None:
    """For the memory benchmark: optionally search (which loads jieba) and report RSS."""
    query = os.environ.get("PINGAN_WRITER_BENCH_SEARCH")
    if query:
        from pingan_writer.library.search import search

        with window.open_library() as lib:
            search(lib, query)
        status = Path("/proc/self/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        print("RSS", fields["VmRSS"].strip(), "PEAK", fields["VmHWM"].strip(), flush=True)
    app.quit()


def start_up(window, argv: list[str]) -> None:
    """After the window is on screen: jieba in a worker, then recovery, first run or a file."""
    from pingan_writer.gui import flows

    flows.preload_jieba(window)
    if offer_recovery(window):
        return
    if argv:
        window.open_draft(argv[0])
    elif not window.settings.first_run_done():
        first_run(window, then=lambda: _test_hooks(window))
        return
    _test_hooks(window)


def first_run(window, then=None) -> None:
    """Import the bundled samples and open the sample talk, so a new user sees the app at work."""
    from pingan_writer.draft.fileformat import load_draft
    from pingan_writer.gui import flows

    source, talk = sample_paths()

    def opened(report) -> None:
        ids = {p.name: r.source_id for p, r in report.results}
        window.refresh_sources(ids.get(source.name))
        window.set_draft(load_draft(talk), None)
        window.settings.set_first_run_done()
        if then is not None:
            then()

    flows.import_paths(window, [str(source), str(talk)], on_finished=opened)


def offer_recovery(window) -> bool:
    from pingan_writer.gui.dialogs.reports import ask_recovery

    entries = window.session.store.entries()
    if not entries:
        return False
    if os.environ.get("PINGAN_WRITER_TEST_RECOVERY") == "accept":
        choice = 0  # the kill-and-restart test has no one to click
    else:
        rows = [(e.label, e.saved_at.replace("T", " "), e.preview()) for e in entries]
        choice = ask_recovery(window, rows)
    if choice is None:
        for e in entries:
            window.session.store.discard(e.key)
        return False
    entry = entries[choice]
    window.set_draft(entry.draft, Path(entry.path) if entry.path else None, modified=True)
    window.session.store.discard(entry.key)  # the editor's own autosave takes over
    window.session.autosave()
    if os.environ.get("PINGAN_WRITER_TEST_RECOVERY"):
        print("RECOVERED:" + entry.draft.text.replace("\n", "\\n"), flush=True)
    return True


def _test_hooks(window) -> None:
    """For the kill-and-restart test (tests/gui/test_recovery_process.py): type text as a user
    would, wait for the idle autosave, report it. Does nothing unless the variable is set."""
    text = os.environ.get("PINGAN_WRITER_TEST_TYPE")
    if not text:
        return
    window.session.autosaved.connect(lambda: print("AUTOSAVED", flush=True))
    window.editor.setFocus()
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    type_text(window.editor, text)


def type_text(widget, text: str) -> None:
    """Key presses carrying each character, as a keyboard or input method delivers them
    (QTest.keyClicks only knows ASCII keys)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)
