"""The 提词器 window, driven by a fake clock: it scrolls at the rate, keeps the line being read
at the mark, answers its keys, remembers its look, and does no layout work per frame."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTableWidget

from pingan_writer.gui.prompter import PrompterWindow
from pingan_writer.gui.prompter import column as column_module
from pingan_writer.gui.prompter.prefs import FONT_SIZE_KEY, MIRRORED_KEY, SPACING_KEY


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def open_prompter(qtbot, clock):
    """Build a prompter on `text` (default: the sample talk) at 1280×800, not shown full screen."""

    def build(text: str, rate: int = 180, target: float | None = 8.0) -> PrompterWindow:
        w = PrompterWindow(text, rate, target, QSettings(), None, clock=clock)
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        return w

    return build


def press(qtbot, w: PrompterWindow, key: Qt.Key) -> None:
    qtbot.keyClick(w, key)


def expected_offset(w: PrompterWindow, count: float) -> float:
    """Where the scroll must be for `count` characters read: that reading position's line
    centred on the mark (mid-way through it), by the window's own char→y map."""
    c = w.column
    return c.y_for_count(count) - c.line_pitch / 2 + c.line_height / 2 - w.mark_y()


def test_after_n_seconds_the_mark_is_at_the_character_the_rate_reaches(
    qtbot, open_prompter, clock, talk_text
):
    w = open_prompter(talk_text)
    press(qtbot, w, Qt.Key.Key_Space)  # start
    clock.now += 40.0
    w.tick()
    assert w.count == pytest.approx(180 * 40 / 60)
    assert w.scroll_offset == pytest.approx(expected_offset(w, 120.0))
    index = w.plan.index_at(w.count)
    assert w.plan.counts[index] == 120
    # The text has moved up: the scroll is past where it started.
    clock.now += 20.0
    w.tick()
    assert w.scroll_offset > expected_offset(w, 120.0)
    assert w.count == pytest.approx(180.0)


def test_y_map_rises_with_the_text_and_puts_a_later_line_lower(open_prompter, talk_text):
    w = open_prompter(talk_text)
    ys = [w.column.y_for_count(c) for c in range(0, w.plan.total, 37)]
    assert ys == sorted(ys) and ys[-1] > ys[0]
    second_section = w.plan.sections[1]
    assert w.column.y_for_index(second_section.section.start) > w.column.y_for_index(0)


def test_space_pauses_the_clock_runs_on_the_position_does_not(qtbot, open_prompter, clock, talk_text):
    w = open_prompter(talk_text)
    press(qtbot, w, Qt.Key.Key_Space)
    clock.now += 10.0
    w.tick()
    press(qtbot, w, Qt.Key.Key_Space)  # pause
    position, offset = w.count, w.scroll_offset
    clock.now += 30.0
    w.tick()
    assert (w.count, w.scroll_offset) == (position, offset)
    assert w.elapsed == pytest.approx(40.0)  # the talk's clock does not stop
    assert w.lead_seconds() == pytest.approx(-30.0)  # …so the speaker is behind the plan
    press(qtbot, w, Qt.Key.Key_Space)  # resume
    clock.now += 10.0
    w.tick()
    assert w.count == pytest.approx(position + 30.0)


def test_nothing_moves_before_the_speaker_starts(open_prompter, clock, talk_text):
    w = open_prompter(talk_text)
    clock.now += 30.0
    w.tick()
    assert w.count == 0.0 and w.elapsed == 0.0


def test_up_raises_the_rate_live_and_down_lowers_it(qtbot, open_prompter, clock, talk_text):
    w = open_prompter(talk_text)
    press(qtbot, w, Qt.Key.Key_Space)
    clock.now += 10.0
    press(qtbot, w, Qt.Key.Key_Up)  # the 10 s so far were read at 180
    assert w.rate == 190
    clock.now += 6.0
    w.tick()
    assert w.count == pytest.approx(30.0 + 19.0)
    assert w.lead_seconds() > 0  # faster than the plan
    press(qtbot, w, Qt.Key.Key_Down)
    press(qtbot, w, Qt.Key.Key_Down)
    assert w.rate == 170


