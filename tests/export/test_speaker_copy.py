"""The speaker's copy (讲稿): large type, wide lines, each section's minutes after its heading,
no heading left at the foot of a page; checked in the XML and, with LibreOffice, in the PDF."""

from __future__ import annotations

import io
import shutil
from collections import Counter

import pytest
from lxml import etree

from pingan_writer.cli import main
from pingan_writer.draft.fileformat import load_draft
from pingan_writer.draft.model import Draft, DraftMeta
from pingan_writer.draft.timing import draft_timing
from pingan_writer.export.api import export_draft
from pingan_writer.export.options import ExportOptions
from pingan_writer.export.speaker_copy import build_speaker_copy

from ..conftest import TALK_SAMPLE
from .conftest import NS, Docx

HEADING_STYLES = {"Heading1", "Heading2", "Heading3", "Heading4"}


def speaker_docx(draft: Draft, **options) -> Docx:
    return Docx(build_speaker_copy(draft, ExportOptions(speaker_copy=True, **options)))


def style_of(p) -> str:
    return (p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) or ["Normal"])[0]


def headings(doc: Docx) -> list:
    return [p for p in doc.paragraphs() if style_of(p) in HEADING_STYLES]


def expected_label(minutes: float) -> str:
    # As the copy prints it: one decimal, non-breaking spaces so the label never wraps inside.
    return f"〔约\u00a0{minutes:.1f}\u00a0分钟〕"


@pytest.mark.parametrize("size", [16, 18, 22])
def test_body_and_headings_are_set_at_the_chosen_size(talk_draft, size):
    doc = speaker_docx(talk_draft, speaker_size=size)
    for style_id in ("Normal", *sorted(HEADING_STYLES)):
        (sz,) = doc.style(style_id).xpath("w:rPr/w:sz/@w:val", namespaces=NS)
        assert int(sz) == 2 * size, style_id
    # No run in the body overrides the size except the smaller minutes after each heading.
    for p in doc.paragraphs():
        sizes = p.xpath("w:r/w:rPr/w:sz/@w:val", namespaces=NS)
        if style_of(p) in HEADING_STYLES:
            assert sizes == [str(2 * (size - 4))]
        elif style_of(p) == "Normal":
            assert sizes == []


@pytest.mark.parametrize("size", [16, 22])
def test_lines_are_spaced_exactly_twice_the_type_size_without_a_grid(talk_draft, size):
    doc = speaker_docx(talk_draft, speaker_size=size)
    for style_id in ("Normal", "Heading1", "Heading2"):
        (spacing,) = doc.style(style_id).xpath("w:pPr/w:spacing", namespaces=NS)
        assert spacing.get(f"{{{NS['w']}}}line") == str(2 * size * 20)
        assert spacing.get(f"{{{NS['w']}}}lineRule") == "exact"
    assert doc.document.xpath("//w:sectPr/w:docGrid", namespaces=NS) == []


def test_headings_keep_with_their_first_line_and_widow_control_is_on(talk_draft):
    doc = speaker_docx(talk_draft)
    for style_id in HEADING_STYLES:
        ppr = doc.style(style_id).find("w:pPr", NS)
        for tag in ("keepNext", "keepLines"):
            el = ppr.find(f"w:{tag}", NS)
            assert el is not None and el.get(f"{{{NS['w']}}}val") in (None, "1", "true"), (style_id, tag)
    widow = doc.style("Normal").find("w:pPr/w:widowControl", NS)
    assert widow is not None and widow.get(f"{{{NS['w']}}}val") in (None, "1", "true")
    # No heading paragraph switches keepNext off directly.
    for p in headings(doc):
        assert not p.xpath("w:pPr/w:keepNext[@w:val='0' or @w:val='false']", namespaces=NS)


def test_short_paragraphs_are_kept_on_one_page_and_long_ones_may_break(talk_draft):
    doc = speaker_docx(talk_draft)
    kept = {Docx.text(p): bool(p.xpath("w:pPr/w:keepLines", namespaces=NS)) for p in doc.paragraphs()}
    assert kept["发言完毕，谢谢大家！"]
    longest = max((t for t in kept if t), key=len)
    assert len(longest) > 200 and not kept[longest]


