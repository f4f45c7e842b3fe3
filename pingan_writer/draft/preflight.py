"""What must be fixed before a talk is printed: the error-severity findings of every check.

An unfilled prompt 【…】, a quote that no longer matches its source, a numbering error or a wrong
official formulation would be read out or handed in as it stands; warnings and notes (length,
punctuation style) are left to the checks panel. Export runs `preflight` first and reports
`summary` of what it found (or, strictly, refuses).
"""

from __future__ import annotations

from pingan_writer.draft.checks import run_draft_checks
from pingan_writer.draft.findings import Finding
from pingan_writer.draft.model import Draft
from pingan_writer.text.counting import DEFAULT_RATE

# Rule-id prefix → how a count of its findings reads, in the order the summary lists them.
_FAMILIES: tuple[tuple[str, str], ...] = (
    ("prompt.", "处未填写的提示"),
    ("quote.", "处引文与原文不符"),
    ("numbering.", "处编号错误"),
    ("formulation.", "处规范表述错误"),
)
_OTHER = "处其他错误"


def preflight(draft: Draft, target_minutes: float | None = None, rate: float = DEFAULT_RATE) -> list[Finding]:
    """The findings that must be seen before printing (severity error), in text order."""
    findings = [f for f in run_draft_checks(draft, target_minutes, rate) if f.severity == "error"]
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def family_label(rule: str) -> str:
    """What a finding of `rule` is called in the summary: 处未填写的提示, 处编号错误 …"""
    return next((label for prefix, label in _FAMILIES if rule.startswith(prefix)), _OTHER)


def summary(findings: list[Finding]) -> str:
    """A short count by family: 3 处未填写的提示、1 处引文与原文不符、2 处编号错误 (empty: "")."""
    counts: dict[str, int] = {}
    for f in findings:
        label = family_label(f.rule)
        counts[label] = counts.get(label, 0) + 1
    order = [label for _, label in _FAMILIES] + [_OTHER]
    return "、".join(f"{counts[label]} {label}" for label in order if label in counts)