def test_pgdn_jumps_to_the_next_section_start_and_pgup_back(qtbot, open_prompter, clock, talk_text):
    w = open_prompter(talk_text)
    starts = [p.start_count for p in w.plan.sections]
    press(qtbot, w, Qt.Key.Key_PageDown)
    assert w.count == starts[1] and w.section == 1
    assert w.scroll_offset == pytest.approx(expected_offset(w, starts[1]))
    press(qtbot, w, Qt.Key.Key_PageDown)
    assert w.count == starts[2] and w.section == 2
    press(qtbot, w, Qt.Key.Key_PageUp)
    assert w.count == starts[1]


def test_a_jump_starts_the_section_on_plan(qtbot, open_prompter, clock, talk_text):
    w = open_prompter(talk_text)
    press(qtbot, w, Qt.Key.Key_Space)
    clock.now += 5.0
    press(qtbot, w, Qt.Key.Key_PageDown)
    clock.now += 10.0
    w.tick()
    assert w.lead_seconds() == pytest.approx(0.0)


def test_crossing_into_a_section_while_reading_keeps_the_speaker_on_plan(
    qtbot, open_prompter, clock, talk_text
):
    w = open_prompter(talk_text)
    press(qtbot, w, Qt.Key.Key_Space)
    end_of_opening = w.plan.sections[1].start_seconds
    for _ in range(int(end_of_opening) + 20):  # one frame a second, across the boundary
        clock.now += 1.0
        w.tick()
    assert w.section == 1
    assert w.lead_seconds() == pytest.approx(0.0, abs=1e-6)


def test_m_mirrors_the_text_and_is_remembered(qtbot, open_prompter, talk_text):
    w = open_prompter(talk_text)
    assert not w.mirrored
    press(qtbot, w, Qt.Key.Key_M)
    assert w.mirrored
    assert QSettings().value(MIRRORED_KEY) in (True, "true")
    w.grab()  # paints mirrored without error
    press(qtbot, w, Qt.Key.Key_M)
    assert not w.mirrored


def test_size_and_spacing_keys_relayout_and_are_remembered(qtbot, open_prompter, talk_text):
    w = open_prompter(talk_text)
    size, spacing, pitch = w.look.font_size, w.look.line_spacing, w.column.line_pitch
    press(qtbot, w, Qt.Key.Key_Plus)
    assert w.look.font_size == size + 4 and w.column.line_pitch > pitch
    press(qtbot, w, Qt.Key.Key_BracketRight)
    assert w.look.line_spacing == pytest.approx(spacing + 0.1)
    assert int(QSettings().value(FONT_SIZE_KEY)) == size + 4
    assert float(QSettings().value(SPACING_KEY)) == pytest.approx(spacing + 0.1)
    again = open_prompter(talk_text)
    assert (again.look.font_size, again.look.line_spacing) == (w.look.font_size, w.look.line_spacing)


def test_a_bad_stored_look_falls_back_to_the_defaults(open_prompter, talk_text):
    QSettings().setValue(FONT_SIZE_KEY, "huge")
    QSettings().setValue(SPACING_KEY, 99)
    w = open_prompter(talk_text)
    assert (w.look.font_size, w.look.line_spacing) == (64, 1.6)


def test_home_restarts_at_the_top_with_the_clock_at_zero(qtbot, open_prompter, clock, talk_text):
    w = open_prompter(talk_text)
    press(qtbot, w, Qt.Key.Key_Space)
    clock.now += 50.0
    w.tick()
    press(qtbot, w, Qt.Key.Key_Home)
    assert w.count == 0.0 and w.elapsed == 0.0 and not w.running


def test_the_display_shows_time_section_lead_and_rate_in_chinese(qtbot, open_prompter, clock, talk_text):
    w = open_prompter(talk_text, target=8.0)
    press(qtbot, w, Qt.Key.Key_Space)
    clock.now += 75.0
    w.tick()
    press(qtbot, w, Qt.Key.Key_Space)  # paused 12 s
    clock.now += 12.0
    w.tick()
    left, section, right, status = w._hud
    assert left == "已用 01:27　剩余 06:33"
    assert section == "一、主要内容"
    assert right == "比计划慢 12 秒　语速 180 字/分钟"
    assert status.startswith("已暂停")


