"""Which fonts the Word export names, and which of them this machine lacks.

Word and WPS substitute a font that is not installed, so the file still names the standard
faces; the export dialog tells the user which of them this machine will substitute. On Linux
and macOS fontconfig is asked (`fc-list`); on Windows the installed-font registry keys are
read, whose value names ("仿宋 常规 (TrueType)", "FangSong (TrueType)") are mapped to the family
names Word uses. The answer is computed once per process."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable

from pingan_writer.export import gbt9704 as L
from pingan_writer.export.options import ExportOptions

FC_LIST_TIMEOUT_S = 10

# Chinese family name → the English name of the same face (Windows lists either, by UI language).
ENGLISH_NAMES = {
    "仿宋": "FangSong",
    "楷体": "KaiTi",
    "黑体": "SimHei",
    "宋体": "SimSun",
    "仿宋_GB2312": "FangSong_GB2312",
    "楷体_GB2312": "KaiTi_GB2312",
    "方正小标宋简体": "FZXiaoBiaoSong-B05S",
}

_WINDOWS_FONT_KEY = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
# Trailing words of a registry value name that name a style, not the family.
_STYLE_WORDS = {
    "regular",
    "bold",
    "italic",
    "oblique",
    "light",
    "semibold",
    "semilight",
    "medium",
    "black",
    "常规",
    "粗体",
    "倾斜",
    "斜体",
    "粗偏斜",
    "粗斜体",
}
_FORMAT_SUFFIX = re.compile(r"\s*\((?:TrueType|OpenType|Type 1|VGA res|All res)[^)]*\)\s*$", re.I)


def fonts_used(options: ExportOptions) -> list[str]:
    """The families the .docx names for its text: title, headings, body, 楷体, Latin (a speaker's
    copy: 黑体 headings and title, the body's 仿宋, Latin)."""
    if options.speaker_copy:
        return [L.HEITI, options.fangsong, L.LATIN]
    return [L.XIAOBIAOSONG, L.HEITI, options.fangsong, options.kaiti, L.LATIN]


def missing_fonts(options: ExportOptions) -> list[str] | None:
    """Those of fonts_used(options) this machine does not have, in the same order; None when
    the installed fonts cannot be found out (no fontconfig, fc-list failed)."""
    installed = installed_families()
    if installed is None:
        return None
    return [name for name in fonts_used(options) if not _is_installed(name, installed)]


# The other name each choosable font goes by on Windows machines (see options.py).
_ALTERNATIVES = {"仿宋_GB2312": "仿宋", "仿宋": "仿宋_GB2312", "楷体_GB2312": "楷体", "楷体": "楷体_GB2312"}


def missing_fonts_notice(options: ExportOptions, pdf: bool = False) -> str | None:
    """What the export dialog and `export` say about fonts this machine lacks, or None when it
    has them all (or cannot tell). One wording for the GUI and the CLI."""
    missing = missing_fonts(options)
    if not missing:
        return None
    names = "、".join(missing)
    if pdf:
        text = f"本机没有安装 {names}，PDF 中将用字形相近的免费简体字体代替（如 FandolFang 代仿宋）。"
    else:
        text = (
            f"本机没有安装 {names}。Word 文件仍写明标准字体，在装有这些字体的电脑上打开、打印即为"
            "标准字体；在本机打开会以其他字体显示。"
        )
    installed = installed_families() or frozenset()
    swaps = [
        f"“{_ALTERNATIVES[name]}”"
        for name in missing
        if name in _ALTERNATIVES and _is_installed(_ALTERNATIVES[name], installed)
    ]
    if swaps:
        text += f"本机有 {'、'.join(swaps)}，可改选。"
    return text


@functools.cache
def installed_families() -> frozenset[str] | None:
    """Every installed family name, casefolded, with the Chinese/English twin of each known
    face added; None when it cannot be known."""
    if sys.platform == "win32":
        names = _windows_registry_names()
        families = None if names is None else families_from_registry_names(names)
    else:
        output = _run_fc_list()
        families = None if output is None else families_from_fc_list(output)
    return None if families is None else frozenset(_with_twins(families))


def families_from_fc_list(output: str) -> set[str]:
    """Family names in `fc-list : family` output: one font a line, its family names (the
    localized ones too, e.g. "仿宋_GB2312,FangSong_GB2312") comma-separated, with "\\", "-",
    ":" and "," escaped by a backslash."""
    families: set[str] = set()
    for line in output.splitlines():
        for name in _split_escaped(line.strip()):
            if name:
                families.add(name)
    return families


def families_from_registry_names(value_names: Iterable[str]) -> set[str]:
    """Family names from the value names of Windows' font registry keys: "SimSun & NSimSun
    (TrueType)" → SimSun, NSimSun; "仿宋 常规 (TrueType)" → 仿宋; "Times New Roman Bold
    (TrueType)" → Times New Roman."""
    families: set[str] = set()
    for value_name in value_names:
        base = _FORMAT_SUFFIX.sub("", value_name).strip()
        for part in base.split("&"):
            words = part.split()
            while len(words) > 1 and words[-1].casefold() in _STYLE_WORDS:
                words.pop()
            if words:
                families.add(" ".join(words))
    return families


def _split_escaped(line: str) -> list[str]:
    names, current, escaped = [], [], False
    for ch in line:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            names.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    names.append("".join(current).strip())
    return names


def _with_twins(families: Iterable[str]) -> set[str]:
    folded = {f.casefold() for f in families}
    for chinese, english in ENGLISH_NAMES.items():
        if chinese.casefold() in folded or english.casefold() in folded:
            folded.update((chinese.casefold(), english.casefold()))
    return folded


def _is_installed(name: str, installed: frozenset[str]) -> bool:
    return name.casefold() in installed


def _run_fc_list() -> str | None:
    """`fc-list : family`'s output, or None without fontconfig or when it fails."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run(
            [fc_list, ":", "family"],
            capture_output=True,
            timeout=FC_LIST_TIMEOUT_S,
            check=False,
            encoding="utf-8",
            errors="replace",
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _windows_registry_names() -> list[str] | None:
    """The value names under the machine's and the user's font keys (fonts installed for the
    current user only are listed under HKCU since Windows 10 1809)."""
    try:
        import winreg
    except ImportError:
        return None
    names: list[str] = []
    found = False
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(root, _WINDOWS_FONT_KEY) as key:
                found = True
                index = 0
                while True:
                    try:
                        name, _value, _kind = winreg.EnumValue(key, index)
                    except OSError:  # no more values
                        break
                    names.append(name)
                    index += 1
        except OSError:
            continue
    return names if found else None
