"""Word and Markdown sources: order, tables, heading hints and titles."""

from __future__ import annotations

import docx
import pytest

from pingan_writer.sources import read_source

from ..test_sample_outlines import shape


@pytest.fixture
def report_docx(tmp_path):
    d = docx.Document()
    d.core_properties.title = "属性里的标题"
    d.add_paragraph("关于加强基层治理的意见", style="Title")
    d.add_paragraph("为深入贯彻落实有关部署，现提出如下意见。")
    d.add_heading("总体要求", level=1)
    d.add_paragraph("坚持党的领导。一是强化组织保障；二是强化制度保障。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "任务"
    table.cell(0, 1).text = "责任单位"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "各级党委政法委"
    d.add_heading("主要任务", level=1)
    d.add_paragraph("（一）健全体制。落实领导责任。")
    path = tmp_path / "意见.docx"
    d.save(path)
    return path


def test_docx_paragraphs_and_tables_in_document_order(report_docx):
    source = read_source(report_docx)
    assert source.text.split("\n") == [
        "关于加强基层治理的意见",
        "为深入贯彻落实有关部署，现提出如下意见。",
        "总体要求",
        "坚持党的领导。一是强化组织保障；二是强化制度保障。",
        "任务",
        "责任单位",
        "各级党委政法委",  # a merged cell once, not once per grid column
        "主要任务",
        "（一）健全体制。落实领导责任。",
    ]
    assert source.format == "docx"


def test_docx_heading_styles_are_outline_hints_and_title_style_is_the_title(report_docx):
    source = read_source(report_docx)
    assert (source.title, source.title_origin) == ("关于加强基层治理的意见", "style")
    assert shape(source.outline.nodes) == [
        (
            "heading",
            1,
            "",
            "总体要求",
            [
                ("point", 2, "一是", "强化组织保障", []),
                ("point", 2, "二是", "强化制度保障", []),
            ],
        ),
        ("heading", 1, "", "主要任务", [("heading", 2, "（一）", "健全体制", [])]),
    ]


def test_docx_outline_level_in_paragraph_properties_is_a_hint(tmp_path):
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    d = docx.Document()
    d.add_paragraph("开头一段正文。")
    p = d.add_paragraph("工作回顾")
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(lvl)
    d.add_paragraph("成绩显著。")
    path = tmp_path / "回顾.docx"
    d.save(path)
    assert shape(read_source(path).outline.nodes) == [("heading", 1, "", "工作回顾", [])]


def test_docx_title_falls_back_to_the_core_property_then_the_file_name(tmp_path):
    d = docx.Document()
    d.core_properties.title = "属性里的标题"
    d.add_paragraph("按照会议安排，由我发言。")
    path = tmp_path / "文件名.docx"
    d.save(path)
    assert (read_source(path).title, read_source(path).title_origin) == ("属性里的标题", "property")
    d.core_properties.title = ""
    d.save(path)
    assert (read_source(path).title, read_source(path).title_origin) == ("文件名", "filename")


def test_markdown_headings_are_hints_and_markup_is_stripped(tmp_path):
    path = tmp_path / "讲稿.md"
    path.write_text(
        "# 学习心得\n\n导语**重点**，[链接文字](http://example.invalid)结束\n续行。\n\n"
        "## 总体要求\n\n- 要点甲\n- 要点乙\n\n## 二、具体措施\n\n正文。\n",
        encoding="utf-8",
    )
    source = read_source(path)
    assert source.title == "学习心得"
    assert source.text.split("\n") == [
        "学习心得",
        "导语重点，链接文字结束续行。",
        "总体要求",
        "要点甲",
        "要点乙",
        "二、具体措施",
        "正文。",
    ]
    assert shape(source.outline.nodes) == [
        ("heading", 1, "", "总体要求", []),
        ("heading", 1, "二、", "具体措施", []),
    ]


def test_markdown_front_matter_title_is_used_when_the_text_has_none(tmp_path):
    path = tmp_path / "x.md"
    path.write_text(
        "---\ntitle: 前置标题\n---\n按照会议安排，我谈几点体会。\n\n## 一、体会\n", encoding="utf-8"
    )
    source = read_source(path)
    assert (source.title, source.title_origin) == ("前置标题", "property")
    assert not source.text.startswith("---")
