"""Drifted quotes (quote.drift), run_draft_checks, the rule list, and properties on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_writer.draft.checks import RULES, check_quotes, run_checks, run_draft_checks
from pingan_writer.draft.drift import normalized_diff
from pingan_writer.draft.findings import SEVERITIES, Finding
from pingan_writer.draft.model import Draft, Quote, SourceRef

SOURCE = SourceRef("abc123", "建设更高水平的平安中国")
QUOTED = "政治安全是国家安全的根本，必须坚定维护国家政权安全、制度安全、意识形态安全。"


def quoted_draft() -> tuple[Draft, Quote]:
    draft = Draft(text="一、主要内容\n文件指出：\n")
    quote = draft.insert_quote(draft.text.index("：") + 1, QUOTED, SOURCE, ["二、"], 10, 10 + len(QUOTED))
    return draft, quote


def edit(draft: Draft, old: str, new: str) -> None:
    """Replace `old` inside the (only) quote with `new`, keeping the quote's range on its text."""
    (quote,) = draft.quotes
    at = draft.text.index(old, quote.start)
    draft.text = draft.text[:at] + new + draft.text[at + len(old) :]
    quote.end += len(new) - len(old)


def test_an_untouched_quote_is_not_reported():
    draft, _ = quoted_draft()
    assert check_quotes(draft) == []


def test_an_edited_quote_is_an_error_over_its_range_naming_the_source_and_the_change():
    draft, quote = quoted_draft()
    edit(draft, "根本", "基础")
    (finding,) = check_quotes(draft)
    assert (finding.rule, finding.severity) == ("quote.drift", "error")
    assert (finding.start, finding.end) == (quote.start, quote.end)
    assert "《建设更高水平的平安中国》" in finding.message
    assert "“根本”改成了“基础”" in finding.message


def test_rewrapping_and_punctuation_width_are_not_drift():
    draft, _ = quoted_draft()
    edit(draft, "根本，必须", "根本,必 须")
    assert check_quotes(draft) == []


def test_the_message_shows_only_the_real_change_when_a_drifted_quote_was_also_rewrapped():
    draft, quote = quoted_draft()
    edit(draft, "国家安全的根本", "国家 安全的基础")
    (finding,) = check_quotes(draft)
    assert (finding.start, finding.end) == (quote.start, quote.end)
    assert "“根本”改成了“基础”" in finding.message and "等" not in finding.message


def test_deleted_and_added_text_and_many_changes_are_described_briefly():
    expected = "甲乙丙丁戊己庚"
    ops = normalized_diff(expected, "甲丙丁戊己庚辛", 100)
    assert [(o.op, o.source, o.draft) for o in ops] == [("delete", "乙", ""), ("insert", "", "辛")]
    assert ops[0].at == 101
    draft, quote = quoted_draft()
    draft.text = draft.text[: quote.start] + "完全不同的一段话，" * 3 + draft.text[quote.end :]
    quote.end = quote.start + len("完全不同的一段话，" * 3)
    (finding,) = check_quotes(draft)
    assert "大段改写" in finding.message and len(finding.message) < 80  # short, whatever the edit


def test_quotes_out_of_the_text_give_ranges_inside_it():
    draft = Draft(text="短文。")
    draft.quotes.append(Quote(2, 50, "x", "", [], 0, 10, "原来的一段引文"))
    (finding,) = check_quotes(draft)
    assert 0 <= finding.start <= finding.end <= len(draft.text)
    assert "原文不符" in finding.message


def test_run_draft_checks_adds_drift_to_run_checks_in_the_same_order():
    draft, _ = quoted_draft()
    edit(draft, "根本", "基础")
    draft.text += "【发言人】"
    findings = run_draft_checks(draft, target_minutes=5)
    assert [f for f in findings if f.rule != "quote.drift"] == run_checks(draft.text, 5)
    assert "quote.drift" in {f.rule for f in findings}
    keys = [(f.start, f.rule) for f in findings]
    assert keys == sorted(keys)


def emitted_rules(findings: list[Finding]) -> set[str]:
    return {"formulation.*" if f.rule.startswith("formulation.") else f.rule for f in findings}


def test_rule_list_describes_every_new_rule_in_chinese():
    ids = {r.id for r in RULES}
    assert {
        "prompt.unfilled",
        "punct.doubled",
        "repeat.passage",
        "numbering.restart",
        "quote.drift",
    } <= ids
    severities = {r.id: r.severity for r in RULES}
    assert severities["prompt.unfilled"] == severities["quote.drift"] == "error"
    draft, _ = quoted_draft()
    edit(draft, "根本", "基础")
    draft.text += (
        "【发言人】好。。\n一是甲；二是乙；三是丙。一是甲；二是乙；三是丙。\n"
        "一、甲\n三、乙,我们我们的的“以习近平为核心的党中央\n"
    )
    assert emitted_rules(run_draft_checks(draft, target_minutes=10)) <= ids


_PIECES = [
    "【", "】", "【发言人】", "一是", "二是", "三是", "。", "，", "；", "、", "：", "！", "？", "……", "——",
    "\n", "　　", "一、", "（一）", "加强理论学习狠抓工作落实。", "“", "”", "平安中国",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=200)
offsets = st.integers(-5, 250)
quote_ranges = st.lists(st.tuples(offsets, offsets, st.text(max_size=20)), max_size=4)


@settings(max_examples=200, deadline=None)
@given(texts, quote_ranges, st.none() | st.floats(min_value=0.1, max_value=30))
def test_run_draft_checks_never_raises_and_ranges_lie_in_the_text(text, ranges, target):
    draft = Draft(text=text)
    for start, end, inserted in ranges:
        draft.quotes.append(Quote(start, end, "x", "标题", [], 0, 0, inserted))
    findings = run_draft_checks(draft, target_minutes=target)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.severity in SEVERITIES and f.message
    keys = [(f.start, f.rule) for f in findings]
    assert keys == sorted(keys)
    assert emitted_rules(findings) <= {r.id for r in RULES}
