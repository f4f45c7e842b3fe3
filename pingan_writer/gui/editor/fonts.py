"""The editor's typeface: a Simplified Chinese face, so Han characters take their mainland forms.

Without a family list Qt picks its default (DejaVu Sans here), and fontconfig then draws Han
characters from whichever CJK face wins its fallback, often Noto Sans CJK JP with Japanese glyph
forms. Naming SC faces first (and the common Windows and domestic-desktop ones) avoids that."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

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
