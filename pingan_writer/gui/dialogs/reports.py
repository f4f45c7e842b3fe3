"""Small modal questions and reports: import results, crash recovery, save-before-close, errors.

Each one is a `build_*` function that returns the dialog without showing it, and a `show_*` or
`ask_*` function that runs it and turns the button pressed into a plain value. Tests drive the
`build_*` dialogs (or click the running modal with QTimer.singleShot) without blocking. The
strings of each dialog live in its `build_*` function, each under its own translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


# --- import report -----------------------------------------------------------------------------------


def import_report_summary(imported: list[tuple[str, str]], failures: list[tuple[str, str]]) -> str:
    """已导入 N 篇，M 篇已在资料库中，K 个文件未能导入 — counted by what really happened."""

    def t(text: str) -> str:
        return QCoreApplication.translate("ImportReport", text)

    added = t("已导入")
    counts: dict[str, int] = {}
    for _name, status in imported:
        counts[status or added] = counts.get(status or added, 0) + 1
    parts = [t("{status} {n} 篇").format(status=status, n=n) for status, n in counts.items()]
    if failures:
        parts.append(t("{n} 个文件未能导入").format(n=len(failures)))
    return "，".join(parts) + "。"


def build_import_report(
    parent: QWidget | None, imported: list[tuple[str, str]], failures: list[tuple[str, str]]
) -> QDialog | None:
    """The 导入结果 dialog, or None when there is nothing to report.

    `imported` holds (title, status) pairs, the status as the caller words it (已导入, 已更新,
    已存在; blank means 已导入); `failures` holds (file, reason) pairs, the reasons being the
    layers' Chinese messages. Failures come first: they are what the user has to act on."""
    if not imported and not failures:
        return None
    dialog = QDialog(parent)
    dialog.setObjectName("ImportReport")
    dialog.setWindowTitle(QCoreApplication.translate("ImportReport", "导入结果"))
    summary_label = QLabel(import_report_summary(imported, failures))
    summary_label.setObjectName("summaryLabel")

    tree = QTreeWidget()
    tree.setObjectName("reportTree")
    tree.setColumnCount(2)
    tree.setHeaderLabels(
        [
            QCoreApplication.translate("ImportReport", "原文或文件"),
            QCoreApplication.translate("ImportReport", "结果"),
        ]
    )
    tree.setWordWrap(True)
    tree.setRootIsDecorated(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    style = dialog.style()
    groups = (
        (
            failures,
            QCoreApplication.translate("ImportReport", "失败（{n}）"),
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            lambda detail: detail,
        ),
        (
            imported,
            QCoreApplication.translate("ImportReport", "已导入（{n}）"),
            style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            lambda status: status or QCoreApplication.translate("ImportReport", "已导入"),
        ),
    )
    for rows, heading, icon, describe in groups:
        if not rows:
            continue
        group = QTreeWidgetItem(tree, [heading.format(n=len(rows))])
        group.setIcon(0, icon)
        group.setFirstColumnSpanned(True)
        for name, detail in rows:
            item = QTreeWidgetItem(group, [name, describe(detail)])
            # Full text on hover: long paths and reasons are cut off in the columns.
            item.setToolTip(0, name)
            item.setToolTip(1, describe(detail))
        group.setExpanded(True)
    tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    tree.header().setStretchLastSection(True)
    tree.setColumnWidth(0, 260)

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(
        QCoreApplication.translate("ImportReport", "关闭")
    )
    buttons.rejected.connect(dialog.reject)

    layout = QVBoxLayout(dialog)
    layout.addWidget(summary_label)
    layout.addWidget(tree)
    layout.addWidget(buttons)
    dialog.resize(640, 360)
    return dialog


def show_import_report(
    parent: QWidget | None, imported: list[tuple[str, str]], failures: list[tuple[str, str]]
) -> None:
    """Show what was imported and what failed and why; nothing at all when both lists are empty."""
    dialog = build_import_report(parent, imported, failures)
    if dialog is not None:
        dialog.exec()


# --- crash recovery ----------------------------------------------------------------------------------


class RecoveryDialog(QDialog):
    """Lists recoverable drafts; `choice()` is the selected row after 恢复, None after 放弃.

    Only the two buttons end it: Esc and the window's close button do nothing, because the
    caller deletes the recovery copies on None and a stray Esc must not throw work away."""

    def __init__(self, entries: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryDialog")
        self.setWindowTitle(QCoreApplication.translate("RecoveryDialog", "发现未保存的稿件"))
        intro = QLabel(
            QCoreApplication.translate(
                "RecoveryDialog",
                "上次程序没有正常关闭，以下稿件有未保存的内容。选择一篇恢复；放弃则删除这些内容，无法找回。",
            )
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("recoveryTree")
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("RecoveryDialog", "稿件"),
                QCoreApplication.translate("RecoveryDialog", "保存时间"),
                QCoreApplication.translate("RecoveryDialog", "内容开头"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        for label, saved_at, preview in entries:
            item = QTreeWidgetItem(self.tree, [label, saved_at, preview])
            item.setToolTip(2, preview)
        self.tree.setColumnWidth(0, 160)
        self.tree.setColumnWidth(1, 150)
        if entries:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

        self.buttons = QDialogButtonBox()
        self.restore_button: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("RecoveryDialog", "恢复"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)
        self.discard_button: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("RecoveryDialog", "放弃"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.discard_button.setObjectName("discardButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.discard)
        self.tree.itemDoubleClicked.connect(lambda *_: self.accept())
        self.tree.currentItemChanged.connect(self._update_restore)
        self._update_restore()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(self.buttons)
        self.resize(640, 320)

    def discard(self) -> None:
        """放弃: the one way to end the dialog without a choice."""
        super().reject()

    def reject(self) -> None:
        # Esc and the close button land here; see the class docstring.
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def choice(self) -> int | None:
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        item = self.tree.currentItem()
        return self.tree.indexOfTopLevelItem(item) if item is not None else None

    def _update_restore(self) -> None:
        self.restore_button.setEnabled(self.tree.currentItem() is not None)


def build_recovery(parent: QWidget | None, entries: list[tuple[str, str, str]]) -> RecoveryDialog:
    """`entries` are (label such as the title or 未命名稿件, saved-at time, first ~80 characters)."""
    return RecoveryDialog(entries, parent)


def ask_recovery(parent: QWidget | None, entries: list[tuple[str, str, str]]) -> int | None:
    """The index of the draft to recover, or None when the user chose 放弃."""
    dialog = build_recovery(parent, entries)
    dialog.exec()
    return dialog.choice()


# --- save before closing -----------------------------------------------------------------------------


def build_save_changes(parent: QWidget | None, name: str, before: str = "关闭") -> QMessageBox:
    """`before` names what is about to happen: 关闭, 新建, 打开其他稿件 …"""
    box = QMessageBox(parent)
    box.setObjectName("SaveChangesBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("SaveChanges", "保存修改"))
    box.setText(
        QCoreApplication.translate("SaveChanges", "“{name}”有未保存的修改，{before}前要保存吗？").format(
            name=name, before=before
        )
    )
    box.setInformativeText(QCoreApplication.translate("SaveChanges", "如果不保存，修改将会丢失。"))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Save).setText(QCoreApplication.translate("SaveChanges", "保存"))
    box.button(QMessageBox.StandardButton.Discard).setText(
        QCoreApplication.translate("SaveChanges", "不保存")
    )
    box.button(QMessageBox.StandardButton.Cancel).setText(QCoreApplication.translate("SaveChanges", "取消"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def save_changes_answer(box: QMessageBox) -> str:
    """ "save", "discard" or "cancel" for the button pressed (closing the box counts as cancel)."""
    clicked = box.clickedButton()
    if clicked is None:
        return CANCEL
    which = box.standardButton(clicked)
    if which == QMessageBox.StandardButton.Save:
        return SAVE
    if which == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def ask_save_changes(parent: QWidget | None, name: str, before: str = "关闭") -> str:
    """The standard 保存修改 question for the draft called `name`: "save" | "discard" | "cancel"."""
    box = build_save_changes(parent, name, before)
    box.exec()
    return save_changes_answer(box)


# --- errors ------------------------------------------------------------------------------------------


def build_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """`message` should name the file and the problem; the layers' PinganError text already does."""
    box = QMessageBox(parent)
    box.setObjectName("ErrorBox")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(message)
    # Selectable so a user can copy the message into a request for help.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("ErrorMessage", "确定"))
    return box


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    build_error(parent, title, message).exec()
