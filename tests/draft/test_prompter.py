"""The teleprompter's headless part: the spoken text (the draft without its 【…】 prompts) with
its offset map and sections, and the pace arithmetic the scrolling follows."""

from __future__ import annotations

import pytest

from pingan_writer.draft.prompter import Plan, cumulative_counts, spoken_text
from pingan_writer.draft.timing import draft_timing
from pingan_writer.text.counting import count_characters

TEMPLATE = (
    "发言人：【姓名】\n【在此写开头的问候】\n一、主要内容\n正文【补充一句】内容。\n二、学习体会\n体会。\n"
)


def test_spoken_text_drops_prompts_and_the_lines_they_leave_blank():
    spoken = spoken_text(TEMPLATE)
    assert spoken.text == "发言人：\n一、主要内容\n正文内容。\n二、学习体会\n体会。\n"
    assert "【" not in spoken.text and "\n\n" not in spoken.text


def test_spoken_offsets_map_back_to_the_same_characters_in_the_draft():
    spoken = spoken_text(TEMPLATE)
    for i, ch in enumerate(spoken.text):
        assert TEMPLATE[spoken.to_draft(i)] == ch
        assert spoken.from_draft(spoken.to_draft(i)) == i


def test_a_draft_offset_inside_a_removed_prompt_maps_to_the_next_spoken_character():
    spoken = spoken_text(TEMPLATE)
    inside = TEMPLATE.index("补充")
    assert spoken.text[spoken.from_draft(inside)] == "内"


def test_a_draft_without_prompts_is_spoken_as_written(talk_text):
    spoken = spoken_text(talk_text)
    assert spoken.text == talk_text
    assert spoken.to_draft(100) == 100


def test_sections_come_from_draft_timing_and_start_at_their_headings_in_the_spoken_text():
    spoken = spoken_text(TEMPLATE)
    titles = [s.title for s in spoken.sections]
    assert titles == [s.title for s in draft_timing(TEMPLATE).sections]
    heading = next(s for s in spoken.sections if s.title == "学习体会")
    assert spoken.text[heading.start :].startswith("二、学习体会")
    assert heading.label == "二、学习体会"


def test_counts_follow_the_counting_rule(talk_text):
    text = "2035年，5G 网络\n覆盖 1,000 个村。"
    counts = cumulative_counts(text)
    assert len(counts) == len(text) + 1
    assert counts[-1] == count_characters(text)
    assert cumulative_counts(talk_text)[-1] == count_characters(talk_text)


def test_position_after_n_seconds_at_rate_r_is_r_times_n_over_60_characters(talk_text):
    plan = Plan(spoken_text(talk_text), 180)
    for seconds in (1, 10, 60, 125):
        index = plan.position(seconds)
        assert plan.counts[index] == 180 * seconds // 60
        assert not talk_text[index].isspace()  # the mark is on a character, never on a break


def test_a_latin_run_is_read_as_one_character():
    plan = Plan(spoken_text("年2035年"), 60)  # one character a second
    assert plan.total == 3
    assert plan.position(1.5) == 1  # the whole of "2035" is the second character read
    assert plan.position(2.5) == 5


def test_the_position_stops_at_the_end(talk_text):
    plan = Plan(spoken_text(talk_text), 180)
    assert plan.count_after(10_000) == plan.total
    assert plan.position(10_000) == len(talk_text)


def test_section_lookup_finds_the_innermost_section(talk_text):
    plan = Plan(spoken_text(talk_text), 180)
    titles = [p.section.title for p in plan.sections]
    first_point = titles.index(next(t for t in titles if t.startswith("建设更高水平的平安中国，要坚持总体")))
    start = plan.sections[first_point].section.start
    assert plan.section_index_at(start + 5) == first_point
    assert plan.sections[plan.section_index_at(0)].section.title == "开头"
    parent = titles.index("学习体会")
    assert plan.section_index_at(plan.sections[parent].section.start + 2) == parent


def test_planned_start_of_each_section_is_its_characters_before_at_the_rate(talk_text):
    plan = Plan(spoken_text(talk_text), 180)
    for section in plan.sections:
        assert section.start_seconds == pytest.approx(section.start_count / 180 * 60)
    top = [p for p in plan.sections if p.section.level == 1]
    assert sum(p.planned_seconds for p in top) == pytest.approx(plan.total_seconds)


def test_section_jumps_go_to_the_next_and_previous_section_starts(talk_text):
    plan = Plan(spoken_text(talk_text), 180)
    starts = [p.start_count for p in plan.sections]
    assert plan.next_section_start(0) == starts[1]
    assert plan.next_section_start(starts[1]) == starts[2]
    assert plan.next_section_start(plan.total) is None
    assert plan.previous_section_start(starts[2] + 50) == starts[2]
    assert plan.previous_section_start(starts[2]) == starts[1]  # at a start: the one before


def test_ahead_and_behind_in_the_current_section(talk_text):
    plan = Plan(spoken_text(talk_text), 180)
    section = 2
    start = plan.sections[section].start_count
    # 90 characters are 30 s at 180 字/分钟
    assert plan.section_lead(section, start + 90, 30.0) == pytest.approx(0.0)
    assert plan.section_lead(section, start + 90, 42.0) == pytest.approx(-12.0)  # behind
    assert plan.section_lead(section, start + 90, 22.0) == pytest.approx(8.0)  # ahead
    assert plan.lead(90, 40.0) == pytest.approx(-10.0)


def test_a_rate_that_is_not_positive_is_refused():
    with pytest.raises(ValueError):
        Plan(spoken_text("正文。"), 0)
