"""Chinese for Qt's own words, whatever the system's language.

The app's users read Chinese; a desktop started with LANG=C (or an English system) would
otherwise show Qt's built-in texts in English: "Look in:" and "Cancel" in file dialogs, "Undo"
and "Paste" in the editor's context menu, "OK" on message boxes, and dates as "Monday,
November 30, 2026". PySide6 ships Qt's Chinese catalogues; this loads them and makes Chinese
(China) the default locale, before any widget is created."""

from __future__ import annotations

import base64
import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

LOCALE_NAME = "zh_CN"
# Only qtbase: it holds every string QtWidgets shows. The meta catalogue qt_zh_CN.qm also needs
# qtmultimedia_zh_CN.qm, which PySide6-Essentials does not ship, so it would not load here.
CATALOGUES = ("qtbase",)

# Words Qt 6 shows but qtbase_zh_CN.qm does not translate (found by opening the dialogs), as a
# compiled catalogue. A Python QTranslator subclass cannot say "not mine" (PySide6 turns the
# None that would mean a null string into a refcount error), so the supplement is a real .qm:
# SUPPLEMENT_TS compiled with `pyside6-lrelease supplement.ts -qm supplement.qm`, base64 below.
SUPPLEMENT_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context><name>QFileDialog</name>
<message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
<message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
</context>
<context><name>QPlatformTheme</name>
<message><source>Don&apos;t Save</source><translation>不保存</translation></message>
</context>
</TS>
"""
# QTranslator reads the data in place: this module-level object must outlive the translator.
SUPPLEMENT_QM = base64.b64decode(
    "PLhkGMrvnJXNIRy/YKG93acAAAAFemhfQ05CAAAAGAAfPgoAAAA7Bl1FKgAAAAAOYS7FAAAAfGkAAACvAwAAABJn5WJ+gwNW"
    "9AAoACYATAAp/xoIAAAAAAYAAAAJJkxvb2sgaW46BwAAAAtRRmlsZURpYWxvZwEDAAAAEmWHTvZ8e1eLACgAJgBUACn/GggA"
    "AAAABgAAAA9GaWxlcyBvZiAmdHlwZToHAAAAC1FGaWxlRGlhbG9nAQMAAAAGTg1P3VtYCAAAAAAGAAAACkRvbid0IFNhdmUH"
    "AAAADlFQbGF0Zm9ybVRoZW1lAQ=="
)

_installed: list[QTranslator] = []  # QCoreApplication does not own translators: keep them alive


def chinese_locale() -> QLocale:
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def install_chinese(app: QApplication) -> list[str]:
    """Load Qt's Chinese translations into `app` and make Chinese (China) the default locale.

    Returns the catalogue files loaded (e.g. ["qtbase_zh_CN.qm"]); a few words the catalogue
    lacks come from SUPPLEMENT_QM. A catalogue that is missing or unreadable is logged as a
    warning and skipped: the app still starts, partly in English. Calling it again loads
    nothing twice."""
    locale = chinese_locale()
    QLocale.setDefault(locale)  # left to right, as the Chinese catalogues below also say
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[str] = []
    already = {t.filePath() for t in _installed}
    for name in CATALOGUES:
        file_name = f"{name}_{LOCALE_NAME}.qm"
        translator = QTranslator(app)
        if not translator.load(f"{name}_{LOCALE_NAME}", folder):
            log.warning("未能加载 Qt 中文翻译 %s（目录 %s），部分界面文字将显示为英文", file_name, folder)
            continue
        if translator.filePath() in already:
            translator.deleteLater()
            loaded.append(file_name)
            continue
        if not app.installTranslator(translator):
            log.warning("Qt 中文翻译 %s 无法安装（文件为空？），部分界面文字将显示为英文", file_name)
            continue
        _installed.append(translator)
        loaded.append(file_name)
    if not any(t.objectName() == "supplement" for t in _installed):
        supplement = QTranslator(app)
        supplement.setObjectName("supplement")
        if supplement.load(SUPPLEMENT_QM) and app.installTranslator(supplement):
            _installed.append(supplement)  # installed last, so asked first
        else:
            log.warning("未能加载补充的中文译文")
    log.info("界面语言：简体中文（已加载 %s）", "、".join(loaded) or "无")
    return loaded
