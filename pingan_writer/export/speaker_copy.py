"""The speaker's copy (讲稿): the draft as a Word document for reading aloud at the lectern.

Not the GB/T 9704 layout: large type (三号 16, 小二 18 or 二号 22 pt, ExportOptions.speaker_size),
a fixed line pitch of twice the type size (so a line of white space separates the lines and the
layout is the same in Word, WPS and LibreOffice), no character grid, 黑体 headings and the chosen
仿宋 for the body. Each heading is followed by its section's planned minutes (draft.timing at
ExportOptions.speaker_rate) in a smaller grey run. A heading that carries its first body
sentence in the same paragraph (“一、论点。正文……”) is split there, so the heading and its minutes
stand on their own line. Page breaks never leave a heading at the foot of a page (keep with next,
keep lines together), widow/orphan control is on, and short paragraphs are not split at all.

Unfilled 【…】 prompts and quotes are printed as written: the pre-export check warns about them."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from pingan_writer.draft.model import Draft
from pingan_writer.draft.timing import OPENING_TITLE, SectionTiming, draft_timing
from pingan_writer.export import gbt9704 as L
from pingan_writer.export.options import ExportOptions
from pingan_writer.text.outline import parse_outline
from pingan_writer.text.paragraphs import INDENT_CHARS, Paragraph, iter_paragraphs, sentence_spans

ProgressFn = Callable[[float], None]

# The sizes a speaker can choose (points) and their Chinese names, as the dialog shows them.
LINE_PITCH_FACTOR = 2.0  # exact line pitch = 2 × the type size ("double" spacing, fixed)
TITLE_EXTRA_PT = 6  # the title is this much larger than the body
LABEL_SMALLER_PT = 4  # the minutes after a heading: smaller than the text it follows
LABEL_GREY = RGBColor(0x80, 0x80, 0x80)
# Room kept free when deciding whether the minutes fit after the heading: line-breaking rules
# (no 。 at a line's start) can push a character more onto a heading's last line.
LABEL_FIT_SLACK_EM = 1.5
PAGE_NUMBER_PT = 14  # 四号
SHORT_PARAGRAPH_LINES = 3  # a body paragraph of at most this many lines is never split

# A4 with 25 mm margins all round: wide enough for 28 三号 characters a line.
PAGE_WIDTH, PAGE_HEIGHT = L.PAGE_WIDTH, L.PAGE_HEIGHT
MARGIN = 1417  # twips, 25 mm
FOOTER_DISTANCE = 680  # twips, 12 mm: the page number below the text block
TEXT_WIDTH_PT = (PAGE_WIDTH - 2 * MARGIN) / 20


def minutes_label(minutes: float) -> str:
    """The text after a heading: its section's planned minutes to one decimal, “〔约 2.5 分钟〕”."""
    return f"〔约 {minutes:.1f} 分钟〕"


