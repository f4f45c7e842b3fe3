"""An outline of the draft itself, for moving around a long talk and for timing it: each heading
with its 字数, its minutes at the speaker's rate, its share of the target and, once the talk has
been rehearsed, the time it took at the last rehearsal (draft.timing and draft.rehearsal, the
same figures as `pingan-writer timing`). Click a heading to go there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from pingan_writer.draft.rehearsal import Rehearsal, format_seconds, rehearsed_seconds
from pingan_writer.draft.timing import DraftTiming, SectionTiming, draft_timing
from pingan_writer.text.labels import distinct_titles

OffsetRole = Qt.ItemDataRole.UserRole


class DraftOutline(QTreeWidget):
    jump_requested = Signal(int)

    def __init__(
        self,
        pace: Callable[[], tuple[float, float]] | None = None,
        last_rehearsal: Callable[[], Rehearsal | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`pace()` gives (target minutes, rate in 字/分钟) and `last_rehearsal()` the draft's
        newest rehearsal, both read at every rebuild."""
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._pace = pace or (lambda: (0.0, 180.0))
        self._last_rehearsal = last_rehearsal or (lambda: None)
        self._text = ""
        self.timing: DraftTiming | None = None
        self._timer = QTimer(self, singleShot=True, interval=400)  # parse after typing pauses
        self._timer.timeout.connect(self._rebuild)
        self.itemClicked.connect(lambda item, _col: self.jump_requested.emit(item.data(0, OffsetRole)))

    def schedule(self, text: str) -> None:
        self._text = text
        self._timer.start()

    def rebuild_now(self, text: str) -> None:
        self._text = text
        self._rebuild()

    def refresh(self) -> None:
        """Recount with the current pace (the rate or the target changed)."""
        self._rebuild()

    def _rebuild(self) -> None:
        target, rate = self._pace()
        self.timing = draft_timing(self._text, max(1, round(rate)), target or None)
        self.clear()
        parents: list[tuple[int, QTreeWidgetItem]] = [(0, self.invisibleRootItem())]
        sections = self.timing.sections
        labels = _labels(sections)
        rehearsal = self._last_rehearsal()
        rehearsed = rehearsed_seconds(self.timing, rehearsal)
        for section, label, seconds in zip(sections, labels, rehearsed, strict=True):
            while parents[-1][0] >= section.level:
                parents.pop()
            figures = self._figures(section)
            tip = self._figures_tip(section)
            if seconds is not None and rehearsal is not None:
                figures += self.tr(" 排练%s") % format_seconds(seconds)
                tip += self.tr("\n上次排练（%s）用时 %s，计划 %s") % (
                    rehearsal.started.replace("T", " ")[:16],
                    format_seconds(seconds),
                    format_seconds(section.minutes * 60),
                )
            item = QTreeWidgetItem(parents[-1][1], [label, figures])
            item.setData(0, OffsetRole, section.start)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, f"{section.number}{section.title}")
            item.setToolTip(1, tip)
            parents.append((section.level, item))
        self.expandAll()

    def _figures(self, s: SectionTiming) -> str:
        share = self.timing.share_of_target(s) if self.timing else None
        base = self.tr("%d字 %.1f分") % (s.characters, s.minutes)
        return base + (f" {share:.0%}" if share is not None else "")

    def _figures_tip(self, s: SectionTiming) -> str:
        assert self.timing is not None
        tip = self.tr("%d 字，按每分钟 %d 字约 %.1f 分钟") % (s.characters, self.timing.rate, s.minutes)
        share = self.timing.share_of_target(s)
        if share is not None:
            tip += self.tr("，占目标 %g 分钟的 %.0f%%") % (self.timing.target_minutes, share * 100)
        return tip


def _labels(sections: list[SectionTiming]) -> list[str]:
    """Each heading's number and a title that tells it from its siblings at a glance (the shared
    opening of sibling titles shown as …), sections being in text order with their levels."""
    siblings: dict[int, list[int]] = {}  # index of the parent (-1: top) → indices of its children
    parents: list[tuple[int, int]] = [(0, -1)]  # (level, index)
    for i, s in enumerate(sections):
        while parents[-1][0] >= s.level:
            parents.pop()
        siblings.setdefault(parents[-1][1], []).append(i)
        parents.append((s.level, i))
    titles = [s.title for s in sections]
    for group in siblings.values():
        for i, title in zip(group, distinct_titles([titles[i] for i in group]), strict=True):
            titles[i] = title
    return [f"{s.number}{t}" for s, t in zip(sections, titles, strict=True)]
