"""Verbatim reuse against a brute-force reference, normalisation, coverage."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_writer.draft.reuse import MemoryIndex, ReuseSource, find_reuse, node_coverage
from pingan_writer.sources import read_source
from pingan_writer.text.outline import parse_outline
from pingan_writer.text.verbatim import normalize

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE


def covered_by_brute_force(draft: str, source: str, min_len: int) -> set[int]:
    """Normalised draft positions inside some common run of ≥ min_len with the source,
    by comparing every diagonal (quadratic: small inputs only)."""
    d, s = normalize(draft).norm, normalize(source).norm
    covered: set[int] = set()
    for shift in range(-len(d), len(s)):
        run = 0
        for i in range(len(d) + 1):
            j = i + shift
            if i < len(d) and 0 <= j < len(s) and d[i] == s[j]:
                run += 1
                continue
            if run >= min_len:
                covered.update(range(i - run, i))
            run = 0
    return covered


def normalized_positions(draft: str, spans) -> set[int]:
    """Normalised positions of the spans (raw offsets mapped back through normalisation)."""
    norm = normalize(draft)
    raw_to_norm = {norm.raw_start(n): n for n in range(len(norm.norm))}
    out: set[int] = set()
    for sp in spans:
        out.update(raw_to_norm[r] for r in range(sp.start, sp.end) if r in raw_to_norm)
    return out


def source_of(path, key=None) -> ReuseSource:
    src = read_source(path)
    return ReuseSource(key or str(path), src.title, src.text, src.outline)


@pytest.fixture(scope="module")
def talk_vs_source():
    talk = TALK_SAMPLE.read_text(encoding="utf-8")
    source = source_of(SOURCE_SAMPLE)
    return talk, source, find_reuse(talk, MemoryIndex([source]))


def test_sample_talk_spans_are_exactly_the_verbatim_runs(talk_vs_source):
    talk, source, result = talk_vs_source
    expected = covered_by_brute_force(talk, source.text, 12)
    assert normalized_positions(talk, result.spans) == expected
    assert len(expected) > 500  # the talk quotes heavily; this is not a vacuous comparison


def test_every_span_is_verbatim_and_maps_to_its_source_range(talk_vs_source):
    talk, source, result = talk_vs_source
    for sp in result.spans:
        assert (
            normalize(talk[sp.start : sp.end]).norm
            == normalize(source.text[sp.source_start : sp.source_end]).norm
        )
        assert sp.source == str(SOURCE_SAMPLE)
        assert sp.end - sp.start >= 1


def test_spans_name_the_source_outline_node(talk_vs_source):
    talk, _, result = talk_vs_source
    quote = "维护国家安全是全社会的责任"
    span = next(sp for sp in result.spans if quote in talk[sp.start : sp.end])
    assert span.node == [
        "认真落实“十四五”时期建设更高水平的平安中国的重点工作任务和措施",
        "加强国家安全体系和能力建设",
        "巩固国家安全人民防线",
    ]


def test_coverage_is_the_share_of_non_whitespace_characters(talk_vs_source):
    talk, source, result = talk_vs_source
    norm_len = len(normalize(talk).norm)
    expected = len(covered_by_brute_force(talk, source.text, 12)) / norm_len
    assert result.coverage == pytest.approx(expected)


def test_whitespace_line_breaks_and_punctuation_width_are_ignored():
    source = ReuseSource(
        "s", "原文", "坚持系统治理、依法治理、综合治理，源头治理和专项治理相结合。", parse_outline("")
    )
    draft = "要坚持系统治理、依法\n　　治理、综合治理,源头治理和专项治理相结合!"
    result = find_reuse(draft, MemoryIndex([source]))
    assert len(result.spans) == 1
    sp = result.spans[0]
    assert draft[sp.start : sp.end] == "坚持系统治理、依法\n　　治理、综合治理,源头治理和专项治理相结合"
    assert (sp.source_start, sp.source_end) == (
        0,
        len("坚持系统治理、依法治理、综合治理，源头治理和专项治理相结合"),
    )


def test_minimum_length_is_configurable():
    source = ReuseSource("s", "原文", "坚持人民至上，坚持安全发展。", parse_outline(""))
    draft = "我们要坚持人民至上，不能动摇。"  # 7 shared characters (坚持人民至上，)
    assert find_reuse(draft, MemoryIndex([source]), min_chars=12).spans == []
    assert find_reuse(draft, MemoryIndex([source]), min_chars=8).spans == []
    with pytest.raises(ValueError):
        find_reuse(draft, MemoryIndex([source]), min_chars=4)
    hits = find_reuse("坚持人民至上，坚持", MemoryIndex([source]), min_chars=8).spans
    assert [(h.start, h.end) for h in hits] == [(0, 9)]


def test_each_span_is_credited_to_one_source_the_longest_run_first():
    a = ReuseSource("a", "甲", "推进平安中国建设走深走实，确保社会大局稳定。", parse_outline(""))
    b = ReuseSource("b", "乙", "确保社会大局稳定，人民安居乐业，社会安定有序。", parse_outline(""))
    draft = "推进平安中国建设走深走实，确保社会大局稳定，人民安居乐业，社会安定有序。"
    spans = find_reuse(draft, MemoryIndex([a, b])).spans
    assert [(s.source, draft[s.start : s.end]) for s in spans] == [
        ("a", "推进平安中国建设走深走实，"),
        ("b", "确保社会大局稳定，人民安居乐业，社会安定有序。"),
    ]


def test_node_coverage_reports_how_much_of_each_node_is_used(talk_vs_source):
    _, source, result = talk_vs_source
    rows = {tuple(path): share for _, path, share in node_coverage(source, result.spans)}
    used = rows[
        (
            "认真落实“十四五”时期建设更高水平的平安中国的重点工作任务和措施",
            "加强国家安全体系和能力建设",
            "巩固国家安全人民防线",
        )
    ]
    unused = rows[("深刻理解建设更高水平的平安中国的时代背景和战略意义",)]
    assert used > 0.8 and unused < 0.1
    assert all(0.0 <= share <= 1.0 for share in rows.values())


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="平安中国建设社会治理，。、 \n", min_size=0, max_size=80),
    st.text(alphabet="平安中国建设社会治理，。、 \n", min_size=0, max_size=80),
    st.integers(min_value=8, max_value=14),
)
def test_matches_brute_force_on_random_text(draft, source_text, min_len):
    source = ReuseSource("s", "原文", source_text, parse_outline(source_text))
    result = find_reuse(draft, MemoryIndex([source]), min_chars=min_len)
    assert normalized_positions(draft, result.spans) == covered_by_brute_force(draft, source_text, min_len)
