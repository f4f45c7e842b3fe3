"""The prompter's remembered look, kept in QSettings under "prompter/…".

Keys (all optional; a missing, mistyped or out-of-range value reads as the default):
- "prompter/font_size"     int, pixel size of the text, FONT_SIZE_RANGE, default 64
- "prompter/line_spacing"  float, line pitch as a multiple of the line height, SPACING_RANGE, default 1.6
- "prompter/mirrored"      bool, mirrored for a glass (beam-splitter) prompter, default false

The INI backend hands every value back as text, so values are converted and checked here rather
than trusted (as gui/settings.py does for the app's own settings)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

FONT_SIZE_KEY = "prompter/font_size"
SPACING_KEY = "prompter/line_spacing"
MIRRORED_KEY = "prompter/mirrored"

FONT_SIZE_RANGE = (24, 200)  # px
FONT_SIZE_STEP = 4
SPACING_RANGE = (1.0, 3.0)
SPACING_STEP = 0.1


@dataclass(frozen=True, slots=True)
class PrompterLook:
    font_size: int = 64
    line_spacing: float = 1.6
    mirrored: bool = False


def _number(raw: object, kind: type, low: float, high: float, default: float) -> float:
    try:
        value = kind(raw)  # type: ignore[call-arg]
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default


def _flag(raw: object, default: bool) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    return default


def load_look(store: QSettings) -> PrompterLook:
    default = PrompterLook()
    return PrompterLook(
        int(_number(store.value(FONT_SIZE_KEY), int, *FONT_SIZE_RANGE, default.font_size)),
        round(float(_number(store.value(SPACING_KEY), float, *SPACING_RANGE, default.line_spacing)), 2),
        _flag(store.value(MIRRORED_KEY), default.mirrored),
    )


def save_look(store: QSettings, look: PrompterLook) -> None:
    store.setValue(FONT_SIZE_KEY, look.font_size)
    store.setValue(SPACING_KEY, look.line_spacing)
    store.setValue(MIRRORED_KEY, look.mirrored)


def clamp_font_size(size: int) -> int:
    low, high = FONT_SIZE_RANGE
    return min(max(size, low), high)


def clamp_spacing(spacing: float) -> float:
    low, high = SPACING_RANGE
    return round(min(max(spacing, low), high), 2)
