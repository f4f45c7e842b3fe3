"""Every word the prompter shows, in one place (Simplified Chinese)."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("PrompterWindow", text)


WINDOW_TITLE = "提词器"
READY = "按空格键开始"
PAUSED = "已暂停 · 空格继续"
FINISHED = "已到结尾"
MIRRORED = "镜像"
ON_PLAN = "与计划同步"
NO_TARGET = "未设目标时长"
HELP = (
    "空格 暂停/继续　回车 本节读完（排练）　↑↓ 语速　PgUp/PgDn 上/下一节　"
    "+/− 字号　[ ] 行距　M 镜像　Esc 退出"
)


def clock(seconds: float) -> str:
    """mm:ss (h:mm:ss past an hour), whole seconds."""
    total = int(max(seconds, 0.0))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def elapsed(seconds: float) -> str:
    return tr("已用 {time}").format(time=clock(seconds))


def time_left(seconds_left: float | None) -> str:
    """Time left against the target, or how far over it the talk has run."""
    if seconds_left is None:
        return tr(NO_TARGET)
    if seconds_left >= 0:
        return tr("剩余 {time}").format(time=clock(math.ceil(seconds_left)))
    return tr("超时 {time}").format(time=clock(-seconds_left))


def lead(seconds: float) -> str:
    """Ahead of or behind the plan: "比计划快 12 秒" / "比计划慢 8 秒"."""
    whole = round(seconds)
    if whole == 0:
        return tr(ON_PLAN)
    word = tr("快") if whole > 0 else tr("慢")
    return tr("比计划{word} {seconds} 秒").format(word=word, seconds=abs(whole))


def rate(characters_per_minute: int) -> str:
    return tr("语速 {rate} 字/分钟").format(rate=characters_per_minute)
