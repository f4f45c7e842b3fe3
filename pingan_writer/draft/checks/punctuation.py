"""Punctuation checks: paired marks left unpaired, and half-width marks inside Chinese text.

punct.unpaired — “” ‘’ 《》 〈〉 （） 【】 「」 『』 〔〕 are paired within a paragraph. One exception is the
convention for a quotation of several paragraphs: each of its paragraphs opens with “ and only the
last one closes it, so a paragraph that opens with an unclosed “ is fine when the next paragraph
opens with “ too. An ASCII ( or ) pairs with its full-width twin, so （2020) is reported once, by
the half-width check, not twice. A closing bracket after an enumeration number (1）、a）) closes
nothing and is not reported; nor is ’ used as an apostrophe between Latin letters (don’t).

punct.halfwidth — , ; : ? ! ( ) touching a Chinese character or Chinese punctuation should be
full-width. Not reported: marks between Latin letters or digits (1,000  3:30  f(x)), marks inside
URLs and e-mail addresses, and marks with only spaces or Latin text beside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pingan_writer.draft.findings import Finding
from pingan_writer.text.paragraphs import Paragraph, iter_paragraphs

UNPAIRED = "punct.unpaired"
HALFWIDTH = "punct.halfwidth"

# opener → (closer, name of the pair)
_PAIRS = {
    "“": ("”", "双引号"),
    "‘": ("’", "单引号"),
    "《": ("》", "书名号"),
    "〈": ("〉", "单书名号"),
    "（": ("）", "括号"),
    "(": (")", "括号"),
    "【": ("】", "方头括号"),
    "「": ("」", "直角引号"),
    "『": ("』", "双直角引号"),
    "〔": ("〕", "六角括号"),
}
_CLOSERS = {closer: opener for opener, (closer, _) in _PAIRS.items()}
_SAME_PAIR = {"(": "（", ")": "）"}  # half-width parentheses pair with full-width ones
_QUOTE_OPENERS = "“「『"  # may run on into the next paragraph
_ENUM_CLOSE = re.compile(r"(?:^|[\s。；;：:，,、！？!?])[0-9０-９a-zA-Zａ-ｚＡ-Ｚ一二三四五六七八九十]{1,3}$")

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_MARKS = re.compile(r"[,;:?!()]")
# Chinese context: CJK ideographs, CJK punctuation, full-width forms other than letters and digits,
# and curly quotes.
_CHINESE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\u2018-\u201d\u2026\u2014"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_MASKED = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*://[\x21-\x7e]*|www\.[\x21-\x7e]+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.ASCII
)


def check(text: str) -> list[Finding]:
    return [*check_unpaired(text), *check_halfwidth(text)]


def check_unpaired(text: str) -> list[Finding]:
    paragraphs = list(iter_paragraphs(text))
    findings: list[Finding] = []
    for i, para in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        findings.extend(_unpaired_in(text, para, following))
    return findings


def _kind(ch: str) -> str:
    return _SAME_PAIR.get(ch, ch)


def _unpaired_in(text: str, para: Paragraph, following: Paragraph | None) -> Iterator[Finding]:
    stack: list[int] = []  # offsets of open marks
    for pos in range(para.content_start, para.end):
        ch = text[pos]
        if ch in _PAIRS:
            stack.append(pos)
        elif ch in _CLOSERS:
            opener = _kind(_CLOSERS[ch])
            depth = next((k for k in range(len(stack) - 1, -1, -1) if _kind(text[stack[k]]) == opener), None)
            if depth is None:
                if not _closes_nothing(text, para, pos):
                    yield _closer_finding(ch, pos)
                continue
            # Marks opened inside this pair and never closed are the unpaired ones.
            for inner in stack[depth + 1 :]:
                yield _opener_finding(text[inner], inner)
            del stack[depth:]
    for k, pos in enumerate(stack):
        ch = text[pos]
        if (
            k == 0
            and pos == para.content_start
            and ch in _QUOTE_OPENERS
            and following is not None
            and text[following.content_start] == ch
        ):
            continue  # a quotation that runs on into the next paragraph
        yield _opener_finding(ch, pos)


def _closes_nothing(text: str, para: Paragraph, pos: int) -> bool:
    ch = text[pos]
    # Five characters are enough to see the number and what precedes it; a cut-off tail is too
    # long for the pattern's ^ to match, so ^ still means the paragraph start.
    if ch in "）)" and _ENUM_CLOSE.search(text[max(para.content_start, pos - 5) : pos]):
        return True  # 1） a） 二）: an enumeration, not a bracket
    return ch == "’" and 0 < pos < len(text) - 1 and text[pos - 1].isascii() and text[pos + 1].isascii()


def _opener_finding(ch: str, pos: int) -> Finding:
    closer, name = _PAIRS[ch]
    return Finding(UNPAIRED, "warning", f"{name}不成对：本段的 {ch} 没有对应的 {closer}。", pos, pos + 1)


def _closer_finding(ch: str, pos: int) -> Finding:
    opener = _CLOSERS[ch]
    name = _PAIRS[opener][1]
    return Finding(UNPAIRED, "warning", f"{name}不成对：本段的 {ch} 前面没有对应的 {opener}。", pos, pos + 1)


def _chinese(ch: str) -> bool:
    return bool(ch) and _CHINESE.match(ch) is not None


def check_halfwidth(text: str) -> list[Finding]:
    masked = [(m.start(), m.end()) for m in _MASKED.finditer(text)]
    findings: list[Finding] = []
    k = 0
    for m in _HALF_MARKS.finditer(text):
        pos = m.start()
        while k < len(masked) and masked[k][1] <= pos:
            k += 1
        if k < len(masked) and masked[k][0] <= pos:
            continue
        before = text[pos - 1] if pos > 0 else ""
        after = text[pos + 1] if pos + 1 < len(text) else ""
        ch = m.group(0)
        if ch in ",:" and before in _DIGITS and after in _DIGITS:
            continue  # 1,000 and 3:30
        if not (_chinese(before) or _chinese(after)):
            continue
        full = _HALF_TO_FULL[ch]
        findings.append(
            Finding(HALFWIDTH, "warning", f"中文里用了半角“{ch}”，应改为全角“{full}”。", pos, pos + 1)
        )
    return findings
