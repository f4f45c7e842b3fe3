"""Repeated passages (repeat.passage): a sentence that occurs again later in the draft.

A passage pasted twice — typically a whole 一是…；二是…；三是…。 run — reads as a slip to the
audience. Sentences are taken within paragraphs (ended by 。！？), compared with whitespace
ignored and full-/half-width punctuation equal, and only when at least MIN_CHARS characters are
left once template prompts 【…】 are set aside, so the template's repeated prompt skeletons
(一是【…】；二是【…】) and short set phrases (发言完毕，谢谢大家！) are not reported. Each sentence is
hashed once, so the check is linear in the length of the draft.
"""

from __future__ import annotations

from pingan_writer.draft.checks.prompts import prompt_spans
from pingan_writer.draft.findings import Finding
from pingan_writer.text.paragraphs import INDENT_CHARS, iter_paragraphs, sentence_spans
from pingan_writer.text.verbatim import normalize

RULE = "repeat.passage"
MIN_CHARS = 12
_SHOWN = 16


def check(text: str) -> list[Finding]:
    prompts = prompt_spans(text)
    k = 0  # index into prompts, which are in text order like the sentences
    first_at: dict[str, int] = {}  # normalised sentence → number of the paragraph holding it first
    findings: list[Finding] = []
    for number, para in enumerate(iter_paragraphs(text), 1):
        for start, end in sentence_spans(text, para.content_start, para.end):
            while start < end and text[start] in INDENT_CHARS:
                start += 1
            while k < len(prompts) and prompts[k][1] <= start:
                k += 1
            key = _key(text, start, end, prompts, k)
            if len(key) < MIN_CHARS:
                continue
            first = first_at.get(key)
            if first is None:
                first_at[key] = number
            else:
                findings.append(_finding(text, start, end, first, number))
    return findings


def _key(text: str, start: int, end: int, prompts: list[tuple[int, int]], k: int) -> str:
    """The sentence as compared: prompts inside it removed, whitespace and width normalised."""
    parts = []
    pos = start
    while k < len(prompts) and prompts[k][0] < end:
        p_start, p_end = prompts[k]
        parts.append(text[pos : max(pos, p_start)])
        pos = max(pos, p_end)
        k += 1
    parts.append(text[pos:end] if pos < end else "")
    return normalize("".join(parts)).norm


def _finding(text: str, start: int, end: int, first: int, number: int) -> Finding:
    shown = "".join(text[start:end].split())
    if len(shown) > _SHOWN:
        shown = shown[:_SHOWN] + "…"
    where = "本段前文" if first == number else f"第 {first} 段"
    return Finding(
        RULE, "warning", f"这句话与{where}的一句重复：“{shown}”。如是误粘贴，请删去一处。", start, end
    )
