"""Candidate terms for the user dictionary, found in real sources rather than recalled.

Two signals: short phrases an author put in quotation marks (“四个意识”, “枫桥经验”), and
phrases that recur in the sources but that jieba cuts into pieces (平安中国 → 平安/中国).
The output is a list for a person to curate into resources/dict/official_terms.txt."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

_QUOTED = re.compile(r"[“\"「『]([\u4e00-\u9fff0-9〇一二三四五六七八九十]{2,12})[”\"」』]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def quoted_terms(texts: Iterable[str]) -> Counter[str]:
    """Phrases written in quotation marks, with how often each occurs."""
    found: Counter[str] = Counter()
    for text in texts:
        found.update(m.group(1) for m in _QUOTED.finditer(text))
    return found


def split_phrases(
    texts: Iterable[str],
    cut: Callable[[str], list[str]],
    min_count: int = 3,
    lengths: range = range(4, 8),
) -> Counter[str]:
    """Recurring CJK n-grams that `cut` splits into two or more words and that are not just a
    piece of a longer phrase recurring as often."""
    grams: Counter[str] = Counter()
    for text in texts:
        for run in _CJK_RUN.findall(text):
            for n in lengths:
                grams.update(run[i : i + n] for i in range(len(run) - n + 1))
    frequent = {g: c for g, c in grams.items() if c >= min_count}
    longest = _longest_extension(frequent)
    closed = {g: c for g, c in frequent.items() if longest.get(g, 0) < c}
    return Counter({g: c for g, c in closed.items() if not _frayed(g) and len(cut(g)) >= 2})


# A phrase that begins or ends with a particle is a fragment of a sentence, not a term.
_PARTICLES = set("的了和与及是在对把为将并而之以于")


def _frayed(gram: str) -> bool:
    return gram[0] in _PARTICLES or gram[-1] in _PARTICLES


def _longest_extension(frequent: dict[str, int]) -> dict[str, int]:
    """For each gram, the highest count of a frequent gram one character longer that holds it.
    A gram one longer holds exactly two shorter ones, its head and its tail, so this is one pass
    (comparing every gram with every other was quadratic in the vocabulary)."""
    best: dict[str, int] = {}
    for other, count in frequent.items():
        for part in (other[:-1], other[1:]):
            if count > best.get(part, 0):
                best[part] = count
    return best
