"""The 首选项 dialog: speaking rate and target time, export defaults, the editor's font.

It edits a Preferences value and hands back a new one; the main window stores it with
Settings.set_preferences and applies it. Strings use the translation context
"PreferencesDialog" and sit in `retranslate`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pingan_writer.export.options import QUOTE_KAI, QUOTE_PLAIN
from pingan_writer.gui.settings import (
    FONT_SIZE_RANGE,
    MINUTES_RANGE,
    RATE_RANGE,
    Preferences,
    normalized,
)

LINE_PITCHES = (29, 28)  # the standard first


class PreferencesDialog(QDialog):
    """`preferences()` after `exec()` returns QDialog.Accepted gives the edited values."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PreferencesDialog")
        # "" means "the system's font": kept until the user picks a font, so a preference saved
        # on one machine does not pin another machine to a font it may not have.
        self._font_family = ""

        self.rate_spin = QSpinBox()
        self.rate_spin.setObjectName("rateSpin")
        self.rate_spin.setRange(*RATE_RANGE)
        self.rate_spin.setSingleStep(10)
        self.minutes_spin = QDoubleSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(*MINUTES_RANGE)
        self.minutes_spin.setDecimals(1)
        self.minutes_spin.setSingleStep(0.5)
        self.length_hint = QLabel()
        self.length_hint.setObjectName("lengthHint")

        self.pitch_combo = QComboBox()
        self.pitch_combo.setObjectName("pitchCombo")
        for pitch in LINE_PITCHES:
            self.pitch_combo.addItem("", pitch)
        self.quote_combo = QComboBox()
        self.quote_combo.setObjectName("quoteCombo")
        self.quote_combo.addItem("", QUOTE_PLAIN)
        self.quote_combo.addItem("", QUOTE_KAI)
        self.notes_check = QCheckBox()
        self.notes_check.setObjectName("notesCheck")
        self.page_numbers_check = QCheckBox()
        self.page_numbers_check.setObjectName("pageNumbersCheck")
        self.signature_check = QCheckBox()
        self.signature_check.setObjectName("signatureCheck")

        self.font_combo = QFontComboBox()
        self.font_combo.setObjectName("fontCombo")
        self.size_spin = QSpinBox()
        self.size_spin.setObjectName("sizeSpin")
        self.size_spin.setRange(*FONT_SIZE_RANGE)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )

        self.length_group, self.export_group, self.editor_group = QGroupBox(), QGroupBox(), QGroupBox()
        self.rate_label, self.minutes_label = QLabel(), QLabel()
        self.pitch_label, self.quote_label = QLabel(), QLabel()
        self.font_label, self.size_label = QLabel(), QLabel()
        length_form = QFormLayout(self.length_group)
        length_form.addRow(self.rate_label, self.rate_spin)
        length_form.addRow(self.minutes_label, self.minutes_spin)
        length_form.addRow(self.length_hint)
        export_form = QFormLayout(self.export_group)
        export_form.addRow(self.pitch_label, self.pitch_combo)
        export_form.addRow(self.quote_label, self.quote_combo)
        export_form.addRow(self.notes_check)
        export_form.addRow(self.page_numbers_check)
        export_form.addRow(self.signature_check)
        editor_form = QFormLayout(self.editor_group)
        editor_form.addRow(self.font_label, self.font_combo)
        editor_form.addRow(self.size_label, self.size_spin)
        for label, buddy in (
            (self.rate_label, self.rate_spin),
            (self.minutes_label, self.minutes_spin),
            (self.pitch_label, self.pitch_combo),
            (self.quote_label, self.quote_combo),
            (self.font_label, self.font_combo),
            (self.size_label, self.size_spin),
        ):
            label.setBuddy(buddy)

        layout = QVBoxLayout(self)
        for group in (self.length_group, self.export_group, self.editor_group):
            layout.addWidget(group)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.retranslate()
        self.set_preferences(prefs)

        self.rate_spin.valueChanged.connect(self._update_length_hint)
        self.minutes_spin.valueChanged.connect(self._update_length_hint)
        self.font_combo.currentFontChanged.connect(self._font_picked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("PreferencesDialog", "首选项"))
        self.length_group.setTitle(QCoreApplication.translate("PreferencesDialog", "篇幅"))
        self.rate_label.setText(QCoreApplication.translate("PreferencesDialog", "语速(&R)："))
        self.rate_spin.setSuffix(QCoreApplication.translate("PreferencesDialog", " 字/分钟"))
        self.minutes_label.setText(QCoreApplication.translate("PreferencesDialog", "目标时长(&T)："))
        self.minutes_spin.setSuffix(QCoreApplication.translate("PreferencesDialog", " 分钟"))
        self.export_group.setTitle(QCoreApplication.translate("PreferencesDialog", "导出默认设置"))
        self.pitch_label.setText(QCoreApplication.translate("PreferencesDialog", "行距(&L)："))
        self.pitch_combo.setItemText(
            0, QCoreApplication.translate("PreferencesDialog", "29 磅（标准，每页 22 行）")
        )
        self.pitch_combo.setItemText(1, QCoreApplication.translate("PreferencesDialog", "28 磅"))
        self.quote_label.setText(QCoreApplication.translate("PreferencesDialog", "引文字体(&Q)："))
        self.quote_combo.setItemText(0, QCoreApplication.translate("PreferencesDialog", "与正文相同"))
        self.quote_combo.setItemText(1, QCoreApplication.translate("PreferencesDialog", "楷体"))
        self.notes_check.setText(QCoreApplication.translate("PreferencesDialog", "引文后注明出处(&N)"))
        self.page_numbers_check.setText(QCoreApplication.translate("PreferencesDialog", "页码(&G)"))
        self.signature_check.setText(
            QCoreApplication.translate("PreferencesDialog", "文末署名（发言人和日期）(&S)")
        )
        self.editor_group.setTitle(QCoreApplication.translate("PreferencesDialog", "编辑器"))
        self.font_label.setText(QCoreApplication.translate("PreferencesDialog", "编辑器字体(&F)："))
        self.size_label.setText(QCoreApplication.translate("PreferencesDialog", "字号(&Z)："))
        self.size_spin.setSuffix(QCoreApplication.translate("PreferencesDialog", " 磅"))
        buttons = {
            QDialogButtonBox.StandardButton.Ok: QCoreApplication.translate("PreferencesDialog", "确定"),
            QDialogButtonBox.StandardButton.Cancel: QCoreApplication.translate("PreferencesDialog", "取消"),
            QDialogButtonBox.StandardButton.RestoreDefaults: QCoreApplication.translate(
                "PreferencesDialog", "恢复默认"
            ),
        }
        for which, text in buttons.items():
            self.buttons.button(which).setText(text)
        self._update_length_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_preferences(self, prefs: Preferences) -> None:
        prefs = normalized(prefs)
        self.rate_spin.setValue(prefs.speaking_rate)
        self.minutes_spin.setValue(prefs.target_minutes)
        self.pitch_combo.setCurrentIndex(max(0, self.pitch_combo.findData(prefs.line_pitch)))
        self.quote_combo.setCurrentIndex(max(0, self.quote_combo.findData(prefs.quote_style)))
        self.notes_check.setChecked(prefs.source_notes)
        self.page_numbers_check.setChecked(prefs.page_numbers)
        self.signature_check.setChecked(prefs.signature)
        self.size_spin.setValue(prefs.editor_font_size)
        # Showing the font is not choosing it: block the signal that records a choice.
        blocked = self.font_combo.blockSignals(True)
        self.font_combo.setCurrentFont(
            QFont(prefs.editor_font_family) if prefs.editor_font_family else QFont()
        )
        self.font_combo.blockSignals(blocked)
        self._font_family = prefs.editor_font_family
        self._update_length_hint()

    def restore_defaults(self) -> None:
        self.set_preferences(Preferences())

    def preferences(self) -> Preferences:
        return Preferences(
            speaking_rate=self.rate_spin.value(),
            target_minutes=self.minutes_spin.value(),
            line_pitch=self.pitch_combo.currentData(),
            quote_style=self.quote_combo.currentData(),
            source_notes=self.notes_check.isChecked(),
            page_numbers=self.page_numbers_check.isChecked(),
            signature=self.signature_check.isChecked(),
            editor_font_family=self._font_family,
            editor_font_size=self.size_spin.value(),
        )

    def _font_picked(self, font: QFont) -> None:
        self._font_family = font.family()

    def _update_length_hint(self) -> None:
        chars = round(self.rate_spin.value() * self.minutes_spin.value())
        self.length_hint.setText(
            QCoreApplication.translate("PreferencesDialog", "按此语速，目标时长约合 {chars} 字。").format(
                chars=chars
            )
        )
