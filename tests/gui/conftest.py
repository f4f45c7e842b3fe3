"""GUI test setup: offscreen Qt, and every path the app writes pointed at a temporary folder."""

from __future__ import annotations

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
