"""The main window's actions and menus, in one place: 文件 编辑 插入 检查 导出 视图 帮助.

Standard shortcuts come from QKeySequence.StandardKey where one exists; icons from the theme
with a drawn fallback, so the app looks complete on a desktop without an icon theme.

The menus are built before the window is first shown, the drawn icons and the tool bar's style
right after (finish_toolbar): PySide6 builds its whole Qt namespace, about 20 ms, the first time
any call takes or returns one of its enums (painting, setShortcut's overloads, tool-button
styles), and the frame does without it so the window appears as fast as a bare Qt window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

S = QKeySequence.StandardKey


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def fallback_icon(letter: str, color: str) -> QIcon:
    """A letter on a rounded square, for desktops without an icon theme."""
    Qt = QtCore.Qt
    pix = QPixmap(32, 32)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(color))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(2, 2, 28, 28, 6, 6)
    p.setPen(QColor("white"))
    font = p.font()
    font.setPixelSize(18)
    font.setBold(True)
    p.setFont(font)
    p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, letter)
    p.end()
    return QIcon(pix)


def make_action(
    parent,
    text: str,
    slot: Callable[[], object] | None = None,
    shortcut: QKeySequence.StandardKey | str | None = None,
    theme_icon: str = "",
    tip: str = "",
) -> QAction:
    """An action; its drawn fallback icon, if the theme has none, comes in finish_toolbar()."""
    action = QAction(tr(text), parent)
    if shortcut is not None:
        action.setShortcuts([QKeySequence(shortcut)])  # setShortcut's overloads take Qt's enums
    if theme_icon:
        action.setIcon(QIcon.fromTheme(theme_icon))
    if tip:
        action.setStatusTip(tr(tip))
        action.setToolTip(tr(tip))
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return action


@dataclass(slots=True)
class Menus:
    """What the menu bar hands back to the window: every action by name, and the menus that are
    filled later (recent files, section templates, dock toggles)."""

    action_map: dict[str, QAction]
    recent: QMenu
    sections: QMenu
    view: QMenu
    toolbar: QToolBar


# name, text, shortcut, theme icon, fallback icon, status tip
ACTIONS: list[tuple[str, str, object, str, tuple[str, str] | None, str]] = [
    ("new", "新建发言稿…", S.New, "document-new", ("新", "#c62828"), "按模板新建发言稿"),
    ("open", "打开稿件…", S.Open, "document-open", ("开", "#1565c0"), ""),
    ("save", "保存", S.Save, "document-save", ("存", "#2e7d32"), ""),
    ("save_as", "另存为…", S.SaveAs, "", None, ""),
    (
        "import",
        "导入原文…",
        "Ctrl+I",
        "document-import",
        ("导", "#6a1b9a"),
        "把 PDF、Word（.docx .doc）、WPS、网页、.txt 等原文导入资料库",
    ),
    (
        "import_clipboard",
        "从剪贴板导入原文",
        "Ctrl+Shift+I",
        "edit-paste",
        None,
        "把复制的文字或网页内容作为原文导入资料库，标题取第一行",
    ),
    ("remove_source", "从资料库移除所选原文", None, "", None, ""),
    ("preferences", "首选项…", S.Preferences, "", None, ""),
    ("quit", "退出", S.Quit, "", None, ""),
    ("undo", "撤销", S.Undo, "", None, ""),
    ("redo", "重做", S.Redo, "", None, ""),
    ("cut", "剪切", S.Cut, "", None, ""),
    ("copy", "复制", S.Copy, "", None, ""),
    ("paste", "粘贴", S.Paste, "", None, ""),
    ("select_all", "全选", S.SelectAll, "", None, ""),
    ("find", "查找…", S.Find, "", None, ""),
    ("replace", "替换…", S.Replace, "", None, ""),
    ("next_prompt", "下一处待填写的提示", "F3", "", None, "选中下一处【…】提示，直接输入即可替换"),
    ("prev_prompt", "上一处待填写的提示", "Shift+F3", "", None, ""),
    (
        "quote",
        "引用所选原文",
        "Ctrl+Shift+Q",
        "insert-text",
        ("引", "#ef6c00"),
        "把阅读区选中的原文（或当前节点）插入光标处，并记录出处",
    ),
    (
        "skeleton",
        "从所选提纲生成学习体会",
        "Ctrl+Shift+K",
        "",
        None,
        "所选提纲节点成为“学习体会”下的各条体会：论点 + 原文一是二是三是的首句（逐字引用）",
    ),
    ("skeleton_full", "从所选提纲生成学习体会（引用全文）", None, "", None, "同上，但逐字引用各要点的全文"),
    (
        "check",
        "检查稿件",
        "F7",
        "tools-check-spelling",
        ("检", "#00838f"),
        "未填写的提示、引文、编号、层级、标点、重复、规范表述、篇幅",
    ),
    ("renumber", "重新编号", None, "", None, ""),
    ("fix_levels", "纠正层级并重新编号", None, "", None, ""),
    (
        "export",
        "导出…",
        "Ctrl+E",
        "document-export",
        ("出", "#37474f"),
        "导出为公文格式 Word、PDF、.txt 或 .md",
    ),
    (
        "prompter",
        "提词器",
        "F5",
        "",
        None,
        "全屏显示讲稿，按语速滚动：空格开始/暂停，↑↓调速，PgUp/PgDn 跳到上一节/下一节，M 镜像，Esc 退出",
    ),
    ("guide", "使用说明", S.HelpContents, "help-contents", None, ""),
    ("shortcuts", "快捷键一览", None, "", None, ""),
    ("about", "关于平安写作", None, "", None, ""),
]

MENUS: list[tuple[str, list[str | None]]] = [
    (
        "文件(&F)",
        [
            "new",
            "open",
            "save",
            "save_as",
            "@recent",
            None,
            "import",
            "import_clipboard",
            "remove_source",
            None,
            "preferences",
            None,
            "quit",
        ],
    ),
    (
        "编辑(&E)",
        [
            "undo",
            "redo",
            None,
            "cut",
            "copy",
            "paste",
            "select_all",
            None,
            "find",
            "replace",
            None,
            "next_prompt",
            "prev_prompt",
        ],
    ),
    ("插入(&I)", ["quote", "skeleton", "skeleton_full", "@sections"]),
    ("检查(&C)", ["check", "renumber", "fix_levels"]),
    ("导出(&X)", ["export"]),
    ("视图(&V)", ["prompter", None]),
    ("帮助(&H)", ["guide", "shortcuts", None, "about"]),
]
TOOLBAR = ["new", "open", "save", "import", "quote", "check", "export"]


def build_menus(window: QMainWindow, handlers: dict[str, Callable[[], object]]) -> Menus:
    """The menu bar and tool bar of `window`, each action calling `handlers[name]`."""
    action_map = {
        name: make_action(window, text, handlers.get(name), shortcut, icon, tip)
        for name, text, shortcut, icon, _fallback, tip in ACTIONS
    }
    if QKeySequence(S.Replace).isEmpty():
        action_map["replace"].setShortcuts([QKeySequence("Ctrl+H")])
    if QKeySequence(S.HelpContents).isEmpty():
        action_map["guide"].setShortcuts([QKeySequence("F1")])
    bar = window.menuBar()
    special: dict[str, QMenu] = {}
    for title, names in MENUS:
        menu = bar.addMenu(tr(title))
        if title.startswith("视图"):  # the docks' toggles are added after its own actions
            special["view"] = menu
        for name in names:
            if name is None:
                menu.addSeparator()
            elif name == "@recent":
                special["recent"] = menu.addMenu(tr("最近打开"))
            elif name == "@sections":
                special["sections"] = menu.addMenu(tr("段落模板"))
            else:
                menu.addAction(action_map[name])
    tools = window.addToolBar(tr("常用"))
    tools.setObjectName("main-toolbar")
    for name in TOOLBAR:
        tools.addAction(action_map[name])
    return Menus(action_map, special["recent"], special["sections"], special["view"], tools)


def finish_toolbar(menus: Menus) -> None:
    """Once the window is on screen: drawn icons where the theme has none, text beside icons."""
    fallbacks = {name: fallback for name, _t, _s, _i, fallback, _tip in ACTIONS if fallback}
    for name, fallback in fallbacks.items():
        action = menus.action_map[name]
        if action.icon().isNull():
            action.setIcon(fallback_icon(*fallback))
    menus.toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
