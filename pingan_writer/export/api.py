"""export_draft: one entry point for every format, picked by the target's extension.

Every export is written to a temporary file beside the target and then moved over it, so a
failure (read-only folder, full disk, LibreOffice missing) leaves the draft and any earlier
export exactly as they were."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pingan_writer.atomic import atomic_write
from pingan_writer.draft.fileformat import to_markdown
from pingan_writer.draft.model import Draft
from pingan_writer.errors import PinganError
from pingan_writer.export.docx_writer import build_docx
from pingan_writer.export.options import ExportOptions
from pingan_writer.export.pdf import docx_to_pdf
from pingan_writer.export.speaker_copy import build_speaker_copy
from pingan_writer.export.xml_text import word_safe

FORMATS = (".docx", ".pdf", ".txt", ".md")


class ExportError(PinganError):
    """An export that could not be written; nothing was changed."""


def export_draft(
    draft: Draft,
    path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    progress: Callable[[float], None] | None = None,
) -> Path:
    path = Path(path)
    options = options or ExportOptions()
    suffix = path.suffix.lower()
    # The speaker's copy replaces the GB/T 9704 layout for Word and PDF; text formats are the same.
    build = build_speaker_copy if options.speaker_copy else build_docx
    if suffix in (".docx", ".pdf"):
        draft = word_safe(draft)  # control characters Word's XML cannot hold become spaces
    if suffix == ".docx":
        data = build(draft, options, progress)
    elif suffix == ".pdf":
        data = docx_to_pdf(build(draft, options, _scaled(progress, 0.3)), path, ExportError)
    elif suffix == ".txt":
        data = (draft.text.rstrip("\n") + "\n").encode("utf-8")
    elif suffix == ".md":
        data = to_markdown(draft).encode("utf-8")
    else:
        raise ExportError(path, f"不支持导出为“{path.suffix or '无扩展名'}”，可导出 .docx、.pdf、.txt 或 .md")
    if path.exists() and path.is_dir():
        raise ExportError(path, "这是文件夹，请指定文件名")
    try:
        atomic_write(path, data, keep_backup=False, error=ExportError)
    except ExportError as exc:
        if isinstance(exc.__cause__, PermissionError) and path.exists():
            raise ExportError(
                path, "文件被占用或没有写入权限（是否正在 Word/WPS 中打开？请关闭后重试）"
            ) from exc
        raise
    if progress is not None:
        progress(1.0)
    return path


def _scaled(progress: Callable[[float], None] | None, share: float) -> Callable[[float], None] | None:
    if progress is None:
        return None
    return lambda f: progress(f * share)
