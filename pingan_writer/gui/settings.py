"""Typed settings over QSettings: preferences, recent files, last folders, window layout.

Settings live wherever QSettings puts them for the application (the platform's config location;
tests point QSettings at a temporary folder). Every getter returns a value of its declared type:
a stored value of the wrong type or out of range (a hand-edited file, a value written by another
version) falls back to the default instead of raising, so a bad settings file can never stop the
app from starting.

The INI backend stores everything as text and returns a one-element list as a plain string, so
the readers below convert and validate rather than trust `QSettings.value(..., type=...)`.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from pingan_writer.export.options import (
    FANGSONG_CHOICES,
    KAITI_CHOICES,
    PROVENANCE_CHOICES,
    QUOTE_KAI,
    QUOTE_PLAIN,
    ExportOptions,
)
from pingan_writer.text.counting import DEFAULT_RATE

MAX_RECENT_FILES = 10

RATE_RANGE = (100, 300)  # 字/分钟
MINUTES_RANGE = (1.0, 120.0)
FONT_SIZE_RANGE = (8, 36)
LINE_PITCHES = (28, 29)
QUOTE_STYLES = (QUOTE_PLAIN, QUOTE_KAI)

_PREFS_GROUP = "preferences"
_RECENT_KEY = "recent/files"
_EXPORT_DIR_KEY = "paths/last_export_dir"
_IMPORT_DIR_KEY = "paths/last_import_dir"
_GEOMETRY_KEY = "window/geometry"
_STATE_KEY = "window/state"
_FIRST_RUN_KEY = "app/first_run_done"
_SPEAKER_KEY = "wizard/speaker"
_MEETING_KEY = "wizard/meeting"


@dataclass
class Preferences:
    """What the user sets in the preferences dialog; defaults are the standard layout."""

    speaking_rate: int = DEFAULT_RATE  # 字/分钟
    target_minutes: float = 8.0
    line_pitch: int = 29  # 磅
    quote_style: str = QUOTE_PLAIN  # "plain" | "kai"
    source_notes: bool = False
    page_numbers: bool = True
    signature: bool = True
    fangsong: str = FANGSONG_CHOICES[0]  # 仿宋_GB2312 or 仿宋, whichever the office's machines have
    kaiti: str = KAITI_CHOICES[0]
    provenance: str = PROVENANCE_CHOICES[0]  # none | comments | notes
    editor_font_family: str = ""  # empty: the system's default font
    editor_font_size: int = 14  # pt

    def export_options(self) -> ExportOptions:
        """The export defaults as ExportOptions (validated: out-of-range values use defaults)."""
        clean = normalized(self)
        return ExportOptions(
            **{name: getattr(clean, name) for name in EXPORT_FIELDS},
            speaker_rate=clean.speaking_rate,  # a speaker's copy times its sections at this pace
        )

    def with_export(self, options: ExportOptions) -> Preferences:
        """A copy whose export defaults are `options` (the rest unchanged)."""
        return replace(self, **{name: getattr(options, name) for name in EXPORT_FIELDS})


# The export defaults a Preferences keeps, by the names ExportOptions gives them: one list for
# both directions, so a field added to one cannot be dropped by the other.
EXPORT_FIELDS = (
    "quote_style",
    "source_notes",
    "line_pitch",
    "page_numbers",
    "signature",
    "fangsong",
    "kaiti",
    "provenance",
)


def normalized(prefs: Preferences) -> Preferences:
    """A copy of `prefs` with every field of the wrong type or out of range set to its default."""
    default = Preferences()
    return Preferences(
        speaking_rate=_to_int(prefs.speaking_rate, default.speaking_rate, RATE_RANGE),
        target_minutes=_to_float(prefs.target_minutes, default.target_minutes, MINUTES_RANGE),
        line_pitch=_to_choice(
            _to_int(prefs.line_pitch, default.line_pitch), LINE_PITCHES, default.line_pitch
        ),
        quote_style=_to_choice(prefs.quote_style, QUOTE_STYLES, default.quote_style),
        source_notes=_to_bool(prefs.source_notes, default.source_notes),
        page_numbers=_to_bool(prefs.page_numbers, default.page_numbers),
        signature=_to_bool(prefs.signature, default.signature),
        fangsong=_to_choice(prefs.fangsong, FANGSONG_CHOICES, default.fangsong),
        kaiti=_to_choice(prefs.kaiti, KAITI_CHOICES, default.kaiti),
        provenance=_to_choice(prefs.provenance, PROVENANCE_CHOICES, default.provenance),
        editor_font_family=_to_str(prefs.editor_font_family, default.editor_font_family),
        editor_font_size=_to_int(prefs.editor_font_size, default.editor_font_size, FONT_SIZE_RANGE),
    )


class Settings:
    """The app's persistent settings. Pass a QSettings to use a particular store; by default the
    application's own (organisation and application name set on the QCoreApplication)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    @property
    def store(self) -> QSettings:
        return self._store

    def sync(self) -> None:
        """Write pending changes now (QSettings otherwise writes them later or on exit)."""
        self._store.sync()

    # --- preferences ---------------------------------------------------------------------------

    def preferences(self) -> Preferences:
        raw = {f.name: self._store.value(f"{_PREFS_GROUP}/{f.name}") for f in fields(Preferences)}
        # A missing key reads as None, which normalized() turns into the field's default.
        return normalized(Preferences(**raw))

    def set_preferences(self, prefs: Preferences) -> None:
        clean = normalized(prefs)
        for f in fields(Preferences):
            self._store.setValue(f"{_PREFS_GROUP}/{f.name}", getattr(clean, f.name))

    # --- recent files --------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Most recent first, at most MAX_RECENT_FILES, including files that no longer exist."""
        raw = self._store.value(_RECENT_KEY)
        if isinstance(raw, str):  # the INI backend returns a one-element list as its element
            raw = [raw]
        if not isinstance(raw, list):
            return []
        paths: list[Path] = []
        seen: set[str] = set()
        for item in raw:
            if not isinstance(item, str) or not item:
                continue
            key = _path_key(item)
            if key not in seen:
                seen.add(key)
                paths.append(Path(item))
        return paths[:MAX_RECENT_FILES]

    def existing_recent_files(self) -> list[Path]:
        """The recent files that still exist, for the 最近打开 menu."""
        return [p for p in self.recent_files() if p.is_file()]

    def add_recent_file(self, path: str | os.PathLike[str]) -> None:
        """Put `path` first, dropping an earlier entry for the same file and the oldest beyond the limit."""
        path = Path(os.path.abspath(path))
        key = _path_key(str(path))
        rest = [p for p in self.recent_files() if _path_key(str(p)) != key]
        self._write_recent([path, *rest][:MAX_RECENT_FILES])

    def remove_recent_file(self, path: str | os.PathLike[str]) -> None:
        key = _path_key(os.path.abspath(path))
        self._write_recent([p for p in self.recent_files() if _path_key(str(p)) != key])

    def clear_recent_files(self) -> None:
        self._store.remove(_RECENT_KEY)

    def _write_recent(self, paths: list[Path]) -> None:
        self._store.setValue(_RECENT_KEY, [str(p) for p in paths])

    # --- folders -------------------------------------------------------------------------------

    def last_export_dir(self) -> Path:
        """Where the last export went; the home folder when unset or no longer a folder."""
        return self._dir(_EXPORT_DIR_KEY)

    def set_last_export_dir(self, folder: str | os.PathLike[str]) -> None:
        self._store.setValue(_EXPORT_DIR_KEY, str(folder))

    def last_import_dir(self) -> Path:
        """Where sources were last imported from; the home folder when unset or gone."""
        return self._dir(_IMPORT_DIR_KEY)

    def set_last_import_dir(self, folder: str | os.PathLike[str]) -> None:
        self._store.setValue(_IMPORT_DIR_KEY, str(folder))

    def _dir(self, key: str) -> Path:
        raw = self._store.value(key)
        if isinstance(raw, str) and raw and Path(raw).is_dir():
            return Path(raw)
        return Path.home()

    # --- window --------------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray:
        """Saved QWidget.saveGeometry() bytes; empty when there are none (restoreGeometry ignores them)."""
        return self._bytes(_GEOMETRY_KEY)

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue(_GEOMETRY_KEY, QByteArray(geometry))

    def window_state(self) -> QByteArray:
        """Saved QMainWindow.saveState() bytes (docks and toolbars); empty when there are none."""
        return self._bytes(_STATE_KEY)

    def set_window_state(self, state: QByteArray) -> None:
        self._store.setValue(_STATE_KEY, QByteArray(state))

    def _bytes(self, key: str) -> QByteArray:
        raw = self._store.value(key)
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, bytes | bytearray):
            return QByteArray(bytes(raw))
        return QByteArray()

    # --- first run and wizard memory -----------------------------------------------------------

    def first_run_done(self) -> bool:
        """False until the first start has opened the sample documents."""
        return _to_bool(self._store.value(_FIRST_RUN_KEY), False)

    def set_first_run_done(self, done: bool = True) -> None:
        self._store.setValue(_FIRST_RUN_KEY, bool(done))

    def speaker(self) -> str:
        """The 发言人 last entered in the new-draft wizard."""
        return _to_str(self._store.value(_SPEAKER_KEY), "")

    def set_speaker(self, speaker: str) -> None:
        self._store.setValue(_SPEAKER_KEY, speaker)

    def meeting(self) -> str:
        """The 会议名称 last entered in the new-draft wizard."""
        return _to_str(self._store.value(_MEETING_KEY), "")

    def set_meeting(self, meeting: str) -> None:
        self._store.setValue(_MEETING_KEY, meeting)


# --- conversion: never raise, fall back to the default ---------------------------------------------


def _path_key(path: str) -> str:
    # Same file spelt differently (relative, other case on Windows) must count once.
    return os.path.normcase(os.path.abspath(path))


def _to_bool(value: Any, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes", "on"):
            return True
        if text in ("false", "0", "no", "off"):
            return False
    return default


def _to_int(value: Any, default: int, bounds: tuple[int, int] | None = None) -> int:
    if isinstance(value, bool):  # bool is an int subclass, but True is not a font size
        return default
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            return default
    else:
        return default
    if bounds is not None and not bounds[0] <= number <= bounds[1]:
        return default
    return number


def _to_float(value: Any, default: float, bounds: tuple[float, float]) -> float:
    if isinstance(value, bool):
        return default
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return default
    else:
        return default
    if not math.isfinite(number) or not bounds[0] <= number <= bounds[1]:
        return default
    return number


def _to_str(value: Any, default: str) -> str:
    return value if isinstance(value, str) else default


def _to_choice(value: Any, choices: tuple[Any, ...], default: Any) -> Any:
    return value if value in choices else default
