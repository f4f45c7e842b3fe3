"""Starting the app: on a fresh desktop a missing xcb library gets the exact command, not Qt's
bare plugin error, and no display at all gets a clear message; the first run imports the sample
source and opens the sample talk as a draft; a library from the old first run loses the talk."""

from __future__ import annotations

import ctypes.util
import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from pingan_writer.gui import app
from pingan_writer.sources import read_source

from ..conftest import TALK_SAMPLE


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


# --- first run: the sample talk is a draft, not a source ---------------------------------------


def make_window(library: Path, tmp_path: Path):
    from pingan_writer.draft.recovery import RecoveryStore
    from pingan_writer.gui.main_window import MainWindow

    w = MainWindow(library_path=str(library), store=RecoveryStore(tmp_path / "recovery"))
    w.show()
    return w


def close_window(w, qtbot) -> None:
    w.editor.document().setModified(False)  # no save prompt on the way out
    w.close()  # waits for its workers
    w.deleteLater()
    qtbot.wait(10)


def library_hashes(w) -> dict[str, str]:
    with w.open_library() as lib:
        return {lib.content_hash(s.id): s.title for s in lib.sources()}


@pytest.fixture
def talk_hash() -> str:
    """The sample talk's identity in a library, computed as import computes it."""
    return read_source(TALK_SAMPLE).content_hash


def test_first_run_imports_only_the_source_and_opens_the_talk_as_an_unsaved_draft(
    qtbot, tmp_path, monkeypatch, no_unexpected_modals, talk_hash
):
    w = make_window(tmp_path / "fresh.sqlite3", tmp_path)
    try:
        finished = []
        app.first_run(w, then=lambda: finished.append(True))
        qtbot.waitUntil(lambda: bool(finished), timeout=30_000)

        assert list(library_hashes(w).values()) == ["建设更高水平的平安中国"]
        assert talk_hash not in library_hashes(w)  # not in the library, search or related passages
        assert w.editor.toPlainText().startswith("按照会议安排，由我围绕《建设更高水平的平安中国》")
        assert not w.editor.document().isModified()
        assert w.settings.first_run_done()

        offered = []  # 另存为 asks where (the draft is saved nowhere yet) and offers the talk's title
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda _p, _c, default, *_a, **_k: (offered.append(default), "")
        )
        (getattr(w, "action_map", None) or w.actions)["save_as"].trigger()
        assert [Path(p).name for p in offered] == ["学习《建设更高水平的平安中国》体会.pingan"]
    finally:
        close_window(w, qtbot)


def test_first_run_with_another_programs_database_says_so_once_and_changes_nothing(
    qtbot, tmp_path, monkeypatch
):
    import sqlite3

    from pingan_writer.gui.dialogs import reports

    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("create table t(x)")
    before = foreign.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(reports, "show_error", lambda _p, title, text: shown.append(f"{title}|{text}"))
    w = make_window(foreign, tmp_path)
    try:
        finished = []
        app.first_run(w, then=lambda: finished.append(True))
        qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
        w.reuse.refresh()  # quotes are not looked up in a library that cannot be read
        w.runner.wait(10_000)
        assert len(shown) == 1 and shown[0].startswith("资料库|") and "其他程序" in shown[0]
        assert w.editor.toPlainText().startswith("按照会议安排")  # the sample talk still opens
        assert not w.settings.first_run_done()  # the next start tries again
        assert foreign.read_bytes() == before
    finally:
        close_window(w, qtbot)


def test_talk_title_comes_from_the_opening_line():
    opening = "按照会议安排，由我围绕《论党的建设》学习内容分享个人体会。\n一、主要内容"
    assert app.talk_title(opening) == "学习《论党的建设》体会"
    assert app.talk_title("同志们：\n今天我们学习《某文》。") == ""  # only the opening line says what it is


def test_a_library_from_the_old_first_run_loses_the_sample_talk_once(
    qtbot, tmp_path, sample_library_path, no_unexpected_modals, caplog, talk_hash
):
    from pingan_writer.library.importer import import_paths
    from pingan_writer.library.store import Library

    w = make_window(sample_library_path, tmp_path)
    try:
        assert talk_hash in library_hashes(w)  # what the old first run left behind
        w.settings.set_first_run_done()
        with caplog.at_level(logging.INFO, logger="pingan_writer.gui.app"):
            app.start_up(w, [])
        assert talk_hash not in library_hashes(w)
        assert list(library_hashes(w).values()) == ["建设更高水平的平安中国"]
        assert "示例发言稿" in caplog.text

        # Once: a user who later imports the talk on purpose keeps it.
        with Library.open(sample_library_path) as lib:
            import_paths(lib, [TALK_SAMPLE])
        assert app.remove_sample_talk_source(w) is False
        assert talk_hash in library_hashes(w)
    finally:
        close_window(w, qtbot)
