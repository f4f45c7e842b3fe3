"""Word's automatic list numbering in .docx sources: labels computed from numbering.xml are read
as part of the paragraph text, so the outline matches the same document typed as plain text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from pingan_writer.sources import read_source
from pingan_writer.sources.numbering import Numbering, format_number
from pingan_writer.sources.word import read_docx

from ..test_sample_outlines import shape
from .docx_numbering_builder import (
    W_NS,
    AbstractNum,
    Lvl,
    Num,
    add_numbered,
    install_numbering,
    official_levels,
    set_num,
    set_style_num,
)

OUTLINE_DATA = Path(__file__).resolve().parents[1] / "data" / "outline"


def lines_of(document, tmp_path: Path, name: str = "numbered.docx") -> list[str]:
    path = tmp_path / name
    document.save(path)
    return read_docx(path.read_bytes(), str(path)).text.split("\n")


# -- number formats -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "values", "expected"),
    [
        ("chineseCounting", (1, 9, 10, 11, 19, 20, 21, 99), "一 九 十 十一 十九 二十 二十一 九十九"),
        ("chineseCounting", (100, 101, 110), "一〇〇 一〇一 一一〇"),
        (
            "chineseCountingThousand",
            (10, 12, 100, 101, 110, 1000, 1001, 1010, 1234),
            "十 十二 一百 一百〇一 一百一十 一千 一千〇一 一千〇一十 一千二百三十四",
        ),
        ("chineseLegalSimplified", (1, 10, 11, 20, 105, 1234), "壹 壹拾 壹拾壹 贰拾 壹佰零伍 壹仟贰佰叁拾肆"),
        ("ideographTraditional", (1, 2, 10, 11), "甲 乙 癸 11"),
        ("ideographZodiac", (1, 12, 13), "子 亥 13"),
        ("ideographDigital", (3, 10, 105), "三 一〇 一〇五"),
        ("decimal", (1, 12), "1 12"),
        ("decimalHalfWidth", (7,), "7"),
        ("decimalZero", (1, 9, 10, 100), "01 09 10 100"),
        ("decimalFullWidth", (1, 12), "１ １２"),
        ("decimalEnclosedCircle", (1, 10, 20, 21), "① ⑩ ⑳ 21"),
        ("decimalEnclosedCircleChinese", (3,), "③"),
        ("decimalEnclosedParen", (1, 20, 21), "⑴ ⒇ 21"),
        ("decimalEnclosedFullstop", (1, 20), "⒈ ⒛"),
        ("upperLetter", (1, 26, 27, 53), "A Z AA AAA"),
        ("lowerLetter", (2, 28), "b bb"),
        ("upperRoman", (4, 9, 14, 1994), "IV IX XIV MCMXCIV"),
        ("lowerRoman", (3, 40), "iii xl"),
        ("bullet", (1,), ""),
        ("none", (5,), ""),
        ("someFutureFormat", (5,), "5"),
    ],
)
def test_format_number(fmt, values, expected):
    assert " ".join(format_number(v, fmt) for v in values) == expected


def test_huge_values_fall_back_to_decimal_instead_of_exploding():
    assert format_number(10**9, "upperLetter") == str(10**9)
    assert format_number(10**6, "upperRoman") == str(10**6)


# -- the four official levels -------------------------------------------------------------


def test_four_levels_restart_when_a_higher_level_advances(tmp_path):
    d = docx.Document()
    install_numbering(d, [official_levels()], [Num(1, 1)])
    for text, ilvl in [
        ("总体要求", 0),
        ("指导思想", 1),
        ("坚持党的领导", 2),
        ("加强组织领导", 3),
        ("完善工作机制", 3),
        ("坚持人民至上", 2),
        ("基本原则", 1),
        ("依法治理", 2),  # restarts at 1 under the new （二）
        ("主要任务", 0),
        ("健全体制", 1),  # restarts at （一） under 二、
    ]:
        add_numbered(d, text, 1, ilvl)
    d.add_paragraph("不编号的正文。")
    add_numbered(d, "组织保障", 1, 0)
    assert lines_of(d, tmp_path) == [
        "一、总体要求",
        "（一）指导思想",
        "1.坚持党的领导",
        "（1）加强组织领导",
        "（2）完善工作机制",
        "2.坚持人民至上",
        "（二）基本原则",
        "1.依法治理",
        "二、主要任务",
        "（一）健全体制",
        "不编号的正文。",
        "三、组织保障",
    ]


def test_start_values_and_lvl_restart(tmp_path):
    d = docx.Document()
    chapters = AbstractNum(
        1,
        [
            Lvl(0, "chineseCounting", "第%1章"),  # suff tab: an ideographic space, as typed
            Lvl(1, "chineseCounting", "第%2条", restart=0),  # articles run on across chapters
            Lvl(2, "decimal", "%3.", start=3, suff="nothing"),
        ],
    )
    install_numbering(d, [chapters], [Num(1, 1)])
    for text, ilvl in [("总则", 0), ("目的", 1), ("范围", 1), ("甲", 2), ("乙", 2), ("附则", 0), ("施行", 1)]:
        add_numbered(d, text, 1, ilvl)
    assert lines_of(d, tmp_path) == [
        "第一章\u3000总则",
        "第一条\u3000目的",
        "第二条\u3000范围",
        "3.甲",
        "4.乙",
        "第二章\u3000附则",
        "第三条\u3000施行",
    ]


def test_start_override_restarts_a_second_instance_and_plain_instances_continue(tmp_path):
    d = docx.Document()
    install_numbering(d, [official_levels()], [Num(1, 1), Num(2, 1, {0: 1}), Num(3, 1), Num(4, 1, {1: 5})])
    add_numbered(d, "第一份清单", 1, 0)
    add_numbered(d, "第一份清单第二项", 1, 0)
    add_numbered(d, "重新编号", 2, 0)  # "restart numbering": the override applies once
    add_numbered(d, "接着重新编号", 2, 0)
    add_numbered(d, "同一列表的另一个实例", 3, 0)  # no override: the abstract list continues
    add_numbered(d, "从五开始", 4, 1)
    add_numbered(d, "接着五", 4, 1)
    assert lines_of(d, tmp_path) == [
        "一、第一份清单",
        "二、第一份清单第二项",
        "一、重新编号",
        "二、接着重新编号",
        "三、同一列表的另一个实例",
        "（五）从五开始",
        "（六）接着五",
    ]


def test_level_override_replaces_the_level_for_that_instance(tmp_path):
    d = docx.Document()
    install_numbering(
        d,
        [official_levels()],
        [Num(1, 1), Num(2, 1, level_overrides=[Lvl(0, "decimalEnclosedCircle", "%1")])],
    )
    add_numbered(d, "原定义", 1, 0)
    add_numbered(d, "覆盖的定义", 2, 0)
    assert lines_of(d, tmp_path) == ["一、原定义", "②覆盖的定义"]


def test_placeholders_use_each_levels_own_format_unless_is_lgl(tmp_path):
    d = docx.Document()
    levels = AbstractNum(
        1,
        [
            Lvl(0, "chineseCounting", "%1、", suff="nothing"),
            Lvl(1, "decimal", "%1.%2", suff="space"),
            Lvl(2, "decimal", "%1.%2.%3", is_lgl=True, suff="space"),
        ],
    )
    install_numbering(d, [levels], [Num(1, 1)])
    for text, ilvl in [("甲", 0), ("乙", 0), ("丙", 1), ("丁", 2)]:
        add_numbered(d, text, 1, ilvl)
    # "二.1" is what Word draws for %1.%2 under a chineseCounting level 0; isLgl makes it 2.1.1.
    assert lines_of(d, tmp_path) == ["一、甲", "二、乙", "二.1\u3000丙", "2.1.1 丁"]


# -- where the numbering comes from -------------------------------------------------------


def test_numbering_from_heading_styles_and_num_id_zero(tmp_path):
    d = docx.Document()
    install_numbering(d, [official_levels()], [Num(1, 1)])
    set_style_num(d.styles["Heading 1"], 1)  # level 0: Word writes no w:ilvl for it
    set_style_num(d.styles["Heading 2"], 1, 1)
    d.add_heading("总体要求", 1)
    d.add_paragraph("正文。")
    d.add_heading("指导思想", 2)
    d.add_heading("基本原则", 2)
    set_num(d.add_heading("不编号的标题", 1), 0)  # numId 0 switches the style's numbering off
    d.add_heading("主要任务", 1)
    set_num(d.add_heading("改为第三级", 2), None, 2)  # own ilvl, the style's numId
    d.add_heading("健全体制", 2)
    assert lines_of(d, tmp_path) == [
        "一、总体要求",
        "正文。",
        "（一）指导思想",
        "（二）基本原则",
        "不编号的标题",
        "二、主要任务",
        "1.改为第三级",
        "（二）健全体制",  # the skipped （一） counted as used, as in Word and LibreOffice
    ]


def test_style_numbering_follows_based_on(tmp_path):
    d = docx.Document()
    install_numbering(d, [official_levels()], [Num(1, 1)])
    from docx.enum.style import WD_STYLE_TYPE

    parent = d.styles.add_style("一级标题", WD_STYLE_TYPE.PARAGRAPH)
    set_style_num(parent, 1, 0)
    child = d.styles.add_style("一级标题加粗", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = parent
    d.add_paragraph("总体要求", style=parent)
    d.add_paragraph("主要任务", style=child)
    assert lines_of(d, tmp_path) == ["一、总体要求", "二、主要任务"]


def test_num_style_link_reads_the_list_the_numbering_style_defines(tmp_path):
    from docx.oxml import parse_xml

    d = docx.Document()
    defined = AbstractNum(1, official_levels().levels, style_link="GongWen")
    linked = AbstractNum(2, [], num_style_link="GongWen")
    install_numbering(d, [defined, linked], [Num(1, 1), Num(2, 2)])
    d.styles.element.append(
        parse_xml(
            f'<w:style xmlns:w="{W_NS}" w:type="numbering" w:styleId="GongWen"><w:name w:val="公文"/>'
            '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        )
    )
    add_numbered(d, "总体要求", 2, 0)
    add_numbered(d, "指导思想", 2, 1)
    assert lines_of(d, tmp_path) == ["一、总体要求", "（一）指导思想"]


def test_bullets_and_single_level_lists(tmp_path):
    d = docx.Document()
    bullets = AbstractNum(1, [Lvl(0, "bullet", "\uf0b7"), Lvl(1, "bullet", "◆")])
    single = AbstractNum(2, [Lvl(0, "decimalEnclosedCircle", "%1")], multi_level_type="singleLevel")
    install_numbering(d, [bullets, single], [Num(1, 1), Num(2, 2)])
    add_numbered(d, "第一条要点", 1, 0)  # a Symbol-font bullet, stored as U+F0B7
    add_numbered(d, "下一级要点", 1, 1)
    add_numbered(d, "单级列表", 2, 0)
    add_numbered(d, "单级列表里写了第三级", 2, 2)  # a single-level list has only level 0
    assert lines_of(d, tmp_path) == ["•第一条要点", "◆下一级要点", "①单级列表", "②单级列表里写了第三级"]


def test_numbered_paragraphs_in_tables_count_in_document_order(tmp_path):
    d = docx.Document()
    install_numbering(d, [official_levels()], [Num(1, 1)])
    add_numbered(d, "表格之前", 1, 0)
    table = d.add_table(rows=1, cols=2)
    set_num(table.cell(0, 0).paragraphs[0], 1, 0)
    table.cell(0, 0).paragraphs[0].add_run("表格里")
    table.cell(0, 1).text = "不编号"
    add_numbered(d, "表格之后", 1, 0)
    assert lines_of(d, tmp_path) == ["一、表格之前", "二、表格里", "不编号", "三、表格之后"]


def test_python_docx_list_number_style_is_numbered(tmp_path):
    # python-docx's own template links "List Number" to a decimal list through the style.
    d = docx.Document()
    d.add_paragraph("第一项", style="List Number")
    d.add_paragraph("第二项", style="List Number")
    assert lines_of(d, tmp_path) == ["1.第一项", "2.第二项"]


# -- broken numbering ---------------------------------------------------------------------


def test_broken_references_give_no_label_and_never_raise(tmp_path):
    d = docx.Document()
    install_numbering(
        d,
        [official_levels(), AbstractNum(2, [], num_style_link="Nowhere")],
        [Num(1, 1), Num(2, 9), Num(3, 2)],
    )
    add_numbered(d, "未定义的实例", 42, 0)
    add_numbered(d, "未定义的抽象列表", 2, 0)
    add_numbered(d, "链接到不存在的样式", 3, 0)
    add_numbered(d, "未定义的级别", 1, 7)
    add_numbered(d, "正常", 1, 0)
    p = d.add_paragraph("坏的数字")
    p._p.get_or_add_pPr().append(
        docx.oxml.parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr>')
    )
    assert lines_of(d, tmp_path) == [
        "未定义的实例",
        "未定义的抽象列表",
        "链接到不存在的样式",
        "未定义的级别",
        "一、正常",
        "二、坏的数字",  # an unreadable ilvl is no ilvl: level 0
    ]


def test_document_without_numbering_part_has_no_numbering():
    d = docx.Document()
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rel = next(r for r in d.part.rels.values() if r.reltype == RT.NUMBERING)
    d.part.drop_rel(rel.rId)
    assert Numbering.from_document(d) is None


def test_circular_style_links_end(tmp_path):
    from docx.oxml import parse_xml

    d = docx.Document()
    install_numbering(d, [AbstractNum(1, [], num_style_link="Loop")], [Num(1, 1)])
    d.styles.element.append(
        parse_xml(
            f'<w:style xmlns:w="{W_NS}" w:type="numbering" w:styleId="Loop"><w:name w:val="Loop"/>'
            '<w:basedOn w:val="Loop"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        )
    )
    add_numbered(d, "环", 1, 0)
    assert lines_of(d, tmp_path) == ["环"]


# -- whole documents: .docx numbered by Word reads like the typed .txt --------------------

_TYPED = [
    (re.compile(r"^[一二三四五六七八九十]+、"), 0),
    (re.compile(r"^（[一二三四五六七八九十]+）"), 1),
    (re.compile(r"^\d+\."), 2),
    (re.compile(r"^（\d+）"), 3),
]
_REGULATION = [
    (re.compile(r"^第[一二三四五六七八九十]+章\u3000"), 0),
    (re.compile(r"^第[一二三四五六七八九十]+条\u3000"), 1),
]


def regulation_levels() -> AbstractNum:
    return AbstractNum(
        1,
        [
            Lvl(0, "chineseCounting", "第%1章"),
            Lvl(1, "chineseCounting", "第%2条", restart=0),
            Lvl(2, "chineseCounting", "（%3）", suff="nothing"),
        ],
    )


def as_word_numbering(text: str, markers, abstract: AbstractNum, extra=()) -> docx.Document:
    """The typed document re-made in Word: each typed label becomes list numbering."""
    d = docx.Document()
    install_numbering(d, [abstract], [Num(1, 1)])
    for line in text.split("\n"):
        content = line.lstrip("\u3000 ")
        for pattern, ilvl in [*markers, *extra]:
            m = pattern.match(content)
            if m:
                add_numbered(d, content[m.end() :], 1, ilvl)
                break
        else:
            d.add_paragraph(content)
    return d


@pytest.mark.parametrize(
    ("name", "markers", "abstract"),
    [
        ("speech.txt", _TYPED, official_levels()),
        ("report_top_paren.txt", _TYPED, official_levels()),
        ("regulation.txt", _REGULATION, regulation_levels()),
    ],
)
def test_word_numbered_document_has_the_typed_documents_outline(tmp_path, name, markers, abstract):
    typed = (OUTLINE_DATA / name).read_text(encoding="utf-8").rstrip("\n")
    extra = [(re.compile(r"^（[一二三四五六七八九十]+）"), 2)] if name == "regulation.txt" else []
    unindented = "\n".join(line.lstrip("\u3000 ") for line in typed.split("\n"))
    txt = tmp_path / "typed.txt"
    txt.write_text(unindented, encoding="utf-8")
    path = tmp_path / "numbered.docx"
    made = as_word_numbering(typed, markers, abstract, extra)
    made.save(path)
    stripped = [p.text for p in docx.Document(path).paragraphs]
    assert not any(p.startswith(("一、", "（一）", "第一章")) for p in stripped)  # no typed labels left

    from_docx, from_txt = read_source(path), read_source(txt)
    assert from_docx.text == from_txt.text
    assert shape(from_docx.outline.nodes) == shape(from_txt.outline.nodes)
    assert len(list(from_docx.outline.walk())) >= 5


# -- LibreOffice draws the same labels ----------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_labels_agree_with_libreoffice(tmp_path):
    d = docx.Document()
    install_numbering(
        d,
        [
            official_levels(),
            AbstractNum(2, [Lvl(0, "decimalEnclosedCircle", "%1"), Lvl(1, "upperLetter", "%2)")]),
        ],
        [Num(1, 1), Num(2, 1), Num(3, 1, {0: 5}), Num(4, 2)],
    )
    set_style_num(d.styles["Heading 1"], 1)
    items = [
        (1, 0),
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 3),
        (1, 2),
        (1, 1),
        (1, 2),
        (2, 0),
        (2, 1),
        (3, 0),
        (1, 0),
        (3, 0),
        (4, 0),
        (4, 1),
        (4, 1),
        (4, 0),
        (4, 1),
    ]
    for i, (num_id, ilvl) in enumerate(items):
        add_numbered(d, f"段落{i}", num_id, ilvl)
    d.add_heading("样式编号", 1)
    set_num(d.add_heading("关闭编号", 1), 0)
    path = tmp_path / "labels.docx"
    d.save(path)
    ours = read_docx(path.read_bytes(), str(path)).text.split("\n")

    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    theirs = (tmp_path / "labels.txt").read_text(encoding="utf-8-sig").split("\n")
    # LibreOffice indents list items and puts a space after the label; labels must agree.
    assert [re.sub(r"\s", "", t) for t in theirs if t.strip()] == [re.sub(r"\s", "", t) for t in ours]
    assert ours[:4] == ["一、段落0", "（一）段落1", "1.段落2", "（1）段落3"]
    assert ours[-2:] == ["八、样式编号", "关闭编号"]
