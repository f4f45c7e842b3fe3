"""The main window's longer flows: import, export, new draft, checks, search, keywords,
related passages, skeleton, renumbering, preferences. Work that may take more than a moment runs
in a worker; its result comes back on the UI thread. Errors are shown as dialogs that name the
file and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from pingan_writer.errors import PinganError
from pingan_writer.gui import workers
from pingan_writer.gui.actions import tr

if TYPE_CHECKING:
    from pingan_writer.gui.main_window import MainWindow
    from pingan_writer.text.outline import OutlineNode


def error(w: MainWindow, title: str, message: str) -> None:
    from pingan_writer.gui.dialogs.reports import show_error

    show_error(w, title, message)


def _run(w: MainWindow, fn, on_done, on_progress=None, on_error=None, title: str = "") -> workers.Job:
    def retire(job: workers.Job) -> None:
        w.jobs.discard(job)
        w.done_jobs.append(job)  # still referenced while its thread returns from run()

    def finished(result, job_ref: list) -> None:
        retire(job_ref[0])
        on_done(result)

    def failed(exc, job_ref: list) -> None:
        retire(job_ref[0])
        if on_error is not None:
            on_error(exc)
        else:
            error(
                w,
                title or tr("出错了"),
                str(exc) if isinstance(exc, PinganError) else tr("操作失败：%s") % exc,
            )

    ref: list = []
    job = workers.start(fn, lambda r: finished(r, ref), lambda e: failed(e, ref), on_progress, w.pool)
    ref.append(job)
    w.jobs.add(job)
    return job


# -- import --------------------------------------------------------------------------------


def import_dialog(w: MainWindow) -> None:
    from pingan_writer.sources import SUPPORTED_SUFFIXES

    patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
    paths, _ = QFileDialog.getOpenFileNames(
        w, tr("导入原文"), w.settings.last_import_dir(), tr("原文 (%s);;所有文件 (*)") % patterns
    )
    if paths:
        w.settings.set_last_import_dir(str(Path(paths[0]).parent))
        import_paths(w, paths)


def import_paths(w: MainWindow, paths: list[str], on_finished=None) -> workers.Job:
    """Import files and folders in a worker, with a progress dialog that can cancel."""
    from pingan_writer.gui.dialogs.reports import show_import_report
    from pingan_writer.library.importer import import_paths as do_import
    from pingan_writer.library.store import Library

    progress = QProgressDialog(tr("正在导入原文…"), tr("取消"), 0, 1000, w)
    progress.setWindowTitle(tr("导入原文"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    library_path = w.library_path

    def work(report, cancelled):
        with Library.open(library_path) as lib:
            return do_import(lib, paths, lambda p: report(p.fraction, p.path.name), cancelled)

    def done(result) -> None:
        progress.close()
        imported = [
            (r.title, {"added": tr("已导入"), "replaced": tr("已更新"), "unchanged": tr("已存在")}[r.status])
            for _path, r in result.results
        ]
        failures = [(str(p), reason) for p, reason in result.failures]
        select = result.results[-1][1].source_id if result.results else None
        w.refresh_sources(select)
        if on_finished is not None:
            on_finished(result)
        elif failures or result.cancelled:
            show_import_report(w, imported, failures)
        w.statusBar().showMessage(tr("导入完成：%d 篇") % len(result.results), 4000)

    def on_progress(fraction: float, label: str) -> None:
        progress.setValue(int(fraction * 1000))
        progress.setLabelText(tr("正在导入：%s") % label)

    job = _run(w, work, done, on_progress, title=tr("导入原文"))
    progress.canceled.connect(job.cancel)
    return job


def remove_source(w: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    if w.source_id is None:
        return
    answer = QMessageBox.question(
        w, tr("移除原文"), tr("从资料库移除《%s》？文件本身不会删除。") % w.source.title
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    with w.open_library() as lib:
        lib.remove_source(w.source_id)
    w.source = w.source_id = None
    w.library_dock.model.set_outline(None)
    w.refresh_sources()


# -- new draft, skeleton, sections ------------------------------------------------------------


def new_draft(w: MainWindow) -> None:
    from pingan_writer.draft.model import Draft, DraftMeta
    from pingan_writer.draft.templates import list_templates, render
    from pingan_writer.gui.dialogs.new_draft import NewDraftRequest, NewDraftWizard

    if not w.maybe_save():
        return
    with w.open_library() as lib:
        sources = [(i.id, i.title) for i in lib.sources()]
    if not sources:
        error(w, tr("新建发言稿"), tr("资料库中还没有原文。请先用“文件→导入原文”导入要学习的材料。"))
        return
    defaults = NewDraftRequest(
        "study-talk",
        [w.source_id or sources[0][0]],
        w.settings.speaker(),
        w.settings.meeting(),
        "",
        w.settings.preferences().target_minutes,
    )
    wizard = NewDraftWizard(list_templates(kind="document"), sources, defaults, w)
    if not wizard.exec():
        return
    req = wizard.request()
    w.settings.set_speaker(req.speaker)
    w.settings.set_meeting(req.meeting)
    with w.open_library() as lib:
        chosen = [lib.get_source(i) for i in req.source_ids]
    template = next(t for t in list_templates(kind="document") if t.name == req.template)
    title = "、".join(s.title for s in chosen)
    values = {"source_title": title, "speaker": req.speaker, "meeting": req.meeting, "date": req.date}
    text = render(template, {k: v for k, v in values.items() if v})
    draft = Draft(
        text,
        DraftMeta(
            f"学习《{chosen[0].title}》体会", req.speaker, req.meeting, req.date, req.minutes, template.name
        ),
    )
    from pingan_writer.draft.model import SourceRef

    for s, sid in zip(chosen, req.source_ids, strict=True):
        draft.add_source(SourceRef(s.content_hash, s.title, str(s.path) if s.path else None, sid))
    w.set_draft(draft, None, modified=True)


def insert_skeleton(w: MainWindow, nodes: list[OutlineNode]) -> None:
    from pingan_writer.draft.model import Draft
    from pingan_writer.draft.skeleton import CN_PAREN
    from pingan_writer.draft.skeleton import insert_skeleton as build

    if w.source is None or not nodes:
        error(w, tr("生成学习体会"), tr("请先在左侧提纲中选中一个或多个节点（按住 Ctrl 多选）。"))
        return
    scratch = Draft()
    ref = w._source_ref(w.source_id, w.source.content_hash, w.source.title)
    build(scratch, 0, w.source, ref, nodes, CN_PAREN, _next_point_number(w))
    cursor = w.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.StartOfBlock)
    w.editor.setTextCursor(cursor)
    # Insert piece by piece so each quote is recorded with its provenance (and one undo each).
    pos = 0
    for q in sorted(scratch.quotes, key=lambda q: q.start):
        if q.start > pos:
            w.editor.insertPlainText(scratch.text[pos : q.start])
        w.editor.insert_quote(q.text, ref, q.node, q.source_start, q.source_end)
        pos = q.end
    w.editor.insertPlainText(scratch.text[pos:])


def _next_point_number(w: MainWindow) -> int:
    """（N） continues the points already under the section holding the cursor."""
    from pingan_writer.text.outline import HEADING, parse_outline

    text = w.editor.toPlainText()
    outline = parse_outline(text)
    pos = w.editor.textCursor().position()
    while pos > 0 and text[pos - 1].isspace():  # the section's range ends at its last character
        pos -= 1
    path = outline.path_at(max(0, pos - 1))
    heads = [n for n in path if n.kind == HEADING]
    if not heads:
        return 1
    return 1 + sum(1 for c in heads[0].children if c.kind == HEADING)


def refresh_sections_menu(w: MainWindow) -> None:
    from pingan_writer.draft.templates import list_templates, render

    w.sections_menu.clear()
    try:
        sections = list_templates(kind="section")
    except PinganError as exc:
        w.sections_menu.addAction(tr("模板有误：%s") % exc).setEnabled(False)
        return

    def insert(template) -> None:
        values = {
            "source_title": w.source.title if w.source else "",
            "number": f"（{_cn(_next_point_number(w))}）",
        }
        w.editor.insertPlainText(render(template, {k: v for k, v in values.items() if v}) + "\n")

    for t in sections:
        action = w.sections_menu.addAction(t.title)
        action.setStatusTip(t.description)
        # triggered(checked) would land in a default argument: bind the template explicitly
        action.triggered.connect(lambda _checked=False, t=t: insert(t))


def _cn(n: int) -> str:
    from pingan_writer.text.numerals import int_to_cn

    return int_to_cn(n)


def refresh_recent_menu(w: MainWindow) -> None:
    w.recent_menu.clear()
    files = w.settings.existing_recent_files()
    for path in map(str, files):
        w.recent_menu.addAction(Path(path).name, lambda p=path: w.open_draft(p)).setStatusTip(path)
    w.recent_menu.setEnabled(bool(files))


# -- checks and renumbering -------------------------------------------------------------------


def run_checks(w: MainWindow) -> None:
    from pingan_writer.draft.checks import run_checks as checks

    text = w.editor.toPlainText()
    prefs = w.settings.preferences()
    minutes = w.editor.meta.target_minutes or prefs.target_minutes

    def done(findings) -> None:
        w.checks_panel.set_busy(False)
        w.checks_panel.set_findings(findings, text)
        w.tabs.setCurrentWidget(w.checks_panel)

    w.checks_panel.set_busy(True)
    _run(w, lambda _r, _c: checks(text, minutes, prefs.speaking_rate), done, title=tr("检查稿件"))


def renumber(w: MainWindow, fix_levels: bool) -> None:
    """Rewrite only the numbering markers, in place and as one undo step, so quotes and the
    rest of the text stay exactly where they are."""
    from pingan_writer.draft.renumber import fix_level_edits, renumber_edits

    cursor = w.editor.textCursor()
    cursor.beginEditBlock()
    changed = 0
    for make_edits in ((fix_level_edits,) if fix_levels else ()) + (renumber_edits,):
        edits = make_edits(w.editor.toPlainText())
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):  # later first: offsets hold
            cursor.setPosition(edit.start)
            cursor.setPosition(edit.end, cursor.MoveMode.KeepAnchor)
            cursor.insertText(edit.replacement)
        changed += len(edits)
    cursor.endEditBlock()
    w.statusBar().showMessage(tr("已重新编号（%d 处）") % changed if changed else tr("序号无需调整"), 3000)


# -- search, related, keywords ----------------------------------------------------------------


def search(w: MainWindow, query: str, source_id: int | None) -> None:
    from pingan_writer.library.search import search as do_search
    from pingan_writer.library.store import Library

    if not query.strip():
        w.search_panel.set_results([], tr("输入词语开始搜索"))
        return
    path = w.library_path

    def work(_r, _c):
        with Library.open(path) as lib:
            return do_search(lib, query, source_id, 50)

    _run(
        w,
        work,
        # query=: results that arrive after the user has typed on are dropped by the panel
        lambda hits: w.search_panel.set_results(hits, "" if hits else tr("没有找到"), query=query),
        on_error=lambda e: w.search_panel.set_results([], str(e), query=query),
    )


def refresh_related(w: MainWindow) -> None:
    from pingan_writer.library.search import related
    from pingan_writer.library.store import Library

    block = w.editor.textCursor().block().text().strip()
    if len(block) < 8:
        return
    path = w.library_path

    def work(_r, _c):
        with Library.open(path) as lib:
            return related(lib, block, 10)

    _run(w, work, w.related_panel.set_results, on_error=lambda _e: None)


def refresh_keywords(w: MainWindow, node: OutlineNode | None) -> None:
    from pingan_writer.library.keywords import node_keywords, source_keywords
    from pingan_writer.library.store import Library

    if w.source_id is None:
        return
    source_id, path = w.source_id, w.library_path
    title = (node.title if node is not None else w.source.title) or ""

    def work(_r, _c):
        with Library.open(path) as lib:
            kws = (
                node_keywords(lib, source_id, node, 15)
                if node is not None
                else source_keywords(lib, source_id, 15)
            )
        return [(k.word, k.weight) for k in kws]

    _run(w, work, lambda kws: w.keywords_panel.set_keywords(kws, title), on_error=lambda _e: None)


def preload_jieba(w: MainWindow) -> None:
    """Load jieba's dictionary in a worker once the window is up (about half a second)."""
    from pingan_writer.library import segment

    _run(w, lambda _r, _c: segment.ensure_loaded(), lambda _t: None, on_error=lambda _e: None)


