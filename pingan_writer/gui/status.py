"""The status bar's figures: 字数, estimated minutes, the target and how far off it is, and the
share of the talk that is quoted. Each figure comes from the core function the CLI uses
(text.counting, draft.length, draft.coverage), so the window and `pingan-writer check`
or `quotes` never disagree."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from pingan_writer.draft.coverage import quoted_share
from pingan_writer.draft.length import length_verdict, verdict_text
from pingan_writer.gui.actions import tr
from pingan_writer.text.counting import count_characters


class DraftStatus(QObject):
    def __init__(self, bar: QStatusBar, target_and_rate: Callable[[], tuple[float, float]]) -> None:
        super().__init__(bar)
        self.target_and_rate = target_and_rate
        self.chars_label, self.time_label, self.target_label, self.quoted_label = (QLabel() for _ in range(4))
        # Widths for the longest likely text, so the bar does not jitter as counts change.
        for label, widest in (
            (self.chars_label, "字数 1000000"),
            (self.time_label, "预计 100.0 分钟"),
            (self.target_label, "目标 10 分钟，超出约 10000 字"),
            (self.quoted_label, "引用 100%"),
        ):
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(tr(widest)) + 8)
            bar.addPermanentWidget(label)
        self.protection = QLabel()
        self.protection.setStyleSheet("color: #b71c1c; font-weight: bold")
        self.protection.hide()
        bar.addPermanentWidget(self.protection)

    def update(self, text: str, quoted: Iterable[tuple[int, int]]) -> None:
        target, rate = self.target_and_rate()
        verdict = length_verdict(count_characters(text), target, rate)
        self.chars_label.setText(tr("字数 %d") % verdict.characters)
        self.time_label.setText(tr("预计 %.1f 分钟") % verdict.minutes)
        self.target_label.setText(tr("目标 %g 分钟，%s") % (target, verdict_text(verdict)))
        share = quoted_share(text, quoted)
        self.quoted_label.setText(tr("引用 %d%%") % round(100 * share))

    def set_unprotected(self, reason: str | None) -> None:
        """Say, until it is fixed, that the user's work is not being protected by autosave."""
        if reason:
            self.protection.setText(tr("⚠ 恢复副本写入失败，当前修改未受保护"))
            self.protection.setToolTip(reason)
            self.protection.show()
        else:
            self.protection.hide()
