"""The export layout options (引文字体, 行距, 注明出处, 页码, 文末署名) as one form widget.

Shared by the 导出 dialog (options for this export) and the 首选项 dialog (the export defaults).
It shows and returns an ExportOptions; the caller places it (both put it in a group box) and
enables or disables it. Strings use the translation context "ExportOptionsForm".
ExportOptionsAliases gives a dialog holding the form the widgets under the dialog's own names.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from pingan_writer.export.options import (
    FANGSONG_CHOICES,
    KAITI_CHOICES,
    PROVENANCE_CHOICES,
    QUOTE_KAI,
    QUOTE_PLAIN,
    ExportOptions,
)

LINE_PITCHES = (29, 28)  # the standard first


class ExportOptionsForm(QWidget):
    """`set_options()` shows an ExportOptions; `values()` gives back the one the user chose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportOptionsForm")

        self.quote_combo = QComboBox()
        self.quote_combo.setObjectName("quoteCombo")
        self.quote_combo.addItem("", QUOTE_PLAIN)
        self.quote_combo.addItem("", QUOTE_KAI)
        self.notes_check = QCheckBox()
        self.notes_check.setObjectName("notesCheck")
        self.pitch_combo = QComboBox()
        self.pitch_combo.setObjectName("pitchCombo")
        for pitch in LINE_PITCHES:
            self.pitch_combo.addItem("", pitch)
        self.page_numbers_check = QCheckBox()
        self.page_numbers_check.setObjectName("pageNumbersCheck")
        self.signature_check = QCheckBox()
        self.signature_check.setObjectName("signatureCheck")
        self.fangsong_combo = _choice_combo("fangsongCombo", FANGSONG_CHOICES)
        self.kaiti_combo = _choice_combo("kaitiCombo", KAITI_CHOICES)
        self.provenance_combo = QComboBox()
        self.provenance_combo.setObjectName("provenanceCombo")
        for value in PROVENANCE_CHOICES:
            self.provenance_combo.addItem("", value)

        self.quote_label, self.pitch_label = QLabel(), QLabel()
        self.fangsong_label, self.kaiti_label, self.provenance_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout(self)
        # The caller's group box provides the margins.
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.quote_label, self.quote_combo)
        form.addRow(self.pitch_label, self.pitch_combo)
        form.addRow(self.fangsong_label, self.fangsong_combo)
        form.addRow(self.kaiti_label, self.kaiti_combo)
        form.addRow(self.provenance_label, self.provenance_combo)
        form.addRow(self.notes_check)
        form.addRow(self.page_numbers_check)
        form.addRow(self.signature_check)
        self.quote_label.setBuddy(self.quote_combo)
        self.pitch_label.setBuddy(self.pitch_combo)
        self.fangsong_label.setBuddy(self.fangsong_combo)
        self.kaiti_label.setBuddy(self.kaiti_combo)
        self.provenance_label.setBuddy(self.provenance_combo)

        self.retranslate()

    def retranslate(self) -> None:
        self.quote_label.setText(self.tr("引文字体(&Q)："))
        self.quote_combo.setItemText(0, self.tr("与正文相同"))
        self.quote_combo.setItemText(1, self.tr("楷体"))
        self.pitch_label.setText(self.tr("行距(&L)："))
        self.pitch_combo.setItemText(0, self.tr("29 磅（标准，每页 22 行）"))
        self.pitch_combo.setItemText(1, self.tr("28 磅"))
        self.notes_check.setText(self.tr("引文后注明出处(&N)"))
        self.page_numbers_check.setText(self.tr("页码(&G)"))
        self.signature_check.setText(self.tr("文末署名（发言人和日期）(&S)"))
        self.fangsong_label.setText(self.tr("仿宋字体(&F)："))
        self.kaiti_label.setText(self.tr("楷体字体(&K)："))
        self.provenance_label.setText(self.tr("引文出处(&P)："))
        self.provenance_combo.setItemText(0, self.tr("不写入"))
        self.provenance_combo.setItemText(1, self.tr("批注（页边显示）"))
        self.provenance_combo.setItemText(2, self.tr("脚注（页脚显示）"))
        self.provenance_combo.setToolTip(
            self.tr("在 Word 文件中为每段引文注明来源《…》、提纲位置和页码，正文不变")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_options(self, options: ExportOptions) -> None:
        self.quote_combo.setCurrentIndex(max(0, self.quote_combo.findData(options.quote_style)))
        self.pitch_combo.setCurrentIndex(max(0, self.pitch_combo.findData(options.line_pitch)))
        self.notes_check.setChecked(options.source_notes)
        self.page_numbers_check.setChecked(options.page_numbers)
        self.signature_check.setChecked(options.signature)
        for combo, value in (
            (self.fangsong_combo, options.fangsong),
            (self.kaiti_combo, options.kaiti),
            (self.provenance_combo, options.provenance),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))

    def values(self) -> ExportOptions:
        return ExportOptions(
            quote_style=self.quote_combo.currentData(),
            source_notes=self.notes_check.isChecked(),
            line_pitch=self.pitch_combo.currentData(),
            page_numbers=self.page_numbers_check.isChecked(),
            signature=self.signature_check.isChecked(),
            fangsong=self.fangsong_combo.currentData(),
            kaiti=self.kaiti_combo.currentData(),
            provenance=self.provenance_combo.currentData(),
        )


def _choice_combo(name: str, choices: tuple[str, ...]) -> QComboBox:
    """A combo of font names, shown as they are."""
    combo = QComboBox()
    combo.setObjectName(name)
    for value in choices:
        combo.addItem(value, value)
    return combo


class ExportOptionsAliases:
    """Mixed into a dialog that keeps an ExportOptionsForm as `options_form`: the form's widgets
    as attributes of the dialog (dialog.quote_combo is dialog.options_form.quote_combo)."""

    options_form: ExportOptionsForm

    @property
    def quote_combo(self) -> QComboBox:
        return self.options_form.quote_combo

    @property
    def notes_check(self) -> QCheckBox:
        return self.options_form.notes_check

    @property
    def pitch_combo(self) -> QComboBox:
        return self.options_form.pitch_combo

    @property
    def page_numbers_check(self) -> QCheckBox:
        return self.options_form.page_numbers_check

    @property
    def signature_check(self) -> QCheckBox:
        return self.options_form.signature_check

    @property
    def quote_label(self) -> QLabel:
        return self.options_form.quote_label

    @property
    def pitch_label(self) -> QLabel:
        return self.options_form.pitch_label
