"""run_checks as a whole: the samples, ordering, the rule list, and properties on arbitrary text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_writer.draft.checks import RULES, list_rules, run_checks
from pingan_writer.draft.findings import SEVERITIES


def test_sample_talk_findings(talk_text):
    findings = run_checks(talk_text)
    assert [(f.rule, talk_text[f.start : f.end]) for f in findings] == [
        ("numbering.level", "一、"),
        ("numbering.level", "二、"),
        ("numbering.level", "三、"),
        ("formulation.xi-thought-full-name", "新时代中国特色社会主义思想"),
    ]
    assert talk_text[findings[0].start :].startswith("一、建设更高水平的平安中国，要坚持总体国家安全观")


def test_source_sample_has_no_findings(source_text):
    assert run_checks(source_text) == []


def test_sample_talk_is_too_long_for_eight_minutes(talk_text):
    findings = [f for f in run_checks(talk_text, target_minutes=8) if f.rule.startswith("length.")]
    assert [(f.rule, f.start, f.end) for f in findings] == [("length.over", 0, len(talk_text))]
    assert [f.rule for f in run_checks(talk_text, target_minutes=15) if f.rule.startswith("length.")] == []


def test_findings_are_sorted_by_start_then_rule():
    text = "一、甲\n三、乙,我们我们的的“以习近平为核心的党中央\n"
    findings = run_checks(text, target_minutes=10)
    keys = [(f.start, f.rule) for f in findings]
    assert keys == sorted(keys)
    assert {f.rule for f in findings} >= {
        "length.under",
        "numbering.gap",
        "punct.halfwidth",
        "punct.unpaired",
        "text.doubled",
        "formulation.core-leadership",
    }


def test_rules_path_is_passed_to_the_formulation_check(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[rule]]\nid = "x"\ncorrect = "甲"\nseverity = "info"\nwrong = ["乙"]\n', encoding="utf-8"
    )
    assert [f.rule for f in run_checks("乙，以习近平为核心的党中央", rules_path=rules)] == ["formulation.x"]


def test_rule_list_covers_every_rule_a_check_reports():
    ids = {r.id for r in RULES}
    assert {
        "numbering.gap",
        "numbering.repeat",
        "numbering.order",
        "numbering.start",
        "numbering.level",
        "numbering.hierarchy",
        "punct.unpaired",
        "punct.halfwidth",
        "punct.doubled",
        "text.doubled",
        "numbering.restart",
        "prompt.unfilled",
        "repeat.passage",
        "quote.drift",
        "formulation.*",
        "length.over",
        "length.under",
    } == ids
    for rule in RULES:
        assert rule.severity in SEVERITIES
        assert re.search(r"[\u4e00-\u9fff]", rule.description)


def test_list_rules_expands_the_formulation_family(tmp_path):
    expanded = list_rules()
    assert "formulation.*" not in {r.id for r in expanded}
    assert "formulation.core-leadership" in {r.id for r in expanded}
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[rule]]\nid = "x"\ncorrect = "甲"\nseverity = "info"\nwrong = ["乙"]\n', encoding="utf-8"
    )
    assert [r.id for r in list_rules(rules) if r.id.startswith("formulation.")] == ["formulation.x"]


# Pieces of drafts: markers, points, paired and half-width marks, doubles, formulations, layout.
_PIECES = [
    "一、", "二、", "三、", "（一）", "（二）", "1.", "2．", "（1）", "1）", "①", "②", "第一，", "第三条",
    "附件1", "一是", "二是", "三是", "一要", "其一，", "首先，", "“", "”", "‘", "’", "《", "》", "（", "）",
    "(", ")", "【", "】", "「", "」", ",", ";", ":", "?", "!", "。", "，", "\n", "\n\n", "　　", "平安中国",
    "我们", "的的", "了了", "研究研究", "新时代中国特色社会主义思想", "政治意识、", "大局意识、", "核心意识",
    "http://a.b/c?d=1,2", "1,000", "abc",
]  # fmt: skip
drafts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=200)


@settings(max_examples=150, deadline=None)
@given(drafts, st.none() | st.floats(min_value=0.1, max_value=30))
def test_run_checks_never_raises_and_ranges_lie_in_the_text(text, target):
    findings = run_checks(text, target_minutes=target)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.severity in SEVERITIES
        assert f.message
    keys = [(f.start, f.rule) for f in findings]
    assert keys == sorted(keys)
