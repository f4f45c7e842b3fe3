"""Dialogs: what each one returns for what the user does, and that each renders legibly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer, QUrl
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QWidget,
    QWizard,
)

from pingan_writer.draft.templates import list_templates
from pingan_writer.export import pdf
from pingan_writer.export.options import FANGSONG_CHOICES, KAITI_CHOICES, PROVENANCE_CHOICES, ExportOptions
from pingan_writer.gui.dialogs import reports
from pingan_writer.gui.dialogs.export_dialog import ExportDialog, build_export_done
from pingan_writer.gui.dialogs.new_draft import NewDraftRequest, NewDraftWizard, format_date
from pingan_writer.gui.dialogs.preferences import PreferencesDialog
from pingan_writer.gui.settings import Preferences

SOURCES = [(1, "建设更高水平的平安中国"), (2, "关于加强基层治理的意见"), (3, "在学习会上的讲话")]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture
def templates():
    return list_templates(kind="document")


@pytest.fixture
def soffice(monkeypatch):
    """Pretend LibreOffice is installed (or, with .set(None), that it is not)."""

    class Switch:
        def set(self, value: str | None) -> None:
            monkeypatch.setattr(pdf, "find_soffice", lambda: value)

    switch = Switch()
    switch.set("/usr/bin/soffice")
    return switch


def answer_modal(act: Callable[[QWidget], None], errors: list[BaseException]) -> None:
    """Once the modal dialog is up, run `act` on it. If `act` fails the dialog is closed anyway
    (so the test cannot hang in exec()) and the error is kept for the test to raise."""

    def run(tries: int = 0) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            if tries < 200:
                QTimer.singleShot(10, lambda: run(tries + 1))
            return
        try:
            act(widget)
        except BaseException as err:
            errors.append(err)
            widget.close()

    QTimer.singleShot(0, run)


def button_with_text(widget: QWidget, text: str) -> QAbstractButton:
    for button in widget.findChildren(QAbstractButton):
        if button.text() == text:
            return button
    raise AssertionError(f"no button {text!r} in {widget.objectName()}")


# --- new draft wizard --------------------------------------------------------------------------------


def make_wizard(qtbot, templates, defaults: NewDraftRequest | None = None) -> NewDraftWizard:
    wizard = NewDraftWizard(templates, SOURCES, defaults)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_wizard_has_a_chinese_title_and_preselects_the_study_talk(qtbot, templates):
    wizard = make_wizard(qtbot, templates)
    assert wizard.windowTitle() == "新建发言稿"
    assert wizard.template_page.template_name() == "study-talk"
    assert "学习体会发言" in wizard.template_page.list.currentItem().text()
    assert wizard.buttonText(QWizard.WizardButton.NextButton).startswith("下一步")


def test_wizard_lists_each_template_with_its_description(qtbot, templates):
    wizard = make_wizard(qtbot, templates)
    texts = [wizard.template_page.list.item(i).text() for i in range(wizard.template_page.list.count())]
    assert len(texts) == len(templates)
    for template, text in zip(templates, texts, strict=True):
        assert template.title in text
        assert template.description in text


def test_wizard_cannot_go_on_until_a_source_is_checked(qtbot, templates):
    wizard = make_wizard(qtbot, templates)
    wizard.next()
    page = wizard.sources_page
    assert wizard.currentPage() is page
    assert page.isComplete() is False
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    with qtbot.waitSignal(page.completeChanged, timeout=1000):
        page.list.item(1).setCheckState(Qt.CheckState.Checked)
    assert page.isComplete() is True
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    page.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert page.isComplete() is False
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_wizard_request_reflects_the_choices(qtbot, templates):
    wizard = make_wizard(qtbot, templates)
    names = [wizard.template_page.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(len(templates))]
    wizard.template_page.list.setCurrentRow(names.index("discussion"))
    wizard.next()
    wizard.sources_page.list.item(2).setCheckState(Qt.CheckState.Checked)
    wizard.sources_page.list.item(0).setCheckState(Qt.CheckState.Checked)
    wizard.next()
    details = wizard.details_page
    assert wizard.currentPage() is details
    # QTest cannot type CJK characters (it aborts); an input method would insert them like this.
    details.speaker_edit.setText("  张三 ")
    details.meeting_edit.setText("理论学习中心组学习会")
    details.date_edit.setDate(QDate(2026, 3, 5))
    details.minutes_spin.setValue(10.5)
    assert details.date_edit.text() == "2026年3月5日"

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.request() == NewDraftRequest(
        template="discussion",
        source_ids=[1, 3],
        speaker="张三",
        meeting="理论学习中心组学习会",
        date="2026年3月5日",
        minutes=10.5,
    )


def test_wizard_starts_from_the_defaults_and_today(qtbot, templates):
    defaults = NewDraftRequest(
        template="pledge", source_ids=[2], speaker="李四", meeting="专题研讨会", date="", minutes=5.0
    )
    wizard = make_wizard(qtbot, templates, defaults)
    request = wizard.request()
    assert request.template == "pledge"
    assert request.source_ids == [2]
    assert (request.speaker, request.meeting, request.minutes) == ("李四", "专题研讨会", 5.0)
    assert request.date == format_date(QDate.currentDate())
    assert wizard.details_page.minutes_spin.minimum() == 1
    assert wizard.details_page.minutes_spin.maximum() == 120


def test_wizard_default_date_and_date_format():
    assert format_date(QDate(2026, 11, 22)) == "2026年11月22日"
    assert format_date(QDate(2027, 1, 9)) == "2027年1月9日"


def test_wizard_keeps_a_remembered_date(qtbot, templates):
    wizard = make_wizard(qtbot, templates, NewDraftRequest(date="2025年12月1日"))
    assert wizard.request().date == "2025年12月1日"


def test_wizard_filter_and_check_all_apply_to_visible_sources(qtbot, templates):
    wizard = make_wizard(qtbot, templates)
    page = wizard.sources_page
    page.filter_edit.setText("平安")
    qtbot.mouseClick(page.all_button, Qt.MouseButton.LeftButton)
    assert page.source_ids() == [1]
    assert page.count_label.text() == "已选 1 篇"


# --- export dialog -------------------------------------------------------------------------------------


def make_export(
    qtbot, tmp_path, options: ExportOptions | None = None, name: str = "学习体会.docx"
) -> ExportDialog:
    dialog = ExportDialog(tmp_path / name, options or ExportOptions())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select_format(dialog: ExportDialog, suffix: str) -> None:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(suffix))


def test_export_path_suffix_follows_the_format(qtbot, tmp_path, soffice):
    dialog = make_export(qtbot, tmp_path)
    for suffix in (".txt", ".md", ".pdf", ".docx"):
        select_format(dialog, suffix)
        assert dialog.path_edit.text() == str(tmp_path / f"学习体会{suffix}")
        assert dialog.request()[0] == tmp_path / f"学习体会{suffix}"


def test_export_typed_name_gets_the_suffix_and_a_typed_suffix_picks_the_format(qtbot, tmp_path, soffice):
    dialog = make_export(qtbot, tmp_path)
    dialog.path_edit.setText(str(tmp_path / "发言.定稿"))
    assert dialog.request()[0] == tmp_path / "发言.定稿.docx"
    dialog.path_edit.setText(str(tmp_path / "发言.md"))
    dialog.path_edit.editingFinished.emit()
    assert dialog.current_format() == ".md"


def test_export_layout_options_disabled_for_txt_and_md(qtbot, tmp_path, soffice):
    dialog = make_export(qtbot, tmp_path)
    layout_widgets = (
        dialog.quote_combo,
        dialog.notes_check,
        dialog.pitch_combo,
        dialog.page_numbers_check,
        dialog.signature_check,
    )
    assert all(w.isEnabled() for w in layout_widgets)
    for suffix in (".txt", ".md"):
        select_format(dialog, suffix)
        assert not any(w.isEnabled() for w in layout_widgets)
        assert dialog.layout_note.isVisible()
    select_format(dialog, ".pdf")
    assert all(w.isEnabled() for w in layout_widgets)


def test_export_pdf_disabled_without_libreoffice(qtbot, tmp_path, soffice):
    soffice.set(None)
    dialog = make_export(qtbot, tmp_path, name="学习体会.pdf")
    item = dialog.format_combo.model().item(dialog.format_combo.findData(".pdf"))
    assert not item.isEnabled()
    assert "LibreOffice" in item.toolTip()
    # A default path asking for PDF falls back to Word rather than a format that cannot work.
    assert dialog.current_format() == ".docx"
    assert dialog.request()[0].suffix == ".docx"


def test_export_pdf_enabled_with_libreoffice(qtbot, tmp_path, soffice):
    dialog = make_export(qtbot, tmp_path, name="学习体会.pdf")
    item = dialog.format_combo.model().item(dialog.format_combo.findData(".pdf"))
    assert item.isEnabled()
    assert item.toolTip() == ""
    assert dialog.current_format() == ".pdf"


def test_export_starts_from_the_given_options(qtbot, tmp_path, soffice):
    options = ExportOptions(quote_style="kai", source_notes=True, line_pitch=28, page_numbers=False)
    dialog = make_export(qtbot, tmp_path, options)
    assert dialog.request() == (tmp_path / "学习体会.docx", options)


def test_export_request_returns_the_chosen_options(qtbot, tmp_path, soffice):
    dialog = make_export(qtbot, tmp_path)
    dialog.quote_combo.setCurrentIndex(dialog.quote_combo.findData("kai"))
    dialog.pitch_combo.setCurrentIndex(dialog.pitch_combo.findData(28))
    # click(), not a mouse click at the centre: in a stretched form row the centre misses the box.
    dialog.notes_check.click()
    dialog.page_numbers_check.click()
    dialog.signature_check.click()
    assert dialog.quote_combo.currentText() == "楷体"
    assert dialog.request() == (
        tmp_path / "学习体会.docx",
        ExportOptions(
            quote_style="kai", source_notes=True, line_pitch=28, page_numbers=False, signature=False
        ),
    )


def test_export_ok_needs_a_file_name(qtbot, tmp_path, soffice):
    dialog = make_export(qtbot, tmp_path)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "导出"
    assert ok.isEnabled()
    dialog.path_edit.clear()
    assert not ok.isEnabled()


def test_export_browse_uses_the_format_filter_and_adds_the_suffix(qtbot, tmp_path, soffice, monkeypatch):
    calls = []

    def fake_save(parent, caption, directory, name_filter):
        calls.append((directory, name_filter))
        return str(tmp_path / "别处" / "新名字"), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    dialog = make_export(qtbot, tmp_path)
    select_format(dialog, ".md")
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert calls == [(str(tmp_path / "学习体会.md"), "Markdown (.md) (*.md)")]
    assert dialog.request()[0] == tmp_path / "别处" / "新名字.md"


def test_export_done_opens_the_folder(qtbot, tmp_path):
    opened: list[QUrl] = []
    target = tmp_path / "导出" / "学习体会.docx"
    box = build_export_done(None, target, opener=opened.append)
    qtbot.addWidget(box)
    assert "已导出" in box.text()
    assert str(target) in box.text()
    box.show()
    qtbot.mouseClick(button_with_text(box, "打开所在文件夹"), Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "导出"))]


def test_export_done_ok_opens_nothing(qtbot, tmp_path):
    opened: list[QUrl] = []
    box = build_export_done(None, tmp_path / "a.docx", opener=opened.append)
    qtbot.addWidget(box)
    box.show()
    qtbot.mouseClick(button_with_text(box, "确定"), Qt.MouseButton.LeftButton)
    assert opened == []


# --- preferences -------------------------------------------------------------------------------------


def make_preferences(qtbot, prefs: Preferences) -> PreferencesDialog:
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


CUSTOM = Preferences(
    speaking_rate=220,
    target_minutes=6.5,
    line_pitch=28,
    quote_style="kai",
    source_notes=True,
    page_numbers=False,
    signature=False,
    fangsong=FANGSONG_CHOICES[1],  # every export default, not only the first few, survives OK
    kaiti=KAITI_CHOICES[1],
    provenance=PROVENANCE_CHOICES[-1],
    editor_font_family="Noto Serif CJK SC",
    editor_font_size=20,
)


def test_preferences_round_trip(qtbot):
    dialog = make_preferences(qtbot, CUSTOM)
    assert dialog.preferences() == CUSTOM


def test_preferences_reflect_edits(qtbot):
    dialog = make_preferences(qtbot, Preferences())
    dialog.rate_spin.setValue(200)
    dialog.minutes_spin.setValue(10)
    dialog.size_spin.setValue(16)
    dialog.notes_check.click()
    dialog.font_combo.setCurrentFont(QFont("Noto Sans CJK SC"))
    prefs = dialog.preferences()
    assert (prefs.speaking_rate, prefs.target_minutes, prefs.editor_font_size) == (200, 10.0, 16)
    assert prefs.source_notes is True
    assert prefs.editor_font_family == dialog.font_combo.currentFont().family() != ""
    assert "2000" in dialog.length_hint.text()


def test_preferences_ranges(qtbot):
    dialog = make_preferences(qtbot, Preferences())
    assert (dialog.rate_spin.minimum(), dialog.rate_spin.maximum()) == (100, 300)
    assert (dialog.size_spin.minimum(), dialog.size_spin.maximum()) == (8, 36)


def test_preferences_restore_defaults(qtbot):
    dialog = make_preferences(qtbot, CUSTOM)
    restore = dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
    assert restore.text() == "恢复默认"
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert dialog.preferences() == Preferences()
    assert dialog.isVisible()  # restoring is not accepting


def test_preferences_ok_and_cancel(qtbot):
    dialog = make_preferences(qtbot, Preferences())
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


# --- reports, recovery, save changes, errors -------------------------------------------------------------


def test_import_report_not_shown_when_there_is_nothing_to_report(monkeypatch):
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self))
    assert reports.build_import_report(None, [], []) is None
    reports.show_import_report(None, [], [])
    assert shown == []
    reports.show_import_report(None, [("标题", "已导入")], [])
    assert len(shown) == 1


def test_import_report_lists_imports_and_failures_with_reasons(qtbot):
    dialog = reports.build_import_report(
        None,
        [("建设更高水平的平安中国", "已导入"), ("关于加强基层治理的意见", "")],
        [("旧文件.doc", "不支持旧版 Word .doc 文件，请另存为 .docx")],
    )
    qtbot.addWidget(dialog)
    tree = dialog.findChild(QWidget, "reportTree")
    failed, imported = tree.topLevelItem(0), tree.topLevelItem(1)
    assert failed.text(0) == "失败（1）"
    assert (failed.child(0).text(0), failed.child(0).text(1)) == (
        "旧文件.doc",
        "不支持旧版 Word .doc 文件，请另存为 .docx",
    )
    assert imported.text(0) == "已导入（2）"
    assert (imported.child(0).text(0), imported.child(0).text(1)) == ("建设更高水平的平安中国", "已导入")
    assert imported.child(1).text(1) == "已导入"  # a blank status reads as 已导入
    assert dialog.findChild(QWidget, "summaryLabel").text() == "已导入 2 篇，1 个文件未能导入。"


def test_import_report_closes_with_its_button(qtbot):
    errors: list[BaseException] = []
    answer_modal(lambda w: button_with_text(w, "关闭").click(), errors)
    reports.show_import_report(None, [], [("x.bin", "不是文本文件")])
    assert not errors


@pytest.mark.parametrize(("row", "button", "expected"), [(1, "恢复", 1), (0, "恢复", 0), (1, "放弃", None)])
def test_ask_recovery_returns_the_chosen_draft(qtbot, row, button, expected):
    entries = [
        ("未命名稿件", "2026-11-22 10:31", "按照会议安排，由我围绕……"),
        ("学习体会发言", "2026-11-21 17:02", "一、主要内容……"),
    ]
    errors: list[BaseException] = []

    def act(dialog: QWidget) -> None:
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(row))
        button_with_text(dialog, button).click()

    answer_modal(act, errors)
    result = reports.ask_recovery(None, entries)
    assert not errors
    assert result == expected


def test_recovery_dialog_shows_label_time_and_preview(qtbot):
    dialog = reports.build_recovery(None, [("未命名稿件", "2026-11-22 10:31", "按照会议安排")])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "发现未保存的稿件"
    item = dialog.tree.topLevelItem(0)
    assert [item.text(i) for i in range(3)] == ["未命名稿件", "2026-11-22 10:31", "按照会议安排"]
    dialog.discard()
    assert dialog.choice() is None


def test_recovery_dialog_is_not_dismissed_by_escape_or_closing(qtbot):
    # The caller deletes the recovery copies on None: only an explicit 放弃 may produce it.
    dialog = reports.build_recovery(None, [("未命名稿件", "2026-11-22 10:31", "按照会议安排")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.choice() is None


@pytest.mark.parametrize(
    ("button", "expected"), [("保存", "save"), ("不保存", "discard"), ("取消", "cancel")]
)
def test_ask_save_changes_returns_the_button_pressed(qtbot, button, expected):
    errors: list[BaseException] = []
    answer_modal(lambda box: button_with_text(box, button).click(), errors)
    result = reports.ask_save_changes(None, "学习体会发言")
    assert not errors
    assert result == expected


def test_save_changes_escape_means_cancel(qtbot):
    box = reports.build_save_changes(None, "学习体会发言")
    qtbot.addWidget(box)
    assert "学习体会发言" in box.text()
    box.show()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert reports.save_changes_answer(box) == "cancel"


def test_show_error_is_critical_and_chinese(qtbot):
    box = reports.build_error(None, "无法导入", "旧文件.doc：不支持旧版 Word .doc 文件")
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Critical
    assert (box.windowTitle(), box.text()) == ("无法导入", "旧文件.doc：不支持旧版 Word .doc 文件")
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    errors: list[BaseException] = []
    answer_modal(lambda w: button_with_text(w, "确定").click(), errors)
    reports.show_error(None, "无法导入", "旧文件.doc：不支持旧版 Word .doc 文件")
    assert not errors


# --- screenshots ----------------------------------------------------------------------------------------


def distinct_colours(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())
    return len(set(memoryview(data).cast("I")))


SCREENSHOTS: dict[str, Callable[[Path], QWidget]] = {
    "new_draft_template": lambda tmp: NewDraftWizard(list_templates(kind="document"), SOURCES),
    "export": lambda tmp: ExportDialog(tmp / "学习体会发言.docx", ExportOptions()),
    "preferences": lambda tmp: PreferencesDialog(Preferences()),
    "import_report": lambda tmp: reports.build_import_report(
        None,
        [("建设更高水平的平安中国", "已更新")],
        [("旧文件.doc", "不支持旧版 Word .doc 文件，请另存为 .docx")],
    ),
    "recovery": lambda tmp: reports.build_recovery(
        None,
        [
            (
                "未命名稿件",
                "2026-11-22 10:31",
                "按照会议安排，由我围绕《建设更高水平的平安中国》学习内容分享个人体会。",
            )
        ],
    ),
    "save_changes": lambda tmp: reports.build_save_changes(None, "学习体会发言"),
    "error": lambda tmp: reports.build_error(None, "导出失败", "学习体会.docx：文件被占用或没有写入权限"),
    "export_done": lambda tmp: build_export_done(None, tmp / "学习体会发言.docx"),
}


@pytest.mark.parametrize("name", sorted(SCREENSHOTS))
def test_dialog_screenshot_is_not_blank(qtbot, tmp_path, soffice, name):
    widget = SCREENSHOTS[name](tmp_path)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    OUTPUT.mkdir(exist_ok=True)
    assert image.save(str(OUTPUT / f"dialog_{name}.png"))
    assert distinct_colours(image) > 1


def test_export_dialog_says_which_fonts_this_machine_lacks(qtbot, tmp_path, monkeypatch):
    from pingan_writer.export import fonts
    from pingan_writer.export.options import ExportOptions
    from pingan_writer.gui.dialogs.export_dialog import ExportDialog

    have = frozenset(n.casefold() for n in ("仿宋", "楷体", "黑体", "宋体", "Times New Roman"))
    monkeypatch.setattr(fonts, "installed_families", lambda: have)
    dialog = ExportDialog(tmp_path / "发言.docx", ExportOptions())
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.fonts_note
    assert note.isVisible() and "仿宋_GB2312" in note.text() and "可改选" in note.text()
    dialog.options_form.fangsong_combo.setCurrentIndex(dialog.options_form.fangsong_combo.findData("仿宋"))
    dialog.options_form.kaiti_combo.setCurrentIndex(dialog.options_form.kaiti_combo.findData("楷体"))
    assert note.text().startswith("本机没有安装 方正小标宋简体。")
    assert dialog.options().fangsong == "仿宋" and dialog.options().kaiti == "楷体"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".txt"))
    assert not note.isVisible()  # plain text names no fonts


def test_export_dialog_offers_a_speakers_copy(qtbot, tmp_path):
    from pingan_writer.export.options import ExportOptions
    from pingan_writer.gui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(tmp_path / "发言.docx", ExportOptions(speaker_rate=150))
    qtbot.addWidget(dialog)
    assert not dialog.options().speaker_copy and dialog.layout_group.isEnabled()
    dialog.speaker_check.setChecked(True)
    dialog.speaker_size_combo.setCurrentIndex(dialog.speaker_size_combo.findData(18))
    options = dialog.options()
    assert options.speaker_copy and options.speaker_size == 18 and options.speaker_rate == 150
    assert not dialog.layout_group.isEnabled()  # the official layout does not apply to a 讲稿
    assert "小二" in dialog.speaker_size_combo.currentText()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".txt"))
    assert not dialog.options().speaker_copy and not dialog.speaker_check.isEnabled()
