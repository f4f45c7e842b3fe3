"""List candidate terms for resources/dict/official_terms.txt from source files.

Usage: .venv/bin/python scripts/build_user_dict.py FILE... [--min-count N]
Prints terms the sources put in quotation marks and recurring phrases jieba splits, with
counts, skipping terms the dictionary already has. Curate the output by hand."""

from __future__ import annotations

import argparse
import logging

import jieba

from pingan_writer.library.segment import user_terms
from pingan_writer.library.terms import quoted_terms, split_phrases
from pingan_writer.sources import read_source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    jieba.setLogLevel(logging.WARNING)
    texts = [read_source(f).text for f in args.files]
    known = set(user_terms())

    def cut(s: str) -> list[str]:
        return jieba.lcut(s, HMM=False)

    print("# quoted in the sources")
    for term, count in quoted_terms(texts).most_common():
        if term not in known and len(cut(term)) >= 2:
            print(f"{term}\t{count}")
    print("# recurring phrases jieba splits")
    for term, count in split_phrases(texts, cut, args.min_count).most_common():
        if term not in known:
            print(f"{term}\t{count}")


if __name__ == "__main__":
    main()
