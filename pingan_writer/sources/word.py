"""Word (.docx) sources through python-docx: paragraphs and table cells in document order,
heading styles and outline levels as hints, the core title property as a fallback title.

The zip is inspected before python-docx opens it, so that a zip bomb or a broken package is
refused with a message instead of exhausting memory or raising from deep inside lxml."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from pingan_writer.errors import SourceError
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
    """(text, heading level or None) for every paragraph, tables' cells included, in order."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_blocks(block)
        else:
            yield block.text, _heading_level(block)


def _table_blocks(table) -> Iterator[tuple[str, int | None]]:
    from docx.table import Table

    seen: set = set()  # the <w:tc> elements themselves: holding them keeps lxml's proxies stable
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(cell._tc)
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    yield from _table_blocks(block)
                else:
                    yield block.text, None


def _heading_level(paragraph) -> int | None:
    """0 for a Title paragraph, N for Heading N or an outline level, None for body text."""
    style = paragraph.style
    name = (style.name or "").strip() if style is not None else ""
    if name.lower() in _TITLE_STYLES:
        return 0
    m = _HEADING_STYLE.match(name)
    if m:
        return int(m.group(1))
    level = _outline_level(paragraph._p.pPr)
    s = style
    while level is None and s is not None:
        level = _outline_level(s.element.pPr)
        s = s.base_style
    return level + 1 if level is not None and level < 9 else None


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
