"""Drives the real desktop app in its own process for benchmarks/gui_bench.py. The product has
no benchmark hooks: this script starts it through pingan_writer.gui.app.run and wraps the app's
own start-up steps in this process only.

    python -m benchmarks.gui_driver shown          prints SHOWN at the first turn of the event
                                                   loop after show(), then quits
    python -m benchmarks.gui_driver memory QUERY   searches the library (loading jieba), prints
                                                   RSS <kB> PEAK <kB>, then quits
    python -m benchmarks.gui_driver stalls DIR     the first run (import the sample source, open
                                                   the talk), a search, the checks and an export
                                                   to DIR through the window's actions, with a
                                                   5 ms QTimer on the UI thread; prints
                                                   STALLS <json> (longest gap between ticks per
                                                   step, ms), then quits

The environment chooses the library, data and settings folders (see gui_bench._env)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

TICK_MS = 5
TIMEOUT_MS = 180_000


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


def say(line: str) -> None:
    print(line, flush=True)


def report_shown() -> None:
    """The window's deferred set-up is queued right after show(), the same moment a bare
    window's first timer fires: report there, then run it."""
    from pingan_writer.gui.main_window import MainWindow

    finish_setup = MainWindow.finish_setup

    def shown_then_finish(self) -> None:
        say("SHOWN")
        finish_setup(self)
        say("READY")  # the workspace built too: editor, docks, panels, controllers

    MainWindow.finish_setup = shown_then_finish


def replace_start_up(step: Callable) -> None:
    from PySide6.QtWidgets import QApplication

    from pingan_writer.gui import app

    def start_up(window, _argv) -> None:
        try:
            step(window)
        except BaseException as exc:  # a broken step must not leave the benchmark waiting
            say(f"FAILED {exc!r}")
            QApplication.instance().exit(1)

    app.start_up = start_up


def quit_now(_window=None) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.instance().quit()


def memory(query: str) -> Callable:
    def step(window) -> None:
        from pingan_writer.library.search import search

        with window.open_library() as lib:
            search(lib, query)
        status = Path("/proc/self/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        say(f"RSS {fields['VmRSS'].strip()} PEAK {fields['VmHWM'].strip()}")
        quit_now()

    return step


class StallMeter:
    """A timer ticking every TICK_MS on the UI thread; the longest gap between two ticks is the
    longest time the UI could not respond. Each gap is credited to the steps running at either
    end of it."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.step = ""
        self.longest: dict[str, float] = {}
        self.durations: dict[str, float] = {}
        self._started = 0.0
        self._last = time.perf_counter()
        self._last_step = ""
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000
        for step in {self._last_step, self.step} - {""}:
            self.longest[step] = max(self.longest.get(step, 0.0), gap)
        self._last, self._last_step = now, self.step

    def begin(self, step: str) -> None:
        self._tick()
        self.step = step
        self._started = time.perf_counter()

    def end(self) -> None:
        self._tick()
        self.durations[self.step] = (time.perf_counter() - self._started) * 1000
        self.step = ""


def main_flow(export_dir: Path) -> Callable:
    """Import the sample source, search, check and export, each started as a user would and each
    waited for through what it changes on screen."""

    def step(window) -> None:
        from PySide6.QtCore import QTimer

        from pingan_writer.gui import app
        from pingan_writer.gui.dialogs import export_dialog, preflight

        actions = getattr(window, "action_map", None) or window.actions
        meter = StallMeter()
        window._bench_meter = meter  # keep it alive with the window
        results: dict = {}
        QTimer.singleShot(TIMEOUT_MS, lambda: (say("FAILED timeout at " + meter.step), quit_now()))

        def finish() -> None:
            results["longest_stall_ms"] = meter.longest
            results["step_ms"] = meter.durations
            say("STALLS " + json.dumps(results, ensure_ascii=False))
            quit_now()

        def export() -> None:
            meter.begin("export")
            window.settings.set_last_export_dir(str(export_dir))

            def done(_parent, path: Path) -> None:
                results["exported"] = str(path)
                meter.end()
                QTimer.singleShot(50, finish)

            export_dialog.ExportDialog.exec = lambda _self: 1  # 导出: the defaults, in export_dir
            export_dialog.show_export_done = done
            preflight.ask_preflight = lambda *_a, **_k: preflight.EXPORT_ANYWAY
            actions["export"].trigger()

        def checks() -> None:
            meter.begin("checks")
            panel = window.checks_panel
            set_findings = panel.set_findings

            def shown(findings, *args, **kwargs) -> None:
                set_findings(findings, *args, **kwargs)
                results["findings"] = len(findings)
                meter.end()
                QTimer.singleShot(50, export)

            panel.set_findings = shown
            actions["check"].trigger()

        def search() -> None:
            meter.begin("search")
            panel = window.search_panel
            set_results = panel.set_results

            def shown(hits, *args, **kwargs) -> None:
                set_results(hits, *args, **kwargs)
                if hits:
                    results["hits"] = len(hits)
                    panel.set_results = set_results
                    meter.end()
                    QTimer.singleShot(50, checks)

            panel.set_results = shown
            panel.set_query("平安建设")

        def imported() -> None:
            meter.end()
            QTimer.singleShot(50, search)

        window.preload_jieba()  # as the app's start-up does
        meter.begin("import")
        app.first_run(window, then=imported)

    return step


def refuse_unexpected_dialogs() -> None:
    """A modal dialog nobody clicks would hang the benchmark: say so and decline it."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def decline(self, *_args) -> int:
        say(f"UNEXPECTED-DIALOG {self.windowTitle()!r}")
        return 0

    QDialog.exec = decline
    QMessageBox.exec = decline


def main(argv: list[str]) -> int:

    if argv == ["shown"]:
        report_shown()
        replace_start_up(quit_now)
    elif argv[:1] == ["memory"] and len(argv) == 2:
        replace_start_up(memory(argv[1]))
    elif argv[:1] == ["stalls"] and len(argv) == 2:
        refuse_unexpected_dialogs()
        replace_start_up(main_flow(Path(argv[1])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    from pingan_writer.cli import main as cli_main

    return cli_main([])  # the installed command's own path to the window


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
