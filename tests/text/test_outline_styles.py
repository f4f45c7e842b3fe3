"""parse_outline: numbering styles, traps, titles, nesting, annexes and offsets."""

from __future__ import annotations

import pytest

from pingan_writer.text.outline import OutlineNode, parse_outline

Tree = list[tuple]


def tree(nodes: list[OutlineNode], *, points: bool = False) -> Tree:
    """(number, title, [children]) for headings and annexes (and points when asked)."""
    return [
        (n.number, n.title, tree(n.children, points=points)) for n in nodes if points or n.kind != "point"
    ]


def headings(text: str) -> list[tuple[str, str, int, str]]:
    return [(n.number, n.title, n.level, n.style) for n in parse_outline(text).walk() if n.kind == "heading"]


BODY = "各单位：\n　　现将有关事项通知如下。\n"

# --- numbering styles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "style"),
    [
        ("一、", "二、", "cn-dun"),
        ("（一）", "（二）", "cn-paren"),
        ("1.", "2.", "arabic-dot"),
        ("1．", "2．", "arabic-dot"),
        ("1、", "2、", "arabic-dot"),
        ("１．", "２．", "arabic-dot"),
        ("（1）", "（2）", "arabic-paren"),
        ("1）", "2）", "arabic-half-paren"),
        ("①", "②", "circled"),
        ("第一，", "第二，", "ordinal"),
        ("第一、", "第二、", "ordinal"),
        ("第一章　", "第二章　", "chapter"),
        ("第一节　", "第二节　", "section"),
        ("第一部分　", "第二部分　", "part"),
    ],
)
def test_each_numbering_style_gives_sibling_headings(first: str, second: str, style: str) -> None:
    text = BODY + (
        f"　　{first}加强组织领导\n　　各级党委要高度重视。\n\n　　{second}压实工作责任\n　　层层抓好落实。\n"
    )
    outline = parse_outline(text)
    assert [(n.kind, n.level, n.number, n.title, n.style) for n in outline.nodes] == [
        ("heading", 1, first.strip("　"), "加强组织领导", style),
        ("heading", 1, second.strip("　"), "压实工作责任", style),
    ]
    assert [n.value for n in outline.nodes] == [1, 2]


def test_articles_give_headings_titled_by_their_first_sentence() -> None:
    text = (
        "第一条　为了加强安全生产管理，制定本办法。本办法由市应急局负责解释。\n第二条　本办法适用于全市。\n"
    )
    assert headings(text) == [
        ("第一条", "为了加强安全生产管理，制定本办法", 1, "article"),
        ("第二条", "本办法适用于全市", 1, "article"),
    ]


def test_chapter_section_article_nest_in_order_of_appearance() -> None:
    text = (
        "第一章　总则\n"
        "第一节　一般规定\n"
        "第一条　为了加强管理，制定本办法。\n"
        "第二条　本办法适用于全市。\n"
        "第二章　附则\n"
        "第三条　本办法自发布之日起施行。\n"
    )
    assert tree(parse_outline(text).nodes) == [
        (
            "第一章",
            "总则",
            [
                (
                    "第一节",
                    "一般规定",
                    [
                        ("第一条", "为了加强管理，制定本办法", []),
                        ("第二条", "本办法适用于全市", []),
                    ],
                ),
            ],
        ),
        ("第二章", "附则", [("第三条", "本办法自发布之日起施行", [])]),
    ]


# --- heading titles -----------------------------------------------------------------------


def test_heading_title_is_its_line() -> None:
    text = BODY + "　　一、　指导思想　　\n　　坚持以人民为中心。\n"
    assert headings(text) == [("一、", "指导思想", 1, "cn-dun")]


def test_heading_title_is_first_sentence_when_body_follows_in_same_paragraph() -> None:
    text = BODY + (
        "　　（一）加强组织领导。各级党委要把安全生产摆上重要议事日程。\n　　（二）强化督导检查！定期通报。\n"
    )
    assert [(n, t) for n, t, _, _ in headings(text)] == [
        ("（一）", "加强组织领导"),
        ("（二）", "强化督导检查"),
    ]


def test_ordinal_heading_title_stops_at_first_sentence() -> None:
    text = BODY + "　　第一，提高政治站位。安全生产是底线。\n　　第二，压实主体责任。\n"
    assert [(n, t) for n, t, _, _ in headings(text)] == [
        ("第一，", "提高政治站位"),
        ("第二，", "压实主体责任"),
    ]


