"""Every GB/T 9704 layout item, asserted in the exported .docx's XML."""

from __future__ import annotations

import pytest

from .conftest import NS, Docx, W

CHINESE_FONTS = {"仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"}


def attr(el, name: str) -> str | None:
    return el.get(f"{W}{name}")


def one(el, path: str):
    found = el.xpath(path, namespaces=NS)
    assert len(found) == 1, f"{path}: {len(found)} found"
    return found[0]


def test_page_is_a4_with_the_standard_margins_and_the_22_line_grid(exported):
    doc = exported()
    sect = one(doc.document, "//w:body/w:sectPr")
    size = one(sect, "w:pgSz")
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    margins = one(sect, "w:pgMar")
    assert {k: attr(margins, k) for k in ("top", "left", "bottom", "right")} == {
        "top": "2098",
        "left": "1587",
        "bottom": "1984",
        "right": "1474",
    }
    grid = one(sect, "w:docGrid")
    # 28 characters a line: the character grid's pitch is 16 pt − 842/4096 pt (see test_grid_and_fonts)
    assert (attr(grid, "type"), attr(grid, "linePitch"), attr(grid, "charSpace")) == (
        "linesAndChars",
        "579",
        "-842",
    )
    assert 22 * 579 <= 16838 - 2098 - 1984


def test_line_pitch_28(exported):
    doc = exported(line_pitch=28)
    assert attr(one(doc.document, "//w:body/w:sectPr/w:docGrid"), "linePitch") == "560"
    spacing = one(doc.style("Normal"), "w:pPr/w:spacing")
    assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("560", "exact")


def test_east_asian_fonts_are_set_through_doc_defaults_and_no_theme_fonts_remain(exported):
    doc = exported()
    rpr = one(doc.styles, "w:docDefaults/w:rPrDefault/w:rPr")
    fonts = one(rpr, "w:rFonts")
    assert attr(fonts, "eastAsia") == "仿宋_GB2312" and attr(fonts, "ascii") == "Times New Roman"
    assert attr(one(rpr, "w:lang"), "eastAsia") == "zh-CN"
    for part in (doc.styles, doc.document):
        for f in part.iter(f"{W}rFonts"):
            assert not any(a.endswith("Theme") or a.endswith("theme") for a in f.attrib), f.attrib


def test_body_style(exported):
    normal = exported().style("Normal")
    fonts = one(normal, "w:rPr/w:rFonts")
    assert attr(fonts, "eastAsia") == "仿宋_GB2312"
    assert attr(one(normal, "w:rPr/w:sz"), "val") == "32"  # 16 pt, 三号
    spacing = one(normal, "w:pPr/w:spacing")
    assert (
        attr(spacing, "line"),
        attr(spacing, "lineRule"),
        attr(spacing, "before"),
        attr(spacing, "after"),
    ) == (
        "579",
        "exact",
        "0",
        "0",
    )
    ind = one(normal, "w:pPr/w:ind")
    assert (attr(ind, "firstLineChars"), attr(ind, "firstLine")) == ("200", "630")  # two grid cells


def test_title_style_and_paragraph(exported):
    doc = exported()
    title = doc.style("Title")
    assert attr(one(title, "w:rPr/w:rFonts"), "eastAsia") == "方正小标宋简体"
    assert attr(one(title, "w:rPr/w:sz"), "val") == "44"  # 22 pt, 二号
    assert attr(one(title, "w:pPr/w:jc"), "val") == "center"
    assert not title.xpath("w:pPr/w:pBdr", namespaces=NS)
    first = doc.paragraphs()[0]
    assert attr(one(first, "w:pPr/w:pStyle"), "val") == "Title"
    assert Docx.text(first) == "学习《建设更高水平的平安中国》体会"


@pytest.mark.parametrize(
    "level,font,bold",
    [(1, "黑体", "0"), (2, "楷体_GB2312", "0"), (3, "仿宋_GB2312", "1"), (4, "仿宋_GB2312", "0")],
)
def test_heading_styles(exported, level, font, bold):
    style = exported().style(f"Heading{level}")
    assert attr(one(style, "w:rPr/w:rFonts"), "eastAsia") == font
    assert attr(one(style, "w:rPr/w:b"), "val") == bold
    assert attr(one(style, "w:rPr/w:sz"), "val") == "32"
    assert attr(one(style, "w:rPr/w:color"), "val") == "000000"
    assert attr(one(style, "w:pPr/w:outlineLvl"), "val") == str(level - 1)
    assert attr(one(style, "w:pPr/w:ind"), "firstLineChars") == "200"
    assert not style.xpath("w:pPr/w:keepLines", namespaces=NS)


