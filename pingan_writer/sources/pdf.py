"""PDF sources with a text layer, through PDFium (pypdfium2): the text as the printed page reads.

PDFium gives each character with its box. Lines are rebuilt from those boxes, page furniture is
dropped (page numbers such as "— 3 —", "- 3 -", "第3页 共12页"; headers and footers repeated
across pages), and lines are joined back into paragraphs the way a reader sees them: a line that
runs to the right margin continues into the next; a first-line indent, a short last line, a
change of type size or a heading marker starts a new paragraph. Nothing is added that the
document does not hold: the spaces PDFium generates between "2025" and "年" are dropped, and
lines are joined without a break inside a sentence (with a space only between two Latin words).

The page where each page's text begins is kept (ReadResult.pages), so quotes can name their page.
"""

from __future__ import annotations

import logging
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from pingan_writer.errors import SourceError
from pingan_writer.sources.parts import ReadResult
from pingan_writer.text import markers
from pingan_writer.text.markers import match_heading

log = logging.getLogger(__name__)

MAX_PAGES = 3000  # a real document this long is a book; anything more is a bomb
MAX_CHARS = 8_000_000
SCANNED_MESSAGE = "这是扫描件，没有文字层，无法读取文字。请使用带文字的 PDF 或 Word 原件"
EMPTY_MESSAGE = "PDF 中没有文字内容"

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－―~·•]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*[0-9０-９]{1,4})?"
    r"(?:\s*共\s*[0-9０-９]{1,4}\s*页)?[\s\-—–－―~·•]*$"
)
_LATIN = re.compile(r"[A-Za-z0-9]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_BLOCK_MARKERS = {
    markers.CN_DUN,
    markers.CN_PAREN,
    markers.ARABIC_DOT,
    markers.ARABIC_PAREN,
    markers.PART,
    markers.CHAPTER,
    markers.SECTION,
    markers.ARTICLE,
}
_CLOSING = "。，、；：！？）」』”’》〉】,.;:!?)]"
# Characters PDF fonts often map to look-alike code points: Kangxi radicals and CJK
# compatibility ideographs for ordinary Han characters, Latin ligatures for their letters.
_COMPAT = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb06]")


@dataclass(slots=True)
class Line:
    page: int
    text: str
    x0: float
    x1: float
    y: float  # the line's vertical centre, PDF units from the bottom
    size: float  # the type size of most of its characters


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    lines: list[Line] = field(default_factory=list)
    images: int = 0  # image objects: a page of images and no text is a scanned page


def read_pdf(data: bytes, path: str) -> ReadResult:
    import pypdfium2 as pdfium  # PDFium: imported only when a PDF is read

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise SourceError(path, _open_problem(str(exc))) from exc
    try:
        count = len(document)
        if count == 0:
            raise SourceError(path, "PDF 中没有页面")
        if count > MAX_PAGES:
            raise SourceError(path, f"PDF 有 {count} 页，超过 {MAX_PAGES} 页的上限，疑似异常文件，已拒绝")
        pages = [_read_page(document, i) for i in range(count)]
    except SourceError:
        raise
    except Exception as exc:  # PDFium on a damaged file: refuse it whole, never half
        raise SourceError(path, f"PDF 文件已损坏，无法读取（{type(exc).__name__}）") from exc
    finally:
        document.close()
    if sum(len(line.text) for p in pages for line in p.lines) > MAX_CHARS:
        raise SourceError(path, "PDF 中的文字过多，超过上限，已拒绝")
    empty = [p.number for p in pages if not p.lines]
    if len(empty) == len(pages):
        raise SourceError(path, SCANNED_MESSAGE if any(p.images for p in pages) else EMPTY_MESSAGE)
    drop_furniture(pages)
    text, starts = assemble(pages)
    if not text.strip():
        raise SourceError(path, EMPTY_MESSAGE)
    notes = []
    if empty:
        listed = "、".join(str(n) for n in empty[:10]) + ("等" if len(empty) > 10 else "")
        notes.append(f"第 {listed} 页没有文字层（可能是扫描页），这些页的内容没有读入")
    return ReadResult(text, "unicode", pages=starts, notes=notes)


