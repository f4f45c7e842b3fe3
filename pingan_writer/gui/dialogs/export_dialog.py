"""The 导出 dialog (format, target path, layout options) and the 已导出 notice.

The dialog only collects a path and ExportOptions; the main window runs the export. Its strings
use the translation context "ExportDialog" and sit in `retranslate` (the notice's in
`build_export_done`, the layout options' in ExportOptionsForm).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pingan_writer.export import fonts, pdf
from pingan_writer.export.options import SPEAKER_SIZE_CHOICES, SPEAKER_SIZES, ExportOptions
from pingan_writer.gui.dialogs.export_options_form import ExportOptionsAliases, ExportOptionsForm

DOCX, PDF, TXT, MD = ".docx", ".pdf", ".txt", ".md"
FORMATS = (DOCX, PDF, TXT, MD)
LAYOUT_FORMATS = (DOCX, PDF)  # the layout options only shape a paged layout

Opener = Callable[[QUrl], object]


class ExportDialog(ExportOptionsAliases, QDialog):
    """`request()` after `exec()` returns QDialog.Accepted gives the target and the options."""

    def __init__(self, default_path: Path, options: ExportOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._confirmed: Path | None = None  # a path the file picker already asked about
        self.setObjectName("ExportDialog")
        # Looked up through the module so tests (and a LibreOffice installed meanwhile) are seen.
        self.pdf_available = pdf.find_soffice() is not None

        self.format_combo = QComboBox()
        self.format_combo.setObjectName("formatCombo")
        for suffix in FORMATS:
            self.format_combo.addItem("", suffix)
        self.path_edit = QLineEdit(str(default_path))
        self.path_edit.setObjectName("pathEdit")
        self.browse_button = QPushButton()
        self.browse_button.setObjectName("browseButton")

        self.options_form = ExportOptionsForm()
        self.layout_note = QLabel()
        self.layout_note.setWordWrap(True)
        self.fonts_note = QLabel()
        self.fonts_note.setObjectName("fontsNote")
        self.fonts_note.setWordWrap(True)
        self.fonts_note.setStyleSheet("color: #8a5a00;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        self.format_label, self.path_label = QLabel(), QLabel()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        target = QFormLayout()
        target.addRow(self.format_label, self.format_combo)
        target.addRow(self.path_label, path_row)
        self.format_label.setBuddy(self.format_combo)
        self.path_label.setBuddy(self.path_edit)

        self.layout_group = QGroupBox()
        QVBoxLayout(self.layout_group).addWidget(self.options_form)
        # A 讲稿 for the lectern instead of the official document: large type, wide lines, each
        # section's minutes after its heading (export.speaker_copy).
        self._base = options
        self.speaker_check = QCheckBox()
        self.speaker_check.setObjectName("speakerCheck")
        self.speaker_size_combo = QComboBox()
        self.speaker_size_combo.setObjectName("speakerSizeCombo")
        for size in SPEAKER_SIZE_CHOICES:
            self.speaker_size_combo.addItem("", size)
        speaker_row = QHBoxLayout()
        speaker_row.addWidget(self.speaker_check)
        speaker_row.addWidget(self.speaker_size_combo)
        speaker_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(target)
        layout.addLayout(speaker_row)
        layout.addWidget(self.layout_group)
        layout.addWidget(self.layout_note)
        layout.addWidget(self.fonts_note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.retranslate()
        self._apply_pdf_availability()
        self.options_form.set_options(options)
        self._select_format(default_path.suffix.lower())

        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.options_form.fangsong_combo.currentIndexChanged.connect(self._update_fonts_note)
        self.speaker_check.toggled.connect(self._format_changed)
        self.options_form.kaiti_combo.currentIndexChanged.connect(self._update_fonts_note)
        self.path_edit.textChanged.connect(self._update_ok)
        self.path_edit.editingFinished.connect(self._path_edited)
        self.browse_button.clicked.connect(self.browse)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._format_changed()
        self.resize(560, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("ExportDialog", "导出"))
        names = {
            DOCX: QCoreApplication.translate("ExportDialog", "Word 公文格式 (.docx)"),
            PDF: QCoreApplication.translate("ExportDialog", "PDF (.pdf)"),
            TXT: QCoreApplication.translate("ExportDialog", "纯文本 (.txt)"),
            MD: QCoreApplication.translate("ExportDialog", "Markdown (.md)"),
        }
        for row, suffix in enumerate(FORMATS):
            self.format_combo.setItemText(row, names[suffix])
        self.format_label.setText(QCoreApplication.translate("ExportDialog", "格式(&F)："))
        self.path_label.setText(QCoreApplication.translate("ExportDialog", "保存到(&P)："))
        self.browse_button.setText(QCoreApplication.translate("ExportDialog", "浏览(&B)…"))
        self.layout_group.setTitle(QCoreApplication.translate("ExportDialog", "版式（GB/T 9704）"))
        self.speaker_check.setText(
            QCoreApplication.translate("ExportDialog", "发言用讲稿（大字、宽行距、标出各部分时长）(&T)")
        )
        for row, size in enumerate(SPEAKER_SIZE_CHOICES):
            self.speaker_size_combo.setItemText(row, f"{SPEAKER_SIZES[size]}（{size} 磅）")
        self.options_form.retranslate()
        self.layout_note.setText(
            QCoreApplication.translate("ExportDialog", "纯文本和 Markdown 只导出文字，不带以上版式设置。")
        )
        self.pdf_tooltip = QCoreApplication.translate(
            "ExportDialog",
            "未安装 LibreOffice，无法导出 PDF。可先导出 Word 文件，再用 Word/WPS 另存为 PDF。",
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("ExportDialog", "导出")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("ExportDialog", "取消")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._apply_pdf_availability()
        super().changeEvent(event)

    # --- results -------------------------------------------------------------------------------

    def current_format(self) -> str:
        return self.format_combo.currentData()

    def path(self) -> Path:
        """The target with the chosen format's suffix (a typed name without one gets it)."""
        text = os.path.expanduser(self.path_edit.text().strip())
        return _with_suffix(Path(text), self.current_format())

    def options(self) -> ExportOptions:
        return replace(
            self.options_form.values(),
            speaker_copy=self.speaker_check.isChecked() and self.current_format() in LAYOUT_FORMATS,
            speaker_size=self.speaker_size_combo.currentData(),
            speaker_rate=self._base.speaker_rate,
        )

    def request(self) -> tuple[Path, ExportOptions]:
        return self.path(), self.options()

    # --- behaviour -----------------------------------------------------------------------------

    def browse(self) -> None:
        suffix = self.current_format()
        name_filter = f"{self.format_combo.currentText()} (*{suffix})"
        chosen, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("ExportDialog", "导出到"), str(self.path()), name_filter
        )
        if chosen:
            self.path_edit.setText(str(_with_suffix(Path(chosen), suffix)))
            self._confirmed = self.path()  # the file picker has asked about replacing it

    def accept(self) -> None:
        """A typed path that names an existing file is replaced only when the user says so."""
        target = self.path()
        if target.exists() and target != self._confirmed:
            if target.is_dir():
                self.path_edit.setFocus()
                return
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(QCoreApplication.translate("ExportDialog", "文件已存在"))
            box.setText(
                QCoreApplication.translate("ExportDialog", "“{name}”已经存在，要替换它吗？").format(
                    name=target.name
                )
            )
            box.setInformativeText(str(target.parent))
            replace = box.addButton(
                QCoreApplication.translate("ExportDialog", "替换"), QMessageBox.ButtonRole.AcceptRole
            )
            cancel = box.addButton(
                QCoreApplication.translate("ExportDialog", "取消"), QMessageBox.ButtonRole.RejectRole
            )
            box.setDefaultButton(cancel)
            box.exec()
            if box.clickedButton() is not replace:
                self.path_edit.setFocus()
                return
        super().accept()

    def _apply_pdf_availability(self) -> None:
        model = self.format_combo.model()
        if not isinstance(model, QStandardItemModel):
            return
        item = model.item(FORMATS.index(PDF))
        item.setEnabled(self.pdf_available)
        item.setToolTip("" if self.pdf_available else self.pdf_tooltip)

    def _select_format(self, suffix: str) -> None:
        if suffix not in FORMATS or (suffix == PDF and not self.pdf_available):
            suffix = DOCX
        self.format_combo.setCurrentIndex(FORMATS.index(suffix))

    def _format_changed(self) -> None:
        suffix = self.current_format()
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(_with_suffix(Path(text), suffix)))
        speaker = self.speaker_check.isChecked()
        self.speaker_check.setEnabled(suffix in LAYOUT_FORMATS)
        self.speaker_size_combo.setEnabled(suffix in LAYOUT_FORMATS and speaker)
        self.layout_group.setEnabled(suffix in LAYOUT_FORMATS and not speaker)
        self.layout_note.setVisible(suffix not in LAYOUT_FORMATS)
        self._update_fonts_note()
        self._update_ok()

    def _update_fonts_note(self) -> None:
        """Which of the fonts the export names this machine lacks (a Word file still names them)."""
        suffix = self.current_format()
        note = (
            fonts.missing_fonts_notice(self.options(), pdf=suffix == PDF)
            if suffix in LAYOUT_FORMATS
            else None
        )
        self.fonts_note.setText(note or "")
        self.fonts_note.setVisible(bool(note))

    def _path_edited(self) -> None:
        # A typed name ending in another format's suffix means "that format".
        typed = Path(self.path_edit.text().strip()).suffix.lower()
        if typed in FORMATS and typed != self.current_format() and (typed != PDF or self.pdf_available):
            self.format_combo.setCurrentIndex(FORMATS.index(typed))

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(Path(self.path_edit.text().strip()).stem))


