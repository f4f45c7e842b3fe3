"""Shaping the talk: a new draft from a template (the wizard), the 学习体会 skeleton from chosen
outline nodes, and section templates. What goes where, how it is numbered and how long the talk
becomes are decided in the core (draft.newdraft, draft.skeleton, draft.sections), the same code
the CLI runs; this controller asks, shows and applies the result as one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from pingan_writer.draft.length import length_verdict, verdict_text
from pingan_writer.draft.model import Draft
from pingan_writer.draft.newdraft import assemble_draft
from pingan_writer.draft.sections import next_point_number, paragraph_insert_position
from pingan_writer.draft.skeleton import marker, plan_skeleton
from pingan_writer.draft.templates import list_templates, render
from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context
from pingan_writer.gui.controllers.sources import SourcesController
from pingan_writer.gui.dialogs import new_draft
from pingan_writer.gui.editor.draft_editor import DraftEditor
from pingan_writer.text.outline import OutlineNode


class DraftingController(QObject):
    def __init__(
        self,
        ctx: Context,
        editor: DraftEditor,
        sources: SourcesController,
        open_new: Callable[[Draft], None],
    ) -> None:
        """`open_new(draft)` puts a newly made draft in the editor (after asking about unsaved
        changes: the document controller's job)."""
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.editor = editor
        self.sources = sources
        self.open_new = open_new

    # -- a new draft ----------------------------------------------------------------------

    def new_draft(self) -> None:
        try:
            templates = list_templates(kind="document")
            with self.sources.open_library() as lib:
                sources = [(i.id, i.title) for i in lib.sources()]
        except Exception as exc:
            self.ctx.error(tr("新建发言稿"), exc)
            return
        if not sources:
            self.ctx.error(
                tr("新建发言稿"), tr("资料库中还没有原文。请先用“文件→导入原文”导入要学习的材料。")
            )
            return
        settings = self.ctx.settings
        defaults = new_draft.NewDraftRequest(
            "study-talk",
            [self.sources.source_id or sources[0][0]],
            settings.speaker(),
            settings.meeting(),
            "",
            settings.preferences().target_minutes,
        )
        wizard = new_draft.NewDraftWizard(templates, sources, defaults, self.ctx.parent)
        if not wizard.exec():
            return
        req = wizard.request()
        settings.set_speaker(req.speaker)
        settings.set_meeting(req.meeting)
        try:
            template = next(t for t in templates if t.name == req.template)
            chosen = []
            with self.sources.open_library() as lib:
                for source_id in req.source_ids:
                    source = lib.get_source(source_id)
                    chosen.append(
                        (source, self.sources.source_ref(source_id, source.content_hash, source.title))
                    )
            draft = assemble_draft(
                template,
                chosen,
                speaker=req.speaker,
                meeting=req.meeting,
                date=req.date,
                target_minutes=req.minutes,
            )
        except Exception as exc:
            self.ctx.error(tr("新建发言稿"), exc)
            return
        self.open_new(draft)

    # -- the skeleton ----------------------------------------------------------------------

    def insert_skeleton(self, nodes: list[OutlineNode], detail: str = "lead") -> None:
        """The chosen nodes become the 学习体会 points, where a drafter would put them, as one
        undo step; the status bar then says how long the talk has become."""
        source, source_id = self.sources.source, self.sources.source_id
        if source is None or not nodes:
            self.ctx.error(tr("生成学习体会"), tr("请先在左侧提纲中选中一个或多个节点（按住 Ctrl 多选）。"))
            return
        ref = self.sources.source_ref(source_id, source.content_hash, source.title)
        try:
            plan = plan_skeleton(
                self.editor.draft(), source, ref, nodes, detail=detail, at=self.editor.textCursor().position()
            )
        except Exception as exc:
            self.ctx.error(tr("生成学习体会"), exc)
            return
        self.editor.replace_with_quotes(plan.start, plan.end, plan.text, ref, plan.quotes)
        self.ctx.tell(self._skeleton_report(len(nodes), plan), 12_000)

    def _skeleton_report(self, count: int, plan) -> str:
        prefs = self.ctx.settings.preferences()
        target = self.editor.meta.target_minutes or prefs.target_minutes
        verdict = length_verdict(plan.characters_after, target, prefs.speaking_rate)
        replaced = tr("，替换 %d 条未填写的提示") % plan.replaced_prompts if plan.replaced_prompts else ""
        return tr("已生成 %d 条学习体会%s。全文 %d 字（原 %d 字），约 %.1f 分钟，目标 %g 分钟：%s") % (
            count,
            replaced,
            plan.characters_after,
            plan.characters_before,
            verdict.minutes,
            target,
            verdict_text(verdict),
        )

    # -- section templates -----------------------------------------------------------------

    def fill_sections_menu(self, menu: QMenu) -> None:
        """List the section templates (read when the menu opens: not start-up work)."""
        menu.clear()
        try:
            sections = list_templates(kind="section")
        except Exception as exc:
            menu.addAction(tr("模板有误：%s") % exc).setEnabled(False)
            return
        for template in sections:
            action = menu.addAction(template.title)
            action.setStatusTip(template.description)
            # triggered(checked) would land in a default argument: bind the template explicitly
            action.triggered.connect(lambda _checked=False, t=template: self.insert_section(t))

    def insert_section(self, template) -> None:
        """Insert a section template as a paragraph of its own after the cursor's paragraph,
        numbered to follow the points of the section it lands in."""
        text = self.editor.toPlainText()
        at = paragraph_insert_position(text, self.editor.textCursor().position())
        style, number = next_point_number(text, at)
        source = self.sources.source
        values = {"source_title": source.title if source else "", "number": marker(style, number)}
        body = render(template, {k: v for k, v in values.items() if v}).strip("\n")
        if at > 0 and not text[:at].endswith("\n"):
            body = "\n" + body
        if at < len(text) or not body.endswith("\n"):
            body += "\n"
        self.editor.replace_with_quotes(at, at, body, None, [])
        self.editor.select_range(at, at)
        self.editor.next_prompt()  # straight to the first thing to write
