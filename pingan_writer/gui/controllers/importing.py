"""Importing sources: the 导入原文 dialog, files dropped on the window or the library panel, and
removing a source. The import runs in a worker with a progress dialog that can cancel; the report
says what was added, what was already there, and what failed and why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context, log
from pingan_writer.gui.controllers.sources import SourcesController
from pingan_writer.gui.dialogs import reports
from pingan_writer.gui.dialogs.progress import dismiss, work_progress
from pingan_writer.gui.jobs import Job
from pingan_writer.library.importer import ImportReport, import_source
from pingan_writer.library.importer import import_paths as do_import
from pingan_writer.library.records import AddResult
from pingan_writer.sources import SUPPORTED_SUFFIXES
from pingan_writer.sources.reader import read_text_source

STATUS_WORDS = {"added": "已导入", "replaced": "已更新", "unchanged": "已存在"}
# The import dialog's filters: every format together first, then each kind on its own. Upper
# case too, for files from Windows (*.PDF), where the file dialog's match is case-sensitive.
FILTER_GROUPS = [
    ("PDF", (".pdf",)),
    ("Word", (".docx", ".doc")),
    ("WPS 文字", (".wps",)),
    ("网页", (".html", ".htm", ".mhtml", ".mht")),
    ("OpenDocument / RTF", (".odt", ".rtf")),
    ("文本", (".txt", ".text", ".md", ".markdown")),
]


def _patterns(suffixes) -> str:
    return " ".join(f"*{s} *{s.upper()}" for s in suffixes)


def file_filters() -> str:
    groups = [tr("所有支持的原文 (%s)") % _patterns(SUPPORTED_SUFFIXES)]
    groups += [f"{tr(name)} ({_patterns(suffixes)})" for name, suffixes in FILTER_GROUPS]
    return ";;".join([*groups, tr("所有文件 (*)")])


def import_summary(report: ImportReport) -> str:
    """One line for the status bar: how many were added, updated, already there, failed."""
    counts = {status: 0 for status in STATUS_WORDS}
    for _path, result in report.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    parts = [f"{tr(STATUS_WORDS[s])} {n} 篇" for s, n in counts.items() if n]
    if report.failures:
        parts.append(tr("%d 个文件未能导入") % len(report.failures))
    if report.cancelled:
        parts.append(tr("已取消"))
    return tr("导入完成：") + ("，".join(parts) if parts else tr("没有可导入的文件"))


class ImportController(QObject):
    def __init__(self, ctx: Context, sources: SourcesController) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.sources = sources

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.ctx.parent,
            tr("导入原文"),
            str(self.ctx.settings.last_import_dir()),  # Qt takes str, not Path (PySide6 ≥ 6.12 refuses)
            file_filters(),
        )
        if paths:
            self.ctx.settings.set_last_import_dir(str(Path(paths[0]).parent))
            self.import_paths(paths)

    def import_clipboard(self) -> None:
        """The clipboard's text as a source: its HTML read like a saved page when a web page was
        copied, else its plain text titled by the first line. Read and stored in a worker."""
        mime = QGuiApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else None
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not (text.strip() or (html and html.strip())):
            self.ctx.error(tr("从剪贴板导入原文"), tr("剪贴板中没有文字。请先在网页或文档中选中正文并复制。"))
            return
        sources = self.sources

        def work(_report, _cancelled) -> AddResult:
            source = read_text_source(text, tr("剪贴板"), html=html)
            with sources.open_library() as lib:
                return import_source(lib, source)

        def done(result: AddResult) -> None:
            sources.refresh(result.source_id)
            word = tr(STATUS_WORDS[result.status])
            self.ctx.tell(tr("%s：《%s》（来自剪贴板）") % (word, result.title), 6000)

        self.ctx.runner.submit(work, done, lambda exc: self.ctx.error(tr("从剪贴板导入原文"), exc))

    def import_paths(
        self, paths: list[str], on_finished: Callable[[ImportReport], None] | None = None
    ) -> Job:
        """Import files and folders in a worker. Without `on_finished`, the outcome is shown: in
        the status bar, and in a report when anything failed or was already there."""
        progress = work_progress(self.ctx.parent, tr("导入原文"), tr("正在导入原文…"), tr("取消"), 400)
        sources = self.sources

        def work(report, cancelled) -> ImportReport:
            with sources.open_library() as lib:
                return do_import(lib, paths, lambda p: report(p.fraction, p.path.name), cancelled)

        def done(result: ImportReport) -> None:
            dismiss(progress)
            for failed_path, why in result.failures:
                log.info("未能导入 %s：%s", failed_path, why)
            select = result.results[-1][1].source_id if result.results else None
            sources.refresh(select)
            self.ctx.tell(import_summary(result), 6000)
            if on_finished is not None:
                on_finished(result)
                return
            unchanged = any(r.status == "unchanged" for _p, r in result.results)
            noted = any(r.notes for _p, r in result.results)
            if result.failures or result.cancelled or unchanged or noted:
                rows = [
                    (r.title, "；".join([tr(STATUS_WORDS[r.status]), *r.notes])) for _p, r in result.results
                ]
                reports.show_import_report(
                    self.ctx.parent, rows, [(str(p), why) for p, why in result.failures]
                )

        def failed(exc: BaseException) -> None:
            dismiss(progress)
            self.ctx.error(tr("导入原文"), exc)

        def on_progress(fraction: float, label: str) -> None:
            progress.setValue(int(fraction * 1000))
            progress.setLabelText(tr("正在导入：%s") % label)

        job = self.ctx.runner.submit(work, done, failed, on_progress)
        progress.canceled.connect(lambda: job.cancel())
        return job

    def remove_current(self) -> None:
        source, source_id = self.sources.source, self.sources.source_id
        if source is None or source_id is None:
            self.ctx.tell(tr("请先在左侧选中要移除的原文"))
            return
        answer = QMessageBox.question(
            self.ctx.parent, tr("移除原文"), tr("从资料库移除《%s》？文件本身不会删除。") % source.title
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.sources.open_library() as lib:
                lib.remove_source(source_id)
        except Exception as exc:
            self.ctx.error(tr("移除原文"), exc)
            return
        self.sources.clear()
        self.sources.refresh()
