"""The exported sample talk rendered by LibreOffice and measured from the PDF.

The README's test command installs LibreOffice and poppler, so CI runs this; run by hand
without them it is skipped with the reason shown."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from pingan_writer.export.api import export_draft

MM_PER_PT = 25.4 / 72

needs_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler (pdftotext) are not installed; scripts/test installs them",
)


def pdf_lines(pdf) -> list[list[tuple[float, float, float, float]]]:
    """Per page, the (xMin, yMin, xMax, yMax) of each text line, in points."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        boxes = re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', body)
        pages.append(sorted((tuple(map(float, b)) for b in boxes), key=lambda b: b[1]))
    return pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip(
            "LibreOffice (soffice) and poppler (pdftotext) are not installed; scripts/test installs them"
        )
    from pingan_writer.draft.fileformat import load_draft

    from ..conftest import TALK_SAMPLE

    out = tmp_path_factory.mktemp("render") / "talk.pdf"
    export_draft(load_draft(TALK_SAMPLE), out)
    return pdf_lines(out)


@needs_tools
def test_full_pages_hold_22_lines(rendered):
    text_block_bottom_pt = (297 - 35) / MM_PER_PT
    full_pages = rendered[:-1]
    assert full_pages, "the sample talk should fill more than one page"
    for lines in full_pages:
        body = [b for b in lines if b[1] < text_block_bottom_pt]  # the page number sits below
        assert len(body) == 22


@needs_tools
def test_first_line_sits_at_the_top_margin(rendered):
    """With exact line spacing the glyphs sit at the bottom of their 28.95 pt line box, so the
    line box's top is the glyph bottom minus the pitch (measured from the page's own lines)."""
    lines = [b for b in rendered[1] if b[1] < (297 - 35) / MM_PER_PT]
    pitch = (lines[-1][1] - lines[0][1]) / (len(lines) - 1)
    assert pitch == pytest.approx(28.95, abs=0.1)
    top_mm = (lines[0][3] - pitch) * MM_PER_PT
    assert top_mm == pytest.approx(37, abs=2)
    left_mm = min(b[0] for b in lines) * MM_PER_PT
    assert left_mm == pytest.approx(28, abs=1)


@needs_tools
def test_page_numbers_alternate_sides(rendered):
    bottom = [max(page, key=lambda b: b[1]) for page in rendered]
    page_width = 210 / MM_PER_PT
    odd, even = bottom[0], bottom[1]
    assert odd[0] > page_width / 2  # right on odd pages
    assert even[2] < page_width / 2  # left on even pages
    assert (odd[1] * MM_PER_PT) == pytest.approx(262 + 7, abs=2.5)  # about 7 mm below the text block
