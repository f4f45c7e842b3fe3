"""assemble_draft: one way to start a draft from a template and its sources (CLI new, GUI wizard)."""

from __future__ import annotations

from pingan_writer.draft.model import SourceRef
from pingan_writer.draft.newdraft import assemble_draft
from pingan_writer.draft.templates import load_template
from pingan_writer.sources import read_source

from ..conftest import SOURCE_SAMPLE


def sample():
    source = read_source(SOURCE_SAMPLE)
    return source, SourceRef(source.content_hash, source.title, str(SOURCE_SAMPLE))


def test_study_talk_fills_the_source_and_records_meta_and_sources():
    source, ref = sample()
    draft = assemble_draft(
        load_template("study-talk"),
        [(source, ref)],
        speaker="张三",
        meeting="理论学习中心组",
        date="2026年11月22日",
        target_minutes=6,
    )
    assert draft.text.startswith("按照会议安排，由我围绕《建设更高水平的平安中国》学习内容分享个人体会。")
    assert draft.text.endswith("发言完毕，谢谢大家！")
    meta = draft.meta
    assert (meta.title, meta.speaker, meta.meeting, meta.date, meta.target_minutes, meta.template) == (
        "学习《建设更高水平的平安中国》体会",
        "张三",
        "理论学习中心组",
        "2026年11月22日",
        6,
        "study-talk",
    )
    assert draft.sources == [ref] and draft.quotes == []


def test_the_meeting_goes_into_the_text_where_the_template_has_a_place():
    source, ref = sample()
    draft = assemble_draft(load_template("discussion"), [(source, ref)], meeting="理论学习中心组")
    assert "——在理论学习中心组上的研讨发言" in draft.text
    assert draft.meta.meeting == "理论学习中心组"
    # Left blank, a value stays as its prompt for the drafter to fill.
    blank = assemble_draft(load_template("discussion"), [(source, ref)])
    assert "【会议名称】" in blank.text and "【发言人】" in blank.text and blank.meta.meeting == ""


def test_several_sources_are_named_together_and_recorded_once_each():
    source, ref = sample()
    second = read_source(SOURCE_SAMPLE)
    second.title = "关于加强基层治理的意见"
    other = SourceRef("0" * 64, second.title)
    draft = assemble_draft(load_template("study-talk"), [(source, ref), (second, other), (source, ref)])
    assert "由我围绕《建设更高水平的平安中国、关于加强基层治理的意见》学习内容" in draft.text
    assert [s.id for s in draft.sources] == [ref.id, other.id]
    assert draft.meta.title == "学习《建设更高水平的平安中国》体会"


def test_without_sources_the_title_prompt_stays():
    draft = assemble_draft(load_template("study-talk"), [])
    assert "《【原文标题】》" in draft.text and draft.meta.title == "学习体会发言" and draft.sources == []
