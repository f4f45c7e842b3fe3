"""Heading markers at the start of a paragraph: 一、 （一） 1. （1） 1） ① 第一， 第一章 … and 附件.

A marker is recognised only at the start of a paragraph's content (after indentation), and
only when what follows it cannot be read as a number in running text: 2.5, 2022.10.23,
3、4月, 一、二线城市 and 10个 are not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pingan_writer.text.numerals import (
    CIRCLED_CHARS,
    CIRCLED_VALUES,
    CN_NUMERAL_CHARS,
    arabic_to_int,
    cn_to_int,
)

# Heading styles, named by how they are written. Their depth is not fixed: it follows the
# order in which styles first appear (see outline.py).
CN_DUN = "cn-dun"  # 一、
CN_PAREN = "cn-paren"  # （一）
ARABIC_DOT = "arabic-dot"  # 1. 1． 1、
ARABIC_PAREN = "arabic-paren"  # （1）
ARABIC_HALF_PAREN = "arabic-half-paren"  # 1）
CIRCLED = "circled"  # ①
ORDINAL = "ordinal"  # 第一， 第一、 (paragraph lead)
PART = "part"  # 第一部分
CHAPTER = "chapter"  # 第一章
SECTION = "section"  # 第一节
ARTICLE = "article"  # 第一条

_CN = f"[{CN_NUMERAL_CHARS}]+"
_AR = "[0-9０-９]{1,3}"
_OPEN = "[（(]"
_CLOSE = "[）)]"
_SP = "[ \t\u3000]*"

# Counters that turn 一、二线 or 三、四季度 into a list of numbers rather than a heading.
_COUNTERS = "线级类季月年日号批期档届次位个名项条种层份轮天周"

_CN_LIST_TAIL = re.compile(rf"(?:{_CN}、)*{_CN}[{_COUNTERS}]")

_HEADING_PATTERNS: list[tuple[str, re.Pattern[str], str]] = [
    # (style, pattern, which numeral parser); group "n" holds the number.
    (PART, re.compile(rf"第(?P<n>{_CN})部分{_SP}"), "cn"),
    (CHAPTER, re.compile(rf"第(?P<n>{_CN})章{_SP}"), "cn"),
    (SECTION, re.compile(rf"第(?P<n>{_CN})节{_SP}"), "cn"),
    (ARTICLE, re.compile(rf"第(?P<n>{_CN})条{_SP}"), "cn"),
    (ORDINAL, re.compile(rf"第(?P<n>{_CN})[，、,：:]{_SP}"), "cn"),
    (CN_PAREN, re.compile(rf"{_OPEN}{_SP}(?P<n>{_CN}){_SP}{_CLOSE}{_SP}"), "cn"),
    (ARABIC_PAREN, re.compile(rf"{_OPEN}{_SP}(?P<n>{_AR}){_SP}{_CLOSE}{_SP}"), "ar"),
    (CN_DUN, re.compile(rf"(?P<n>{_CN}){_SP}[、．.]{_SP}"), "cn"),
    (ARABIC_DOT, re.compile(rf"(?P<n>{_AR}){_SP}[.．、]{_SP}"), "ar"),
    (ARABIC_HALF_PAREN, re.compile(rf"(?P<n>{_AR})[）)]{_SP}"), "ar"),
    (CIRCLED, re.compile(rf"(?P<n>[{CIRCLED_CHARS}]){_SP}"), "circled"),
]

_ANNEX_ALONE = re.compile(rf"附{_SP}件{_SP}(?P<n>[0-9０-９]{{1,3}}|{_CN})?{_SP}[：:]?{_SP}$")
_ANNEX_TITLED = re.compile(
    rf"附{_SP}件{_SP}(?P<n>[0-9０-９]{{1,3}}|{_CN}){_SP}[：:.．、]?{_SP}(?P<title>\S.{{0,60}})$"
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbering marker found at the start of a paragraph's content."""

    style: str
    value: int | None  # None where the style carries no number (hint headings)
    text: str  # the marker as written, e.g. "（一）" or "1．"
    length: int  # characters the marker and its trailing spaces take


def _value(kind: str, raw: str) -> int | None:
    if kind == "cn":
        return cn_to_int(raw)
    if kind == "ar":
        value = arabic_to_int(raw)
        return value if value and not raw.startswith(("0", "０")) else None
    return CIRCLED_VALUES.get(raw)


