"""Which words can be keywords: not a stopword (resources/keywords/stopwords.txt), at least
two characters, and made of Chinese characters or letters rather than digits."""

from __future__ import annotations

import importlib.resources
from functools import cache


@cache
def stopwords() -> frozenset[str]:
    text = (importlib.resources.files("pingan_writer.resources") / "keywords" / "stopwords.txt").read_text(
        encoding="utf-8"
    )
    words: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@cache
def is_keyword_candidate(word: str) -> bool:
    if len(word) < 2 or word in stopwords():
        return False
    return any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in word)
