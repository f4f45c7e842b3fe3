"""read_source: any supported file → Source, or a SourceError that names the problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pingan_writer.errors import SourceError
from pingan_writer.sources.markdown import read_md
from pingan_writer.sources.model import Source
from pingan_writer.sources.parts import ReadResult
from pingan_writer.sources.plain import read_txt
from pingan_writer.sources.word import read_docx
from pingan_writer.text.outline import parse_outline

MAX_TEXT_BYTES = 32 * 1024 * 1024  # a 5-million-character library fits in well under this
MAX_DOCX_BYTES = 64 * 1024 * 1024

_READERS: dict[str, tuple[str, Callable[[bytes, str], ReadResult], int]] = {
    ".txt": ("txt", read_txt, MAX_TEXT_BYTES),
    ".text": ("txt", read_txt, MAX_TEXT_BYTES),
    ".md": ("md", read_md, MAX_TEXT_BYTES),
    ".markdown": ("md", read_md, MAX_TEXT_BYTES),
    ".docx": ("docx", read_docx, MAX_DOCX_BYTES),
}
SUPPORTED_SUFFIXES = tuple(_READERS)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REFUSED = {
    ".doc": "旧版 Word（.doc）格式不受支持，请在 Word 或 WPS 中另存为 .docx 后再导入",
    ".wps": "WPS 文字（.wps）格式不受支持，请在 WPS 中另存为 .docx 后再导入",
    ".pdf": "PDF 格式不受支持，请复制文字另存为 .txt，或转换为 .docx 后再导入",
}


def read_source(path: str | Path) -> Source:
    """Read a .txt, .docx or .md file. Raises SourceError, never anything else, for bad input."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, "文件不存在")
    if path.is_dir():
        raise SourceError(path, "这是文件夹，不是文件")
    suffix = path.suffix.lower()
    if suffix in _REFUSED:
        raise SourceError(path, _REFUSED[suffix])
    if suffix not in _READERS:
        raise SourceError(path, f"不支持的文件格式“{path.suffix or '无扩展名'}”，支持 .txt、.docx、.md")
    fmt, reader, limit = _READERS[suffix]
    data = _read_bytes(path, limit)
    if data.startswith(_OLE_MAGIC):
        raise SourceError(path, _REFUSED[".doc"] + "（文件实际是旧版 .doc 格式）")
    if fmt == "docx" and not data.startswith(b"PK"):
        raise SourceError(path, "不是有效的 Word 文档（.docx 应为 zip 包），文件可能已损坏或扩展名有误")
    result = reader(data, str(path))
    if not result.text.strip():
        raise SourceError(path, "文件中没有文字内容" if data.strip() else "文件是空的")
    return build_source(result, path, fmt)


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
