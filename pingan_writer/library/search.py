"""Search the library: BM25-ranked passages for words, exact phrases for quoted or pasted
text, and the passages most related to a paragraph of draft text.

Every FTS query is built from quoted tokens, so what a user types (quotes, *, NEAR, AND, ^, -)
is always text, never FTS syntax."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable

from pingan_writer.library import segment
from pingan_writer.library.keywords import idf_lookup
from pingan_writer.library.records import PassageHit
from pingan_writer.library.stopwords import is_keyword_candidate
from pingan_writer.library.store import Library
from pingan_writer.text.spans import merge_spans

DEFAULT_LIMIT = 20
_PHRASE_QUOTES = re.compile(r'^\s*(?:"(.+)"|“(.+)”|「(.+)」)\s*$', re.S)
_SPACE = re.compile(r"\s+")
RELATED_QUERY_WORDS = 24


def _fts_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def search(
    lib: Library, query: str, source_id: int | None = None, limit: int = DEFAULT_LIMIT
) -> list[PassageHit]:
    """Passages for `query`, best first.

    - "…" or “…” around the query: exact phrase (whitespace in the query ignored).
    - Otherwise jieba words, all required; the last is a prefix, so results follow typing.
      When words find nothing, each space-separated part of three or more characters is tried
      as a phrase (trigrams) and shorter parts as words, so a fragment pasted from mid-word, or
      a part the segmenter cut differently in the source (创建活动 inside 平安创建/活动), still
      finds its passage.
    """
    m = _PHRASE_QUOTES.match(query)
    if m:
        return phrase_search(lib, next(g for g in m.groups() if g), source_id, limit)
    words = list(dict.fromkeys(segment.words(query)))
    if not words:
        return []
    match = " AND ".join([*map(_fts_string, words[:-1]), _fts_string(words[-1]) + "*"])
    hits = _run(lib, "passage_words", match, source_id, limit)
    if hits:
        for hit in hits:
            hit.hits = _mark(hit, words)
        return hits
    return _parts_search(lib, query.split(), source_id, limit)


def _parts_search(lib: Library, parts: list[str], source_id: int | None, limit: int) -> list[PassageHit]:
    """Every part required: long parts as exact phrases, short ones as words."""
    long = [p for p in parts if len(p) >= 3]
    if not long:
        return []
    extra = []
    for part in (p for p in parts if len(p) < 3):
        short_words = segment.words(part)
        if short_words:
            match = " AND ".join(_fts_string(w) + "*" for w in short_words)
            extra.append(("rowid IN (SELECT rowid FROM passage_words WHERE passage_words MATCH ?)", match))
    hits = _run(lib, "passage_chars", " AND ".join(map(_fts_string, long)), source_id, limit, extra)
    for hit in hits:
        hit.hits = _mark(hit, parts)
    return hits


def phrase_search(
    lib: Library, phrase: str, source_id: int | None = None, limit: int = DEFAULT_LIMIT
) -> list[PassageHit]:
    """Passages containing `phrase` exactly (trigram index; a scan for one or two characters)."""
    phrase = _SPACE.sub("", phrase)
    if not phrase:
        return []
    if len(phrase) >= 3:
        hits = _run(lib, "passage_chars", _fts_string(phrase), source_id, limit)
    else:
        hits = _scan(lib, phrase, source_id, limit)
    for hit in hits:
        hit.hits = _mark(hit, [phrase])
    return hits


def related(lib: Library, text: str, limit: int = 10, source_id: int | None = None) -> list[PassageHit]:
    """The passages that share the most distinctive words with `text` (BM25 over an OR of its
    top words by TF-IDF), best first."""
    counts = Counter(w for w in segment.words(text) if is_keyword_candidate(w))
    if not counts:
        return []
    idf = idf_lookup(lib, counts)
    top = sorted(counts, key=lambda w: counts[w] * idf(w), reverse=True)[:RELATED_QUERY_WORDS]
    hits = _run(lib, "passage_words", " OR ".join(map(_fts_string, top)), source_id, limit)
    for hit in hits:
        hit.hits = _mark(hit, top)
    return hits


def _run(
    lib: Library,
    table: str,
    match: str,
    source_id: int | None,
    limit: int,
    extra: list[tuple[str, object]] = (),
) -> list[PassageHit]:
    # The FTS query picks and ranks ids first; passages and sources are joined for the few kept.
    where = f"{table} MATCH ?"
    params: list[object] = [match]
    for condition, value in extra:
        where += f" AND {condition}"
        params.append(value)
    if source_id is not None:
        where += " AND rowid IN (SELECT id FROM passages WHERE source_id = ?)"
        params.append(source_id)
    sql = (
        f"WITH ranked AS (SELECT rowid AS id, bm25({table}) AS r FROM {table} WHERE {where}"
        " ORDER BY r LIMIT ?) "
        "SELECT p.source_id, s.title, p.path, p.start, p.end, p.text, ranked.r FROM ranked "
        "JOIN passages p ON p.id = ranked.id JOIN sources s ON s.id = p.source_id ORDER BY ranked.r"
    )
    rows = lib.conn.execute(sql, [*params, limit]).fetchall()
    return [PassageHit(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], -r[6]) for r in rows]


def _scan(lib: Library, needle: str, source_id: int | None, limit: int) -> list[PassageHit]:
    """One- or two-character phrases: too short for trigrams, so scan, most occurrences first."""
    sql = (
        "SELECT p.source_id, s.title, p.path, p.start, p.end, p.text FROM passages p "
        "JOIN sources s ON s.id = p.source_id WHERE instr(p.text, ?) > 0"
    )
    params: list[object] = [needle]
    if source_id is not None:
        sql += " AND p.source_id = ?"
        params.append(source_id)
    hits = [
        PassageHit(
            r[0],
            r[1],
            json.loads(r[2]),
            r[3],
            r[4],
            r[5],
            float(r[5].count(needle)) / max(1, len(r[5])) * 100,
        )
        for r in lib.conn.execute(sql, params)
    ]
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


def _mark(hit: PassageHit, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Source-offset ranges of every occurrence of the needles in the passage, merged."""
    lowered = hit.text.lower()
    spans: list[tuple[int, int]] = []
    for needle in needles:
        n = needle.lower()
        if not n:
            continue
        pos = lowered.find(n)
        while pos >= 0:
            spans.append((hit.start + pos, hit.start + pos + len(n)))
            pos = lowered.find(n, pos + len(n))
    return merge_spans(spans)
