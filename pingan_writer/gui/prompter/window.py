"""The 提词器 window: the draft's spoken text in large type, full screen, scrolling at the
speaker's rate past a fixed reading mark, with the time used, the time left against the target
and how far ahead of or behind the plan the current section is.

Time comes from an injectable clock; a 16 ms timer calls `tick()`, which integrates the reading
position over the time since the last tick at the current rate (so a late frame never slows
the pace) and only moves a scroll offset: the text was laid out once by `TextColumn`, and a
frame paints just the blocks in view. What is shown and where the mark should be come from the
headless `pingan_writer.draft.prompter`."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from pingan_writer.draft.prompter import Plan, spoken_text
from pingan_writer.gui.editor.fonts import ui_font
from pingan_writer.gui.prompter import strings
from pingan_writer.gui.prompter.column import ColumnStyle, TextColumn
from pingan_writer.gui.prompter.nonerefs import NoneKeeper
from pingan_writer.gui.prompter.prefs import (
    FONT_SIZE_STEP,
    SPACING_STEP,
    PrompterLook,
    clamp_font_size,
    clamp_spacing,
    load_look,
    save_look,
)

FRAME_MS = 16  # ~60 Hz
RATE_STEP = 10  # 字/分钟 per Up/Down
RATE_RANGE = (60, 400)
NUDGE_SECONDS = 5.0  # Left/Right move the text by this much reading time
MARK_RATIO = 1 / 3  # the reading mark's height on the screen
COLUMN_CHARACTERS = 18  # column width in em: short lines keep the eyes still while reading
COLUMN_SHARE = 0.86  # at most this share of the screen's width

BACKGROUND = QColor("#000000")
TEXT = QColor("#ffffff")
MARK = QColor("#e0a030")
HUD_TEXT = QColor("#c8c8c8")
HUD_BAND = QColor(0, 0, 0, 215)
READ_SHADE = QColor(0, 0, 0, 120)  # dims the lines already read, above the mark


class PrompterWindow(QWidget):
    """A top-level window; call showFullScreen() to present it. Closing (Esc) emits `closed`,
    raises the parent's window again and deletes the prompter."""

    closed = Signal()

    def __init__(
        self,
        text: str,
        rate: float,
        target_minutes: float | None,
        settings_store: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(strings.tr(strings.WINDOW_TITLE))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paintEvent fills every pixel
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self._store = settings_store if settings_store is not None else QSettings()
        self._look = load_look(self._store)
        self._clock = clock

        self.spoken = spoken_text(text)
        self.plan = Plan(self.spoken, rate)
        self.rate = min(max(round(rate), RATE_RANGE[0]), RATE_RANGE[1])
        self.target_seconds = target_minutes * 60 if target_minutes else None
        self.column = TextColumn(self.spoken.text, self.plan.counts)

        self.count = 0.0  # characters read, by the counting rule; fractional within a character
        self.running = False
        self._started_at: float | None = None  # clock time of the first start
        self._now = clock()
        self._last = self._now
        self._section = self.plan.section_index_at(0)
        self._section_entered = 0.0  # elapsed seconds when the current section was entered
        self.scroll_offset = 0.0
        self._hud: tuple[str, ...] = ()
        # 排练: the elapsed seconds at which the speaker pressed Enter at the end of each
        # top-level section (开头, 一、, 二、 …) and, for a speaker who never presses Enter, the
        # moments the scrolling carried the reading mark past each of their ends. Read through
        # rehearsal_marks() by whoever opened the prompter, when it closes.
        self.marks: list[float] = []
        self._passed: list[float] = []
        self._tops = [p.start_count for p in self.plan.sections if p.section.level == 1]

        self._hud_font = ui_font(QFont())
        self._relayout()

        self._none_keeper = NoneKeeper()  # PySide 6.12 on Python 3.11: see nonerefs.py
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    # --- state read by the display -------------------------------------------------------------

    @property
    def look(self) -> PrompterLook:
        return self._look

    @property
    def mirrored(self) -> bool:
        return self._look.mirrored

    @property
    def elapsed(self) -> float:
        """Seconds since the speaker first started, pauses included (the talk's own clock)."""
        return self._now - self._started_at if self._started_at is not None else 0.0

    @property
    def finished(self) -> bool:
        return self.count >= self.plan.total

    @property
    def section(self) -> int | None:
        """Index into `plan.sections` of the section at the reading mark."""
        return self._section

    def lead_seconds(self) -> float:
        """Ahead of (positive) or behind (negative) the plan in the current section."""
        if self._section is None or self._started_at is None:
            return 0.0
        return self.plan.section_lead(self._section, self.count, self.elapsed - self._section_entered)

    def mark_y(self) -> float:
        return self.height() * MARK_RATIO

    # --- time ----------------------------------------------------------------------------------

    def tick(self) -> None:
        """One frame: advance the reading position to the clock's time, move the scroll offset,
        and repaint only when something visible changed."""
        self._advance()
        self._place()
        self._none_keeper.settle()

    def _advance(self) -> None:
        self._now = self._clock()
        dt = max(self._now - self._last, 0.0)
        self._last = self._now
        if not self.running:
            return
        before, reached = self.count, self.count + self.rate / 60.0 * dt
        self.count = min(reached, float(self.plan.total))
        self._note_passed(before, reached)
        if self.finished:
            self.running = False
        self._follow_section(jumped=False)

    def _note_passed(self, before: float, reached: float) -> None:
        """Scrolling from `before` to `reached` in the frame that just ended: the time each
        top-level section's end was passed, in order (a jump breaks the chain: what was skipped
        was not read)."""
        ends = [*self._tops[1:], float(self.plan.total)]
        while len(self._passed) < len(ends):
            end = ends[len(self._passed)]
            if not before < end <= reached or len(self._passed) != self._tops_before(before):
                break
            overshoot = (reached - end) / self.rate * 60.0  # crossed within the frame
            self._passed.append(max(self.elapsed - overshoot, 0.0))

    def _tops_before(self, count: float) -> int:
        """How many top-level sections end at or before `count`: the index of the one being read."""
        return sum(1 for start in self._tops[1:] if start <= count)

    def rehearsal_marks(self) -> list[float]:
        """The end of each top-level section read, in seconds from the start: as the speaker
        marked them with Enter or, if they never did, as the scrolling passed them."""
        return list(self.marks) if self.marks else list(self._passed)

    def _follow_section(self, jumped: bool) -> None:
        section = self.plan.section_index_at(self.plan.index_at(self.count))
        if section == self._section:
            return
        self._section = section
        if section is None:
            return
        if jumped:
            self._section_entered = self.elapsed
        else:  # crossed within the last frame: when exactly, at the current rate
            since = (self.count - self.plan.sections[section].start_count) / self.rate * 60.0
            self._section_entered = max(self.elapsed - since, 0.0)

    def _place(self) -> None:
        # Mid-way through a line its centre sits on the mark: the line being read glides up
        # through the mark rather than jumping to it.
        column = self.column
        centre = column.y_for_count(self.count) - column.line_pitch / 2 + column.line_height / 2
        offset = centre - self.mark_y()
        hud = self._hud_texts()
        if offset != self.scroll_offset or hud != self._hud:
            self.scroll_offset = offset
            self._hud = hud
            self.update()

    # --- actions -------------------------------------------------------------------------------

    def toggle_running(self) -> None:
        self._advance()
        if self.running:
            self.running = False
        elif not self.finished:
            if self._started_at is None:
                self._started_at = self._now
            self.running = True
        self._place()

    def change_rate(self, step: int) -> None:
        self._advance()  # the time so far was read at the old rate
        self.rate = min(max(self.rate + step, RATE_RANGE[0]), RATE_RANGE[1])
        self._place()

    def jump_to(self, count: float) -> None:
        self._advance()
        self.count = min(max(count, 0.0), float(self.plan.total))
        if self.finished:
            self.running = False
        self._follow_section(jumped=True)
        self._place()

    def next_section(self) -> None:
        target = self.plan.next_section_start(self.count)
        if target is not None:
            self.jump_to(target)

    def previous_section(self) -> None:
        self.jump_to(self.plan.previous_section_start(self.count))

    def restart(self) -> None:
        """Back to the top, stopped, the clock at zero."""
        self.running = False
        self._started_at = None
        self.count = 0.0
        self._section = self.plan.section_index_at(0)
        self._section_entered = 0.0
        self._advance()
        self._place()

    def toggle_mirror(self) -> None:
        self._set_look(PrompterLook(self._look.font_size, self._look.line_spacing, not self.mirrored))
        self.update()

    def change_font_size(self, steps: int) -> None:
        size = clamp_font_size(self._look.font_size + steps * FONT_SIZE_STEP)
        if size != self._look.font_size:
            self._set_look(PrompterLook(size, self._look.line_spacing, self.mirrored))
            self._relayout()

    def change_spacing(self, steps: int) -> None:
        spacing = clamp_spacing(self._look.line_spacing + steps * SPACING_STEP)
        if spacing != self._look.line_spacing:
            self._set_look(PrompterLook(self._look.font_size, spacing, self.mirrored))
            self._relayout()

    def _set_look(self, look: PrompterLook) -> None:
        self._look = look
        save_look(self._store, look)

    def _style(self) -> ColumnStyle:
        size = self._look.font_size
        width = max(min(self.width() * COLUMN_SHARE, size * COLUMN_CHARACTERS), size * 4)
        return ColumnStyle(size, self._look.line_spacing, float(width))

    def _relayout(self) -> None:
        """Lay the text out again (type size, spacing or width changed); the reading position
        is kept in characters, so the same words stay at the mark."""
        style = self._style()
        if style != self.column.style:
            self.column.build(style)
        self._place()
        self.update()

    # --- Qt events -----------------------------------------------------------------------------

    def mark_section_end(self) -> None:
        """Rehearsal: the speaker has read this top-level section to its end. Record the time
        and move the reading mark to the next top-level section, where the speaker goes on."""
        if self._started_at is None:
            self.toggle_running()  # the first Enter starts the clock, like Space
            return
        self.marks.append(self.elapsed)
        tops = [p.start_count for p in self.plan.sections if p.section.level == 1]
        if len(self.marks) < len(tops) and tops[len(self.marks)] > self.count:
            self.jump_to(tops[len(self.marks)])  # the speaker is ahead of the scrolling

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        K = Qt.Key
        handlers: dict[int, Callable[[], None]] = {
            K.Key_Space: self.toggle_running,
            K.Key_Up: lambda: self.change_rate(RATE_STEP),
            K.Key_Down: lambda: self.change_rate(-RATE_STEP),
            K.Key_PageDown: self.next_section,
            K.Key_PageUp: self.previous_section,
            K.Key_Right: lambda: self.jump_to(self.count + self.rate / 60.0 * NUDGE_SECONDS),
            K.Key_Left: lambda: self.jump_to(self.count - self.rate / 60.0 * NUDGE_SECONDS),
            K.Key_Home: self.restart,
            K.Key_M: self.toggle_mirror,
            K.Key_Plus: lambda: self.change_font_size(1),
            K.Key_Equal: lambda: self.change_font_size(1),  # + without Shift
            K.Key_Minus: lambda: self.change_font_size(-1),
            K.Key_Underscore: lambda: self.change_font_size(-1),
            K.Key_BracketRight: lambda: self.change_spacing(1),
            K.Key_BracketLeft: lambda: self.change_spacing(-1),
            K.Key_Escape: self.close,
            K.Key_Return: self.mark_section_end,
            K.Key_Enter: self.mark_section_end,
        }
        handler = handlers.get(key)
        if handler is None:
            super().keyPressEvent(event)
            return
        handler()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        self._store.sync()
        super().closeEvent(event)
        parent = self.parentWidget()
        if parent is not None:
            main = parent.window()
            main.raise_()
            main.activateWindow()
        self.closed.emit()

    # --- painting ------------------------------------------------------------------------------

    def _hud_texts(self) -> tuple[str, ...]:
        """(top left, top centre, top right, bottom) texts; compared per frame to repaint only
        when they change."""
        left = None if self.target_seconds is None else self.target_seconds - self.elapsed
        section = self.plan.sections[self._section].section.label if self._section is not None else ""
        if self._started_at is None:
            status = strings.tr(strings.READY)
        elif self.finished:
            status = strings.tr(strings.FINISHED)
        elif not self.running:
            status = strings.tr(strings.PAUSED)
        else:
            status = ""
        if self.mirrored:
            status = f"{status}　{strings.tr(strings.MIRRORED)}" if status else strings.tr(strings.MIRRORED)
        return (
            f"{strings.elapsed(self.elapsed)}　{strings.time_left(left)}",
            section,
            f"{strings.lead(self.lead_seconds())}　{strings.rate(self.rate)}",
            status,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        width, height = float(self.width()), float(self.height())
        painter.fillRect(self.rect(), BACKGROUND)
        if self.mirrored:  # for a glass prompter: the glass shows the screen reversed
            painter.translate(width, 0)
            painter.scale(-1, 1)
        style = self.column.style
        column_x = (width - style.width) / 2 if style else 0.0
        painter.setPen(TEXT)
        self.column.paint(painter, column_x, self.scroll_offset, height)
        mark = self.mark_y()
        shade_bottom = mark - (self.column.line_pitch + self.column.line_height) / 2  # above the line read
        if shade_bottom > 0:
            painter.fillRect(QRectF(0, 0, width, shade_bottom), READ_SHADE)
        self._paint_mark(painter, column_x, style.width if style else width, mark)
        self._paint_hud(painter, width, height)
        painter.end()

    def _paint_mark(self, painter: QPainter, x: float, column_width: float, y: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MARK)
        size = max(self.column.line_height * 0.25, 8.0)
        left, right = x - size * 1.6, x + column_width + size * 1.6
        painter.drawPolygon(
            QPolygonF([QPointF(left - size, y - size), QPointF(left, y), QPointF(left - size, y + size)])
        )
        painter.drawPolygon(
            QPolygonF([QPointF(right + size, y - size), QPointF(right, y), QPointF(right + size, y + size)])
        )
        line = QColor(MARK)
        line.setAlpha(90)
        painter.fillRect(QRectF(left, y - 0.5, right - left, 1.0), line)

    def _paint_hud(self, painter: QPainter, width: float, height: float) -> None:
        if not self._hud:
            return
        top_left, centre, top_right, status = self._hud
        font = QFont(self._hud_font)
        font.setPixelSize(max(int(height / 40), 14))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        band = metrics.height() * 2.0
        margin = metrics.height()
        painter.fillRect(QRectF(0, 0, width, band), HUD_BAND)
        painter.fillRect(QRectF(0, height - band, width, band), HUD_BAND)
        painter.setPen(HUD_TEXT)
        top = QRectF(margin, 0, width - 2 * margin, band)
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(top, align | Qt.AlignmentFlag.AlignLeft, top_left)
        painter.drawText(top, align | Qt.AlignmentFlag.AlignRight, top_right)
        side = max(metrics.horizontalAdvance(top_left), metrics.horizontalAdvance(top_right)) + 2 * margin
        title = metrics.elidedText(centre, Qt.TextElideMode.ElideRight, int(max(width - 2 * side, 0)))
        painter.drawText(top, align | Qt.AlignmentFlag.AlignHCenter, title)
        bottom = QRectF(margin, height - band, width - 2 * margin, band)
        if status:
            painter.setPen(MARK)
            painter.drawText(bottom, align | Qt.AlignmentFlag.AlignLeft, status)
            painter.setPen(HUD_TEXT)
        painter.drawText(bottom, align | Qt.AlignmentFlag.AlignRight, strings.tr(strings.HELP))
