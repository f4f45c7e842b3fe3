"""The GB/T 9704-2012 layout as numbers and as WordprocessingML: page, fonts, styles, footers.

python-docx sets only w:ascii/w:hAnsi for font names and has no API for character-unit
indents, the document grid or fields, so those are written with its XML helpers here."""

from __future__ import annotations

import math

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from pingan_writer.export.options import ExportOptions
from pingan_writer.text.markers import ARABIC_DOT, ARABIC_PAREN, CN_DUN, CN_PAREN

# Page (twips): A4, margins 37 / 35 / 28 / 26 mm.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
FOOTER_DISTANCE = 1247  # 22 mm: puts the top of "— 1 —" about 7 mm below the text block

LATIN = "Times New Roman"
# The default 仿宋 and 楷体 names; the export names the ones ExportOptions.fangsong/.kaiti choose.
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
SUBTITLE_PT = BODY_PT

# The character grid: 28 characters a line in the 156 mm text block. A 三号 character (320
# twips) is wider than 156 mm / 28, so Word's 文档网格 "指定行和字符网格" narrows the pitch:
# w:charSpace is the pitch's difference from the docDefaults font size in 1/4096 pt. Rounded
# down, since -841 makes 28 pitches 0.001 pt wider than the line and only 27 would fit.
CHARS_PER_LINE = 28
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips
CHAR_SPACE = math.floor((TEXT_WIDTH / CHARS_PER_LINE - CHAR_TWIPS) / 20 * 4096)  # -842
# LibreOffice (7.4) does not narrow characters to the grid pitch as Word does: it gives each
# character as many whole grid cells as its advance needs, so a 16 pt character in a 15.79 pt
# cell takes two and a line holds 14. Glyphs scaled to 98 % (15.68 pt) take one cell there; in
# Word the grid sets the pitch either way and the 2 % is not visible.
CHAR_SCALE_PERCENT = 98
# One grid cell (315.9 twips), rounded down: the twips fallback of character-unit indents, so
# that LibreOffice, which snaps an indent to whole cells, indents two cells and not three.
GRID_CHAR_TWIPS = math.floor(CHAR_TWIPS + CHAR_SPACE * 20 / 4096)  # 315

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def heading_fonts(options: ExportOptions) -> dict[int, tuple[str, bool]]:
    """Heading level → (East Asian font, bold) for the Word heading styles, by depth."""
    return {
        1: (HEITI, False),
        2: (options.kaiti, False),
        3: (options.fangsong, True),
        4: (options.fangsong, False),
    }


def marker_font(style: str, options: ExportOptions) -> tuple[str, bool] | None:
    """(East Asian font, bold) the standard gives a heading written with this marker style
    (一、 黑体, （一） 楷体, 1. 仿宋 bold, （1） 仿宋); None for markers it does not name.

    The marker decides, not the depth: a 一、 nested under another 一、 is still 黑体."""
    fonts = {
        CN_DUN: (HEITI, False),
        CN_PAREN: (options.kaiti, False),
        ARABIC_DOT: (options.fangsong, True),
        ARABIC_PAREN: (options.fangsong, False),
    }
    return fonts.get(style)


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


def set_char_scale(rpr, percent: int) -> None:
    """w:w, the horizontal glyph scale (Word's 字符缩放)."""
    el = rpr.find(qn("w:w"))
    if el is None:
        el = OxmlElement("w:w")
        rpr.append(el)
    el.set(qn("w:val"), str(percent))


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
    """Indents in character units (w:firstLineChars = 100 × chars) with the twips fallback
    (grid cells, since the character grid sets a character's width)."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.attrib.clear()
    ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
    ind.set(qn("w:firstLine"), str(first_line_chars * GRID_CHAR_TWIPS))
    if left_chars:
        ind.set(qn("w:leftChars"), str(left_chars * 100))
        ind.set(qn("w:left"), str(left_chars * GRID_CHAR_TWIPS))
    if right_chars:
        ind.set(qn("w:rightChars"), str(right_chars * 100))
        ind.set(qn("w:right"), str(right_chars * GRID_CHAR_TWIPS))


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
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(line_twips))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


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


# What may follow w:snapToGrid in a w:pPr (CT_PPrBase's order): it goes before the first of these.
_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc")


def set_snap_to_grid(ppr, snap: bool) -> None:
    """Whether the paragraph's characters sit on the document grid (Word: 如果定义了文档网格，
    则对齐到网格), placed where the schema wants it."""
    for old in ppr.findall(qn("w:snapToGrid")):
        ppr.remove(old)
    el = OxmlElement("w:snapToGrid")
    el.set(qn("w:val"), "1" if snap else "0")
    following = next((c for c in ppr if c.tag in {qn(t) for t in _AFTER_SNAP}), None)
    if following is None:
        ppr.append(el)
    else:
        following.addprevious(el)
