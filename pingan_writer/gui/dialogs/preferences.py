"""The 首选项 dialog: speaking rate and target time, export defaults, the editor's font.

It edits a Preferences value and hands back a new one; the main window stores it with
Settings.set_preferences and applies it. Strings use the translation context
"PreferencesDialog" and sit in `retranslate` (the export defaults' in ExportOptionsForm).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
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

from pingan_writer.gui.dialogs.export_options_form import ExportOptionsAliases, ExportOptionsForm
from pingan_writer.gui.settings import (
    FONT_SIZE_RANGE,
    MINUTES_RANGE,
    RATE_RANGE,
    Preferences,
    normalized,
)


class PreferencesDialog(ExportOptionsAliases, QDialog):
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

        self.options_form = ExportOptionsForm()

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
        self.font_label, self.size_label = QLabel(), QLabel()
        length_form = QFormLayout(self.length_group)
        length_form.addRow(self.rate_label, self.rate_spin)
        length_form.addRow(self.minutes_label, self.minutes_spin)
        length_form.addRow(self.length_hint)
        QVBoxLayout(self.export_group).addWidget(self.options_form)
        editor_form = QFormLayout(self.editor_group)
        editor_form.addRow(self.font_label, self.font_combo)
        editor_form.addRow(self.size_label, self.size_spin)
        for label, buddy in (
            (self.rate_label, self.rate_spin),
            (self.minutes_label, self.minutes_spin),
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
        self.options_form.retranslate()
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
        self.options_form.set_options(prefs.export_options())
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
            editor_font_family=self._font_family,
            editor_font_size=self.size_spin.value(),
        ).with_export(self.options_form.values())

    def _font_picked(self, font: QFont) -> None:
        self._font_family = font.family()

    def _update_length_hint(self) -> None:
        chars = round(self.rate_spin.value() * self.minutes_spin.value())
        self.length_hint.setText(
            QCoreApplication.translate("PreferencesDialog", "按此语速，目标时长约合 {chars} 字。").format(
                chars=chars
            )
        )
