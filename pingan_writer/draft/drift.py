"""Quote drift: a recorded quote whose text in the draft no longer matches its source.

Whitespace and punctuation width are ignored (a re-wrapped quote is still exact); anything
else — a changed, added or dropped character — is drift, reported with a character diff."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from pingan_writer.draft.model import Draft, Quote
from pingan_writer.text.verbatim import normalize

OK = "ok"
DRIFTED = "drifted"
NO_SOURCE = "no-source"  # the source is not at hand; compared with the text as inserted


@dataclass(slots=True)
class DiffOp:
    op: str  # replace | delete | insert
    source: str  # what the source says here
    draft: str  # what the draft says here
    at: int  # draft offset where it happens

    def to_dict(self) -> dict:
        return {"op": self.op, "source": self.source, "draft": self.draft, "at": self.at}


@dataclass(slots=True)
class QuoteState:
    quote: Quote
    status: str
    diff: list[DiffOp] = field(default_factory=list)

    def to_dict(self) -> dict:
        q = self.quote
        return {
            "start": q.start,
            "end": q.end,
            "source": q.source,
            "source_title": q.source_title,
            "node": q.node,
            "status": self.status,
            "diff": [d.to_dict() for d in self.diff],
        }


def check_quotes(draft: Draft, source_text: Callable[[str], str | None]) -> list[QuoteState]:
    """The state of every recorded quote. `source_text(id)` returns a source's text, or None
    when it cannot be found (then the quote is compared with the text as it was inserted)."""
    states = []
    for q in draft.quotes:
        current = draft.text[max(0, q.start) : max(0, q.end)]
        text = source_text(q.source)
        expected = text[q.source_start : q.source_end] if text is not None else q.text
        if normalize(current).norm == normalize(expected).norm:
            states.append(QuoteState(q, OK if text is not None else NO_SOURCE))
        else:
            states.append(QuoteState(q, DRIFTED, char_diff(expected, current, q.start)))
    return states


def char_diff(expected: str, current: str, offset: int) -> list[DiffOp]:
    """Character-level differences between what the source says and what the draft says."""
    ops = []
    matcher = difflib.SequenceMatcher(None, expected, current, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            ops.append(DiffOp(tag, expected[i1:i2], current[j1:j2], offset + j1))
    return ops


def normalized_diff(expected: str, current: str, offset: int) -> list[DiffOp]:
    """Like `char_diff`, but over the texts as compared for drift (whitespace removed, punctuation
    width folded), so a re-wrapped line does not show up beside the real change. `source` and
    `draft` hold the normalised characters; `at` is still a draft offset."""
    want, have = normalize(expected), normalize(current)
    ops = []
    matcher = difflib.SequenceMatcher(None, want.norm, have.norm, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            at = have.raw_start(j1) if j1 < len(have.norm) else len(current)
            ops.append(DiffOp(tag, want.norm[i1:i2], have.norm[j1:j2], offset + at))
    return ops
