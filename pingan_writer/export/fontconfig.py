"""Free stand-ins for the official document fonts, for the LibreOffice PDF conversion.

The .docx names 方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312 and 宋体 (GB/T 9704). Linux machines
rarely have them, and fontconfig then falls back to one sans face for everything, usually
Noto Sans CJK JP (Japanese glyph forms). This module writes a private fontconfig file that
includes the system configuration and adds one rule per official name: the closest free face
with Simplified Chinese forms is appended *after* the official name, so a machine that has the
official font still uses it, and one that lacks it gets the stand-in instead of the fallback.
The file is used only by the LibreOffice subprocess (FONTCONFIG_FILE); the user's fontconfig
set-up is not touched.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = [
    "SUBSTITUTIONS",
    "Substitution",
    "fontconfig_env",
    "render_fontconfig",
    "write_fontconfig",
]

# Free faces with Simplified Chinese glyph forms, from Debian packages (scripts/setup, test role).
# First choice, one family for all four roles as in ctex's "fandol" set: FandolSong (Bold for
# 小标宋), FandolHei, FandolKai, FandolFang, from texlive-lang-chinese (GPL with font exception);
# FandolFang is the only packaged 仿宋 with Simplified forms (cwTeX 仿宋 in fonts-cwtex-fs has
# Big5 characters only: no 这, 说, 门, 为). Fandol before Noto for 宋/黑 too: Noto CJK ships as
# collections whose four languages share one CFF table named "NotoSerifCJKjp-…", so a PDF
# drawn with the SC face still lists a JP font and cannot be told apart from the wrong one.
# AR PL UKai CN (fonts-arphic-ukai, Arphic Public License) and LXGW WenKai (OFL) are later
# choices for 楷, used when installed and FandolKai is not. Noto Serif/Sans CJK SC
# (fonts-noto-cjk, OFL) end every list, so a machine without TeX Live still gets SC forms.
_SERIF = ("FandolSong", "Noto Serif CJK SC")
_SANS = ("FandolHei", "Noto Sans CJK SC")
_KAI = ("FandolKai", "AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC")
_FANG = ("FandolFang", "Noto Serif CJK SC")

# Fandol ships inside TeX Live, outside fontconfig's font folders: add them to the private file.
FANDOL_DIRS = (
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",  # Debian/Ubuntu texlive-lang-chinese
    "/usr/share/texmf-dist/fonts/opentype/public/fandol",  # Fedora/Arch layouts
    "/usr/local/texlive/*/texmf-dist/fonts/opentype/public/fandol",  # TeX Live's own installer
)
SYSTEM_CONFIG = "/etc/fonts/fonts.conf"
ZH_CN = "zh-cn"
FOREIGN_CJK_LANGS = ("ja", "ko", "zh-tw", "zh-hk", "zh-mo")


@dataclass(frozen=True, slots=True)
class Substitution:
    """The names one official face goes by (Chinese and Latin), and its stand-ins in order."""

    names: tuple[str, ...]
    faces: tuple[str, ...]
    bold: bool = False  # 小标宋 is a heavy Song: its stand-in is the bold weight


SUBSTITUTIONS: tuple[Substitution, ...] = (
    Substitution(
        ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"), _SERIF, bold=True
    ),
    Substitution(("宋体", "SimSun", "新宋体", "NSimSun"), _SERIF),
    Substitution(("黑体", "SimHei"), _SANS),
    Substitution(("楷体_GB2312", "楷体", "KaiTi_GB2312", "KaiTi"), _KAI),
    Substitution(("仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong"), _FANG),
)


def _strings(values: tuple[str, ...]) -> str:
    return "".join(f"<string>{escape(v)}</string>" for v in values)


def render_fontconfig(
    system_config: str, font_dirs: tuple[str, ...] = (), cache_dir: str | None = None
) -> str:
    """The configuration text: a private cache first (fontconfig writes to the first writable
    one), the rules, then the system configuration, so the rules run before the system's own
    language rules (which pick the JP/SC/TC variant of Noto CJK by `lang`)."""
    parts = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
    ]
    if cache_dir:
        parts.append(f"  <cachedir>{escape(cache_dir)}</cachedir>")
    parts += [f"  <dir>{escape(d)}</dir>" for d in font_dirs]
    # Fandol's Bold faces declare the regular weight (usWeightClass 400), so LibreOffice, which
    # takes the weight of fontconfig's answer, would draw a bold request in the Regular face.
    parts.append(
        '  <match target="scan"><test name="file" compare="contains"><string>/Fandol</string></test>'
        '<test name="style" compare="eq"><string>Bold</string></test>'
        '<edit name="weight" mode="assign"><const>bold</const></edit></match>'
    )
    # Han characters requested as Japanese, Korean or Traditional Chinese text would come out in
    # Noto CJK JP/KR/TC forms: this file is only used for Chinese talks, so ask for zh-cn. Other
    # requests keep their lang (with zh-cn, Times New Roman would lose Nimbus Roman/Liberation
    # Serif to Noto Serif CJK SC, which the system ranks above weakly bound metric aliases).
    for lang in FOREIGN_CJK_LANGS:
        parts.append(
            f'  <match target="pattern"><test name="lang" compare="contains"><string>{lang}</string>'
            f'</test><edit name="lang" mode="assign" binding="strong"><string>{ZH_CN}</string></edit></match>'
        )
    lang_cn = f'<edit name="lang" mode="assign" binding="strong"><string>{ZH_CN}</string></edit>'
    for sub in SUBSTITUTIONS:
        for name in sub.names:
            # mode="append" puts the stand-ins right after the matched name, strongly bound:
            # an installed official face still wins (it is first), a missing one is replaced
            # before any generic fallback is considered.
            weight = (
                '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
                if sub.bold
                else ""
            )
            parts.append(
                f'  <match target="pattern"><test name="family" qual="any"><string>{escape(name)}'
                f'</string></test><edit name="family" mode="append" binding="strong">'
                f"{_strings(sub.faces)}</edit>{weight}{lang_cn}</match>"
            )
    parts.append(f'  <include ignore_missing="yes">{escape(system_config)}</include>')
    parts.append("</fontconfig>")
    return "\n".join(parts) + "\n"


def _system_config(environ: Mapping[str, str]) -> str | None:
    """The configuration LibreOffice would use without us: the caller's FONTCONFIG_FILE if it
    names a file, else the system one. None where fontconfig is not in use (Windows, macOS)."""
    if sys.platform in ("win32", "darwin"):
        return None
    own = environ.get("FONTCONFIG_FILE", "")
    if own and os.path.isabs(own) and os.path.isfile(own):
        return own
    return SYSTEM_CONFIG if os.path.isfile(SYSTEM_CONFIG) else None


def _fandol_dirs() -> tuple[str, ...]:
    found: list[str] = []
    for pattern in FANDOL_DIRS:
        found += sorted(p for p in glob.glob(pattern) if os.path.isdir(p))
    return tuple(found)


def write_fontconfig(folder: Path, environ: Mapping[str, str] | None = None) -> Path | None:
    """Write fonts.conf (and its cache folder) into `folder`; its path, or None when this
    machine does not use fontconfig."""
    system = _system_config(os.environ if environ is None else environ)
    if system is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    cache = folder / "cache"
    cache.mkdir(exist_ok=True)
    path = folder / "fonts.conf"
    path.write_text(render_fontconfig(system, _fandol_dirs(), str(cache)), encoding="utf-8")
    return path


def fontconfig_env(folder: Path, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment with FONTCONFIG_FILE pointing at a fresh private file in
    `folder` (unchanged where fontconfig is not in use), for the LibreOffice subprocess."""
    base = dict(os.environ if environ is None else environ)
    path = write_fontconfig(folder, base)
    if path is not None:
        base["FONTCONFIG_FILE"] = str(path)
    return base
