"""The Word export of huge drafts (issue 12): a paragraph costs a bounded amount of work, and
the runs built from shared per-export templates still carry each paragraph's own fonts and text.

No wall time is asserted: work is counted (python-docx elements built, lines run in the
writer), which does not depend on the machine or its load."""

from __future__ import annotations

from pathlib import Path

from pingan_writer.draft.model import Draft, SourceRef
from pingan_writer.export import docx_writer
from pingan_writer.export.docx_writer import build_docx
from pingan_writer.export.options import ExportOptions

from ..workcount import calls_made, lines_run
from .conftest import NS, Docx

# Marker style → (East Asian font, bold) GB/T 9704 gives it, with the default options.
FONTS = (("黑体", "0"), ("楷体_GB2312", "0"), ("仿宋_GB2312", "1"), ("仿宋_GB2312", "0"))


def heading_lines(n: int) -> list[tuple[str, tuple[str, str]]]:
    """n one-line headings cycling through 一、（一）1.（1）, each with its marker's font."""
    numerals = "一二三四五六七八九"
    out = []
    for i in range(n):
        k = i // 4 % 9
        marker = (f"{numerals[k]}、", f"（{numerals[k]}）", f"{k + 1}.", f"（{k + 1}）")[i % 4]
        out.append((f"{marker}标题{i}", FONTS[i % 4]))
    return out


def headings(n: int) -> Draft:
    return Draft(text="题目\n" + "".join(line + "\n" for line, _ in heading_lines(n)))


def oxml_elements_built(draft: Draft, options: ExportOptions | None = None) -> int:
    """Calls of python-docx's OxmlElement (from any caller) while building the .docx."""

    def is_oxml_element(frame, event) -> bool:
        code = frame.f_code
        return event == "call" and code.co_name == "OxmlElement" and code.co_filename.endswith("parser.py")

    return calls_made(lambda: build_docx(draft, options or ExportOptions()), is_oxml_element)


def test_heading_export_work_grows_linearly():
    export = str(Path(docx_writer.__file__).parent)  # the writer, its templates, gbt9704 …
    small = lines_run(lambda: build_docx(headings(1000)), export)
    large = lines_run(lambda: build_docx(headings(2000)), export)
    assert large < 2.2 * small


def test_paragraphs_and_runs_are_copied_from_templates_not_built_element_by_element():
    # python-docx built ~10 elements per heading (w:p, w:pPr, w:pStyle, w:keepNext, w:r, w:t,
    # w:rPr, w:rFonts, w:b, w:bCs): 1.0 s of a 3.8 s export of 20,000 headings.
    options = ExportOptions(quote_style="kai", source_notes=True)
    small = oxml_elements_built(headings(400), options)
    large = oxml_elements_built(headings(800), options)
    assert large - small < 40  # not per paragraph: 400 more headings would add ~4,000


def test_every_heading_of_a_long_draft_carries_its_markers_font():
    expected = dict(heading_lines(200))
    doc = Docx(build_docx(headings(200)))
    seen = set()
    for p in doc.paragraphs():
        text = Docx.text(p)
        if text not in expected:
            continue
        (r,) = p.xpath("w:r", namespaces=NS)
        font, bold = expected[text]
        assert r.xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) == [font], text
        assert r.xpath("w:rPr/w:b/@w:val", namespaces=NS) == [bold], text
        assert p.xpath("w:pPr/w:keepNext", namespaces=NS), text  # a heading standing alone
        seen.add(text)
    assert seen == set(expected)


def quoted_paragraphs(n: int) -> Draft:
    """n paragraphs “（一）论点。正文引文正文。”, each quote recorded with a source."""
    draft = Draft(text="题目\n")
    for i in range(n):
        draft.text += f"（一）论点{i}。正文"
        at = len(draft.text)
        draft.text += "正文。\n"
        draft.insert_quote(at, f"引文{i}", SourceRef(f"h{i}", f"来源{i}"), [], 0, 3)
    return draft


def test_runs_of_many_quoted_paragraphs_each_keep_their_own_fonts_and_text():
    options = ExportOptions(quote_style="kai", source_notes=True)
    doc = Docx(build_docx(quoted_paragraphs(30), options))
    body = [p for p in doc.paragraphs() if Docx.text(p).startswith("（一）")]
    assert len(body) == 30
    for i, p in enumerate(body):
        runs = [
            (
                "".join(r.xpath("w:t/text()", namespaces=NS)),
                (r.xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) or [None])[0],
                (r.xpath("w:rPr/w:b/@w:val", namespaces=NS) or [None])[0],
            )
            for r in p.xpath("w:r", namespaces=NS)
        ]
        assert runs == [
            (f"（一）论点{i}。", "楷体_GB2312", "0"),  # the heading sentence in its marker's font
            ("正文", "仿宋_GB2312", "0"),  # the body after it in the body font
            (f"引文{i}", "楷体_GB2312", None),  # the quote in 楷体, bold left to the style
            (f"（引自《来源{i}》）", "仿宋_GB2312", "0"),
            ("正文。", "仿宋_GB2312", "0"),
        ]


def test_tabs_and_edge_spaces_are_written_as_python_docx_writes_them():
    draft = Draft(text="题目\n正文\t有制表符\n前文后文。\n")
    draft.insert_quote(draft.text.index("后文"), "引文\u3000", SourceRef("h", "来源"), [], 0, 3)
    doc = Docx(build_docx(draft))
    tab, quoted = (p for p in doc.paragraphs() if Docx.text(p)[:1] in "正前")
    (r,) = tab.xpath("w:r", namespaces=NS)
    assert [el.tag.split("}")[1] for el in r] == ["rPr", "t", "tab", "t"]
    texts = quoted.xpath("w:r/w:t", namespaces=NS)
    assert [t.text for t in texts] == ["前文", "引文\u3000", "后文。"]
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert [t.get(space) for t in texts] == [None, "preserve", None]  # a run ending in a space
