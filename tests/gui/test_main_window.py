"""The main flow end to end, as a user goes through it: open a source, see its outline, click a
node, quote it with provenance, run checks, export a .docx the export tests accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent

from pingan_writer.draft.model import Draft
from pingan_writer.gui.mime import QuotePayload
from pingan_writer.sources import read_source
from tests.gui.typing_helpers import type_text

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE

OUT = Path(__file__).resolve().parents[2] / "test-output"


def select_source(qtbot, window, title: str) -> None:
    lst = window.library_dock.sources
    row = next(i for i in range(lst.count()) if lst.item(i).text() == title)
    lst.setCurrentRow(row)
    qtbot.waitUntil(lambda: window.source is not None and window.source.title == title)


def node_index(window, *numbers: str):
    model = window.library_dock.model
    parent = None
    from PySide6.QtCore import QModelIndex

    parent = QModelIndex()
    for number in numbers:
        row = next(
            r
            for r in range(model.rowCount(parent))
            if model.node_at(model.index(r, 0, parent)).number == number
        )
        parent = model.index(row, 0, parent)
    return parent


def test_main_flow_quote_check_export(qtbot, window, tmp_path, monkeypatch):
    window.set_draft(Draft("二、学习体会\n"), None)
    select_source(qtbot, window, "建设更高水平的平安中国")
    assert window.library_dock.model.rowCount() == 3  # 一、二、三、 of the source

    # Click a point in the outline: the reader shows it.
    index = node_index(window, "三、", "（一）", "二是")
    tree = window.library_dock.tree
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    assert tree.currentIndex() == index
    assert window.tabs.currentWidget() is window.reader
    assert window.reader.view.toPlainText().startswith("二是坚定维护政治安全。政治安全是国家安全的根本")

    # Double-click it: the quote goes in at the cursor, with provenance.
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    (quote,) = window.editor.quotes
    source = read_source(SOURCE_SAMPLE)
    assert quote.text.startswith("二是坚定维护政治安全。")
    assert window.editor.toPlainText()[quote.start : quote.end] == quote.text
    assert source.text[quote.source_start : quote.source_end] == quote.text
    assert quote.node[-1] == "坚定维护政治安全" and quote.source == source.content_hash
    assert window.library_dock.model.data(index.siblingAtColumn(1)) == "100%"  # coverage of that node

    # Run checks in the worker; findings show and clicking one selects its range.
    window.editor.setPlainText(TALK_SAMPLE.read_text(encoding="utf-8"))
    window.action_map["check"].trigger()
    panel = window.checks_panel
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is panel, timeout=10_000)
    rules = {f.rule for f in panel.findings()}
    assert "numbering.level" in rules  # the sample talk's 一、 under 二、学习体会

    # Export through the dialog's choices (the dialog itself is tested in test_dialogs).
    target = tmp_path / "发言.docx"
    import pingan_writer.gui.dialogs.export_dialog as export_dialog
    from pingan_writer.export.options import ExportOptions

    class Chosen:
        def __init__(self, *a, **k) -> None: ...
        def exec(self) -> bool:
            return True

        def request(self):
            return target, ExportOptions()

    import pingan_writer.gui.dialogs.preflight as preflight

    done: list[Path] = []
    asked: list[str] = []

    def export_anyway(parent, findings, text, summary) -> str:
        asked.append(summary)
        return preflight.EXPORT_ANYWAY

    monkeypatch.setattr(export_dialog, "ExportDialog", Chosen)
    monkeypatch.setattr(export_dialog, "show_export_done", lambda parent, path: done.append(path))
    monkeypatch.setattr(preflight, "ask_preflight", export_anyway)
    window.action_map["export"].trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=15_000)
    assert done == [target]
    assert asked and "编号" in asked[0]  # the pre-export check named the numbering errors first
    back = read_source(target)  # the export tests' round trip: same outline as the draft
    from pingan_writer.text.outline import parse_outline

    shape = lambda ns: [(n.kind, n.number, n.title, shape(n.children)) for n in ns]  # noqa: E731
    assert shape(back.outline.nodes) == shape(parse_outline(window.editor.toPlainText()).nodes)


def test_checks_findings_select_their_range(qtbot, window):
    window.set_draft(Draft(TALK_SAMPLE.read_text(encoding="utf-8")), None)
    window.action_map["check"].trigger()
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.checks_panel, timeout=10_000)
    text = window.editor.toPlainText()
    inner = text.index("一、建设更高水平的平安中国，要坚持总体国家安全观")
    window.checks_panel.finding_activated.emit(inner, inner + 2)
    assert window.editor.textCursor().selectedText() == "一、"


def test_drag_a_quote_onto_the_editor(qtbot, window):
    window.set_draft(Draft("开头。\n结尾。"), None)
    payload = QuotePayload(1, "hash", "建设更高水平的平安中国", ["二、"], 10, 16, "引用的文字")
    mime = payload.to_mime()
    editor = window.editor
    pos = editor.cursorRect(editor.textCursor()).center()
    event = QDropEvent(
        pos.toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    editor.dropEvent(event)
    (quote,) = editor.quotes
    assert quote.text == "引用的文字" and quote.source_title == "建设更高水平的平安中国"
    assert editor.toPlainText()[quote.start : quote.end] == "引用的文字"


def test_drop_files_on_the_editor_imports_them(qtbot, window, tmp_path):
    doc = tmp_path / "新材料.txt"
    doc.write_text("关于加强基层治理的意见\n一、总体要求\n坚持党的领导。\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc))])
    event = QDropEvent(
        QPoint(20, 20).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.editor.dropEvent(event)
    qtbot.waitUntil(lambda: window.library_dock.sources.count() == 3, timeout=15_000)
    titles = [window.library_dock.sources.item(i).text() for i in range(3)]
    assert "关于加强基层治理的意见" in titles


def test_editing_inside_a_quote_marks_it_drifted_and_typing_around_it_does_not(qtbot, window):
    from pingan_writer.draft.model import SourceRef

    window.set_draft(Draft("前文。\n"), None)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    q = window.editor.insert_quote(
        "坚持人民至上，把人民放在心中最高位置。", SourceRef("h", "原文"), [], 0, 19
    )
    type_text(window.editor, "后文")  # right after the quote: outside it
    assert window.editor.toPlainText()[q.start : q.end] == q.text and not window.editor.drifted(q)
    cursor = window.editor.textCursor()
    cursor.setPosition(q.start + 2)
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "始终")
    assert window.editor.drifted(q)
    assert window.editor.toPlainText()[q.start : q.end] == "坚持始终人民至上，把人民放在心中最高位置。"
    window.editor.undo()
    assert not window.editor.drifted(q)


def test_chinese_input_method_commit_goes_in_and_moves_quotes(qtbot, window):
    from pingan_writer.draft.model import SourceRef

    window.set_draft(Draft(""), None)
    q = window.editor.insert_quote("原文引文内容十二个字。", SourceRef("h", "原文"), [], 0, 11)
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    preedit = QInputMethodEvent("pingan", [])
    window.editor.inputMethodEvent(preedit)  # composing: nothing committed yet
    commit = QInputMethodEvent()
    commit.setCommitString("平安")
    window.editor.inputMethodEvent(commit)
    assert window.editor.toPlainText() == "平安原文引文内容十二个字。"
    assert window.editor.toPlainText()[q.start : q.end] == "原文引文内容十二个字。"


def test_new_draft_wizard_fills_the_template(qtbot, window, monkeypatch):
    import pingan_writer.gui.dialogs.new_draft as new_draft

    class Wizard:
        def __init__(self, templates, sources, defaults, parent) -> None:
            self.sources = sources

        def exec(self) -> bool:
            return True

        def request(self):
            sid = next(i for i, t in self.sources if t == "建设更高水平的平安中国")
            return new_draft.NewDraftRequest(
                "study-talk", [sid], "张三", "理论学习中心组", "2026年11月22日", 6
            )

    monkeypatch.setattr(new_draft, "NewDraftWizard", Wizard)
    window.action_map["new"].trigger()
    text = window.editor.toPlainText()
    assert text.startswith("按照会议安排，由我围绕《建设更高水平的平安中国》学习内容分享个人体会。")
    assert window.editor.meta.speaker == "张三" and window.editor.meta.target_minutes == 6
    assert window.session.modified


def test_skeleton_from_selected_outline_nodes(qtbot, window):
    """The chosen nodes replace the template's unfilled points under 二、学习体会, numbered in
    sequence, before the closing, as lead sentences quoted exactly, in one undo step."""
    from pingan_writer.draft.templates import load_template, render

    template_text = render(load_template("study-talk"), {"source_title": "建设更高水平的平安中国"})
    window.set_draft(Draft(template_text), None)
    select_source(qtbot, window, "建设更高水平的平安中国")
    tree = window.library_dock.tree
    sel = tree.selectionModel()
    from PySide6.QtCore import QItemSelectionModel

    for numbers in (("三、", "（一）"), ("三、", "（四）")):
        sel.select(
            node_index(window, *numbers),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)  # wherever the cursor is, the points go in place
    window.editor.setTextCursor(cursor)
    window.action_map["skeleton"].trigger()
    text = window.editor.toPlainText()
    study = text.index("二、学习体会")
    first = text.index("（一）加强国家安全体系和能力建设。")
    second = text.index("（二）维护社会稳定和安全。")
    assert study < first < second < text.index("发言完毕，谢谢大家！")
    assert "（三）【" not in text and "（一）【" not in text  # the unfilled template points are replaced
    assert "一是健全国家安全制度体系" in text[first:second]
    assert len(text) < len(template_text) + 600  # lead sentences, not whole sections
    assert window.editor.quotes and all(text[q.start : q.end] == q.text for q in window.editor.quotes)
    assert "全文" in window.statusBar().currentMessage() and "字" in window.statusBar().currentMessage()
    window.editor.undo()  # one step takes it all back
    assert window.editor.toPlainText() == template_text


@pytest.mark.parametrize("answer,closes", [("cancel", False), ("discard", True)])
def test_closing_with_unsaved_changes_asks(qtbot, window, monkeypatch, answer, closes):
    import pingan_writer.gui.dialogs.reports as reports

    asked: list[str] = []
    monkeypatch.setattr(reports, "ask_save_changes", lambda parent, name, *_: asked.append(name) or answer)
    type_text(window.editor, "新写的一句话")
    assert window.session.modified
    window.close()
    assert asked and window.isVisible() != closes


def test_closing_and_saving(qtbot, window, monkeypatch, tmp_path):
    import pingan_writer.gui.dialogs.reports as reports
    from pingan_writer.draft.fileformat import load_draft

    target = tmp_path / "稿.pingan"
    monkeypatch.setattr(reports, "ask_save_changes", lambda parent, name, *_: "save")
    import pingan_writer.gui.controllers.documents as documents

    class Picker:  # the save dialog, answered
        @staticmethod
        def getSaveFileName(*args, **kwargs):
            return str(target), ""

    monkeypatch.setattr(documents, "QFileDialog", Picker)
    type_text(window.editor, "要保存的内容")
    window.close()
    assert not window.isVisible()
    assert load_draft(target).text == "要保存的内容"


def test_autosave_writes_a_recovery_copy_only_when_changed(qtbot, window):
    session = window.session
    assert session.autosave() is False  # nothing typed yet
    type_text(window.editor, "自动保存的内容")
    assert session.autosave() is True
    (entry,) = session.store.entries()
    assert entry.draft.text == "自动保存的内容"
    assert session.autosave() is False  # unchanged since
    session.close_cleanly()
    assert session.store.entries() == []


def test_status_bar_shows_length_time_target_and_quoting(qtbot, window):
    window.set_draft(Draft("一" * 360), None)
    window.update_status()
    assert window.status.chars_label.text() == "字数 360"
    assert window.status.time_label.text() == "预计 2.0 分钟"
    assert "还差" in window.status.target_label.text()
    assert window.status.quoted_label.text() == "引用 0%"


def test_screenshot_of_the_main_window_with_the_sample(qtbot, window):
    from pingan_writer.draft.fileformat import load_draft

    select_source(qtbot, window, "建设更高水平的平安中国")
    window.library_dock.tree.expandToDepth(1)
    window.show_node(window.source.outline.nodes[1])
    window.set_draft(load_draft(TALK_SAMPLE), None)
    window.update_status()
    qtbot.wait(50)  # let the layout follow the new texts before the picture is taken
    OUT.mkdir(exist_ok=True)
    image = window.grab().toImage()
    image.save(str(OUT / "main-window.png"))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert image.width() >= 1200 and len(colours) > 20  # a real window, not a blank one
    window.menus.sections.aboutToShow.emit()
    assert window.menus.sections.actions()


def test_fix_levels_and_renumber_in_the_editor_keep_quotes_and_undo_in_one_step(qtbot, window):
    from pingan_writer.draft.model import SourceRef

    talk = TALK_SAMPLE.read_text(encoding="utf-8")
    window.set_draft(Draft(talk), None)
    quote_text = "维护国家安全是全社会的责任。"
    at = talk.index(quote_text)
    cursor = window.editor.textCursor()
    cursor.setPosition(at)
    cursor.setPosition(at + len(quote_text), cursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    q = window.editor.insert_quote(quote_text, SourceRef("h", "原文"), [], 0, len(quote_text))
    window.action_map["fix_levels"].trigger()
    text = window.editor.toPlainText()
    assert "（一）建设更高水平的平安中国，要坚持总体国家安全观" in text
    assert "（三）建设更高水平的平安中国，要坚持深入推进维护社会稳定" in text
    assert text[q.start : q.end] == quote_text and not window.editor.drifted(q)
    window.editor.undo()
    assert window.editor.toPlainText() == talk  # one step back to the original


def test_insert_a_section_template_from_the_menu(qtbot, window):
    window.set_draft(Draft("二、学习体会\n（一）第一点。\n"), None)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.menus.sections.aboutToShow.emit()  # filled when opened
    titles = {a.text(): a for a in window.menus.sections.actions()}
    assert {"开场", "学习体会要点", "结尾"} <= set(titles)
    titles["学习体会要点"].trigger()
    text = window.editor.toPlainText()
    assert "（二）" in text and "一是" in text and "二是" in text  # numbered after the existing （一）
    titles["结尾"].trigger()
    assert window.editor.toPlainText().rstrip().endswith("发言完毕，谢谢大家！")


def test_window_geometry_and_dock_layout_are_kept(qtbot, window, sample_library_path, tmp_path):
    from PySide6.QtWidgets import QDockWidget

    from pingan_writer.draft.recovery import RecoveryStore
    from pingan_writer.gui.main_window import MainWindow

    dock = next(d for d in window.findChildren(QDockWidget) if d.objectName() == "panels")
    dock.hide()
    window.resize(700, 500)  # within the offscreen screen (800 × 600), which restoring clamps to
    window.close()
    again = MainWindow(library_path=str(sample_library_path), store=RecoveryStore(tmp_path / "recovery2"))
    try:
        assert (again.size().width(), again.size().height()) == (700, 500)
        restored = next(d for d in again.findChildren(QDockWidget) if d.objectName() == "panels")
        assert restored.isHidden()
    finally:
        again.editor.document().setModified(False)
        again.close()
