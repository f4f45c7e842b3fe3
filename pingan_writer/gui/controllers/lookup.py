"""Finding things in the library: search as the user types, passages related to the paragraph
at the cursor, and keywords of the shown source or node. Each runs in a worker on its own
channel, so a result that arrives after a newer request is dropped rather than shown."""

from __future__ import annotations

from PySide6.QtCore import QObject

from pingan_writer.errors import describe_error
from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context, log
from pingan_writer.gui.controllers.sources import SourcesController
from pingan_writer.gui.panels.keywords import KeywordsPanel
from pingan_writer.gui.panels.passages import RelatedPanel, SearchPanel
from pingan_writer.library import segment
from pingan_writer.library.keywords import node_keywords, source_keywords
from pingan_writer.library.search import related
from pingan_writer.library.search import search as do_search
from pingan_writer.text.outline import OutlineNode

RELATED_MIN_CHARS = 8  # a shorter paragraph says too little to look anything up by


class LookupController(QObject):
    def __init__(
        self,
        ctx: Context,
        sources: SourcesController,
        search_panel: SearchPanel,
        related_panel: RelatedPanel,
        keywords_panel: KeywordsPanel,
    ) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.sources = sources
        self.search_panel = search_panel
        self.related_panel = related_panel
        self.keywords_panel = keywords_panel
        self._related_for: str | None = None

    def search(self, query: str, source_id: int | None) -> None:
        if not query.strip():
            self.search_panel.set_results([], tr("输入词语开始搜索"))
            return
        sources = self.sources

        def work(_report, _cancelled):
            with sources.open_library() as lib:
                return do_search(lib, query, source_id, 50)

        self.ctx.runner.submit(
            work,
            lambda hits: self.search_panel.set_results(hits, "" if hits else tr("没有找到"), query=query),
            lambda exc: self.search_panel.set_results([], describe_error(exc), query=query),
            channel="search",
        )

    def refresh_related(self, paragraph: str) -> None:
        paragraph = paragraph.strip()
        if len(paragraph) < RELATED_MIN_CHARS or paragraph == self._related_for:
            return
        self._related_for = paragraph
        sources = self.sources

        def work(_report, _cancelled):
            with sources.open_library() as lib:
                return related(lib, paragraph, 10)

        def failed(exc: BaseException) -> None:
            self._related_for = None  # try again next time the cursor moves
            self.related_panel.set_results([], tr("查找相关原文时出错：%s") % describe_error(exc))

        self.ctx.runner.submit(work, self.related_panel.set_results, failed, channel="related")

    def refresh_keywords(self, node: OutlineNode | None = None) -> None:
        source_id, source = self.sources.source_id, self.sources.source
        if source_id is None or source is None:
            self.keywords_panel.set_keywords([], "")
            return
        title = (node.title if node is not None else source.title) or ""
        sources = self.sources

        def work(_report, _cancelled):
            with sources.open_library() as lib:
                if node is not None:
                    kws = node_keywords(lib, source_id, node, 15)
                else:
                    kws = source_keywords(lib, source_id, 15)
            return [(k.word, k.weight) for k in kws]

        def failed(exc: BaseException) -> None:
            self.keywords_panel.set_keywords([], tr("关键词提取失败：%s") % describe_error(exc))

        self.ctx.runner.submit(
            work, lambda kws: self.keywords_panel.set_keywords(kws, title), failed, channel="keywords"
        )

    def preload_jieba(self) -> None:
        """Load jieba's dictionary in a worker once the window is up (about half a second), so
        the first search does not wait for it. A failure is logged and said in the status bar;
        search will try again and report the error where it happens."""
        def failed(exc: BaseException) -> None:
            log.error("jieba preload failed", exc_info=exc)
            self.ctx.tell(tr("分词词典加载失败，搜索和关键词可能不可用：%s") % describe_error(exc), 10_000)

        self.ctx.runner.submit(lambda _r, _c: segment.ensure_loaded(), None, failed, channel="jieba")
