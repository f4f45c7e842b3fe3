"""Nothing typed is lost: the real app in a subprocess (driven by tests/gui/driver.py), text
typed, the process killed with SIGKILL after its autosave, the app started again: the text is
offered back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TYPED = "这是被强行终止前输入的文字"
DRIVER = Path(__file__).with_name("driver.py")


def start_app(tmp_path: Path, *driver_args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PINGAN_WRITER_LIBRARY": str(tmp_path / "library.sqlite3"),
        "PINGAN_WRITER_DATA": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # QSettings' native location on Linux
        "HOME": str(tmp_path / "home"),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # the log file
    }
    return subprocess.Popen([sys.executable, str(DRIVER), *driver_args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def read_until(proc: subprocess.Popen, marker: str, timeout: float) -> str:
    """Lines from the app until one starts with `marker` (or the time runs out)."""
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        if not sel.select(timeout=0.5):
            if proc.poll() is not None:
                break
            continue
        line = proc.stdout.readline()
        if not line:
            break
        if "propagateSizeHints" not in line:  # the offscreen plugin's chatter
            seen.append(line)
        if line.startswith(marker):
            return line
    raise AssertionError(f"{marker!r} not seen in {timeout} s; the app printed: {''.join(seen)[-2000:]}")


@pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL semantics of this test are Linux's")
def test_text_typed_before_a_kill_is_offered_at_the_next_start(tmp_path):
    first = start_app(tmp_path, "type", TYPED)
    try:
        read_until(first, "AUTOSAVED", timeout=60)  # the idle autosave, a few seconds after typing
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    recovery_files = list((tmp_path / "data" / "recovery").glob("*.recovery.json"))
    assert len(recovery_files) == 1  # nothing cleaned up: the process never got to close

    second = start_app(tmp_path, "recover")
    try:
        assert read_until(second, "OFFERED:", timeout=60).strip() == "OFFERED:1"
        line = read_until(second, "RECOVERED:", timeout=60)
    finally:
        second.kill()
        second.wait(10)
    assert TYPED in line
    assert "学习体会" in line  # the sample talk the first run opened, with the typed text added
