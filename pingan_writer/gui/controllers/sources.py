"""The library as the window sees it: which sources there are, which one is open in the outline
panel, and the provenance a quote from it records. Every database access goes through
library.store.Library."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from pingan_writer.draft.model import SourceRef
from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context
from pingan_writer.library.paths import resolve_library_path

if TYPE_CHECKING:
    from pingan_writer.library.records import SourceInfo
    from pingan_writer.library.store import Library
    from pingan_writer.sources.model import Source


log = logging.getLogger(__name__)


class SourcesController(QObject):
    listed = Signal(object)  # list[SourceInfo], after every refresh (object: no conversion)
    changed = Signal(object, object)  # (source id, Source) of the source now shown, or (None, None)

    def __init__(self, ctx: Context, library_path: str | None = None) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.library_path: Path = resolve_library_path(library_path)
        self.source: Source | None = None
        self.source_id: int | None = None
        self.infos: list[SourceInfo] = []
        # Why the library could not be listed at the last try (already told to the user), so
        # work that needs it can stand aside instead of repeating the same error; None if it could.
        self.unusable: Exception | None = None
        self._loading: int | None = None  # the source being read for show, if any

    def open_library(self) -> Library:
        # The store (SQLite and the text engines, ~13 ms to import) loads when first used,
        # after the window is on screen, not before it.
        from pingan_writer.library.store import Library

        return Library.open(self.library_path)

    def refresh(self, select: int | None = None) -> None:
        """List the library's sources again; `select` one of them (else keep the current one)."""
        try:
            with self.open_library() as lib:
                self.infos = lib.sources()
        except Exception as exc:
            self.unusable = exc
            self.ctx.error(tr("资料库"), exc)
            return
        self.unusable = None
        if self.source_id is not None and not any(i.id == self.source_id for i in self.infos):
            self.clear()
        if select is not None:
            self.select(select)  # first, so the listing marks the source now shown
        self.listed.emit(self.infos)

    @property
    def selected_id(self) -> int | None:
        """The source chosen last: the one on show, or the one being loaded to replace it."""
        return self._loading if self._loading is not None else self.source_id

    def select(self, source_id: int) -> None:
        """Show source `source_id`: read in a worker (a large source's text and outline take a
        while to load), then `changed` is emitted; a later choice wins over an earlier one."""
        if source_id == self.selected_id and (self.source is not None or self._loading is not None):
            return
        self._loading = source_id

        def work(_report, _cancelled):
            with self.open_library() as lib:
                return lib.get_source(source_id)

        def done(source) -> None:
            self._loading = None
            self.source, self.source_id = source, source_id
            self.changed.emit(source_id, source)

        def failed(exc: BaseException) -> None:
            self._loading = None
            self.ctx.error(tr("资料库"), exc)

        self.ctx.runner.submit(work, done, failed, channel="show-source")

    def clear(self) -> None:
        self.source = self.source_id = self._loading = None
        self.changed.emit(None, None)

    def page_at(self, source_id: int | None, content_hash: str, offset: int) -> int | None:
        """The page of `offset` in a source with pages (PDF): from the source on show, else from
        the library; None when it has no pages or cannot be read (the quote goes in without)."""
        shown = self.source
        if shown is not None and shown.content_hash == content_hash:
            return shown.page_at(offset)
        if source_id is None:
            return None
        try:
            with self.open_library() as lib:
                return lib.get_source(source_id).page_at(offset)
        except Exception as exc:  # a page number is not worth an error box
            log.warning("无法查到原文 %s 的页码：%s", source_id, exc)
            return None

    def source_ref(self, source_id: int | None, content_hash: str | None, title: str) -> SourceRef:
        """The provenance a quote records: the source's content hash (looked up in the library
        when the caller only knows its id) and, for the source on show, its file."""
        if content_hash is None and source_id is not None:
            try:
                with self.open_library() as lib:
                    content_hash = lib.content_hash(source_id)
            except Exception as exc:  # the quote still goes in, tied to the library id
                self.ctx.error(tr("资料库"), exc)
            content_hash = content_hash or f"library:{source_id}"
        shown = self.source
        path = str(shown.path) if shown and shown.content_hash == content_hash and shown.path else None
        return SourceRef(content_hash or title, title, path, source_id)
