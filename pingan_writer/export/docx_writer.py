"""The draft as a Word document laid out to GB/T 9704 (see gbt9704.py for the numbers).

Headings are Word's Heading 1–4 styles, restyled (fonts, sizes, no theme colours) and given
outline levels, so Word's navigation pane shows the talk's structure and the file reads back
with the same outline. The style follows the computed depth; the heading's runs carry the font
its marker calls for (一、 黑体 even where it is nested under another 一、). A heading followed
by body text in the same paragraph keeps the heading font for its first sentence only.

Body paragraphs and runs are copied from one template per distinct style and font, made once
per export (docx_templates.py): python-docx would spend seconds on a long draft."""

from __future__ import annotations

import io
from bisect import bisect_right
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from typing import NamedTuple

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from pingan_writer.draft.model import Draft
from pingan_writer.export import gbt9704 as L
from pingan_writer.export.docx_templates import RunFactory, RunFormat, paragraph_factory
from pingan_writer.export.options import QUOTE_KAI, ExportOptions
from pingan_writer.export.provenance import QuoteRuns, add_provenance
from pingan_writer.text.markers import match_heading
from pingan_writer.text.outline import HEADING, parse_outline
from pingan_writer.text.paragraphs import iter_paragraphs, sentence_spans

ProgressFn = Callable[[float], None]
DEFAULT_OPTIONS = ExportOptions()


def build_docx(
    draft: Draft, options: ExportOptions = DEFAULT_OPTIONS, progress: ProgressFn | None = None
) -> bytes:
    """The .docx file's bytes."""
    document = docx.Document()
    _set_up_styles(document, options)
    section = document.sections[0]
    L.set_page(section, options.line_twips)
    if options.page_numbers:
        document.settings.odd_and_even_pages_header_footer = True
        L.add_page_number(section.footer.paragraphs[0], odd=True)
        L.add_page_number(section.even_page_footer.paragraphs[0], odd=False)

    outline = parse_outline(draft.text)
    headings = [n for n in outline.walk() if n.kind == HEADING]
    levels = {n.start: min(n.level, 4) for n in headings}
    styles = {n.start: n.style for n in headings}  # the marker style the outline already matched
    title = outline.title or draft.meta.title
    if title:
        document.add_paragraph(title, style="Title")
    subtitle = meeting_subtitle(draft)
    if subtitle:
        _add_subtitle(document, subtitle, options)
    paragraphs = list(iter_paragraphs(draft.text))
    quote_runs = QuoteRuns()  # where each quote was written, for its comment or footnote
    quotes_in = _quotes_by_paragraph(draft, paragraphs)
    new_paragraph = paragraph_factory(document)
    new_run = RunFactory()
    fonts = _MarkerFonts(options)
    for i, para in enumerate(paragraphs):
        if outline.title_span and para.content_start == outline.title_span[0]:
            continue
        level = levels.get(para.content_start)
        split = _heading_sentence_end(draft.text, para) if level else None
        # A heading standing alone keeps with the next paragraph (see _set_up_styles).
        p = new_paragraph(f"Heading {level}" if level else "Normal", keep_next=bool(level) and split is None)
        head_end = (split or para.end) if level else para.content_start
        font = fonts.of(styles[para.content_start], para.content(draft.text)) if level else None
        heading = _Heading(head_end, font)
        quotes = quotes_in.get(i, [])
        _add_runs(p, draft, para.content_start, para.end, heading, options, quote_runs, quotes, new_run)
        if progress is not None and i % 50 == 0:
            progress(0.9 * i / max(1, len(paragraphs)))
    if options.signature:
        _add_signature(document, draft)
    add_provenance(document, draft, quote_runs, options)
    _set_properties(document, draft, title)
    buf = io.BytesIO()
    document.save(buf)
    if progress is not None:
        progress(1.0)
    return buf.getvalue()


def _quotes_by_paragraph(draft: Draft, paragraphs: list) -> dict[int, list]:
    """Index of each paragraph → the quotes overlapping it, in the draft's order (one pass over
    the quotes with bisection, not every quote for every paragraph)."""
    starts = [para.content_start for para in paragraphs]
    out: dict[int, list] = {}
    for q in draft.quotes:
        # Paragraphs are disjoint and in order: those overlapping [q.start, q.end) are a range.
        lo, hi = min(q.start, q.end), max(q.start, q.end)
        k = max(0, bisect_right(starts, lo) - 1)
        while k < len(paragraphs) and paragraphs[k].content_start < hi:
            if q.start < paragraphs[k].end and q.end > paragraphs[k].content_start:
                out.setdefault(k, []).append(q)
            k += 1
    return out


