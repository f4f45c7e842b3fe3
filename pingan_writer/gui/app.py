"""Start the desktop app: check the display, set up the log, Chinese and the error hook, show
the window, then offer recovery, run the first start or open the file named on the command line.

On a fresh Linux desktop Qt's xcb plugin needs system libraries (libxcb-cursor0 and its
siblings) that may be missing; rather than Qt's bare plugin error, the exact command to install
them is printed."""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from pingan_writer.draft.model import Draft
    from pingan_writer.gui.main_window import MainWindow
    from pingan_writer.library.importer import ImportReport

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.0005
SOURCE_SAMPLE = "建设更高水平的平安中国.txt"
TALK_SAMPLE = "学习体会发言-建设更高水平的平安中国.txt"
# Set once the library has been cleared of the sample talk an earlier first run imported as a
# source; a user who imports the talk deliberately afterwards keeps it.
SAMPLE_TALK_CHECKED_KEY = "start/sample_talk_checked"

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
    """The bundled sample source and the sample talk written from it."""
    import importlib.resources

    seeds = importlib.resources.files("pingan_writer.seeds")
    return Path(str(seeds / SOURCE_SAMPLE)), Path(str(seeds / TALK_SAMPLE))


def run(argv: list[str] | None = None) -> int:
    problem = display_problem()
    if problem:
        print(f"pingan-writer: {problem}", file=sys.stderr)
        return 1
    from pingan_writer import __version__
    from pingan_writer.logs import setup_logging

    log_file = setup_logging()
    log.info("平安写作 %s 启动", __version__)

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from pingan_writer.gui.crash import install_excepthook
    from pingan_writer.gui.i18n import install_chinese

    QCoreApplication.setOrganizationName("pingan-writer")
    QCoreApplication.setApplicationName("pingan-writer")
    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationDisplayName("平安写作")
    # The installed menu entry is pingan-writer.desktop: on Wayland this ties the window to it (its
    # name and icon); on X11 the window class is the application name, the entry's StartupWMClass.
    app.setDesktopFileName("pingan-writer")
    install_chinese(app)  # before any widget: widgets read the locale when they are built
    from pingan_writer.gui.editor.fonts import ui_font

    app.setFont(ui_font(app.font()))
    shown: list = []  # the window, once it exists: the parent of any error box
    install_excepthook(lambda: shown[0] if shown else None, log_file)

    from pingan_writer.gui.main_window import MainWindow

    # The UI thread calls into Python for every paint, view and slot; while a worker runs Python
    # (jieba, an import, reuse detection) each call waits for the GIL up to the switch interval.
    # At the default 5 ms the first run froze the window for 0.4–0.5 s; at 0.5 ms, about 0.1 s
    # (benchmarks/gui_bench.py), for a few per cent more time in the workers.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    window = MainWindow(defer_panels=True)
    shown.append(window)
    window.show()
    QTimer.singleShot(0, window.finish_setup)  # docks and panels right after the first paint
    # Looked up when the timer fires, so an embedding script may wrap start_up.
    QTimer.singleShot(0, lambda: start_up(window, argv or []))
    code = app.exec()
    log.info("平安写作退出（%d）", code)
    return code


def start_up(window: MainWindow, argv: list[str]) -> None:
    """After the window is on screen: its icon (loading the files is not worth delaying the first
    paint for), jieba in a worker, then recovery, a file or the first run."""
    from PySide6.QtWidgets import QApplication

    QApplication.instance().setWindowIcon(app_icon())
    window.preload_jieba()
    remove_sample_talk_source(window)
    if offer_recovery(window):
        return
    if argv:
        open_files(window, argv)
    elif not window.settings.first_run_done():
        first_run(window)


def app_icon() -> QIcon:
    """The app's icon (the menu entry's, resources/icons) in every size it is drawn at."""
    import importlib.resources

    from PySide6.QtGui import QIcon

    icon = QIcon()
    for png in sorted(importlib.resources.files("pingan_writer.resources").joinpath("icons").iterdir()):
        if png.name.endswith(".png"):
            icon.addFile(str(png))
    return icon


