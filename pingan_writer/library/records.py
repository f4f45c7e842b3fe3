"""Plain records the library hands out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: int
    title: str
    path: str | None
    format: str
    encoding: str
    chars: int
    passages: int
    imported_at: str

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "chars": self.chars,
            "passages": self.passages,
            "imported_at": self.imported_at,
        }


@dataclass(frozen=True, slots=True)
class AddResult:
    status: str  # added | unchanged | replaced
    source_id: int
    title: str
    replaced_id: int | None = None
    notes: list[str] = field(default_factory=list)  # what reading the file did (PDF pages without text)


@dataclass(slots=True)
class PassageHit:
    """A passage found by search or offered as related, with hits marked in source offsets."""

    source: int
    source_title: str
    path: list[str]
    start: int
    end: int
    text: str
    score: float
    hits: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "source_title": self.source_title,
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 4),
            "hits": [list(h) for h in self.hits],
        }
