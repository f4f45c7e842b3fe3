"""The checks panel: what the draft checks found, each with its line and the words at fault.

Clicking a finding asks the main window to select its range in the editor; the panel never
runs the checks itself (`recheck_requested` asks for that)."""

from __future__ import annotations

import html
from bisect import bisect_right
from collections import Counter

from PySide6.QtCore import QModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pingan_writer.draft.findings import Finding
from pingan_writer.gui.panels._common import bold_title
from pingan_writer.gui.panels.rich_list import Index, RichListView, RichTextDelegate

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_COLORS = {"error": "#d93025", "warning": "#e8a200", "info": "#1a73e8"}
ICON_SIZE = 12
CONTEXT_CHARS = 12  # characters of the line shown either side of the words at fault
FOCUS_CHARS = 24  # longer spans are cut in the middle of the snippet
LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # "第 N 行"
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
START_ROLE = Qt.ItemDataRole.UserRole + 4
END_ROLE = Qt.ItemDataRole.UserRole + 5

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


class FindingDelegate(RichTextDelegate):
    """A row: the message (wrapped, in full), then a dim line with 第 N 行 and the words at fault."""

    def html(self, index: Index, palette: QPalette, selected: bool) -> str | None:
        message = index.data(Qt.ItemDataRole.DisplayRole)
        if message is None:
            return None
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        where = " ".join(p for p in (index.data(LINE_ROLE), index.data(SNIPPET_ROLE)) if p)
        return (
            f"<div>{_escape(message)}</div>"
            f'<div style="color:{palette.color(role).name()}; font-size:small; margin-top:2px;">'
            f"{_escape(where)}</div>"
        )

    def icon(self, index: Index) -> QIcon | None:
        return severity_icon(index.data(SEVERITY_ROLE) or "info")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


class ChecksPanel(QWidget):
    """A summary line, one row per finding, and a button to check again."""

    finding_activated = Signal(int, int)  # start, end in the draft text
    recheck_requested = Signal()
    show_panel = Signal()  # new findings the user asked for: bring the panel forward

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._checked = False
        self.summary = QLabel(self.tr("尚未检查"), self)
        self.summary.setWordWrap(True)
        bold_title(self.summary)
        self.recheck_button = QPushButton(self.tr("重新检查"), self)
        self.recheck_button.setToolTip(self.tr("按当前稿件重新检查编号、标点、规范表述和篇幅"))
        self.recheck_button.clicked.connect(self.recheck_requested)

        self.model = QStandardItemModel(self)
        self.view = RichListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(FindingDelegate(self.view, ICON_SIZE))
        self.view.setAlternatingRowColors(True)
        self.view.clicked.connect(self._on_activated)
        self.view.enter_pressed.connect(self._on_activated)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.recheck_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    # --- what the main window calls -------------------------------------------------------

    def set_findings(self, findings: list[Finding], text: str) -> None:
        """Show `findings` of the draft `text`, in reading order, most serious first on a tie."""
        self._findings = sorted(findings, key=lambda f: (f.start, SEVERITY_ORDER.get(f.severity, 2), f.end))
        self._checked = True
        self.recheck_button.setEnabled(True)
        self.summary.setText(self.summary_text(self._findings))
        starts = line_starts(text)
        names = self._severity_names()
        self.model.clear()
        for finding in self._findings:
            excerpt = snippet(text, finding.start, finding.end)
            item = QStandardItem(finding.message)
            item.setEditable(False)
            item.setDragEnabled(False)
            item.setData(self.tr("第 {line} 行").format(line=line_number(starts, finding.start)), LINE_ROLE)
            item.setData(excerpt, SNIPPET_ROLE)
            item.setData(finding.severity, SEVERITY_ROLE)
            item.setData(finding.start, START_ROLE)
            item.setData(finding.end, END_ROLE)
            severity = names.get(finding.severity, names["info"])
            item.setToolTip(f"<p>{_escape(f'{severity}：{finding.message}')}</p><p>{_escape(excerpt)}</p>")
            self.model.appendRow(item)
        self.view.set_message(self.tr("未发现问题") if not self._findings else "")
        self.view.refresh()

    def has_results(self) -> bool:
        """Whether findings (or "no problems") of some check are on show."""
        return self._checked

    def clear(self) -> None:
        """Forget the last check (another draft is open)."""
        self._findings = []
        self._checked = False
        self.model.clear()
        self.summary.setText(self.tr("尚未检查"))
        self.recheck_button.setEnabled(True)
        self.view.set_message("")
        self.view.refresh()

    def follow_edit(self, pos: int, removed: int, added: int) -> None:
        """The draft changed at `pos` (`removed` characters replaced by `added`): findings after
        the edit move with their text; those the edit touched are dropped until the next check,
        since their words may be gone."""
        delta, end = added - removed, pos + removed
        for row in reversed(range(self.model.rowCount())):
            item = self.model.item(row)
            start, stop = int(item.data(START_ROLE)), int(item.data(END_ROLE))
            if stop <= pos:
                continue  # wholly before the edit
            if start >= end:  # wholly after it
                item.setData(start + delta, START_ROLE)
                item.setData(stop + delta, END_ROLE)
                continue
            self.model.removeRow(row)
        if self.model.rowCount() != len(self._findings):
            self.summary.setText(self.tr("稿件已改动，正在等待重新检查…"))

    def set_busy(self, busy: bool) -> None:
        """While a check runs in the background: say so and don't offer to start another."""
        self.recheck_button.setEnabled(not busy)
        if busy:
            self.summary.setText(self.tr("正在检查…"))
        else:
            self.summary.setText(self.summary_text(self._findings))

    def findings(self) -> list[Finding]:
        """The findings shown, in row order."""
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

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.finding_activated.emit(int(index.data(START_ROLE)), int(index.data(END_ROLE)))
