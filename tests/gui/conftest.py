"""GUI test setup: offscreen Qt, and every path the app writes pointed at a temporary folder."""

from __future__ import annotations

import gc
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings, the library and the app's data folder live in tmp_path for every GUI test."""
    from PySide6.QtCore import QCoreApplication, QSettings

    monkeypatch.setenv("PINGAN_WRITER_LIBRARY", str(tmp_path / "library.sqlite3"))
    monkeypatch.setenv("PINGAN_WRITER_DATA", str(tmp_path / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("pingan-writer-tests")
    QCoreApplication.setApplicationName("pingan-writer-tests")
    yield


@pytest.fixture
def no_unexpected_modals(monkeypatch):
    """A modal dialog nobody clicks would hang the suite: fail with its text instead. Tests that
    expect a dialog replace the function that shows it."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *args, **kwargs):
        text = self.text() if isinstance(self, QMessageBox) else ""
        raise AssertionError(f"unexpected modal dialog: {self.windowTitle()!r} {text!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: refuse(QMessageBox(), *a))


@pytest.fixture
def sample_library_path(tmp_path):
    """A library holding the two bundled samples (imported through the layers, not the GUI)."""
    from pingan_writer.library.importer import import_paths
    from pingan_writer.library.store import Library

    from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE

    path = tmp_path / "library.sqlite3"
    with Library.open(path) as lib:
        import_paths(lib, [SOURCE_SAMPLE, TALK_SAMPLE])
    return path


@pytest.fixture
def window(qtbot, sample_library_path, tmp_path, no_unexpected_modals):
    """The real main window on the sample library; waits for its workers when the test ends."""
    from pingan_writer.draft.recovery import RecoveryStore
    from pingan_writer.gui.main_window import MainWindow

    w = MainWindow(library_path=str(sample_library_path), store=RecoveryStore(tmp_path / "recovery"))
    # Not qtbot.addWidget: pytest-qt would close it before this fixture can clear "modified".
    w.resize(1400, 860)
    w.show()
    yield w
    w.runner.wait(10_000)
    w.editor.document().setModified(False)  # no save prompt on the way out
    w.close()
    w.deleteLater()
    qtbot.wait(10)
    gc.collect()  # collect the window's Python side now, not in the interpreter's finalisation