def _open_problem(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered:
        return "PDF 已加密，需要密码才能打开。请先在阅读器中用密码打开并另存为不加密的 PDF"
    if "security" in lowered:
        return "PDF 使用了不支持的加密方式，无法读取"
    return "不是有效的 PDF 文件，或文件已损坏"


def _read_page(document, index: int) -> Page:
    import pypdfium2.raw as raw

    page = document[index]
    try:
        page_out = Page(index + 1, page.get_width())
        page_out.images = sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        textpage = page.get_textpage()
        try:
            chars = []
            for i in range(textpage.count_chars()):
                code = raw.FPDFText_GetUnicode(textpage.raw, i)
                generated = bool(raw.FPDFText_IsGenerated(textpage.raw, i))
                if code in (0x0D, 0x0A):  # a line end, PDFium's or the file's own
                    _flush(page_out, chars)
                    chars = []
                    continue
                if code == 0x02:  # PDFium's mark for a soft hyphen at a line end
                    continue
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                size = raw.FPDFText_GetFontSize(textpage.raw, i)
                chars.append((chr(code), generated, left, bottom, right, top, size))
            _flush(page_out, chars)
        finally:
            textpage.close()
    finally:
        page.close()
    return page_out


def _flush(page: Page, chars: list) -> None:
    """Turn one run of characters into lines (a run may hold several when PDFium did not mark a
    break), keeping what the page shows."""
    if not chars:
        return
    current: list = []
    for c in chars:
        if current and not c[1] and not current[-1][1] and _new_line(current, c):
            _add_line(page, current)
            current = []
        current.append(c)
    _add_line(page, current)


def _new_line(current: list, c) -> bool:
    real = [x for x in current if not x[1]]
    if not real:
        return False
    last = real[-1]
    # Scaled by the type size, not the box: some PDFs give "，" a box a third as tall as a Han
    # character's, and its centre sits low, which read as a jump to another line.
    height = max(last[6], c[6], last[5] - last[3], 1.0)
    centre, last_centre = (c[3] + c[5]) / 2, (last[3] + last[5]) / 2
    return abs(centre - last_centre) > height * 0.6 or c[2] < last[2] - height * 2


def _add_line(page: Page, chars: list) -> None:
    real = [c for c in chars if not c[1] and not c[0].isspace()]
    if not real:
        return
    text = _line_text(chars)
    if not text:
        return
    sizes = Counter(round(c[6], 1) for c in real)
    page.lines.append(
        Line(
            page.number,
            text,
            min(c[2] for c in real),
            max(c[4] for c in real),
            statistics.median((c[3] + c[5]) / 2 for c in real),
            sizes.most_common(1)[0][0],
        )
    )


def _line_text(chars: list) -> str:
    """The line's characters. A gap PDFium filled with a generated space is read as what made
    it: beside a real space, nothing; between Latin and Han, nothing (Word's autospace, or the
    character grid, puts the gap between 2025 and 年); a character wide or more, that many
    full-width spaces (表1　2025年…); narrower, a word space between Latin words."""
    out: list[str] = []
    n = len(chars)
    for i, (ch, generated, *_rest) in enumerate(chars):
        if generated:
            if ch.isspace():
                out.append(_gap(chars, i, n))
            continue
        out.append(ch)
    text = "".join(out).strip()
    return _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _gap(chars: list, i: int, n: int) -> str:
    prev = chars[i - 1] if i > 0 else None
    nxt = chars[i + 1] if i + 1 < n else None
    if prev is None or nxt is None or prev[0].isspace() or nxt[0].isspace():
        return ""
    latin_before, latin_after = _half_width(prev[0]), _half_width(nxt[0])
    if latin_before != latin_after:
        return ""  # between Latin and Han: autospace or the character grid, never a character
    cells = round((nxt[2] - prev[4]) / max(prev[6], nxt[6], 1.0))
    if cells >= 1:
        return "\u3000" * cells  # a full-width space the text layer left out
    return " " if _LATIN.match(prev[0]) and _LATIN.match(nxt[0]) else ""


def _half_width(ch: str) -> bool:
    """Latin letters, digits and ASCII signs (% / .), as against Han and full-width marks."""
    return ord(ch) < 0x2E80
# -- page furniture -----------------------------------------------------------------------


def drop_furniture(pages: list[Page]) -> None:
    """Remove page numbers and running headers and footers: lines at the top or bottom of a page
    that are a page number, or whose text (digits aside) recurs there on most pages."""
    edge_texts: Counter[str] = Counter()
    for page in pages:
        for text in {_shape(line.text) for line in _edge_lines(page)}:
            edge_texts[text] += 1
    repeated = {t for t, n in edge_texts.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2 + 1)}
    for page in pages:
        edges = _edge_lines(page)
        page.lines = [
            line
            for line in page.lines
            if not (
                any(line is e for e in edges)
                and (_PAGE_NUMBER.match(line.text) or _shape(line.text) in repeated)
            )
        ]


