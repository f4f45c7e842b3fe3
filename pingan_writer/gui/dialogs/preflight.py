"""The pre-export check: before a talk is printed, list what must not reach paper (unfilled
【…】 prompts, quotes that no longer match their source, numbering errors) and let the user go
back to fix them or export anyway."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from pingan_writer.draft.findings import Finding
from pingan_writer.gui.panels.checks import line_number, line_starts, snippet

MAX_LISTED = 30
EXPORT_ANYWAY, GO_BACK = "export", "back"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Preflight", text)


def build_preflight(parent: QWidget | None, findings: list[Finding], text: str, summary: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("PreflightBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("导出前检查"))
    box.setText(_tr("稿件中还有 {summary}，打印前应当改正。").format(summary=summary))
    box.setInformativeText(_tr("点“返回修改”在检查面板中逐条查看；也可以仍然导出。"))
    starts = line_starts(text)
    lines = [
        _tr("第 {line} 行：{message}  {where}").format(
            line=line_number(starts, f.start), message=f.message, where=snippet(text, f.start, f.end)
        )
        for f in findings[:MAX_LISTED]
    ]
    if len(findings) > MAX_LISTED:
        lines.append(_tr("……另有 {n} 处").format(n=len(findings) - MAX_LISTED))
    box.setDetailedText("\n".join(lines))
    back = box.addButton(_tr("返回修改"), QMessageBox.ButtonRole.RejectRole)
    back.setObjectName("goBackButton")
    anyway = box.addButton(_tr("仍然导出"), QMessageBox.ButtonRole.AcceptRole)
    anyway.setObjectName("exportAnywayButton")
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    return box


def preflight_answer(box: QMessageBox) -> str:
    clicked = box.clickedButton()
    return EXPORT_ANYWAY if clicked is not None and clicked.objectName() == "exportAnywayButton" else GO_BACK


def ask_preflight(parent: QWidget | None, findings: list[Finding], text: str, summary: str) -> str:
    box = build_preflight(parent, findings, text, summary)
    box.exec()
    return preflight_answer(box)
