"""read_source: any supported file → Source, or a SourceError that names the problem.

The bytes decide the format (sources.sniff), not the name: a .doc renamed .docx, a .wps that is
really a .docx and a PDF saved as .txt are all read as what they are."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pingan_writer.errors import SourceError
from pingan_writer.sources.markdown import read_md
from pingan_writer.sources.model import Source
from pingan_writer.sources.parts import ReadResult
from pingan_writer.sources.plain import read_txt
from pingan_writer.sources.sniff import is_encrypted, sniff_format
from pingan_writer.sources.word import read_docx
from pingan_writer.text.outline import parse_outline

MAX_TEXT_BYTES = 32 * 1024 * 1024  # a 5-million-character library fits in well under this
MAX_FILE_BYTES = 64 * 1024 * 1024
_READS_KEPT = 2  # the last reads, by content: a file read twice in a row is read once
_reads: OrderedDict[tuple[str, bytes], ReadResult] = OrderedDict()
_reads_lock = threading.Lock()
TITLE_FROM_LINE = 40  # characters of a first line that name a pasted text without a title

SUPPORTED_SUFFIXES = (
    ".txt", ".text", ".md", ".markdown", ".docx", ".pdf", ".doc", ".wps", ".odt", ".rtf",
    ".html", ".htm", ".mhtml", ".mht",
)  # fmt: skip
_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# Formats read as text; the rest are documents whose bytes say what they are.
_TEXT_FORMATS = {"txt", "md"}
_CONVERTED = {"doc", "wps", "odt", "rtf"}  # through LibreOffice, then as .docx
_NOT_READABLE = {
    "zip": "这是压缩包，不是文档。请解压后导入其中的文件",
    "ole": "这是 Office 文件，但不是 Word 或 WPS 文字文档（可能是表格或演示文稿）",
    "binary": "这是二进制文件，不是支持的文档格式"
    "（支持 .txt .docx .doc .wps .pdf .odt .rtf .html .mhtml .md）",
}


def _not_readable(fmt: str, suffix: str) -> str:
    if suffix in (".doc", ".wps") and fmt == "ole":
        return f"文件不是有效的 Word 或 WPS 文档（{suffix}），可能已损坏，或是表格、演示文稿"
    if suffix in SUPPORTED_SUFFIXES and suffix not in _TEXT_SUFFIXES and fmt == "binary":
        return f"文件内容不是 {suffix} 文档，可能已损坏或扩展名有误"
    return _NOT_READABLE[fmt]


def _reader(fmt: str) -> Callable[[bytes, str], ReadResult]:
    """The reader for a sniffed format; PDF, HTML and LibreOffice are imported only when used."""
    if fmt == "txt":
        return read_txt
    if fmt == "md":
        return read_md
    if fmt == "docx":
        return read_docx
    if fmt == "pdf":
        from pingan_writer.sources.pdf import read_pdf

        return read_pdf
    if fmt in ("html", "mhtml"):
        from pingan_writer.sources.html import read_html, read_mhtml

        return read_html if fmt == "html" else read_mhtml
    if fmt in _CONVERTED:
        from pingan_writer.sources.convert import convert_to_docx

        return lambda data, path: read_docx(convert_to_docx(data, path, fmt), path)
    raise ValueError(fmt)


def read_source(path: str | Path) -> Source:
    """Read a file in any supported format. Raises SourceError, never anything else, for bad
    input; nothing is half-read."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, "文件不存在")
    if path.is_dir():
        raise SourceError(path, "这是文件夹，不是文件")
    suffix = path.suffix.lower()
    data = _read_bytes(path, MAX_TEXT_BYTES if suffix in _TEXT_SUFFIXES else MAX_FILE_BYTES)
    fmt = sniff_format(data, suffix)
    if suffix not in SUPPORTED_SUFFIXES and fmt in _TEXT_FORMATS | set(_NOT_READABLE):
        raise SourceError(
            path,
            f"不支持的文件格式“{path.suffix or '无扩展名'}”，支持 .txt、.docx、.doc、.wps、.pdf、.odt、.rtf、"
            ".html、.mhtml、.md",
        )
    if fmt == "ole" and is_encrypted(data):  # Word keeps a password-protected .docx in an OLE file
        raise SourceError(path, "文档设有密码，无法读取。请在 Word 或 WPS 中取消密码后另存，再导入")
    if fmt in _NOT_READABLE:
        if suffix in (".docx", ".pdf"):  # its own reader says precisely what is wrong with it
            fmt = suffix[1:]
        else:
            raise SourceError(path, _not_readable(fmt, suffix))
    if fmt in _TEXT_FORMATS and len(data) > MAX_TEXT_BYTES:
        size, limit = len(data) / 1024 / 1024, MAX_TEXT_BYTES // 1024 // 1024
        raise SourceError(path, f"文件过大（{size:.1f} MB），超过 {limit} MB 的上限")
    result = _read_once(fmt, data, str(path))
    if not result.text.strip():
        raise SourceError(path, "文件中没有文字内容" if data.strip() else "文件是空的")
    return build_source(result, path, fmt)


