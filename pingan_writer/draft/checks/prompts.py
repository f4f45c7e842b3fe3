"""Unfilled template prompts (prompt.unfilled): every 【…】 still in the text.

Templates write what is left to do as 【…】 (an unfilled placeholder shows as 【发言人】, a writing
prompt as 【在此概括原文的主要内容…】), so a 【…】 left in a talk is something the speaker would
read out or print. Each outermost pair closed within its paragraph is one finding; a 【 or 】
without its partner is punct.unpaired's business and is skipped here, and a pair nested inside
another is part of the outer prompt, not a second one.
"""

from __future__ import annotations

from pingan_writer.draft.findings import Finding
from pingan_writer.draft.prompts import CLOSE, OPEN, prompt_spans

RULE = "prompt.unfilled"
_SHOWN = 24  # characters of a long prompt quoted in the message


def check(text: str) -> list[Finding]:
    findings = []
    for start, end in prompt_spans(text):
        inner = text[start + 1 : end - 1]
        if len(inner) > _SHOWN:
            inner = inner[:_SHOWN] + "…"
        findings.append(
            Finding(RULE, "error", f"还有未填写的提示“{OPEN}{inner}{CLOSE}”，请换成自己的内容。", start, end)
        )
    return findings
