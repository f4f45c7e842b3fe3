"""Errors the layers raise for bad input; the CLI and GUI turn them into messages."""

from __future__ import annotations

from pathlib import Path


class PinganError(Exception):
    """Base class: a problem the user can understand and fix. `reason` is Simplified Chinese."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}：{self.reason}" if self.path is not None else self.reason


class SourceError(PinganError):
    """A file could not be read as a source: missing, unsupported, binary, empty, broken."""
