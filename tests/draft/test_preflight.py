"""preflight: what must be fixed before printing, and its one-line summary."""

from __future__ import annotations

from pingan_writer.draft.checks import run_draft_checks
from pingan_writer.draft.findings import Finding
from pingan_writer.draft.model import Draft, SourceRef
from pingan_writer.draft.preflight import preflight, summary

QUOTED = "政治安全是国家安全的根本，必须坚定维护国家政权安全。"


def flawed_draft() -> Draft:
    """Two prompts, a drifted quote, a numbering gap, and warnings that are not preflight's."""
    draft = Draft(text="由【发言人】发言。\n一、主要内容\n文件指出：\n三、学习体会\n【在此写体会】好。。\n")
    quote = draft.insert_quote(
        draft.text.index("：") + 1, QUOTED, SourceRef("h", "建设更高水平的平安中国"), ["二、"], 0, len(QUOTED)
    )
    at = draft.text.index("根本", quote.start)
    draft.text = draft.text[:at] + "基础" + draft.text[at + 2 :]
    return draft


def test_preflight_returns_the_errors_in_text_order():
    draft = flawed_draft()
    findings = preflight(draft, target_minutes=5)
    assert [(f.rule, draft.text[f.start : f.end]) for f in findings] == [
        ("prompt.unfilled", "【发言人】"),
        ("quote.drift", QUOTED.replace("根本", "基础")),
        ("numbering.gap", "三、"),
        ("prompt.unfilled", "【在此写体会】"),
    ]
    every = run_draft_checks(draft, target_minutes=5)
    assert {f.rule for f in every} - {f.rule for f in findings} >= {"punct.doubled", "length.under"}
    assert all(f.severity == "error" for f in findings)


def test_a_clean_draft_passes():
    assert preflight(Draft(text="一、总体要求\n按照会议安排，由我发言。\n")) == []


def test_sample_talk_preflight_is_its_misused_levels(talk_text):
    # The shortened name of the Thought is a warning in formulations.toml, so it is not here.
    rules = [f.rule for f in preflight(Draft(text=talk_text))]
    assert rules == ["numbering.level"] * 3


def test_summary_counts_by_family_in_a_fixed_order():
    assert summary(preflight(flawed_draft())) == "2 处未填写的提示、1 处引文与原文不符、1 处编号错误"
    mixed = [
        Finding("formulation.x", "error", "m", 0, 1),
        Finding("numbering.level", "error", "m", 0, 1),
        Finding("numbering.gap", "error", "m", 2, 3),
        Finding("something.else", "error", "m", 4, 5),
    ]
    assert summary(mixed) == "2 处编号错误、1 处规范表述错误、1 处其他错误"
    assert summary([]) == ""
