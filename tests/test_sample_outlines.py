"""The exact outlines of the two bundled samples."""

from __future__ import annotations

from itertools import pairwise

from pingan_writer.sources import read_source
from pingan_writer.text.outline import OutlineNode

from .conftest import SOURCE_SAMPLE, TALK_SAMPLE


def shape(nodes: list[OutlineNode]) -> list:
    """(kind, level, number, title, [children]) for a whole tree."""
    return [(n.kind, n.level, n.number, n.title, shape(n.children)) for n in nodes]


def points(*titles: str, level: int) -> list:
    numbers = ["一是", "二是", "三是", "四是", "五是"]
    return [("point", level, numbers[i], t, []) for i, t in enumerate(titles)]


TALK = [
    ("heading", 1, "一、", "主要内容", []),
    (
        "heading",
        1,
        "二、",
        "学习体会",
        [
            (
                "heading",
                2,
                "一、",
                "建设更高水平的平安中国，要坚持总体国家安全观",
                points("坚定维护国家政治安全", "健全国家安全制度体系", "巩固国家安全人民防线", level=3),
            ),
            (
                "heading",
                2,
                "二、",
                "建设更高水平的平安中国，要坚持创新社会治理格局",
                points("突出基层党组织的作用", "推动公民参与基层社会治理", "加快社会治理的制度保障", level=3),
            ),
            (
                "heading",
                2,
                "三、",
                "建设更高水平的平安中国，要坚持深入推进维护社会稳定",
                points(
                    "正确处理新形势下人民内部矛盾",
                    "健全社会心理服务体系和危机干预机制",
                    "加强社会治安防控体系建设",
                    level=3,
                ),
            ),
        ],
    ),
]

SOURCE = [
    (
        "heading",
        1,
        "一、",
        "深刻理解建设更高水平的平安中国的时代背景和战略意义",
        [
            ("heading", 2, "（一）", "建设更高水平的平安中国，是开创“中国之治”新境界的战略之举", []),
            ("heading", 2, "（二）", "建设更高水平的平安中国，是顺应我国社会主要矛盾新变化的长远之策", []),
            ("heading", 2, "（三）", "建设更高水平的平安中国，是防范应对各类风险新挑战的制胜之道", []),
            (
                "heading",
                2,
                "（四）",
                "建设更高水平的平安中国，是实现全面建设社会主义现代化国家新目标的强国之基",
                [],
            ),
        ],
    ),
    (
        "heading",
        1,
        "二、",
        "准确把握建设更高水平的平安中国的基本要求",
        [
            *points("更高起点", "更广领域", "更富实效", "更可持续", "更加满意", level=2),
            (
                "heading",
                2,
                "（一）",
                "树立科学理念，增强平安中国建设引领性",
                points(
                    "坚持党的领导", "坚持人民至上", "坚持安全发展", "坚持主动塑造", "坚持科学治理", level=3
                ),
            ),
            (
                "heading",
                2,
                "（二）",
                "完善工作格局，增强平安中国建设协同性",
                points("发挥党委领导作用", "发挥政府职能作用", "发挥社会协同作用", level=3),
            ),
            (
                "heading",
                2,
                "（三）",
                "健全群防机制，增强平安中国建设共享性",
                points(
                    "拓展人民群众参与新渠道",
                    "拓展人民群众协商新载体",
                    "拓展人民群众共享新机制",
                    "拓展人民群众评价新体系",
                    level=3,
                ),
            ),
            (
                "heading",
                2,
                "（四）",
                "创新方法路径，增强平安中国建设实效性",
                points(
                    "以推进市域社会治理现代化试点为抓手",
                    "以自治、法治、德治和科技运用为方式",
                    "以基层平安创建活动为载体",
                    level=3,
                ),
            ),
        ],
    ),
    (
        "heading",
        1,
        "三、",
        "认真落实“十四五”时期建设更高水平的平安中国的重点工作任务和措施",
        [
            (
                "heading",
                2,
                "（一）",
                "加强国家安全体系和能力建设",
                points("健全国家安全制度体系", "坚定维护政治安全", "巩固国家安全人民防线", level=3),
            ),
            (
                "heading",
                2,
                "（二）",
                "确保国家经济安全",
                points(
                    "维护产业链供应链安全",
                    "确保重要行业和关键领域安全",
                    "构建海外利益保护和风险预警防范体系",
                    level=3,
                ),
            ),
            (
                "heading",
                2,
                "（三）",
                "保障人民生命安全",
                points("完善和落实安全生产责任制", "强化卫生健康保障", "提高灾害防范应对能力", level=3),
            ),
            (
                "heading",
                2,
                "（四）",
                "维护社会稳定和安全",
                points(
                    "正确处理新形势下人民内部矛盾",
                    "健全社会心理服务体系和危机干预机制",
                    "加强社会治安防控体系建设",
                    level=3,
                ),
            ),
        ],
    ),
]


def test_talk_outline_is_exact():
    source = read_source(TALK_SAMPLE)
    assert shape(source.outline.nodes) == TALK
    # No title line (the first line is a sentence), so the file name is the title.
    assert source.outline.title is None
    assert source.title == "学习体会发言-建设更高水平的平安中国"
    assert source.title_origin == "filename"


def test_source_outline_is_exact():
    source = read_source(SOURCE_SAMPLE)
    assert shape(source.outline.nodes) == SOURCE
    assert source.title == "建设更高水平的平安中国"


def test_talk_ranges_cover_whole_sections(talk_text):
    nodes = read_source(TALK_SAMPLE).outline.nodes
    main, study = nodes
    assert talk_text[main.start :].startswith("一、主要内容")
    assert main.end == talk_text.index("二、学习体会") - 1  # up to the end of the line before
    assert talk_text[study.start :].startswith("二、学习体会")
    assert study.end == len(talk_text.rstrip())  # the closing paragraph is inside the last section
    first_point = study.children[0]
    assert talk_text[first_point.start : first_point.end].endswith("夯实国家安全的群众基础。")
    one, two, three = first_point.children
    assert talk_text[one.start : one.end].startswith("一是坚定维护国家政治安全，")
    assert talk_text[one.start : one.end].endswith("构筑维护国家政治安全的铜墙铁壁；")
    assert one.end == two.start and two.end == three.start
    assert three.end == first_point.end


def test_source_heading_sections_end_before_the_next_heading(source_text):
    top = read_source(SOURCE_SAMPLE).outline.nodes
    for a, b in pairwise(top):
        assert source_text[a.end : b.start].strip() == ""
    assert top[-1].end == len(source_text.rstrip())
    assert top[0].start == source_text.index("一、深刻理解")
