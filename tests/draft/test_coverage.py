"""The one coverage rule (draft/coverage.py): merged ranges, non-whitespace characters on both
sides; the `quotes` command reports exactly what these functions compute."""

from __future__ import annotations

import json
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_writer.cli import main
from pingan_writer.draft.coverage import merge_ranges, node_coverage, node_shares, quoted_share
from pingan_writer.draft.fileformat import load_draft
from pingan_writer.sources import read_source
from pingan_writer.text.outline import parse_outline

from ..conftest import SOURCE_SAMPLE, TALK_SAMPLE

SOURCE = "一、总体要求\n坚持系统观念，统筹发展和安全。\n二、主要任务\n加强基层治理，维护社会稳定。\n"
PASSAGE = "统筹发展和安全"


def span_of(text: str, part: str) -> tuple[int, int]:
    at = text.index(part)
    return at, at + len(part)


def shares_by_title(ranges) -> dict[str, float]:
    outline = parse_outline(SOURCE)
    return {path[-1]: share for _, path, share in node_coverage(outline, SOURCE, ranges)}


def test_merge_ranges_joins_overlapping_and_touching_and_drops_empty():
    assert merge_ranges([(5, 9), (0, 3), (2, 4), (9, 12), (20, 20), (30, 25)]) == [(0, 4), (5, 12)]
    assert merge_ranges([]) == []


def test_a_passage_quoted_twice_counts_once():
    once = shares_by_title([span_of(SOURCE, PASSAGE)])
    twice = shares_by_title([span_of(SOURCE, PASSAGE), span_of(SOURCE, PASSAGE)])
    assert twice == once
    # 总体要求's section: 一、总体要求 + 坚持系统观念，统筹发展和安全。 (no whitespace counted) = 21
    assert once["总体要求"] == 7 / 21
    overlapping = shares_by_title([span_of(SOURCE, "统筹发展"), span_of(SOURCE, "发展和安全")])
    assert overlapping == once


def test_whitespace_counts_on_neither_side():
    node_text = "一、总体要求\n坚持系统观念，统筹发展和安全。"
    start = SOURCE.index(node_text)
    # Only the characters, not the line break between them, are quoted: still 100 %.
    ranges = [(start, start + 6), (start + 7, start + len(node_text))]
    assert shares_by_title(ranges)["总体要求"] == 1.0
    assert quoted_share("甲乙 \n丙丁", [(0, 2)]) == 0.5
    assert quoted_share("甲乙 \n丙丁", [(0, 2), (1, 4)]) == 0.5
    assert quoted_share("  \n", [(0, 3)]) == 0.0


def test_ranges_outside_the_text_are_clipped():
    assert quoted_share("甲乙丙丁", [(-5, 2), (3, 99)]) == 0.75


def test_node_shares_is_keyed_for_the_outline_model():
    outline = parse_outline(SOURCE)
    shares = node_shares(outline, SOURCE, [span_of(SOURCE, PASSAGE)])
    assert set(shares) == {id(n) for n in outline.walk()}
    assert shares[id(outline.nodes[0])] == 7 / 21 and shares[id(outline.nodes[1])] == 0.0


def run_quotes(capsys, draft, *sources) -> dict:
    args = ["quotes", str(draft)]
    for s in sources:
        args += ["--source", str(s)]
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_quotes_command_reports_what_the_coverage_functions_compute(capsys):
    data = run_quotes(capsys, TALK_SAMPLE, SOURCE_SAMPLE)
    source = read_source(SOURCE_SAMPLE)
    draft_text = load_draft(TALK_SAMPLE).text
    draft_ranges = [(s["start"], s["end"]) for s in data["spans"]]
    assert data["coverage"] == round(quoted_share(draft_text, draft_ranges), 4)
    ranges = [(s["source_start"], s["source_end"]) for s in data["spans"]]
    expected = [round(share, 4) for _, _, share in node_coverage(source.outline, source.text, ranges)]
    (row,) = data["sources"]
    assert [n["coverage"] for n in row["nodes"]] == expected
    assert any(0 < c < 1 for c in expected)


def test_quotes_command_counts_a_passage_quoted_twice_once(tmp_path, capsys):
    source_path = tmp_path / "原文.txt"
    source_path.write_text(SOURCE, encoding="utf-8")
    sentence = "坚持系统观念，统筹发展和安全。"
    once = tmp_path / "一次.txt"
    once.write_text(f"我的体会：{sentence}\n", encoding="utf-8")
    twice = tmp_path / "两次.txt"
    twice.write_text(f"我的体会：{sentence}\n再说一遍：{sentence}\n", encoding="utf-8")
    one, two = run_quotes(capsys, once, source_path), run_quotes(capsys, twice, source_path)
    assert len(two["spans"]) == 2
    assert two["sources"][0]["nodes"] == one["sources"][0]["nodes"]
    assert two["sources"][0]["nodes"][0]["coverage"] == round(15 / 21, 4)


ranges_strategy = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=8)


@settings(max_examples=150, deadline=None)
@given(ranges_strategy)
def test_merging_is_idempotent_and_keeps_exactly_the_covered_offsets(ranges):
    merged = merge_ranges(ranges)
    assert merge_ranges(merged) == merged
    assert merge_ranges(ranges + ranges) == merged
    assert all(a < b for a, b in merged) and all(b < c for (_, b), (c, _) in pairwise(merged))
    assert {i for a, b in merged for i in range(a, b)} == {i for a, b in ranges for i in range(a, b)}


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="一、（）平安中国，。 \n\u3000二是三", max_size=50), ranges_strategy)
def test_shares_are_in_range_and_agree_with_counting_by_hand(text, ranges):
    inside = {i for a, b in ranges for i in range(max(0, a), min(len(text), b))}
    ink = [i for i, ch in enumerate(text) if not ch.isspace()]
    expected = sum(1 for i in ink if i in inside) / len(ink) if ink else 0.0
    share = quoted_share(text, ranges)
    assert 0.0 <= share <= 1.0 and share == expected
    assert quoted_share(text, merge_ranges(ranges)) == share == quoted_share(text, ranges + ranges)
    outline = parse_outline(text)
    for node, _, node_share in node_coverage(outline, text, ranges):
        node_ink = [i for i in ink if node.start <= i < node.end]
        by_hand = sum(1 for i in node_ink if i in inside) / len(node_ink) if node_ink else 0.0
        assert 0.0 <= node_share <= 1.0 and node_share == by_hand


def test_coverage_of_the_first_nodes_only_is_the_start_of_the_whole():
    outline = parse_outline(SOURCE_SAMPLE.read_text(encoding="utf-8"))
    text = SOURCE_SAMPLE.read_text(encoding="utf-8")
    ranges = [(100, 400), (900, 1300)]
    whole = node_coverage(outline, text, ranges)
    assert node_coverage(outline, text, ranges, limit=7) == whole[:7]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="安全 \t\n\u3000\u00a0\u2028a", max_size=400), st.data())
def test_shares_count_exactly_the_characters_str_isspace_calls_ink(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    ink = sum(1 for ch in text if not ch.isspace())
    inside = sum(1 for ch in text[a:b] if not ch.isspace())
    assert quoted_share(text, [(a, b)]) == (inside / ink if ink else 0.0)
