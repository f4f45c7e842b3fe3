"""The source outline as a Qt item model: one row per node, its title and how much of it the
draft quotes."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from pingan_writer.text.labels import distinct_titles
from pingan_writer.text.outline import POINT, Outline, OutlineNode

NodeRole = Qt.ItemDataRole.UserRole + 1
_NO_INDEX = QModelIndex()  # Qt's "no parent"; a module constant keeps defaults immutable


class _Item:
    __slots__ = ("children", "label", "node", "parent", "row")

    def __init__(self, node: OutlineNode | None, parent: _Item | None, row: int, label: str = "") -> None:
        self.node, self.parent, self.row, self.label = node, parent, row, label
        self.children: list[_Item] = []


class OutlineModel(QAbstractItemModel):
    HEADERS = ("提纲", "已引用")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Item(None, None, 0)
        self._coverage: dict[int, float] = {}  # id(node) → share quoted

    def set_outline(self, outline: Outline | None) -> None:
        self.beginResetModel()
        self._root = _Item(None, None, 0)
        self._coverage = {}
        if outline is not None:
            self._build(self._root, outline.nodes)
        self.endResetModel()

    def _build(self, parent: _Item, nodes: list[OutlineNode]) -> None:
        titles = distinct_titles([n.title for n in nodes])  # siblings told apart at a glance
        for i, (node, title) in enumerate(zip(nodes, titles, strict=True)):
            bullet = "· " if node.kind == POINT else ""
            item = _Item(node, parent, i, f"{bullet}{node.number}{title}")
            parent.children.append(item)
            self._build(item, node.children)

    def set_coverage(self, shares: dict[int, float]) -> None:
        """Share of each node quoted, keyed by id(node) of this model's outline's nodes."""
        self._coverage = shares
        if self._root.children:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._root.children) - 1, 1))
            self.layoutChanged.emit()

    # -- QAbstractItemModel --------------------------------------------------------------

    def _item(self, index: QModelIndex | QPersistentModelIndex) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent=_NO_INDEX) -> QModelIndex:
        item = self._item(parent)
        if 0 <= row < len(item.children) and 0 <= column < 2:
            return self.createIndex(row, column, item.children[row])
        return QModelIndex()

    def parent(self, index=_NO_INDEX) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        item = index.internalPointer()
        if item.parent is None or item.parent is self._root:
            return QModelIndex()
        return self.createIndex(item.parent.row, 0, item.parent)

    def rowCount(self, parent=_NO_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent=_NO_INDEX) -> int:
        return 2

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = index.internalPointer().node
        share = self._coverage.get(id(node), 0.0)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return index.internalPointer().label
            return f"{share * 100:.0f}%" if share > 0 else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{node.number}{node.title}\n{self.tr('已引用')} {share * 100:.0f}%"
        if role == NodeRole:
            return node
        return None

    def node_at(self, index: QModelIndex) -> OutlineNode | None:
        return index.internalPointer().node if index.isValid() else None
