"""Reading and writing drafts.

The native format (.pingan) is UTF-8 JSON, indented, with the text as a list of lines so a
person can read and diff it:

    {"format": "pingan-draft", "version": 1,
     "meta": {"title", "speaker", "meeting", "date", "target_minutes", "template"},
     "sources": [{"id", "title", "path", "library_id"}],
     "rehearsals": [{"started", "rate", "sections": [{"number", "title", "characters",
                     "planned_seconds", "actual_seconds"}]}],   (optional; oldest first)
     "quotes": [{"start", "end", "source", "source_title", "node", "source_start",
                 "source_end", "text", "page"}],   (page: PDF sources only, else null)
     "lines": ["…", "…"]}

Saves are atomic: a temporary file beside the target is written, flushed and fsynced, the
previous file is kept as NAME.bak, and the temporary file replaces the target. .txt, .md and
.docx files open as drafts too (text only); .txt and .md can be written."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pingan_writer.atomic import atomic_write, os_reason
from pingan_writer.draft.model import Draft, DraftMeta, Quote, SourceRef
from pingan_writer.draft.rehearsal import Rehearsal
from pingan_writer.draft.schema import FORMAT_NAME, FORMAT_VERSION, SchemaError, parse_json, validate
from pingan_writer.errors import PinganError
from pingan_writer.sources import read_source

NATIVE_SUFFIX = ".pingan"
TEXT_SUFFIXES = (".txt", ".md")
MAX_DRAFT_BYTES = 64 * 1024 * 1024  # twice the largest source text: the lines plus their quotes
_BOM = b"\xef\xbb\xbf"


class DraftError(PinganError):
    """A draft file that cannot be read or written."""


def load_draft(path: str | os.PathLike[str]) -> Draft:
    path = Path(path)
    if path.suffix.lower() != NATIVE_SUFFIX and not _looks_native(path):
        source = read_source(path)  # .txt/.md/.docx: SourceError names the file and problem
        # A file name is no title for a talk (it would be printed on the first page).
        title = source.title if source.title_origin != "filename" else ""
        return Draft(text=source.text, meta=DraftMeta(title=title))
    raw = _read_native(path)
    try:
        data = parse_json(raw)
    except SchemaError as exc:
        raise DraftError(path, str(exc)) from None
    return draft_from_data(data, path)


def _read_native(path: Path) -> str:
    """The file's text: UTF-8, a byte-order mark allowed (some editors add one), bounded in size."""
    try:
        size = path.stat().st_size
        if size > MAX_DRAFT_BYTES:
            limit = MAX_DRAFT_BYTES // 1024 // 1024
            raise DraftError(path, f"文件过大（{size / 1024 / 1024:.1f} MB），超过稿件 {limit} MB 的上限")
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise DraftError(path, "文件不存在") from exc
    except UnicodeDecodeError as exc:
        raise DraftError(path, "不是 UTF-8 编码的平安写作稿件，文件可能已损坏") from exc
    except PermissionError as exc:
        raise DraftError(path, "没有读取权限") from exc
    except OSError as exc:
        raise DraftError(path, f"无法读取文件（{os_reason(exc)}）") from exc


def _looks_native(path: Path) -> bool:
    """A native draft under another name (a .bak, a recovered copy): known by its first bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(200)
    except OSError:
        return False
    return head.removeprefix(_BOM).lstrip().startswith(b"{") and FORMAT_NAME.encode() in head


def draft_from_data(data: Any, path: Path | None = None) -> Draft:
    """A Draft from parsed .pingan data, after checking all of it against the schema
    (draft.schema); DraftError names the file and the first field that is wrong."""
    try:
        data = validate(data)
    except SchemaError as exc:
        raise DraftError(path, str(exc)) from None
    meta = DraftMeta(**data["meta"])
    sources = [SourceRef(**s) for s in data["sources"]]
    quotes = [Quote(**{**q, "node": list(q["node"])}) for q in data["quotes"]]
    rehearsals = [Rehearsal.from_data(r) for r in data["rehearsals"]]
    return Draft("\n".join(data["lines"]), meta, sources, quotes, rehearsals)


def draft_to_json(draft: Draft) -> str:
    lines = draft.text.split("\n")
    data = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **draft.to_data(), "lines": lines}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_draft(draft: Draft, path: str | os.PathLike[str]) -> Path:
    """Write the draft in the format its suffix names (.pingan, .txt, .md), atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == NATIVE_SUFFIX:
        content = draft_to_json(draft)
    elif suffix == ".txt":
        content = draft.text if draft.text.endswith("\n") else draft.text + "\n"
    elif suffix == ".md":
        content = to_markdown(draft)
    else:
        raise DraftError(path, f"不支持保存为“{path.suffix or '无扩展名'}”，请用 .pingan、.txt 或 .md")
    atomic_write(path, content.encode("utf-8"), error=DraftError)
    return path


def to_markdown(draft: Draft) -> str:
    """Headings become Markdown headings at their outline level; the rest stays as written."""
    from pingan_writer.text.outline import HEADING, parse_outline

    outline = parse_outline(draft.text)
    levels = {n.start: n.level for n in outline.walk() if n.kind == HEADING}
    out: list[str] = []
    if draft.meta.title and not outline.title:
        out.append(f"# {draft.meta.title}")
    pos = 0
    for line in draft.text.split("\n"):
        stripped = line.lstrip(" \t\u3000")
        start = pos + (len(line) - len(stripped))
        if outline.title_span and start == outline.title_span[0]:
            out.append(f"# {stripped}")
        elif start in levels and stripped:
            out.append(f"{'#' * min(6, levels[start] + 1)} {stripped}")
        else:
            out.append(line)
        if stripped:
            out.append("")  # Markdown needs a blank line between paragraphs
        pos += len(line) + 1
    return "\n".join(out).rstrip("\n") + "\n"
