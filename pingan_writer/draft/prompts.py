"""Template prompts: the 【…】 a template leaves for the drafter to replace (its own writing hints
and unfilled placeholders such as 【发言人】). One scanner, used by the editor to select and step
through them and by the checks (prompt.unfilled) to list what is left to write.

A prompt is an outermost 【…】 pair closed within its paragraph: a placeholder left inside a hint
(【在此重申《【原文标题】》的主题】) is part of that one prompt; a lone 【 or 】 is no prompt (the
punctuation check reports it)."""

from __future__ import annotations

from pingan_writer.text.paragraphs import iter_paragraphs

OPEN, CLOSE = "【", "】"


def prompt_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every prompt, in text order."""
    spans: list[tuple[int, int]] = []
    if OPEN not in text:
        return spans
    for para in iter_paragraphs(text):
        pos = text.find(OPEN, para.content_start, para.end)
        if pos < 0:
            continue
        pairs: list[tuple[int, int]] = []
        stack: list[int] = []
        for i in range(pos, para.end):
            ch = text[i]
            if ch == OPEN:
                stack.append(i)
            elif ch == CLOSE and stack:
                pairs.append((stack.pop(), i + 1))
        # Matched pairs either nest or are disjoint, so a sweep by start keeps the outermost.
        pairs.sort()
        last_end = -1
        for start, end in pairs:
            if start >= last_end:
                spans.append((start, end))
                last_end = end
    return spans


def prompt_at(text: str, pos: int) -> tuple[int, int] | None:
    """The prompt holding offset `pos` (its brackets included), if any."""
    return next(((a, b) for a, b in prompt_spans(text) if a <= pos < b), None)


def find_prompt(text: str, pos: int, backwards: bool = False) -> tuple[int, int] | None:
    """The first prompt starting at or after `pos` (or the last one ending at or before it),
    wrapping around the end of the text; None when there is none."""
    spans = prompt_spans(text)
    if not spans:
        return None
    if backwards:
        before = [s for s in spans if s[1] <= pos]
        return before[-1] if before else spans[-1]
    after = [s for s in spans if s[0] >= pos]
    return after[0] if after else spans[0]
