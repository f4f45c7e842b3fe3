"""Round trip through the formats sources arrive in (issue 10, item 7): one official report with
four heading levels and restarts, built as a .docx numbered by Word's list numbering, a PDF printed
by LibreOffice from its GB/T 9704 layout, a .doc converted by LibreOffice and a news page in UTF-8
and in GBK, reads back with the outline of its .txt, every sentence verbatim and its length.

The set is built once for the module (LibreOffice conversions take seconds); the formats that
need LibreOffice are skipped when it is not installed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document

from benchmarks.formats import make
from benchmarks.formats_bench import (
    body_sentences,
    missing_sentences,
    outline_shape,
    visible_length,
)
from pingan_writer.sources import Source, read_source

REPORT = """\
关于2024年度平安建设工作情况的报告

市委：
　　2024年，全市各级各部门深入学习贯彻党的二十大精神，坚持以人民为中心的发展思想，统筹发展和安全，扎实推进更高水平的平安建设，全市社会大局保持和谐稳定，人民群众安全感达到98.6%。现将有关情况报告如下。
　　一、主要工作和成效
　　（一）健全平安建设工作体系
　　1.压实领导责任。市委常委会专题研究平安建设工作4次，市政府常务会议研究重大风险防范化解工作6次，层层签订平安建设责任书，形成了党委统一领导、政府组织实施、部门各负其责、社会广泛参与的工作格局。
　　2.完善工作机制。坚持问题导向和目标导向相结合，建立健全以下制度：
　　（1）风险隐患定期排查制度。各区县每月开展一次拉网式排查，对排查出的风险隐患逐一建立台账、明确责任、限期整改。
　　（2）重大事项会商研判制度。对涉及群众切身利益的重大决策，事前开展社会稳定风险评估，做到应评尽评。
　　（3）工作情况督查通报制度。市委政法委每季度对各地平安建设工作进行督查，督查结果在全市通报。
　　（二）深化矛盾纠纷多元化解
　　1.坚持和发展新时代“枫桥经验”。全市建成县乡村三级综治中心1260个，全年受理矛盾纠纷12.5万件，化解率达到98.6%，做到了小事不出村、大事不出镇、矛盾不上交。
　　2.加强人民调解工作。
　　（1）建强调解组织。全市共有人民调解委员会2316个、专兼职人民调解员1.2万名，实现了行业性专业性调解组织重点领域全覆盖。
　　（2）规范调解程序。制定《人民调解工作规范》，统一文书格式和卷宗标准，调解协议履行率达到96%以上。
　　（三）加强社会治安防控
　　全面推进立体化信息化社会治安防控体系建设，新建改造公共视频监控点位3.8万个，全市刑事案件立案数同比下降11.3%，八类严重暴力犯罪案件现案全部破获。
　　二、存在的主要问题
　　（一）基层基础还不够牢固。部分乡镇（街道）综治中心实体化运行水平不高，网格员队伍不够稳定，发现问题、解决问题的能力还有差距。
　　（二）风险防控还有薄弱环节。新型网络犯罪、电信网络诈骗等问题仍然多发，防范宣传的针对性和实效性有待增强。
　　三、下一步工作打算
　　（一）持续夯实基层基础
　　1.推进综治中心规范化建设。按照有机构、有场所、有人员、有制度的要求，推动县乡村三级综治中心实体化运行。
　　2.加强网格化服务管理。
　　（1）优化网格设置。按照每个网格300户左右的标准，科学合理划分网格。
　　（2）配强网格力量。推行专职网格员制度，落实待遇保障，稳定网格员队伍。
　　（二）着力提升防控能力
　　1.深化打击整治。保持对各类违法犯罪的高压态势，依法严厉打击电信网络诈骗等突出违法犯罪。
　　2.强化科技支撑。推进“雪亮工程”和智慧安防小区建设，提升社会治安防控的智能化水平。
　　特此报告。

　　　　　　　　　　　　　　　　中共某市委政法委员会
　　　　　　　　　　　　　　　　　　2024年12月20日
"""
FORMATS = (make.NUMBERED_DOCX, make.PDF, make.DOC, make.HTML, make.GBK_HTML)
NEEDS_SOFFICE = {make.PDF, make.DOC}


@dataclass
class Built:
    reference: Source
    files: make.FormatSet
    rendered: str | None  # the numbered .docx as LibreOffice renders it to text


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("formats")
    txt = folder / "report.txt"
    txt.write_text(REPORT, encoding="utf-8")
    with make.Soffice.session() as soffice:
        files = make.build_set(txt, folder / "set", soffice, FORMATS)
        rendered = make.rendered_text(soffice, files.files[make.NUMBERED_DOCX]) if soffice else None
    return Built(read_source(txt), files, rendered)


def _path(built: Built, fmt: str) -> Path:
    if fmt not in built.files.files:
        if fmt in NEEDS_SOFFICE and make.find_soffice() is None:
            pytest.skip(built.files.skipped[fmt])
        pytest.fail(f"{fmt} was not built: {built.files.skipped.get(fmt)}")
    return built.files.files[fmt]


def _read(built: Built, fmt: str) -> Source:
    return read_source(_path(built, fmt))


def test_reference_has_four_levels_and_restarts(built: Built) -> None:
    numbers = [(n.level, n.number) for n in built.reference.outline.walk()]
    assert {level for level, _ in numbers} == {1, 2, 3, 4}
    assert numbers.count((2, "（一）")) == 3  # （一） restarts under 二、 and 三、
    assert numbers.count((4, "（1）")) == 3


def test_numbered_docx_has_no_typed_labels(built: Built) -> None:
    """The labels are Word's numbering, not text: python-docx's plain read has none of them."""
    paragraphs = Document(str(_path(built, make.NUMBERED_DOCX))).paragraphs
    texts = [p.text for p in paragraphs]
    assert "主要工作和成效" in texts
    assert not any(t.startswith(("一、", "（一）", "1.", "（1）")) for t in texts)
    numbered = [p for p in paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) == sum(1 for _ in built.reference.outline.walk())


def test_libreoffice_renders_the_numbering_as_typed(built: Built) -> None:
    if built.rendered is None:
        pytest.skip(make.NO_SOFFICE)
    assert make.label_mismatches(built.reference, built.rendered) == []


def test_pdf_has_official_page_numbers(built: Built) -> None:
    pages = make.pdf_page_numbers(_path(built, make.PDF))
    assert len(pages) >= 2
    assert pages == list(range(1, len(pages) + 1))


@pytest.mark.parametrize("fmt", FORMATS)
def test_outline_equals_the_txt(built: Built, fmt: str) -> None:
    got = _read(built, fmt)
    assert outline_shape(got.outline.nodes) == outline_shape(built.reference.outline.nodes)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_sentence_is_read_verbatim(built: Built, fmt: str) -> None:
    got = _read(built, fmt)
    assert missing_sentences(body_sentences(built.reference.text), got.text) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_length_within_two_percent(built: Built, fmt: str) -> None:
    """No page furniture and no clutter. A news page is measured against its article (title,
    date and source line, body), which is what its reader is asked to keep."""
    got = _read(built, fmt)
    if fmt in (make.HTML, make.GBK_HTML):
        expected = visible_length(make.news_article_text(built.reference))
    else:
        expected = visible_length(built.reference.text)
    assert abs(visible_length(got.text) / expected - 1) <= 0.02, (visible_length(got.text), expected)
