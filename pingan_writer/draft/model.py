"""The Draft: the talk's text, its metadata, the sources it draws on and its quotes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pingan_writer.draft.rehearsal import Rehearsal


@dataclass(slots=True)
class DraftMeta:
    title: str = ""
    speaker: str = ""
    meeting: str = ""
    date: str = ""
    target_minutes: float | None = None
    template: str = ""


@dataclass(slots=True)
class SourceRef:
    """A source the draft uses, by content identity (the SHA-256 of its text), so a quote can
    be checked again whether the source is found in the library or as a file."""

    id: str  # content hash
    title: str
    path: str | None = None
    library_id: int | None = None


@dataclass(slots=True)
class Quote:
    """A passage inserted from a source, with where it came from.

    `start`/`end` index the draft text; `text` is what was inserted (verbatim then);
    `source_start`/`source_end` index the source text; `node` is the source outline path."""

    start: int
    end: int
    source: str  # SourceRef.id
    source_title: str
    node: list[str]
    source_start: int
    source_end: int
    text: str
    page: int | None = None  # the source page it starts on, for sources with pages (PDF)

    def provenance(self) -> str:
        """Where the quote came from, as the app shows it: 《题目》 提纲路径 第N页."""
        return provenance_label(self.source_title, self.node, self.page)


def provenance_label(title: str, node: list[str], page: int | None = None) -> str:
    parts = [f"《{title}》"]
    if node:
        parts.append(" › ".join(node))
    if page:
        parts.append(f"第{page}页")
    return " ".join(parts)


@dataclass(slots=True)
class Draft:
    text: str = ""
    meta: DraftMeta = field(default_factory=DraftMeta)
    sources: list[SourceRef] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    rehearsals: list[Rehearsal] = field(default_factory=list)  # oldest first

    def add_source(self, ref: SourceRef) -> SourceRef:
        """Record a source once (by content id)."""
        for existing in self.sources:
            if existing.id == ref.id:
                return existing
        self.sources.append(ref)
        return ref

    def insert_quote(
        self,
        at: int,
        text: str,
        source: SourceRef,
        node: list[str],
        source_start: int,
        source_end: int,
        page: int | None = None,
    ) -> Quote:
        """Insert quoted text at offset `at`, recording its provenance and shifting later quotes."""
        at = max(0, min(at, len(self.text)))
        self.text = self.text[:at] + text + self.text[at:]
        for q in self.quotes:
            if q.start >= at:
                q.start += len(text)
                q.end += len(text)
            elif q.end > at:  # inserted inside a quote: it now holds foreign text, drift will say so
                q.end += len(text)
        return self.record_quote(at, text, source, node, source_start, source_end, page)

    def record_quote(
        self,
        at: int,
        text: str,
        source: SourceRef,
        node: list[str],
        source_start: int,
        source_end: int,
        page: int | None = None,
    ) -> Quote:
        """Record that `text`, now at offset `at` of the draft, was quoted from `source` (the
        text itself is already in place: the editor inserts it, insert_quote above for files)."""
        self.add_source(source)
        quote = Quote(
            at, at + len(text), source.id, source.title, list(node), source_start, source_end, text, page
        )
        self.quotes.append(quote)
        self.quotes.sort(key=lambda q: q.start)
        return quote

    def to_data(self) -> dict[str, Any]:
        data = {
            "meta": asdict(self.meta),
            "sources": [asdict(s) for s in self.sources],
            "quotes": [asdict(q) for q in self.quotes],
        }
        if self.rehearsals:  # written only once there are some, so other drafts read as before
            data["rehearsals"] = [r.to_data() for r in self.rehearsals]
        return data