def _edge_lines(page: Page) -> list[Line]:
    """The top two and bottom two lines of the page, by position."""
    if not page.lines:
        return []
    by_height = sorted(page.lines, key=lambda line: -line.y)
    return by_height[:2] + by_height[-2:]


def _shape(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", text))


# -- paragraphs ---------------------------------------------------------------------------


def assemble(pages: list[Page]) -> tuple[str, list[int]]:
    """The document's text, one paragraph a line, and where each page's text begins."""
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return "", []
    body = Counter(round(line.size) for line in lines).most_common(1)[0][0]
    margins = _margins(pages, body)
    paragraphs: list[list[Line]] = []
    for line in lines:
        prev = paragraphs[-1][-1] if paragraphs else None
        if prev is None or _starts_paragraph(prev, line, margins, body):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    seen_pages: set[int] = set()
    for paragraph in paragraphs:
        if parts:
            parts.append("\n")
            offset += 1
        text = ""
        for line in paragraph:
            joint = _joint(text, line.text) if text else ""
            if joint == "-":  # a Latin word hyphenated at the line end: the hyphen goes
                text = text[:-1]
                joint = ""
            if line.page not in seen_pages:
                seen_pages.add(line.page)
                starts.append(offset + len(text) + len(joint))
            text += joint + line.text
        parts.append(text)
        offset += len(text)
    return "".join(parts), _fill_pages(starts, pages)


def _fill_pages(starts: list[int], pages: list[Page]) -> list[int]:
    """One start per page, pages without text starting where the next text does."""
    by_page = dict(zip(sorted({line.page for p in pages for line in p.lines}), starts, strict=True))
    out: list[int] = []
    for page in reversed(pages):
        out.append(by_page.get(page.number, out[-1] if out else (starts[-1] if starts else 0)))
    out.reverse()
    out[0] = 0
    return out


@dataclass(slots=True)
class _Margins:
    left: float
    right: float
    centre: float


def _margins(pages: list[Page], body: int) -> dict[int, _Margins]:
    """The text block's left and right edges: the leftmost start and rightmost end shared by at
    least two body lines (one stray line does not move a margin), the same on every page."""
    lines = [line for page in pages for line in page.lines if round(line.size) == body]
    lines = lines or [line for page in pages for line in page.lines]
    lefts = Counter(round(line.x0) for line in lines)
    rights = Counter(round(line.x1) for line in lines)
    left = min((x for x, n in lefts.items() if n >= 2), default=min(lefts))
    right = max((x for x, n in rights.items() if n >= 2), default=max(rights))
    return {page.number: _Margins(left, right, page.width / 2) for page in pages}


def _starts_paragraph(prev: Line, line: Line, margins: dict[int, _Margins], body: int) -> bool:
    m, pm = margins[line.page], margins[prev.page]
    char = max(line.size, 1.0)
    if line.text[:1] in _CLOSING:
        return False  # 。 or ” pushed to the start of a line still ends the sentence before it
    if abs(line.size - prev.size) > 1.0:
        return True  # a title or heading set in another size
    if line.page == prev.page and prev.y - line.y > 2.2 * char * 1.0 and prev.y > line.y:
        return True  # a blank line's worth of space between them
    if round(line.size) != body and line.page == prev.page and 0 < prev.y - line.y <= 1.8 * char:
        return False  # a title (set larger than the body) wrapped onto its next line
    if line.x0 > m.left + 0.8 * char:
        return True  # first-line indent, or a centred line
    if prev.x1 < pm.right - 1.5 * char:
        return True  # the last, short line of a paragraph
    # A heading marker at the margin after a full line that ended a sentence: a new paragraph
    # in a layout without indents. Not ① or 1): those run inside sentences as often as not.
    marker = match_heading(line.text)
    return marker is not None and marker.style in _BLOCK_MARKERS and prev.text[-1:] in "。！？!?：:"


def _centred(line: Line, m: _Margins) -> bool:
    return line.x0 > m.left + line.size and abs((line.x0 + line.x1) / 2 - m.centre) < line.size


def _joint(before: str, after: str) -> str:
    """What goes between two lines of one paragraph: nothing, a word space between Latin
    words, or "-" when a Latin word was hyphenated (the caller drops the hyphen)."""
    if len(before) >= 2 and before[-1] == "-" and _LATIN_LETTER.match(before[-2]) and after[:1].islower():
        return "-"
    if _LATIN_LETTER.match(before[-1:]) and _LATIN_LETTER.match(after[:1]):
        return " "
    return ""
