"""An outline of the draft itself, for moving around a long talk: click a heading to go there."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from pingan_writer.text.labels import distinct_titles
from pingan_writer.text.outline import HEADING, POINT, OutlineNode, parse_outline


class DraftOutline(QTreeWidget):
    jump_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self._text = ""
        self._timer = QTimer(self, singleShot=True, interval=400)  # parse after typing pauses
        self._timer.timeout.connect(self._rebuild)
        self.itemClicked.connect(lambda item, _col: self.jump_requested.emit(item.data(0, 256)))

    def schedule(self, text: str) -> None:
        self._text = text
        self._timer.start()

    def rebuild_now(self, text: str) -> None:
        self._text = text
        self._rebuild()

    def _rebuild(self) -> None:
        self.clear()
        outline = parse_outline(self._text)
        self._add(self.invisibleRootItem(), outline.nodes)
        self.expandAll()

    def _add(self, parent: QTreeWidgetItem, nodes: list[OutlineNode]) -> None:
        shown = [n for n in nodes if n.kind != POINT]
        for node, title in zip(shown, distinct_titles([n.title for n in shown]), strict=True):
            item = QTreeWidgetItem(parent, [f"{node.number}{title}"])
            item.setToolTip(0, f"{node.number}{node.title}")
            item.setData(0, 256, node.start)
            if node.kind == HEADING:
                self._add(item, node.children)
