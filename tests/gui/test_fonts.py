"""The window's typefaces: the desktop's own UI font for Latin, Simplified Chinese faces for Han,
so menus and panels never fall back to a 宋 or Japanese face another font package promoted."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

from pingan_writer.gui.editor.fonts import PREFERRED, chinese_font_families, ui_font


def test_ui_font_keeps_the_desktop_font_first_and_adds_sc_faces(qapp):
    base = QFont("DejaVu Sans", 11)
    font = ui_font(base)
    families = font.families()
    assert families[0] == "DejaVu Sans" and font.pointSize() == 11
    assert families[1:] == [f for f in chinese_font_families() if f != "DejaVu Sans"]


def test_han_text_in_the_ui_is_drawn_in_an_sc_face(qapp):
    installed = set(QFontDatabase.families())
    sc = [f for f in PREFERRED if f in installed]
    if not sc:
        pytest.skip("no Simplified Chinese face installed (scripts/setup installs fonts-noto-cjk)")
    font = ui_font(QFont("Definitely Not A Font Family"))
    assert QFontInfo(QFont(font.families()[1])).family() == sc[0]