def _reads_as_number_list(style: str, value: int, rest: str) -> bool:
    """True when the text after a marker shows it was a number in running text."""
    if not rest:
        return False
    first = rest[0]
    if style in (ARABIC_DOT, ARABIC_HALF_PAREN) and ("0" <= first <= "9" or "０" <= first <= "９"):
        return True  # 2.5, 3、4月, 1)2 — but （1）2023年 is closed by its bracket and stays a heading
    if style == CN_DUN:
        # 一、二线城市 / 一、二、三线 / 三、四季度: the count goes on, then a counter. 一、十年来的
        # 成就 and 一、一是… stay headings.
        m = _CN_LIST_TAIL.match(rest)
        if m is None:
            return False
        numbers = [cn_to_int(n) for n in re.findall(_CN, m.group(0))]
        return numbers == list(range(value + 1, value + 1 + len(numbers)))
    return False


def _patterns_by_first_char() -> dict[str, list[tuple[str, re.Pattern[str], str]]]:
    """Every pattern opens with one known character (第, a bracket, a numeral, a digit, a circled
    number), so the first character of a paragraph picks the few that can match, in their order:
    most paragraphs are body text, and trying all eleven on each was most of an outline's time."""
    firsts = {
        PART: "第",
        CHAPTER: "第",
        SECTION: "第",
        ARTICLE: "第",
        ORDINAL: "第",
        CN_PAREN: "（(",
        ARABIC_PAREN: "（(",
        CN_DUN: CN_NUMERAL_CHARS,
        ARABIC_DOT: "0123456789０１２３４５６７８９",
        ARABIC_HALF_PAREN: "0123456789０１２３４５６７８９",
        CIRCLED: CIRCLED_CHARS,
    }
    table: dict[str, list[tuple[str, re.Pattern[str], str]]] = {}
    for entry in _HEADING_PATTERNS:
        for ch in firsts[entry[0]]:
            table.setdefault(ch, []).append(entry)
    return table


_BY_FIRST_CHAR = _patterns_by_first_char()


def match_heading(content: str) -> Marker | None:
    """The heading marker at the start of `content` (a paragraph without its indentation)."""
    for style, pattern, kind in _BY_FIRST_CHAR.get(content[:1], ()):
        m = pattern.match(content)
        if not m:
            continue
        value = _value(kind, m.group("n"))
        if value is None:
            continue
        rest = content[m.end() :]
        if _reads_as_number_list(style, value, rest):
            return None
        marker_text = content[: m.end()].rstrip(" \t\u3000")
        return Marker(style=style, value=value, text=marker_text, length=m.end())
    return None

_ANNEX_MARKER_NOISE = re.compile(r"[\s：:.．、]")


@dataclass(frozen=True, slots=True)
class AnnexMarker:
    """A line that opens an annex: 附件, 附件1, 附件2：title."""

    text: str  # the marker as written, e.g. "附件2"
    value: int | None
    title: str  # the title written on the same line, often empty


def match_annex(content: str) -> AnnexMarker | None:
    """An annex opener. 附件：1.xxx (the attachment note under the body) is not one."""
    if not content.startswith("附"):
        return None  # both patterns open with 附 (checked first: this runs for every paragraph)
    line = content.rstrip()
    m = _ANNEX_ALONE.match(line) or _ANNEX_TITLED.match(line)
    if not m:
        return None
    raw = m.group("n")
    value = None
    if raw:
        value = arabic_to_int(raw) if raw[0] in "0123456789０１２３４５６７８９" else cn_to_int(raw)
        if value is None:
            return None
    title = (m.group("title") or "").strip() if m.re is _ANNEX_TITLED else ""
    if title and title[-1] in "。；;，,":
        return None  # a sentence that happens to start with 附件1, not a heading line
    text = _ANNEX_MARKER_NOISE.sub("", line[: m.start("title")] if title else line)
    return AnnexMarker(text=text, value=value, title=title)


_ANNEX_NOTE = re.compile(rf"附{_SP}件{_SP}[：:]{_SP}(?P<n>[0-9０-９]{{1,2}}){_SP}[.．、]")


def match_annex_note(content: str) -> int | None:
    """The first number of an attachment note's list (附件：1．XXX), whose further items
    (2．XXX on the following lines) are part of the note, not headings."""
    m = _ANNEX_NOTE.match(content) if content.startswith("附") else None
    return arabic_to_int(m.group("n")) if m else None
