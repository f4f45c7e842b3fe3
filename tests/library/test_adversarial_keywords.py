"""Adversarial input for keywords, import preparation and term mining (issue 12, class 2): the
work grows linearly with the number of sections, passages and phrases.

Work is counted, never timed: SQLite virtual-machine steps (a progress handler) for queries,
lines of pingan_writer code executed for Python (see tests/text/test_adversarial_outline.py)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingan_writer.library import keywords
from pingan_writer.library.importer import import_file
from pingan_writer.library.keywords import node_keywords
from pingan_writer.library.prepare import prepare_source
from pingan_writer.library.store import Library
from pingan_writer.library.terms import split_phrases
from pingan_writer.sources import read_source
from pingan_writer.text.outline import ANNEX, OutlineNode

from ..text.test_adversarial_outline import assert_linear


def _annexes(count: int) -> str:
    """A body and `count` annexes of one sentence each: a long, flat outline."""
    return "关于做好平安建设工作的通知\n一、总体要求\n加强组织领导。\n" + "附件\n安全生产责任重大。\n" * count


def _vm_steps(lib: Library, fn: Callable[[], object]) -> int:
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0  # go on

    lib.conn.set_progress_handler(tick, 10)
    try:
        fn()
    finally:
        lib.conn.set_progress_handler(None, 0)
    return steps


def test_keywords_of_every_section_take_linear_database_work(tmp_path: Path) -> None:
    counts = {}
    for k in (300, 600):
        path = tmp_path / f"annexes{k}.txt"
        path.write_text(_annexes(k), encoding="utf-8")
        with Library.open(tmp_path / f"lib{k}.sqlite3") as lib:
            source_id = import_file(lib, path).source_id
            nodes = [n for n in lib.get_source(source_id).outline.walk() if n.kind != "point"]
            assert sum(n.kind == ANNEX for n in nodes) == k
            counts[k] = _vm_steps(lib, lambda: [node_keywords(lib, source_id, n) for n in nodes])  # noqa: B023
    assert counts[600] <= 3 * counts[300], counts


def _old_rows(lib: Library, source_id: int, start: int, end: int) -> list[str]:
    """The passages the keywords of [start, end) come from, by the obvious (quadratic) query."""
    return [
        w
        for (w,) in lib.conn.execute(
            "SELECT words FROM passages WHERE source_id = ? AND start < ? AND end > ?",
            (source_id, end, start),
        )
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 20_000), st.integers(0, 20_000))
def test_section_passages_are_exactly_those_overlapping_the_section(sample_library, a: int, b: int) -> None:
    source_id = sample_library.sources()[0].id
    start, end = min(a, b), max(a, b)
    found = [w for (w,) in keywords._passage_words(sample_library, source_id, start, end)]
    assert Counter(found) == Counter(_old_rows(sample_library, source_id, start, end))


def test_node_keywords_match_the_section_passages(sample_library) -> None:
    source_id = sample_library.sources()[0].id
    outline = sample_library.get_source(source_id).outline
    for node in list(outline.walk())[:40]:
        expected: Counter[str] = Counter()
        for words in _old_rows(sample_library, source_id, node.start, node.end):
            expected.update(w for w in words.split() if keywords.is_keyword_candidate(w))
        got = node_keywords(sample_library, source_id, node, top=1000)
        assert {k.word: k.count for k in got} == dict(expected)


def test_preparing_a_source_with_a_long_outline_is_linear(tmp_path: Path) -> None:
    def make(k: int) -> Callable[[], object]:
        path = tmp_path / f"annexes{k}.txt"
        path.write_text(_annexes(k), encoding="utf-8")
        source = read_source(path)
        return lambda: prepare_source(source)

    assert_linear(make, 300)


def test_node_keywords_of_a_hand_built_node_outside_the_text_is_empty(sample_library) -> None:
    source_id = sample_library.sources()[0].id
    far = OutlineNode("heading", 1, "一、", "标题", 10**9, 10**9 + 5)
    assert node_keywords(sample_library, source_id, far) == []


# --- term mining ------------------------------------------------------------------------------


def _reference_split_phrases(
    texts: list[str], cut: Callable[[str], list[str]], min_count: int
) -> Counter[str]:
    """split_phrases as first written: each gram compared with every other (quadratic)."""
    import re

    grams: Counter[str] = Counter()
    for text in texts:
        for run in re.findall(r"[\u4e00-\u9fff]+", text):
            for n in range(4, 8):
                grams.update(run[i : i + n] for i in range(len(run) - n + 1))
    frequent = {g: c for g, c in grams.items() if c >= min_count}
    closed = {
        g: c
        for g, c in frequent.items()
        if not any(len(o) == len(g) + 1 and g in o and oc >= c for o, oc in frequent.items())
    }
    particles = set("的了和与及是在对把为将并而之以于")
    kept = {g: c for g, c in closed.items() if g[0] not in particles and g[-1] not in particles}
    return Counter({g: c for g, c in kept.items() if len(cut(g)) >= 2})


def _pairs(s: str) -> list[str]:
    return [s[i : i + 2] for i in range(0, len(s), 2)]


_HAN = "平安中国建设更高水平的社会治理现代化基层枫桥经验安全生产责任落实防范化解重大风险"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet=_HAN + "，。", min_size=1, max_size=60), min_size=1, max_size=8),
    st.integers(2, 4),
)
def test_split_phrases_equals_the_pairwise_definition(pieces: list[str], min_count: int) -> None:
    texts = [p * 3 for p in pieces]  # repeated so that grams recur
    assert split_phrases(texts, _pairs, min_count) == _reference_split_phrases(texts, _pairs, min_count)


def test_split_phrases_work_grows_linearly_with_the_vocabulary() -> None:
    rng = random.Random(12)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]

    def make(k: int) -> Callable[[], object]:
        text = "".join(rng.choice(alphabet) for _ in range(k))
        return lambda: split_phrases([text] * 3, _pairs)  # every gram recurs: k distinct per length

    assert_linear(make, 200)


def test_sections_keywords_segment_once_and_count_each_section() -> None:
    text = "一、总体要求\n坚持枫桥经验，枫桥经验管用。\n二、安全生产\n安全生产责任重大。\n"
    first, second = text.index("一、"), text.index("二、")
    sections = [(0, len(text)), (first, second), (second, len(text))]
    whole, one, two = keywords.sections_keywords(text, sections)
    assert {k.word: k.count for k in one}["枫桥经验"] == 2
    assert "枫桥经验" not in {k.word for k in two}
    assert {k.word for k in whole} == {k.word for k in one} | {k.word for k in two}


def test_sections_keywords_of_nested_sections_take_one_segmentation(monkeypatch) -> None:
    from pingan_writer.library import segment

    tk = segment.ensure_loaded()
    cuts = []
    real_cut = type(tk).cut
    monkeypatch.setattr(type(tk), "cut", lambda self, *a, **kw: cuts.append(1) or real_cut(self, *a, **kw))
    text = "一、标题\n平安建设。\n" * 200
    nested = [(i * 10, len(text)) for i in range(200)]  # 200 sections, each holding the next
    assert len(keywords.sections_keywords(text, nested)) == 200
    assert len(cuts) == 1
