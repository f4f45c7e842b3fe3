"""Reuse detection on repetitive and long input (issue 12): linear work, verbatim spans kept.

No wall time is asserted. The work counted is the characters compared while extending runs
(where repetitive text made every window hit everywhere and every hit was extended across the
whole text) plus the lines run in draft/reuse.py; a doubled input must not quadruple it."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.reuse_reference import covered_reference, found_positions
from pingan_writer.cli import main
from pingan_writer.draft import reuse
from pingan_writer.draft.reuse import MemoryIndex, ReuseSource, find_reuse
from pingan_writer.text.outline import parse_outline
from pingan_writer.text.verbatim import normalize

from ..conftest import SOURCE_SAMPLE
from ..workcount import lines_run


def work(draft: str, source: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Characters compared in run extension plus lines run in draft/reuse.py."""
    compared = 0
    prefix, suffix = reuse._common_prefix, reuse._common_suffix

    def counted_prefix(*args):
        nonlocal compared
        n = prefix(*args)
        compared += n + 1
        return n

    def counted_suffix(*args):
        nonlocal compared
        n = suffix(*args)
        compared += n + 1
        return n

    monkeypatch.setattr(reuse, "_common_prefix", counted_prefix)
    monkeypatch.setattr(reuse, "_common_suffix", counted_suffix)
    index = MemoryIndex([ReuseSource("s", "原文", source, parse_outline(""))])
    lines = lines_run(lambda: find_reuse(draft, index), reuse.__file__)
    monkeypatch.undo()
    return compared + lines


def random_text(alphabet: str, n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(n))


# Repetitive text doubles against itself. Random text over a few letters doubles against a
# fixed source: below the cap on places tried (MAX_POSTINGS) the hits per window grow with the
# source, so that work is linear in the draft and bounded by the cap, not by the source.
CASES = {
    "one character": lambda n: ("学" * n, "学" * n),
    "a three-character period": lambda n: (("学习贯" * n)[:n], ("学习贯" * n)[:n]),
    "a sentence repeated": lambda n: (("坚持系统治理、依法治理、综合治理，" * n)[:n],) * 2,
    "two characters at random": lambda n: (random_text("学习", n, 1), random_text("学习", 3000, 2)),
    "three characters at random": lambda n: (random_text("学习贯", n, 3), random_text("学习贯", 3000, 4)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_doubling_repetitive_input_does_not_quadruple_the_work(case, monkeypatch):
    small = work(*CASES[case](1500), monkeypatch)
    large = work(*CASES[case](3000), monkeypatch)
    assert large < 3 * small, (small, large)


def test_one_repeated_character_is_reported_whole():
    text = "学" * 200_000
    result = find_reuse(text, MemoryIndex([ReuseSource("s", "原文", text, parse_outline(""))]))
    assert [(s.start, s.end) for s in result.spans] == [(0, len(text))]
    assert result.coverage == 1.0


def test_quotes_command_on_repetitive_text_against_itself(tmp_path, capsys):
    path = tmp_path / "重复.txt"
    path.write_text("学习" * 100_000, encoding="utf-8")
    assert main(["quotes", str(path), "--source", str(path)]) == 0
    out = capsys.readouterr().out
    assert "引用占比：100.0%（1 处逐字引用" in out


def test_many_spans_in_a_source_with_many_headings_name_their_node():
    # One span for each of 2,000 sections: finding each span's node must not scan every node.
    source = "\n".join(
        f"{'一二三四五六七八九'[k % 9]}、第{k}部分\n第{k}部分的正文内容是独一无二的句子{k}号。"
        for k in range(2000)
    )
    draft = "\n".join(f"我们学习了第{k}部分的正文内容是独一无二的句子{k}号。" for k in range(0, 2000, 7))
    src = ReuseSource("s", "原文", source, parse_outline(source))
    result = find_reuse(draft, MemoryIndex([src]))
    assert len(result.spans) == len(range(0, 2000, 7))
    for span in result.spans[:20]:
        assert [n.title or n.number for n in src.outline.path_at(span.source_start)] == span.node


@settings(max_examples=12, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=2000, max_value=6000),
    st.integers(min_value=12, max_value=20),
)
def test_long_drafts_quoting_a_long_source_find_every_verbatim_run(seed, size, min_chars):
    # Thousands of characters over six letters with passages copied in: windows repeat, but no
    # stretch of a run is boilerplate, so the answer must be exact.
    rng = random.Random(seed)
    source = random_text("平安中国建设", size, seed)
    parts = []
    while sum(map(len, parts)) < size:
        if rng.random() < 0.5:
            start = rng.randrange(len(source))
            parts.append(source[start : start + rng.randint(5, 200)])
        else:
            parts.append(random_text("平安中国建设治理", rng.randint(1, 40), rng.randrange(10**6)))
        if rng.random() < 0.2:
            parts.append(rng.choice(["\n", " ", "，"]))
    draft = "".join(parts)
    result = find_reuse(draft, MemoryIndex([ReuseSource("s", "原文", source, None)]), min_chars)
    assert found_positions(draft, result.spans) == covered_reference(draft, source, min_chars)


@settings(max_examples=12, deadline=None)
@given(
    st.text(alphabet="学习贯彻 \n", min_size=20, max_size=200).map(lambda t: t * 20),
    st.text(alphabet="学习贯彻，", min_size=20, max_size=200).map(lambda t: t * 20),
)
def test_every_span_on_repetitive_text_is_verbatim(draft, source_text):
    # Repetitive text is boilerplate: not every run need be found, but what is reported holds.
    source = ReuseSource("s", "原文", source_text, parse_outline(source_text))
    result = find_reuse(draft, MemoryIndex([source]))
    ends = 0
    for span in result.spans:
        assert span.start >= ends  # each draft character is credited once
        ends = span.end
        quoted = normalize(draft[span.start : span.end]).norm
        assert quoted == normalize(source_text[span.source_start : span.source_end]).norm
        assert len(quoted) == span.length


def test_the_sample_source_quoted_against_itself_repeated_is_found_whole():
    text = SOURCE_SAMPLE.read_text(encoding="utf-8")
    repeated = "\n".join([text] * 40)
    result = find_reuse(repeated, MemoryIndex([ReuseSource("s", "原文", repeated, None)]))
    assert result.coverage == 1.0