def _with_suffix(path: Path, suffix: str) -> Path:
    """`path` ending in `suffix`. A known format's suffix is swapped; any other dot in the name
    (学习体会.定稿) is part of the name, so the format's suffix is added after it."""
    if not path.name or path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in FORMATS:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


# --- the 已导出 notice ------------------------------------------------------------------------------


def build_export_done(parent: QWidget | None, path: Path, opener: Opener | None = None) -> QMessageBox:
    """The notice, not yet shown; its 打开所在文件夹 button opens the folder through `opener`
    (QDesktopServices.openUrl unless a test passes its own)."""
    open_url: Opener = opener or QDesktopServices.openUrl
    box = QMessageBox(parent)
    box.setObjectName("ExportDoneBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("ExportDialog", "已导出"))
    box.setText(QCoreApplication.translate("ExportDialog", "已导出到：\n{path}").format(path=path))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_button = box.addButton(
        QCoreApplication.translate("ExportDialog", "打开所在文件夹"), QMessageBox.ButtonRole.ActionRole
    )
    open_button.setObjectName("openFolderButton")
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    ok.setText(QCoreApplication.translate("ExportDialog", "确定"))
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    open_button.clicked.connect(lambda: open_url(QUrl.fromLocalFile(str(path.parent))))
    return box


def show_export_done(parent: QWidget | None, path: Path, opener: Opener | None = None) -> None:
    build_export_done(parent, path, opener).exec()
