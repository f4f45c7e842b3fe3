"""Word (.docx) sources through python-docx: paragraphs and table cells in document order,
heading styles and outline levels as hints, the core title property as a fallback title.
Labels of Word's automatic list numbering (numbering.py) are put in front of their paragraphs.

The zip is inspected before python-docx opens it, so that a zip bomb or a broken package is
refused with a message instead of exhausting memory or raising from deep inside lxml."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from pingan_writer.errors import SourceError
from pingan_writer.sources.numbering import Numbering
from pingan_writer.sources.parts import ReadResult, TextBuilder

MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200  # real .docx XML compresses 5–20×; bombs compress thousands of times
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_STYLES = {"title", "标题"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_package(data: bytes, path: str) -> None:
    """Refuse anything that is not a sane .docx zip before parsing it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                raise SourceError(
                    path, f"文档解压后过大（{total // (1024 * 1024)} MB），疑似压缩炸弹，已拒绝"
                )
            for info in infos:
                if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
                    raise SourceError(path, f"文档中的 {info.filename} 压缩比异常，疑似压缩炸弹，已拒绝")
            if "word/document.xml" not in names:
                raise SourceError(path, "不是有效的 Word 文档（缺少 word/document.xml），文件可能已损坏")
            bad = zf.testzip()
            if bad is not None:
                raise SourceError(path, f"Word 文档已损坏（{bad} 校验失败）")
    except zipfile.BadZipFile as exc:
        raise SourceError(path, "Word 文档已损坏，无法作为 .docx 打开") from exc


def read_docx(data: bytes, path: str) -> ReadResult:
    check_package(data, path)
    import docx  # python-docx pulls in lxml: imported only when a .docx is read

    try:
        document = docx.Document(io.BytesIO(data))
        builder = TextBuilder()
        for text, level in _blocks(document):
            for i, line in enumerate(text.split("\n")):
                builder.add(line, level if i == 0 else None)
        title = (document.core_properties.title or "").strip() or None
    except SourceError:
        raise
    except Exception as exc:  # lxml, KeyError from a missing part, ValueError: all mean "broken"
        raise SourceError(path, f"Word 文档已损坏，无法读取（{type(exc).__name__}）") from exc
    return ReadResult(builder.text(), "utf-8", builder.hints, title)


def _blocks(document) -> Iterator[tuple[str, int | None]]:
    """(text, heading level or None) for every paragraph, tables' cells included, in order.
    A paragraph numbered by Word's list numbering starts with its label ("一、", "（一）")."""
    from docx.table import Table

    numbering = Numbering.from_document(document)
    styles: dict[str | None, tuple[int | None, int | None]] = {}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_blocks(block, numbering)
        else:
            yield _text(block, numbering), _heading_level(block, styles)


def _table_blocks(table, numbering: Numbering | None) -> Iterator[tuple[str, int | None]]:
    from docx.table import Table

    seen: set = set()  # the <w:tc> elements themselves: holding them keeps lxml's proxies stable
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(cell._tc)
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    yield from _table_blocks(block, numbering)
                else:
                    yield _text(block, numbering), None


def _text(paragraph, numbering: Numbering | None) -> str:
    """The paragraph's text behind the label Word draws for it. Every paragraph goes through
    `label_for`, in document order, because the list counters advance as Word's do."""
    label = numbering.label_for(paragraph._p) if numbering is not None else ""
    return label + paragraph.text


def _heading_level(paragraph, styles: dict[str | None, tuple[int | None, int | None]]) -> int | None:
    """0 for a Title paragraph, N for Heading N or an outline level, None for body text.
    `styles` caches what each style says: python-docx looks a style up by scanning every style."""
    style_id = paragraph._p.style
    if style_id not in styles:
        styles[style_id] = _style_levels(paragraph.style)
    named, style_outline = styles[style_id]
    if named is not None:
        return named
    level = _outline_level(paragraph._p.pPr)
    if level is None:
        level = style_outline
    return level + 1 if level is not None and level < 9 else None


def _style_levels(style) -> tuple[int | None, int | None]:
    """(level its name gives: 0 for Title, N for Heading N; outline level along its basedOn chain)."""
    name = (style.name or "").strip() if style is not None else ""
    if name.lower() in _TITLE_STYLES:
        return 0, None
    m = _HEADING_STYLE.match(name)
    if m:
        return int(m.group(1)), None
    level = None
    s = style
    while level is None and s is not None:
        level = _outline_level(s.element.pPr)
        s = s.base_style
    return None, level


def _outline_level(ppr) -> int | None:
    if ppr is None:
        return None
    el = ppr.find(f"{_W}outlineLvl")
    if el is None:
        return None
    try:
        return int(el.get(f"{_W}val"))
    except (TypeError, ValueError):
        return None