# --- traps --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "2.5亿元专项资金已全部下达。",
        "2022.10.23召开专题会议，研究部署有关工作。",
        "3、4月份开展安全生产大检查。",
        "一、二线城市房价总体平稳。",
        "2023年以来，全市安全生产形势持续稳定。",
        "10个方面的重点任务全部完成。",
        "第一时间报告险情，第一时间组织救援。",
        "全年共开展检查1.2万次，一、二季度整改隐患3000余处。",
    ],
)
def test_traps_are_not_headings(line: str) -> None:
    text = BODY + f"　　{line}\n　　各单位要认真落实。\n"
    outline = parse_outline(text)
    assert outline.nodes == []


def test_trap_lines_stay_in_the_section_they_sit_in() -> None:
    text = (
        "一、工作回顾\n"
        "　　2023年以来，全市安全形势稳定。\n"
        "　　2.5亿元资金已经下达。\n"
        "　　3、4月份开展大检查。\n"
        "二、下步打算\n"
        "　　10个方面的任务要抓紧推进。\n"
    )
    outline = parse_outline(text)
    assert tree(outline.nodes) == [("一、", "工作回顾", []), ("二、", "下步打算", [])]
    first, second = outline.nodes
    assert first.end == text.index("大检查。") + len("大检查。")
    assert second.end == len(text) - 1


def test_number_in_middle_of_sentence_is_not_a_heading() -> None:
    text = BODY + "　　会议指出，一、加强领导是关键；（二）完善制度是保障；1.强化督导是手段。\n"
    assert parse_outline(text).nodes == []


def test_arabic_paren_heading_titled_with_a_year() -> None:
    text = BODY + "　　（1）2023年工作回顾\n　　全年平稳。\n　　（2）2024年工作打算\n　　稳中求进。\n"
    assert [(n, t) for n, t, _, _ in headings(text)] == [
        ("（1）", "2023年工作回顾"),
        ("（2）", "2024年工作打算"),
    ]


def test_attachment_note_continuation_is_not_a_heading() -> None:
    text = "一、总体要求\n　　做好安全生产工作。\n\n附件：1.安全生产检查方案\n　　　2.隐患排查整改清单\n"
    assert tree(parse_outline(text).nodes) == [("一、", "总体要求", [])]


# --- title line ---------------------------------------------------------------------------


def test_short_unnumbered_first_paragraph_is_the_title() -> None:
    text = "　　　　关于做好2024年安全生产工作的通知\n\n各区县、各部门：\n　　一、总体要求\n　　做好工作。\n"
    outline = parse_outline(text)
    assert outline.title == "关于做好2024年安全生产工作的通知"
    assert outline.title_span == (4, 4 + len(outline.title))
    assert text[slice(*outline.title_span)] == outline.title
    assert [n.title for n in outline.walk()] == ["总体要求"]


def test_title_line_starting_with_a_year_is_still_a_title() -> None:
    outline = parse_outline("2023年安全生产工作总结\n　　一、主要成效\n　　成效明显。\n")
    assert outline.title == "2023年安全生产工作总结"
    assert [n.number for n in outline.nodes] == ["一、"]


@pytest.mark.parametrize(
    "first",
    [
        "按照会议安排，由我分享个人体会。",  # a sentence
        "各位领导、同志们：",  # a salutation
        "一、总体要求",  # numbered
        "（一）加强组织领导",
        "一是加强学习",
        "首先，要提高认识",
        "附件1",
        "附件：1.安全生产检查方案",
        "这是一个非常长的段落" * 7,  # longer than a title
    ],
)
def test_first_paragraph_that_is_not_a_title(first: str) -> None:
    outline = parse_outline(first + "\n　　二是加强实践。\n")
    assert outline.title is None
    assert outline.title_span is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("一要提高政治站位\n二要压实工作责任\n", ["一要", "二要"]),
        ("其一，讲政治\n其二，重实干\n", ["其一", "其二"]),
        ("一方面要抓发展，另一方面要保安全\n", ["一方面", "另一方面"]),
    ],
)
def test_first_paragraph_of_points_is_not_a_title(text: str, numbers: list[str]) -> None:
    outline = parse_outline(text)
    assert outline.title is None
    assert [n.number for n in outline.nodes] == numbers


def test_empty_and_blank_text() -> None:
    for text in ("", "\n\n", "　　\n"):
        outline = parse_outline(text)
        assert (outline.title, outline.title_span, outline.nodes) == (None, None, [])


# --- nesting ------------------------------------------------------------------------------


