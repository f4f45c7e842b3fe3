"""Qt's own words in Chinese whatever LANG is (the suite runs with LANG=C.UTF-8): file dialogs,
the standard context menu, message box buttons and dates. Installing Chinese on the session's
QApplication is what the app does at start, so it is left installed for the tests that follow."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox

from pingan_writer.gui.i18n import SUPPLEMENT_QM, SUPPLEMENT_TS, install_chinese


def test_install_reports_what_it_loaded_and_is_idempotent(qapp):
    assert install_chinese(qapp) == ["qtbase_zh_CN.qm"]
    assert install_chinese(qapp) == ["qtbase_zh_CN.qm"]  # nothing loaded twice
    assert QLocale().language() == QLocale.Language.Chinese


def test_file_dialog_words_are_chinese(qapp):
    install_chinese(qapp)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："  # Qt 6's label
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："


def test_a_real_file_dialog_says_cancel_in_chinese(qapp, tmp_path):
    install_chinese(qapp)
    dialog = QFileDialog(None, "打开稿件", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own widgets, as offscreen shows
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        buttons = dialog.findChild(QDialogButtonBox)
        seen["cancel"] = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
        seen["look_in"] = dialog.findChild(QLabel, "lookInLabel").text()
        seen["file_name"] = dialog.findChild(QLabel, "fileNameLabel").text()
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    QTimer.singleShot(10_000, dialog.reject)  # never hang the suite
    dialog.exec()
    assert seen == {"cancel": "取消", "look_in": "查找范围(&L)：", "file_name": "文件名称(&N)："}


def test_standard_context_menu_is_chinese(qapp, qtbot):
    install_chinese(qapp)
    edit = QLineEdit("文字")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    menu.deleteLater()
    for chinese in ("撤消", "剪切", "复制", "粘贴"):
        assert any(t.startswith(chinese) for t in texts), texts
    assert not any("Undo" in t or "Paste" in t for t in texts)


def test_message_box_ok_button_is_chinese(qapp, qtbot):
    install_chinese(qapp)
    box = QMessageBox(QMessageBox.Icon.Information, "关于平安写作", "平安写作", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"


def test_words_qt_has_no_translation_for_fall_through_untouched(qapp):
    install_chinese(qapp)
    assert QCoreApplication.translate("NoSuchContext", "Untranslated") == "Untranslated"  # not ""


def test_dates_are_written_the_chinese_way(qapp):
    install_chinese(qapp)
    long_date = QLocale().toString(QDate(2026, 11, 30), QLocale.FormatType.LongFormat)
    assert long_date.startswith("2026年11月30日")


def test_the_embedded_supplement_is_its_source_compiled(tmp_path):
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    (tmp_path / "supplement.ts").write_text(SUPPLEMENT_TS, encoding="utf-8")
    subprocess.run([lrelease, "-silent", "supplement.ts", "-qm", "supplement.qm"], cwd=tmp_path, check=True)
    assert (tmp_path / "supplement.qm").read_bytes() == SUPPLEMENT_QM
