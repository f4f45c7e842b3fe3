"""Reuse-detection benchmark: a 20,000-character draft against a 5-million-character library.

    .venv/bin/python -m benchmarks.reuse_bench [--chars 5000000] [--out benchmarks/results/reuse.json]

Measured in the same run: find_reuse against the library's fingerprint index; jieba segmenting
the draft (the goal: reuse ≤ 0.5 × that); difflib's SequenceMatcher on the draft and the
sources it quotes (the peer); and recall against an exact reference on a smaller pair (every
draft window of the minimum length that occurs in the source must be covered). Timings are
printed and written as JSON, never asserted."""

from __future__ import annotations

import argparse
import difflib
import json
import random
import tempfile
import time
from pathlib import Path

import jieba

from benchmarks import corpus
from benchmarks.reuse_reference import covered_reference, found_positions
from benchmarks.timing import best_of
from pingan_writer.draft.reuse import DEFAULT_MIN_CHARS, MemoryIndex, find_reuse
from pingan_writer.library import segment
from pingan_writer.library.importer import import_paths
from pingan_writer.library.reuse_index import LibraryIndex
from pingan_writer.library.store import Library
from pingan_writer.sources import read_source
from pingan_writer.text.fingerprints import ReuseSource

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "reuse.json"
DRAFT_CHARS = 20_000
GOAL_RATIO = 0.5


def make_draft(texts: list[str], size: int, seed: int) -> tuple[str, int]:
    """A draft of about `size` characters: own text (another seed of the generator) with
    quotations of 15–120 characters cut from the given library texts, about 40 % quoted."""
    rng = random.Random(seed)
    own = corpus.document_text(size, seed=seed + 1000)
    parts, quoted, pos = [], 0, 0
    while sum(map(len, parts)) < size:
        take = rng.randint(40, 160)
        parts.append(own[pos : pos + take])
        pos += take
        text = rng.choice(texts)
        n = rng.randint(15, 120)
        start = rng.randrange(0, max(1, len(text) - n))
        q = text[start : start + n].replace("\n", "")
        parts.append(q)
        quoted += len(q)
    return "\n".join(parts)[:size], quoted


def run(chars: int, seed: int, workdir: Path) -> dict:
    res: dict = {"library_chars": chars}
    segment.ensure_loaded()
    jieba.initialize()
    files = corpus.write_corpus(workdir / "corpus", chars, seed=seed)
    lib_path = workdir / "library.sqlite3"
    t0 = time.perf_counter()
    with Library.open(lib_path) as lib:
        import_paths(lib, files)
    res["build_s"] = time.perf_counter() - t0
    texts = [read_source(f).text for f in files]
    # A talk quotes a handful of sources; the worst case quotes from every source in the library.
    rng = random.Random(seed)
    draft, quoted = make_draft(rng.sample(texts, 5), DRAFT_CHARS, seed)
    wide, _ = make_draft(texts, DRAFT_CHARS, seed + 1)
    res.update(draft_chars=len(draft), quoted_chars=quoted)

    res["jieba_s"] = best_of(5, lambda: jieba.lcut(draft))
    with Library.open(lib_path) as lib:
        result = find_reuse(draft, LibraryIndex(lib))  # warm the page cache once
        res["reuse_s"] = best_of(5, lambda: find_reuse(draft, LibraryIndex(lib)))
        res["spans"] = len(result.spans)
        res["coverage"] = result.coverage
        res["sources_quoted"] = len({s.source for s in result.spans})
        quoted_sources = sorted({int(s.source) for s in result.spans})
        wide_result = find_reuse(wide, LibraryIndex(lib))
        res["wide_reuse_s"] = best_of(3, lambda: find_reuse(wide, LibraryIndex(lib)))
        res["wide_sources_quoted"] = len({s.source for s in wide_result.spans})
    res["ratio"] = res["reuse_s"] / res["jieba_s"]

    # Peer: difflib on the draft against the sources it quotes (the whole library would take hours).
    peer = "\n".join(texts[i - 1] for i in quoted_sources[:10])
    t0 = time.perf_counter()
    blocks = difflib.SequenceMatcher(None, draft, peer, autojunk=False).get_matching_blocks()
    res["difflib_s"] = time.perf_counter() - t0
    res["difflib_peer_chars"] = len(peer)
    res["difflib_blocks_ge_min"] = sum(1 for b in blocks if b.size >= DEFAULT_MIN_CHARS)

    # Recall on a smaller pair against the exact reference.
    small_source = "\n".join(texts[:4])
    small_draft, _ = make_draft(texts[:4], 4000, seed + 7)
    rs = ReuseSource("s", "s", small_source, read_source(files[0]).outline)
    found = found_positions(small_draft, find_reuse(small_draft, MemoryIndex([rs])).spans)
    expected = covered_reference(small_draft, small_source, DEFAULT_MIN_CHARS)
    res["recall_pair_chars"] = (len(small_draft), len(small_source))
    res["recall_expected"] = len(expected)
    res["recall_found"] = len(found & expected)
    res["recall_extra"] = len(found - expected)
    res["recall"] = len(found & expected) / len(expected) if expected else 1.0
    with Library.open(lib_path) as lib:
        lib_found = found_positions(small_draft, find_reuse(small_draft, LibraryIndex(lib)).spans)
    res["recall_library"] = len(lib_found & expected) / len(expected) if expected else 1.0
    return res


def report(res: dict) -> str:
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    rows = [
        ("library", f"{res['library_chars']:,} chars, built in {res['build_s']:.1f} s", "", ""),
        ("draft", f"{res['draft_chars']:,} chars, {res['quoted_chars']:,} quoted", "", ""),
        ("jieba.lcut(draft), best of 5", ms(res["jieba_s"]), "", ""),
        ("find_reuse(draft, library), best of 5", ms(res["reuse_s"]), "", ""),
        (
            "reuse ÷ jieba",
            f"{res['ratio']:.2f}",
            f"≤ {GOAL_RATIO}",
            "met" if res["ratio"] <= GOAL_RATIO else "MISSED",
        ),
        (
            "spans found / coverage / sources",
            f"{res['spans']} / {res['coverage'] * 100:.1f} % / {res['sources_quoted']}",
            "",
            "",
        ),
        (
            f"worst case: quotes from {res['wide_sources_quoted']} sources",
            ms(res["wide_reuse_s"]),
            "",
            f"{res['wide_reuse_s'] / res['jieba_s']:.2f} × jieba",
        ),
        (
            f"difflib vs the quoted sources ({res['difflib_peer_chars']:,} chars)",
            ms(res["difflib_s"]),
            "",
            f"{res['difflib_blocks_ge_min']} blocks ≥ {DEFAULT_MIN_CHARS}",
        ),
        (
            "recall vs exact reference (memory index)",
            f"{res['recall'] * 100:.2f} %",
            "100 %",
            "met" if res["recall"] == 1.0 else "MISSED",
        ),
        (
            "recall vs exact reference (library index)",
            f"{res['recall_library'] * 100:.2f} %",
            "100 %",
            "met" if res["recall_library"] == 1.0 else "MISSED",
        ),
        ("positions reported beyond the reference", str(res["recall_extra"]), "0", ""),
    ]
    width = max(len(r[0]) for r in rows) + 2
    return "\n".join(f"{a:<{width}}{b:<32}{c:<8}{d}" for a, b, c, d in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=corpus.DEFAULT_CHARS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        res = run(args.chars, args.seed, Path(tmp))
    print(report(res))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
