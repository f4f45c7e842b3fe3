"""The 提词器 (teleprompter): a full-screen window that scrolls the draft's spoken text at the
speaker's rate. The headless part (what is shown, the pace) is pingan_writer.draft.prompter."""

from pingan_writer.gui.prompter.window import PrompterWindow

__all__ = ["PrompterWindow"]