def build_speaker_copy(
    draft: Draft, options: ExportOptions | None = None, progress: ProgressFn | None = None
) -> bytes:
    """The speaker's copy as .docx bytes, at options.speaker_size pt and options.speaker_rate
    字/分钟. Of the other options only fangsong and page_numbers apply (quote fonts, source notes,
    provenance and the signature belong to the printed document, not the lectern copy)."""
    options = options or ExportOptions()
    size = options.speaker_size
    document = docx.Document()
    _set_up_styles(document, options)
    section = document.sections[0]
    _set_page(section)
    if options.page_numbers:
        _add_page_numbers(section.footer.paragraphs[0], options)

    text = draft.text
    outline = parse_outline(text)
    title = outline.title or draft.meta.title
    if title:
        document.add_paragraph(title, style="Title")
    timing = draft_timing(text, options.speaker_rate)
    paragraphs = list(iter_paragraphs(text))
    headings = _headings_by_paragraph(paragraphs, timing.sections)
    chars_per_line = int(TEXT_WIDTH_PT // size)
    for i, para in enumerate(paragraphs):
        if outline.title_span and para.content_start == outline.title_span[0]:
            continue
        heading = headings.get(para.content_start)
        body_start = para.content_start
        if heading is not None:
            body_start = _heading_end(text, para)
            _add_heading(
                document,
                text[para.content_start : body_start].rstrip(INDENT_CHARS),
                heading,
                size,
                options.fangsong,
            )
            while body_start < para.end and text[body_start] in INDENT_CHARS:
                body_start += 1
        if body_start < para.end:
            body = text[body_start : para.end]
            p = document.add_paragraph(body, style="Normal")
            if len(body) <= SHORT_PARAGRAPH_LINES * chars_per_line:
                p.paragraph_format.keep_together = True
        if progress is not None and i % 50 == 0:
            progress(0.9 * i / max(1, len(paragraphs)))
    _set_properties(document, draft, title or "")
    buf = io.BytesIO()
    document.save(buf)
    if progress is not None:
        progress(1.0)
    return buf.getvalue()


def _headings_by_paragraph(
    paragraphs: list[Paragraph], sections: list[SectionTiming]
) -> dict[int, SectionTiming]:
    """The timed section each heading paragraph opens, keyed by the paragraph's content start
    (a section starts where its heading line starts, indent or not). 开头 has no heading."""
    starts = {s.start: s for s in sections if not _is_opening(s)}
    found: dict[int, SectionTiming] = {}
    for para in paragraphs:
        at = next((a for a in range(para.start, para.content_start + 1) if a in starts), None)
        if at is not None:
            found[para.content_start] = starts[at]
    return found


def _is_opening(section: SectionTiming) -> bool:
    """The words before the first heading, which draft.timing times as a section of their own."""
    return section.start == 0 and section.number == "" and section.title == OPENING_TITLE


def _heading_end(text: str, para: Paragraph) -> int:
    """Where the heading ends: the end of its first sentence when body text follows it in the
    same paragraph, else the paragraph's end."""
    spans = sentence_spans(text, para.content_start, para.end)
    return spans[0][1] if len(spans) >= 2 else para.end


def _add_heading(document, heading_text: str, section: SectionTiming, size: int, body_font: str) -> None:
    """The heading, then its minutes in a smaller grey run: on the heading's last line when they
    fit there, else as a whole on the next line (a CJK line may break between any two
    characters, which would leave “〔约” at the end of one line and “2.0 分钟〕” on the next)."""
    p = document.add_paragraph(style=f"Heading {min(max(section.level, 1), 4)}")
    p.add_run(heading_text)
    label_size = size - LABEL_SMALLER_PT
    label_text = minutes_label(section.minutes).replace(" ", "\u00a0")
    label = p.add_run()
    per_line = TEXT_WIDTH_PT / size  # em of the heading's type in one line
    used = _em_width(heading_text) % per_line
    needed = (1 + _em_width(label_text)) * label_size / size  # the 　 before it, then the label
    if used + needed + LABEL_FIT_SLACK_EM > per_line:
        label.add_break()
    else:
        label_text = "\u3000" + label_text
    label.add_text(label_text)
    rpr = label._r.get_or_add_rPr()
    L.set_fonts(rpr, body_font)  # the body face: lighter than the heading's 黑体
    L.set_size(rpr, label_size)
    L.set_bold(rpr, False)
    label.font.color.rgb = LABEL_GREY


def _em_width(text: str) -> float:
    """Width in em at one type size: ASCII and spaces half an em, everything else a full em."""
    return sum(0.5 if ord(ch) < 0x100 else 1.0 for ch in text)


def _set_page(section) -> None:
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin = section.bottom_margin = Twips(MARGIN)
    section.left_margin = section.right_margin = Twips(MARGIN)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.header_distance = Twips(FOOTER_DISTANCE)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:  # no character or line grid: the exact pitch sets the lines
        section._sectPr.remove(grid)


def _add_page_numbers(paragraph, options: ExportOptions) -> None:
    """“第 N 页 / 共 M 页”, centred, with PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    for part in ("第 ", "PAGE", " 页 / 共 ", "NUMPAGES", " 页"):
        if part in ("PAGE", "NUMPAGES"):
            _add_field(paragraph, part, options)
        else:
            _label_run(paragraph, part, options)


def _add_field(paragraph, instr: str, options: ExportOptions) -> None:
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = _label_run(paragraph, "1" if kind == "result" else "", options)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
            run._r.append(el)
        elif kind != "result":
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def _label_run(paragraph, text: str, options: ExportOptions):
    run = paragraph.add_run(text) if text else paragraph.add_run()
    rpr = run._r.get_or_add_rPr()
    L.set_fonts(rpr, options.fangsong)
    L.set_size(rpr, PAGE_NUMBER_PT)
    return run


def _set_up_styles(document, options: ExportOptions) -> None:
    size = options.speaker_size
    pitch = Pt(size * LINE_PITCH_FACTOR)
    styles = document.styles
    L.strip_theme_fonts(styles.element)

    normal = styles["Normal"]
    _style_font(normal, options.fangsong, size, bold=False)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True  # no single line of a paragraph alone at a page's top or foot
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _first_line_chars(normal.element.get_or_add_pPr(), 2, size)

    title = styles["Title"]
    _style_font(title, L.HEITI, size + TITLE_EXTRA_PT, bold=False)
    ppr = title.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing"):  # the template's rule under the title
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    rpr = title.element.get_or_add_rPr()
    for tag in ("w:spacing", "w:kern"):  # the template's letter spacing
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    fmt = title.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt((size + TITLE_EXTRA_PT) * LINE_PITCH_FACTOR)
    fmt.space_before, fmt.space_after = Pt(0), pitch
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.keep_with_next = True
    _first_line_chars(ppr, 0, size)

    for level in range(1, 5):
        heading = styles[f"Heading {level}"]
        _style_font(heading, L.HEITI, size, bold=False)
        fmt = heading.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = pitch
        fmt.space_before = Pt(size if level == 1 else 0)  # half a line more before a main part
        fmt.space_after = Pt(0)
        # Never the last line of a page: with its first body lines, and never split itself.
        fmt.keep_with_next = True
        fmt.keep_together = True
        fmt.widow_control = True
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _first_line_chars(heading.element.get_or_add_pPr(), 0, size)
        L.set_outline_level(heading.element.get_or_add_pPr(), level)


def _style_font(style, east_asia: str, size: float, bold: bool) -> None:
    rpr = style.element.get_or_add_rPr()
    L.set_fonts(rpr, east_asia)
    L.set_size(rpr, size)  # w:sz and w:szCs: the template's complex-script sizes would linger
    L.set_bold(rpr, bold)
    style.font.italic = False
    L.set_color_black(rpr)
    L.set_lang(rpr)


def _first_line_chars(ppr, chars: int, size: int) -> None:
    """A first-line indent in characters, with the twips fallback at this type size."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        following = next((c for c in ppr if c.tag in {qn(t) for t in _AFTER_IND}), None)
        if following is None:
            ppr.append(ind)
        else:
            following.addprevious(ind)
    ind.attrib.clear()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * size * 20))


# What may follow w:ind in a w:pPr (CT_PPrBase's order).
_AFTER_IND = ("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:outlineLvl", "w:rPr")


def _set_properties(document, draft: Draft, title: str) -> None:
    props = document.core_properties
    props.title = title
    props.subject = "讲稿"
    props.author = props.last_modified_by = draft.meta.speaker or ""
    props.created = props.modified = datetime.now().replace(microsecond=0)
    props.language = "zh-CN"
    props.comments = draft.meta.meeting or ""
