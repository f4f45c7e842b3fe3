"""The drag-and-drop (and clipboard) format for a quote taken from a source.

A quote travels as JSON under QUOTE_MIME so the draft editor can record its provenance (which
source, which outline node, which range), and as plain text beside it so dropping or pasting
into any other application still gives the quoted words."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from PySide6.QtCore import QMimeData

QUOTE_MIME = "application/x-pingan-quote"


@dataclass(slots=True)
class QuotePayload:
    """A verbatim span of a source: `start`/`end` are offsets into the source text."""

    source_id: int | None
    source_hash: str | None
    source_title: str
    node: list[str] = field(default_factory=list)  # outline path, outermost first
    start: int = 0
    end: int = 0
    text: str = ""

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False).encode("utf-8")

    def to_mime(self) -> QMimeData:
        mime = QMimeData()
        mime.setData(QUOTE_MIME, self.to_json())
        mime.setText(self.text)
        return mime

    @classmethod
    def from_json(cls, data: bytes) -> QuotePayload | None:
        """The payload, or None for anything malformed: a drop may come from another program."""
        try:
            raw = json.loads(bytes(data).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        return cls._from_dict(raw) if isinstance(raw, dict) else None

    @classmethod
    def from_mime(cls, mime: QMimeData | None) -> QuotePayload | None:
        if mime is None or not mime.hasFormat(QUOTE_MIME):
            return None
        return cls.from_json(mime.data(QUOTE_MIME).data())

    @classmethod
    def _from_dict(cls, raw: dict[str, Any]) -> QuotePayload | None:
        source_id = raw.get("source_id")
        source_hash = raw.get("source_hash")
        title = raw.get("source_title")
        node = raw.get("node")
        start, end, text = raw.get("start"), raw.get("end"), raw.get("text")
        ok = (
            (source_id is None or _is_int(source_id))
            and (source_hash is None or isinstance(source_hash, str))
            and isinstance(title, str)
            and isinstance(node, list)
            and all(isinstance(part, str) for part in node)
            and _is_int(start)
            and _is_int(end)
            and 0 <= start <= end
            and isinstance(text, str)
        )
        if not ok:
            return None
        return cls(source_id, source_hash, title, list(node), start, end, text)


def _is_int(value: object) -> bool:
    # bool is an int subclass; JSON true/false is never a valid id or offset.
    return isinstance(value, int) and not isinstance(value, bool)


def from_mime(mime: QMimeData | None) -> QuotePayload | None:
    """The quote carried by `mime`, or None when it carries none (or a malformed one)."""
    return QuotePayload.from_mime(mime)


def local_paths(mime: QMimeData | None) -> list[str]:
    """The local files and folders a drag carries (what a file manager drags)."""
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
