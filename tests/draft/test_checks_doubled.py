"""Doubled characters and words: typos are reported, reduplication is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from pingan_writer.draft.checks import doubled
from pingan_writer.errors import PinganError

DATA = Path(__file__).resolve().parent.parent / "data" / "outline"


def spans(text: str, rules: Path | None = None) -> list[str]:
    findings = doubled.check(text, rules)
    assert all(f.rule == "text.doubled" and f.severity == "warning" for f in findings)
    return [text[f.start : f.end] for f in findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们的的工作", ["的的"]),
        ("这是是一个问题", ["是是"]),
        ("学习了了新精神", ["了了"]),
        ("我们在在这里", ["在在"]),
        ("党和和政府", ["和和"]),
        ("要对对工作负责", ["对对"]),
        ("的的的", ["的的的"]),
        ("我们我们要加强加强学习", ["我们我们", "加强加强"]),
        ("推进社会治理社会治理现代化", ["社会治理社会治理"]),
        ("同志们同志们", ["同志们同志们"]),
    ],
)
def test_typos_are_reported(text, expected):
    assert spans(text) == expected


def test_message_names_the_doubled_text():
    (finding,) = doubled.check("我们的的工作")
    assert "“的的”" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "常常、天天、人人、谢谢、看看、渐渐、多多",  # single-character reduplication
        "大家研究研究，讨论讨论，学习学习",  # allowlisted ABAB verbs
        "一个一个地落实，一步一步地推进",  # 一 + measure word
        "为了了解情况",  # 为了 + 了解
        "关键是是否落实",  # 是 + 是否
        "现在在做什么",  # 现在 + 在
        "达到目的的手段",  # 目的 + 的
        "实事求是是党的思想路线",
        "参与与合作",
        "面对对手",
        "维护和平和和谐",
        "是是非非，不了了之，的的确确，和和美美",  # AABB and idioms
        "有的人的人生观",  # 的人的人 crosses a phrase boundary
        "谢谢谢谢",
    ],
)
def test_legitimate_reduplication_is_not_reported(text):
    assert spans(text) == []


def test_allowlist_comes_from_the_rules_file(tmp_path):
    rules = tmp_path / "doubled.toml"
    rules.write_text(
        'allow = ["加强加强"]\n[function]\nchars = "的"\nends = []\nstarts = []\n', encoding="utf-8"
    )
    # 加强加强 is allowed, 是 is no function character here, 研究研究 is no longer allowed.
    assert spans("加强加强，是是，的的，研究研究", rules) == ["的的", "研究研究"]


def test_broken_allowlist_names_file_and_line(tmp_path):
    rules = tmp_path / "doubled.toml"
    rules.write_text('allow = ["a"]\n[function]\nchars = "的"\nends = "目的"\n', encoding="utf-8")
    with pytest.raises(PinganError) as err:
        doubled.load_allowlist(rules)
    assert err.value.path == rules
    assert err.value.reason.startswith("第 4 行：")


def test_samples_have_no_doubled_findings(talk_text, source_text):
    assert doubled.check(talk_text) == []
    assert doubled.check(source_text) == []


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_realistic_documents_have_no_doubled_findings(path):
    assert doubled.check(path.read_text(encoding="utf-8")) == []
