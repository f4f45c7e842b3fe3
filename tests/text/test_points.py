"""Inline enumerations (points): 一是…二是…, 一要…, 首先…其次…, 其一…, 第一，…, 一方面…, ①②."""

from __future__ import annotations

import pytest

from pingan_writer.text.outline import OutlineNode, parse_outline


def points(nodes: list[OutlineNode]) -> list[tuple[str, str]]:
    return [(n.number, n.title) for n in nodes if n.kind == "point"]


def all_points(text: str) -> list[OutlineNode]:
    return [n for n in parse_outline(text).walk() if n.kind == "point"]


HEAD = "一、工作要求\n"


@pytest.mark.parametrize(
    ("body", "expected", "family"),
    [
        (
            "　　一是提高站位，统一思想；二是压实责任，层层落实；三是强化督导。",
            [("一是", "提高站位"), ("二是", "压实责任"), ("三是", "强化督导")],
            "shi",
        ),
        (
            "　　一要提高认识，二要加强协调，三要狠抓落实。",
            [("一要", "提高认识"), ("二要", "加强协调"), ("三要", "狠抓落实")],
            "yao",
        ),
        (
            "　　首先，要提高认识。其次，要加强学习。再次，要注重实践。最后，要及时总结。",
            [("首先", "提高认识"), ("其次", "加强学习"), ("再次", "注重实践"), ("最后", "及时总结")],
            "sequence",
        ),
        (
            "　　其一，讲政治；其二，重实干；其三，守规矩。",
            [("其一", "讲政治"), ("其二", "重实干"), ("其三", "守规矩")],
            "qi",
        ),
        (
            "　　要做到以下几点：第一，守规矩；第二，讲程序。",
            [("第一", "守规矩"), ("第二", "讲程序")],
            "ordinal",
        ),
        ("　　一方面要抓发展，另一方面要保安全。", [("一方面", "抓发展"), ("另一方面", "保安全")], "aspect"),
        (
            "　　检查内容主要包括：①安全制度落实情况；②隐患排查整改情况。",
            [("①", "安全制度落实情况"), ("②", "隐患排查整改情况")],
            "circled",
        ),
    ],
)
def test_each_inline_family_gives_points_under_the_heading(body: str, expected: list, family: str) -> None:
    outline = parse_outline(HEAD + body + "\n")
    (heading,) = outline.nodes
    assert points(heading.children) == expected
    assert all(c.kind == "point" and c.level == 2 and c.style == family for c in heading.children)


def test_point_values_follow_the_series() -> None:
    nodes = all_points(HEAD + "　　首先，要提高认识。其次，要加强学习。最后，要及时总结。\n")
    assert [n.number for n in nodes] == ["首先", "其次", "最后"]
    assert [n.value for n in nodes[:2]] == [1, 2]


def test_point_title_runs_to_first_comma_full_stop_or_semicolon() -> None:
    text = HEAD + "　　一是加强理论学习，提高能力；二是深入基层调研。三是建立健全工作台账；\n"
    assert points(parse_outline(text).nodes[0].children) == [
        ("一是", "加强理论学习"),
        ("二是", "深入基层调研"),
        ("三是", "建立健全工作台账"),
    ]


def test_point_ranges_run_from_marker_to_next_marker() -> None:
    text = HEAD + "　　一是提高站位，统一思想；二是压实责任。\n"
    first, second = parse_outline(text).nodes[0].children
    assert text[first.start : first.end] == "一是提高站位，统一思想；"
    assert text[second.start : second.end] == "二是压实责任。"


# --- where points sit ---------------------------------------------------------------------


def test_points_in_the_headings_own_paragraph() -> None:
    text = "　　（一）加强组织领导。一是提高站位；二是压实责任。\n　　各单位要认真落实。\n"
    (heading,) = parse_outline(text).nodes
    assert heading.title == "加强组织领导"
    assert points(heading.children) == [("一是", "提高站位"), ("二是", "压实责任")]
    assert all(heading.start < p.start and p.end <= heading.end for p in heading.children)


