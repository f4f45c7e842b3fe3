"""Doubled characters and words (text.doubled): 的的, 了了, 是是, 我们我们, 加强加强.

Chinese reduplicates on purpose (常常, 看看, 研究研究, 和和美美), so only two things are reported:
a doubled function character (的了是在和与对把被) and a doubled word of two to four characters, each
unless resources/rules/doubled.toml allows it. A doubled function character is also fine where the
first belongs to the word before it or the second to the word after it — 为了了解, 目的的实现,
关键是是否 — which that file lists as word ends and word starts, and in the AABB form (是是非非).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pingan_writer.draft.checks.rulefile import Cache, RuleFile, bundled_path, inside_any
from pingan_writer.draft.findings import Finding
from pingan_writer.text.numerals import int_to_cn

RULE = "text.doubled"
RULES_FILE = "doubled.toml"

_HAN = "\u4e00-\u9fff"
_WORD_TWICE = re.compile(rf"(?=([{_HAN}]{{2,4}})\1)")
# A word starting with a particle or auxiliary is a phrase boundary, not a word: 有的人的人生.
_NOT_WORD_START = set("的了着过地得之是在和与对把被也就都还又不没很所个")
_NUMERALS = set("〇零一二三四五六七八九十百千万两")


@dataclass(frozen=True, slots=True)
class Allowlist:
    allow: tuple[str, ...]
    doubled_function: re.Pattern[str] | None  # a run of one of the function characters
    ends: tuple[str, ...]
    starts: tuple[str, ...]


def _build(rules: RuleFile) -> Allowlist:
    data = rules.data
    function = data.get("function", {})
    if not isinstance(function, dict):
        raise rules.fail(rules.key_line("function"), "“function”应写作 [function] 表")

    def strings(value: object, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            # Each key occurs once in this file, so its first assignment is the line to show.
            raise rules.fail(rules.key_line(key), f"“{key}”应为非空字符串的列表")
        return tuple(value)

    chars = function.get("chars", "")
    if not isinstance(chars, str):
        raise rules.fail(rules.key_line("chars"), "“chars”应为字符串")
    return Allowlist(
        strings(data.get("allow", []), "allow"),
        re.compile(f"([{re.escape(chars)}])\\1+") if chars else None,
        strings(function.get("ends", []), "ends"),
        strings(function.get("starts", []), "starts"),
    )


_cache = Cache(_build)


def load_allowlist(path: Path | None = None) -> Allowlist:
    """The allowlist of `path`, by default resources/rules/doubled.toml."""
    return _cache.get(path or bundled_path(RULES_FILE))


def check(text: str, path: Path | None = None) -> list[Finding]:
    allowed = load_allowlist(path)
    findings = list(_function_chars(text, allowed))
    taken = [(f.start, f.end) for f in findings]
    findings.extend(f for f in _words(text, allowed) if not any(s < f.end and f.start < e for s, e in taken))
    return findings


def _function_chars(text: str, allowed: Allowlist) -> Iterator[Finding]:
    if allowed.doubled_function is None:
        return
    for m in allowed.doubled_function.finditer(text):
        start, end, ch = m.start(), m.end(), m.group(1)
        if end - start == 2 and _legit_pair(text, start, allowed):
            continue
        yield Finding(
            RULE,
            "warning",
            f"“{m.group(0)}”重复，疑为多打了{int_to_cn(end - start - 1)}个“{ch}”。",
            start,
            end,
        )


def _legit_pair(text: str, i: int, allowed: Allowlist) -> bool:
    """Whether the doubled character at text[i:i+2] sits on a word boundary or in AABB form."""
    if inside_any(text, i, i + 2, allowed.allow):
        return True
    if any(
        w.endswith(text[i]) and text.startswith(w, i + 1 - len(w)) for w in allowed.ends if len(w) <= i + 1
    ):
        return True
    if any(text.startswith(w, i + 1) for w in allowed.starts):
        return True
    after = text[i + 2 : i + 4]
    before = text[max(0, i - 2) : i]
    return any(len(s) == 2 and s[0] == s[1] and s[0] != text[i] and _is_han(s[0]) for s in (after, before))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _words(text: str, allowed: Allowlist) -> Iterator[Finding]:
    last_end = 0
    for m in _WORD_TWICE.finditer(text):
        word = m.group(1)
        start, end = m.start(), m.start() + 2 * len(word)
        if start < last_end or not _suspect_word(word):
            continue
        if inside_any(text, start, end, allowed.allow):
            continue
        last_end = end
        yield Finding(RULE, "warning", f"“{word}{word}”疑为重复：“{word}”连写了两次。", start, end)


def _suspect_word(word: str) -> bool:
    if len(set(word)) == 1 or word[0] in _NOT_WORD_START:
        return False  # 谢谢谢谢 is emphasis; 的人的人 is two phrases
    if all(ch in _NUMERALS for ch in word):
        return False  # 一二一二
    return not (len(word) == 2 and word[0] == "一")  # 一个一个, 一步一步: 一 + measure word
