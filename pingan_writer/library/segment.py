"""jieba, loaded once and lazily, with the official-terms user dictionary.

Loading jieba's dictionary takes most of a second; nothing here runs at import time, so the
GUI can call `ensure_loaded()` from a worker while the window is already on screen.

One segmentation serves two uses: the precise words (stored, for keywords and related
passages) and their search-engine expansion (indexed), computed from the precise words the
way jieba's cut_for_search does, so 平安中国 is indexed as 平安中国, 平安 and 中国, but never 安中.
"""

from __future__ import annotations

import importlib.resources
import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None  # jieba itself is imported on first use (~0.1 s)


def user_terms() -> list[str]:
    """The terms of resources/dict/official_terms.txt."""
    text = (importlib.resources.files("pingan_writer.resources") / "dict" / "official_terms.txt").read_text(
        encoding="utf-8"
    )
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def ensure_loaded() -> jieba.Tokenizer:
    """The shared tokenizer, loading it on first use (thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                from pingan_writer.library import prefix_cache

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                # What tk.initialize() sets, from a cache that never holds the GIL for long
                # (see prefix_cache) and lives in the user's cache folder, not in /tmp.
                tk.FREQ, tk.total = prefix_cache.load(Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME))
                tk.initialized = True
                for term in user_terms():
                    tk.add_word(term)
                _tokenizer = tk
    return _tokenizer


def is_loaded() -> bool:
    return _tokenizer is not None


_WORD_CHAR = re.compile(r"[^\W_]")  # a letter, digit or CJK character


def _is_word(token: str) -> bool:
    return _WORD_CHAR.search(token) is not None


def words(text: str) -> list[str]:
    """Precise-mode words (no HMM, so the same text always cuts the same way), punctuation
    and spaces dropped, Latin lower-cased."""
    tk = ensure_loaded()
    return [w.lower() for w in tk.cut(text, HMM=False) if _is_word(w)]


def words_by_span(text: str, spans: Iterable[tuple[int, int]]) -> list[list[str]]:
    """Precise words of each span of `text`, from one segmentation of the whole text (cutting
    span by span costs a fifth more). A word belongs to the span where it starts; spans are
    sorted and do not overlap."""
    tk = ensure_loaded()
    spans = list(spans)
    out: list[list[str]] = [[] for _ in spans]
    if not spans:
        return out
    # The hot loop of an import: locals only, one span lookup per span change.
    is_word = _WORD_CHAR.search
    n, i, pos = len(spans), 0, 0
    cur_start, cur_end = spans[0]
    bucket = out[0]
    for token in tk.cut(text, HMM=False):
        start = pos
        pos += len(token)
        if start >= cur_end:
            while i < n and spans[i][1] <= start:
                i += 1
            if i == n:
                break
            cur_start, cur_end = spans[i]
            bucket = out[i]
        if start >= cur_start and is_word(token):
            bucket.append(token.lower())
    return out


_expansions: dict[str, tuple[str, ...]] = {}


def search_expansion(precise: Iterable[str]) -> list[str]:
    """The words plus the dictionary 2- and 3-grams inside longer ones (jieba's search mode).
    Words repeat heavily, so each word's expansion is computed once."""
    out: list[str] = []
    for w in precise:
        grams = _expansions.get(w)
        if grams is None:
            grams = _expansions[w] = _expand(w)
        out.extend(grams)
    return out


def _expand(w: str) -> tuple[str, ...]:
    freq = ensure_loaded().FREQ
    n = len(w)
    grams: list[str] = []
    if n > 2:
        grams.extend(g for i in range(n - 1) if freq.get(g := w[i : i + 2]))
    if n > 3:
        grams.extend(g for i in range(n - 2) if freq.get(g := w[i : i + 3]))
    grams.append(w)
    return tuple(grams)
