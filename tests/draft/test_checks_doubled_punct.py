"""Doubled sentence and clause marks (punct.doubled)."""

from __future__ import annotations

import pytest

from pingan_writer.draft.checks import doubled_punct, run_checks


def runs(text: str) -> list[str]:
    return [text[f.start : f.end] for f in doubled_punct.check(text)]


RUNS = ["。。", "，，", "，。", "。，", "；。", "、、", "；；", "：：", "！。", "。。。"]


@pytest.mark.parametrize("run", RUNS)
def test_doubled_or_mixed_clause_marks_are_reported_over_the_run(run):
    text = f"我们要加强学习{run}狠抓落实。"
    (finding,) = doubled_punct.check(text)
    assert (finding.rule, finding.severity) == ("punct.doubled", "warning")
    assert text[finding.start : finding.end] == run
    assert f"“{run}”" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "这就是所谓的……平安。",
        "平安——这是人民的期盼。",
        "难道不是吗？？我们要奋斗！！",
        "真的吗？！",
        "“平安中国”。",
        "一、总体要求。二、主要任务。",
        "加强学习,,狠抓落实",  # half-width: punct.halfwidth's business
    ],
)
def test_ellipsis_dash_rhetorical_marks_and_single_marks_are_not_reported(text):
    assert runs(text) == []


def test_an_ellipsis_of_full_stops_gets_advice():
    (finding,) = doubled_punct.check("等等。。。")
    assert "……" in finding.message


def test_run_checks_includes_doubled_punctuation():
    assert "punct.doubled" in {f.rule for f in run_checks("加强学习，。狠抓落实。")}