def test_unfilled_prompts_do_not_show(open_prompter):
    w = open_prompter("发言人：【姓名】\n【在此写开头】\n一、主要内容\n正文。\n")
    assert "【" not in w.column.document.toPlainText()
    assert w.column.document.toPlainText() == "发言人：\n一、主要内容\n正文。\n"


def test_esc_closes_the_prompter(qtbot, open_prompter, talk_text):
    w = open_prompter(talk_text)
    with qtbot.waitSignal(w.closed, timeout=1000):
        press(qtbot, w, Qt.Key.Key_Escape)


def test_a_100000_character_draft_is_laid_out_once_and_frames_do_no_layout(
    qtbot, open_prompter, clock, talk_text, monkeypatch
):
    builds: list[object] = []
    original = column_module.TextColumn.build

    def counting_build(self, style):
        builds.append(style)
        original(self, style)

    monkeypatch.setattr(column_module.TextColumn, "build", counting_build)
    draft = (talk_text * 40)[:100_000]
    w = open_prompter(draft)
    laid_out = len(builds)
    assert 1 <= laid_out <= 2  # construction, and the resize to the window's size
    press(qtbot, w, Qt.Key.Key_Space)
    offsets = []
    for _ in range(600):  # ten seconds of frames at 60 Hz
        clock.now += 1 / 60
        w.tick()
        offsets.append(w.scroll_offset)
        w.repaint()
    assert len(builds) == laid_out
    assert w.count == pytest.approx(30.0)
    assert offsets == sorted(offsets) and offsets[-1] > offsets[0]
    # The last frame's position, through the map built once for the whole draft.
    assert w.scroll_offset == pytest.approx(expected_offset(w, 30.0))
    w.jump_to(w.plan.total - 10)
    assert w.scroll_offset == pytest.approx(expected_offset(w, w.plan.total - 10))


def test_scrolling_for_minutes_does_not_use_up_none(qtbot, open_prompter, clock, talk_text):
    """PySide 6.12 on Python 3.11 loses a reference to None in every void call; at 60 frames a
    second that aborted the app within seconds ("deallocating None")."""
    import sys

    w = open_prompter(talk_text)
    press(qtbot, w, Qt.Key.Key_Space)
    w.tick()
    before = sys.getrefcount(None)
    for _ in range(3000):
        clock.now += 1 / 60
        w.tick()
        w.repaint()
    w.tick()
    assert sys.getrefcount(None) >= before - 50


def test_f5_opens_the_prompter_on_the_draft_and_esc_closes_it(qtbot, window):
    from PySide6.QtCore import Qt

    from pingan_writer.draft.model import Draft
    from pingan_writer.gui.prompter import PrompterWindow

    window.set_draft(Draft(text="开头的话。\n一、第一部分\n正文内容。\n"), None, modified=False)
    assert window.action_map["prompter"].shortcut().toString() == "F5"
    window.action_map["prompter"].trigger()
    prompter = window.rehearsing.prompter
    assert isinstance(prompter, PrompterWindow) and prompter.isVisible()
    qtbot.keyClick(prompter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.rehearsing.prompter is None, timeout=3000)


def test_enter_marks_the_end_of_each_top_level_section_and_moves_on(qtbot, open_prompter, clock, talk_text):
    w = open_prompter(talk_text)
    tops = [p.start_count for p in w.plan.sections if p.section.level == 1]
    press(qtbot, w, Qt.Key.Key_Return)  # the first Enter starts the clock, like Space
    assert w.running and w.marks == []
    clock.now += 12.0
    w.tick()
    press(qtbot, w, Qt.Key.Key_Return)  # 开头 read
    assert w.marks == [12.0] and w.count >= tops[1]  # at 一、 (the mark had scrolled there already)
    clock.now += 100.0  # 一、 read faster than the plan: the mark jumps ahead to 二、
    w.tick()
    assert w.count < tops[2]
    press(qtbot, w, Qt.Key.Key_Enter)
    assert w.marks == [12.0, 112.0] and w.count == tops[2]