@pytest.mark.parametrize("rate", [180, 150])
def test_the_minutes_after_each_heading_are_draft_timings(talk_draft, rate):
    doc = speaker_docx(talk_draft, speaker_rate=rate)
    timed = [s for s in draft_timing(talk_draft.text, rate).sections if s.title != "开头"]
    found = headings(doc)
    assert len(found) == len(timed) == 5
    for p, section in zip(found, timed, strict=True):
        text = Docx.text(p)
        assert text.startswith(section.number + section.title)
        assert text.endswith(expected_label(section.minutes))
        # The label is its own grey run, so the heading's font is not stretched over it.
        last = p.xpath("w:r", namespaces=NS)[-1]
        assert last.xpath("w:rPr/w:color/@w:val", namespaces=NS) == ["808080"]
        assert "".join(last.xpath("w:t/text()", namespaces=NS)).strip("\u3000") == expected_label(
            section.minutes
        )


def test_a_heading_carrying_its_first_sentence_is_split_from_the_body(talk_draft):
    doc = speaker_docx(talk_draft)
    texts = [Docx.text(p) for p in doc.paragraphs()]
    at = next(
        i for i, t in enumerate(texts) if t.startswith("一、建设更高水平的平安中国，要坚持总体国家安全观。")
    )
    minutes = draft_timing(talk_draft.text).sections[3].minutes
    assert texts[at] == "一、建设更高水平的平安中国，要坚持总体国家安全观。" + expected_label(minutes)
    assert texts[at + 1].startswith("国家安全是建设更高水平的平安中国的基础")
    # Every word of the draft is in the copy, in order (only the minutes are added).
    body = "".join(t for t in texts[1:])
    for section in draft_timing(talk_draft.text).sections:
        body = body.replace(expected_label(section.minutes), "")
    assert body.replace("\u3000", "") == "".join(talk_draft.text.split("\n")).replace("\u3000", "")


def test_the_title_is_at_the_top_and_pages_are_numbered_of_the_total(talk_draft):
    doc = speaker_docx(talk_draft)
    first = doc.paragraphs()[0]
    assert style_of(first) == "Title" and Docx.text(first) == talk_draft.meta.title
    footer = etree.fromstring(doc.zip.read("word/footer1.xml"))
    instr = [t.strip() for t in footer.xpath("//w:instrText/text()", namespaces=NS)]
    assert instr == ["PAGE", "NUMPAGES"]
    text = "".join(footer.xpath("//w:t/text()", namespaces=NS))
    assert text == "第 1 页 / 共 1 页"


def test_unfilled_prompts_are_kept():
    draft = Draft(text="一、主要内容\n【在此概述原文的主要内容】\n", meta=DraftMeta(title="讲稿"))
    texts = [Docx.text(p) for p in speaker_docx(draft).paragraphs()]
    assert "【在此概述原文的主要内容】" in texts


@pytest.mark.parametrize("bad", [{"speaker_size": 14}, {"speaker_size": 20}, {"speaker_rate": 0}])
def test_options_refuse_other_sizes_and_rates(bad):
    with pytest.raises(ValueError):
        ExportOptions(**bad)


def test_export_draft_builds_the_speaker_copy_only_when_asked(talk_draft, tmp_path):
    copy = Docx(export_draft(talk_draft, tmp_path / "a.docx", ExportOptions(speaker_copy=True)).read_bytes())
    standard = Docx(export_draft(talk_draft, tmp_path / "b.docx").read_bytes())
    assert len(headings(copy)) == 5 and all("分钟〕" in Docx.text(p) for p in headings(copy))
    assert not any("分钟〕" in Docx.text(p) for p in standard.paragraphs())
    txt = export_draft(talk_draft, tmp_path / "a.txt", ExportOptions(speaker_copy=True))
    assert txt.read_text(encoding="utf-8") == talk_draft.text.rstrip("\n") + "\n"


