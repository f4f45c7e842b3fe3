"""帮助: a short guide to writing a talk with the app, and the shortcut list, made from the
window's own actions so it always matches what the keys do."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(action text, shortcut) for every action that has a shortcut, in menu order."""
    rows = []
    for action in actions.values():
        keys = action.shortcut()
        if not keys.isEmpty():
            rows.append(
                (action.text().replace("&", ""), keys.toString(QKeySequence.SequenceFormat.NativeText))
            )
    return rows


def _dialog(parent: QWidget | None, title: str, body: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    browser = QTextBrowser(dialog)
    browser.setHtml(body)
    browser.setOpenExternalLinks(False)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(_tr("关闭"))
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(640, 520)
    return dialog


def guide_html() -> str:
    """The guide's text (resources/help/guide.html), in the resources so it reads as a document."""
    import importlib.resources

    return importlib.resources.files("pingan_writer.resources").joinpath("help/guide.html").read_text("utf-8")


def build_guide(parent: QWidget | None) -> QDialog:
    return _dialog(parent, _tr("使用说明"), guide_html())


def build_shortcuts(parent: QWidget | None, actions: dict[str, QAction]) -> QDialog:
    rows = "".join(
        f"<tr><td>{html.escape(text)}</td><td style='padding-left:24px'><b>{html.escape(keys)}</b></td></tr>"
        for text, keys in shortcut_rows(actions)
    )
    extra = _tr("<p>在稿件中双击【…】提示可选中整条提示；在提纲和搜索结果中双击即可引用。</p>")
    return _dialog(parent, _tr("快捷键一览"), f"<table>{rows}</table>{extra}")
