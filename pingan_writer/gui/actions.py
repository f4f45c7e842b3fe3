"""The main window's actions and menus, in one place: 文件 编辑 插入 检查 导出 帮助.

Standard shortcuts come from QKeySequence.StandardKey where one exists; icons from the theme
with a drawn fallback, so the app looks complete on a desktop without an icon theme."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def fallback_icon(letter: str, color: str) -> QIcon:
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
    fallback: tuple[str, str] | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(tr(text), parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if theme_icon or fallback:
        icon = QIcon.fromTheme(theme_icon) if theme_icon else QIcon()
        if icon.isNull() and fallback:
            icon = fallback_icon(*fallback)
        action.setIcon(icon)
    if tip:
        action.setStatusTip(tr(tip))
        action.setToolTip(tr(tip))
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menus(w) -> None:
    """Create w.actions (name → QAction) and the menu bar and tool bar of MainWindow `w`."""
    S = QKeySequence.StandardKey
    a = {
        "new": make_action(
            w, "新建发言稿…", w.new_draft, S.New, "document-new", ("新", "#c62828"), "按模板新建发言稿"
        ),
        "open": make_action(w, "打开稿件…", w.open_draft, S.Open, "document-open", ("开", "#1565c0")),
        "save": make_action(w, "保存", w.save, S.Save, "document-save", ("存", "#2e7d32")),
        "save_as": make_action(w, "另存为…", w.save_as, S.SaveAs),
        "import": make_action(
            w,
            "导入原文…",
            w.import_files,
            "Ctrl+I",
            "document-import",
            ("导", "#6a1b9a"),
            "把 .txt、.docx、.md 原文导入资料库",
        ),
        "remove_source": make_action(w, "从资料库移除所选原文", w.remove_source),
        "preferences": make_action(w, "首选项…", w.edit_preferences, S.Preferences),
        "quit": make_action(w, "退出", w.close, S.Quit),
        "undo": make_action(w, "撤销", lambda: w.editor.undo(), S.Undo),
        "redo": make_action(w, "重做", lambda: w.editor.redo(), S.Redo),
        "cut": make_action(w, "剪切", lambda: w.editor.cut(), S.Cut),
        "copy": make_action(w, "复制", lambda: w.editor.copy(), S.Copy),
        "paste": make_action(w, "粘贴", lambda: w.editor.paste(), S.Paste),
        "select_all": make_action(w, "全选", lambda: w.editor.selectAll(), S.SelectAll),
        "find": make_action(w, "查找…", lambda: w.find_bar.open(False), S.Find),
        "replace": make_action(w, "替换…", lambda: w.find_bar.open(True), S.Replace),
        "quote": make_action(
            w,
            "引用所选原文",
            w.quote_from_reader,
            "Ctrl+Shift+Q",
            "insert-text",
            ("引", "#ef6c00"),
            "把阅读区选中的原文（或当前节点）插入光标处，并记录出处",
        ),
        "skeleton": make_action(
            w,
            "从所选提纲生成学习体会",
            w.insert_skeleton,
            "Ctrl+Shift+K",
            tip="每个所选提纲节点生成一条体会：论点 + 原文的一是二是三是（逐字引用）",
        ),
        "check": make_action(
            w,
            "检查稿件",
            w.run_checks,
            "F7",
            "tools-check-spelling",
            ("检", "#00838f"),
            "编号、层级、标点、重复字词、规范表述、篇幅",
        ),
        "renumber": make_action(w, "重新编号", lambda: w.renumber(False)),
        "fix_levels": make_action(w, "纠正层级并重新编号", lambda: w.renumber(True)),
        "export": make_action(
            w,
            "导出…",
            w.export,
            "Ctrl+E",
            "document-export",
            ("出", "#37474f"),
            "导出为公文格式 Word、PDF、.txt 或 .md",
        ),
        "about": make_action(w, "关于平安写作", w.about),
    }
    w.actions = a
    if S.Replace and QKeySequence(S.Replace).isEmpty():
        a["replace"].setShortcut(QKeySequence("Ctrl+H"))
    bar = w.menuBar()
    file_menu = bar.addMenu(tr("文件(&F)"))
    for name in ("new", "open", "save", "save_as"):
        file_menu.addAction(a[name])
    w.recent_menu = file_menu.addMenu(tr("最近打开"))
    file_menu.addSeparator()
    file_menu.addAction(a["import"])
    file_menu.addAction(a["remove_source"])
    file_menu.addSeparator()
    file_menu.addAction(a["preferences"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu(tr("编辑(&E)"))
    for name in ("undo", "redo", None, "cut", "copy", "paste", "select_all", None, "find", "replace"):
        edit_menu.addSeparator() if name is None else edit_menu.addAction(a[name])
    insert_menu = bar.addMenu(tr("插入(&I)"))
    insert_menu.addAction(a["quote"])
    insert_menu.addAction(a["skeleton"])
    w.sections_menu = insert_menu.addMenu(tr("段落模板"))
    check_menu = bar.addMenu(tr("检查(&C)"))
    for name in ("check", "renumber", "fix_levels"):
        check_menu.addAction(a[name])
    export_menu = bar.addMenu(tr("导出(&X)"))
    export_menu.addAction(a["export"])
    w.view_menu = bar.addMenu(tr("视图(&V)"))
    help_menu = bar.addMenu(tr("帮助(&H)"))
    help_menu.addAction(a["about"])
    tools = w.addToolBar(tr("常用"))
    tools.setObjectName("main-toolbar")
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in ("new", "open", "save", "import", "quote", "check", "export"):
        tools.addAction(a[name])
