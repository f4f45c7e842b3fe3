"""Word export on huge and repetitive drafts (issue 12): the work grows linearly with the draft.

No wall time is asserted: the work is counted (Python calls while the .docx is built, or lines
run in the writer) and a doubled input must not quadruple it."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pingan_writer.draft.model import Draft, Quote
from pingan_writer.export import docx_writer
from pingan_writer.export.docx_writer import build_docx
from pingan_writer.export.options import ExportOptions

from ..workcount import calls_made, lines_run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def calls_to_build(draft: Draft, options: ExportOptions | None = None) -> int:
    """Python and C function calls made while building the .docx."""
    return calls_made(lambda: build_docx(draft, options or ExportOptions()))


def writer_lines(draft: Draft, options: ExportOptions) -> int:
    """Lines run inside export/docx_writer.py while building the .docx (loops count too)."""
    return lines_run(lambda: build_docx(draft, options), docx_writer.__file__)


def body_paragraphs(data: bytes) -> list:
    doc = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return doc.findall(f"{W}body/{W}p")


def test_short_lines_cost_a_bounded_number_of_calls_each():
    # python-docx's add_paragraph looked the style up among all styles for every paragraph
    # (about 2,800 calls a line, 2.2 ms) and scanned the body for w:sectPr each time.
    small = calls_to_build(Draft(text="\n".join("短句。" for _ in range(400))))
    large = calls_to_build(Draft(text="\n".join("短句。" for _ in range(800))))
    assert large < 3 * small
    assert (large - small) / 400 < 400  # calls per added paragraph


def test_headings_scale_linearly():
    # Numbered headings that continue (一、二、… 九、) then restart: each heading paragraph is
    # styled, given its marker's font and kept with the next paragraph.
    numerals = "一二三四五六七八九"
    text = "\n".join(f"{numerals[i % 9]}、标题{i}\n正文。" for i in range(9))
    small = calls_to_build(Draft(text="\n".join([text] * 20)))
    large = calls_to_build(Draft(text="\n".join([text] * 40)))
    assert large < 3 * small


def many_quotes_in_one_paragraph(n: int) -> Draft:
    text = "引" * (4 * n)
    quotes = [Quote(4 * k, 4 * k + 2, "src", "原文", ["一、"], 0, 2, "引引", None) for k in range(n)]
    return Draft(text=text, quotes=quotes)


def test_a_paragraph_dense_with_quotes_is_cut_in_linear_work():
    # Every piece of the paragraph was tested against every quote (and every paragraph against
    # every quote): quadratic in the number of quotes.
    options = ExportOptions(source_notes=True, quote_style="kai")
    small = writer_lines(many_quotes_in_one_paragraph(300), options)
    large = writer_lines(many_quotes_in_one_paragraph(600), options)
    assert large < 3 * small


def test_many_paragraphs_with_quotes_scale_linearly():
    def draft(n: int) -> Draft:
        lines = [f"第{k}段引用原文一句话。" for k in range(n)]
        text = "\n".join(lines)
        quotes, pos = [], 0
        for line in lines:
            quotes.append(Quote(pos + 3, pos + 7, "src", "原文", [], 0, 4, line[3:7], None))
            pos += len(line) + 1
        return Draft(text=text, quotes=quotes)

    options = ExportOptions(provenance="notes")
    small = writer_lines(draft(300), options)
    large = writer_lines(draft(600), options)
    assert large < 3 * small


def test_quote_dense_paragraph_keeps_every_note_and_comment():
    draft = many_quotes_in_one_paragraph(50)
    data = build_docx(draft, ExportOptions(source_notes=True, provenance="comments"))
    z = zipfile.ZipFile(io.BytesIO(data))
    comments = etree.fromstring(z.read("word/comments.xml")).findall(f"{W}comment")
    assert len(comments) == 50
    (p,) = body_paragraphs(data)
    text = "".join(t.text or "" for t in p.iter(f"{W}t"))
    assert text.count("（引自《原文》）") == 50
    assert text.replace("（引自《原文》）", "") == draft.text


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "一、总体要求",
                "（一）工作目标",
                "1.具体任务",
                "一是加强领导，二是压实责任。",
                "正文一句。",
                "",
                "附件",
            ]
        ),
        min_size=200,
        max_size=2000,
    )
)
def test_any_long_draft_exports_every_line_in_order(lines):
    text = "\n".join(lines)
    data = build_docx(Draft(text=text), ExportOptions(signature=False))
    written = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body_paragraphs(data)]
    # Every non-blank line is one paragraph (the first may be the title), in order.
    assert written == [line for line in lines if line.strip()]


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_control_characters_in_a_draft_do_not_stop_the_export(tmp_path, suffix):
    """A form feed (a PDF's page break) or another control character XML forbids, in the text,
    a quote's source title and the meta, used to end the export with lxml's ValueError."""
    import zipfile

    from pingan_writer.draft.model import Draft, DraftMeta, SourceRef
    from pingan_writer.draft.rehearsal import record
    from pingan_writer.draft.timing import draft_timing
    from pingan_writer.export.api import export_draft

    text = "开头的话。\x0c\n一、第一部分\x01\n坚持系统观念，统筹发展和安全。\n"
    draft = Draft(text=text, meta=DraftMeta(title="标题\x0b", speaker="张\x02三"))
    at = text.index("统筹发展")
    draft.record_quote(at, "统筹发展和安全", SourceRef("h", "原文\x0c标题"), ["一、"], 10, 17)
    draft.rehearsals.append(record("2026-12-01T09:00:00", draft_timing(text, 180), [1.0, 5.0]))
    out = export_draft(draft, tmp_path / f"稿{suffix}")
    if suffix == ".docx":
        xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
        assert "统筹发展和安全" in xml and "\x0c" not in xml and "\x01" not in xml
    assert draft.text == text  # the draft itself is not changed
