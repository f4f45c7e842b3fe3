"""提词器 and 排练: the draft full screen at the speaker's pace, and what a rehearsal leaves
behind — its record in the draft, plan against actual, and the offer to adopt the measured pace
as the speaker's own rate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pingan_writer.draft.rehearsal import record
from pingan_writer.draft.timing import draft_timing
from pingan_writer.gui.actions import tr
from pingan_writer.gui.controllers.context import Context
from pingan_writer.gui.editor.draft_editor import DraftEditor
from pingan_writer.gui.settings import RATE_RANGE


class RehearsalController:
    def __init__(
        self,
        ctx: Context,
        editor: DraftEditor,
        pace: Callable[[], tuple[float, float]],
        rehearsed: Callable[[], None],
        rate_adopted: Callable[[], None],
    ) -> None:
        """`pace()` gives (target minutes, rate); `rehearsed()` is called once a rehearsal is
        kept with the draft, `rate_adopted()` once its pace became the speaker's rate."""
        self.ctx = ctx
        self.editor = editor
        self._pace = pace
        self._rehearsed = rehearsed
        self._rate_adopted = rate_adopted
        self.prompter = None  # the open PrompterWindow, if any

    def open_prompter(self) -> None:
        """The draft full screen in large type, scrolling at the speaker's rate (F5)."""
        from pingan_writer.gui.prompter import PrompterWindow

        text = self.editor.toPlainText()
        if not text.strip():
            self.ctx.tell(tr("稿件是空的，没有可以提词的内容"))
            return
        target, rate = self._pace()
        parent = self.ctx.parent
        self.prompter = prompter = PrompterWindow(text, rate, target, self.ctx.settings.store, parent)
        started = datetime.now().isoformat(timespec="seconds")
        prompter.closed.connect(
            lambda: self._closed(prompter.rehearsal_marks(), text, rate, target, started)
        )
        # The whole screen even where no window manager honours "full screen".
        prompter.setGeometry(parent.screen().geometry())
        prompter.showFullScreen()

    def _closed(self, marks: list[float], text: str, rate: float, target: float, started: str) -> None:
        """A rehearsal (sections marked with Enter, or passed by the scrolling) is kept with the
        draft and its result shown, with the offer to take the measured pace as the speaker's own."""
        from pingan_writer.gui.dialogs.rehearsal import RehearsalDialog

        self.prompter = None
        if not marks:
            return
        rehearsal = record(started, draft_timing(text, round(rate), target), list(marks))
        self.editor.add_rehearsal(rehearsal)
        self._rehearsed()
        dialog = RehearsalDialog(rehearsal, round(rate), self.ctx.parent)
        if dialog.exec() != RehearsalDialog.DialogCode.Accepted or dialog.measured is None:
            return
        settings = self.ctx.settings
        prefs = settings.preferences()
        low, high = RATE_RANGE  # what the preferences accept
        prefs.speaking_rate = min(max(dialog.measured, low), high)
        settings.set_preferences(prefs)
        self._rate_adopted()
        self.ctx.tell(tr("今后按每分钟 %d 字估算时长") % settings.preferences().speaking_rate, 6000)
