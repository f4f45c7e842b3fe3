"""提词器 frame benchmark: a 100,000-character draft scrolling at the speaker's rate in a
1600×1000 window, on the real 16 ms timer, for a few seconds. Prints how regularly frames come
(the interval between ticks), how long each tick and each paint takes on the UI thread, and the
time to lay the draft out.

    .venv/bin/python -m benchmarks.prompter_bench [--seconds 5] [--chars 100000]

Runs on the display in DISPLAY (an X server such as Xvfb) when there is one, else offscreen.
Timings are printed, never asserted."""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import time


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--chars", type=int, default=100_000)
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks import corpus
    from pingan_writer.gui.prompter import PrompterWindow

    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    text = corpus.document_text(args.chars, seed=7)
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "pingan-bench", "prompter")
    t0 = time.perf_counter()
    window = PrompterWindow(text, 180, 10, settings)
    window.resize(1600, 1000)
    window.show()
    layout_s = time.perf_counter() - t0

    ticks: list[float] = []
    tick_costs: list[float] = []
    paint_costs: list[float] = []
    tick, paint = window.tick, window.paintEvent

    def timed_tick() -> None:
        start = time.perf_counter()
        ticks.append(start)
        tick()
        tick_costs.append(time.perf_counter() - start)

    def timed_paint(event) -> None:
        start = time.perf_counter()
        paint(event)
        paint_costs.append(time.perf_counter() - start)

    window._timer.timeout.disconnect()
    window._timer.timeout.connect(timed_tick)
    window.paintEvent = timed_paint
    window.toggle_running()
    loop = QEventLoop()
    QTimer.singleShot(int(args.seconds * 1000), loop.quit)
    loop.exec()
    window.toggle_running()
    window.close()

    intervals = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    ms = [c * 1000 for c in tick_costs]
    pms = [c * 1000 for c in paint_costs]
    platform = QApplication.platformName()
    print(f"提词器, {args.chars:,} characters, {platform}, {args.seconds:g} s at 180 字/分钟")
    print(f"  layout (once, on open): {layout_s * 1000:.0f} ms")
    print(
        f"  frame interval: median {statistics.median(intervals):.1f} ms, p95 "
        f"{percentile(intervals, 0.95):.1f} ms, max {max(intervals):.1f} ms "
        f"({len(intervals)} frames; 16 ms = 60 Hz)"
    )
    print(
        f"  tick on the UI thread: median {statistics.median(ms):.3f} ms, max {max(ms):.2f} ms; "
        f"paint: median {statistics.median(pms):.2f} ms, max {max(pms):.2f} ms ({len(pms)} paints)"
    )


if __name__ == "__main__":
    main()
