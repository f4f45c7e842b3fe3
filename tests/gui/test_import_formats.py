"""Importing sources as users receive them, through the real window: the import dialog offers
every format, the clipboard's text or copied web page becomes a source, an empty clipboard is
said in words, and a quote from a PDF source names its page."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog

from pingan_writer.library.store import Library

from ..conftest import SOURCE_SAMPLE
from .test_user_flows import non_native_dialogs  # noqa: F401 - a fixture

NEWS_PAGE = """<html><head><title>关于加强基层治理的意见_人民网</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/politics">时政</a> &gt; 正文</div>
<div class="article"><h1>关于加强基层治理的意见</h1>
<p>为深入贯彻落实党中央决策部署，推进基层治理体系和治理能力现代化，现提出如下意见。</p>
<p>一、总体要求</p>
<p>坚持党的全面领导，坚持以人民为中心，坚持系统观念，推动基层治理重心下移、资源下沉。</p>
<p>二、主要任务</p>
<p>健全基层党组织领导的基层群众自治机制，完善网格化管理、精细化服务、信息化支撑的基层治理平台。</p>
</div><div class="share">分享到：微信 微博</div>
<div class="footer">版权所有 ©人民网 京ICP证000000号</div></body></html>"""


def sources_in(window) -> dict[str, str]:
    with Library.open(window.library_path) as lib:
        return {info.title: info.format for info in lib.sources()}


def test_import_dialog_offers_every_readable_format(qtbot, window, non_native_dialogs):  # noqa: F811
    filters: list[list[str]] = []

    def look() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, look)
            return
        filters.append(dialogs[0].nameFilters())
        dialogs[0].reject()

    QTimer.singleShot(50, look)
    window.action_map["import"].trigger()
    assert filters, "the import dialog did not open"
    everything = filters[0][0]
    wanted = ("*.pdf", "*.PDF", "*.docx", "*.doc", "*.wps", "*.html", "*.mhtml", "*.odt", "*.rtf", "*.txt")
    assert all(pattern in everything for pattern in wanted)
    assert any(f.startswith("PDF") for f in filters[0]) and filters[0][-1].endswith("(*)")


def test_clipboard_text_becomes_a_source_titled_by_its_first_line(qtbot, window):
    QGuiApplication.clipboard().setText("基层治理工作要点\n一、总体要求\n坚持党的领导，夯实基层基础。\n")
    window.action_map["import_clipboard"].trigger()
    # Shown at once in the outline panel and the reader.
    qtbot.waitUntil(
        lambda: window.source is not None and window.source.title == "基层治理工作要点", timeout=15_000
    )
    assert sources_in(window)["基层治理工作要点"] == "clipboard"
    assert "来自剪贴板" in window.statusBar().currentMessage()


def test_copied_web_page_is_read_like_a_saved_page(qtbot, window):
    mime = QMimeData()
    mime.setHtml(NEWS_PAGE)
    mime.setText("关于加强基层治理的意见 为深入贯彻落实……")
    QGuiApplication.clipboard().setMimeData(mime)
    window.action_map["import_clipboard"].trigger()
    qtbot.waitUntil(
        lambda: window.source is not None and window.source.title.startswith("关于加强"), timeout=15_000
    )
    assert window.source.title == "关于加强基层治理的意见"
    text = window.source.text
    assert "坚持党的全面领导，坚持以人民为中心" in text
    assert "分享到" not in text and "版权所有" not in text and "首页" not in text
    assert [n.number for n in window.source.outline.nodes] == ["一、", "二、"]


def test_empty_clipboard_is_said_in_words_and_changes_nothing(qtbot, window, monkeypatch):
    from pingan_writer.gui.dialogs import reports

    shown: list[str] = []
    monkeypatch.setattr(reports, "show_error", lambda _parent, title, text: shown.append(f"{title}|{text}"))
    QGuiApplication.clipboard().clear()
    before = sources_in(window)
    window.action_map["import_clipboard"].trigger()
    assert shown and "剪贴板中没有文字" in shown[0]
    assert sources_in(window) == before


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_quote_from_a_pdf_source_names_its_page(qtbot, window, tmp_path):
    from pingan_writer.draft.model import Draft
    from pingan_writer.export.api import export_draft

    pdf = tmp_path / "平安中国.pdf"
    export_draft(Draft(text=SOURCE_SAMPLE.read_text(encoding="utf-8")), pdf)
    done: list = []
    window.import_paths([str(pdf)], on_finished=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    pdf_id = done[0].results[0][1].source_id
    window.sources.select(pdf_id)  # read in a worker
    qtbot.waitUntil(lambda: window.sources.source_id == pdf_id, timeout=10_000)
    source = window.source
    node = next(n for n in source.outline.nodes if n.number == "三、")
    window.insert_payload(window.library_dock.payload_for(node))
    quote = window.editor.quotes[-1]
    assert quote.page == source.page_at(node.start) and quote.page > 1
    assert quote.provenance().endswith(f"第{quote.page}页")
    window.show_node(node)  # the reader names the page too
    assert window.reader._crumbs.text().endswith(f"第{quote.page}页")


def test_outline_labels_keep_a_number_apart_from_a_title_starting_with_digits():
    from pingan_writer.gui.models.outline_model import OutlineModel
    from pingan_writer.text.outline import parse_outline

    model = OutlineModel()
    model.set_outline(parse_outline("通知\n一、范围\n各单位。\n附件1\n2024年度考评细则\n一、评分\n内容。\n"))
    labels = [model.item(row, 0).text() for row in range(model.rowCount())]
    assert labels[0] == "一、范围"
    assert labels[1].startswith("附件1 2024")


def test_a_huge_outline_shows_its_first_nodes_and_says_how_many_more():
    """A file of tens of thousands of headings: building (and clearing) every row took seconds
    of the UI thread; the panel shows the first MAX_SHOWN and a row that says what is left."""
    from pingan_writer.gui.models import outline_model
    from pingan_writer.text.outline import parse_outline

    outline = parse_outline("".join(f"附件{i}\n第{i}份材料。\n" for i in range(1, 3001)))
    stack, total = list(outline.nodes), 0
    while stack:
        total += 1
        stack.extend(stack.pop().children)
    assert total > outline_model.MAX_SHOWN
    model = outline_model.OutlineModel()
    model.set_outline(outline)
    assert model.nodes_shown == outline_model.MAX_SHOWN
    last = model.item(model.rowCount() - 1, 0)
    assert last.text() == f"…… 提纲过长，只显示前 {outline_model.MAX_SHOWN} 项（共 {total} 项）"
    assert model.node_at(last.index()) is None  # not a node: nothing to quote or select
    model.set_outline(None)
    assert model.rowCount() == 0 and model.nodes_shown == 0


def test_a_source_without_headings_can_still_be_read_and_quoted(qtbot, window, tmp_path):
    """A plain list or a talk without numbered headings has no outline nodes: the panel used to
    stay empty, and the reader kept asking the user to pick a section there was none of."""
    path = tmp_path / "清单.md"
    path.write_text("".join(f"- 第{i}项工作要求\n" for i in range(1, 301)), encoding="utf-8")
    done: list = []
    window.import_paths([str(path)], on_finished=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    source_id = done[0].results[0][1].source_id
    window.sources.select(source_id)
    qtbot.waitUntil(lambda: window.sources.source_id == source_id, timeout=10_000)
    source = window.source
    assert source.outline.nodes == []
    model = window.library_dock.model
    assert model.rowCount() == 1 and model.item(0, 0).text() == "全文（未识别到标题层级）"
    node = model.node_at(model.index(0, 0))
    window.show_node(node)
    assert window.reader.view.toPlainText() == source.text
    window.insert_payload(window.library_dock.payload_for(node))
    assert window.editor.quotes[-1].text == "第1项工作要求"  # unselected: its first paragraph


def test_the_outline_keeps_its_column_layout_when_a_source_is_shown(qtbot):
    from PySide6.QtWidgets import QHeaderView

    from pingan_writer.gui.library_dock import LibraryDock
    from pingan_writer.text.outline import parse_outline

    dock = LibraryDock()
    qtbot.addWidget(dock)
    dock.model.set_outline(parse_outline(SOURCE_SAMPLE.read_text(encoding="utf-8")))
    header = dock.tree.header()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch  # titles get the room
    assert dock.model.headerData(0, Qt.Orientation.Horizontal) == "提纲"


def test_drop_of_a_pdf_on_the_library_is_accepted(qtbot, window, tmp_path):
    from PySide6.QtCore import QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "材料.pdf"))])
    no_keys = Qt.KeyboardModifier.NoModifier
    event = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, no_keys
    )
    window.library_dock.dragEnterEvent(event)
    assert event.isAccepted()


def test_a_failed_import_leaves_no_progress_dialog_behind(qtbot, tmp_path, monkeypatch):
    """The import fails at once (the library is another program's database). While the user
    reads the message, the progress dialog must stay gone: Qt starts a 4-second show timer when
    the dialog is made, and closing it does not stop that; it came back over the message box,
    window-modal, and blocked it."""
    import sqlite3

    from PySide6.QtWidgets import QProgressDialog

    from pingan_writer.draft.recovery import RecoveryStore
    from pingan_writer.gui.dialogs import reports
    from pingan_writer.gui.main_window import MainWindow

    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("create table t(x)")
    progress_up: list[bool] = []

    def read_the_message(_parent, title, text):
        if title == "导入原文":
            qtbot.wait(4500)  # the user reads it; Qt's timers run meanwhile
            dialogs = window.findChildren(QProgressDialog)
            progress_up.append(any(d.isVisible() for d in dialogs))

    monkeypatch.setattr(reports, "show_error", read_the_message)
    window = MainWindow(library_path=str(foreign), store=RecoveryStore(tmp_path / "recovery"))
    qtbot.addWidget(window)
    window.show()
    window.import_paths([str(SOURCE_SAMPLE)])
    qtbot.waitUntil(lambda: bool(progress_up), timeout=15_000)
    assert progress_up == [False]
    window.runner.wait(10_000)