def read_text_source(text: str, name: str, fmt: str = "clipboard", html: str | None = None) -> Source:
    """A source from text the user pasted or copied (the clipboard): its HTML when there is
    some (read like a saved page), else its plain text, titled from the first line."""
    from pingan_writer.sources.plain import normalise_newlines

    if html and html.strip():
        from pingan_writer.sources.html import read_html_text

        try:
            return build_source(read_html_text(html, name), None, fmt)
        except SourceError:
            if not text.strip():
                raise
    if not text.strip():
        raise SourceError(name, "剪贴板中没有文字")
    source = build_source(ReadResult(normalise_newlines(text), "utf-8"), None, fmt)
    if source.title_origin == "filename":  # no title line: the first line names it, as for .txt
        first = next(line.strip() for line in source.text.splitlines() if line.strip())
        source.title, source.title_origin = first[:TITLE_FROM_LINE], "text"
    return source


def _read_once(fmt: str, data: bytes, path: str) -> ReadResult:
    """Read the bytes with the format's reader, unless the same bytes were just read.

    A command may read one file in two roles (`quotes 稿.md --source 稿.md`), and the app reads
    a file again when it is imported twice; a Markdown megabyte or a .doc through LibreOffice
    costs seconds each time. The key is the content, so an edited file is never taken for the
    old one; the copy handed out has its own lists."""
    key = (fmt, hashlib.blake2b(data, digest_size=16).digest())
    with _reads_lock:
        result = _reads.get(key)
    if result is None:
        result = _reader(fmt)(data, path)
        with _reads_lock:
            _reads[key] = result
            while len(_reads) > _READS_KEPT:
                _reads.popitem(last=False)
    return replace(result, hints=list(result.hints), pages=list(result.pages), notes=list(result.notes))


def build_source(result: ReadResult, path: Path | None, fmt: str) -> Source:
    """Parse the outline and choose the title: the text's title line (or Title style), else the
    document property, else the file name."""
    outline = parse_outline(result.text, result.hints)
    if outline.title:
        title, origin = outline.title, ("style" if any(h.level == 0 for h in result.hints) else "text")
    elif result.property_title:
        title, origin = result.property_title, "property"
    else:
        title, origin = (path.stem if path else "未命名"), "filename"
    return Source(title, result.text, path, fmt, result.encoding, outline, origin, result.pages, result.notes)


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise SourceError(
                path, f"文件过大（{size / 1024 / 1024:.1f} MB），超过 {limit // 1024 // 1024} MB 的上限"
            )
        if size == 0:
            raise SourceError(path, "文件是空的")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(path, "文件不存在") from exc
    except PermissionError as exc:
        raise SourceError(path, "没有读取权限") from exc
    except OSError as exc:
        raise SourceError(path, f"无法读取文件（{exc.strerror or exc}）") from exc