def test_headings_use_heading_styles_by_level(exported):
    doc = exported()
    styled = {  # no pStyle means Normal
        Docx.text(p)[:6]: p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) or ["Normal"]
        for p in doc.paragraphs()
    }
    assert styled["一、主要内容"] == ["Heading1"]
    assert styled["二、学习体会"] == ["Heading1"]
    assert styled["一、建设更高"] == ["Heading2"]  # the talk's inner 一、 sits one level down
    assert styled["按照会议安排"] == ["Normal"]


def test_heading_sentence_then_body_keeps_each_part_in_its_font(exported):
    doc = exported()
    p = next(p for p in doc.paragraphs() if Docx.text(p).startswith("一、建设更高水平的平安中国"))
    runs = p.xpath("w:r", namespaces=NS)
    texts = ["".join(r.xpath("w:t/text()", namespaces=NS)) for r in runs]
    assert texts[0] == "一、建设更高水平的平安中国，要坚持总体国家安全观。"
    # Styled Heading 2 by depth, but written 一、: the run carries 黑体, the marker's font.
    assert attr(one(runs[0], "w:rPr/w:rFonts"), "eastAsia") == "黑体"
    rest = runs[1]
    assert attr(one(rest, "w:rPr/w:rFonts"), "eastAsia") == "仿宋_GB2312"
    assert attr(one(rest, "w:rPr/w:b"), "val") == "0"


def test_odd_and_even_page_numbers(exported):
    doc = exported()
    assert doc.settings.xpath("w:evenAndOddHeaders", namespaces=NS)
    refs = {
        attr(r, "type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for r in doc.document.xpath("//w:body/w:sectPr/w:footerReference", namespaces=NS)
    }
    assert set(refs) == {"default", "even"}
    rels = doc.part("word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for kind, side in (("default", "right"), ("even", "left")):
        footer = doc.part("word/" + targets[refs[kind]])
        p = one(footer, "w:p")
        assert attr(one(p, "w:pPr/w:jc"), "val") == side
        assert attr(one(p, "w:pPr/w:ind"), f"{side}Chars") == "100"
        assert "".join(p.xpath(".//w:instrText/text()", namespaces=NS)).strip() == "PAGE"
        texts = p.xpath(".//w:t/text()", namespaces=NS)
        assert texts[0] == "— " and texts[-1] == " —"  # U+2014 each side
        fonts = p.xpath(".//w:rFonts/@w:eastAsia", namespaces=NS)
        assert set(fonts) == {"宋体"}
        assert set(p.xpath(".//w:sz/@w:val", namespaces=NS)) == {"28"}  # 14 pt, 四号


def test_no_page_numbers(exported):
    doc = exported(page_numbers=False)
    for name in doc.zip.namelist():
        if name.startswith("word/footer"):
            assert not doc.part(name).xpath(".//w:instrText", namespaces=NS)


def test_quotes_in_kai_and_source_notes(exported):
    plain = exported()
    kai = exported(quote_style="kai", source_notes=True)
    quote = "维护国家安全是全社会的责任。"

    def quote_run(doc):
        return next(
            r for r in doc.document.iter(f"{W}r") if "".join(r.xpath("w:t/text()", namespaces=NS)) == quote
        )

    # Plain: the quote has the font of the text around it (here the body part of a heading paragraph).
    assert quote_run(plain).xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) in ([], ["仿宋_GB2312"])
    assert quote_run(kai).xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) == ["楷体_GB2312"]
    body = "".join(Docx.text(p) for p in kai.paragraphs())
    assert quote + "（引自《建设更高水平的平安中国》）" in body
    assert "（引自" not in "".join(Docx.text(p) for p in plain.paragraphs())


