"""Property-based tests: parse_outline never raises and its tree is always well formed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pingan_writer.text.markers import match_heading
from pingan_writer.text.numerals import int_to_cn
from pingan_writer.text.outline import HeadingHint, Outline, OutlineNode, parse_outline
from pingan_writer.text.paragraphs import iter_paragraphs

# Pieces of realistic official text, numbering markers, traps, punctuation and layout.
_MARKERS = [
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "（三）",
    "1.",
    "2.",
    "1．",
    "１．",
    "２．",
    "1、",
    "2、",
    "（1）",
    "（2）",
    "(1)",
    "1）",
    "2）",
    "①",
    "②",
    "③",
    "第一，",
    "第二，",
    "第一、",
    "第一章",
    "第二章",
    "第一节",
    "第一条",
    "第二条",
    "第一部分",
    "附件",
    "附件1",
    "附件2：",
    "附件：1.",
    "一是",
    "二是",
    "三是",
    "一要",
    "二要",
    "首先，",
    "其次，",
    "再次，",
    "最后，",
    "其一，",
    "其二，",
    "一方面",
    "另一方面",
]
_TRAPS = ["2.5", "2022.10.23", "3、4月", "一、二线城市", "统一是", "第一时间", "2023年", "10个方面"]
_SENTENCES = [
    "加强组织领导",
    "各单位要高度重视",
    "压实工作责任",
    "建设更高水平的平安中国",
    "坚持总体国家安全观",
    "关于做好安全生产工作的通知",
    "全市共排查隐患",
    "要第一时间报告",
    "思想统一是前提",
    "确保各项任务落到实处",
]
_PUNCT = ["。", "，", "；", "：", "！", "？", "、", "“", "”", "（", "）", ".", ":", ";"]
_LAYOUT = ["\n", "\n\n", "　　", "　", " ", "\t", "\u00a0"]

_piece = st.one_of(
    st.sampled_from(_MARKERS),
    st.sampled_from(_TRAPS),
    st.sampled_from(_SENTENCES),
    st.sampled_from(_PUNCT),
    st.sampled_from(_LAYOUT),
    st.integers(min_value=1, max_value=120).map(int_to_cn),
    st.integers(min_value=0, max_value=2030).map(str),
    st.text(
        alphabet="一二三四五六七八九十百〇零①②③是要第其首先次最后另方面附件章节条部分、，。；：（）",
        max_size=4,
    ),
)
official_text = st.lists(_piece, max_size=60).map("".join)
# Paragraph-shaped text: every line indented and starting with a marker, so many headings occur.
official_lines = st.lists(
    st.tuples(
        st.sampled_from(["", "　　", "\n"]),
        st.sampled_from(_MARKERS + _TRAPS),
        st.lists(st.sampled_from(_SENTENCES + _PUNCT + _MARKERS), max_size=8).map("".join),
    ).map(lambda t: t[0] + t[1] + t[2]),
    max_size=25,
).map("\n".join)

any_text = st.one_of(st.text(), official_text, official_lines)

SETTINGS = settings(max_examples=150, deadline=None)


def _check_tree(text: str, outline: Outline) -> None:
    def check(nodes: list[OutlineNode], parent: OutlineNode | None) -> None:
        starts = [n.start for n in nodes]
        assert starts == sorted(starts), "children not ordered by start"
        for node in nodes:
            assert node.kind in ("heading", "point", "annex")
            assert 0 <= node.start <= node.end <= len(text), (node.start, node.end, len(text))
            if parent is None:
                assert node.level == 1
            else:
                assert node.level == parent.level + 1
                assert parent.start <= node.start and node.end <= parent.end, "child outside its parent"
            if node.kind == "annex":
                assert parent is None, "an annex is a top-level node"
            check(node.children, node)

    check(outline.nodes, None)


@SETTINGS
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    outline = parse_outline(text)
    assert isinstance(outline, Outline)
    _check_tree(text, outline)


@SETTINGS
@given(any_text)
def test_ranges_levels_and_order_are_well_formed(text: str) -> None:
    _check_tree(text, parse_outline(text))


@SETTINGS
@given(any_text)
def test_title_span_points_at_the_title(text: str) -> None:
    outline = parse_outline(text)
    if outline.title is None:
        assert outline.title_span is None
    else:
        start, end = outline.title_span
        assert text[start:end] == outline.title
        assert all(node.start >= end for node in outline.walk()), "the title line is not a node"


def _assert_path_consistent(outline: Outline, offset: int) -> None:
    path = outline.path_at(offset)
    level: list[OutlineNode] = outline.nodes
    for depth, node in enumerate(path):
        assert any(node is n for n in level), "path does not follow parent -> child links"
        assert node.start <= offset < node.end
        assert node.level == depth + 1
        level = node.children
    # The chain is maximal: nothing below its last node (or at the top) holds the offset.
    assert not any(n.start <= offset < n.end for n in level)


@SETTINGS
@given(any_text, st.data())
def test_path_at_is_consistent_with_ranges(text: str, data: st.DataObject) -> None:
    outline = parse_outline(text)
    offsets = data.draw(st.lists(st.integers(min_value=-1, max_value=len(text) + 1), max_size=10))
    for offset in offsets:
        _assert_path_consistent(outline, offset)
    for node in outline.walk():
        if node.start < node.end:
            # Siblings do not overlap, so the chain at a node's first character reaches that node.
            assert any(n is node for n in outline.path_at(node.start))


_INDENT = " \t\u3000\u00a0\ufeff"


@SETTINGS
@given(any_text)
def test_headings_start_a_line_and_points_start_a_clause(text: str) -> None:
    for node in parse_outline(text).walk():
        line_start = text.rfind("\n", 0, node.start) + 1
        at_line_start = all(ch in _INDENT for ch in text[line_start : node.start])
        if node.kind == "point":
            if node.style == "circled":
                continue  # ① cannot be misread, so the engine lets it follow text directly
            content_start = len(text) - len(text[line_start:].lstrip(_INDENT))
            line_end = text.find("\n", content_start)
            marker = match_heading(text[content_start : len(text) if line_end < 0 else line_end])
            after_marker = marker is not None and content_start + marker.length == node.start
            assert at_line_start or after_marker or text[node.start - 1] in "。；：，！？;:,!?、", (
                node.number,
                node.start,
            )
        else:
            assert at_line_start, (node.number, node.start)


@SETTINGS
@given(official_lines, st.data())
def test_well_formed_with_reader_hints(text: str, data: st.DataObject) -> None:
    starts = [p.start for p in iter_paragraphs(text)]
    chosen = data.draw(st.lists(st.sampled_from(starts), unique=True, max_size=6)) if starts else []
    level = st.integers(min_value=0, max_value=4)
    levels = data.draw(st.lists(level, min_size=len(chosen), max_size=len(chosen)))
    outline = parse_outline(text, [HeadingHint(s, lv) for s, lv in zip(chosen, levels, strict=True)])
    _check_tree(text, outline)
    for offset in (0, len(text) // 2, len(text) - 1):
        _assert_path_consistent(outline, offset)
