"""Starting the app on a fresh desktop: a missing xcb library gets the exact command, not Qt's
bare plugin error; no display at all gets a clear message."""

from __future__ import annotations

import ctypes.util

from pingan_writer.gui import app


def test_missing_xcb_libraries_name_the_apt_command(monkeypatch):
    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    present = {"xkbcommon-x11", "xcb-icccm"}
    monkeypatch.setattr(ctypes.util, "find_library", lambda n: f"lib{n}.so" if n in present else None)
    message = app.display_problem()
    assert message is not None
    assert "sudo apt-get install -y libxcb-cursor0" in message
    assert "libxkbcommon-x11-0" not in message  # only what is missing


def test_no_display(monkeypatch):
    monkeypatch.setattr(app.sys, "platform", "linux")
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    assert "DISPLAY" in app.display_problem()


def test_nothing_to_say_when_everything_is_there(monkeypatch):
    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"lib{name}.so")
    assert app.display_problem() is None


def test_run_stops_with_the_message_instead_of_starting_qt(monkeypatch, capsys):
    monkeypatch.setattr(app, "display_problem", lambda: "缺少 Qt 图形界面所需的系统库。")
    assert app.run([]) == 1
    assert "缺少 Qt 图形界面所需的系统库" in capsys.readouterr().err


def test_the_bundled_samples_are_found():
    source, talk = app.sample_paths()
    assert source.name == "建设更高水平的平安中国.txt" and source.exists()
    assert talk.exists() and "学习体会" in talk.read_text(encoding="utf-8")
