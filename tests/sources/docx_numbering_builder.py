"""Build .docx files numbered by Word's list numbering: python-docx for the body, a hand-written
word/numbering.xml for the lists, and numPr written into paragraphs and styles."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

_BEFORE_NUM_PR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Lvl:
    ilvl: int
    fmt: str
    text: str
    start: int = 1
    restart: int | None = None
    is_lgl: bool = False
    suff: str | None = None
    pstyle: str | None = None

    def xml(self) -> str:
        parts = [f'<w:lvl w:ilvl="{self.ilvl}">', f'<w:start w:val="{self.start}"/>']
        parts.append(f'<w:numFmt w:val="{self.fmt}"/>')
        if self.restart is not None:
            parts.append(f'<w:lvlRestart w:val="{self.restart}"/>')
        if self.pstyle:
            parts.append(f'<w:pStyle w:val="{self.pstyle}"/>')
        if self.is_lgl:
            parts.append("<w:isLgl/>")
        if self.suff:
            parts.append(f'<w:suff w:val="{self.suff}"/>')
        parts.append(f"<w:lvlText w:val={quoteattr(self.text)}/>")
        parts.append('<w:lvlJc w:val="left"/>')
        parts.append(f'<w:pPr><w:ind w:left="{420 * (self.ilvl + 1)}" w:hanging="420"/></w:pPr>')
        parts.append("</w:lvl>")
        return "".join(parts)


@dataclass
class AbstractNum:
    aid: int
    levels: list[Lvl] = field(default_factory=list)
    num_style_link: str | None = None
    style_link: str | None = None
    multi_level_type: str = "multilevel"

    def xml(self) -> str:
        inner = f'<w:multiLevelType w:val="{self.multi_level_type}"/>'
        if self.style_link:
            inner += f'<w:styleLink w:val="{self.style_link}"/>'
        if self.num_style_link:
            inner += f'<w:numStyleLink w:val="{self.num_style_link}"/>'
        inner += "".join(lv.xml() for lv in self.levels)
        return f'<w:abstractNum w:abstractNumId="{self.aid}">{inner}</w:abstractNum>'


@dataclass
class Num:
    num_id: int
    aid: int
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: list[Lvl] = field(default_factory=list)

    def xml(self) -> str:
        inner = f'<w:abstractNumId w:val="{self.aid}"/>'
        ilvls = sorted(set(self.start_overrides) | {lv.ilvl for lv in self.level_overrides})
        for ilvl in ilvls:
            body = ""
            if ilvl in self.start_overrides:
                body += f'<w:startOverride w:val="{self.start_overrides[ilvl]}"/>'
            body += "".join(lv.xml() for lv in self.level_overrides if lv.ilvl == ilvl)
            inner += f'<w:lvlOverride w:ilvl="{ilvl}">{body}</w:lvlOverride>'
        return f'<w:num w:numId="{self.num_id}">{inner}</w:num>'


def official_levels(aid: int = 1) -> AbstractNum:
    """一、 / （一） / 1. / （1）: the four levels of a Chinese official document."""
    return AbstractNum(
        aid,
        [
            Lvl(0, "chineseCounting", "%1、", suff="nothing"),
            Lvl(1, "chineseCounting", "（%2）", suff="nothing"),
            Lvl(2, "decimal", "%3.", suff="nothing"),
            Lvl(3, "decimal", "（%4）", suff="nothing"),
        ],
    )


def install_numbering(document, abstracts: list[AbstractNum], nums: list[Num]) -> None:
    """Replace the document's numbering part with these definitions (abstracts come first,
    as the schema requires)."""
    xml = (
        f'<w:numbering xmlns:w="{W_NS}">'
        + "".join(a.xml() for a in abstracts)
        + "".join(n.xml() for n in nums)
        + "</w:numbering>"
    )
    part = document.part.part_related_by(RT.NUMBERING)
    part._element = parse_xml(xml)


def set_num(paragraph, num_id: int | None, ilvl: int | None = None) -> None:
    """Give a paragraph (or, passed a style's element holder, a style) a w:numPr."""
    _write_num_pr(paragraph._p.get_or_add_pPr(), num_id, ilvl)


def set_style_num(style, num_id: int | None, ilvl: int | None = None) -> None:
    _write_num_pr(style.element.get_or_add_pPr(), num_id, ilvl)


def _write_num_pr(ppr, num_id: int | None, ilvl: int | None) -> None:
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is not None:
        ppr.remove(num_pr)
    parts = []
    if ilvl is not None:
        parts.append(f'<w:ilvl w:val="{ilvl}"/>')
    if num_id is not None:
        parts.append(f'<w:numId w:val="{num_id}"/>')
    num_pr = parse_xml(f'<w:numPr xmlns:w="{W_NS}">{"".join(parts)}</w:numPr>')
    # The schema puts numPr after these; python-docx writes the ones after it (spacing, ind…).
    before = [ppr.find(qn(f"w:{tag}")) for tag in _BEFORE_NUM_PR]
    present = [el for el in before if el is not None]
    if present:
        present[-1].addnext(num_pr)
    else:
        ppr.insert(0, num_pr)


def add_numbered(document, text: str, num_id: int | None, ilvl: int | None = None, style=None):
    paragraph = document.add_paragraph(text, style=style)
    set_num(paragraph, num_id, ilvl)
    return paragraph


def set_level_pstyle(abstract: AbstractNum, ilvl: int, style_id: str) -> None:
    next(lv for lv in abstract.levels if lv.ilvl == ilvl).pstyle = style_id
