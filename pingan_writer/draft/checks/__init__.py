"""Checks on a draft: numbering, unfilled prompts, paired, half-width and doubled punctuation,
doubled words, repeated passages, standard formulations, length and drifted quotes. `run_checks`
runs those on the text; `run_draft_checks` adds the ones that need the Draft (its quotes);
`RULES` lists what they report.

Each family is a module with a `check` function returning findings (draft.findings.Finding) whose
ranges are offsets into the text. The checks are pure functions of the text and the rule files, so
they never raise on any text; only a broken rules file raises (PinganError naming file and line).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pingan_writer.draft.checks import (
    doubled,
    doubled_punct,
    formulations,
    length,
    numbering,
    prompts,
    punctuation,
    quotes,
    repeats,
)
from pingan_writer.draft.checks.quotes import check_quotes
from pingan_writer.draft.findings import Finding
from pingan_writer.draft.model import Draft
from pingan_writer.text.counting import DEFAULT_RATE


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule as listed to the user: its id, the severity it reports with, and what it checks."""

    id: str
    severity: str  # the usual severity; numbering reports point series one step milder
    description: str


FORMULATION_FAMILY = "formulation.*"

RULES: list[RuleInfo] = [
    RuleInfo(numbering.GAP, "error", "序号不连续，如“一、”之后是“三、”，“一是”之后是“三是”"),
    RuleInfo(numbering.REPEAT, "error", "序号重复，如“二、”之后又是“二、”"),
    RuleInfo(numbering.ORDER, "error", "序号顺序错乱或倒退，如挪动段落后成了“一、三、二、”"),
    RuleInfo(numbering.START, "info", "同一级序号不是从 1 开始"),
    RuleInfo(
        numbering.LEVEL,
        "error",
        "层级用错：在“二、”之下又用“一、二、三、”，应改用下一级“（一）（二）（三）”",
    ),
    RuleInfo(
        numbering.HIERARCHY,
        "info",
        "层级跳过或颠倒，如“一、”之下直接用“1.”（公文层级依次为一、（一）1.（1））",
    ),
    RuleInfo(
        numbering.RESTART,
        "warning",
        "同一段中“一是、二是、三是”之后又从“一是”编起，多为重复粘贴",
    ),
    RuleInfo(prompts.RULE, "error", "模板中的写作提示或未填写的占位符【…】还留在稿中"),
    RuleInfo(punctuation.UNPAIRED, "warning", "成对的标点不成对：“” ‘’ 《》 （） 【】 「」 等"),
    RuleInfo(punctuation.HALFWIDTH, "warning", "中文里用了半角标点 , ; : ? ! ( )，应改为全角"),
    RuleInfo(
        doubled_punct.RULE,
        "warning",
        "句读标点重复或混用，如“。。”“，，”“，。”（“……”“——”和“！！”不报）",
    ),
    RuleInfo(doubled.RULE, "warning", "字词重复，如“的的”“我们我们”（合法叠词不报，放行表见 doubled.toml）"),
    RuleInfo(repeats.RULE, "warning", "同一句话（12 字以上）在稿中又出现一次，多为重复粘贴"),
    RuleInfo(FORMULATION_FAMILY, "error", "规范表述写错，规则见 formulations.toml"),
    RuleInfo(length.OVER, "warning", "按语速估算的发言时间比目标长 10% 以上"),
    RuleInfo(length.UNDER, "info", "按语速估算的发言时间比目标短 10% 以上"),
    RuleInfo(quotes.RULE, "error", "引文插入后被改动，与原文不符（空白和全角半角不计）"),
]


def list_rules(rules_path: Path | None = None) -> list[RuleInfo]:
    """RULES with the formulation family expanded into the rules of the formulations file."""
    expanded: list[RuleInfo] = []
    for info in RULES:
        if info.id != FORMULATION_FAMILY:
            expanded.append(info)
            continue
        for rule in formulations.load_rules(rules_path):
            expanded.append(RuleInfo(rule.id, rule.severity, f"规范表述：{rule.name}"))
    return expanded


def run_checks(
    text: str,
    target_minutes: float | None = None,
    rate: float = DEFAULT_RATE,
    rules_path: Path | None = None,
) -> list[Finding]:
    """Every finding on `text`, sorted by start, then rule.

    `target_minutes` enables the length check at `rate` 字/分钟 (ValueError if either is not
    positive); `rules_path` replaces resources/rules/formulations.toml."""
    findings = [
        *numbering.check(text),
        *prompts.check(text),
        *punctuation.check(text),
        *doubled_punct.check(text),
        *doubled.check(text),
        *repeats.check(text),
        *formulations.check(text, rules_path),
    ]
    if target_minutes is not None:
        findings.extend(length.check(text, target_minutes, rate))
    findings.sort(key=_order)
    return findings


def run_draft_checks(
    draft: Draft,
    target_minutes: float | None = None,
    rate: float = DEFAULT_RATE,
    rules_path: Path | None = None,
) -> list[Finding]:
    """run_checks on the draft's text plus its drifted quotes (quote.drift), sorted the same way."""
    findings = run_checks(draft.text, target_minutes, rate, rules_path)
    findings.extend(check_quotes(draft))
    findings.sort(key=_order)
    return findings


def _order(f: Finding) -> tuple[int, str]:
    return f.start, f.rule
