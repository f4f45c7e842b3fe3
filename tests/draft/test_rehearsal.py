"""Rehearsals: plan against actual per section, the speaker's measured pace, and a record that
survives the file format."""

from __future__ import annotations

import pytest

from pingan_writer.draft.rehearsal import (
    Rehearsal,
    format_seconds,
    record,
    rehearsed_seconds,
    timing_report,
    top_sections,
)
from pingan_writer.draft.timing import draft_timing

from ..conftest import TALK_SAMPLE


@pytest.fixture
def timing():
    return draft_timing(TALK_SAMPLE.read_text(encoding="utf-8"), 180)


def test_marks_become_section_times_against_the_plan(timing):
    tops = top_sections(timing)
    marks = [10.0, 400.0, 900.0]
    run = record("2026-12-01T09:00:00", timing, marks)
    assert [s.actual_seconds for s in run.sections] == [10.0, 390.0, 500.0]
    assert [s.planned_seconds for s in run.sections] == pytest.approx([s.minutes * 60 for s in tops])
    assert run.sections[1].difference == pytest.approx(390.0 - tops[1].minutes * 60)
    assert run.actual_seconds == 900.0


def test_measured_pace_is_characters_over_minutes_read(timing):
    marks, elapsed = [], 0.0
    for s in top_sections(timing):  # read at exactly 150 字/分钟
        elapsed += s.characters / 150 * 60
        marks.append(elapsed)
    assert record("2026-12-01T09:00:00", timing, marks).measured_rate() == 150


def test_a_short_or_absurd_rehearsal_gives_no_pace(timing):
    assert record("t", timing, [5.0, 10.0]).measured_rate() is None  # under 30 s
    assert record("t", timing, [1.0, 31.0, 32.0]).measured_rate() is None  # 5,000+ 字/分钟


def test_stopping_early_keeps_the_sections_read(timing):
    run = record("t", timing, [12.0, 300.0])
    assert len(run.sections) == 2 and run.sections[-1].number == "一、"


def test_round_trips_through_its_data(timing):
    run = record("2026-12-01T09:00:00", timing, [10.0, 400.0, 900.0])
    assert Rehearsal.from_data(run.to_data()) == run


def test_rehearsals_round_trip_through_the_pingan_file(timing, tmp_path):
    from pingan_writer.draft.fileformat import load_draft, save_draft
    from pingan_writer.draft.model import Draft

    draft = Draft(text=TALK_SAMPLE.read_text(encoding="utf-8"))
    draft.rehearsals.append(record("2026-12-01T09:00:00", timing, [10.0, 400.0, 900.0]))
    draft.rehearsals.append(record("2026-12-01T10:00:00", timing, [12.5, 380.25]))
    path = tmp_path / "发言.pingan"
    save_draft(draft, path)
    assert load_draft(path).rehearsals == draft.rehearsals


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"started": 1, "rate": 180, "sections": []}, "started 不是字符串"),
        ({"started": "t", "rate": "快", "sections": []}, "rate 不是整数"),
        (
            {
                "started": "t",
                "rate": 180,
                "sections": [
                    {"number": "", "title": "", "characters": 1, "planned_seconds": -1, "actual_seconds": 1}
                ],
            },
            "planned_seconds 不是",
        ),
        ({"started": "t", "rate": 180}, "缺少"),
    ],
)
def test_a_malformed_rehearsal_is_refused_naming_it(tmp_path, bad, message):
    import json

    from pingan_writer.draft.fileformat import load_draft
    from pingan_writer.errors import PinganError

    path = tmp_path / "坏.pingan"
    data = {"format": "pingan-draft", "version": 1, "lines": ["正文"], "rehearsals": [bad]}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PinganError, match="第 1 次排练记录") as info:
        load_draft(path)
    assert message in str(info.value) and "坏.pingan" in str(info.value)


def test_the_last_rehearsal_times_each_top_level_section_of_the_timing(timing):
    run = record("2026-12-01T09:00:00", timing, [10.0, 400.0, 900.0])
    seconds = rehearsed_seconds(timing, run)
    tops = [i for i, s in enumerate(timing.sections) if s.level == 1]
    assert [seconds[i] for i in tops] == [10.0, 390.0, 500.0]
    assert all(seconds[i] is None for i in range(len(seconds)) if i not in tops)  # not marked
    assert rehearsed_seconds(timing, None) == [None] * len(timing.sections)


def test_a_section_renamed_since_the_rehearsal_ends_the_pairing():
    before = draft_timing("开头。\n一、甲\n" + "正文。" * 20 + "\n二、乙\n" + "正文。" * 20, 180)
    run = record("2026-12-01T09:00:00", before, [2.0, 30.0, 60.0])
    after = draft_timing("开头。\n一、丙\n" + "正文。" * 20 + "\n二、乙\n" + "正文。" * 20, 180)
    assert rehearsed_seconds(after, run) == [2.0, None, None]


def test_the_timing_report_adds_the_rehearsal_to_the_timing_keys(timing):
    run = record("2026-12-01T09:00:00", timing, [10.0, 400.0, 900.0])
    data = timing_report(timing, run)
    assert data["last_rehearsal"] == {
        "started": "2026-12-01T09:00:00",
        "rate": 180,
        "planned_seconds": round(run.planned_seconds, 1),
        "actual_seconds": 900.0,
        "measured_rate": run.measured_rate(),
    }
    assert [s["rehearsed_seconds"] for s in data["sections"] if s["level"] == 1] == [10.0, 390.0, 500.0]
    assert timing_report(timing, None)["last_rehearsal"] is None


def test_seconds_read_as_a_stopwatch():
    seconds = (0, 59.4, 59.6, 125, 3725)
    assert [format_seconds(x) for x in seconds] == ["0:00", "0:59", "1:00", "2:05", "62:05"]
