"""The main window: library and outline on the left, the draft in the middle, reader, search,
related passages, checks and keywords on the right, length and quoting in the status bar.

It is a thin shell: every piece of work is a call into the layers below, and anything that may
take longer than a moment (library access beyond a lookup, search, checks, import, export,
loading jieba) runs in a worker (workers.py); flows.py holds those longer flows."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pingan_writer import __version__
from pingan_writer.draft.model import Draft, SourceRef
from pingan_writer.draft.recovery import RecoveryStore
from pingan_writer.errors import PinganError
from pingan_writer.gui import flows
from pingan_writer.gui.actions import build_menus, tr
from pingan_writer.gui.document import DocumentSession
from pingan_writer.gui.editor.draft_editor import DraftEditor
from pingan_writer.gui.editor.find_bar import FindBar
from pingan_writer.gui.settings import Settings
from pingan_writer.library.paths import resolve_library_path
from pingan_writer.text.counting import count_characters

if TYPE_CHECKING:  # only for annotations: the store and the sources load after the first paint
    from pingan_writer.library.store import Library
    from pingan_writer.sources.model import Source
    from pingan_writer.text.outline import OutlineNode

ABOUT = "平安写作 %s\n\n读原文、看结构、准确引用、按时长成稿，\n导出符合 GB/T 9704 的公文格式 Word 文件。"
DRAFT_FILTER = "平安写作稿件 (*.pingan);;文本 (*.txt *.md);;Word (*.docx)"


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: Settings | None = None,
        library_path: str | None = None,
        store: RecoveryStore | None = None,
        defer_panels: bool = False,
    ) -> None:
        """`defer_panels`: build only what the first paint needs, the rest in finish_setup()
        once the window is on screen (the app does this; tests and embedders need not)."""
        super().__init__()
        self.settings = settings or Settings()
        self.library_path = resolve_library_path(library_path)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.jobs: set = set()  # keep running jobs alive until they report
        self.done_jobs: deque = deque(maxlen=32)  # ... and a while after (see workers.Job)
        self.source: Source | None = None
        self.source_id: int | None = None

        self.editor = DraftEditor()
        self.find_bar = FindBar(self.editor)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.session = DocumentSession(self.editor, store or RecoveryStore(), self)
        build_menus(self)
        self._build_status_bar()
        geometry = self.settings.window_geometry()
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        self._ready = False
        if not defer_panels:
            self.finish_setup()

    def finish_setup(self) -> None:
        """Docks, panels, the library listing and the saved dock layout."""
        if self._ready:
            return
        self._ready = True
        from pingan_writer.gui.editor.draft_outline import DraftOutline
        from pingan_writer.gui.library_dock import LibraryDock

        self.library_dock = LibraryDock()
        self.draft_outline = DraftOutline()
        self._build_right_panels()
        self._add_dock("library", tr("资料库与提纲"), self.library_dock, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock(
            "draft-outline", tr("稿件提纲"), self.draft_outline, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self._add_dock("panels", tr("原文与工具"), self.tabs, Qt.DockWidgetArea.RightDockWidgetArea)
        self._wire()
        self.apply_preferences()
        state = self.settings.window_state()
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        # Filled when opened: reading the templates is not start-up work.
        self.sections_menu.aboutToShow.connect(lambda: flows.refresh_sections_menu(self))
        flows.refresh_recent_menu(self)
        self.refresh_sources()
        self._update_title()

    # -- assembly ------------------------------------------------------------------------

    def _build_right_panels(self) -> None:
        from pingan_writer.gui.panels.checks import ChecksPanel
        from pingan_writer.gui.panels.keywords import KeywordsPanel
        from pingan_writer.gui.panels.passages import RelatedPanel, SearchPanel
        from pingan_writer.gui.panels.reader import ReaderPanel

        self.reader = ReaderPanel()
        self.search_panel = SearchPanel()
        self.related_panel = RelatedPanel()
        self.checks_panel = ChecksPanel()
        self.keywords_panel = KeywordsPanel()
        self.tabs = QTabWidget()
        for widget, title in (
            (self.reader, "原文"),
            (self.search_panel, "搜索"),
            (self.related_panel, "相关段落"),
            (self.checks_panel, "检查"),
            (self.keywords_panel, "关键词"),
        ):
            self.tabs.addTab(widget, tr(title))

    def _add_dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState needs names
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.view_menu.addAction(dock.toggleViewAction())
        return dock

    def _build_status_bar(self) -> None:
        self.chars_label, self.time_label, self.target_label, self.quoted_label = (QLabel() for _ in range(4))
        # Widths for the longest likely text, so the bar does not jitter as counts change.
        for label, widest in (
            (self.chars_label, "字数 1000000"),
            (self.time_label, "预计 100.0 分钟"),
            (self.target_label, "目标 10 分钟，超出约 10000 字"),
            (self.quoted_label, "引用 100%"),
        ):
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(tr(widest)) + 8)
            self.statusBar().addPermanentWidget(label)
        self._stats_timer = QTimer(self, singleShot=True, interval=300)  # count after typing pauses
        self._stats_timer.timeout.connect(self.update_status)
        self._related_timer = QTimer(self, singleShot=True, interval=700)
        self._related_timer.timeout.connect(lambda: flows.refresh_related(self))

    def _wire(self) -> None:
        e = self.editor
        e.textChanged.connect(self._stats_timer.start)
        e.textChanged.connect(lambda: self.draft_outline.schedule(e.toPlainText()))
        e.textChanged.connect(self._update_title)
        e.cursorPositionChanged.connect(self._related_timer.start)
        e.quotes_changed.connect(self.update_coverage)
        e.files_dropped.connect(self.import_paths)
        e.quote_dropped.connect(self._insert_payload_at)
        e.document().modificationChanged.connect(lambda _m: self._update_title())
        self.draft_outline.jump_requested.connect(lambda pos: self.editor.show_range(pos, pos))
        self.library_dock.source_selected.connect(self.select_source)
        self.library_dock.node_selected.connect(self.show_node)
        self.library_dock.node_activated.connect(self.quote_node)
        self.reader.quote_requested.connect(self._insert_payload)
        self.search_panel.search_requested.connect(lambda q, sid: flows.search(self, q, sid))
        for panel in (self.search_panel, self.related_panel):
            panel.results.passage_activated.connect(self.quote_hit)
            panel.results.passage_selected.connect(self.show_hit)
        self.checks_panel.finding_activated.connect(self.editor.show_range)
        self.keywords_panel.keyword_clicked.connect(self._search_for)
        self.checks_panel.recheck_requested.connect(self.run_checks)
        self.session.autosaved.connect(lambda: self.statusBar().showMessage(tr("已自动保存恢复副本"), 2000))

    # -- sources -------------------------------------------------------------------------

    def open_library(self) -> Library:
        from pingan_writer.library.store import Library

        return Library.open(self.library_path)

    def refresh_sources(self, select: int | None = None) -> None:
        try:
            with self.open_library() as lib:
                infos = lib.sources()
        except PinganError as exc:
            flows.error(self, tr("资料库"), str(exc))
            return
        self.library_dock.set_sources(infos, select)
        self.search_panel.set_sources([(i.id, i.title) for i in infos])

    def select_source(self, source_id: int) -> None:
        try:
            with self.open_library() as lib:
                self.source = lib.get_source(source_id)
        except PinganError as exc:
            flows.error(self, tr("资料库"), str(exc))
            return
        self.source_id = source_id
        self.library_dock.show_source(source_id, self.source)
        self.reader.clear()
        self.update_coverage()
        flows.refresh_keywords(self, None)

    def show_node(self, node: OutlineNode) -> None:
        if self.source is None:
            return
        path = [n.title or n.number for n in self.source.outline.path_at(node.start)]
        self.reader.show_passage(
            node.title or node.number,
            path,
            self.source.text[node.start : node.end],
            node.start,
            self.source_id,
            self.source.content_hash,
            self.source.title,
        )
        self.tabs.setCurrentWidget(self.reader)
        flows.refresh_keywords(self, node)

    def quote_node(self, node: OutlineNode) -> None:
        payload = self.library_dock.payload_for(node)
        if payload is not None:
            self._insert_payload(payload)

    def show_hit(self, hit) -> None:
        self.reader.show_passage(
            hit.path[-1] if hit.path else hit.source_title,
            hit.path,
            hit.text,
            hit.start,
            hit.source,
            None,
            hit.source_title,
        )

    def quote_hit(self, hit) -> None:
        from pingan_writer.gui.mime import QuotePayload

        self._insert_payload(
            QuotePayload(hit.source, None, hit.source_title, hit.path, hit.start, hit.end, hit.text)
        )

    def quote_from_reader(self) -> None:
        self.reader.quote_action.trigger()

    def _insert_payload_at(self, payload, _offset: int) -> None:
        self._insert_payload(payload)  # the editor already put the cursor at the drop point

    def _insert_payload(self, payload) -> None:
        ref = self._source_ref(payload.source_id, payload.source_hash, payload.source_title)
        self.editor.insert_quote(payload.text, ref, payload.node, payload.start, payload.end)
        self.editor.setFocus()
        self.statusBar().showMessage(tr("已引用《%s》") % payload.source_title, 3000)

    def _source_ref(self, source_id: int | None, content_hash: str | None, title: str) -> SourceRef:
        if content_hash is None and source_id is not None:
            with self.open_library() as lib:
                row = lib.conn.execute(
                    "SELECT content_hash, path FROM sources WHERE id = ?", (source_id,)
                ).fetchone()
            content_hash = row[0] if row else f"library:{source_id}"
        path = (
            str(self.source.path)
            if self.source and self.source.content_hash == content_hash and self.source.path
            else None
        )
        return SourceRef(content_hash or title, title, path, source_id)

    def _search_for(self, word: str) -> None:
        self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.set_query(word)

    def insert_skeleton(self) -> None:
        flows.insert_skeleton(self, self.library_dock.selected_nodes())

    # -- status --------------------------------------------------------------------------

    def update_status(self) -> None:
        text = self.editor.toPlainText()
        prefs = self.settings.preferences()
        chars = count_characters(text)
        minutes = chars / prefs.speaking_rate
        self.chars_label.setText(tr("字数 %d") % chars)
        self.time_label.setText(tr("预计 %.1f 分钟") % minutes)
        target = self.editor.meta.target_minutes or prefs.target_minutes
        diff = chars - int(target * prefs.speaking_rate)
        if abs(diff) <= target * prefs.speaking_rate * 0.05:
            verdict = tr("正合适")
        elif diff > 0:
            verdict = tr("超出约 %d 字") % diff
        else:
            verdict = tr("还差约 %d 字") % -diff
        self.target_label.setText(tr("目标 %g 分钟，%s") % (target, verdict))
        non_space = sum(1 for ch in text if not ch.isspace()) or 1
        quoted = sum(len("".join(text[q.start : q.end].split())) for q in self.editor.quotes)
        self.quoted_label.setText(tr("引用 %d%%") % round(100 * quoted / non_space))

    def update_coverage(self) -> None:
        """How much of each node of the shown source the draft's recorded quotes cover."""
        self.update_status()
        if self.source is None:
            return
        ranges = [
            (q.source_start, q.source_end) for q in self.editor.quotes if q.source == self.source.content_hash
        ]
        shares = {}
        for node in self.source.outline.walk():
            total = max(1, node.end - node.start)
            covered = sum(max(0, min(e, node.end) - max(s, node.start)) for s, e in ranges)
            shares[id(node)] = min(1.0, covered / total)
        self.library_dock.model.set_coverage(shares)

    def _update_title(self) -> None:
        mark = "*" if self.editor.document().isModified() else ""
        self.setWindowTitle(f"{mark}{self.session.display_name()} — {tr('平安写作')}")

    # -- documents -----------------------------------------------------------------------

    def set_draft(self, draft: Draft, path: Path | None, modified: bool = False) -> None:
        self.session.replace(path)
        self.editor.set_draft(draft)
        self.editor.document().setModified(modified)
        self.draft_outline.rebuild_now(draft.text)
        self.update_status()
        self.update_coverage()
        self._update_title()

    def open_draft(self, path: str | None = None) -> None:
        if not self.maybe_save():
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("打开稿件"), "", tr(DRAFT_FILTER))
            if not path:
                return
        from pingan_writer.draft.fileformat import load_draft

        try:
            draft = load_draft(path)
        except PinganError as exc:
            flows.error(self, tr("打开稿件"), str(exc))
            return
        native = Path(path).suffix.lower() == ".pingan"
        self.set_draft(draft, Path(path) if native else None)
        self.settings.add_recent_file(str(path))
        flows.refresh_recent_menu(self)

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        default = str(self.session.path or Path.home() / f"{self.session.display_name()}.pingan")
        path, _ = QFileDialog.getSaveFileName(
            self, tr("另存为"), default, tr("平安写作稿件 (*.pingan);;文本 (*.txt);;Markdown (*.md)")
        )
        return bool(path) and self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            saved = self.session.save(path)
        except PinganError as exc:
            flows.error(self, tr("保存"), str(exc))
            return False
        self.settings.add_recent_file(str(saved))
        flows.refresh_recent_menu(self)
        self._update_title()
        self.statusBar().showMessage(tr("已保存 %s") % saved, 3000)
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled."""
        from pingan_writer.gui.dialogs.reports import ask_save_changes

        if not self.session.modified:
            return True
        answer = ask_save_changes(self, self.session.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.session.close_cleanly()
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        for job in list(self.jobs):
            job.cancel()
        self.pool.waitForDone(3000)
        event.accept()

    def apply_preferences(self) -> None:
        prefs = self.settings.preferences()
        font = self.editor.font()
        if prefs.editor_font_family:
            font.setFamily(prefs.editor_font_family)
        font.setPointSize(prefs.editor_font_size)
        self.editor.setFont(font)
        self.update_status()

    # -- flows (flows.py) ----------------------------------------------------------------

    def new_draft(self) -> None:
        flows.new_draft(self)

    def import_files(self) -> None:
        flows.import_dialog(self)

    def import_paths(self, paths: list[str]) -> None:
        flows.import_paths(self, paths)

    def remove_source(self) -> None:
        flows.remove_source(self)

    def run_checks(self) -> None:
        flows.run_checks(self)

    def renumber(self, fix_levels: bool) -> None:
        flows.renumber(self, fix_levels)

    def export(self) -> None:
        flows.export(self)

    def edit_preferences(self) -> None:
        flows.edit_preferences(self)

    def about(self) -> None:
        QMessageBox.about(self, tr("关于平安写作"), tr(ABOUT) % __version__)
