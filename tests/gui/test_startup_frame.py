"""The window's first paint needs only its frame: the editor, the controllers and the heavy
libraries come after it, and so does PySide6's Qt namespace (about 20 ms to build), so the window
appears as fast as a bare Qt window. Run in a fresh interpreter: this test process has long since
imported all of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import json, sys
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication

app = QApplication([])
from pingan_writer.gui.crash import install_excepthook
from pingan_writer.gui.i18n import install_chinese
from pingan_writer.gui.main_window import MainWindow

install_chinese(app)
install_excepthook(lambda: None, None)
window = MainWindow(defer_panels=True)
window.show()
heavy = ("pingan_writer.gui.editor.draft_editor", "pingan_writer.gui.controllers.documents",
         "pingan_writer.gui.jobs", "pingan_writer.draft.model",
         "pingan_writer.gui.controllers.exporting", "pingan_writer.text.outline", "docx", "jieba")
frame = {
    "qt_namespace": "Qt" in QtCore.__dict__,
    "heavy": [m for m in heavy if m in sys.modules],
    "has_editor": hasattr(window, "editor"),
    "shortcut_open": window.action_map["open"].shortcut().toString(),
    "title": window.windowTitle(),
}
window.finish_setup()
done = {
    "has_editor": hasattr(window, "editor"),
    "toolbar_icons": all(not a.icon().isNull() for a in window.menus.toolbar.actions()),
    "toolbar_style": window.menus.toolbar.toolButtonStyle().name,
}
window.editor.document().setModified(False)
window.close()
print(json.dumps({"frame": frame, "done": done}))
"""


def run_probe(tmp_path: Path) -> dict:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PINGAN_WRITER_DATA": str(tmp_path / "data"),
        "PINGAN_WRITER_LIBRARY": str(tmp_path / "lib.sqlite3"),
        "PINGAN_WRITER_CACHE": str(tmp_path / "cache"),
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_frame_is_shown_before_the_workspace_and_the_workspace_follows(tmp_path):
    result = run_probe(tmp_path)
    frame, done = result["frame"], result["done"]
    assert frame["heavy"] == []
    assert frame["qt_namespace"] is False
    assert frame["has_editor"] is False
    assert frame["shortcut_open"] == "Ctrl+O"  # the menus are complete in the first frame
    assert "平安写作" in frame["title"]
    assert done["has_editor"] is True
    assert done["toolbar_icons"] is True  # drawn where the theme has none
    assert done["toolbar_style"] == "ToolButtonTextBesideIcon"


def test_a_shortcut_pressed_before_the_workspace_exists_builds_it_first(qtbot):
    """The frame's actions are live the moment the window shows; one fired before finish_setup
    ran must not fail on a part that is not built yet."""
    from pingan_writer.gui.main_window import MainWindow

    window = MainWindow(defer_panels=True)
    qtbot.addWidget(window)
    window.show()
    assert not hasattr(window, "editor")
    window.action_map["select_all"].trigger()
    assert hasattr(window, "editor") and window.find_bar is not None
    window.editor.document().setModified(False)
