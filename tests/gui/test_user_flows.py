"""What a new user met on a fresh desktop (issue 9), each through the real window: the file
dialogs opened by their actions, drops on the library, the reader's shortcut, findings that
follow edits, prompts, outline labels, quotes found in pasted text, autosave failures."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from pingan_writer.draft.model import Draft

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE
from .test_main_window import node_index, select_source
from .typing_helpers import type_text


@pytest.fixture
def non_native_dialogs():
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    yield
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)


def close_file_dialog_soon(seen: list[str]) -> None:
    """Reject the next file dialog once it is on screen, recording its title and folder."""

    def look() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, look)
            return
        dialog = dialogs[0]
        seen.append(f"{dialog.windowTitle()}|{dialog.directory().absolutePath()}")
        dialog.reject()

    QTimer.singleShot(50, look)


@pytest.mark.parametrize("action", ["import", "open", "save_as"])
def test_each_file_dialog_opens_through_its_action(qtbot, window, non_native_dialogs, action):
    """PySide6 6.12 refuses a Path where Qt wants str: the dialog must really open."""
    seen: list[str] = []
    close_file_dialog_soon(seen)
    window.action_map[action].trigger()
    assert len(seen) == 1, f"{action} opened no file dialog"


def test_export_dialog_browse_opens_a_file_dialog(qtbot, tmp_path, non_native_dialogs):
    from pingan_writer.export.options import ExportOptions
    from pingan_writer.gui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(tmp_path / "发言.docx", ExportOptions())
    seen: list[str] = []
    close_file_dialog_soon(seen)
    dialog.browse()
    assert seen and seen[0].endswith(str(tmp_path))


def test_export_asks_before_replacing_a_typed_path(qtbot, tmp_path):
    from pingan_writer.export.options import ExportOptions
    from pingan_writer.gui.dialogs.export_dialog import ExportDialog

    existing = tmp_path / "发言.docx"
    existing.write_bytes(b"earlier export")
    dialog = ExportDialog(existing, ExportOptions())
    asked: list[str] = []

    def answer(button_text: str) -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(100, lambda: answer("取消"))
    dialog.accept()
    assert asked and "已经存在" in asked[0] and dialog.result() != dialog.DialogCode.Accepted
    QTimer.singleShot(100, lambda: answer("替换"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_dropping_files_on_the_library_panel_imports_them(qtbot, window, tmp_path, monkeypatch):
    import pingan_writer.gui.dialogs.reports as reports

    reported: list = []
    monkeypatch.setattr(reports, "show_import_report", lambda parent, rows, failures: reported.append(rows))
    doc = tmp_path / "新材料.txt"
    doc.write_text("关于加强基层治理的意见\n一、总体要求\n坚持党的领导。\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc)), QUrl.fromLocalFile(str(SOURCE_SAMPLE))])
    dock = window.library_dock
    event = QDropEvent(
        QPoint(20, 20).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dock.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: bool(reported), timeout=15_000)
    # The sample was already there: the report and the status bar say so rather than "imported".
    statuses = dict(reported[0])
    assert statuses["关于加强基层治理的意见"] == "已导入" and statuses["建设更高水平的平安中国"] == "已存在"
    assert "已存在 1 篇" in window.statusBar().currentMessage()


def test_import_summary_counts_what_really_happened():
    from pingan_writer.gui.dialogs.reports import import_report_summary

    assert import_report_summary([("甲", "已存在")], []) == "已存在 1 篇。"
    assert import_report_summary([("甲", "已导入"), ("乙", "已存在")], [("c.pdf", "x")]) == (
        "已导入 1 篇，已存在 1 篇，1 个文件未能导入。"
    )


def test_ctrl_shift_q_in_the_reader_quotes_into_the_draft(qtbot, window):
    """Two actions on one key are ambiguous to Qt and neither fires: the window's action owns it."""
    window.set_draft(Draft("二、学习体会\n"), None)
    select_source(qtbot, window, "建设更高水平的平安中国")
    window.show_node(window.library_dock.model.node_at(node_index(window, "三、", "（一）", "二是")))
    window.activateWindow()
    window.reader.view.setFocus()
    qtbot.waitUntil(window.reader.view.hasFocus, timeout=2000)
    qtbot.keyClick(
        window.reader.view,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (quote,) = window.editor.quotes
    assert quote.text.startswith("二是坚定维护政治安全。")


def test_findings_follow_edits_and_are_cleared_for_another_draft(qtbot, window):
    window.set_draft(Draft("开头一段。\n一、甲\n三、乙\n"), None)
    window.action_map["check"].trigger()
    panel = window.checks_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)

    def gap_row() -> int:
        text = window.editor.toPlainText()
        for row in range(panel.model.rowCount()):
            item = panel.model.item(row)
            start, end = item.data(Qt.ItemDataRole.UserRole + 4), item.data(Qt.ItemDataRole.UserRole + 5)
            if text[start:end] == "三、":
                return row
        return -1

    assert gap_row() >= 0
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "新增")  # text before the finding: its range moves with it
    row = gap_row()
    assert row >= 0
    panel.view.clicked.emit(panel.model.index(row, 0))
    assert window.editor.textCursor().selectedText() == "三、"
    window.action_map["fix_levels"].trigger()  # renumbering changes the markers: checked again
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10_000)
    window.set_draft(Draft("另一篇\n一、甲\n三、乙\n"), None)
    assert not panel.has_results() and panel.summary.text() == "尚未检查"