def test_continuing_numbers_are_siblings_and_lower_styles_nest() -> None:
    text = (
        "一、总体要求\n"
        "（一）指导思想\n"
        "1.坚持人民至上\n"
        "2.坚持安全发展\n"
        "（二）工作目标\n"
        "二、主要任务\n"
        "（一）加强组织领导\n"
    )
    assert tree(parse_outline(text).nodes) == [
        (
            "一、",
            "总体要求",
            [
                ("（一）", "指导思想", [("1.", "坚持人民至上", []), ("2.", "坚持安全发展", [])]),
                ("（二）", "工作目标", []),
            ],
        ),
        ("二、", "主要任务", [("（一）", "加强组织领导", [])]),
    ]
    levels = [(n.number, n.level) for n in parse_outline(text).walk()]
    assert levels == [
        ("一、", 1),
        ("（一）", 2),
        ("1.", 3),
        ("2.", 3),
        ("（二）", 2),
        ("二、", 1),
        ("（一）", 2),
    ]


def test_top_level_cn_paren_nests_a_later_cn_dun() -> None:
    text = (
        "（一）总体要求\n"
        "　　一、指导思想\n"
        "　　坚持人民至上。\n"
        "　　二、基本原则\n"
        "（二）主要任务\n"
        "　　一、加强领导\n"
    )
    assert tree(parse_outline(text).nodes) == [
        ("（一）", "总体要求", [("一、", "指导思想", []), ("二、", "基本原则", [])]),
        ("（二）", "主要任务", [("一、", "加强领导", [])]),
    ]


def test_top_level_arabic_dot_nests_circled() -> None:
    text = "1.安全检查\n①企业自查\n②部门抽查\n2.隐患整改\n①建立台账\n"
    assert tree(parse_outline(text).nodes) == [
        ("1.", "安全检查", [("①", "企业自查", []), ("②", "部门抽查", [])]),
        ("2.", "隐患整改", [("①", "建立台账", [])]),
    ]


def test_restart_at_one_inside_same_style_nests_under_it() -> None:
    text = (
        "按照会议安排，由我分享个人体会。\n"
        "一、主要内容\n"
        "　　要加快推进社会治理现代化。\n"
        "二、学习体会\n"
        "　　下面，我谈谈所学心得和体会。\n"
        "　　一、要坚持总体国家安全观。国家安全是基础。\n"
        "　　二、要坚持创新社会治理格局。共建共治共享。\n"
        "　　三、要坚持维护社会稳定。\n"
    )
    outline = parse_outline(text)
    assert tree(outline.nodes) == [
        ("一、", "主要内容", []),
        (
            "二、",
            "学习体会",
            [
                ("一、", "要坚持总体国家安全观", []),
                ("二、", "要坚持创新社会治理格局", []),
                ("三、", "要坚持维护社会稳定", []),
            ],
        ),
    ]
    assert [n.level for n in outline.nodes[1].children] == [2, 2, 2]


def test_restart_in_next_section_of_higher_style_is_not_nested_deeper() -> None:
    text = "一、总体要求\n（一）指导思想\n（二）工作目标\n二、主要任务\n（一）加强领导\n（二）强化督导\n"
    outline = parse_outline(text)
    second = outline.nodes[1]
    assert [(c.number, c.level) for c in second.children] == [("（一）", 2), ("（二）", 2)]


# --- annexes ------------------------------------------------------------------------------


def test_annex_holds_what_follows_and_numbering_restarts_inside_it() -> None:
    text = (
        "关于开展安全生产大检查的通知\n"
        "\n"
        "　　一、检查范围\n"
        "　　全市各类生产经营单位。\n"
        "　　二、工作要求\n"
        "　　各单位要认真组织。\n"
        "\n"
        "附件1\n"
        "\n"
        "安全生产检查方案\n"
        "\n"
        "　　一、检查内容\n"
        "　　（一）制度落实情况\n"
        "　　二、检查方式\n"
        "\n"
        "附件2：隐患排查整改清单\n"
        "　　（一）重大隐患\n"
        "　　（二）一般隐患\n"
    )
    outline = parse_outline(text)
    assert outline.title == "关于开展安全生产大检查的通知"
    assert tree(outline.nodes) == [
        ("一、", "检查范围", []),
        ("二、", "工作要求", []),
        (
            "附件1",
            "安全生产检查方案",
            [
                ("一、", "检查内容", [("（一）", "制度落实情况", [])]),
                ("二、", "检查方式", []),
            ],
        ),
        ("附件2", "隐患排查整改清单", [("（一）", "重大隐患", []), ("（二）", "一般隐患", [])]),
    ]
    kinds = [(n.kind, n.level, n.value) for n in outline.nodes]
    assert kinds == [("heading", 1, 1), ("heading", 1, 2), ("annex", 1, 1), ("annex", 1, 2)]
    annex1, annex2 = outline.nodes[2:]
    assert annex1.start == text.index("附件1")
    assert annex1.end == text.index("检查方式") + len("检查方式")
    assert (annex2.start, annex2.end) == (text.index("附件2"), len(text) - 1)
    # The body's last section stops before the annex.
    assert outline.nodes[1].end == text.index("认真组织。") + len("认真组织。")
    # 附件1's title line is not a node of its own.
    assert all(n.title != "安全生产检查方案" or n.kind == "annex" for n in outline.walk())