def test_signature_right_aligned_four_characters_in(exported):
    doc = exported()
    last = doc.paragraphs()[-2:]
    assert [Docx.text(p) for p in last] == ["张三", "2026年11月22日"]
    for p in last:
        assert attr(one(p, "w:pPr/w:jc"), "val") == "right"
        assert attr(one(p, "w:pPr/w:ind"), "rightChars") == "400"
    assert "张三" not in [Docx.text(p) for p in exported(signature=False).paragraphs()]


def test_document_properties(exported):
    core = exported().part("docProps/core.xml")
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
    assert core.xpath("dc:title/text()", namespaces=ns) == ["学习《建设更高水平的平安中国》体会"]
    assert core.xpath("dc:creator/text()", namespaces=ns) == ["张三"]
    assert core.xpath("dcterms:created/text()", namespaces=ns)


def test_every_run_of_chinese_text_resolves_to_a_chinese_font(exported):
    """Through the run, its paragraph's style (and that style's basedOn chain), docDefaults."""
    doc = exported(quote_style="kai", source_notes=True)
    styles = {s.get(f"{W}styleId"): s for s in doc.styles.xpath("w:style", namespaces=NS)}
    default = one(doc.styles, "w:docDefaults/w:rPrDefault/w:rPr/w:rFonts").get(f"{W}eastAsia")

    def style_font(style_id):
        while style_id:
            s = styles[style_id]
            f = s.xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS)
            if f:
                return f[0]
            based = s.xpath("w:basedOn/@w:val", namespaces=NS)
            style_id = based[0] if based else None
        return default

    checked = 0
    for p in doc.paragraphs():
        pstyle = (p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) or ["Normal"])[0]
        for r in p.xpath("w:r", namespaces=NS):
            if not "".join(r.xpath("w:t/text()", namespaces=NS)).strip():
                continue
            font = (r.xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) or [style_font(pstyle)])[0]
            assert font in CHINESE_FONTS, (pstyle, font)
            checked += 1
    assert checked > 20


def test_widow_control_is_off_so_full_pages_keep_22_lines(exported):
    normal = exported().style("Normal")
    assert attr(one(normal, "w:pPr/w:widowControl"), "val") == "0"


def _with_meeting(talk_draft, meeting: str):
    from dataclasses import replace

    talk_draft.meta = replace(talk_draft.meta, meeting=meeting)
    return talk_draft


def test_meeting_becomes_a_kai_subtitle_under_the_title(talk_draft):
    from pingan_writer.export.docx_writer import build_docx

    doc = Docx(build_docx(_with_meeting(talk_draft, "市委理论学习中心组集体学习会")))
    title, subtitle, body = doc.paragraphs()[:3]
    assert Docx.text(title) == "学习《建设更高水平的平安中国》体会"
    assert Docx.text(subtitle) == "——在市委理论学习中心组集体学习会上的发言"
    assert attr(one(subtitle, "w:pPr/w:jc"), "val") == "center"
    ind = one(subtitle, "w:pPr/w:ind")
    assert (attr(ind, "firstLineChars"), attr(ind, "firstLine")) == ("0", "0")
    (run,) = subtitle.xpath("w:r", namespaces=NS)
    assert attr(one(run, "w:rPr/w:rFonts"), "eastAsia") == "楷体_GB2312"
    assert attr(one(run, "w:rPr/w:sz"), "val") == "32"  # 16 pt, 三号
    assert Docx.text(body).startswith("按照会议安排")
    core = doc.part("docProps/core.xml")
    ns = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert core.xpath("dc:subject/text()", namespaces=ns) == ["市委理论学习中心组集体学习会"]


def test_no_subtitle_without_a_meeting(exported):
    doc = exported()
    assert not any(Docx.text(p).startswith("——在") for p in doc.paragraphs())
    assert Docx.text(doc.paragraphs()[1]).startswith("按照会议安排")


def test_no_second_subtitle_when_the_text_has_one(talk_draft):
    from pingan_writer.export.docx_writer import build_docx

    draft = _with_meeting(talk_draft, "专题研讨会")
    line = "——在专题研讨会上的研讨发言\n"
    draft.text = line + draft.text
    for q in draft.quotes:  # the quote moves with its text
        q.start += len(line)
        q.end += len(line)
    texts = [Docx.text(p) for p in Docx(build_docx(draft)).paragraphs()]
    assert [t for t in texts if t.startswith("——在")] == ["——在专题研讨会上的研讨发言"]