def test_f3_and_double_click_select_the_next_prompt(qtbot, window):
    from pingan_writer.draft.templates import load_template, render

    text = render(load_template("study-talk"), {})
    window.set_draft(Draft(text), None)
    window.editor.setFocus()
    window.action_map["next_prompt"].trigger()
    first = window.editor.textCursor().selectedText()
    assert first.startswith("【") and first.endswith("】")
    window.action_map["next_prompt"].trigger()
    assert window.editor.textCursor().selectedText() != first
    type_text(window.editor, "我的体会")  # typing replaces the selected prompt
    assert "我的体会" in window.editor.toPlainText()
    # Double-click inside a prompt selects all of it, not the sentence around it.
    offset = window.editor.toPlainText().index("【用一句话阐明这一论点】") + 3
    cursor = window.editor.textCursor()
    cursor.setPosition(offset)
    rect = window.editor.cursorRect(cursor)
    qtbot.mouseDClick(window.editor.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.textCursor().selectedText() == "【用一句话阐明这一论点】"


def test_outline_labels_tell_siblings_apart(qtbot, window):
    select_source(qtbot, window, "建设更高水平的平安中国")
    model = window.library_dock.model
    first = node_index(window, "一、")
    labels = [model.data(model.index(r, 0, first)) for r in range(model.rowCount(first))]
    assert len(labels) == 4 and len({label[:12] for label in labels}) == 4
    assert labels[0].startswith("（一）…") and "战略之举" in labels[0]


def test_quotes_pasted_from_a_source_are_found_and_counted_like_the_cli(qtbot, window, sample_library_path):
    from pingan_writer.library.store import Library

    with Library.open(sample_library_path) as lib:  # the talk is a draft here, not a source
        for info in lib.sources():
            if info.title != "建设更高水平的平安中国":
                lib.remove_source(info.id)
    window.refresh_sources()
    window.set_draft(Draft(TALK_SAMPLE.read_text(encoding="utf-8")), None)
    qtbot.waitUntil(lambda: bool(window.editor.detected()), timeout=15_000)
    window.update_status()
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "pingan_writer",
            "quotes",
            str(TALK_SAMPLE),
            "--library",
            str(sample_library_path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    coverage = json.loads(cli.stdout)["coverage"]
    assert window.status.quoted_label.text() == f"引用 {round(coverage * 100)}%"
    assert coverage > 0.2
    # The source node a pasted passage comes from now shows it as quoted.
    select_source(qtbot, window, "建设更高水平的平安中国")
    model = window.library_dock.model
    shares = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert any(shares)


def test_a_failing_autosave_is_said_in_the_status_bar(qtbot, window, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(window.session.store, "save", full_disk)
    type_text(window.editor, "要保护的文字")
    assert window.session.autosave() is False
    assert window.status.protection.isVisibleTo(window) and "未受保护" in window.status.protection.text()
    assert "磁盘空间不足" in window.status.protection.toolTip()
    monkeypatch.undo()
    type_text(window.editor, "再写")
    assert window.session.autosave() is True
    assert not window.status.protection.isVisibleTo(window)


def test_the_save_question_names_what_is_about_to_happen(qtbot):
    from pingan_writer.gui.dialogs.reports import build_save_changes

    assert "新建前要保存吗" in build_save_changes(None, "稿", "新建").text()


def test_a_section_template_is_inserted_as_its_own_paragraph(qtbot, window):
    window.set_draft(Draft("二、学习体会\n总的认识一段话。\n发言完毕，谢谢大家！\n"), None)
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index("认识"))  # in the middle of a paragraph
    window.editor.setTextCursor(cursor)
    window.menus.sections.aboutToShow.emit()
    action = next(a for a in window.menus.sections.actions() if "体会" in a.text())
    action.trigger()
    lines = window.editor.toPlainText().split("\n")
    assert lines[1] == "总的认识一段话。" and lines[2].startswith("（一）")
    assert "" not in lines[:-1]  # no empty paragraph left behind
    assert window.editor.textCursor().selectedText().startswith("【")  # ready to fill


def test_late_results_on_a_channel_never_replace_newer_ones(qtbot):
    import threading

    from pingan_writer.gui.jobs import JobRunner

    runner = JobRunner(lambda exc: pytest.fail(str(exc)))
    release = threading.Event()
    shown: list[str] = []
    old = runner.submit(lambda _r, _c: release.wait(5) and "old", shown.append, channel="related")
    runner.submit(lambda _r, _c: "new", shown.append, channel="related")
    qtbot.waitUntil(lambda: shown == ["new"], timeout=5000)
    assert old.cancelled()
    release.set()
    assert runner.wait(5000)
    assert shown == ["new"]
    runner.shutdown()


def test_work_asked_for_while_closing_never_runs(qtbot):
    """A result delivered while the window closes may ask for more work (a source shown asks for
    its keywords); after shutdown nothing new starts, so no worker outlives the window."""
    from pingan_writer.gui.jobs import JobRunner

    runner = JobRunner(lambda exc: pytest.fail(str(exc)))
    ran: list[str] = []
    runner.shutdown()
    late = runner.submit(lambda _r, _c: ran.append("late"), ran.append)
    qtbot.wait(200)
    assert late.cancelled() and ran == [] and runner.running() == []


def test_help_opens_the_guide_and_the_shortcut_list(qtbot, window, monkeypatch):
    from pingan_writer.gui.dialogs import help as help_dialogs

    guide = help_dialogs.build_guide(window)
    assert "F3" in guide.findChild(help_dialogs.QTextBrowser).toPlainText()
    rows = dict(help_dialogs.shortcut_rows(window.action_map))
    assert rows["引用所选原文"] == "Ctrl+Shift+Q" and rows["导入原文…"] == "Ctrl+I"
    keys = [k for _t, k in help_dialogs.shortcut_rows(window.action_map)]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"


def test_draft_outline_shows_the_same_timing_as_the_cli(qtbot, window, capsys):
    """Each section's 字数 and minutes in the draft outline are `timing --json`'s (one function)."""
    from pingan_writer.cli import main

    window.set_draft(Draft(text=TALK_SAMPLE.read_text(encoding="utf-8")), None, modified=False)
    window.draft_outline.rebuild_now(window.editor.toPlainText())
    assert (
        main(
            ["timing", str(TALK_SAMPLE), "--json", "--rate", str(window.settings.preferences().speaking_rate)]
        )
        == 0
    )
    expected = json.loads(capsys.readouterr().out)["sections"]
    shown = []
    it = [window.draft_outline.topLevelItem(i) for i in range(window.draft_outline.topLevelItemCount())]
    while it:
        item = it.pop(0)
        shown.append(item.text(1))
        it[:0] = [item.child(i) for i in range(item.childCount())]
    assert [s.split(" ")[0] for s in shown] == [f"{s['characters']}字" for s in expected]
    assert [s.split(" ")[1] for s in shown] == [f"{s['minutes']:.1f}分" for s in expected]
    assert all(s.endswith("%") for s in shown)  # the share of the target (the preference: 8 分钟)