def test_cli_speaker_copy_flags(tmp_path, capsys):
    out = tmp_path / "讲稿.docx"
    flags = ["--speaker-copy", "--speaker-size", "22", "--rate", "150"]
    code = main(["export", str(TALK_SAMPLE), "-o", str(out), *flags])
    assert code == 0
    doc = Docx(out.read_bytes())
    (sz,) = doc.style("Normal").xpath("w:rPr/w:sz/@w:val", namespaces=NS)
    assert sz == "44"
    timed = [s for s in draft_timing(load_draft(TALK_SAMPLE).text, 150).sections if s.title != "开头"]
    found = headings(doc)
    assert len(found) == len(timed)
    for p, s in zip(found, timed, strict=True):
        assert Docx.text(p).endswith(expected_label(s.minutes))


@pytest.mark.parametrize("args", [["--speaker-size", "20"], ["--rate", "0"], ["--rate", "快"]])
def test_cli_refuses_bad_speaker_flags(tmp_path, capsys, args):
    with pytest.raises(SystemExit) as exc:
        main(["export", str(TALK_SAMPLE), "-o", str(tmp_path / "x.docx"), "--speaker-copy", *args])
    assert exc.value.code == 2
    assert not (tmp_path / "x.docx").exists()


# --- Rendered by LibreOffice ---------------------------------------------------------------

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def render(draft: Draft, tmp_path, size: int) -> list[tuple[str, Counter]]:
    """Per page of the exported PDF: its text without the page number line, and how many
    characters are drawn at each font size (PDFium's FPDFText_GetFontSize)."""
    pdfium = pytest.importorskip("pypdfium2")
    import pypdfium2.raw as raw

    out = export_draft(draft, tmp_path / "讲稿.pdf", ExportOptions(speaker_copy=True, speaker_size=size))
    doc = pdfium.PdfDocument(io.BytesIO(out.read_bytes()))
    pages = []
    try:
        for page in doc:
            textpage = page.get_textpage()
            sizes: Counter = Counter()
            for i in range(textpage.count_chars()):
                if not chr(raw.FPDFText_GetUnicode(textpage, i)).isspace():
                    sizes[round(raw.FPDFText_GetFontSize(textpage, i), 1)] += 1
            lines = [x for x in textpage.get_text_range().splitlines() if x.strip()]
            assert lines[-1].startswith("第 ") and lines[-1].endswith(f"共 {len(doc)} 页")
            pages.append(("\n".join(lines[:-1]), sizes))
    finally:
        doc.close()
    return pages


def ends_with_heading(page_text: str) -> bool:
    # A heading paragraph ends with its minutes; a page whose text ends there ends on a heading.
    return page_text.rstrip().endswith("分钟〕")


@needs_soffice
@pytest.mark.parametrize("size", [16, 22])
def test_sample_talk_renders_at_the_chosen_size_without_a_heading_at_a_page_foot(tmp_path, size):
    draft = load_draft(TALK_SAMPLE)
    draft.meta = DraftMeta(title="学习《建设更高水平的平安中国》体会")
    pages = render(draft, tmp_path, size)
    assert len(pages) > 1
    drawn = sum((sizes for _, sizes in pages), Counter())
    body = drawn[float(size)]
    # Body and headings at the chosen size; only the title, the minutes and page numbers differ.
    assert body / sum(drawn.values()) > 0.9, drawn
    assert drawn.most_common(1)[0][0] == float(size)
    assert "按照会议安排" in pages[0][0]
    for text, _ in pages[:-1]:
        assert not ends_with_heading(text), text[-60:]
    # The minutes are never broken over two lines (a CJK line may break between any characters).
    labels = [line for text, _ in pages for line in text.splitlines() if "〔" in line]
    assert len(labels) == 5 and all(line.rstrip().endswith("分钟〕") for line in labels), labels


@needs_soffice
def test_headings_never_end_a_page_where_they_would_fall_at_its_foot(tmp_path):
    """Headings after bodies of 1 to 6 lines fall at every line of the page in turn; without
    keep-with-next several would be the last line of a page."""
    parts = []
    for n in range(1, 25):
        parts.append(f"{n}. 第{n}部分")
        parts.append("这是一段正文，用来把下一个标题推到页面的不同位置。" * (1 + n % 6))
    draft = Draft(text="\n".join(parts) + "\n", meta=DraftMeta(title="分页测试"))
    pages = render(draft, tmp_path, 16)
    assert len(pages) >= 3
    for text, _ in pages[:-1]:
        assert not ends_with_heading(text), text[-60:]
