"""The editor's and the window's typefaces: Simplified Chinese faces, so Han characters take their
mainland forms.

Without a family list Qt picks its default (DejaVu Sans here), and fontconfig then draws Han
characters from whichever CJK face wins its fallback, often Noto Sans CJK JP with Japanese glyph
forms. Naming SC faces first (and the common Windows and domestic-desktop ones) avoids that."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

PREFERRED = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "思源黑体",
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "文泉驿微米黑",
    "Noto Serif CJK SC",
    "SimSun",
    "宋体",
)


def chinese_font_families() -> list[str]:
    """Installed SC families in order of preference (the first is used, the rest are fallbacks)."""
    installed = set(QFontDatabase.families())
    found = [f for f in PREFERRED if f in installed]
    return found or list(PREFERRED[:1])


def ui_font(base: QFont) -> QFont:
    """The desktop's own UI font for Latin text, followed by the installed SC faces for Han:
    left to fontconfig, Han text in menus and panels fell back to whatever CJK face a font
    package had promoted (a 宋 face after TeX Live's Chinese fonts were installed, a JP face on
    other machines). Size, weight and the desktop's family stay as the desktop set them."""
    font = QFont(base)
    families = [base.family(), *chinese_font_families()]
    font.setFamilies(list(dict.fromkeys(families)))
    return font