# -- export and preferences ---------------------------------------------------------------------


def export(w: MainWindow) -> None:
    from pingan_writer.export.api import export_draft
    from pingan_writer.gui.dialogs.export_dialog import ExportDialog, show_export_done

    name = (w.session.path.stem if w.session.path else w.editor.meta.title or tr("发言稿")) + ".docx"
    folder = Path(w.settings.last_export_dir() or Path.home())
    dialog = ExportDialog(folder / name, w.settings.preferences().export_options(), w)
    if not dialog.exec():
        return
    target, options = dialog.request()
    w.settings.set_last_export_dir(str(target.parent))
    draft = w.editor.draft()
    progress = QProgressDialog(tr("正在导出…"), None, 0, 1000, w)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def done(path) -> None:
        progress.close()
        show_export_done(w, path)

    def failed(exc) -> None:
        progress.close()
        error(w, tr("导出"), str(exc) if isinstance(exc, PinganError) else tr("导出失败：%s") % exc)

    _run(
        w,
        lambda report, _c: export_draft(draft, target, options, lambda f: report(f, "")),
        done,
        lambda f, _l: progress.setValue(int(f * 1000)),
        failed,
    )


def edit_preferences(w: MainWindow) -> None:
    from pingan_writer.gui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(w.settings.preferences(), w)
    if dialog.exec():
        w.settings.set_preferences(dialog.preferences())
        w.apply_preferences()
