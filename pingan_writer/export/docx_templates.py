"""Paragraphs and runs for the body of a long document, copied from templates.

Each kind of paragraph (style, keep-with-next) and each distinct run formatting is built once
per export with python-docx's element helpers and then copied by lxml in C for every paragraph
and run: building ~10 elements per paragraph through python-docx took seconds on a megabyte of
one-line headings (issue 12). The copies are the same XML, byte for byte, as Document.
add_paragraph and Paragraph.add_run followed by setting the run's w:rPr write."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from pingan_writer.export import gbt9704 as L


def paragraph_factory(document) -> Callable[..., Paragraph]:
    """Appends an empty paragraph of a named style to the body, as document.add_paragraph does,
    in constant time: python-docx looks the style up by name among all styles and finds the
    body's w:sectPr by scanning the body for every paragraph (quadratic in long drafts)."""
    body = document._body
    sect_pr = document.element.body.sectPr
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    templates: dict[tuple[str, bool], CT_P] = {}

    def template(style: str, keep_next: bool) -> CT_P:
        found = document.styles[style]
        # Built directly: python-docx's get_or_add_* probe ~30 possible successors for every
        # element they insert. An empty w:pPr for the default style, as python-docx writes it,
        # which writes the default style as no w:pStyle.
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        p.append(ppr)
        if default is None or found.style_id != default.style_id:
            ppr.append(OxmlElement("w:pStyle", {qn("w:val"): found.style_id}))
        if keep_next:
            ppr.append(OxmlElement("w:keepNext"))  # right after w:pStyle, the schema's order
        return p

    def new_paragraph(style: str, keep_next: bool = False) -> Paragraph:
        key = (style, keep_next)
        if key not in templates:
            templates[key] = template(style, keep_next)
        # One template per kind of paragraph, copied by lxml in C: building each element
        # through python-docx costs about ten times as much.
        p = _clone(templates[key])
        if sect_pr is None:
            document.element.body.append(p)
        else:
            sect_pr.addprevious(p)
        return Paragraph(p, body)

    return new_paragraph


# A run's own formatting: (East Asian font, bold, or None to leave bold to the paragraph
# style), or None for a run with an empty w:rPr that takes everything from its style.
RunFormat = tuple[str, bool | None] | None
# Characters python-docx's Run.text turns into elements of their own (w:tab, w:br).
_SPECIAL_CHARS = re.compile("[\t\r\n]")
_XML_SPACE = qn("xml:space")
_E = TypeVar("_E", bound=etree._Element)


class RunFactory:
    """Appends runs of text to a paragraph, as Paragraph.add_run(text) followed by setting the
    run's w:rPr does, from one template run per distinct formatting copied by lxml: building
    each run's w:rPr and w:t through python-docx took most of a long export's time."""

    def __init__(self) -> None:
        self._templates: dict[RunFormat, CT_R] = {}

    def add(self, paragraph: Paragraph, text: str, fmt: RunFormat) -> CT_R:
        """The new w:r element, appended at the end of the paragraph."""
        template = self._templates.get(fmt)
        if template is None:
            template = self._templates[fmt] = _run_template(fmt)
        r = _clone(template)
        paragraph._p.append(r)
        if not text or _SPECIAL_CHARS.search(text):
            Run(r, paragraph).text = text  # python-docx's own conversion (and no w:t when empty)
        else:
            t = r[-1]  # the template's w:t, after its w:rPr
            t.text = text
            if len(text.strip()) < len(text):  # python-docx's test for significant whitespace
                t.set(_XML_SPACE, "preserve")
        return r


def _clone(element: _E) -> _E:
    """A deep copy of an lxml element. lxml's __copy__ copies the whole subtree, as deepcopy
    does, without the copy module's memo bookkeeping (a third of the cost per run)."""
    return element.__copy__()


def _run_template(fmt: RunFormat) -> CT_R:
    """<w:r><w:rPr>…</w:rPr><w:t/></w:r>, the properties written by gbt9704's helpers."""
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    r.append(rpr)
    if fmt is not None:
        L.set_fonts(rpr, fmt[0])
        if fmt[1] is not None:
            L.set_bold(rpr, fmt[1])
    r.append(OxmlElement("w:t"))
    return r