def test_left_to_scroll_the_prompter_records_each_section_end_as_it_passes(
    qtbot, open_prompter, clock, talk_text
):
    w = open_prompter(talk_text)
    tops = [p.start_count for p in w.plan.sections if p.section.level == 1]
    ends = [*tops[1:], w.plan.total]
    press(qtbot, w, Qt.Key.Key_Space)
    for _ in range(8000):  # frames of 0.25 s until the end of the talk
        clock.now += 0.25
        w.tick()
        if w.finished:
            break
    assert w.marks == []  # no Enter pressed
    passed = w.rehearsal_marks()
    assert passed == pytest.approx([end / 180 * 60 for end in ends], abs=1e-6)


def test_enter_marks_win_over_the_scrolling_and_a_jump_ends_the_scrolled_record(
    qtbot, open_prompter, clock, talk_text
):
    w = open_prompter(talk_text)
    tops = [p.start_count for p in w.plan.sections if p.section.level == 1]
    press(qtbot, w, Qt.Key.Key_Space)
    clock.now += tops[1] / 180 * 60 + 1.0  # 开头 scrolled past
    w.tick()
    assert w.rehearsal_marks() == pytest.approx([tops[1] / 3])
    press(qtbot, w, Qt.Key.Key_PageDown)  # skipped 一、: not read, so its end is not recorded
    clock.now += 5.0
    w.tick()
    clock.now += (w.plan.total - w.count) / 3 + 1.0
    w.tick()
    assert len(w.rehearsal_marks()) == 1
    press(qtbot, w, Qt.Key.Key_Return)  # a mark by hand: from now on those are the record
    assert w.rehearsal_marks() == w.marks and len(w.marks) == 1


def test_closing_after_a_rehearsal_keeps_it_and_offers_the_measured_pace(qtbot, window, monkeypatch):
    from pingan_writer.draft.model import Draft
    from pingan_writer.gui.dialogs import rehearsal as rehearsal_dialog

    shown: list = []

    def accept(self):
        shown.append((self.measured, self.adopt_button is not None, self.findChild(QTableWidget).rowCount()))
        return rehearsal_dialog.RehearsalDialog.DialogCode.Accepted

    monkeypatch.setattr(rehearsal_dialog.RehearsalDialog, "exec", accept)
    text = (
        "开头的话，"
        + "问候。" * 10
        + "\n一、第一部分\n"
        + "正文内容。" * 60
        + "\n二、第二部分\n"
        + "正文内容。" * 40
    )
    window.set_draft(Draft(text=text), None, modified=False)
    window.action_map["prompter"].trigger()
    prompter = window.rehearsing.prompter
    prompter.marks.extend([10.0, 130.0, 220.0])  # what pressing Enter at each section end records
    prompter.close()
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    (rehearsal,) = window.editor.draft().rehearsals
    assert [round(s.actual_seconds) for s in rehearsal.sections] == [10, 120, 90]
    assert window.editor.document().isModified()
    measured = rehearsal.measured_rate()
    assert shown == [(measured, True, 3)]
    assert window.settings.preferences().speaking_rate == measured  # taken as the speaker's own
    # The draft outline shows each top-level section's rehearsed time beside its estimate.
    outline = window.draft_outline
    figures = [outline.topLevelItem(i).text(1) for i in range(outline.topLevelItemCount())]
    assert [f.rsplit(" ", 1)[-1] for f in figures] == ["排练0:10", "排练2:00", "排练1:30"]
    assert "上次排练" in outline.topLevelItem(1).toolTip(1)


def test_rehearsal_dialog_lists_plan_against_actual():
    from pingan_writer.draft.rehearsal import Rehearsal, SectionRun
    from pingan_writer.gui.dialogs.rehearsal import RehearsalDialog

    run = Rehearsal(
        "t",
        180,
        [SectionRun("一、", "总体要求", 300, 100.0, 112.0), SectionRun("二、", "任务", 300, 100.0, 95.0)],
    )
    dialog = RehearsalDialog(run, 180)
    table = dialog.findChild(QTableWidget)
    assert [table.item(r, 3).text() for r in range(2)] == ["+0:12", "−0:05"]
    assert "约每分钟 174 字" in dialog.summary.text() and dialog.adopt_button is not None
