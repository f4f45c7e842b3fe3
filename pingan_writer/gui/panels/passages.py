"""Lists of passages: search results across all sources, and passages related to the paragraph
being written. The panels only show hits and report what the user wants; the main window runs
the searches (off the UI thread) and calls `set_results`."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pingan_writer.gui.panels._common import bold_title, dim
from pingan_writer.gui.panels.passage_items import PassageDelegate, PassageModel
from pingan_writer.gui.panels.rich_list import RichListView
from pingan_writer.library.records import PassageHit

SEARCH_DELAY_MS = 250  # long enough not to search on every keystroke of a pinyin word


class PassageList(QWidget):
    """Passages with their hits highlighted. Click selects, double-click or Enter activates, drag quotes."""

    passage_selected = Signal(object)  # PassageHit
    passage_activated = Signal(object)  # PassageHit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PassageModel(self)
        self.view = RichListView(self)
        self.view.setModel(self.model)
        self.delegate = PassageDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)

        self.view.clicked.connect(self._on_clicked)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.enter_pressed.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_results(self, hits: list[PassageHit], message: str = "") -> None:
        """Show `hits`; `message` is shown in their place when there are none."""
        self.model.set_hits(hits)
        self.view.set_message(message)
        self.view.refresh()

    def hits(self) -> list[PassageHit]:
        return self.model.hits()

    def message(self) -> str:
        return self.view.message

    def current_hit(self) -> PassageHit | None:
        index = self.view.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else None

    def _on_clicked(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.passage_selected.emit(hit)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # A click also moves the current row; `clicked` reports that one (and a click on the row
        # that is already current), so only keyboard moves are reported here.
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return
        hit = self.model.hit(current.row()) if current.isValid() else None
        if hit is not None and self.view.hasFocus():
            self.passage_selected.emit(hit)

    def _on_activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.passage_activated.emit(hit)


class SearchPanel(QWidget):
    """A query box and a source filter over a PassageList; asks for searches, never runs them."""

    search_requested = Signal(str, object)  # query, source id or None for all sources
    passage_selected = Signal(object)  # PassageHit, forwarded from .results
    passage_activated = Signal(object)  # PassageHit, forwarded from .results

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query_edit = QLineEdit(self)
        self.query_edit.setPlaceholderText(self.tr("搜索全部原文：词语，或用引号查精确短语"))
        self.query_edit.setClearButtonEnabled(True)
        self.source_combo = QComboBox(self)
        self.source_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_combo.setMinimumContentsLength(6)
        self.source_combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.source_combo.setToolTip(self.tr("只在这份原文中搜索"))
        self.results = PassageList(self)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._request)
        self.query_edit.textEdited.connect(self._on_edited)
        self.query_edit.returnPressed.connect(self._request_now)
        self.source_combo.activated.connect(self._on_source_chosen)
        self.results.passage_selected.connect(self.passage_selected)
        self.results.passage_activated.connect(self.passage_activated)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.query_edit, 3)
        top.addWidget(self.source_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        self.set_sources([])
        self._show_prompt()

    # --- what the main window calls -------------------------------------------------------

    def set_sources(self, sources: list[tuple[int, str]]) -> None:
        """The filter's choices; the chosen source stays chosen if it is still there."""
        chosen = self.source_id()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        self.source_combo.addItem(self.tr("全部原文"), None)
        for source_id, title in sources:
            self.source_combo.addItem(title, source_id)
        at = self.source_combo.findData(chosen) if chosen is not None else 0
        self.source_combo.setCurrentIndex(max(at, 0))
        self.source_combo.blockSignals(False)

    def set_results(self, hits: list[PassageHit], message: str = "", *, query: str | None = None) -> None:
        """Show results. Given `query`, results for a query that is no longer in the box are dropped,
        so a slow search finishing late cannot overwrite newer results."""
        if query is not None and query.strip() != self.query():
            return
        if not hits and not message:
            message = self.tr("没有找到") if self.query() else self.tr("输入词语开始搜索")
        self.results.set_results(hits, message)

    def set_query(self, text: str) -> None:
        """Put `text` in the box and search for it now (e.g. a keyword the user clicked)."""
        self.query_edit.setText(text)
        self._request_now()

    def query(self) -> str:
        return self.query_edit.text().strip()

    def source_id(self) -> int | None:
        data = self.source_combo.currentData()
        return data if isinstance(data, int) else None

    def focus_search(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    # --- requests ---------------------------------------------------------------------------

    def _on_edited(self, _text: str) -> None:
        if self.query():
            self._timer.start()  # restarts: the search waits until typing pauses
        else:
            self._timer.stop()
            self._show_prompt()

    def _on_source_chosen(self, _index: int) -> None:
        if self.query():
            self._request_now()

    def _request_now(self) -> None:
        self._timer.stop()
        self._request()

    def _request(self) -> None:
        query = self.query()
        if query:
            self.search_requested.emit(query, self.source_id())
        else:
            self._show_prompt()

    def _show_prompt(self) -> None:
        self.results.set_results([], self.tr("输入词语开始搜索"))


class RelatedPanel(QWidget):
    """Passages related to the paragraph at the editor's cursor."""

    passage_selected = Signal(object)  # PassageHit, forwarded from .results
    passage_activated = Signal(object)  # PassageHit, forwarded from .results

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("与光标所在段落相关的原文"), self)
        bold_title(self.title)
        self.hint = QLabel(self.tr("双击或按回车把整段引用到稿件，也可拖到稿件中"), self)
        self.hint.setWordWrap(True)
        dim(self.hint)
        self.results = PassageList(self)
        self.results.passage_selected.connect(self.passage_selected)
        self.results.passage_activated.connect(self.passage_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)
        self.set_results([])

    def set_results(self, hits: list[PassageHit], message: str = "") -> None:
        if not hits and not message:
            message = self.tr("光标所在段落暂无相关原文")
        self.results.set_results(hits, message)
