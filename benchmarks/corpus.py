"""A deterministic generator of realistic official Chinese text for benchmarks.

Body text comes from a word-level bigram Markov chain trained on the jieba words of the two
samples in seeds/, with about a quarter of the words drawn from jieba's own dictionary
(2–4 character words, weighted by frequency), so the vocabulary grows the way a real
multi-million-character library does (tens of thousands of distinct words) and posting lists
are not those of one article repeated.

Documents look like official writing: a short title line, a preamble, headings 一、 / （一） /
1., body paragraphs of 80–300 characters indented with 　　, and 一是/二是/三是 points inside
paragraphs.

    python -m benchmarks.corpus OUT_DIR [--chars 5000000] [--seed 1]
"""

from __future__ import annotations

import argparse
import bisect
import logging
import os
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jieba

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
DEFAULT_CHARS = 5_000_000
DEFAULT_SEED = 1
DOC_MIN_CHARS = 20_000
DOC_MAX_CHARS = 60_000
DICT_SHARE = 0.25  # share of body words drawn from jieba's dictionary
PARA_MIN, PARA_MAX = 80, 300
INDENT = "\u3000\u3000"

_CN_DIGITS = "零一二三四五六七八九"
_TITLE_SUFFIXES = (
    "的实施意见",
    "的工作方案",
    "的指导意见",
    "的若干措施",
    "的工作报告",
    "的学习体会",
    "的讲话",
    "的通知",
)
_TITLE_PREFIXES = ("关于", "关于进一步", "关于全面", "关于深入推进", "")
_SEGMENTS_PER_SENTENCE = (1, 2, 2, 3, 3, 4)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _is_cjk(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def jieba_dict_path() -> str:
    return os.path.join(os.path.dirname(jieba.__file__), "dict.txt")


@dataclass
class Model:
    """The bigram chain (successors with cumulative weights) and the dictionary sampler."""

    starts: list[str]
    start_cum: list[int]
    succ: dict[str, tuple[list[str], list[int]]]
    dict_words: list[str]
    dict_cum: list[int]


_MODEL: Model | None = None


def build_model() -> Model:
    """Train on the seed files and load jieba's dictionary (cached for the process)."""
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    jieba.setLogLevel(logging.WARNING)
    starts: Counter[str] = Counter()
    pairs: dict[str, Counter[str]] = {}
    for seed_file in sorted(SEEDS_DIR.glob("*.txt")):
        text = seed_file.read_text(encoding="utf-8")
        prev: str | None = None
        for token in jieba.lcut(text, HMM=False):
            if not _is_word(token):
                prev = None  # punctuation or space: the next word starts a clause
                continue
            if prev is None:
                starts[token] += 1
            else:
                pairs.setdefault(prev, Counter())[token] += 1
            prev = token
    succ = {}
    for word, following in pairs.items():
        words = list(following)
        succ[word] = (words, _cumulative(following[w] for w in words))
    dict_words: list[str] = []
    dict_freq: list[int] = []
    with open(jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            tag = parts[2] if len(parts) > 2 else ""
            # Personal names (nr*) are rare in official writing; everything else may occur.
            if 2 <= len(word) <= 4 and freq > 0 and not tag.startswith("nr") and _is_cjk(word):
                dict_words.append(word)
                dict_freq.append(freq)
    start_words = list(starts)
    _MODEL = Model(
        start_words,
        _cumulative(starts[w] for w in start_words),
        succ,
        dict_words,
        _cumulative(dict_freq),
    )
    return _MODEL


def _cumulative(weights) -> list[int]:
    out: list[int] = []
    total = 0
    for w in weights:
        total += w
        out.append(total)
    return out


class Writer:
    """Generates text from a Model with one random.Random (deterministic for a seed)."""

    def __init__(self, rng: random.Random, model: Model | None = None) -> None:
        self.rng = rng
        self.model = model or build_model()
        self._dict_batch: list[str] = []

    # -- words -----------------------------------------------------------------------------

    def _pick(self, words: list[str], cum: list[int]) -> str:
        return words[bisect.bisect_right(cum, self.rng.random() * cum[-1])]

    def _dict_word(self) -> str:
        if not self._dict_batch:
            m = self.model
            self._dict_batch = self.rng.choices(m.dict_words, cum_weights=m.dict_cum, k=4096)
        return self._dict_batch.pop()

    def phrase(self, min_chars: int, max_chars: int) -> str:
        """A run of words without punctuation, about min_chars–max_chars long."""
        m = self.model
        target = self.rng.randint(min_chars, max_chars)
        state = self._pick(m.starts, m.start_cum)
        out = [state]
        length = len(state)
        rng = self.rng
        while length < target:
            if rng.random() < DICT_SHARE:
                word = self._dict_word()
            else:
                nxt = m.succ.get(state)
                state = self._pick(*nxt) if nxt else self._pick(m.starts, m.start_cum)
                word = state
            if length + len(word) > max_chars and length >= min_chars:
                break
            out.append(word)
            length += len(word)
        return "".join(out)

    def sentence(self) -> str:
        """Clauses joined by ，/； ending with 。."""
        n = self.rng.choice(_SEGMENTS_PER_SENTENCE)
        parts = [self.phrase(6, 22)]
        for _ in range(n - 1):
            parts.append("；" if self.rng.random() < 0.15 else "，")
            parts.append(self.phrase(6, 22))
        return "".join(parts) + "。"

    def _fill(self, head: str) -> str:
        target = self.rng.randint(PARA_MIN, PARA_MAX - 40)
        text = head
        while len(text) < target:
            s = self.sentence()
            if len(text) + len(s) > PARA_MAX and len(text) >= PARA_MIN:
                break
            text += s
        return text

    def paragraph(self) -> str:
        """A body paragraph of 80–300 characters; about one in five carries 一是/二是/三是 points."""
        if self.rng.random() < 0.2:
            return self.points_paragraph()
        return self._fill("")

    def points_paragraph(self) -> str:
        lead = self.phrase(8, 20) + "，" + self.phrase(6, 16) + "。" if self.rng.random() < 0.7 else ""
        n = self.rng.randint(2, 4)
        items = []
        for i in range(1, n + 1):
            clauses = self.rng.randint(1, 2)
            body = "，".join(self.phrase(6, 18) for _ in range(clauses))
            items.append(f"{cn_number(i)}是{body}")
        text = lead + "；".join(items) + "。"
        while len(text) < PARA_MIN:
            text += self.sentence()
        return text

    def title(self) -> str:
        prefix = self.rng.choice(_TITLE_PREFIXES)
        return prefix + self.phrase(6, 18) + self.rng.choice(_TITLE_SUFFIXES)

    # -- documents -------------------------------------------------------------------------

    def document(self, size: int) -> str:
        """One document of about `size` characters (within a paragraph or so)."""
        rng = self.rng
        lines = [self.title()]
        total = len(lines[0]) + 1

        def add(line: str) -> None:
            nonlocal total
            lines.append(INDENT + line)
            total += len(line) + len(INDENT) + 1

        for _ in range(rng.randint(1, 2)):
            add(self.paragraph())
        n_top = rng.randint(4, 7)
        subs_per_top = [rng.randint(3, 6) for _ in range(n_top)]
        n_subs = sum(subs_per_top)
        done_subs = 0
        for t, n_sub in enumerate(subs_per_top, 1):
            add(f"{cn_number(t)}、{self.phrase(8, 22)}")
            add(self.paragraph())
            for s in range(1, n_sub + 1):
                done_subs += 1
                # Spread what is left of the budget over the subsections still to come.
                budget = (size - total) / (n_subs - done_subs + 1)
                goal = total + max(budget, 0)
                if rng.random() < 0.5:  # heading with body text in the same paragraph
                    add(self._fill(f"（{cn_number(s)}）{self.phrase(6, 18)}。"))
                else:
                    add(f"（{cn_number(s)}）{self.phrase(6, 18)}")
                if rng.random() < 0.3 and goal - total > 1500:
                    item = 0
                    while total < goal:
                        item += 1
                        add(self._fill(f"{item}.{self.phrase(6, 16)}。"))
                        for _ in range(rng.randint(0, 2)):
                            if total < goal:
                                add(self.paragraph())
                else:
                    while total < goal:
                        add(self.paragraph())
        return "\n".join(lines) + "\n"


def document_text(size: int, seed: int = DEFAULT_SEED) -> str:
    """One document of about `size` characters (the indexing benchmark's input)."""
    return Writer(random.Random(seed)).document(size)


def write_corpus(
    folder: str | os.PathLike[str], total_chars: int = DEFAULT_CHARS, seed: int = DEFAULT_SEED
) -> list[Path]:
    """Write .txt documents of 20,000–60,000 characters into `folder`, about `total_chars` in
    all (the last document takes what is left). Returns the files, in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    writer = Writer(random.Random(seed))
    files: list[Path] = []
    written = 0
    while written < total_chars:
        left = total_chars - written
        size = writer.rng.randint(DOC_MIN_CHARS, DOC_MAX_CHARS)
        size = left if left <= DOC_MAX_CHARS else min(size, left - DOC_MIN_CHARS)
        text = writer.document(size)
        path = folder / f"doc_{len(files) + 1:04d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        written += len(text)
    return files


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("out", help="folder to write the .txt files into")
    parser.add_argument("--chars", type=int, default=DEFAULT_CHARS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    files = write_corpus(args.out, args.chars, args.seed)
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    print(f"{len(files)} files, {chars:,} characters in {args.out}")


if __name__ == "__main__":
    main()
