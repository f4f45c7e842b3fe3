"""Drifted quotes (quote.drift): a recorded quote whose draft text was edited after insertion.

A misquoted official text is a serious error, so this is reported as one. The comparison is
draft.drift's: the quote's text in the draft against the text it had when inserted, whitespace
and punctuation width aside. This check needs the Draft (its recorded quotes), not just the text,
which is why it is not part of run_checks.
"""

from __future__ import annotations

from pingan_writer.draft.drift import DRIFTED, DiffOp, normalized_diff
from pingan_writer.draft.drift import check_quotes as quote_states
from pingan_writer.draft.findings import Finding
from pingan_writer.draft.model import Draft

RULE = "quote.drift"
_SHOWN = 10  # characters of each side of a change shown in the message
_CHANGES = 2  # changes described before "等 N 处"


def check_quotes(draft: Draft) -> list[Finding]:
    """One finding per recorded quote whose draft text no longer matches what was inserted."""
    n = len(draft.text)
    findings = []
    for state in quote_states(draft, lambda _source: None):
        if state.status != DRIFTED:
            continue
        q = state.quote
        start = min(max(0, q.start), n)
        end = min(max(start, q.end), n)
        current = draft.text[start:end]
        ops = normalized_diff(q.text, current, start)
        title = f"《{q.source_title}》" if q.source_title else "原文"
        message = f"引文与{title}原文不符：{_describe(ops, q.text)}。请核对原文。"
        findings.append(Finding(RULE, "error", message, start, end))
    return findings


def _short(s: str) -> str:
    return s if len(s) <= _SHOWN else s[:_SHOWN] + "…"


def _describe(ops: list[DiffOp], inserted: str) -> str:
    """The change in a few words: the first changes, or for a quote mostly rewritten, how the
    source begins (a character diff of unrelated texts says nothing useful)."""
    changed = sum(len(op.source) for op in ops)
    original = "".join(inserted.split())
    if len(ops) > _CHANGES and changed * 2 > len(original):
        return f"大段改写，原文为“{_short(original)}”"
    parts = []
    for op in ops[:_CHANGES]:
        if op.op == "replace":
            parts.append(f"原文“{_short(op.source)}”改成了“{_short(op.draft)}”")
        elif op.op == "delete":
            parts.append(f"删去了原文的“{_short(op.source)}”")
        else:
            parts.append(f"多出了“{_short(op.draft)}”")
    if len(ops) > _CHANGES:
        parts.append(f"等 {len(ops)} 处改动")
    return "，".join(parts) or "文字有改动"
