"""Unfilled template prompts 【…】 (prompt.unfilled)."""

from __future__ import annotations

from pingan_writer.draft.checks import prompts, run_checks
from pingan_writer.draft.templates import load_template, render


def spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in prompts.check(text)]


def test_each_prompt_is_an_error_over_the_brackets_quoting_the_prompt():
    text = "由【发言人】发言。\n一、【在此概括原文的主要内容】\n"
    findings = prompts.check(text)
    assert [text[f.start : f.end] for f in findings] == ["【发言人】", "【在此概括原文的主要内容】"]
    assert {(f.rule, f.severity) for f in findings} == {("prompt.unfilled", "error")}
    assert "还有未填写的提示“【发言人】”" in findings[0].message


def test_text_without_prompts_has_no_findings():
    assert prompts.check("按照会议安排，由我发言。（一）坚持“枫桥经验”。") == []


def test_a_long_prompt_is_shortened_in_the_message_but_not_in_the_range():
    prompt = "【" + "在此概括原文的主要内容" * 4 + "】"
    (finding,) = prompts.check(prompt)
    assert (finding.start, finding.end) == (0, len(prompt))
    assert "…】" in finding.message and len(finding.message) < len(prompt) + 20


def test_nested_prompts_are_one_finding_and_unclosed_brackets_do_not_crash():
    assert spans("【在此重申《【原文标题】》的主题】。") == ["【在此重申《【原文标题】》的主题】"]
    # An unclosed 【 and a stray 】 are reported by punct.unpaired; the complete pair still counts.
    assert spans("未闭合【，【发言人】，没有关上。") == ["【发言人】"]
    assert spans("多余】【发言人】】。【") == ["【发言人】"]
    assert spans("【【【") == [] and spans("】】】") == []
    # A pair never spans paragraphs: the prompts are written on one line.
    assert spans("【第一行\n第二行】") == []


def test_stray_brackets_are_left_to_the_unpaired_check():
    rules = [f.rule for f in run_checks("多余】。")]
    assert rules == ["punct.unpaired"]


def test_the_rendered_study_talk_template_shows_all_its_prompts():
    text = render(load_template("study-talk"), {})
    found = [text[f.start : f.end] for f in run_checks(text) if f.rule == "prompt.unfilled"]
    # Every 【 of the template opens a prompt (one holds the unfilled 【原文标题】 inside it).
    assert len(found) == text.count("【") - 1 == 19
    assert "【用一句话阐明这一论点】" in found and "【第三个方面】" in found
    assert any("【原文标题】" in f for f in found)
    filled = render(load_template("study-talk"), {"source_title": "建设更高水平的平安中国"})
    assert not any("原文标题" in filled[f.start : f.end] for f in prompts.check(filled))
