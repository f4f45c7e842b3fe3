"""排练结果: after a rehearsal in the prompter, each section's planned and actual time, and the
offer to take the measured pace as the speaker's own rate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pingan_writer.draft.rehearsal import Rehearsal
from pingan_writer.draft.rehearsal import format_seconds as clock


def signed(seconds: float) -> str:
    seconds = round(seconds)
    return f"+{clock(seconds)}" if seconds > 0 else (f"−{clock(-seconds)}" if seconds < 0 else "0:00")


class RehearsalDialog(QDialog):
    """`exec()` returns Accepted when the user takes the measured pace (`measured` holds it)."""

    def __init__(self, rehearsal: Rehearsal, current_rate: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RehearsalDialog")
        self.setWindowTitle(self.tr("排练结果"))
        self.measured = rehearsal.measured_rate()
        table = QTableWidget(len(rehearsal.sections), 4)
        table.setObjectName("rehearsalTable")
        table.setHorizontalHeaderLabels([self.tr("部分"), self.tr("计划"), self.tr("实际"), self.tr("差")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, run in enumerate(rehearsal.sections):
            cells = [f"{run.number}{run.title}", clock(run.planned_seconds), clock(run.actual_seconds)]
            cells.append(signed(run.difference))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        table.resizeColumnsToContents()
        summary = self.tr("计划 %s，实际 %s（%s）。") % (
            clock(rehearsal.planned_seconds),
            clock(rehearsal.actual_seconds),
            signed(rehearsal.actual_seconds - rehearsal.planned_seconds),
        )
        if self.measured is not None:
            summary += self.tr("本次实测语速约每分钟 %d 字（现按 %d 字估算）。") % (
                self.measured,
                current_rate,
            )
        else:
            summary += self.tr("读的时间太短，估不出语速。")
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.adopt_button: QPushButton | None = None
        if self.measured is not None and self.measured != current_rate:
            self.adopt_button = buttons.addButton(
                self.tr("今后按 %d 字/分钟估算") % self.measured, QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.adopt_button.setObjectName("adoptRateButton")
            self.adopt_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(520, 360)