class _Heading(NamedTuple):
    """The heading part of a paragraph: text before `end` (the paragraph's start when it is
    body text), set in `font` (East Asian name, bold) when its marker names one."""

    end: int
    font: tuple[str, bool] | None


class _MarkerFonts:
    """The font each heading's marker calls for (gbt9704.marker_font), looked up once per style."""

    def __init__(self, options: ExportOptions) -> None:
        self._options = options
        self._by_style: dict[str, tuple[str, bool] | None] = {}

    def of(self, style: str, content: str) -> tuple[str, bool] | None:
        """`style` is the outline's marker style for the heading whose text is `content`."""
        if style.startswith("hint-"):  # placed by a reader's hint: the text's marker decides
            marker = match_heading(content)
            style = marker.style if marker else ""
        if style not in self._by_style:
            self._by_style[style] = L.marker_font(style, self._options) if style else None
        return self._by_style[style]


def _heading_sentence_end(text: str, para) -> int | None:
    """Where the heading sentence ends when body text follows it in the same paragraph."""
    spans = sentence_spans(text, para.content_start, para.end)
    if len(spans) < 2:
        return None
    return spans[0][1]


def _add_runs(
    paragraph,
    draft: Draft,
    start: int,
    end: int,
    heading: _Heading,
    options: ExportOptions,
    quote_runs: QuoteRuns | None = None,
    quotes: list | None = None,
    new_run: RunFactory | None = None,
) -> None:
    """Runs cut at the heading sentence's end and at quote boundaries, with source notes.
    `quotes` are those overlapping [start, end) when the caller has them (else all are tried)."""
    if quotes is None:
        quotes = [q for q in draft.quotes if q.start < end and q.end > start]
    if new_run is None:
        new_run = RunFactory()
    if not quotes and not start < heading.end < end:
        # One run, all heading or all body: most paragraphs of most drafts.
        if start < end:
            fmt = _run_format(start < heading.end, start < heading.end, False, heading.font, options)
            new_run.add(paragraph, draft.text[start:end], fmt)
        return
    cuts = {start, end} | {c for q in quotes for c in (q.start, q.end) if start < c < end}
    if start < heading.end < end:
        cuts.add(heading.end)
    points = sorted(cuts)
    # Every quote boundary inside the paragraph is a cut, so a quote holds a piece exactly when
    # it starts at or before the piece and ends after its start: count them with a sweep
    # instead of testing every quote against every piece (quadratic in a quote-dense paragraph).
    at = {c: k for k, c in enumerate(points)}
    depth = [0] * len(points)
    first_last: list[tuple[object, int, int]] = []
    notes_at: dict[int, list] = {}
    for q in quotes:
        if q.start < q.end:
            lo, hi = at[max(q.start, start)], at[min(q.end, end)]
            depth[lo] += 1
            depth[hi] -= 1
            first_last.append((q, lo, hi - 1))
        if options.source_notes and q.end in at:
            notes_at.setdefault(q.end, []).append(q)
    runs = []  # w:r elements; Run objects are made only for the runs a quote's note needs
    inside = 0
    for k, (a, b) in enumerate(pairwise(points)):
        inside += depth[k]
        fmt = _run_format(a < heading.end, start < heading.end, inside > 0, heading.font, options)
        runs.append(new_run.add(paragraph, draft.text[a:b], fmt))
        for q in notes_at.get(b, ()):
            new_run.add(paragraph, f"（引自《{q.source_title}》）", (options.fangsong, False))
    if quote_runs is not None:
        for q, lo, hi in first_last:
            # The first and the last run are all a comment or a footnote needs.
            quote_runs.record(q, Run(runs[lo], paragraph))
            if hi != lo:
                quote_runs.record(q, Run(runs[hi], paragraph))


def _run_format(
    in_heading: bool,
    heading_paragraph: bool,
    in_quote: bool,
    marker_font: tuple[str, bool] | None,
    options: ExportOptions,
) -> RunFormat:
    """The run's font where the paragraph style's is not the right one."""
    if in_heading:
        return marker_font  # the marker's font, whatever the depth's style says
    if in_quote and options.quote_style == QUOTE_KAI:
        return (options.kaiti, None)
    if heading_paragraph:
        return (options.fangsong, False)  # the body after a heading sentence is in the body font
    return None


def meeting_subtitle(draft: Draft) -> str | None:
    """The subtitle line “——在{meeting}上的发言” when the draft names its meeting and its text
    has no line starting “——在” already (the discussion template writes one)."""
    meeting = (draft.meta.meeting or "").strip()
    if not meeting:
        return None
    if any(line.lstrip(" \t\u3000").startswith(L.SUBTITLE_LEAD) for line in draft.text.split("\n")):
        return None
    return f"{L.SUBTITLE_LEAD}{meeting}上的发言"


