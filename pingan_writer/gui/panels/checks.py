"""The checks panel: what the draft checks found, each with its line and the words at fault.

Clicking a finding asks the main window to select its range in the editor; the panel never
runs the checks itself (`recheck_requested` asks for that)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pingan_writer.draft.findings import Finding
from pingan_writer.gui.panels._common import bold_title, is_activation_key

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_COLORS = {"error": "#d93025", "warning": "#e8a200", "info": "#1a73e8"}
ICON_SIZE = 12
CONTEXT_CHARS = 12  # characters of the line shown either side of the words at fault
FOCUS_CHARS = 24  # longer spans are cut in the middle of the snippet
RANGE_ROLE = Qt.ItemDataRole.UserRole + 1

_icons: dict[str, QIcon] = {}


def severity_icon(severity: str) -> QIcon:
    """A filled circle in the severity's colour, drawn once (no icon files to ship or theme)."""
    severity = severity if severity in SEVERITY_COLORS else "info"
    icon = _icons.get(severity)
    if icon is None:
        icon = QIcon()
        for scale in (1, 2):  # a crisp circle on high-DPI screens too
            side = ICON_SIZE * scale
            pixmap = QPixmap(side, side)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            color = QColor(SEVERITY_COLORS[severity])
            painter.setPen(color.darker(130))
            painter.setBrush(color)
            margin = 1.5 * scale
            painter.drawEllipse(QRectF(margin, margin, side - 2 * margin, side - 2 * margin))
            painter.end()
            icon.addPixmap(pixmap)
        _icons[severity] = icon
    return icon


def line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def line_number(starts: list[int], offset: int) -> int:
    """1-based line of `offset`, given `line_starts(text)`."""
    return bisect_right(starts, max(0, offset))


def snippet(text: str, start: int, end: int) -> str:
    """The words at fault in 「」 with a little of their line either side, on one line."""
    start = min(max(0, start), len(text))
    end = min(max(start, end), len(text))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    focus = text[start:end].replace("\n", " ")
    if len(focus) > FOCUS_CHARS:
        half = FOCUS_CHARS // 2
        focus = focus[:half] + "…" + focus[-half:]
    lo = max(line_start, start - CONTEXT_CHARS)
    hi = min(line_end, end + CONTEXT_CHARS)
    before = text[lo:start].lstrip("　 \t")
    after = text[end:hi].rstrip()
    marked = f"「{focus}」" if focus else ""
    return ("…" if lo > line_start else "") + before + marked + after + ("…" if hi < line_end else "")


class _FindingTree(QTreeWidget):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if is_activation_key(event) and item is not None:
            self.itemClicked.emit(item, 0)
            event.accept()
            return
        super().keyPressEvent(event)


class ChecksPanel(QWidget):
    """A summary line, one row per finding, and a button to check again."""

    finding_activated = Signal(int, int)  # start, end in the draft text
    recheck_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self.summary = QLabel(self.tr("尚未检查"), self)
        self.summary.setWordWrap(True)
        bold_title(self.summary)
        self.recheck_button = QPushButton(self.tr("重新检查"), self)
        self.recheck_button.setToolTip(self.tr("按当前稿件重新检查编号、标点、规范表述和篇幅"))
        self.recheck_button.clicked.connect(self.recheck_requested)

        self.tree = _FindingTree(self)
        self.tree.setHeaderLabels([self.tr("问题"), self.tr("位置"), self.tr("原文")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(0, 260)
        self.tree.itemClicked.connect(self._on_item_clicked)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.recheck_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)

    # --- what the main window calls -------------------------------------------------------

    def set_findings(self, findings: list[Finding], text: str) -> None:
        """Show `findings` of the draft `text`, in reading order, most serious first on a tie."""
        self._findings = sorted(findings, key=lambda f: (f.start, SEVERITY_ORDER.get(f.severity, 2), f.end))
        self.recheck_button.setEnabled(True)
        self.summary.setText(self.summary_text(self._findings))
        starts = line_starts(text)
        names = self._severity_names()
        self.tree.clear()
        items = []
        for finding in self._findings:
            line = line_number(starts, finding.start)
            excerpt = snippet(text, finding.start, finding.end)
            item = QTreeWidgetItem([finding.message, self.tr("第 {line} 行").format(line=line), excerpt])
            item.setIcon(0, severity_icon(finding.severity))
            item.setData(0, RANGE_ROLE, (finding.start, finding.end))
            tip = f"{names.get(finding.severity, names['info'])}：{finding.message}"
            item.setToolTip(0, tip)
            item.setToolTip(2, excerpt)
            items.append(item)
        self.tree.addTopLevelItems(items)

    def set_busy(self, busy: bool) -> None:
        """While a check runs in the background: say so and don't offer to start another."""
        self.recheck_button.setEnabled(not busy)
        if busy:
            self.summary.setText(self.tr("正在检查…"))
        else:
            self.summary.setText(self.summary_text(self._findings))

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def summary_text(self, findings: list[Finding]) -> str:
        if not findings:
            return self.tr("未发现问题")
        counts = Counter(f.severity if f.severity in SEVERITY_ORDER else "info" for f in findings)
        return self.tr("共 {total} 项：错误 {errors}，警告 {warnings}，提示 {infos}").format(
            total=len(findings), errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
        )

    def _severity_names(self) -> dict[str, str]:
        return {"error": self.tr("错误"), "warning": self.tr("警告"), "info": self.tr("提示")}

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        span = item.data(0, RANGE_ROLE)
        if span is not None:
            start, end = span
            self.finding_activated.emit(int(start), int(end))
