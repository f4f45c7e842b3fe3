"""The GB/T 9704-2012 layout as numbers and as WordprocessingML: page, fonts, styles, footers.

python-docx sets only w:ascii/w:hAnsi for font names and has no API for character-unit
indents, the document grid or fields, so those are written with its XML helpers here."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

# Page (twips): A4, margins 37 / 35 / 28 / 26 mm.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
FOOTER_DISTANCE = 1247  # 22 mm: puts the top of "— 1 —" about 7 mm below the text block

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号
CHAR_TWIPS = BODY_PT * 20  # one character of body text: 320 twips
# A speech's subtitle under the title, "——在…上的发言": 楷体 三号, centred.
SUBTITLE_LEAD = "——在"
SUBTITLE_FONT = KAITI
SUBTITLE_PT = BODY_PT

# Heading level → (East Asian font, bold)
HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """All four font slots named explicitly, theme fonts removed (they would win otherwise)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), east_asia)


def strip_theme_fonts(root) -> None:
    """Remove theme font attributes everywhere under `root` (styles.xml, docDefaults)."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)


def set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def set_size(rpr, points: float) -> None:
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(int(points * 2)))


def set_bold(rpr, bold: bool) -> None:
    for tag in ("w:b", "w:bCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), "1" if bold else "0")


def set_color_black(rpr) -> None:
    color = rpr.find(qn("w:color"))
    if color is None:
        color = OxmlElement("w:color")
        rpr.append(color)
    for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
        color.attrib.pop(qn(attr), None)
    color.set(qn("w:val"), "000000")


def set_spacing_exact(ppr, line_twips: int, after: int = 0) -> None:
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        ppr.append(spacing)
    spacing.attrib.clear()
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), str(after))
    spacing.set(qn("w:line"), str(line_twips))
    spacing.set(qn("w:lineRule"), "exact")


def set_indent(ppr, first_line_chars: int = 2, left_chars: int = 0, right_chars: int = 0) -> None:
    """Indents in character units (w:firstLineChars = 100 × chars) with the twips fallback."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.attrib.clear()
    ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
    ind.set(qn("w:firstLine"), str(first_line_chars * CHAR_TWIPS))
    if left_chars:
        ind.set(qn("w:leftChars"), str(left_chars * 100))
        ind.set(qn("w:left"), str(left_chars * CHAR_TWIPS))
    if right_chars:
        ind.set(qn("w:rightChars"), str(right_chars * 100))
        ind.set(qn("w:right"), str(right_chars * CHAR_TWIPS))


def set_outline_level(ppr, level: int) -> None:
    """w:outlineLvl (0-based) so Word's navigation pane lists the heading."""
    el = ppr.find(qn("w:outlineLvl"))
    if el is None:
        el = OxmlElement("w:outlineLvl")
        ppr.append(el)
    el.set(qn("w:val"), str(level - 1))


def set_page(section, line_twips: int) -> None:
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.header_distance = Twips(851)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_twips))


def add_page_number(paragraph, odd: bool) -> None:
    """ "— N —" with a PAGE field, 宋体 四号; odd pages right, even pages left, one character in."""
    ppr = paragraph._p.get_or_add_pPr()
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "right" if odd else "left")
    ppr.append(jc)
    ind = OxmlElement("w:ind")
    side = "right" if odd else "left"
    ind.set(qn(f"w:{side}Chars"), "100")
    ind.set(qn(f"w:{side}"), str(PAGE_NUMBER_PT * 20))
    ind.set(qn("w:firstLine"), "0")
    ppr.append(ind)
    for kind, text in (
        ("text", "— "),
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
        ("text", " —"),
    ):
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        set_fonts(rpr, SONGTI, SONGTI)
        set_size(rpr, PAGE_NUMBER_PT)
        if kind == "text":
            run._r.append(_text(text))
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)


def _text(value: str):
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = value
    return t


__all__ = ["Pt"]
