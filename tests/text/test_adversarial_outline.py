"""Adversarial input for the outline engine (issue 12, classes 1 and 2): repetitive structure
never nests without bound, never exhausts the recursion limit, and the work grows linearly.

Scaling is measured by counting the lines of pingan_writer code executed (sys.settrace), never
by wall time: doubling the input must not much more than double the count (a quadratic step
quadruples it)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pingan_writer
from pingan_writer.text.outline import (
    HEADING,
    MAX_HEADING_DEPTH,
    POINT,
    Outline,
    OutlineNode,
    parse_outline,
)
from pingan_writer.text.outline_codec import outline_from_data, outline_to_data
from pingan_writer.text.paragraphs import iter_paragraphs
from pingan_writer.text.passages import split_passages
from pingan_writer.text.points import MAX_POINT_DEPTH

from ..workcount import lines_run

_PACKAGE = str(Path(pingan_writer.__file__).parent)
# Body headings, points under the deepest of them, and an annex above them all.
MAX_TREE_DEPTH = 1 + MAX_HEADING_DEPTH + MAX_POINT_DEPTH


def work(fn: Callable[[], object]) -> int:
    """Lines of pingan_writer code that fn() executes: a measure of work that does not depend
    on the machine or its load."""
    return lines_run(fn, _PACKAGE)


def assert_linear(make: Callable[[int], Callable[[], object]], n: int) -> None:
    """Twice the input costs at most three times the work (linear: 2×, quadratic: 4×)."""
    small, large = work(make(n)), work(make(2 * n))
    assert large <= 3 * small, f"work {small} → {large} when the input doubles"


def depth(nodes: list[OutlineNode]) -> int:
    deepest, stack = 0, [(n, 1) for n in nodes]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in node.children)
    return deepest


def check_tree(text: str, outline: Outline) -> None:
    """Levels follow depth, every child lies inside its parent, siblings are sorted and disjoint
    (iteratively: the trees here may be deep)."""
    stack: list[tuple[list[OutlineNode], OutlineNode | None]] = [(outline.nodes, None)]
    while stack:
        siblings, parent = stack.pop()
        for before, after in pairwise(siblings):
            assert before.end <= after.start, "siblings overlap or are out of order"
        for node in siblings:
            assert 0 <= node.start <= node.end <= len(text)
            assert node.level == (1 if parent is None else parent.level + 1)
            if parent is not None:
                assert parent.start <= node.start and node.end <= parent.end
            stack.append((node.children, node))


# --- class 1: bounded nesting, iterative walks ------------------------------------------------


def test_a_restarting_heading_style_nests_no_deeper_than_the_bound_and_keeps_every_line() -> None:
    text = "一、标题\n" * 3000  # each 一、 restarts inside the last: 3,000 levels before the bound
    outline = parse_outline(text)
    headings = [n for n in outline.walk() if n.kind == HEADING]
    assert len(headings) == 3000, "a heading past the bound was dropped"
    assert depth(outline.nodes) == MAX_HEADING_DEPTH
    starts = {p.content_start for p in iter_paragraphs(text)}
    assert {h.start for h in headings} == starts
    check_tree(text, outline)


def test_circled_lines_restarting_after_ten_stay_within_the_bound() -> None:
    text = "".join(f"{c}条目\n" for c in "①②③④⑤⑥⑦⑧⑨⑩") * 300
    outline = parse_outline(text)
    assert sum(1 for n in outline.walk() if n.kind == HEADING) == 3000
    assert depth(outline.nodes) <= MAX_HEADING_DEPTH
    check_tree(text, outline)


def test_headings_in_an_annex_are_bounded_as_well() -> None:
    text = "一、正文\n附件1\n" + "（一）条目\n" * 2000
    outline = parse_outline(text)
    assert depth(outline.nodes) == MAX_HEADING_DEPTH + 1
    assert sum(1 for n in outline.walk() if n.kind == HEADING) == 2001


def test_a_point_series_restarting_in_one_paragraph_is_a_row_not_a_chain() -> None:
    text = "一是甲，二是乙；" * 2000 + "\n"
    outline = parse_outline(text)
    assert [n.kind for n in outline.nodes] == [POINT] * 4000
    assert all(not n.children for n in outline.nodes)
    assert [text[n.start : n.end] for n in outline.nodes[:3]] == ["一是甲，", "二是乙；", "一是甲，"]
    check_tree(text, outline)


def test_point_series_of_every_family_nest_at_most_once_each() -> None:
    unit = "一是甲，二是乙，一要丙，二要丁，首先戊，其次己，其一庚，其二辛，第一，壬，第二，癸，①子②丑，"
    text = "开头\n　　" + unit * 400 + "\n"
    outline = parse_outline(text)
    assert depth(outline.nodes) <= MAX_POINT_DEPTH
    check_tree(text, outline)


def _chain(levels: int) -> Outline:
    """A hand-built outline `levels` deep, as a stored library or a future reader might hold."""
    root = node = OutlineNode(HEADING, 1, "一、", "标题", 0, 2 * levels)
    for i in range(1, levels):
        child = OutlineNode(HEADING, i + 1, "一、", "标题", i, 2 * levels - i)
        node.children.append(child)
        node = child
    return Outline(None, None, [root])


def test_every_walk_over_a_very_deep_tree_is_iterative() -> None:
    levels = 5 * sys.getrecursionlimit()
    outline = _chain(levels)
    assert sum(1 for _ in outline.walk()) == levels
    assert sum(1 for _ in outline.nodes[0].walk()) == levels
    assert len(outline.path_at(levels - 1)) == levels
    data = outline.nodes[0].to_dict()
    assert data["children"][0]["start"] == 1
    copy = outline_from_data(outline_to_data(outline))
    # Compared node by node: == on the nested dicts or dataclasses would itself recurse.
    fields = [(n.kind, n.level, n.start, n.end, n.title, len(n.children)) for n in outline.walk()]
    assert [(n.kind, n.level, n.start, n.end, n.title, len(n.children)) for n in copy.walk()] == fields


def test_outline_json_of_the_deepest_parsed_tree_encodes() -> None:
    outline = parse_outline("（一）条目\n" * 5000)
    encoded = json.dumps([n.to_dict() for n in outline.nodes], ensure_ascii=False)
    assert encoded.count('"kind": "heading"') == 5000


# --- class 2: linear work ---------------------------------------------------------------------

_REPEATED = {
    "restarting headings": ("一、标题\n", 400),
    "restarting (一) headings": ("（一）标题\n", 400),
    "a series per line": ("一是甲，二是乙；\n", 300),
    "series in one paragraph": ("一是甲，二是乙；", 400),
    "circled in one paragraph": ("①甲②乙③丙④丁⑤戊⑥己⑦庚⑧辛⑨壬⑩癸", 60),
    "circled lines": ("①甲\n②乙\n③丙\n④丁\n⑤戊\n⑥己\n⑦庚\n⑧辛\n⑨壬\n⑩癸\n", 60),
    "annex lines": ("附件\n", 500),
    "mixed families": ("一是甲，一要乙，①丙，首先丁，其一，戊；", 300),
    "numbered sentences": ("（一）加强领导。一是提高站位。二是压实责任。①甲；②乙。\n", 200),
}


@pytest.mark.parametrize("unit, n", list(_REPEATED.values()), ids=list(_REPEATED))
def test_outline_work_grows_linearly(unit: str, n: int) -> None:
    assert_linear(lambda k: lambda: parse_outline("标题\n" + unit * k + "\n"), n)


def test_path_at_for_every_paragraph_grows_linearly() -> None:
    def make(k: int) -> Callable[[], object]:
        text = "一、正文\n" + "附件\n" * k
        outline = parse_outline(text)
        starts = [p.content_start for p in iter_paragraphs(text)]
        return lambda: [outline.path_at(s) for s in starts]

    assert_linear(make, 400)


def test_passages_of_a_paragraph_full_of_points_grow_linearly() -> None:
    def make(k: int) -> Callable[[], object]:
        text = "一是甲。二是乙。" * k
        breaks = [n.start for n in parse_outline(text).walk()]
        return lambda: split_passages(text, breaks=breaks)

    assert_linear(make, 300)


# --- properties, on inputs long enough to reach deep structure --------------------------------

_HEADINGS = ["一、", "二、", "（一）", "（二）", "1.", "2.", "（1）", "①", "②", "第一章", "第一条", "第二条"]
_BODY = [
    "加强组织领导。",
    "一是提高站位，二是压实责任；",
    "①甲；②乙。",
    "首先，要学习。其次，要落实。",
    "附件",
]
_INDENT = st.sampled_from(["", "　　"])


@st.composite
def long_documents(draw: st.DrawFn) -> str:
    """A short pattern of lines repeated hundreds of times, with a few lines changed: thousands
    of lines whose structure repeats (the adversarial shape) without being uniform."""
    pattern = draw(
        st.lists(
            st.tuples(_INDENT, st.sampled_from(_HEADINGS + _BODY), st.sampled_from(_BODY)),
            min_size=1,
            max_size=6,
        )
    )
    lines = [a + b + c for a, b, c in pattern] * draw(st.integers(200, 500))
    for _ in range(draw(st.integers(0, 5))):
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = draw(st.sampled_from(_HEADINGS)) + draw(st.sampled_from(_BODY))
    return "\n".join(lines) + "\n"


@settings(max_examples=10, deadline=None)
@given(long_documents())
def test_long_repetitive_documents_give_a_bounded_well_formed_tree(text: str) -> None:
    outline = parse_outline(text)
    check_tree(text, outline)
    assert depth(outline.nodes) <= MAX_TREE_DEPTH
    assert outline_from_data(outline_to_data(outline)) == outline


@settings(max_examples=8, deadline=None)
@given(long_documents(), st.lists(st.integers(0, 10**6), min_size=1, max_size=30))
def test_path_at_matches_a_scan_of_the_tree(text: str, probes: list[int]) -> None:
    outline = parse_outline(text)
    for probe in probes:
        offset = probe % (len(text) + 1)
        expected, level = [], outline.nodes
        while hit := next((n for n in level if n.start <= offset < n.end), None):
            expected.append(hit)
            level = hit.children
        assert outline.path_at(offset) == expected


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(_HEADINGS), st.integers(MAX_HEADING_DEPTH, 3000))
def test_every_heading_line_is_in_the_tree_however_often_it_repeats(marker: str, count: int) -> None:
    text = f"{marker}标题\n" * count
    headings = [n for n in parse_outline(text).walk() if n.kind == HEADING]
    assert len(headings) == count
