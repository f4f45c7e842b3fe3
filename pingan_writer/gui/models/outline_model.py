"""The source outline as a Qt item model: one row per node, its title and how much of it the
draft quotes.

The rows are QStandardItems, so Qt paints and lays out the tree from data held in C++ without
calling into Python. A Python model's data() runs once per row, column and role on every paint;
each call needs the GIL, and with a worker busy (jieba, an import, reuse detection) the window
measured 0.3–0.7 s per paint of a long outline.

At most MAX_SHOWN nodes are shown, then a row saying how many more there are: a real source has
a few hundred, and an outline of tens of thousands (a file that is nothing but headings) took
seconds to build and to clear on the UI thread, for a panel no one could read anyway."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from pingan_writer.text.labels import distinct_titles
from pingan_writer.text.outline import HEADING, POINT, Outline, OutlineNode

NodeRole = Qt.ItemDataRole.UserRole + 1  # the node's number in this model's list (an int)
# A number ending in one of these runs into its title (一、总体要求); any other (附件1, 第一章)
# gets a space, so 附件1 and its title 2024年度… do not read as 附件12024年度….
_ENDS_MARKER = "、，,：:.．)）]】 \u3000"
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
MAX_SHOWN = 2000


class OutlineModel(QStandardItemModel):
    HEADERS = ("提纲", "已引用")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._nodes: list[OutlineNode] = []
        self._shares: list[QStandardItem] = []  # column 1 of each node, in the order of _nodes
        self.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])

    def set_outline(self, outline: Outline | None, text_length: int = 0) -> None:
        """Rows for the outline's nodes. A text of `text_length` characters in which no heading
        was found gets one row for the whole of it, so it can still be read and quoted."""
        self.beginResetModel()
        self.blockSignals(True)  # one reset, not a signal per row
        # Rows only (clear() would drop the columns, and the view's column sizes with them).
        self.removeRows(0, self.rowCount())
        self._nodes, self._shares = [], []
        nodes = outline.nodes if outline is not None else []
        if outline is not None and not nodes and text_length:
            nodes = [OutlineNode(HEADING, 1, "", self.tr("全文（未识别到标题层级）"), 0, text_length)]
        total = self._build(self.invisibleRootItem(), nodes)
        if total > len(self._nodes):
            note = self.tr("…… 提纲过长，只显示前 %d 项（共 %d 项）") % (len(self._nodes), total)
            more = QStandardItem(note)
            more.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.invisibleRootItem().appendRow([more, QStandardItem("")])
        self.blockSignals(False)
        self.endResetModel()

    @property
    def nodes_shown(self) -> int:
        return len(self._nodes)

    def _build(self, root: QStandardItem, nodes: list[OutlineNode]) -> int:
        """Rows for the first MAX_SHOWN nodes in tree order; returns how many nodes there are."""
        # Depth first in document order with an explicit stack rather than recursion, so no
        # outline can exceed Python's recursion limit; rows and _nodes come out as before.
        stack: list[tuple[QStandardItem, OutlineNode, str]] = []
        total = 0

        def push(parent: QStandardItem, siblings: list[OutlineNode]) -> None:
            titles = distinct_titles([n.title for n in siblings])  # siblings told apart at a glance
            stack.extend(reversed([(parent, n, t) for n, t in zip(siblings, titles, strict=True)]))

        push(root, nodes)
        while stack:
            parent, node, title = stack.pop()
            total += 1
            if len(self._nodes) >= MAX_SHOWN:  # count the rest without building them
                stack.extend((parent, child, "") for child in node.children)
                continue
            bullet = "· " if node.kind == POINT else ""
            gap = " " if node.number and title and node.number[-1] not in _ENDS_MARKER else ""
            label = QStandardItem(f"{bullet}{node.number}{gap}{title}")
            label.setData(len(self._nodes), NodeRole)
            label.setToolTip(self._tooltip(node, 0.0))
            label.setFlags(_FLAGS)
            share = QStandardItem("")
            share.setFlags(_FLAGS)
            self._nodes.append(node)
            self._shares.append(share)
            parent.appendRow([label, share])
            push(label, node.children)
        return total

    def _tooltip(self, node: OutlineNode, share: float) -> str:
        return f"{node.number}{node.title}\n{self.tr('已引用')} {share * 100:.0f}%"

    def set_coverage(self, shares: dict[int, float]) -> None:
        """Share of each node quoted, keyed by id(node) of this model's outline's nodes."""
        for node, item in zip(self._nodes, self._shares, strict=True):
            share = shares.get(id(node), 0.0)
            text = f"{share * 100:.0f}%" if share > 0 else ""
            if item.text() != text:
                item.setText(text)
                label = self.itemFromIndex(item.index().siblingAtColumn(0))
                label.setToolTip(self._tooltip(node, share))

    def node_at(self, index: QModelIndex) -> OutlineNode | None:
        if not index.isValid():
            return None
        number = index.siblingAtColumn(0).data(NodeRole)
        return self._nodes[number] if isinstance(number, int) and number < len(self._nodes) else None