def _add_subtitle(document, text: str, options: ExportOptions) -> None:
    """The line under the title of a printed speech: 楷体 三号, centred, not indented."""
    p = document.add_paragraph(style="Normal")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    L.set_indent(p._p.get_or_add_pPr(), first_line_chars=0)
    rpr = p.add_run(text)._r.get_or_add_rPr()
    L.set_fonts(rpr, options.kaiti)
    L.set_size(rpr, L.SUBTITLE_PT)


def _add_signature(document, draft: Draft) -> None:
    """Speaker and date, right-aligned four characters in from the right (GB/T 9704)."""
    lines = [x for x in (draft.meta.speaker, draft.meta.date) if x]
    for line in lines:
        p = document.add_paragraph(line, style="Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        L.set_indent(p._p.get_or_add_pPr(), first_line_chars=0, right_chars=4)


def _set_properties(document, draft: Draft, title: str) -> None:
    props = document.core_properties
    props.title = title or ""
    props.author = draft.meta.speaker or ""
    props.last_modified_by = draft.meta.speaker or ""
    props.created = props.modified = datetime.now().replace(microsecond=0)
    props.language = "zh-CN"
    props.comments = draft.meta.meeting or ""
    props.subject = draft.meta.meeting or ""


def _set_up_styles(document, options: ExportOptions) -> None:
    styles = document.styles
    root = styles.element
    L.strip_theme_fonts(root)
    defaults = root.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    L.set_fonts(rpr_default, options.fangsong)
    L.set_size(rpr_default, L.BODY_PT)
    L.set_char_scale(rpr_default, L.CHAR_SCALE_PERCENT)
    L.set_lang(rpr_default)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is not None and ppr_default.find(qn("w:pPr")) is not None:
        L.set_spacing_exact(ppr_default.find(qn("w:pPr")), options.line_twips)

    normal = styles["Normal"].element
    _style_text(normal, options.fangsong, L.BODY_PT, bold=False)
    ppr = normal.get_or_add_pPr()
    # Widow/orphan control moves single lines to the next page and leaves 21-line pages; the
    # official layout keeps every full page on its 22-line grid (孤行控制 off).
    widow = OxmlElement("w:widowControl")
    widow.set(qn("w:val"), "0")
    ppr.insert(0, widow)
    L.set_spacing_exact(ppr, options.line_twips)
    L.set_indent(ppr, first_line_chars=2)
    _justify(ppr, "both")

    title = styles["Title"].element
    _style_text(title, L.XIAOBIAOSONG, L.TITLE_PT, bold=False)
    ppr = title.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):  # the template's Title has a rule under it
        ppr.remove(border)
    L.set_spacing_exact(ppr, max(options.line_twips, 700), after=options.line_twips)
    L.set_indent(ppr, first_line_chars=0)
    _justify(ppr, "center")
    # The one paragraph off the character grid, as 公文 templates set it: a 二号 character is
    # wider than a grid cell, so on the grid it takes two cells and the title prints spaced out
    # and wrapped (13 + 4 characters for the sample's 17).
    L.set_snap_to_grid(ppr, False)

    for level, (font, bold) in L.heading_fonts(options).items():
        heading = styles[f"Heading {level}"].element
        _style_text(heading, font, L.BODY_PT, bold=bold)
        ppr = heading.get_or_add_pPr()
        # Word's headings keep with the next paragraph and keep their lines together; for a
        # heading that carries its body (（一）论点。正文……) that pushes whole paragraphs to the
        # next page. Only a heading standing alone keeps with what follows (set per paragraph).
        for tag in ("w:keepNext", "w:keepLines", "w:pageBreakBefore"):
            for el in ppr.findall(qn(tag)):
                ppr.remove(el)
        L.set_spacing_exact(ppr, options.line_twips)
        L.set_indent(ppr, first_line_chars=2)
        L.set_outline_level(ppr, level)
        _justify(ppr, "both")

    for name in ("Footer", "Header"):
        if name in [s.name for s in styles]:
            _style_text(styles[name].element, L.SONGTI, L.PAGE_NUMBER_PT, bold=False)


def _style_text(style_el, font: str, size: float, bold: bool) -> None:
    rpr = style_el.get_or_add_rPr()
    L.set_fonts(rpr, font)
    L.set_size(rpr, size)
    L.set_bold(rpr, bold)
    L.set_color_black(rpr)
    for tag in ("w:i", "w:iCs"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    L.set_lang(rpr)


def _justify(ppr, value: str) -> None:
    jc = ppr.find(qn("w:jc"))
    if jc is None:
        jc = OxmlElement("w:jc")
        ppr.append(jc)
    jc.set(qn("w:val"), value)
