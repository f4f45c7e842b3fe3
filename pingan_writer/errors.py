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


def describe_error(exc: BaseException) -> str:
    """What to tell a user about `exc`, in Chinese: our own errors as they are, disk and database
    errors in plain words, anything else as an unexpected failure (the log has the details)."""
    import sqlite3

    from pingan_writer.atomic import os_reason

    if isinstance(exc, PinganError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}：" if getattr(exc, "filename", None) else ""
        return f"{where}{os_reason(exc)}"
    if isinstance(exc, sqlite3.Error):
        return f"资料库读写出错（{exc}）"
    return f"操作未能完成：{type(exc).__name__}: {exc}"
