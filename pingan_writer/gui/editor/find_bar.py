"""Find and replace in the draft: a bar under the editor (Ctrl+F / Ctrl+H, Esc closes)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from pingan_writer.gui.editor.draft_editor import DraftEditor


class FindBar(QWidget):
    def __init__(self, editor: DraftEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.find_edit = QLineEdit(placeholderText=self.tr("查找"))
        self.replace_edit = QLineEdit(placeholderText=self.tr("替换为"))
        self.status = QLabel()
        prev_button = QPushButton(self.tr("上一个"))
        next_button = QPushButton(self.tr("下一个"))
        replace_button = QPushButton(self.tr("替换"))
        all_button = QPushButton(self.tr("全部替换"))
        close_button = QPushButton(self.tr("关闭"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for w in (
            self.find_edit,
            prev_button,
            next_button,
            self.replace_edit,
            replace_button,
            all_button,
            self.status,
            close_button,
        ):
            layout.addWidget(w)
        self.find_edit.returnPressed.connect(self.find_next)
        next_button.clicked.connect(self.find_next)
        prev_button.clicked.connect(self.find_previous)
        replace_button.clicked.connect(self.replace_one)
        all_button.clicked.connect(self.replace_all)
        close_button.clicked.connect(self.hide)
        QShortcut(QKeySequence.StandardKey.Cancel, self, activated=self.hide)
        self.hide()

    def open(self, replace: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.replace_edit.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        if self.editor.find(needle, flags):
            self.status.setText("")
            return True
        cursor = self.editor.textCursor()  # wrap around once
        cursor.movePosition(cursor.MoveOperation.End if flags else cursor.MoveOperation.Start)
        self.editor.setTextCursor(cursor)
        found = self.editor.find(needle, flags)
        self.status.setText("" if found else self.tr("未找到"))
        return found

    def replace_one(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection() and cursor.selectedText() == self.find_edit.text():
            cursor.insertText(self.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        if not needle:
            return 0
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()  # one undo step for all of them
        cursor.movePosition(cursor.MoveOperation.Start)
        self.editor.setTextCursor(cursor)
        count = 0
        while self.editor.find(needle):
            self.editor.textCursor().insertText(replacement)
            count += 1
        cursor.endEditBlock()
        self.status.setText(self.tr("已替换 %n 处", "", count))
        return count
