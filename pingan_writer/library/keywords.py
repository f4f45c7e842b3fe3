"""Keywords by TF-IDF, for a source, an outline node or any text.

Document frequencies come from the library once it holds MIN_SOURCES_FOR_LIBRARY_IDF sources
(its own vocabulary is then the better judge of what is common); before that, from jieba's
general-purpose IDF table. Stopwords fit for official writing are never keywords."""

from __future__ import annotations

import heapq
import math
import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pingan_writer.library import segment
from pingan_writer.library.stopwords import is_keyword_candidate

if TYPE_CHECKING:
    from pingan_writer.library.store import Library
    from pingan_writer.text.outline import OutlineNode

MIN_SOURCES_FOR_LIBRARY_IDF = 20
DEFAULT_TOP = 15


@dataclass(frozen=True, slots=True)
class Keyword:
    word: str
    weight: float
    count: int

    def to_dict(self) -> dict:
        return {"word": self.word, "weight": round(self.weight, 5), "count": self.count}


_idf_lock = threading.Lock()


@cache
def _jieba_idf_locked() -> tuple[dict[str, float], float]:
    # jieba's own table file, read directly: importing jieba.analyse would build its default
    # TF-IDF extractor, reading the same 270,000 lines a second time (0.8 s in all).
    import jieba

    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    table: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, freq = line.strip().partition(" ")
        if word:
            table[word] = float(freq)
    median = sorted(table.values())[len(table) // 2] if table else 0.0  # jieba's median_idf
    return table, median


def _jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median, loaded once however many workers ask at once."""
    with _idf_lock:
        return _jieba_idf_locked()


def preload() -> None:
    """Load jieba and its IDF table (about half a second; meant for a worker thread)."""
    segment.ensure_loaded()
    _jieba_idf()


def idf_lookup(lib: Library | None, words: Iterable[str]) -> Callable[[str], float]:
    """IDF for `words`: from the library's document frequencies when it is big enough."""
    n = lib.source_count() if lib is not None else 0
    if lib is not None and n >= MIN_SOURCES_FOR_LIBRARY_IDF:
        wanted = list(set(words))
        df: dict[str, int] = {}
        for i in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            df.update(
                lib.conn.execute(
                    f"SELECT term, count(*) FROM source_terms WHERE term IN ({marks}) GROUP BY term", chunk
                ).fetchall()
            )
        return lambda w: math.log((n + 1) / (df.get(w, 0) + 1)) + 1
    table, median = _jieba_idf()
    return lambda w: table.get(w, median)


def rank(counts: Counter[str], idf: Callable[[str], float], top: int = DEFAULT_TOP) -> list[Keyword]:
    total = sum(counts.values()) or 1
    scored = [Keyword(w, c / total * idf(w), c) for w, c in counts.items()]
    # The top few of many words (every section of a deep outline is ranked): a heap, not a sort.
    return heapq.nsmallest(top, scored, key=_rank_key)


def _rank_key(k: Keyword) -> tuple[float, str]:
    return (-k.weight, k.word)


def text_keywords(text: str, lib: Library | None = None, top: int = DEFAULT_TOP) -> list[Keyword]:
    counts = Counter(w for w in segment.words(text) if is_keyword_candidate(w))
    return rank(counts, idf_lookup(lib, counts), top)


def sections_keywords(
    text: str, sections: Sequence[tuple[int, int]], lib: Library | None = None, top: int = DEFAULT_TOP
) -> list[list[Keyword]]:
    """text_keywords of text[start:end] for each section, from one segmentation of the whole
    text: nested sections (a deep outline) then cost a slice each, not a pass of jieba each.
    A word belongs to a section when it starts inside it."""
    tk = segment.ensure_loaded()
    positions: list[int] = []
    words: list[str] = []
    pos = 0
    for token in tk.cut(text, HMM=False):
        if segment._is_word(token) and is_keyword_candidate(word := token.lower()):
            positions.append(pos)
            words.append(word)
        pos += len(token)
    idf = idf_lookup(lib, set(words))
    out = []
    for start, end in sections:
        counts = Counter(words[bisect_left(positions, start) : bisect_left(positions, end)])
        out.append(rank(counts, idf, top))
    return out


def source_keywords(lib: Library, source_id: int, top: int = DEFAULT_TOP) -> list[Keyword]:
    """From the stored word counts: nothing is segmented again."""
    counts = Counter(
        dict(
            lib.conn.execute(
                "SELECT term, count FROM source_terms WHERE source_id = ?", (source_id,)
            ).fetchall()
        )
    )
    return rank(counts, idf_lookup(lib, counts), top)


def node_keywords(lib: Library, source_id: int, node: OutlineNode, top: int = DEFAULT_TOP) -> list[Keyword]:
    """From the stored words of the passages inside the node's section."""
    counts: Counter[str] = Counter()
    for (words,) in _passage_words(lib, source_id, node.start, node.end):
        counts.update(w for w in words.split() if is_keyword_candidate(w))
    return rank(counts, idf_lookup(lib, counts), top)


def stored_sections_keywords(
    lib: Library, source_id: int, sections: Sequence[tuple[int, int]], top: int = DEFAULT_TOP
) -> list[list[Keyword]]:
    """node_keywords of each (start, end) section of a stored source, from one read of its
    passages: asking SQLite once a node read the whole text again for each of the 30-odd nested
    sections of a deep outline, and counted the library's sources once a node."""
    rows = lib.conn.execute(
        "SELECT start, end, words FROM passages WHERE source_id = ? ORDER BY start", (source_id,)
    ).fetchall()
    starts = [start for start, _, _ in rows]
    ends = [end for _, end, _ in rows]  # passages do not overlap: sorted as well
    words: list[str] = []
    first_word = [0]  # index in `words` of each passage's first word, and one past the last
    for _, _, text in rows:
        words.extend(w for w in text.split() if is_keyword_candidate(w))
        first_word.append(len(words))
    idf = idf_lookup(lib, set(words))
    out = []
    for start, end in sections:
        # The passages overlapping [start, end), as _passage_words finds them.
        lo, hi = bisect_right(ends, start), bisect_left(starts, end)
        counts = Counter(words[first_word[lo] : first_word[hi]]) if hi > lo else Counter()
        out.append(rank(counts, idf, top))
    return out


def _passage_words(lib: Library, source_id: int, start: int, end: int) -> list[tuple[str]]:
    """Words of the passages overlapping [start, end). Passages do not overlap, so only the last
    one starting before `start` can reach into the range; asking for it apart keeps both lookups
    on the (source_id, start) index. `start < end AND end > start` in one query would scan every
    passage from the top of the source for each node: quadratic over a long outline."""
    before = lib.conn.execute(
        "SELECT words, end FROM passages WHERE source_id = ? AND start < ? ORDER BY start DESC LIMIT 1",
        (source_id, start),
    ).fetchone()
    rows = [(before[0],)] if before is not None and before[1] > start else []
    rows.extend(
        lib.conn.execute(
            "SELECT words FROM passages WHERE source_id = ? AND start >= ? AND start < ? ORDER BY start",
            (source_id, start, end),
        ).fetchall()
    )
    return rows
