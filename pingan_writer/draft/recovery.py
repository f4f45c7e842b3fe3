"""Recovery copies of drafts being edited: written by autosave, offered after a crash or kill.

Each open draft has one recovery file (native format plus where it belongs and when it was
written), written atomically into the app's data folder. A clean close removes it, so any file
still there at the next start is work that would otherwise be lost."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from pingan_writer.atomic import atomic_write
from pingan_writer.draft.model import Draft
from pingan_writer.errors import PinganError

log = logging.getLogger(__name__)

DATA_ENV = "PINGAN_WRITER_DATA"


def data_dir() -> Path:
    """The app's data folder: $PINGAN_WRITER_DATA, else the platform's user data folder."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else Path(platformdirs.user_data_dir("pingan-writer", appauthor=False))


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    key: str
    path: str | None  # where the draft was saved, or None for an unsaved draft
    saved_at: str
    draft: Draft

    @property
    def label(self) -> str:
        if self.path:
            return Path(self.path).name
        return self.draft.meta.title or "未命名稿件"

    def preview(self, n: int = 80) -> str:
        text = " ".join(self.draft.text.split())
        return text[:n] + ("…" if len(text) > n else "")


class RecoveryStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "recovery"

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.recovery.json"

    def save(self, key: str, draft: Draft, path: str | None) -> None:
        from pingan_writer.draft.fileformat import draft_to_json  # not needed before the first autosave

        self.folder.mkdir(parents=True, exist_ok=True)
        record = {
            "path": path,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "draft": json.loads(draft_to_json(draft)),
        }
        data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        atomic_write(self._file(key), data, keep_backup=False, new_mode=0o600)  # private copies

    def discard(self, key: str) -> None:
        self._file(key).unlink(missing_ok=True)

    def entries(self) -> list[RecoveryEntry]:
        """Readable recovery files, newest first; unreadable ones are kept on disk, not offered."""
        if not self.folder.exists():
            return []
        from pingan_writer.draft.fileformat import draft_from_data
        from pingan_writer.draft.schema import parse_json  # nesting and number limits, as for drafts

        found = []
        for f in self.folder.glob("*.recovery.json"):
            try:
                record = parse_json(f.read_text(encoding="utf-8"))
                draft = draft_from_data(record["draft"], f)
            except (OSError, ValueError, KeyError, TypeError, PinganError) as exc:
                log.warning("恢复副本 %s 无法读取，已跳过（文件保留）：%s", f, exc)
                continue
            key = f.name.removesuffix(".recovery.json")
            found.append(RecoveryEntry(key, record.get("path"), record.get("saved_at", ""), draft))
        found.sort(key=lambda e: e.saved_at, reverse=True)
        return found