def open_files(window: MainWindow, paths: list[str]) -> None:
    """Files named on the command line, as a file manager passes them for a double-click or
    打开方式: a .pingan draft opens as the current draft, a source format (or a folder) is imported
    into the library and selected; a missing or unsupported file is explained in a message."""
    from pingan_writer.sources import SUPPORTED_SUFFIXES

    drafts: list[str] = []
    sources: list[str] = []
    problems: list[str] = []
    for name in paths:
        path = Path(name)
        suffix = path.suffix.lower()
        if suffix == ".pingan" and path.is_file():
            drafts.append(name)
        elif path.is_dir() or (suffix in SUPPORTED_SUFFIXES and path.is_file()):
            sources.append(name)
        elif not path.exists():
            problems.append(f"找不到文件：{name}")
        else:
            problems.append(
                f"无法打开 {path.name}：平安写作打开 .pingan 稿件，"
                f"并可导入以下格式的原文：{' '.join(SUPPORTED_SUFFIXES)}"
            )
    if drafts:
        window.open_draft(drafts[0])
        problems += [f"一次只能打开一份稿件，未打开：{name}" for name in drafts[1:]]
    if sources:
        window.import_paths(sources)  # selects the last one imported
    if problems:
        window.ctx.error("打开文件", "\n".join(problems))


def talk_title(text: str) -> str:
    """The title a study talk's opening line implies: "…围绕《X》学习内容分享个人体会" is a talk on
    studying X, titled as the new-draft wizard titles one ("学习《X》体会"); "" if it names no
    work."""
    first_line = text.lstrip().split("\n", 1)[0]
    match = re.search(r"《([^《》\n]+)》", first_line)
    return f"学习《{match.group(1)}》体会" if match else ""


def sample_talk() -> Draft:
    """The sample talk as an unsaved draft, titled from its opening line."""
    from pingan_writer.draft.fileformat import load_draft

    draft = load_draft(sample_paths()[1])
    draft.meta.title = draft.meta.title or talk_title(draft.text)
    return draft


def first_run(window: MainWindow, then: Callable[[], None] | None = None) -> None:
    """Show a new user the app at work: the sample talk open as the current draft (not saved
    anywhere, unmodified) and its source imported into the library. The talk is a draft, not
    a source: it must not turn up in the library, search or related passages. `then` is
    called once the import has finished."""
    source, _talk = sample_paths()
    window.set_draft(sample_talk(), None, modified=False)
    if window.sources.unusable is not None:  # already explained; the next start tries again
        log.warning("资料库无法打开，首次运行未导入示例原文：%s", window.sources.unusable)
        if then is not None:
            then()
        return

    def imported(report: ImportReport) -> None:
        ids = {Path(path).name: result.source_id for path, result in report.results}
        window.refresh_sources(ids.get(source.name))
        if report.failures:  # the next start tries again
            log.warning("首次运行未能导入示例原文：%s", report.failures)
        else:
            window.settings.set_first_run_done()
            window.settings.sync()
        if then is not None:
            then()

    window.import_paths([str(source)], on_finished=imported)


def remove_sample_talk_source(window: MainWindow) -> bool:
    """Earlier versions imported the sample talk as a source on first run, so it came first in
    search and related passages. Remove it from the library once; True if it was there."""
    store = window.settings.store
    if store.value(SAMPLE_TALK_CHECKED_KEY, False, type=bool):
        return False
    removed = False
    if window.settings.first_run_done():  # only an earlier first run put it there
        from pingan_writer.errors import PinganError
        from pingan_writer.sources import read_source

        try:
            digest = read_source(sample_paths()[1]).content_hash  # the identity import uses
            with window.open_library() as lib:
                known = lib.find_content(digest)
                removed = known is not None and lib.remove_source(known[0])
        except (PinganError, OSError) as exc:  # not worth stopping the start for; try next time
            log.warning("未能检查资料库中的示例发言稿：%s", exc)
            return False
        if removed:
            log.info("已从资料库移除旧版首次运行导入的示例发言稿《%s》（编号 %d）", known[1], known[0])
            window.refresh_sources()
    store.setValue(SAMPLE_TALK_CHECKED_KEY, True)
    return removed


def offer_recovery(window: MainWindow) -> bool:
    """Offer the drafts a crash or kill left behind; True if one was restored."""
    from pingan_writer.gui.dialogs.reports import ask_recovery

    entries = window.session.store.entries()
    if not entries:
        return False
    rows = [(e.label, e.saved_at.replace("T", " "), e.preview()) for e in entries]
    choice = ask_recovery(window, rows)
    if choice is None:
        for e in entries:
            window.session.store.discard(e.key)
        log.info("用户放弃了 %d 份恢复副本", len(entries))
        return False
    entry = entries[choice]
    window.set_draft(entry.draft, Path(entry.path) if entry.path else None, modified=True)
    window.session.store.discard(entry.key)  # the editor's own autosave takes over
    window.session.autosave()
    log.info("已恢复稿件：%s", entry.label)
    return True