def test_plain_annex_line_without_number() -> None:
    text = "一、总体要求\n　　做好工作。\n附件\n一、检查内容\n二、检查方式\n"
    outline = parse_outline(text)
    assert tree(outline.nodes) == [
        ("一、", "总体要求", []),
        ("附件", "", [("一、", "检查内容", []), ("二、", "检查方式", [])]),
    ]
    assert outline.nodes[1].kind == "annex"
    assert outline.nodes[1].value is None


def test_annex_restarting_numbering_is_not_a_continuation() -> None:
    # 二、 in the annex would continue the body's 一、 if the annex did not start afresh.
    text = "一、总体要求\n　　做好工作。\n附件1\n二、检查方式\n"
    outline = parse_outline(text)
    assert tree(outline.nodes) == [("一、", "总体要求", []), ("附件1", "", [("二、", "检查方式", [])])]


def test_annex_ranks_styles_afresh() -> None:
    # In the body 一、 is above （一）; the annex starts with （一）, so there （一） is its top level.
    text = "一、总体要求\n（一）指导思想\n附件\n（一）检查内容\n一、企业自查\n（二）检查方式\n"
    outline = parse_outline(text)
    annex = outline.nodes[1]
    assert tree([annex]) == [
        ("附件", "", [("（一）", "检查内容", [("一、", "企业自查", [])]), ("（二）", "检查方式", [])]),
    ]


def test_attachment_note_is_not_an_annex() -> None:
    text = "一、总体要求\n　　做好安全生产工作。\n\n附件：1.安全生产检查方案\n"
    outline = parse_outline(text)
    assert [n.kind for n in outline.walk()] == ["heading"]
    assert outline.nodes[0].end == len(text) - 1


# --- offsets ------------------------------------------------------------------------------


def test_heading_range_covers_its_section_without_trailing_whitespace() -> None:
    text = "　　一、总体要求\n　　做好工作。　　\n\n\n　　二、主要任务\n　　（一）抓落实。\n\n"
    outline = parse_outline(text)
    first, second = outline.nodes
    assert (first.start, first.end) == (2, text.index("工作。") + 3)
    assert text[first.start : first.end] == "一、总体要求\n　　做好工作。"
    assert text[second.start : second.end] == "二、主要任务\n　　（一）抓落实。"
    (child,) = second.children
    assert text[child.start : child.end] == "（一）抓落实。"


def test_path_at_finds_the_innermost_section() -> None:
    text = "一、总体要求\n（一）指导思想\n　　坚持人民至上。\n二、主要任务\n"
    outline = parse_outline(text)
    offset = text.index("人民")
    assert [n.number for n in outline.path_at(offset)] == ["一、", "（一）"]
    assert [n.number for n in outline.path_at(text.index("主要"))] == ["二、"]
    assert outline.path_at(len(text)) == []
    assert outline.path_at(-1) == []


def test_annex_number_followed_by_a_dot_and_title() -> None:
    outline = parse_outline("正文。\n附件1.安全生产检查方案\n一、检查范围\n")
    annex = outline.nodes[0]
    assert (annex.kind, annex.number, annex.title) == ("annex", "附件1", "安全生产检查方案")
    assert [c.number for c in annex.children] == ["一、"]


def test_paragraph_starting_with_circled_series_is_points_not_a_heading() -> None:
    outline = parse_outline("一、检查内容\n①安全检查；②隐患整改。\n")
    (heading,) = outline.nodes
    assert [(c.kind, c.number, c.title) for c in heading.children] == [
        ("point", "①", "安全检查"),
        ("point", "②", "隐患整改"),
    ]


def test_paragraph_starting_with_a_lone_circled_number_is_a_heading() -> None:
    outline = parse_outline("一、检查内容\n①安全检查\n具体要求。\n②隐患整改\n")
    (heading,) = outline.nodes
    assert [(c.kind, c.number, c.title) for c in heading.children] == [
        ("heading", "①", "安全检查"),
        ("heading", "②", "隐患整改"),
    ]
