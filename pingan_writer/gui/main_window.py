"""The main window: library and outline on the left, the draft in the middle, reader, search,
related passages, checks and keywords on the right, length and quoting in the status bar.

It builds the views and one controller per feature (gui/controllers/) and wires them together;
the flows themselves live in the controllers, and every rule they apply lives in the core.

Start-up comes in two steps with one import boundary between them: the constructor builds the
frame (menus, toolbar, status bar, geometry) from a few light modules, so the window is on
screen soon after a bare Qt window would be; finish_setup() then imports and builds the
workspace (the job runner, the library's sources, the editor and its session, the status
counts, docks, panels and controllers) on the first turn of the event loop, before any file is
opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from pingan_writer import __version__
from pingan_writer.gui.actions import build_menus, finish_toolbar, tr
from pingan_writer.gui.settings import Settings

if TYPE_CHECKING:
    from pingan_writer.draft.model import Draft
    from pingan_writer.draft.recovery import RecoveryStore

ABOUT = "平安写作 %s\n\n读原文、看结构、准确引用、按时长成稿，\n导出符合 GB/T 9704 的公文格式 Word 文件。"


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
        self._store = store
        self._library_path = library_path
        self.statusBar()  # part of the frame: the window does not change size when it fills in
        self.menus = build_menus(self, self._handlers())
        self.action_map = self.menus.action_map
        self.setWindowTitle(tr("平安写作"))
        geometry = self.settings.window_geometry()
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        self._ready = False
        if not defer_panels:
            self.finish_setup()

    @property
    def library_path(self) -> Path:
        return self.sources.library_path

    @property
    def source(self):
        return self.sources.source

    def _handlers(self) -> dict:
        """What each menu action does. Parts built after the first paint are looked up when an
        action fires, and an action fired before they exist (a shortcut pressed the moment the
        window appears) builds them first."""
        handlers = {
            "new": lambda: self.drafting.new_draft(),
            "open": lambda: self.documents.open(),
            "save": lambda: self.documents.save(),
            "save_as": lambda: self.documents.save_as(),
            "import": lambda: self.importer.open_dialog(),
            "import_clipboard": lambda: self.importer.import_clipboard(),
            "remove_source": lambda: self.importer.remove_current(),
            "preferences": self.edit_preferences,
            "quit": self.close,
            "undo": lambda: self.editor.undo(),
            "redo": lambda: self.editor.redo(),
            "cut": lambda: self.editor.cut(),
            "copy": lambda: self.editor.copy(),
            "paste": lambda: self.editor.paste(),
            "select_all": lambda: self.editor.selectAll(),
            "find": lambda: self.find_bar.open(False),
            "replace": lambda: self.find_bar.open(True),
            "next_prompt": lambda: self._step_prompt(False),
            "prev_prompt": lambda: self._step_prompt(True),
            "quote": self.quote_from_reader,
            "skeleton": lambda: self.drafting.insert_skeleton(self.library_dock.selected_nodes()),
            "skeleton_full": lambda: self.drafting.insert_skeleton(
                self.library_dock.selected_nodes(), "full"
            ),
            "check": lambda: self.checks.run(),
            "renumber": lambda: self.checks.renumber(False),
            "fix_levels": lambda: self.checks.renumber(True),
            "export": lambda: self.exporter.export(),
            "prompter": lambda: self.rehearsing.open_prompter(),
            "guide": self.show_guide,
            "shortcuts": self.show_shortcuts,
            "about": self.about,
        }
        return {name: self._after_setup(handler) for name, handler in handlers.items()}

    def _after_setup(self, handler):
        def run() -> None:
            self.finish_setup()  # returns at once once the workspace exists
            handler()

        return run

    def _build_core(self) -> None:
        """The job runner, what every controller is handed, and the library's sources."""
        from pingan_writer.gui.controllers.context import Context
        from pingan_writer.gui.controllers.sources import SourcesController
        from pingan_writer.gui.jobs import JobRunner

        self.runner = JobRunner(lambda exc: self.ctx.error(tr("出错了"), exc), self)
        self.ctx = Context(self, self.runner, self.settings, self.statusBar())
        self.sources = SourcesController(self.ctx, self._library_path)

    def _build_editor(self) -> None:
        """The draft editor with its find bar, its file session and the status counts."""
        from pingan_writer.draft.recovery import RecoveryStore
        from pingan_writer.gui.controllers.documents import DocumentController
        from pingan_writer.gui.document import DocumentSession
        from pingan_writer.gui.editor.draft_editor import DraftEditor
        from pingan_writer.gui.editor.find_bar import FindBar
        from pingan_writer.gui.status import DraftStatus

        self.editor = DraftEditor()
        self.find_bar = FindBar(self.editor)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.session = DocumentSession(self.editor, self._store or RecoveryStore(), self)
        self.documents = DocumentController(self.ctx, self.session, self.menus.recent, self.set_draft)
        self.status = DraftStatus(self.statusBar(), self._target_and_rate)
        self._status_timer = QTimer(self, singleShot=True, interval=300)  # count after typing pauses
        self._status_timer.timeout.connect(self.update_status)
        self.editor.textChanged.connect(self._status_timer.start)
        self.editor.textChanged.connect(self._update_title)
        self.editor.document().modificationChanged.connect(lambda _m: self._update_title())
        self.session.autosaved.connect(self._on_autosaved)
        self.session.autosave_failed.connect(self.status.set_unprotected)

    def finish_setup(self) -> None:
        """Docks, panels, controllers, the library listing and the saved dock layout."""
        if self._ready:
            return
        self._ready = True
        finish_toolbar(self.menus)
        self._build_core()
        self._build_editor()

        from pingan_writer.gui.controllers.checking import ChecksController
        from pingan_writer.gui.controllers.drafting import DraftingController
        from pingan_writer.gui.controllers.exporting import ExportController
        from pingan_writer.gui.controllers.importing import ImportController
        from pingan_writer.gui.controllers.lookup import LookupController
        from pingan_writer.gui.controllers.rehearsing import RehearsalController
        from pingan_writer.gui.controllers.reuse import ReuseController
        from pingan_writer.gui.editor.draft_outline import DraftOutline
        from pingan_writer.gui.library_dock import LibraryDock
        from pingan_writer.gui.panels.checks import ChecksPanel
        from pingan_writer.gui.panels.keywords import KeywordsPanel
        from pingan_writer.gui.panels.passages import RelatedPanel, SearchPanel
        from pingan_writer.gui.panels.reader import ReaderPanel

        self.library_dock = LibraryDock()
        self.draft_outline = DraftOutline(self._target_and_rate, self._last_rehearsal)
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
        area = QtCore.Qt.DockWidgetArea
        self._add_dock("library", tr("资料库与提纲"), self.library_dock, area.LeftDockWidgetArea)
        self._add_dock("draft-outline", tr("稿件提纲"), self.draft_outline, area.LeftDockWidgetArea)
        self._add_dock("panels", tr("原文与工具"), self.tabs, area.RightDockWidgetArea)

        ctx = self.ctx
        self.importer = ImportController(ctx, self.sources)
        self.lookup = LookupController(
            ctx, self.sources, self.search_panel, self.related_panel, self.keywords_panel
        )
        self.checks = ChecksController(ctx, self.editor, self.checks_panel)
        self.drafting = DraftingController(ctx, self.editor, self.sources, self.documents.new_from)
        self.exporter = ExportController(ctx, self.editor, self._export_name)
        self.reuse = ReuseController(ctx, self.editor, self.sources)
        self.rehearsing = RehearsalController(
            ctx, self.editor, self._target_and_rate, self.draft_outline.refresh, self.apply_preferences
        )
        self._wire()
        self.apply_preferences()
        state = self.settings.window_state()
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self.sources.refresh()
        self._update_title()
        if self.isVisible():
            # Paint the finished window now, before start-up work starts any worker: painting
            # calls into Python (views, delegates, the editor), and with a worker holding the GIL
            # every such call waits its turn; this first full paint then took 100–200 ms.
            self.layout().activate()
            self.repaint()

    def _add_dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState needs names
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.menus.view.addAction(dock.toggleViewAction())
        return dock

    def _wire(self) -> None:
        e, dock = self.editor, self.library_dock
        related_timer = QTimer(self, singleShot=True, interval=700)
        related_timer.timeout.connect(lambda: self.lookup.refresh_related(e.textCursor().block().text()))
        e.cursorPositionChanged.connect(related_timer.start)
        e.textChanged.connect(lambda: self.draft_outline.schedule(e.toPlainText()))
        e.quotes_changed.connect(self.update_coverage)
        e.files_dropped.connect(self.import_paths)
        e.quote_dropped.connect(lambda payload, _offset: self.insert_payload(payload))
        self.draft_outline.jump_requested.connect(lambda pos: e.show_range(pos, pos))
        self.sources.listed.connect(self._on_sources_listed)
        self.sources.changed.connect(self._on_source_changed)
        dock.source_selected.connect(self.sources.select)
        dock.node_selected.connect(self.show_node)
        dock.node_activated.connect(lambda node: self.insert_payload(dock.payload_for(node)))
        dock.files_dropped.connect(self.import_paths)
        self.reader.quote_requested.connect(self.insert_payload)
        self.search_panel.search_requested.connect(self.lookup.search)
        for panel in (self.search_panel, self.related_panel):
            panel.results.passage_activated.connect(self.quote_hit)
            panel.results.passage_selected.connect(self.show_hit)
        self.keywords_panel.keyword_clicked.connect(self._search_for)
        self.checks_panel.show_panel.connect(lambda: self.tabs.setCurrentWidget(self.checks_panel))
        self.exporter.review_requested.connect(self._review_findings)
        self.reuse.found.connect(self.update_coverage)
        self.menus.sections.aboutToShow.connect(lambda: self.drafting.fill_sections_menu(self.menus.sections))

    # -- sources and quoting ---------------------------------------------------------------

    def refresh_sources(self, select: int | None = None) -> None:
        self.sources.refresh(select)

    def import_paths(self, paths: list[str], on_finished=None) -> None:
        self.importer.import_paths(paths, on_finished)

    def preload_jieba(self) -> None:
        self.lookup.preload_jieba()

    def open_library(self):
        return self.sources.open_library()

    def _on_sources_listed(self, infos) -> None:
        self.library_dock.set_sources(infos, self.sources.selected_id)
        self.search_panel.set_sources([(i.id, i.title) for i in infos])
        self.reuse.schedule()  # the library changed: so may what the draft quotes

    def _on_source_changed(self, source_id, source) -> None:
        if source is None:
            self.library_dock.model.set_outline(None)
        else:
            self.library_dock.show_source(source_id, source)
        self.reader.clear()
        self.update_coverage()
        self.lookup.refresh_keywords(None)

    def show_node(self, node) -> None:
        source = self.sources.source
        if source is None:
            return
        path = [n.title or n.number for n in source.outline.path_at(node.start)]
        self.reader.show_passage(
            node.title or node.number,
            path,
            source.text[node.start : node.end],
            node.start,
            self.sources.source_id,
            source.content_hash,
            source.title,
            source.page_at(node.start),
        )
        self.tabs.setCurrentWidget(self.reader)
        self.lookup.refresh_keywords(node)

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

        self.insert_payload(
            QuotePayload(hit.source, None, hit.source_title, hit.path, hit.start, hit.end, hit.text)
        )

    def quote_from_reader(self) -> None:
        if self.reader.current_payload() is None:
            self.ctx.tell(tr("请先在左侧提纲或搜索结果中选择要引用的原文"))
            return
        self.reader.request_quote()

    def insert_payload(self, payload) -> None:
        if payload is None:
            return
        ref = self.sources.source_ref(payload.source_id, payload.source_hash, payload.source_title)
        page = self.sources.page_at(payload.source_id, ref.id, payload.start)
        self.editor.insert_quote(payload.text, ref, payload.node, payload.start, payload.end, page)
        self.editor.setFocus()
        self.ctx.tell(tr("已引用《%s》") % payload.source_title, 3000)

    def _search_for(self, word: str) -> None:
        self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.set_query(word)

    def _review_findings(self, findings, text: str) -> None:
        self.checks_panel.set_findings(findings, text)
        self.tabs.setCurrentWidget(self.checks_panel)
        if findings:
            self.editor.show_range(findings[0].start, findings[0].end)

    def _step_prompt(self, backwards: bool) -> None:
        if not self.editor.next_prompt(backwards):
            self.ctx.tell(tr("稿件中没有待填写的【…】提示了"))
        self.editor.setFocus()

    # -- status ----------------------------------------------------------------------------

    def _target_and_rate(self) -> tuple[float, float]:
        prefs = self.settings.preferences()
        return self.editor.meta.target_minutes or prefs.target_minutes, prefs.speaking_rate

    def _last_rehearsal(self):
        rehearsals = self.editor.rehearsals
        return rehearsals[-1] if rehearsals else None

    def update_status(self) -> None:
        self.status.update(self.editor.toPlainText(), self.editor.quoted_ranges())

    def update_coverage(self) -> None:
        """How much of each node of the shown source the draft quotes (inserted and detected)."""
        from pingan_writer.draft.coverage import node_coverage

        self.update_status()
        source, source_id = self.sources.source, self.sources.source_id
        if source is None:
            return
        ranges = [
            (q.source_start, q.source_end)
            for q in self.editor.quotes
            if q.source == source.content_hash and not self.editor.drifted(q)
        ]
        ranges += [
            (s.source_start, s.source_end) for s in self.editor.detected() if s.source == str(source_id)
        ]
        model = self.library_dock.model
        coverage = node_coverage(source.outline, source.text, ranges, limit=model.nodes_shown)
        model.set_coverage({id(node): share for node, _path, share in coverage})

    def _on_autosaved(self) -> None:
        self.status.set_unprotected(None)
        self.ctx.tell(tr("已自动保存恢复副本"), 2000)

    def _update_title(self) -> None:
        mark = "*" if self.editor.document().isModified() else ""
        self.setWindowTitle(f"{mark}{self.session.display_name()} — {tr('平安写作')}")

    def _export_name(self) -> str:
        return self.session.path.stem if self.session.path else self.editor.meta.title or tr("发言稿")

    # -- documents -------------------------------------------------------------------------

    def set_draft(self, draft: Draft, path: Path | None, modified: bool = False) -> None:
        self.session.replace(path)
        self.editor.set_draft(draft)
        self.editor.set_detected([])
        self.editor.document().setModified(modified)
        if self._ready:
            self.draft_outline.rebuild_now(draft.text)
            self.checks.reset()
            self.reuse.schedule()
        self.update_coverage()
        self._update_title()

    def open_draft(self, path: str | None = None) -> None:
        self.documents.open(path)

    def closeEvent(self, event) -> None:
        if not self._ready:  # closed before the workspace was built: nothing to save
            event.accept()
            return
        if not self.documents.maybe_save():
            event.ignore()
            return
        self.session.close_cleanly()
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.runner.shutdown(wait=True)
        event.accept()

    def apply_preferences(self) -> None:
        prefs = self.settings.preferences()
        font = self.editor.font()
        if prefs.editor_font_family:
            font.setFamily(prefs.editor_font_family)
        font.setPointSize(prefs.editor_font_size)
        self.editor.setFont(font)
        self.update_status()
        self.draft_outline.refresh()  # minutes at the new rate, shares of the new target

    def edit_preferences(self) -> None:
        from pingan_writer.gui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings.preferences(), self)
        if dialog.exec():
            self.settings.set_preferences(dialog.preferences())
            self.apply_preferences()

    # -- help ------------------------------------------------------------------------------

    def show_guide(self) -> None:
        from pingan_writer.gui.dialogs.help import build_guide

        build_guide(self).exec()

    def show_shortcuts(self) -> None:
        from pingan_writer.gui.dialogs.help import build_shortcuts

        build_shortcuts(self, self.action_map).exec()

    def about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, tr("关于平安写作"), tr(ABOUT) % __version__, parent=self
        )
        box.addButton(tr("确定"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
