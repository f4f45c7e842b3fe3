"""The left panel: the library's sources, and the outline of the selected one with how much of
each node the draft already quotes. Clicking a node shows it in the reader; double-clicking or
dragging it onto the editor quotes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pingan_writer.gui.mime import local_paths
from pingan_writer.gui.models.outline_model import OutlineModel
from pingan_writer.library.records import SourceInfo
from pingan_writer.sources.model import Source
from pingan_writer.text.outline import HEADING, OutlineNode


def node_text(source: Source, node: OutlineNode) -> tuple[int, int]:
    """What quoting a node inserts: a point's own text, or a heading's first paragraph."""
    if node.kind == HEADING:
        end = source.text.find("\n", node.start)
        end = node.end if end < 0 or end > node.end else end
        return node.start, end
    return node.start, node.end


class OutlineTree(QTreeView):
    """Drags the selected node out as a quote."""

    def __init__(self, dock: LibraryDock) -> None:
        super().__init__()
        self.dock = dock

    def startDrag(self, actions) -> None:
        payload = self.dock.payload_for(self.dock.model.node_at(self.currentIndex()))
        if payload is None:
            return
        drag = QDrag(self)
        drag.setMimeData(payload.to_mime())
        drag.exec(Qt.DropAction.CopyAction)


class LibraryDock(QWidget):
    source_selected = Signal(int)
    node_selected = Signal(object)  # OutlineNode
    node_activated = Signal(object)  # OutlineNode: quote it
    files_dropped = Signal(list)  # local files or folders dropped on the panel: import them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: Source | None = None
        self.source_id: int | None = None
        self.sources = QListWidget()
        self.sources.setAlternatingRowColors(True)
        self.model = OutlineModel(self)
        self.tree = OutlineTree(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        # Every row one line high and the share column a fixed width: Qt then lays the tree out
        # without asking the (Python) model about every row, which froze the window for
        # 0.3–0.7 s when a long outline was shown while workers were busy.
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.resizeSection(1, self.tree.fontMetrics().horizontalAdvance(" 已引用 ") + 12)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.sources)
        split.addWidget(self.tree)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        # Files dragged from a file manager onto the list or the outline land here: neither
        # child accepts drops itself, so Qt hands the drop to this panel.
        self.setAcceptDrops(True)
        self.sources.setToolTip(self.tr("把原文文件或文件夹拖到这里即可导入"))
        self.sources.currentItemChanged.connect(self._on_source_changed)
        self.tree.clicked.connect(lambda index: self._emit_node(index, self.node_selected))
        self.tree.doubleClicked.connect(lambda index: self._emit_node(index, self.node_activated))

    def dragEnterEvent(self, e) -> None:
        if local_paths(e.mimeData()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e) -> None:
        self.dragEnterEvent(e)

    def dropEvent(self, e) -> None:
        paths = local_paths(e.mimeData())
        if paths:
            e.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            e.ignore()

    def set_sources(self, infos: list[SourceInfo], select: int | None = None) -> None:
        self.sources.blockSignals(True)
        self.sources.clear()
        for info in infos:
            item = QListWidgetItem(info.title)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setToolTip(f"{info.title}\n{info.path or ''}\n{info.chars} {self.tr('字符')}")
            self.sources.addItem(item)
        self.sources.blockSignals(False)
        wanted = select if select is not None else self.source_id
        for row in range(self.sources.count()):
            if self.sources.item(row).data(Qt.ItemDataRole.UserRole) == wanted:
                self.sources.setCurrentRow(row)
                return
        if self.sources.count() and wanted is None:
            self.sources.setCurrentRow(0)

    def _on_source_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.source_selected.emit(current.data(Qt.ItemDataRole.UserRole))

    def show_source(self, source_id: int, source: Source) -> None:
        self.source_id, self.source = source_id, source
        self.model.set_outline(source.outline, len(source.text))
        self.tree.expandToDepth(0)

    def _emit_node(self, index, signal) -> None:
        node = self.model.node_at(index.siblingAtColumn(0))
        if node is not None:
            signal.emit(node)

    def selected_nodes(self) -> list[OutlineNode]:
        rows = self.tree.selectionModel().selectedRows(0)
        nodes = [self.model.node_at(i) for i in rows]
        return sorted((n for n in nodes if n is not None), key=lambda n: n.start)

    def payload_for(self, node: OutlineNode | None):
        from pingan_writer.gui.mime import QuotePayload

        if node is None or self.source is None:
            return None
        start, end = node_text(self.source, node)
        path = [n.title or n.number for n in self.source.outline.path_at(start)]
        return QuotePayload(
            self.source_id,
            self.source.content_hash,
            self.source.title,
            path,
            start,
            end,
            self.source.text[start:end],
        )