def test_points_in_body_paragraphs_belong_to_the_innermost_heading() -> None:
    text = (
        "一、总体要求\n"
        "（一）指导思想\n"
        "　　要做到两点：一是坚持人民至上，二是坚持安全发展。\n"
        "（二）工作目标\n"
        "　　全年不发生重大事故。\n"
    )
    outline = parse_outline(text)
    top = outline.nodes[0]
    assert points(top.children) == []
    first, second = top.children
    assert points(first.children) == [("一是", "坚持人民至上"), ("二是", "坚持安全发展")]
    assert [p.level for p in first.children] == [3, 3]
    assert second.children == []


def test_points_before_any_heading_are_top_level() -> None:
    text = "各单位：\n　　现就有关工作提出如下要求：一要提高认识，二要狠抓落实。\n一、总体要求\n"
    outline = parse_outline(text)
    assert [(n.kind, n.number, n.level) for n in outline.nodes] == [
        ("point", "一要", 1),
        ("point", "二要", 1),
        ("heading", "一、", 1),
    ]


def test_paragraphs_starting_with_yi_shi_are_points_not_headings() -> None:
    text = (
        "（一）加强组织领导\n"
        "　　一是提高政治站位。各级党委要高度重视。\n"
        "　　二是压实工作责任。层层签订责任书。\n"
        "　　三是强化督导检查。\n"
    )
    (heading,) = parse_outline(text).nodes
    assert [(c.kind, c.number, c.title) for c in heading.children] == [
        ("point", "一是", "提高政治站位"),
        ("point", "二是", "压实工作责任"),
        ("point", "三是", "强化督导检查"),
    ]
    first = heading.children[0]
    assert text[first.start : first.end] == "一是提高政治站位。各级党委要高度重视。"


def test_first_paragraph_starting_with_yi_shi_is_a_point_not_a_title() -> None:
    text = "一是加强理论学习\n二是深入基层调研\n"
    outline = parse_outline(text)
    assert outline.title is None
    assert [(n.kind, n.number) for n in outline.nodes] == [("point", "一是"), ("point", "二是")]


def test_circled_series_nests_inside_a_yi_shi_item() -> None:
    text = HEAD + "　　一是加强学习：①学理论；②学业务。二是加强实践：①下基层；②办实事。\n"
    (heading,) = parse_outline(text).nodes
    assert [(p.number, p.title, points(p.children)) for p in heading.children] == [
        ("一是", "加强学习", [("①", "学理论"), ("②", "学业务")]),
        ("二是", "加强实践", [("①", "下基层"), ("②", "办实事")]),
    ]
    for item in heading.children:
        assert item.level == 2
        for sub in item.children:
            assert sub.level == 3
            assert item.start < sub.start and sub.end <= item.end


def test_points_are_reset_at_each_heading() -> None:
    # 一是 under 一、 and 二是 under 二、 are not one series.
    text = "一、总体要求\n　　一是提高站位。\n二、主要任务\n　　二是压实责任。\n"
    assert all_points(text) == []


def test_points_sorted_among_subheadings() -> None:
    text = "一、总体要求\n　　一是提高站位，二是压实责任。\n（一）指导思想\n"
    (heading,) = parse_outline(text).nodes
    assert [c.kind for c in heading.children] == ["point", "point", "heading"]
    assert [c.start for c in heading.children] == sorted(c.start for c in heading.children)


# --- what is not a series -----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "　　思想统一是前提；二是加强协调；三是狠抓落实。",  # 统一是: not at a clause start
        "　　发现险情要第一时间报告，第二时间核实。",  # 第一时间 is not 第一，
        "　　一是提高站位。",  # a single item
        "　　二是压实责任，三是强化督导。",  # does not start at 1
        "　　一是提高站位，三是强化督导。",  # a gap
        "　　一是提高站位，二要压实责任。",  # mixed families
        "　　其次，要加强学习。最后，要及时总结。",  # no 首先
        "　　首先，要提高认识。最后，要及时总结。",  # 最后 needs two items before it
        "　　另一方面要保安全。",  # no 一方面
        "　　全市统一要求，统一部署。",
        "　　唯一是最好的证明，统一是基础。",
        "　　这是其一要素，其二要素。",
    ],
)
def test_not_a_series(body: str) -> None:
    assert all_points(HEAD + body + "\n") == []
